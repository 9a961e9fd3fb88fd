//! The sign-in state machine: InitiateAuth, then one challenge after another until
//! Cognito hands out tokens. Challenge names are parsed once, at the edge, into
//! [`Challenge`] variants that carry their own data; nothing past the parser looks at
//! a challenge-name string.

use crate::aws::{endpoint_label, Call, CallLog};
use crate::cognito_errors::{flow_not_enabled, wrong_password, SRP_FLOW};
use crate::error::{Code, Error, Result};
use crate::profile::Profile;
use crate::secret::{ChallengeSession, Jwt, Password, RefreshToken};
use crate::srp::{PasswordVerifier, SrpExchange};
use aws_sdk_cognitoidentityprovider as idp;
use idp::types::{AuthFlowType, AuthenticationResultType, ChallengeNameType};
use std::collections::HashMap;

/// Tokens from a finished sign-in.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub id: Jwt,
    pub access: Jwt,
    /// Absent on a refresh: Cognito keeps the old refresh token valid.
    pub refresh: Option<RefreshToken>,
    pub expires_in_secs: i64,
}

/// Where the conversation with Cognito stands.
#[derive(Debug, Clone)]
pub enum Step {
    SignedIn(Tokens),
    Challenge(Challenge),
}

/// A challenge and everything needed to answer it. `username` is the name Cognito wants
/// back in the answer (`USER_ID_FOR_SRP` when the user signed in with an alias).
#[derive(Debug, Clone)]
pub enum Challenge {
    SoftwareTokenMfa {
        username: String,
        session: ChallengeSession,
    },
    SmsMfa {
        username: String,
        session: ChallengeSession,
        destination: Option<String>,
    },
    EmailOtp {
        username: String,
        session: ChallengeSession,
        destination: Option<String>,
    },
    MfaSetup {
        username: String,
        session: ChallengeSession,
        allowed: Vec<String>,
    },
    NewPasswordRequired {
        username: String,
        session: ChallengeSession,
        required_attributes: Vec<String>,
    },
    SelectMfaType {
        username: String,
        session: ChallengeSession,
        options: Vec<String>,
    },
    /// A challenge this build has no screen for; carried by name so it is never swallowed.
    Unsupported { name: String, username: String },
}

impl Challenge {
    /// The name Cognito uses, for messages.
    pub fn cognito_name(&self) -> &str {
        match self {
            Challenge::SoftwareTokenMfa { .. } => "SOFTWARE_TOKEN_MFA",
            Challenge::SmsMfa { .. } => "SMS_MFA",
            Challenge::EmailOtp { .. } => "EMAIL_OTP",
            Challenge::MfaSetup { .. } => "MFA_SETUP",
            Challenge::NewPasswordRequired { .. } => "NEW_PASSWORD_REQUIRED",
            Challenge::SelectMfaType { .. } => "SELECT_MFA_TYPE",
            Challenge::Unsupported { name, .. } => name,
        }
    }

    pub fn username(&self) -> &str {
        match self {
            Challenge::SoftwareTokenMfa { username, .. }
            | Challenge::SmsMfa { username, .. }
            | Challenge::EmailOtp { username, .. }
            | Challenge::MfaSetup { username, .. }
            | Challenge::NewPasswordRequired { username, .. }
            | Challenge::SelectMfaType { username, .. }
            | Challenge::Unsupported { username, .. } => username,
        }
    }

    /// Whether this build can answer the challenge; the others end the sign-in with a
    /// named [`Error`] (see [`unsupported_error`]).
    pub fn is_answerable(&self) -> bool {
        match self {
            Challenge::SoftwareTokenMfa { .. } | Challenge::MfaSetup { .. } => true,
            // Attributes the pool requires on a first sign-in need a form this build lacks.
            Challenge::NewPasswordRequired {
                required_attributes,
                ..
            } => required_attributes.is_empty(),
            _ => false,
        }
    }
}

