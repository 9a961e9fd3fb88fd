//! Authenticator-app (TOTP) enrollment, in the only order Cognito accepts:
//! AssociateSoftwareToken → otpauth URI → QR code → VerifySoftwareToken →
//! SetUserMFAPreference. Turning TOTP on needs a [`Verified`] proof that only a
//! successful [`verify`] hands out, so the walkthrough's "preference set too early"
//! mistake cannot be written with this module.

use crate::aws::{Call, CallLog};
use crate::dto::{EnrollmentText, EnrollmentView, MfaStatus};
use crate::error::{Code, Error, Result};
use crate::profile::Profile;
use crate::secret::{ChallengeSession, Jwt, TotpSecret};
use aws_sdk_cognitoidentityprovider as idp;
use base64::Engine;
use idp::types::{SoftwareTokenMfaSettingsType, VerifySoftwareTokenResponseType};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

pub const TOTP_METHOD: &str = "SOFTWARE_TOKEN_MFA";

/// Who is enrolling: a signed-in user (access token) or a sign-in answering the
/// MFA_SETUP challenge (the challenge session, renewed by every call).
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    AccessToken(&'a Jwt),
    Session(&'a ChallengeSession),
}

impl Auth<'_> {
    /// The call's log entry with this credential, redacted.
    fn log(self, call: Call) -> Call {
        match self {
            Auth::AccessToken(_) => call.secret("AccessToken", "ACCESS_TOKEN"),
            Auth::Session(_) => call.secret("Session", "SESSION"),
        }
    }
}

/// A secret handed out by AssociateSoftwareToken, waiting for the first code.
pub struct Enrollment {
    pub issuer: String,
    pub account: String,
    secret: TotpSecret,
    uri: String,
    /// The newest challenge session (MFA_SETUP only).
    pub session: Option<ChallengeSession>,
}

/// Proof that this user's authenticator app is verified: made only by a successful
/// [`verify`], or by [`status_with_proof`] when GetUser lists the authenticator. Its
/// field is private, so no code outside this module can make one, and turning TOTP on
/// ([`enable`], [`TotpSetting::On`]) needs one.
#[derive(Debug)]
pub struct Verified {
    /// The newest challenge session (MFA_SETUP only).
    session: Option<ChallengeSession>,
}

impl Verified {
    /// The challenge session VerifySoftwareToken returned (MFA_SETUP only).
    pub fn into_session(self) -> Option<ChallengeSession> {
        self.session
    }
}

/// What SetUserMFAPreference is to set for the authenticator app.
#[derive(Debug, Clone, Copy)]
pub enum TotpSetting<'a> {
    Off,
    On {
        preferred: bool,
        proof: &'a Verified,
    },
}

/// The URI holds the secret: never in a log.
impl std::fmt::Debug for Enrollment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrollment")
            .field("issuer", &self.issuer)
            .field("account", &self.account)
            .field("secret", &self.secret)
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

impl Enrollment {
    pub fn secret(&self) -> &TotpSecret {
        &self.secret
    }

    pub fn uri(&self) -> &str {
        &self.uri
    }

    pub fn view(&self) -> Result<EnrollmentView> {
        let secret = normalise_secret(&self.secret)?;
        Ok(EnrollmentView {
            qr_svg_data_url: qr_svg_data_url(&self.uri)?,
            secret_groups: secret
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect(),
            issuer: self.issuer.clone(),
            account: self.account.clone(),
        })
    }
}

