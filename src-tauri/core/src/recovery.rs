//! Errors that are really flows: a forgotten (or administrator-reset) password —
//! ForgotPassword, then ConfirmForgotPassword with the code and a new password — and an
//! account not confirmed yet — ConfirmSignUp with the code, ResendConfirmationCode for a
//! new one. Every call carries SecretHash when the app client has a secret.

use crate::aws::Call;
use crate::dto::CodeDelivery;
use crate::error::{Code, Error, Result};
use crate::secret::Password;
use crate::signin::{normalise_delivered_code, required_username, Conversation};
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
    required_username(raw).map_err(|_| {
        Error::new(
            Code::MissingCredentials,
            "Enter the email (or username) of the account.",
            "",
        )
    })
}

impl Conversation<'_> {
    fn recovery_call(&self, operation: &'static str, username: &str) -> Call {
        let call = crate::aws::cognito_call(operation, self.profile)
            .param("ClientId", self.app.id())
            .param("Username", username);
        match self.app.secret() {
            Some(_) => call.secret("SecretHash", "SECRET_HASH"),
            None => call,
        }
    }

    /// ForgotPassword: Cognito sends a code; the answer says where.
    pub async fn forgot_password(&self, username: &str) -> Result<CodeDelivery> {
        let username = username_of(username)?;
        let out = self
            .calls
            .call(
                self.recovery_call("ForgotPassword", username),
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
        let code = normalise_delivered_code(code)?;
        if new_password.is_empty() {
            return Err(Error::new(
                Code::MissingCredentials,
                "Enter the new password.",
                "",
            ));
        }
        self.calls
            .call(
                self.recovery_call("ConfirmForgotPassword", username)
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
        let code = normalise_delivered_code(code)?;
        self.calls
            .call(
                self.recovery_call("ConfirmSignUp", username)
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
            .calls
            .call(
                self.recovery_call("ResendConfirmationCode", username),
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
    fn an_empty_username_is_refused_before_any_request() {
        assert_eq!(
            username_of("  ").unwrap_err().code,
            Code::MissingCredentials
        );
        assert_eq!(username_of(" a@b.c ").unwrap(), "a@b.c");
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