pub fn unsupported_error(challenge: &Challenge) -> Error {
    if let Challenge::NewPasswordRequired {
        required_attributes,
        ..
    } = challenge
    {
        return Error::new(Code::UnsupportedChallenge,
            format!(
                "Cognito asks for a new password together with these attributes: {}. This version of Cognito Desk cannot fill them in yet.",
                required_attributes.join(", ")
            ),
            "Set the attributes with admin-update-user-attributes, or complete the first sign-in in the managed login.",
        );
    }
    Error::new(Code::UnsupportedChallenge,
        format!(
            "Cognito asked for the {} challenge, which this version of Cognito Desk cannot answer yet.",
            challenge.cognito_name()
        ),
        "Sign in with a user that uses a password and an authenticator app (TOTP), or complete this step in the Cognito managed login.",
    )
}

/// Parses a list parameter such as `MFAS_CAN_SETUP`: Cognito sends a JSON array, moto a
/// Python-style `['A', 'B']`; both become `["A", "B"]`.
pub fn parse_name_list(raw: &str) -> Vec<String> {
    if let Ok(list) = serde_json::from_str::<Vec<String>>(raw) {
        return list;
    }
    raw.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().trim_matches(|c| c == '\'' || c == '"').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Turns one Cognito answer (InitiateAuth or RespondToAuthChallenge) into the next step.
pub fn parse_answer(
    typed_username: &str,
    challenge_name: Option<&ChallengeNameType>,
    session: Option<&str>,
    parameters: Option<&HashMap<String, String>>,
    result: Option<&AuthenticationResultType>,
) -> Result<Step> {
    if let Some(result) = result {
        return tokens_from(result).map(Step::SignedIn);
    }
    let Some(name) = challenge_name else {
        return Err(Error::new(
            Code::UnexpectedResponse,
            "Cognito answered with neither tokens nor a challenge.",
            "Check the endpoint override in the profile; this answer does not come from Cognito.",
        ));
    };
    let empty = HashMap::new();
    let params = parameters.unwrap_or(&empty);
    let username = params
        .get("USER_ID_FOR_SRP")
        .or_else(|| params.get("USERNAME"))
        .cloned()
        .unwrap_or_else(|| typed_username.to_owned());
    let session = || {
        session.map(ChallengeSession::new).ok_or_else(|| {
            Error::new(
                Code::UnexpectedResponse,
                format!(
                    "Cognito sent the {} challenge without a session.",
                    name.as_str()
                ),
                "Sign in again.",
            )
        })
    };
    let list = |key: &str| {
        params
            .get(key)
            .map(|v| parse_name_list(v))
            .unwrap_or_default()
    };
    let destination = || params.get("CODE_DELIVERY_DESTINATION").cloned();
    Ok(Step::Challenge(match name {
        ChallengeNameType::SoftwareTokenMfa => Challenge::SoftwareTokenMfa {
            username,
            session: session()?,
        },
        ChallengeNameType::SmsMfa => Challenge::SmsMfa {
            username,
            session: session()?,
            destination: destination(),
        },
        ChallengeNameType::EmailOtp => Challenge::EmailOtp {
            username,
            session: session()?,
            destination: destination(),
        },
        ChallengeNameType::MfaSetup => Challenge::MfaSetup {
            username,
            session: session()?,
            allowed: list("MFAS_CAN_SETUP"),
        },
        ChallengeNameType::NewPasswordRequired => Challenge::NewPasswordRequired {
            username,
            session: session()?,
            required_attributes: list("requiredAttributes"),
        },
        ChallengeNameType::SelectMfaType => Challenge::SelectMfaType {
            username,
            session: session()?,
            options: list("MFAS_CAN_CHOOSE"),
        },
        other => Challenge::Unsupported {
            name: other.as_str().to_owned(),
            username,
        },
    }))
}

fn tokens_from(result: &AuthenticationResultType) -> Result<Tokens> {
    let missing = |what: &str| {
        Error::new(
            Code::UnexpectedResponse,
            format!("Cognito's answer has no {what}."),
            "Check the endpoint override in the profile; this answer does not come from Cognito.",
        )
    };
    Ok(Tokens {
        id: Jwt::new(result.id_token().ok_or_else(|| missing("ID token"))?),
        access: Jwt::new(
            result
                .access_token()
                .ok_or_else(|| missing("access token"))?,
        ),
        refresh: result.refresh_token().map(RefreshToken::new),
        expires_in_secs: i64::from(result.expires_in()),
    })
}

/// Accepts what a person types or pastes ("123 456", "123-456") and keeps the digits.
pub fn normalise_code(raw: &str) -> Result<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(Error::new(
            Code::InvalidCode,
            "A code has exactly 6 digits.",
            "Type the 6-digit code your authenticator app shows for this account.",
        ))
    }
}

