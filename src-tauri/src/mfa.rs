//! TOTP enrollment helpers: the otpauth URI an authenticator app imports.

use crate::error::{Error, Result};
use crate::secret::TotpSecret;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the RFC 3986 unreserved characters is encoded, so a space becomes
/// `%20` (never `+`, which authenticator apps show literally) and `@` becomes `%40`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Normalises a base32 secret the only ways allowed: upper case, no padding, no spaces.
/// Any length of valid base32 is accepted (Cognito sends 52 characters, moto 12).
pub fn normalise_secret(secret: &TotpSecret) -> Result<String> {
    let normalised: String = secret
        .expose()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if normalised.is_empty()
        || !normalised
            .chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))
    {
        return Err(Error::new(
            "InvalidTotpSecret",
            "Cognito sent a TOTP secret that is not base32.",
            "Start the authenticator setup again.",
        ));
    }
    Ok(normalised)
}

/// `otpauth://totp/<Issuer>:<account>?secret=…&issuer=<Issuer>`. The secret is kept as
/// Cognito sent it (not re-encoded from bytes, which would change a short secret's text).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &TotpSecret) -> Result<String> {
    for (what, value) in [("issuer", issuer), ("account name", account)] {
        if value.contains(':') {
            return Err(Error::new(
                "InvalidOtpauthLabel",
                format!("The {what} \"{value}\" contains a colon, which authenticator apps cannot read."),
                "Remove the colon (:) from the issuer in the profile settings.",
            ));
        }
        if value.trim().is_empty() {
            return Err(Error::new(
                "InvalidOtpauthLabel",
                format!("The {what} is empty."),
                "Set an issuer name in the profile settings.",
            ));
        }
    }
    let secret = normalise_secret(secret)?;
    let issuer = utf8_percent_encode(issuer, COMPONENT);
    let account = utf8_percent_encode(account, COMPONENT);
    Ok(format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> TotpSecret {
        TotpSecret::new(s)
    }

    #[test]
    fn encodes_spaces_at_signs_plus_and_japanese() {
        let uri = otpauth_uri(
            "Cognito Desk",
            "a+b@example.com",
            &secret("jbsw y3dp ehpk 3pxp"),
        )
        .unwrap();
        assert_eq!(
            uri,
            "otpauth://totp/Cognito%20Desk:a%2Bb%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Cognito%20Desk"
        );
        let uri = otpauth_uri("検証", "ユーザー", &secret("JBSWY3DPEHPK3PXP")).unwrap();
        assert!(
            uri.starts_with("otpauth://totp/%E6%A4%9C%E8%A8%BC:%E3%83%A6"),
            "{uri}"
        );
        assert!(uri.ends_with("&issuer=%E6%A4%9C%E8%A8%BC"));
    }

    #[test]
    fn short_lower_case_secrets_keep_their_text() {
        let uri = otpauth_uri("I", "a", &secret("asdfasdfasdf==")).unwrap();
        assert!(uri.contains("secret=ASDFASDFASDF&"), "{uri}");
    }

    #[test]
    fn colons_and_bad_secrets_are_rejected() {
        assert_eq!(
            otpauth_uri("Acme:Dev", "a", &secret("JBSW"))
                .unwrap_err()
                .code,
            "InvalidOtpauthLabel"
        );
        assert_eq!(
            otpauth_uri("Acme", "a:b", &secret("JBSW"))
                .unwrap_err()
                .code,
            "InvalidOtpauthLabel"
        );
        assert_eq!(
            otpauth_uri("Acme", "a", &secret("not base32!"))
                .unwrap_err()
                .code,
            "InvalidTotpSecret"
        );
    }
}
