//! TOTP codes as an authenticator app computes them from the secret Cognito handed out.

use anyhow::{Context, Result};
use totp_rs::{Algorithm, Secret, TOTP};

/// Builds the generator. moto's fixed secret is lower case and only 60 bits, which the
/// checked constructors reject: normalise the case and build unchecked (emulators.md).
pub fn generator(secret: &str) -> Result<TOTP> {
    let normalised: String = secret
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = Secret::Encoded(normalised)
        .to_bytes()
        .map_err(|e| anyhow::anyhow!("the secret is not base32: {e:?}"))?;
    Ok(TOTP::new_unchecked(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    ))
}

fn now() -> Result<u64> {
    Ok(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("clock before 1970")?
        .as_secs())
}

/// The current code, after waiting for a fresh 30-s window when fewer than 3 s are left
/// (a person would do the same; moto accepts only the current step).
pub async fn fresh_code(secret: &str) -> Result<String> {
    let totp = generator(secret)?;
    let left = 30 - now()? % 30;
    if left < 3 {
        tokio::time::sleep(std::time::Duration::from_secs(left + 1)).await;
    }
    Ok(totp.generate(now()?))
}

/// A 6-digit code that is none of the codes of the previous, current or next window.
pub fn wrong_code(secret: &str) -> Result<String> {
    let totp = generator(secret)?;
    let t = now()?;
    let near: Vec<String> = [t.saturating_sub(30), t, t + 30]
        .iter()
        .map(|&s| totp.generate(s))
        .collect();
    let mut candidate: u32 = 123_456;
    loop {
        let code = format!("{candidate:06}");
        if !near.contains(&code) {
            return Ok(code);
        }
        candidate = (candidate + 111_111) % 1_000_000;
    }
}
