//! The settings of a profile, as the form sends them and as they are kept: one type,
//! its validation (a code per field problem, translated by the window) and its
//! normalisation.

use super::admin::AdminAccess;
use super::Profile;
use crate::error::FieldError;
use crate::ids::{ClientId, PoolId, ProfileId};
use crate::secret::ClientSecret;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the app signs in with a password.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SignInFlow {
    /// USER_SRP_AUTH: only a proof of the password is sent (the default for new profiles).
    #[default]
    Srp,
    /// USER_PASSWORD_AUTH: the password is sent (over TLS) to Cognito.
    Password,
    /// USER_AUTH (choice-based): Cognito offers the first factors this user may use.
    UserAuth,
    /// CUSTOM_AUTH: the pool's Lambda triggers ask their own questions.
    Custom,
}

/// The first factors USER_AUTH may offer and this build answers, in the order the
/// profile form lists them.
pub const FIRST_FACTORS: &[&str] = &[
    "PASSWORD_SRP",
    "PASSWORD",
    "EMAIL_OTP",
    "SMS_OTP",
    "WEB_AUTHN",
];

impl SignInFlow {
    /// Profiles saved before the setting existed signed in with the password flow, and
    /// keep it: switching them to SRP could fail on a client that does not allow it.
    fn saved_before_the_setting() -> Self {
        SignInFlow::Password
    }
}

/// What a person types into the profile form. The same fields are the on-disk schema
/// (after [`ProfileSettings::normalised`]) and the form's input (as typed, maybe blank).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfileSettings {
    /// The profile's name, unique among the profiles (case-insensitive), at most 64
    /// characters.
    #[serde(default)]
    pub name: String,
    /// The AWS region of the user pool, e.g. `ap-northeast-1`.
    #[serde(default)]
    pub region: String,
    /// The user pool id, `<region>_<id>`, in the region above.
    #[serde(default)]
    pub user_pool_id: PoolId,
    /// The app client id (letters and digits).
    #[serde(default)]
    pub client_id: ClientId,
    /// How a password sign-in starts. Files written before this setting existed mean
    /// `password`.
    #[serde(default = "SignInFlow::saved_before_the_setting")]
    pub sign_in_flow: SignInFlow,
    /// With `userAuth`: the first factor to ask for (PREFERRED_CHALLENGE): one of
    /// `PASSWORD_SRP`, `PASSWORD`, `EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`; none lets Cognito offer the
    /// choice.
    #[serde(default)]
    pub preferred_challenge: Option<String>,
    /// The app client has a secret. The secret itself is kept in the OS keychain, never
    /// in a file.
    #[serde(default)]
    pub has_client_secret: bool,
    /// The identity pool that trades the ID token for AWS credentials,
    /// `<region>:<uuid>`.
    #[serde(default)]
    pub identity_pool_id: Option<String>,
    /// Managed login: the pool's domain, e.g.
    /// `https://<prefix>.auth.<region>.amazoncognito.com` (no path). Comes with
    /// `redirectUri`.
    #[serde(default)]
    pub domain: Option<String>,
    /// Managed login: a loopback redirect URI with a fixed port, e.g.
    /// `http://127.0.0.1:53682/callback`, registered on the app client.
    #[serde(default)]
    pub redirect_uri: Option<String>,
    /// Managed login: the scopes, space-separated, `openid` among them. None means
    /// `openid email profile aws.cognito.signin.user.admin`.
    #[serde(default)]
    pub scopes: Option<String>,
    /// An endpoint override for a local emulator, e.g. `http://127.0.0.1:4566`
    /// (plain http only on this computer). None means AWS's own endpoints.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The issuer an authenticator app shows for this pool's accounts (no colon).
    /// None means `Cognito Desk`.
    #[serde(default)]
    pub totp_issuer: Option<String>,
    /// The name this computer gets in the user's device list when the pool tracks
    /// devices (ConfirmDevice). None means the computer's host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// Where the workbench's admin credentials come from (never the credentials).
    #[serde(flatten)]
    pub admin: AdminAccess,
}

