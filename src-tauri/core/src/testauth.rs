//! The test authenticator: for test accounts only, and only when asked, the TOTP secret
//! of an enrollment is kept in the OS keychain beside the user's session and codes are
//! computed here with totp-rs, so the CLI (or a CI job) can answer SOFTWARE_TOKEN_MFA
//! without a phone. Also reads an otpauth URI back, so the one we draw is checked by
//! an independent parser.

use crate::error::{Code, Error, Result};
use crate::mfa::normalise_secret;
use crate::secret::TotpSecret;
use serde::Serialize;
use totp_rs::{Algorithm, Secret, TOTP};

/// Codes change every 30 s.
pub const STEP_SECS: u64 = 30;

/// The current code of a test account, for the window and the CLI.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestCode {
    pub code: String,
    /// Seconds until the code changes.
    pub seconds_left: u64,
}

/// A code is short-lived but still answers a challenge: not in logs.
impl std::fmt::Debug for TestCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCode")
            .field("code", &"[redacted]")
            .field("seconds_left", &self.seconds_left)
            .finish()
    }
}

/// The generator Cognito's authenticator apps use: SHA-1, 6 digits, 30 s. Built
/// unchecked because Cognito's emulators hand out secrets shorter than the 128 bits the
/// checked constructor wants (moto: 60 bits), and Cognito itself accepts them.
fn generator(secret: &TotpSecret) -> Result<TOTP> {
    let bytes = Secret::Encoded(normalise_secret(secret)?)
        .to_bytes()
        .map_err(|_| invalid_secret())?;
    Ok(TOTP::new_unchecked(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECS,
        bytes,
        None,
        String::new(),
    ))
}

fn invalid_secret() -> Error {
    Error::new(
        Code::InvalidTotpSecret,
        "The TOTP secret is not base32.",
        "Start the authenticator setup again.",
    )
}

/// The code at Unix time `unix`.
pub fn code_at(secret: &TotpSecret, unix: u64) -> Result<TestCode> {
    Ok(TestCode {
        code: generator(secret)?.generate(unix),
        seconds_left: STEP_SECS - unix % STEP_SECS,
    })
}

pub fn code_now(secret: &TotpSecret) -> Result<TestCode> {
    code_at(secret, now())
}

/// A code with at least 3 s of life left (waits for the next one otherwise), for an
/// answer that must still be valid when it reaches Cognito.
pub async fn fresh_code(secret: &TotpSecret) -> Result<String> {
    let now = code_now(secret)?;
    if now.seconds_left >= 3 {
        return Ok(now.code);
    }
    tokio::time::sleep(std::time::Duration::from_secs(now.seconds_left)).await;
    Ok(code_now(secret)?.code)
}

fn now() -> u64 {
    u64::try_from(crate::session::now_secs()).unwrap_or(0)
}