/// The QR code of `text` as an SVG data URL, drawn by the qrcode crate: dark modules on
/// white with the standard 4-module quiet zone, so phones read it off the screen.
pub fn qr_svg_data_url(text: &str) -> Result<String> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| Error::internal(format!("the QR code could not be drawn: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// AssociateSoftwareToken: a new secret for `account`, shown under `profile`'s issuer.
pub async fn associate(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    auth: Auth<'_>,
    account: &str,
) -> Result<Enrollment> {
    let issuer = profile.totp_issuer().to_owned();
    // Reject a bad label before asking Cognito for a secret that could not be shown.
    otpauth_uri(&issuer, account, &TotpSecret::new("AAAA"))?;
    let request = match auth {
        Auth::AccessToken(token) => client
            .associate_software_token()
            .access_token(token.expose()),
        Auth::Session(session) => client.associate_software_token().session(session.expose()),
    };
    let call = auth.log(crate::aws::cognito_call("AssociateSoftwareToken", profile));
    let out = calls.call(call, request.send()).await?;
    let secret = TotpSecret::new(out.secret_code().ok_or_else(|| {
        Error::new(
            Code::UnexpectedResponse,
            "Cognito's answer to AssociateSoftwareToken has no secret.",
            "Try again; if it persists, check the endpoint override.",
        )
    })?);
    let uri = otpauth_uri(&issuer, account, &secret)?;
    // Built by hand (see otpauth_uri), so read back by totp-rs before it is drawn.
    crate::testauth::check_uri(&uri, &secret, &issuer, account)?;
    Ok(Enrollment {
        issuer,
        account: account.to_owned(),
        secret,
        uri,
        session: out.session().map(ChallengeSession::new),
    })
}

/// VerifySoftwareToken with the first code from the authenticator app.
pub async fn verify(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    auth: Auth<'_>,
    code: &str,
    device_name: Option<&str>,
) -> Result<Verified> {
    let code = crate::signin::normalise_code(code)?;
    let request = match auth {
        Auth::AccessToken(token) => client.verify_software_token().access_token(token.expose()),
        Auth::Session(session) => client.verify_software_token().session(session.expose()),
    }
    .user_code(code)
    .set_friendly_device_name(
        device_name
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
    );
    let call = auth
        .log(crate::aws::cognito_call("VerifySoftwareToken", profile))
        .secret("UserCode", "TOTP_CODE");
    let out = calls.call(call, request.send()).await?;
    if out.status() != Some(&VerifySoftwareTokenResponseType::Success) {
        return Err(Error::new(Code::CodeMismatchException,
            "Cognito did not accept the code.",
            "Check the clock of the device that shows the code, wait for the next code, and try again.",
        ));
    }
    Ok(Verified {
        session: out.session().map(ChallengeSession::new),
    })
}

/// SetUserMFAPreference: TOTP on and preferred, after a successful verification.
pub async fn enable(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
    proof: Verified,
) -> Result<()> {
    let setting = TotpSetting::On {
        preferred: true,
        proof: &proof,
    };
    set_preference(client, calls, profile, access, setting).await
}

/// SetUserMFAPreference for a user whose TOTP is already verified (turn it off, or
/// change whether it is preferred). Cognito refuses `enabled = true` for a user who
/// never verified a code; that refusal arrives as `TotpNotVerified`.
pub async fn set_preference(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
    setting: TotpSetting<'_>,
) -> Result<()> {
    let (enabled, preferred) = match setting {
        TotpSetting::Off => (false, false),
        TotpSetting::On { preferred, .. } => (true, preferred),
    };
    let settings = SoftwareTokenMfaSettingsType::builder()
        .enabled(enabled)
        .preferred_mfa(preferred)
        .build();
    calls
        .call(
            crate::aws::cognito_call("SetUserMFAPreference", profile)
                .secret("AccessToken", "ACCESS_TOKEN")
                .param(
                    "SoftwareTokenMfaSettings",
                    format!("Enabled={enabled},PreferredMfa={preferred}"),
                ),
            client
                .set_user_mfa_preference()
                .access_token(access.expose())
                .software_token_mfa_settings(settings)
                .send(),
        )
        .await?;
    Ok(())
}

/// What GetUser would say after [`enable`] succeeded on a user whose status was
/// `before`: the authenticator app enabled and preferred, the other methods as they were.
pub fn with_totp_preferred(mut before: MfaStatus) -> MfaStatus {
    if !before.enabled_methods.iter().any(|m| m == TOTP_METHOD) {
        before.enabled_methods.push(TOTP_METHOD.to_owned());
    }
    before.totp_enabled = true;
    before.totp_preferred = true;
    before.preferred_method = Some(TOTP_METHOD.to_owned());
    before
}

/// GetUser: which MFA methods the signed-in user has, in words the UI can show.
pub async fn status(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
) -> Result<MfaStatus> {
    Ok(status_with_proof(client, calls, profile, access).await?.0)
}

/// [`status`], and a [`Verified`] proof when Cognito lists the user's authenticator
/// (it lists it only after a successful VerifySoftwareToken).
pub async fn status_with_proof(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
) -> Result<(MfaStatus, Option<Verified>)> {
    let user = calls
        .call(
            crate::aws::cognito_call("GetUser", profile).secret("AccessToken", "ACCESS_TOKEN"),
            client.get_user().access_token(access.expose()).send(),
        )
        .await?;
    let enabled: Vec<String> = user.user_mfa_setting_list().to_vec();
    // ministack reports "no preference" as an empty string; AWS omits the field.
    let preferred = user
        .preferred_mfa_setting()
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    let totp_enabled = enabled.iter().any(|m| m == TOTP_METHOD);
    let status = MfaStatus {
        totp_enabled,
        totp_preferred: preferred.as_deref() == Some(TOTP_METHOD),
        enabled_methods: enabled,
        preferred_method: preferred,
        test_account: false,
    };
    Ok((status, totp_enabled.then_some(Verified { session: None })))
}

/// Text of an enrollment for the clipboard or the system's otpauth handler.
pub fn enrollment_text(enrollment: &Enrollment, what: EnrollmentText) -> Result<String> {
    Ok(match what {
        EnrollmentText::Secret => normalise_secret(enrollment.secret())?,
        EnrollmentText::Uri => enrollment.uri().to_owned(),
    })
}

/// Everything but the RFC 3986 unreserved characters is encoded, so a space becomes
/// `%20` (never `+`, which authenticator apps show literally) and `@` becomes `%40`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Normalises a base32 secret the only ways allowed: upper case, no padding, no spaces.
/// Any length that decodes to at least one byte is accepted (Cognito sends 52
/// characters, moto 12); one character (5 bits) is no secret, and totp-rs, which reads
/// our otpauth URI back, refuses it.
pub fn normalise_secret(secret: &TotpSecret) -> Result<String> {
    let normalised: String = secret
        .expose()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let decodes = normalised
        .chars()
        .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))
        && totp_rs::Secret::Encoded(normalised.clone())
            .to_bytes()
            .is_ok_and(|bytes| !bytes.is_empty());
    if !decodes {
        return Err(Error::new(
            Code::InvalidTotpSecret,
            "Cognito sent a TOTP secret that is not base32.",
            "Start the authenticator setup again.",
        ));
    }
    Ok(normalised)
}

