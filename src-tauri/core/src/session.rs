//! The signed-in session: tokens held in this process only, and the view of them the UI
//! may see (claims, expiry, masked previews — never the tokens themselves).

use crate::dto::{KeychainState, SessionView};
use crate::error::Result;
use crate::ids::{ProfileId, Username};
use crate::jwt::{claim_rows, decode_unverified, Decoded};
use crate::profile::Profile;
use crate::secret::{masked_preview, Masked};
use crate::signin::RefreshPath;
use crate::signin::Tokens;
use serde::{Deserialize, Serialize};

/// How the session began; it decides how it refreshes (REFRESH_TOKEN_AUTH, or the
/// managed-login token endpoint, which keeps the scopes granted at sign-in).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SignInMethod {
    #[default]
    Password,
    ManagedLogin,
}

impl SignInMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            SignInMethod::Password => "password",
            SignInMethod::ManagedLogin => "managedLogin",
        }
    }
}

/// What a sign-in proved, in order: the session view names them ("SRP + authenticator
/// app").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Factor {
    /// USER_PASSWORD_AUTH: the password itself went to Cognito.
    Password,
    /// USER_SRP_AUTH: a proof of the password.
    Srp,
    /// A TOTP code, answered or given while setting the authenticator up.
    AuthenticatorApp,
    /// A code Cognito sent by text message.
    SmsCode,
    /// A code Cognito sent by email.
    EmailCode,
    /// A Lambda-defined custom challenge.
    CustomChallenge,
    /// The managed login in the browser (its own factors are not known here).
    ManagedLogin,
    /// This computer proved it is a device of the user (DEVICE_SRP_AUTH); where no MFA
    /// code follows, the pool skipped it for this remembered computer.
    ThisComputer,
    /// A passkey (WEB_AUTHN): an assertion of the user's WebAuthn credential.
    Passkey,
}

impl SignInMethod {
    /// The factors to show when nothing more is known (a session saved before factors
    /// were recorded).
    pub fn default_factors(self) -> Vec<Factor> {
        match self {
            SignInMethod::Password => vec![Factor::Password],
            SignInMethod::ManagedLogin => vec![Factor::ManagedLogin],
        }
    }
}

/// What the last refresh did, for the session page and the token page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RefreshReport {
    /// When it finished (seconds since the epoch).
    pub at: i64,
    pub path: RefreshPath,
    /// The app client rotated the refresh token: the old and the new one's last
    /// characters (nothing more of either is shown).
    pub rotated: Option<Rotation>,
    /// Cognito refused the token this process held (another window or command had
    /// rotated it), and the newer one that process kept in the keychain was used.
    pub took_newer_from_keychain: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Rotation {
    pub old: Masked,
    pub new: Masked,
}

/// This computer as a device of the signed-in user (device tracking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ThisDevice {
    /// Cognito's DeviceKey (not a secret: it names the device in the pool's list).
    pub key: String,
    /// The name ConfirmDevice gave it.
    pub name: String,
    pub status: DeviceStatus,
}

/// Whether the pool remembers this computer for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DeviceStatus {
    /// Remembered: the pool may skip MFA when this computer signs in.
    Remembered,
    /// Tracked, not remembered (the user said no, or has not been asked).
    NotRemembered,
    /// The pool leaves it to the user (DeviceOnlyRememberedOnUserPrompt): the window
    /// asks "Remember this computer?".
    AskUser,
    /// Restored at start: a device of the user, its state not read yet (the device list
    /// says whether the pool remembers it).
    Known,
    /// ConfirmDevice failed; the sign-in stands. The code and Cognito's words.
    ConfirmFailed { code: String, message: String },
}

#[derive(Debug, Clone)]
pub struct Session {
    pub profile_id: ProfileId,
    pub profile_name: String,
    pub tokens: Tokens,
    pub signed_in_at: i64,
    pub restored: bool,
    pub refreshed_at: Option<i64>,
    pub method: SignInMethod,
    /// What the sign-in proved.
    pub factors: Vec<Factor>,
    /// Whether the refresh token is in the OS keychain, or why not.
    pub keychain: KeychainState,
    pub last_refresh: Option<RefreshReport>,
    /// This computer as the user's device, when the pool tracks devices.
    pub device: Option<ThisDevice>,
    /// The sign-in name the device is kept under in the keychain.
    pub device_login: Option<Username>,
    /// A device key kept here that the pool no longer knew was forgotten at this
    /// sign-in (an administrator or another computer forgot it).
    pub stale_device_forgotten: bool,
    id: Decoded,
    access: Decoded,
}

