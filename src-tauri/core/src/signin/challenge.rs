//! Challenges as Cognito sends them, parsed once at the edge into [`Challenge`]: its
//! kind carries the kind's own data, and nothing past the parser looks at a
//! challenge-name string or a raw parameter map.

use super::{Step, Tokens};
use crate::error::{Code, Error, Result};
use crate::secret::{ChallengeSession, Jwt, RefreshToken};
use aws_sdk_cognitoidentityprovider::types::{AuthenticationResultType, ChallengeNameType};
use std::collections::{BTreeMap, HashMap};

/// A challenge and everything needed to answer it. `username` is the name Cognito wants
/// back in the answer (`USER_ID_FOR_SRP` when the user signed in with an alias).
#[derive(Debug, Clone)]
pub struct Challenge {
    pub username: String,
    pub session: ChallengeSession,
    pub kind: ChallengeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChallengeKind {
    SoftwareTokenMfa,
    /// A code Cognito sent by text message or email.
    DeliveredCode {
        code: DeliveredCode,
        delivery: Delivery,
    },
    /// The user has several MFA methods and picks one (`MFAS_CAN_CHOOSE`).
    SelectMfaType {
        options: Vec<String>,
    },
    /// USER_AUTH: the first factors this user may use (`AvailableChallenges`).
    SelectChallenge {
        available: Vec<String>,
    },
    /// The user must set up MFA before signing in (`MFAS_CAN_SETUP`).
    MfaSetup {
        allowed: Vec<String>,
    },
    NewPasswordRequired {
        required_attributes: Vec<String>,
    },
    /// A Lambda-defined challenge: its public parameters, answered with `ANSWER`.
    Custom {
        parameters: BTreeMap<String, String>,
    },
    /// This computer proves it is the remembered device (answered without the user).
    DeviceSrpAuth,
    /// A passkey: an assertion for CREDENTIAL_REQUEST_OPTIONS (JSON, as Cognito sent it).
    WebAuthn {
        request_options: String,
    },
}

/// The three challenges answered with a code Cognito delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveredCode {
    /// SMS as the second factor.
    SmsMfa,
    /// SMS as the first factor (USER_AUTH).
    SmsOtp,
    /// Email, as either factor.
    EmailOtp,
}

impl DeliveredCode {
    pub fn challenge(self) -> ChallengeNameType {
        match self {
            DeliveredCode::SmsMfa => ChallengeNameType::SmsMfa,
            DeliveredCode::SmsOtp => ChallengeNameType::SmsOtp,
            DeliveredCode::EmailOtp => ChallengeNameType::EmailOtp,
        }
    }

    /// The ChallengeResponses key the code goes in.
    pub fn answer_key(self) -> &'static str {
        match self {
            DeliveredCode::SmsMfa => "SMS_MFA_CODE",
            DeliveredCode::SmsOtp => "SMS_OTP_CODE",
            DeliveredCode::EmailOtp => "EMAIL_OTP_CODE",
        }
    }
}

/// Where Cognito sent a code, as it says it (the destination comes masked: `+*******1234`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    pub destination: Option<String>,
    /// `SMS` or `EMAIL`.
    pub medium: Option<String>,
}

impl Challenge {
    /// The name Cognito uses, for messages and the answer.
    pub fn name(&self) -> ChallengeNameType {
        match &self.kind {
            ChallengeKind::SoftwareTokenMfa => ChallengeNameType::SoftwareTokenMfa,
            ChallengeKind::DeliveredCode { code, .. } => code.challenge(),
            ChallengeKind::SelectMfaType { .. } => ChallengeNameType::SelectMfaType,
            ChallengeKind::SelectChallenge { .. } => ChallengeNameType::SelectChallenge,
            ChallengeKind::MfaSetup { .. } => ChallengeNameType::MfaSetup,
            ChallengeKind::NewPasswordRequired { .. } => ChallengeNameType::NewPasswordRequired,
            ChallengeKind::Custom { .. } => ChallengeNameType::CustomChallenge,
            ChallengeKind::DeviceSrpAuth => ChallengeNameType::DeviceSrpAuth,
            ChallengeKind::WebAuthn { .. } => ChallengeNameType::WebAuthn,
        }
    }
}