/// What the profile form sends: the settings, and the id of the profile they replace
/// (none for a new profile).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    #[serde(default)]
    pub id: Option<ProfileId>,
    #[serde(flatten)]
    pub settings: ProfileSettings,
    /// The client secret as typed; blank keeps the stored one. It goes to the keychain.
    #[serde(default)]
    pub client_secret: Option<ClientSecret>,
}

/// Settings for a new profile.
impl From<ProfileSettings> for ProfileInput {
    fn from(settings: ProfileSettings) -> Self {
        Self {
            id: None,
            settings,
            client_secret: None,
        }
    }
}

impl ProfileInput {
    /// Every problem with the input, in form order. Empty means valid.
    pub fn validate(&self, others: &[Profile]) -> Vec<FieldError> {
        self.settings.validate(self.id.as_ref(), others)
    }

    /// The secret typed in the form, if any (blank counts as none).
    pub fn typed_client_secret(&self) -> Option<&ClientSecret> {
        self.client_secret
            .as_ref()
            .filter(|s| !s.expose().trim().is_empty())
    }

    pub(super) fn into_profile(self, id: ProfileId) -> Profile {
        Profile {
            id,
            settings: self.settings.normalised(),
        }
    }
}

fn optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

pub(crate) fn is_region(value: &str) -> bool {
    // e.g. us-east-1, ap-northeast-1, us-gov-west-1, eu-central-2
    let parts: Vec<&str> = value.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

fn check_url(field: &'static str, value: &str, errors: &mut Vec<FieldError>) -> Option<url::Url> {
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Some(u),
        _ => {
            errors.push(FieldError::new(
                field,
                "urlInvalid",
                "Enter a full URL starting with https:// (or http:// for a local emulator).",
            ));
            None
        }
    }
}

/// An endpoint override's problems: not a URL, or plain `http://` to another computer
/// (see [`ProfileSettings::clear_text_endpoint`]).
pub(crate) fn check_endpoint(endpoint: &str, errors: &mut Vec<FieldError>) {
    if let Some(url) = check_url("endpoint", endpoint, errors) {
        if url.scheme() == "http" && !is_loopback(&url) {
            errors.push(endpoint_needs_https());
        }
    }
}

fn endpoint_needs_https() -> FieldError {
    FieldError::new(
        "endpoint",
        "endpointNeedsHttps",
        "Use https:// for an endpoint on another computer; http:// only for an emulator on this one (127.0.0.1, localhost, [::1]).",
    )
}

fn is_loopback(u: &url::Url) -> bool {
    matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
}

impl ProfileSettings {
    /// The endpoint override's problem when it is plain `http://` to another computer:
    /// passwords and tokens travel to it, in clear text only to this computer (an
    /// emulator). Checked at save and again before any use (a file edited by hand or
    /// saved by an older version).
    pub fn clear_text_endpoint(&self) -> Option<FieldError> {
        let url = url::Url::parse(optional(&self.endpoint)?.as_str()).ok()?;
        (url.scheme() == "http" && !is_loopback(&url)).then(endpoint_needs_https)
    }

    /// Every problem with these settings, in form order, for the profile `own_id` (none
    /// when new) among `others`. Empty means valid.
    pub fn validate(&self, own_id: Option<&ProfileId>, others: &[Profile]) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        let region = self.region.trim();
        let pool = self.user_pool_id.as_str().trim();
        let client = self.client_id.as_str().trim();

        if name.is_empty() {
            errors.push(FieldError::new(
                "name",
                "nameRequired",
                "Give the profile a name.",
            ));
        } else if name.chars().count() > 64 {
            errors.push(FieldError::new(
                "name",
                "nameTooLong",
                "Keep the name under 64 characters.",
            ));
        } else if others
            .iter()
            .any(|p| p.settings.name.eq_ignore_ascii_case(name) && Some(&p.id) != own_id)
        {
            errors.push(FieldError::new(
                "name",
                "nameTaken",
                "Another profile already has this name.",
            ));
        }

