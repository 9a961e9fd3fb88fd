//! What each token check found, as a code with its values: the window words it in its
//! language, and [`std::fmt::Display`] words it in English for error messages and logs.
//! Claim names, key ids, URLs and algorithms are values, never translated.

use serde::Serialize;
use std::fmt;

/// A token check's finding. Times are whole seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(
    tag = "code",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Finding {
    /// The RS256 signature verifies with the pool's key `kid` from `url`.
    SignatureVerified { kid: String, url: String },
    /// The header names another algorithm than Cognito's RS256.
    NotRs256 { alg: String },
    /// The pool's key set has no key `kid`.
    KeyNotInSet { kid: String, url: String },
    /// The key `kid` cannot be used (the library's words: technical).
    KeyUnusable { kid: String, reason: String },
    /// The signature does not match the key `kid` (the library's words: technical).
    SignatureMismatch { kid: String, reason: String },
    /// `iss` is this pool.
    IssuerMatches { iss: String },
    /// `iss` is another issuer.
    IssuerDiffers { found: String, expected: String },
    /// `token_use` (or another string claim `claim`) holds `found`; `expected` passes.
    ClaimIs {
        claim: String,
        found: String,
        expected: String,
    },
    /// `aud` (ID token) or `client_id` (access token) against the profile's app client.
    Audience {
        claim: String,
        found: String,
        expected: String,
    },
    /// The token expires in `seconds`.
    ExpiresIn { seconds: i64 },
    /// The token expired `seconds` ago.
    ExpiredAgo { seconds: i64 },
    /// A claim the check needs is not there.
    ClaimMissing { claim: String },
    /// A time claim is not a Unix time.
    NotATime { claim: String },
    /// Issued `seconds` ago.
    IssuedAgo { seconds: i64 },
    /// Issued `seconds` in the future (beyond the allowed clock skew): a clock is wrong.
    IssuedInFuture { seconds: i64 },
    /// `nbf` lies `seconds` ahead.
    NotValidYet { seconds: i64 },
    /// `nbf` has passed.
    ValidNow,
    /// The ID token's nonce is the one this sign-in sent.
    NonceMatches,
    /// The nonce is another request's.
    NonceDiffers,
    /// This sign-in sent a nonce; the ID token carries none.
    NonceMissing,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Finding::*;
        match self {
            SignatureVerified { kid, url } => {
                write!(f, "RS256 signature verified with key {kid} from {url}")
            }
            NotRs256 { alg } => write!(f, "signed with {alg:?}; Cognito signs with RS256"),
            KeyNotInSet { kid, url } => write!(f, "no key with kid {kid:?} in the pool's JWKS ({url})"),
            KeyUnusable { kid, reason } => write!(f, "the pool's key {kid} cannot be used: {reason}"),
            SignatureMismatch { kid, reason } => {
                write!(f, "the RS256 signature does not match key {kid}: {reason}")
            }
            IssuerMatches { iss } => write!(f, "iss is this pool: {iss}"),
            IssuerDiffers { found, expected } => write!(f, "iss is {found:?}, expected {expected}"),
            ClaimIs {
                claim,
                found,
                expected,
            } => write!(f, "{claim} is {found:?}, expected {expected:?}"),
            Audience {
                claim,
                found,
                expected,
            } => write!(f, "{claim} is {found:?}, expected the profile's app client {expected}"),
            ExpiresIn { seconds } => write!(f, "expires in {seconds} s"),
            ExpiredAgo { seconds } => write!(f, "expired {seconds} s ago"),
            ClaimMissing { claim } => write!(f, "the token has no {claim} claim"),
            NotATime { claim } => write!(f, "{claim} is not a Unix time"),
            IssuedAgo { seconds } => write!(f, "issued {seconds} s ago"),
            IssuedInFuture { seconds } => {
                write!(f, "issued {seconds} s in the future: check this computer's clock")
            }
            NotValidYet { seconds } => write!(f, "not valid for another {seconds} s"),
            ValidNow => write!(f, "valid now"),
            NonceMatches => write!(f, "nonce matches the one this sign-in sent"),
            NonceDiffers => write!(
                f,
                "nonce differs from the one this sign-in sent: the token was issued for another request"
            ),
            NonceMissing => write!(f, "the ID token carries no nonce, but this sign-in sent one"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_is_a_code_with_its_values() {
        let value = serde_json::to_value(Finding::ExpiresIn { seconds: 3599 }).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"code": "expiresIn", "seconds": 3599})
        );
        let value = serde_json::to_value(Finding::ClaimIs {
            claim: "token_use".into(),
            found: "access".into(),
            expected: "id".into(),
        })
        .unwrap();
        assert_eq!(
            value,
            serde_json::json!({"code": "claimIs", "claim": "token_use", "found": "access", "expected": "id"})
        );
        assert_eq!(
            serde_json::to_value(Finding::ValidNow).unwrap(),
            serde_json::json!({"code": "validNow"})
        );
        assert_eq!(
            Finding::ExpiredAgo { seconds: 5 }.to_string(),
            "expired 5 s ago"
        );
    }
}