/// `2026-12-06T09:00:00Z` for seconds since the epoch (the CLI's dates: for scripts
/// and logs, not a person's locale).
pub fn utc_text(secs: i64) -> String {
    aws_smithy_types::DateTime::from_secs(secs)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_else(|_| secs.to_string())
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

impl Session {
    pub fn new(profile: &Profile, tokens: Tokens) -> Result<Self> {
        let id = decode_unverified(&tokens.id)?;
        let access = decode_unverified(&tokens.access)?;
        Ok(Self {
            profile_id: profile.id.clone(),
            profile_name: profile.settings.name.clone(),
            tokens,
            signed_in_at: now_secs(),
            restored: false,
            refreshed_at: None,
            method: SignInMethod::Password,
            factors: vec![Factor::Password],
            keychain: KeychainState {
                stored: false,
                problem: None,
            },
            last_refresh: None,
            device: None,
            device_login: None,
            stale_device_forgotten: false,
            id,
            access,
        })
    }

    /// The user name Cognito knows the user by (the keychain entry's key).
    pub fn username(&self) -> Username {
        Username::new(
            self.id
                .str_claim("cognito:username")
                .or_else(|| self.access.str_claim("username"))
                .unwrap_or_default(),
        )
    }

    /// The name an authenticator app shows for this user: the email, else the username.
    pub fn account_name(&self) -> String {
        self.id
            .str_claim("email")
            .map(str::to_owned)
            .unwrap_or_else(|| self.username().into())
    }

    /// The expiry `expires_in` gives: server values, so saturating.
    fn expires_by_lifetime(&self) -> i64 {
        self.signed_in_at
            .saturating_add(self.tokens.expires_in_secs)
    }

    /// When the first of the two tokens expires.
    pub fn expires_at(&self) -> i64 {
        let fallback = self.expires_by_lifetime();
        self.id
            .time_claim("exp")
            .unwrap_or(fallback)
            .min(self.access.time_claim("exp").unwrap_or(fallback))
    }

    /// Takes the tokens of a refresh: `tokens.refresh` is the refresh token now in use
    /// (the rotated one, or the one that was sent).
    pub fn refreshed(&mut self, tokens: Tokens, report: RefreshReport) -> Result<()> {
        self.id = decode_unverified(&tokens.id)?;
        self.access = decode_unverified(&tokens.access)?;
        let refresh = tokens
            .refresh
            .clone()
            .or_else(|| self.tokens.refresh.clone());
        self.tokens = Tokens { refresh, ..tokens };
        self.refreshed_at = Some(report.at);
        self.last_refresh = Some(report);
        Ok(())
    }

    /// The device key refreshes send: a confirmed device's only.
    pub fn device_key(&self) -> Option<&str> {
        self.device
            .as_ref()
            .filter(|d| !matches!(d.status, DeviceStatus::ConfirmFailed { .. }))
            .map(|d| d.key.as_str())
    }

    pub fn view(&self) -> SessionView {
        let fallback_exp = self.expires_by_lifetime();
        SessionView {
            profile_id: self.profile_id.clone(),
            profile_name: self.profile_name.clone(),
            username: self.username(),
            email: self.id.str_claim("email").map(str::to_owned),
            sub: self.id.str_claim("sub").unwrap_or_default().to_owned(),
            signed_in_at: self.signed_in_at,
            id_token_expires_at: self.id.time_claim("exp").unwrap_or(fallback_exp),
            access_token_expires_at: self.access.time_claim("exp").unwrap_or(fallback_exp),
            id_token_preview: masked_preview(self.tokens.id.expose()),
            access_token_preview: masked_preview(self.tokens.access.expose()),
            id_claims: claim_rows(&self.id.claims),
            restored: self.restored,
            refreshed_at: self.refreshed_at,
            sign_in_method: self.method.as_str(),
            factors: self.factors.clone(),
            keychain: self.keychain.clone(),
            last_refresh: self.last_refresh.clone().map(Box::new),
            device: self.device.clone().map(Box::new),
            stale_device_forgotten: self.stale_device_forgotten,
        }
    }
}