/// USER_PASSWORD_AUTH: the walkthrough's flow.
pub async fn start_password(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    username: &str,
    password: &Password,
) -> Result<Step> {
    let username = username.trim();
    if username.is_empty() || password.is_empty() {
        return Err(missing_credentials());
    }
    let out = calls
        .call(
            Call::cognito("InitiateAuth", endpoint_label(profile))
                .param("AuthFlow", "USER_PASSWORD_AUTH")
                .param("ClientId", profile.settings.client_id.as_str())
                .param("USERNAME", username)
                .secret("PASSWORD", "PASSWORD"),
            client
                .initiate_auth()
                .auth_flow(AuthFlowType::UserPasswordAuth)
                .client_id(profile.settings.client_id.as_str())
                .auth_parameters("USERNAME", username)
                .auth_parameters("PASSWORD", password.expose())
                .send(),
        )
        .await?;
    parse_answer(
        username,
        out.challenge_name(),
        out.session(),
        out.challenge_parameters(),
        out.authentication_result(),
    )
}

/// USER_SRP_AUTH: SRP_A, then the answer to PASSWORD_VERIFIER, then whatever follows
/// (tokens or a challenge such as SOFTWARE_TOKEN_MFA). The password never leaves this
/// machine: Cognito receives only a proof computed from it.
pub async fn start_srp(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    username: &str,
    password: &Password,
) -> Result<Step> {
    let username = username.trim();
    if username.is_empty() || password.is_empty() {
        return Err(missing_credentials());
    }
    let settings = &profile.settings;
    let exchange = SrpExchange::new(
        &settings.user_pool_id,
        username,
        password,
        &settings.client_id,
    );
    let srp_a = exchange.srp_a();
    let endpoint = endpoint_label(profile);
    let out = calls
        .call(
            Call::cognito("InitiateAuth", &endpoint)
                .param("AuthFlow", SRP_FLOW)
                .param("ClientId", settings.client_id.as_str())
                .param("USERNAME", username)
                .param("SRP_A", srp_a.as_str()),
            client
                .initiate_auth()
                .auth_flow(AuthFlowType::UserSrpAuth)
                .client_id(settings.client_id.as_str())
                .auth_parameters("USERNAME", username)
                .auth_parameters("SRP_A", srp_a)
                .send(),
        )
        .await
        .map_err(|e| match e.code {
            Code::AuthFlowNotEnabled => flow_not_enabled(SRP_FLOW),
            _ => e,
        })?;
    if out.challenge_name() != Some(&ChallengeNameType::PasswordVerifier) {
        // Tokens or a challenge straight away: not SRP as Cognito does it, but an answer.
        return parse_answer(
            username,
            out.challenge_name(),
            out.session(),
            out.challenge_parameters(),
            out.authentication_result(),
        );
    }
    let verifier = PasswordVerifier::parse(out.challenge_parameters())?;
    let claim = exchange.claim(&verifier)?;
    let user_id = verifier.user_id_for_srp.as_str();
    let answer = calls
        .call(
            Call::cognito("RespondToAuthChallenge", &endpoint)
                .param("ClientId", settings.client_id.as_str())
                .param("ChallengeName", "PASSWORD_VERIFIER")
                .param("USERNAME", user_id)
                .param("PASSWORD_CLAIM_SECRET_BLOCK", claim.secret_block.as_str())
                .secret("PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SIGNATURE")
                .param("TIMESTAMP", claim.timestamp.as_str()),
            client
                .respond_to_auth_challenge()
                .client_id(settings.client_id.as_str())
                .challenge_name(ChallengeNameType::PasswordVerifier)
                .set_session(out.session().map(str::to_owned))
                .challenge_responses("USERNAME", user_id)
                .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", claim.secret_block)
                .challenge_responses("PASSWORD_CLAIM_SIGNATURE", claim.signature)
                .challenge_responses("TIMESTAMP", claim.timestamp)
                .send(),
        )
        .await
        .map_err(|e| match e.code {
            // The proof did not match: SRP's way of saying "wrong password".
            Code::NotAuthorizedException if !e.message.to_lowercase().contains("session") => {
                wrong_password()
            }
            _ => e,
        })?;
    parse_answer(
        user_id,
        answer.challenge_name(),
        answer.session(),
        answer.challenge_parameters(),
        answer.authentication_result(),
    )
}

