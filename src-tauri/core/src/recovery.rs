//! Errors that are really flows: a forgotten (or administrator-reset) password —
//! ForgotPassword, then ConfirmForgotPassword with the code and a new password — and an
//! account not confirmed yet — ConfirmSignUp with the code, ResendConfirmationCode for a
//! new one. Every call carries SecretHash when the app client has a secret.

use crate::aws::{Call, CallLog};
use crate::dto::CodeDelivery;
use crate::error::{Code, Error, Result};
use crate::secret::Password;
use crate::signin::Conversation;
use aws_sdk_cognitoidentityprovider::types::CodeDeliveryDetailsType;

fn delivery(details: Option<&CodeDeliveryDetailsType>) -> CodeDelivery {
    CodeDelivery {
        destination: details.and_then(|d| d.destination()).map(str::to_owned),
        medium: details
            .and_then(|d| d.delivery_medium())
            .map(|m| m.as_str().to_owned()),
        attribute: details.and_then(|d| d.attribute_name()).map(str::to_owned),
    }
}

fn username_of(raw: &str) -> Result<&str> {
    let username = raw.trim();
    if username.is_empty() {
        return Err(Error::new(
            Code::MissingCredentials,
            "Enter the email (or username) of the account.",
            "",
        ));
    }
    Ok(username)
}

fn code_of(raw: &str) -> Result<String> {
    let code: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if code.is_empty() || code.len() > 10 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::new(
            Code::InvalidDeliveredCode,
            "Enter the code from the message Cognito sent (digits only).",
            "Spaces are fine; letters are not part of the code.",
        ));
    }
    Ok(code)
}

impl Conversation<'_> {
    fn call(&self, operation: &'static str, username: &str) -> Call {
        let call = Call::cognito(operation, crate::aws::endpoint_label(self.profile))
            .param("ClientId", self.app.id())
            .param("Username", username);
        match self.app.secret() {
            Some(_) => call.secret("SecretHash", "SECRET_HASH"),
            None => call,
        }
    }

    fn log(&self) -> &CallLog {
        self.calls
    }

    /// ForgotPassword: Cognito sends a code; the answer says where.
    pub async fn forgot_password(&self, username: &str) -> Result<CodeDelivery> {
        let username = username_of(username)?;
        let out = self
            .log()
            .call(
                self.call("ForgotPassword", username),
                self.client
                    .forgot_password()
                    .client_id(self.app.id())
                    .username(username)
                    .set_secret_hash(self.app.secret_hash(username))
                    .send(),
            )
            .await?;
        Ok(delivery(out.code_delivery_details()))
    }

    /// ConfirmForgotPassword: the code and the new password.
    pub async fn confirm_forgot_password(
        &self,
        username: &str,
        code: &str,
        new_password: &Password,
    ) -> Result<()> {
        let username = username_of(username)?;
        let code = code_of(code)?;
        if new_password.is_empty() {
            return Err(Error::new(
                Code::MissingCredentials,
                "Enter the new password.",
                "",
            ));
        }
        self.log()
            .call(
                self.call("ConfirmForgotPassword", username)
                    .secret("ConfirmationCode", "CODE")
                    .secret("Password", "NEW_PASSWORD"),
                self.client
                    .confirm_forgot_password()
                    .client_id(self.app.id())
                    .username(username)
                    .confirmation_code(code)
                    .password(new_password.expose())
                    .set_secret_hash(self.app.secret_hash(username))
                    .send(),
            )
            .await
            .map(|_| ())
    }

    /// ConfirmSignUp: the code from the sign-up message.
    pub async fn confirm_sign_up(&self, username: &str, code: &str) -> Result<()> {
        let username = username_of(username)?;
        let code = code_of(code)?;
        self.log()
            .call(
                self.call("ConfirmSignUp", username)
                    .secret("ConfirmationCode", "CODE"),
                self.client
                    .confirm_sign_up()
                    .client_id(self.app.id())
                    .username(username)
                    .confirmation_code(code)
                    .set_secret_hash(self.app.secret_hash(username))
                    .send(),
            )
            .await
            .map(|_| ())
    }

    /// ResendConfirmationCode: a new sign-up code.
    pub async fn resend_confirmation_code(&self, username: &str) -> Result<CodeDelivery> {
        let username = username_of(username)?;
        let out = self
            .log()
            .call(
                self.call("ResendConfirmationCode", username),
                self.client
                    .resend_confirmation_code()
                    .client_id(self.app.id())
                    .username(username)
                    .set_secret_hash(self.app.secret_hash(username))
                    .send(),
            )
            .await?;
        Ok(delivery(out.code_delivery_details()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_digits_and_refuse_the_rest() {
        assert_eq!(code_of(" 654 321 ").unwrap(), "654321");
        assert_eq!(code_of("65-43-21").unwrap(), "654321");
        assert_eq!(code_of("").unwrap_err().code, Code::InvalidDeliveredCode);
        assert_eq!(
            code_of("12ab").unwrap_err().code,
            Code::InvalidDeliveredCode
        );
        assert_eq!(
            username_of("  ").unwrap_err().code,
            Code::MissingCredentials
        );
    }

    #[test]
    fn a_delivery_reads_what_cognito_said_and_nothing_else() {
        let details = CodeDeliveryDetailsType::builder()
            .destination("c***@e***")
            .delivery_medium(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Email)
            .attribute_name("email")
            .build();
        let d = delivery(Some(&details));
        assert_eq!(d.destination.as_deref(), Some("c***@e***"));
        assert_eq!(d.medium.as_deref(), Some("EMAIL"));
        assert_eq!(d.attribute.as_deref(), Some("email"));
        assert_eq!(delivery(None), CodeDelivery::default());
    }
}