        let region_ok = is_region(region);
        if region.is_empty() {
            errors.push(FieldError::new(
                "region",
                "regionRequired",
                "Enter the AWS region of the user pool, e.g. ap-northeast-1.",
            ));
        } else if !region_ok {
            errors.push(FieldError::new(
                "region",
                "regionInvalid",
                "This is not a region name; it looks like ap-northeast-1 or us-east-1.",
            ));
        }

        match pool.split_once('_') {
            _ if pool.is_empty() => errors.push(FieldError::new(
                "userPoolId",
                "userPoolIdRequired",
                "Enter the user pool id, e.g. ap-northeast-1_AbC123xyz.",
            )),
            Some((prefix, id))
                if is_region(prefix)
                    && !id.is_empty()
                    && id.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                if region_ok && prefix != region {
                    errors.push(
                        FieldError::new(
                            "userPoolId",
                            "userPoolRegionMismatch",
                            format!(
                                "This pool lives in {prefix}, but the region above is {region}."
                            ),
                        )
                        .with("poolRegion", prefix)
                        .with("region", region),
                    );
                }
            }
            _ => errors.push(FieldError::new(
                "userPoolId",
                "userPoolIdInvalid",
                "A user pool id is <region>_<id>, e.g. ap-northeast-1_AbC123xyz.",
            )),
        }

        if client.is_empty() {
            errors.push(FieldError::new(
                "clientId",
                "clientIdRequired",
                "Enter the app client id.",
            ));
        } else if client.len() > 128
            || !client
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '+')
        {
            errors.push(FieldError::new(
                "clientId",
                "clientIdInvalid",
                "An app client id has only letters and digits (26 characters on AWS).",
            ));
        }

        if let Some(idp) = optional(&self.identity_pool_id) {
            match idp.split_once(':') {
                Some((prefix, uuid))
                    if is_region(prefix)
                        && !uuid.is_empty()
                        && uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-') =>
                {
                    if region_ok && prefix != region {
                        errors.push(
                            FieldError::new(
                                "identityPoolId",
                                "identityPoolRegionMismatch",
                                format!("This identity pool lives in {prefix}, but the region above is {region}."),
                            )
                            .with("poolRegion", prefix)
                            .with("region", region),
                        );
                    }
                }
                _ => errors.push(FieldError::new(
                    "identityPoolId",
                    "identityPoolIdInvalid",
                    "An identity pool id is <region>:<uuid>, e.g. ap-northeast-1:0a1b2c3d-….",
                )),
            }
        }

        if let Some(preferred) = optional(&self.preferred_challenge) {
            if !FIRST_FACTORS.contains(&preferred.as_str()) {
                errors.push(FieldError::new(
                    "preferredChallenge",
                    "preferredChallengeInvalid",
                    format!("Choose one of {}, or none.", FIRST_FACTORS.join(", ")),
                ));
            }
        }
        self.validate_managed_login(&mut errors);
        if let Some(endpoint) = optional(&self.endpoint) {
            check_endpoint(&endpoint, &mut errors);
        }
        if optional(&self.totp_issuer).is_some_and(|i| i.contains(':')) {
            errors.push(FieldError::new(
                "totpIssuer",
                "issuerHasColon",
                "Authenticator apps cannot read a colon (:) in the issuer.",
            ));
        }
        self.admin
            .validate(optional(&self.endpoint).is_some(), &mut errors);
        errors
    }

    /// Domain, redirect URI and scopes: all or nothing, and each usable as RFC 8252
    /// asks (a loopback redirect on a fixed port, an https domain).
    fn validate_managed_login(&self, errors: &mut Vec<FieldError>) {
        let domain = optional(&self.domain);
        let redirect = optional(&self.redirect_uri);
        if let Some(domain) = &domain {
            if let Some(u) = check_url("domain", domain, errors) {
                if u.scheme() == "http" && !is_loopback(&u) {
                    errors.push(FieldError::new(
                        "domain",
                        "domainNeedsHttps",
                        "Managed login needs https:// (http:// only for a local emulator).",
                    ));
                } else if u.path() != "/" || u.query().is_some() {
                    errors.push(FieldError::new(
                        "domain",
                        "domainHasPath",
                        "Enter the domain only, e.g. https://demo.auth.ap-northeast-1.amazoncognito.com, without a path.",
                    ));
                }
            }
        }
        if let Some(redirect) = &redirect {
            if let Some(u) = check_url("redirectUri", redirect, errors) {
                if u.scheme() != "http"
                    || !matches!(u.host_str(), Some("127.0.0.1" | "localhost"))
                    || u.port().is_none()
                {
                    errors.push(FieldError::new(
                        "redirectUri",
                        "redirectNotLoopback",
                        "Use a loopback address with a fixed port, e.g. http://127.0.0.1:53682/callback.",
                    ));
                } else if u.query().is_some() || u.fragment().is_some() {
                    errors.push(FieldError::new(
                        "redirectUri",
                        "redirectHasQuery",
                        "The redirect URI cannot carry a query or fragment: Cognito adds ?code=… to it.",
                    ));
                }
            }
        }
        match (&domain, &redirect) {
            (Some(_), None) => errors.push(FieldError::new(
                "redirectUri",
                "redirectRequired",
                "Managed login needs a redirect URI too, e.g. http://127.0.0.1:53682/callback.",
            )),
            (None, Some(_)) => errors.push(FieldError::new(
                "domain",
                "domainRequired",
                "Managed login needs the pool's domain too, e.g. https://<prefix>.auth.<region>.amazoncognito.com.",
            )),
            _ => {}
        }
        if let Some(scopes) = optional(&self.scopes) {
            let invalid = scopes.split_whitespace().any(|s| {
                !s.chars()
                    .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
            });
            if invalid {
                errors.push(FieldError::new(
                    "scopes",
                    "scopesInvalid",
                    "Separate scopes with spaces; a scope has no quotes or backslashes.",
                ));
            } else if !scopes.split_whitespace().any(|s| s == "openid") {
                errors.push(FieldError::new(
                    "scopes",
                    "scopesNeedOpenid",
                    "Include openid: without it Cognito sends no ID token.",
                ));
            }
        }
    }

    /// Trimmed, blanks as `None`, scopes single-spaced: how settings are kept.
    fn normalised(&self) -> ProfileSettings {
        ProfileSettings {
            name: self.name.trim().to_owned(),
            region: self.region.trim().to_owned(),
            user_pool_id: PoolId::new(self.user_pool_id.as_str().trim()),
            client_id: ClientId::new(self.client_id.as_str().trim()),
            sign_in_flow: self.sign_in_flow,
            // Only USER_AUTH asks for a first factor.
            preferred_challenge: optional(&self.preferred_challenge)
                .filter(|_| self.sign_in_flow == SignInFlow::UserAuth),
            has_client_secret: self.has_client_secret,
            identity_pool_id: optional(&self.identity_pool_id),
            domain: optional(&self.domain),
            redirect_uri: optional(&self.redirect_uri),
            scopes: optional(&self.scopes)
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
            endpoint: optional(&self.endpoint),
            totp_issuer: optional(&self.totp_issuer),
            device_name: optional(&self.device_name),
            admin: self.admin.normalised(),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::profile::ADMIN_SCOPE;

    pub(in crate::profile) fn input() -> ProfileInput {
        ProfileInput {
            id: None,
            settings: ProfileSettings {
                name: "Dev".into(),
                region: "ap-northeast-1".into(),
                user_pool_id: PoolId::new("ap-northeast-1_AbC123xyz"),
                client_id: ClientId::new("1example23456789abcdefghij"),
                ..Default::default()
            },
            client_secret: None,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&'static str> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_profile_is_valid() {
        assert!(input().validate(&[]).is_empty());
    }

    #[test]
    fn region_must_match_the_pool_prefix() {
        let mut i = input();
        i.settings.region = "us-east-1".into();
        let errors = i.validate(&[]);
        assert_eq!(fields(&errors), ["userPoolId"]);
        assert_eq!(errors[0].code, "userPoolRegionMismatch");
        assert!(errors[0].message.contains("ap-northeast-1"));
        assert_eq!(
            errors[0].params.get("poolRegion").map(String::as_str),
            Some("ap-northeast-1")
        );
    }

    #[test]
    fn malformed_fields_are_each_reported() {
        let i = ProfileInput::from(ProfileSettings {
            name: " ".into(),
            region: "tokyo".into(),
            user_pool_id: PoolId::new("AbC123"),
            client_id: ClientId::new("has spaces"),
            identity_pool_id: Some("nope".into()),
            domain: Some("http://example.com".into()),
            redirect_uri: Some("https://example.com/cb".into()),
            endpoint: Some("not a url".into()),
            totp_issuer: Some("Acme:Dev".into()),
            ..Default::default()
        });
        assert_eq!(
            fields(&i.validate(&[])),
            [
                "name",
                "region",
                "userPoolId",
                "clientId",
                "identityPoolId",
                "domain",
                "redirectUri",
                "endpoint",
                "totpIssuer"
            ]
        );
    }

    #[test]
    fn optional_fields_accept_blank_and_good_values() {
        let mut i = input();
        i.settings.identity_pool_id =
            Some("ap-northeast-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789".into());
        i.settings.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com".into());
        i.settings.redirect_uri = Some("http://127.0.0.1:53682/callback".into());
        i.settings.endpoint = Some("  ".into());
        assert!(i.validate(&[]).is_empty());
    }

    #[test]
    fn a_plain_http_endpoint_must_be_on_this_computer() {
        let codes = |endpoint: &str| {
            let mut i = input();
            i.settings.endpoint = Some(endpoint.into());
            i.validate(&[])
                .into_iter()
                .map(|e| e.code)
                .collect::<Vec<_>>()
        };
        for local in [
            "http://127.0.0.1:4566",
            "http://localhost:9229/",
            "http://[::1]:4566",
        ] {
            assert!(codes(local).is_empty(), "{local}");
        }
        assert!(codes("https://cognito.internal.example.com").is_empty());
        for remote in [
            "http://10.0.0.5:4566",
            "http://emulator.example.com",
            "http://127.0.0.1.nip.io:4566",
        ] {
            assert_eq!(codes(remote), ["endpointNeedsHttps"], "{remote}");
        }
    }

    #[test]
    fn managed_login_fields_come_together_and_stay_loopback() {
        let codes = |i: &ProfileInput| -> Vec<&'static str> {
            i.validate(&[]).iter().map(|e| e.code).collect()
        };
        let mut i = input();
        i.settings.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com".into());
        assert_eq!(codes(&i), ["redirectRequired"]);
        i.settings.domain = None;
        i.settings.redirect_uri = Some("http://127.0.0.1:53682/callback".into());
        assert_eq!(codes(&i), ["domainRequired"]);
        i.settings.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com/login".into());
        assert_eq!(codes(&i), ["domainHasPath"]);
        i.settings.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com".into());
        i.settings.redirect_uri = Some("http://0.0.0.0:53682/callback".into());
        assert_eq!(codes(&i), ["redirectNotLoopback"]);
        i.settings.redirect_uri = Some("http://localhost/callback".into());
        assert_eq!(codes(&i), ["redirectNotLoopback"]);
        i.settings.redirect_uri = Some("http://localhost:53682/callback?x=1".into());
        assert_eq!(codes(&i), ["redirectHasQuery"]);
        i.settings.redirect_uri = Some("http://localhost:53682/callback".into());
        i.settings.scopes = Some("email profile".into());
        assert_eq!(codes(&i), ["scopesNeedOpenid"]);
        i.settings.scopes = Some("openid \"email\"".into());
        assert_eq!(codes(&i), ["scopesInvalid"]);
        i.settings.scopes = Some("  openid   email ".into());
        assert!(codes(&i).is_empty());
        let saved = i.into_profile(ProfileId::new("p"));
        assert_eq!(saved.settings.scopes.as_deref(), Some("openid email"));
        assert_eq!(saved.scopes(), ["openid", "email"]);
    }

    #[test]
    fn scopes_default_to_the_four_cognito_needs() {
        let profile = input().into_profile(ProfileId::new("p"));
        assert_eq!(
            profile.scopes(),
            ["openid", "email", "profile", ADMIN_SCOPE]
        );
    }
}