fn missing_credentials() -> Error {
    Error::new(
        Code::MissingCredentials,
        "Enter both the email (or username) and the password.",
        "",
    )
}

/// REFRESH_TOKEN_AUTH: new ID and access tokens for a stored refresh token.
pub async fn refresh(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    token: &RefreshToken,
) -> Result<Tokens> {
    let out = calls
        .call(
            Call::cognito("InitiateAuth", endpoint_label(profile))
                .param("AuthFlow", "REFRESH_TOKEN_AUTH")
                .param("ClientId", profile.settings.client_id.as_str())
                .secret("REFRESH_TOKEN", "REFRESH_TOKEN"),
            client
                .initiate_auth()
                .auth_flow(AuthFlowType::RefreshTokenAuth)
                .client_id(profile.settings.client_id.as_str())
                .auth_parameters("REFRESH_TOKEN", token.expose())
                .send(),
        )
        .await
        .map_err(|e| {
            if e.code == Code::NotAuthorizedException {
                Error::new(
                    Code::SessionRevoked,
                    "The saved session was revoked or has expired.",
                    "Sign in again with your password.",
                )
            } else {
                e
            }
        })?;
    match out.authentication_result() {
        Some(result) => tokens_from(result),
        None => Err(Error::new(
            Code::UnexpectedResponse,
            "Cognito answered the refresh without tokens.",
            "Sign in again with your password.",
        )),
    }
}

/// Answers SOFTWARE_TOKEN_MFA with a code from the authenticator app.
pub async fn answer_software_token(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    challenge: &Challenge,
    code: &str,
) -> Result<Step> {
    let Challenge::SoftwareTokenMfa { username, session } = challenge else {
        return Err(Error::no_pending_challenge());
    };
    let code = normalise_code(code)?;
    respond(
        client,
        calls,
        profile,
        ChallengeNameType::SoftwareTokenMfa,
        username,
        session,
        &[("SOFTWARE_TOKEN_MFA_CODE", &code)],
    )
    .await
}

/// Answers NEW_PASSWORD_REQUIRED (a user created with a temporary password).
pub async fn answer_new_password(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    challenge: &Challenge,
    new_password: &Password,
) -> Result<Step> {
    let Challenge::NewPasswordRequired {
        username, session, ..
    } = challenge
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
    respond(
        client,
        calls,
        profile,
        ChallengeNameType::NewPasswordRequired,
        username,
        session,
        &[("NEW_PASSWORD", new_password.expose())],
    )
    .await
}

/// Finishes MFA_SETUP after VerifySoftwareToken succeeded, with the session it returned.
pub async fn answer_mfa_setup(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    username: &str,
    session: &ChallengeSession,
) -> Result<Step> {
    respond(
        client,
        calls,
        profile,
        ChallengeNameType::MfaSetup,
        username,
        session,
        &[],
    )
    .await
}

