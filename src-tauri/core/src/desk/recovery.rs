//! The sign-in's recovery flows, by profile and typed username (no state kept): a
//! forgotten or administrator-reset password, and an account not confirmed yet.

use super::SignInService;
use crate::dto::CodeDelivery;
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::secret::Password;

/// A code from a message that did not match: not the authenticator app's clock advice.
pub(super) fn message_code_error(e: Error) -> Error {
    match e.code {
        Code::CodeMismatchException => Error::new(
            Code::DeliveredCodeMismatch,
            "The code did not match.",
            "Type the code from the latest message Cognito sent, or ask for a new one.",
        ),
        Code::ExpiredCodeException => Error::new(
            Code::ExpiredCodeException,
            "That code has expired or was already used.",
            "Ask Cognito for a new code.",
        ),
        _ => e,
    }
}

impl SignInService {
    /// ForgotPassword: Cognito sends a code to the account's email or phone.
    pub async fn forgot_password(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<CodeDelivery> {
        let profile = self.profile(profile_id)?;
        let talk = self.conversation(&profile).await?;
        talk.forgot_password(username.as_str()).await
    }

    /// ConfirmForgotPassword: the code and the new password; then sign in with it.
    pub async fn confirm_forgot_password(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        code: &str,
        new_password: Password,
    ) -> Result<()> {
        let profile = self.profile(profile_id)?;
        let talk = self.conversation(&profile).await?;
        talk.confirm_forgot_password(username.as_str(), code, &new_password)
            .await
            .map_err(message_code_error)
    }

    /// ConfirmSignUp: the code from the sign-up message.
    pub async fn confirm_sign_up(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        code: &str,
    ) -> Result<()> {
        let profile = self.profile(profile_id)?;
        let talk = self.conversation(&profile).await?;
        talk.confirm_sign_up(username.as_str(), code)
            .await
            .map_err(message_code_error)
    }

    /// ResendConfirmationCode: a new sign-up code.
    pub async fn resend_confirmation_code(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<CodeDelivery> {
        let profile = self.profile(profile_id)?;
        let talk = self.conversation(&profile).await?;
        talk.resend_confirmation_code(username.as_str()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_message_code_gets_message_advice() {
        let e = message_code_error(Error::new(Code::CodeMismatchException, "m", "clock"));
        assert_eq!(e.code, Code::DeliveredCodeMismatch);
        assert!(!e.hint.contains("clock"));
        let other = message_code_error(Error::new(Code::InvalidPasswordException, "m", "h"));
        assert_eq!(other.code, Code::InvalidPasswordException);
    }
}
