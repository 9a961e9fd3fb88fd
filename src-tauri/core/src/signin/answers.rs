//! One answer per challenge kind. Each checks what the person typed before anything is
//! sent, and returns the next [`Step`].

use super::challenge::{normalise_code, normalise_delivered_code, Challenge, ChallengeKind};
use super::{missing_credentials, responded, Conversation, Logged, Step};
use crate::error::{Code, Error, Result};
use crate::secret::{ChallengeSession, Password};
use aws_sdk_cognitoidentityprovider::types::ChallengeNameType;

impl Conversation<'_> {
    async fn respond(
        &self,
        challenge: &Challenge,
        name: ChallengeNameType,
        session: &ChallengeSession,
        responses: &[(&'static str, &str, Logged)],
    ) -> Result<Step> {
        let out = self
            .respond_raw(
                name,
                &challenge.username,
                Some(session.expose()),
                responses,
                &[],
            )
            .await?;
        super::parse_answer(&challenge.username, responded(&out))
    }

    /// SOFTWARE_TOKEN_MFA: the code from the authenticator app.
    pub async fn answer_software_token(&self, challenge: &Challenge, code: &str) -> Result<Step> {
        expect_kind(matches!(challenge.kind, ChallengeKind::SoftwareTokenMfa))?;
        let code = normalise_code(code)?;
        self.respond(
            challenge,
            ChallengeNameType::SoftwareTokenMfa,
            &challenge.session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &code, Logged::Secret)],
        )
        .await
    }

    /// SMS_MFA, SMS_OTP, EMAIL_OTP: the code Cognito sent.
    pub async fn answer_delivered_code(&self, challenge: &Challenge, code: &str) -> Result<Step> {
        let ChallengeKind::DeliveredCode { code: kind, .. } = &challenge.kind else {
            return Err(Error::no_pending_challenge());
        };
        let code = normalise_delivered_code(code)?;
        self.respond(
            challenge,
            kind.challenge(),
            &challenge.session,
            &[(kind.answer_key(), &code, Logged::Secret)],
        )
        .await
    }

    /// SELECT_MFA_TYPE: the method the user picked among `MFAS_CAN_CHOOSE`.
    pub async fn answer_select_mfa(&self, challenge: &Challenge, method: &str) -> Result<Step> {
        let ChallengeKind::SelectMfaType { options } = &challenge.kind else {
            return Err(Error::no_pending_challenge());
        };
        offered(options, method)?;
        self.respond(
            challenge,
            ChallengeNameType::SelectMfaType,
            &challenge.session,
            &[("ANSWER", method, Logged::Plain)],
        )
        .await
    }

    /// SELECT_CHALLENGE (USER_AUTH): the first factor the user picked. PASSWORD sends
    /// the password along; PASSWORD_SRP an SRP_A, then the proof; the code factors
    /// make Cognito send a code.
    pub async fn answer_select_challenge(
        &self,
        challenge: &Challenge,
        factor: &str,
        password: &Password,
    ) -> Result<Step> {
        let ChallengeKind::SelectChallenge { available } = &challenge.kind else {
            return Err(Error::no_pending_challenge());
        };
        offered(available, factor)?;
        let needs_password = matches!(factor, "PASSWORD" | "PASSWORD_SRP");
        if needs_password && password.is_empty() {
            return Err(missing_credentials());
        }
        let username = challenge.username.as_str();
        let name = ChallengeNameType::SelectChallenge;
        let session = Some(challenge.session.expose());
        match factor {
            "PASSWORD" => {
                let out = self
                    .respond_raw(
                        name,
                        username,
                        session,
                        &[
                            ("ANSWER", factor, Logged::Plain),
                            ("PASSWORD", password.expose(), Logged::Secret),
                        ],
                        &[],
                    )
                    .await?;
                super::parse_answer(username, responded(&out))
            }
            "PASSWORD_SRP" => {
                let exchange = self.srp_exchange(username, password);
                let srp_a = exchange.srp_a();
                let out = self
                    .respond_raw(
                        name,
                        username,
                        session,
                        &[
                            ("ANSWER", factor, Logged::Plain),
                            ("SRP_A", &srp_a, Logged::Plain),
                        ],
                        &[],
                    )
                    .await?;
                self.after_srp_a(username, &exchange, responded(&out)).await
            }
            _ => {
                let out = self
                    .respond_raw(
                        name,
                        username,
                        session,
                        &[("ANSWER", factor, Logged::Plain)],
                        &[],
                    )
                    .await?;
                super::parse_answer(username, responded(&out))
            }
        }
    }

    /// WEB_AUTHN: the passkey's AuthenticationResponseJSON for the challenge's
    /// CREDENTIAL_REQUEST_OPTIONS (an assertion: a signature over the challenge, not a
    /// secret that outlives it, but the log keeps only its name).
    pub async fn answer_web_authn(&self, challenge: &Challenge, credential: &str) -> Result<Step> {
        expect_kind(matches!(challenge.kind, ChallengeKind::WebAuthn { .. }))?;
        self.respond(
            challenge,
            ChallengeNameType::WebAuthn,
            &challenge.session,
            &[("CREDENTIAL", credential, Logged::Secret)],
        )
        .await
    }

    /// NEW_PASSWORD_REQUIRED: the password that replaces the temporary one, with the
    /// attributes the pool requires (`userAttributes.<name>`).
    pub async fn answer_new_password(
        &self,
        challenge: &Challenge,
        new_password: &Password,
        attributes: &[(String, String)],
    ) -> Result<Step> {
        let ChallengeKind::NewPasswordRequired {
            required_attributes,
        } = &challenge.kind
        else {
            return Err(Error::no_pending_challenge());
        };
        if new_password.is_empty() {
            return Err(Error::new(
                Code::MissingCredentials,
                "Enter the new password.",
                "",
            ));
        }
        let value = |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        };
        let missing: Vec<&str> = required_attributes
            .iter()
            .map(String::as_str)
            .filter(|name| value(name).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(Error::new(
                Code::MissingAttributes,
                format!(
                    "The pool requires these attributes: {}.",
                    missing.join(", ")
                ),
                "Fill in every field of the form.",
            ));
        }
        let attributes: Vec<(String, &str)> = required_attributes
            .iter()
            .filter_map(|name| value(name).map(|v| (format!("userAttributes.{name}"), v)))
            .collect();
        let out = self
            .respond_raw(
                ChallengeNameType::NewPasswordRequired,
                &challenge.username,
                Some(challenge.session.expose()),
                &[("NEW_PASSWORD", new_password.expose(), Logged::Secret)],
                &attributes,
            )
            .await?;
        super::parse_answer(&challenge.username, responded(&out))
    }

    /// CUSTOM_CHALLENGE: the answer to the Lambda's question, as typed.
    pub async fn answer_custom(&self, challenge: &Challenge, answer: &str) -> Result<Step> {
        expect_kind(matches!(challenge.kind, ChallengeKind::Custom { .. }))?;
        if answer.trim().is_empty() {
            return Err(Error::new(
                Code::MissingCredentials,
                "Enter an answer to the challenge.",
                "",
            ));
        }
        self.respond(
            challenge,
            ChallengeNameType::CustomChallenge,
            &challenge.session,
            &[("ANSWER", answer, Logged::Secret)],
        )
        .await
    }

    /// Finishes MFA_SETUP after VerifySoftwareToken succeeded, with the session it returned.
    pub async fn answer_mfa_setup_totp(
        &self,
        challenge: &Challenge,
        session: &ChallengeSession,
    ) -> Result<Step> {
        expect_kind(matches!(challenge.kind, ChallengeKind::MfaSetup { .. }))?;
        self.respond(challenge, ChallengeNameType::MfaSetup, session, &[])
            .await
    }

    /// MFA_SETUP with email: the address to send codes to; Cognito answers with an
    /// EMAIL_OTP challenge that proves it.
    pub async fn answer_mfa_setup_email(
        &self,
        challenge: &Challenge,
        session: &ChallengeSession,
        email: &str,
    ) -> Result<Step> {
        expect_kind(matches!(challenge.kind, ChallengeKind::MfaSetup { .. }))?;
        let email = email.trim();
        if !email.contains('@') {
            return Err(Error::new(
                Code::MissingCredentials,
                "Enter the email address to receive sign-in codes.",
                "",
            ));
        }
        self.respond(
            challenge,
            ChallengeNameType::MfaSetup,
            session,
            &[("EMAIL", email, Logged::Plain)],
        )
        .await
    }
}

/// An answer for another kind of challenge than the one pending is no answer.
fn expect_kind(matches: bool) -> Result<()> {
    if matches {
        Ok(())
    } else {
        Err(Error::no_pending_challenge())
    }
}

/// The option must be one Cognito offered: never send a name it did not list.
fn offered(options: &[String], choice: &str) -> Result<()> {
    if options.iter().any(|o| o == choice) {
        Ok(())
    } else {
        Err(Error::new(
            Code::InvalidParameterException,
            format!(
                "{choice} is not one of the offered choices ({}).",
                options.join(", ")
            ),
            "Pick one of the choices on screen.",
        ))
    }
}