/// A challenge this build has no screen for: named, never swallowed.
pub fn unsupported_error(name: &str) -> Error {
    Error::new(
        Code::UnsupportedChallenge,
        format!("Cognito asked for the {name} challenge, which this version of Cognito Desk cannot answer."),
        "Complete this step in the Cognito managed login, or sign in with a user whose MFA is an authenticator app, SMS or email.",
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

/// One Cognito answer (InitiateAuth or RespondToAuthChallenge), as the SDK hands it over.
#[derive(Debug, Clone, Copy, Default)]
pub struct Answer<'a> {
    pub challenge_name: Option<&'a ChallengeNameType>,
    pub session: Option<&'a str>,
    pub parameters: Option<&'a HashMap<String, String>>,
    /// USER_AUTH's SELECT_CHALLENGE lists the first factors here, not in the parameters.
    pub available_challenges: &'a [ChallengeNameType],
    pub result: Option<&'a AuthenticationResultType>,
}

/// Turns one Cognito answer into the next step.
pub fn parse_answer(typed_username: &str, answer: Answer<'_>) -> Result<Step> {
    if let Some(result) = answer.result {
        return tokens_from(result).map(Step::SignedIn);
    }
    let Some(name) = answer.challenge_name else {
        return Err(Error::new(
            Code::UnexpectedResponse,
            "Cognito answered with neither tokens nor a challenge.",
            "Check the endpoint override in the profile; this answer does not come from Cognito.",
        ));
    };
    let empty = HashMap::new();
    let params = answer.parameters.unwrap_or(&empty);
    let username = params
        .get("USER_ID_FOR_SRP")
        .or_else(|| params.get("USERNAME"))
        .cloned()
        .unwrap_or_else(|| typed_username.to_owned());
    let list = |key: &str| {
        params
            .get(key)
            .map(|v| parse_name_list(v))
            .unwrap_or_default()
    };
    let delivered = |code| ChallengeKind::DeliveredCode {
        code,
        delivery: Delivery {
            destination: params.get("CODE_DELIVERY_DESTINATION").cloned(),
            medium: params.get("CODE_DELIVERY_DELIVERY_MEDIUM").cloned(),
        },
    };
    let kind = match name {
        ChallengeNameType::SoftwareTokenMfa => ChallengeKind::SoftwareTokenMfa,
        ChallengeNameType::SmsMfa => delivered(DeliveredCode::SmsMfa),
        ChallengeNameType::SmsOtp => delivered(DeliveredCode::SmsOtp),
        ChallengeNameType::EmailOtp => delivered(DeliveredCode::EmailOtp),
        ChallengeNameType::SelectMfaType => ChallengeKind::SelectMfaType {
            options: list("MFAS_CAN_CHOOSE"),
        },
        ChallengeNameType::SelectChallenge => ChallengeKind::SelectChallenge {
            available: answer
                .available_challenges
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
        },
        ChallengeNameType::MfaSetup => ChallengeKind::MfaSetup {
            allowed: list("MFAS_CAN_SETUP"),
        },
        ChallengeNameType::NewPasswordRequired => ChallengeKind::NewPasswordRequired {
            required_attributes: list("requiredAttributes")
                .into_iter()
                // Cognito names them `userAttributes.<name>`; the answer wants the same prefix.
                .map(|a| a.trim_start_matches("userAttributes.").to_owned())
                .collect(),
        },
        ChallengeNameType::CustomChallenge => ChallengeKind::Custom {
            parameters: params
                .iter()
                .filter(|(k, _)| k.as_str() != "USERNAME" && k.as_str() != "USER_ID_FOR_SRP")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        },
        ChallengeNameType::DeviceSrpAuth => ChallengeKind::DeviceSrpAuth,
        ChallengeNameType::WebAuthn => ChallengeKind::WebAuthn {
            request_options: params
                .get("CREDENTIAL_REQUEST_OPTIONS")
                .cloned()
                .ok_or_else(|| {
                    Error::new(
                        Code::UnexpectedResponse,
                        "Cognito sent the WEB_AUTHN challenge without CREDENTIAL_REQUEST_OPTIONS.",
                        "Check the endpoint override in the profile; this answer does not come from Cognito.",
                    )
                })?,
        },
        other => return Err(unsupported_error(other.as_str())),
    };
    let session = answer.session.map(ChallengeSession::new).ok_or_else(|| {
        Error::new(
            Code::UnexpectedResponse,
            format!(
                "Cognito sent the {} challenge without a session.",
                name.as_str()
            ),
            "Sign in again.",
        )
    })?;
    Ok(Step::Challenge(Challenge {
        username,
        session,
        kind,
    }))
}

pub(super) fn tokens_from(result: &AuthenticationResultType) -> Result<Tokens> {
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
        new_device: result.new_device_metadata().and_then(|m| {
            Some(crate::device::NewDevice {
                key: m.device_key()?.to_owned(),
                group_key: m.device_group_key()?.to_owned(),
            })
        }),
    })
}

/// Accepts what a person types or pastes ("123 456", "123-456") and keeps the digits.
/// Authenticator apps and text messages use 6 digits; Cognito's email codes may use 8.
pub fn normalise_code(raw: &str) -> Result<String> {
    normalise_digits(raw, 6..=6)
}

/// A code Cognito delivered by SMS or email: 6 or 8 digits.
pub fn normalise_delivered_code(raw: &str) -> Result<String> {
    normalise_digits(raw, 6..=8)
}

fn normalise_digits(raw: &str, lengths: std::ops::RangeInclusive<usize>) -> Result<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if lengths.contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else if lengths.start() == lengths.end() {
        Err(Error::new(
            Code::InvalidCode,
            "A code has exactly 6 digits.",
            "Type the 6-digit code your authenticator app shows for this account.",
        ))
    } else {
        Err(Error::new(
            Code::InvalidDeliveredCode,
            "A code has 6 to 8 digits.",
            "Type the code from the message Cognito sent; spaces are fine.",
        ))
    }
}

#[cfg(test)]
#[path = "challenge_tests.rs"]
mod tests;