/// Reads `uri` with totp-rs and confirms it carries exactly `secret`, `issuer` and
/// `account`: what an authenticator app will store is what Cognito handed out.
pub fn check_uri(uri: &str, secret: &TotpSecret, issuer: &str, account: &str) -> Result<()> {
    let unreadable = |e: String| {
        Error::new(
            Code::InvalidOtpauthLabel,
            format!("The otpauth URI cannot be read by an authenticator app: {e}."),
            "Change the issuer in the profile settings to plain text and start again.",
        )
    };
    let differs = || {
        Error::new(
            Code::InvalidOtpauthLabel,
            "The otpauth URI does not read back as the secret and names it was built from.",
            "Remove unusual characters from the issuer in the profile settings and start again.",
        )
    };
    // The label as the Key Uri Format reads it: percent-decoded once.
    let url = url::Url::parse(uri).map_err(|e| unreadable(e.to_string()))?;
    let label = percent_encoding::percent_decode_str(url.path().trim_start_matches('/'))
        .decode_utf8()
        .map_err(|e| unreadable(e.to_string()))?;
    if label != format!("{issuer}:{account}") {
        return Err(differs());
    }
    // totp-rs decodes the account name a second time (the format says once), so an
    // account with a '%' in it reads back changed there — or not at all — though
    // authenticator apps show it as sent (the fuzzer found it). For such an account,
    // totp-rs reads a copy without it, for the secret, the issuer and the settings.
    let encoded_account = format!(":{}?", crate::mfa::encode_label(account));
    let (read, account_read_back) = if account.contains('%') {
        (uri.replacen(&encoded_account, ":account?", 1), "account")
    } else {
        (uri.to_owned(), account)
    };
    let parsed = TOTP::from_url_unchecked(&read).map_err(|e| match e {
        // Its text would carry the secret.
        totp_rs::TotpUrlError::Secret(_) => unreadable("the secret is not base32".into()),
        other => unreadable(other.to_string()),
    })?;
    let expected = generator(secret)?;
    let same = parsed.secret == expected.secret
        && parsed.issuer.as_deref() == Some(issuer)
        && parsed.account_name == account_read_back
        && parsed.digits == 6
        && parsed.step == STEP_SECS;
    if !same {
        return Err(differs());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mfa::otpauth_uri;

    #[test]
    fn rfc_6238_vector_and_seconds_left() {
        // RFC 6238 appendix B, SHA-1, T = 59: 94287082 (8 digits) → 287082 with 6.
        let secret = TotpSecret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let c = code_at(&secret, 59).unwrap();
        assert_eq!(c.code, "287082");
        assert_eq!(c.seconds_left, 1);
        assert_eq!(code_at(&secret, 60).unwrap().seconds_left, 30);
        assert!(!format!("{c:?}").contains("287082"));
    }

    #[test]
    fn short_lower_case_secrets_make_codes() {
        // moto's fixed 60-bit secret, lower case.
        let c = code_at(&TotpSecret::new("asdfasdfasdf"), 0).unwrap();
        assert_eq!(c.code.len(), 6);
        assert_eq!(
            code_at(&TotpSecret::new("not base32!"), 0)
                .unwrap_err()
                .code,
            Code::InvalidTotpSecret
        );
    }

    #[test]
    fn the_uri_we_build_reads_back_with_its_secret_and_names() {
        let secret = TotpSecret::new("jbsw y3dp ehpk 3pxp");
        let uri = otpauth_uri("Cognito Desk", "a+b@example.com", &secret).unwrap();
        check_uri(&uri, &secret, "Cognito Desk", "a+b@example.com").unwrap();
        let other = TotpSecret::new("JBSWY3DPEHPK3PXQ");
        assert_eq!(
            check_uri(&uri, &other, "Cognito Desk", "a+b@example.com")
                .unwrap_err()
                .code,
            Code::InvalidOtpauthLabel
        );
        assert!(check_uri(&uri, &secret, "Other", "a+b@example.com").is_err());
        assert!(check_uri(&uri, &secret, "Cognito Desk", "a b@example.com").is_err());
    }

    /// The fuzzer's find: totp-rs decodes the account name twice, so "%0e" read back
    /// as a control character and "%ff" not at all; such names now enroll, and a
    /// wrong one is still told apart.
    #[test]
    fn an_account_with_a_percent_sign_reads_back() {
        let secret = TotpSecret::new("JBSWY3DPEHPK3PXP");
        for account in ["X]%0e\u{fffd}cP.m", "50%ff@example.com", "100%@example.com"] {
            let uri = otpauth_uri("Cognito Desk", account, &secret).unwrap();
            check_uri(&uri, &secret, "Cognito Desk", account)
                .unwrap_or_else(|e| panic!("{account}: {}", e.message));
            assert!(check_uri(&uri, &secret, "Cognito Desk", "50%fe@example.com").is_err());
            let other = TotpSecret::new("JBSWY3DPEHPK3PXQ");
            assert!(check_uri(&uri, &other, "Cognito Desk", account).is_err());
        }
    }
}
