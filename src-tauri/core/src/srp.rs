//! USER_SRP_AUTH behind a small interface: the password stays on this machine, and
//! Cognito receives only SRP_A and then a proof computed from its PASSWORD_VERIFIER
//! challenge. The arithmetic is the `aws-cognito-srp` crate's; this module keeps the
//! password out of every `Debug`, and turns the challenge's parameters and the crate's
//! errors into the app's.

use crate::error::{Code, Error, Result};
use crate::ids::{ClientId, PoolId};
use crate::secret::Password;
use aws_cognito_srp::{SrpClient, User};
use std::collections::HashMap;
use std::fmt;

/// One SRP exchange: made before InitiateAuth, used once for the proof.
pub struct SrpExchange {
    // Holds the password and the private ephemeral `a`: never printed.
    client: SrpClient<User>,
}

impl fmt::Debug for SrpExchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SrpExchange([redacted])")
    }
}

/// What Cognito sends in the PASSWORD_VERIFIER challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordVerifier {
    /// The name the proof and the answer must use: the user's internal name when the
    /// user signed in with an alias such as the email.
    pub user_id_for_srp: String,
    pub salt: String,
    pub srp_b: String,
    pub secret_block: String,
}

/// The answer to PASSWORD_VERIFIER.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordClaim {
    pub secret_block: String,
    pub signature: String,
    /// `Tue Dec 1 15:04:05 UTC 2026`: the day is not zero-padded, as Cognito requires.
    pub timestamp: String,
}

impl SrpExchange {
    pub fn new(
        pool_id: &PoolId,
        username: &str,
        password: &Password,
        client_id: &ClientId,
    ) -> Self {
        let user = User::new(pool_id.as_str(), username, password.expose());
        Self {
            client: SrpClient::new(user, client_id.as_str(), None),
        }
    }

    /// SRP_A, the public ephemeral value for InitiateAuth (hex).
    pub fn srp_a(&self) -> String {
        self.client.get_auth_parameters().a
    }

    /// The proof for the challenge.
    pub fn claim(&self, verifier: &PasswordVerifier) -> Result<PasswordClaim> {
        let verified = self
            .client
            .verify(
                &verifier.secret_block,
                &verifier.user_id_for_srp,
                &verifier.salt,
                &verifier.srp_b,
            )
            .map_err(|e| malformed(&e.to_string()))?;
        Ok(verified.into())
    }
}

impl From<aws_cognito_srp::VerificationParameters> for PasswordClaim {
    fn from(verified: aws_cognito_srp::VerificationParameters) -> Self {
        Self {
            secret_block: verified.password_claim_secret_block,
            signature: verified.password_claim_signature,
            timestamp: verified.timestamp,
        }
    }
}

impl PasswordVerifier {
    /// Reads the challenge's parameters; a missing one is an error, never a panic.
    pub fn parse(params: Option<&HashMap<String, String>>) -> Result<Self> {
        let get = |name: &str| {
            params
                .and_then(|p| p.get(name))
                .filter(|v| !v.is_empty())
                .cloned()
                .ok_or_else(|| malformed(&format!("{name} is missing")))
        };
        Ok(Self {
            user_id_for_srp: get("USER_ID_FOR_SRP")?,
            salt: get("SALT")?,
            srp_b: get("SRP_B")?,
            secret_block: get("SECRET_BLOCK")?,
        })
    }
}

fn malformed(what: &str) -> Error {
    Error::new(
        Code::UnexpectedResponse,
        format!("Cognito's PASSWORD_VERIFIER challenge cannot be answered: {what}."),
        "Check the endpoint override in the profile; if the pool is real, sign in with the password flow and report this.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange() -> SrpExchange {
        SrpExchange::new(
            &PoolId::new("us-east-1_Abc"),
            "demo@example.com",
            &Password::new("Demo-Passw0rd!"),
            &ClientId::new("client"),
        )
    }

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn srp_a_is_a_fresh_3072_bit_public_value_and_debug_shows_no_password() {
        let a = exchange().srp_a();
        assert!(
            a.len() > 700 && a.chars().all(|c| c.is_ascii_hexdigit()),
            "{a}"
        );
        assert_ne!(a, exchange().srp_a(), "a new random a per exchange");
        assert_eq!(format!("{:?}", exchange()), "SrpExchange([redacted])");
    }

    #[test]
    fn a_verifier_needs_all_four_parameters() {
        let full = params(&[
            ("USER_ID_FOR_SRP", "5f1c"),
            ("SALT", "0a1b"),
            ("SRP_B", "0c0d"),
            ("SECRET_BLOCK", "c2VjcmV0"),
        ]);
        let v = PasswordVerifier::parse(Some(&full)).unwrap();
        assert_eq!(v.user_id_for_srp, "5f1c");
        for missing in ["USER_ID_FOR_SRP", "SALT", "SRP_B", "SECRET_BLOCK"] {
            let mut p = full.clone();
            p.remove(missing);
            let e = PasswordVerifier::parse(Some(&p)).unwrap_err();
            assert_eq!(e.code, Code::UnexpectedResponse);
            assert!(e.message.contains(missing), "{}", e.message);
        }
        assert!(PasswordVerifier::parse(None).is_err());
    }

    #[test]
    fn garbage_from_the_server_is_an_error_not_a_panic() {
        let v = PasswordVerifier {
            user_id_for_srp: "u".into(),
            salt: "not hex".into(),
            srp_b: "0c0d".into(),
            secret_block: "c2VjcmV0".into(),
        };
        assert_eq!(
            exchange().claim(&v).unwrap_err().code,
            Code::UnexpectedResponse
        );
        let v = PasswordVerifier {
            secret_block: "%%% not base64".into(),
            salt: "0a1b".into(),
            ..v
        };
        assert_eq!(
            exchange().claim(&v).unwrap_err().code,
            Code::UnexpectedResponse
        );
    }

    #[test]
    fn the_claim_carries_cognitos_timestamp_format() {
        let v = PasswordVerifier {
            user_id_for_srp: "u".into(),
            salt: "0a1b".into(),
            srp_b: "36ef01c6dde9fe503da333b1acc758ba".into(),
            secret_block: "c2VjcmV0".into(),
        };
        let claim = exchange().claim(&v).unwrap();
        assert_eq!(claim.secret_block, "c2VjcmV0");
        // e.g. "Tue Dec 1 15:04:05 UTC 2026": no leading zero on the day.
        let parts: Vec<&str> = claim.timestamp.split(' ').collect();
        assert_eq!(parts.len(), 6, "{}", claim.timestamp);
        assert_eq!(parts[4], "UTC");
        assert!(!parts[2].starts_with('0'), "{}", claim.timestamp);
    }
}
