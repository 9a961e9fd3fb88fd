//! The test authenticator: for test accounts only, and only when asked, the TOTP secret
//! of an enrollment is kept in the OS keychain beside the user's session and codes are
//! computed here with totp-rs, so the CLI (or a CI job) can answer SOFTWARE_TOKEN_MFA
//! without a phone. Also reads an otpauth URI back, so the one we draw is checked by
//! an independent parser.
//!
//! Cognito accepts each code once: the step whose code was given out is claimed in a
//! ledger shared by every process ([`ledger`]) before the code is made, and a second
//! answer in the same step waits for the next one (or fails, when asked not to wait).

mod clock;
mod ledger;

pub use clock::{Clock, ManualClock, Sleep, SystemClock};
pub use ledger::{Claim, Ledger};

use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::mfa::normalise_secret;
use crate::secret::TotpSecret;
use serde::Serialize;
use totp_rs::{Algorithm, Secret, TOTP};

/// Codes change every 30 s.
pub const STEP_SECS: u64 = 30;

/// The current code of a test account, for the window and the CLI.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

/// A code must have this much of its step left, so it is still valid when it reaches
/// Cognito; with less, the next step's code is used.
const MIN_LIFE_MS: u64 = 3_000;

/// What to do when this step's code was given out already.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UsedStep {
    /// Wait for the next step (at most 30 s).
    #[default]
    WaitForNext,
    /// Fail at once with [`Code::TestCodeUsed`].
    Fail,
}

/// Said before waiting for the next step, so a person or a CI log knows why nothing
/// happens for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StepWait {
    /// Seconds until the next step begins.
    pub seconds: u64,
}

/// The user whose code is made, and where its used steps are kept.
#[derive(Debug, Clone, Copy)]
pub struct CodeFor<'a> {
    pub ledger: &'a Ledger,
    pub profile: &'a ProfileId,
    pub user: &'a Username,
}

/// A code for `secret` that no other answer has used and that has at least
/// [`MIN_LIFE_MS`] of life left. Its step is claimed in the ledger before the code is
/// made; when the current step is taken, `used` decides between waiting for the next
/// one (after `notice`) and failing.
pub async fn claim_code(
    secret: &TotpSecret,
    whose: CodeFor<'_>,
    clock: &dyn Clock,
    used: UsedStep,
    notice: &(dyn Fn(StepWait) + Send + Sync),
) -> Result<String> {
    let totp = generator(secret)?;
    let step_ms = STEP_SECS * 1000;
    loop {
        let now_ms = clock.now_ms();
        let step = now_ms / step_ms;
        let left_ms = step_ms - now_ms % step_ms;
        if left_ms < MIN_LIFE_MS {
            clock.sleep(left_ms).await;
            continue;
        }
        match whose.ledger.claim(whose.profile, whose.user, step)? {
            Claim::Claimed => return Ok(totp.generate(now_ms / 1000)),
            Claim::Used => {
                let seconds = left_ms.div_ceil(1000);
                if used == UsedStep::Fail {
                    return Err(code_used(whose.user, seconds));
                }
                notice(StepWait { seconds });
                clock.sleep(left_ms).await;
            }
        }
    }
}

fn code_used(user: &Username, seconds: u64) -> Error {
    Error::new(
        Code::TestCodeUsed,
        format!("The test authenticator already answered for \"{user}\" with this 30-second step's code, and Cognito accepts a code only once."),
        format!("Run again in {seconds} s, or leave out --no-wait so it waits for the next code by itself."),
    )
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
    use std::sync::Mutex;

    fn ledger() -> Ledger {
        let dir = std::env::temp_dir().join(format!("cognito-desk-claim-{}", uuid::Uuid::new_v4()));
        Ledger::new(&dir)
    }

    /// Claims a code for `user` at the clock's time, recording what was said.
    async fn claim(
        ledger: &Ledger,
        user: &str,
        clock: &ManualClock,
        used: UsedStep,
        said: &Mutex<Vec<StepWait>>,
    ) -> Result<String> {
        let secret = TotpSecret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let (profile, user) = (ProfileId::new("p"), Username::new(user));
        let whose = CodeFor {
            ledger,
            profile: &profile,
            user: &user,
        };
        let notice = |w: StepWait| said.lock().unwrap().push(w);
        claim_code(&secret, whose, clock, used, &notice).await
    }

    fn code_at_ms(ms: u64) -> String {
        code_at(
            &TotpSecret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            ms / 1000,
        )
        .unwrap()
        .code
    }

    #[tokio::test]
    async fn a_second_answer_in_one_step_waits_for_the_next_code_and_says_so() {
        let (ledger, said) = (ledger(), Mutex::default());
        // 10.5 s into a step: 19.5 s left.
        let start = 1_000_000 * 30_000 + 10_500;
        let clock = ManualClock::at_ms(start);
        let first = claim(&ledger, "u", &clock, UsedStep::WaitForNext, &said)
            .await
            .unwrap();
        assert_eq!(first, code_at_ms(start));
        assert!(clock.slept().is_empty() && said.lock().unwrap().is_empty());

        clock.advance_ms(2_000);
        let second = claim(&ledger, "u", &clock, UsedStep::WaitForNext, &said)
            .await
            .unwrap();
        // It waited to the next step's first millisecond, said 18 s first, and made
        // that step's code, not the used one.
        assert_eq!(clock.slept(), [17_500]);
        assert_eq!(*said.lock().unwrap(), [StepWait { seconds: 18 }]);
        assert_eq!(clock.now_ms(), 1_000_001 * 30_000);
        assert_eq!(second, code_at_ms(1_000_001 * 30_000));
        assert_ne!(second, first);
    }

    #[tokio::test]
    async fn without_waiting_a_used_step_fails_at_once_and_another_user_is_not_held_up() {
        let (ledger, said) = (ledger(), Mutex::default());
        let clock = ManualClock::at_ms(2_000_000 * 30_000 + 1_000);
        claim(&ledger, "u", &clock, UsedStep::Fail, &said)
            .await
            .unwrap();
        let e = claim(&ledger, "u", &clock, UsedStep::Fail, &said)
            .await
            .unwrap_err();
        assert_eq!(e.code, Code::TestCodeUsed);
        assert!(e.hint.contains("29 s"), "{}", e.hint);
        assert!(clock.slept().is_empty() && said.lock().unwrap().is_empty());
        // Another user's code in the same step is their own.
        claim(&ledger, "v", &clock, UsedStep::Fail, &said)
            .await
            .unwrap();
        // The next step is free again.
        clock.advance_ms(30_000);
        claim(&ledger, "u", &clock, UsedStep::Fail, &said)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_code_about_to_expire_is_not_given_out_the_next_one_is() {
        let (ledger, said) = (ledger(), Mutex::default());
        // 28 s into the step: 2 s left, too little to reach Cognito in time.
        let clock = ManualClock::at_ms(3_000_000 * 30_000 + 28_000);
        let code = claim(&ledger, "u", &clock, UsedStep::Fail, &said)
            .await
            .unwrap();
        assert_eq!(clock.slept(), [2_000]);
        assert_eq!(code, code_at_ms(3_000_001 * 30_000));
        // Not a reuse: nothing to say.
        assert!(said.lock().unwrap().is_empty());
        // And that next step is now the used one.
        let again = claim(&ledger, "u", &clock, UsedStep::Fail, &said).await;
        assert_eq!(again.unwrap_err().code, Code::TestCodeUsed);
    }

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