/// One part of the otpauth label (or the issuer parameter), percent-encoded.
pub(crate) fn encode_label(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// `otpauth://totp/<Issuer>:<account>?secret=…&issuer=<Issuer>`. The secret is kept as
/// Cognito sent it (not re-encoded from bytes, which would change a short secret's text).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &TotpSecret) -> Result<String> {
    for (what, value) in [("issuer", issuer), ("account name", account)] {
        if value.contains(':') {
            return Err(Error::new(Code::InvalidOtpauthLabel,
                format!("The {what} \"{value}\" contains a colon, which authenticator apps cannot read."),
                "Remove the colon (:) from the issuer in the profile settings.",
            ));
        }
        if value.trim().is_empty() {
            return Err(Error::new(
                Code::InvalidOtpauthLabel,
                format!("The {what} is empty."),
                "Set an issuer name in the profile settings.",
            ));
        }
    }
    let secret = normalise_secret(secret)?;
    let issuer = encode_label(issuer);
    let account = encode_label(account);
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
    fn an_enrollment_and_its_view_never_print_the_secret() {
        let key = "JBSWY3DPEHPK3PXP";
        let enrollment = Enrollment {
            issuer: "Cognito Desk".into(),
            account: "a@example.com".into(),
            secret: secret(key),
            uri: otpauth_uri("Cognito Desk", "a@example.com", &secret(key)).unwrap(),
            session: Some(ChallengeSession::new("session-value")),
        };
        let view = enrollment.view().unwrap();
        for printed in [format!("{enrollment:?}"), format!("{view:?}")] {
            assert!(!printed.contains("JBSW"), "{printed}");
            assert!(!printed.contains("session-value"), "{printed}");
            assert!(printed.contains("a@example.com"), "{printed}");
        }
        // What the page receives: the QR image and the grouped key, no URI.
        let json = serde_json::to_value(&view).unwrap();
        let mut fields: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["account", "issuer", "qrSvgDataUrl", "secretGroups"]
        );
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
            Code::InvalidOtpauthLabel
        );
        assert_eq!(
            otpauth_uri("Acme", "a:b", &secret("JBSW"))
                .unwrap_err()
                .code,
            Code::InvalidOtpauthLabel
        );
        assert_eq!(
            otpauth_uri("Acme", "a", &secret("not base32!"))
                .unwrap_err()
                .code,
            Code::InvalidTotpSecret
        );
        // Base32 letters too few for one byte (the fuzzer's find: "M").
        for undecodable in ["M", " m ", "7="] {
            assert_eq!(
                normalise_secret(&secret(undecodable)).unwrap_err().code,
                Code::InvalidTotpSecret,
                "{undecodable}"
            );
        }
        for decodable in ["MY", "MZXQ", "MZXW6", "MZXW6YQ", "JBSWY3DP"] {
            assert!(normalise_secret(&secret(decodable)).is_ok(), "{decodable}");
        }
    }
}