async fn respond(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    name: ChallengeNameType,
    username: &str,
    session: &ChallengeSession,
    responses: &[(&'static str, &str)],
) -> Result<Step> {
    let mut call = Call::cognito("RespondToAuthChallenge", endpoint_label(profile))
        .param("ClientId", profile.settings.client_id.as_str())
        .param("ChallengeName", name.as_str())
        .secret("Session", "SESSION")
        .param("USERNAME", username);
    let mut request = client
        .respond_to_auth_challenge()
        .client_id(profile.settings.client_id.as_str())
        .challenge_name(name)
        .session(session.expose())
        .challenge_responses("USERNAME", username);
    for (key, value) in responses {
        // Codes and passwords alike: every answer is a secret in the log.
        call = call.secret(key, key);
        request = request.challenge_responses(*key, *value);
    }
    let out = calls.call(call, request.send()).await?;
    parse_answer(
        username,
        out.challenge_name(),
        out.session(),
        out.challenge_parameters(),
        out.authentication_result(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn tokens_end_the_flow() {
        let result = AuthenticationResultType::builder()
            .id_token("id")
            .access_token("access")
            .refresh_token("refresh")
            .expires_in(3600)
            .build();
        let Ok(Step::SignedIn(t)) = parse_answer("u", None, None, None, Some(&result)) else {
            panic!("expected tokens");
        };
        assert_eq!(t.id.expose(), "id");
        assert_eq!(t.refresh.as_ref().map(|r| r.expose()), Some("refresh"));
        assert_eq!(t.expires_in_secs, 3600);
    }

    #[test]
    fn totp_challenge_carries_session_and_the_username_cognito_wants() {
        let p = params(&[("USER_ID_FOR_SRP", "8d1c-uuid"), ("USERNAME", "x")]);
        let step = parse_answer(
            "demo@example.com",
            Some(&ChallengeNameType::SoftwareTokenMfa),
            Some("sess"),
            Some(&p),
            None,
        )
        .unwrap();
        let Step::Challenge(Challenge::SoftwareTokenMfa { username, session }) = step else {
            panic!("expected SOFTWARE_TOKEN_MFA");
        };
        assert_eq!(username, "8d1c-uuid");
        assert_eq!(session.expose(), "sess");
    }

    #[test]
    fn mfa_setup_lists_allowed_methods_in_both_forms() {
        for raw in [
            "[\"SOFTWARE_TOKEN_MFA\",\"SMS_MFA\"]",
            "['SOFTWARE_TOKEN_MFA', 'SMS_MFA']",
        ] {
            let p = params(&[("MFAS_CAN_SETUP", raw)]);
            let step = parse_answer(
                "u",
                Some(&ChallengeNameType::MfaSetup),
                Some("s"),
                Some(&p),
                None,
            )
            .unwrap();
            let Step::Challenge(Challenge::MfaSetup { allowed, .. }) = step else {
                panic!("expected MFA_SETUP");
            };
            assert_eq!(allowed, ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]);
        }
    }

    #[test]
    fn unknown_challenges_are_named_not_swallowed() {
        let step = parse_answer(
            "u",
            Some(&ChallengeNameType::CustomChallenge),
            Some("s"),
            None,
            None,
        )
        .unwrap();
        let Step::Challenge(c) = step else {
            panic!("expected a challenge")
        };
        assert!(!c.is_answerable());
        let e = unsupported_error(&c);
        assert_eq!(e.code, Code::UnsupportedChallenge);
        assert!(e.message.contains("CUSTOM_CHALLENGE"));
        let sms =
            parse_answer("u", Some(&ChallengeNameType::SmsMfa), Some("s"), None, None).unwrap();
        let Step::Challenge(sms) = sms else {
            panic!("expected a challenge")
        };
        assert!(unsupported_error(&sms).message.contains("SMS_MFA"));
    }

    #[test]
    fn a_challenge_without_session_or_an_empty_answer_is_an_error() {
        assert!(parse_answer(
            "u",
            Some(&ChallengeNameType::SoftwareTokenMfa),
            None,
            None,
            None
        )
        .is_err());
        assert_eq!(
            parse_answer("u", None, None, None, None).unwrap_err().code,
            Code::UnexpectedResponse
        );
    }

    #[test]
    fn codes_accept_pasted_forms() {
        assert_eq!(normalise_code(" 123 456 ").unwrap(), "123456");
        assert_eq!(normalise_code("123-456").unwrap(), "123456");
        assert_eq!(normalise_code("12345").unwrap_err().code, Code::InvalidCode);
        assert_eq!(
            normalise_code("12345a").unwrap_err().code,
            Code::InvalidCode
        );
    }
}
