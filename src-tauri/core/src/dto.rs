//! The IPC contract: every shape the webview receives. camelCase on the wire. Nothing
//! here may hold a refresh token, a password or a challenge session.

use crate::error::Error;
use crate::ids::{ProfileId, Username};
use crate::jwt::Finding;
use crate::profile::{Profile, ProfileSettings};
use crate::secret::Masked;
use crate::session::Factor;
use crate::vault::VaultError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    pub os_locale: &'static str,
    pub config_dir: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfilesView {
    pub profiles: Vec<ProfileView>,
    pub selected_id: Option<ProfileId>,
    pub load_error: Option<Error>,
}

/// A profile as the window shows and edits it (the on-disk [`Profile`] is a separate
/// type: what the window needs to know of a profile may differ from what is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub id: ProfileId,
    #[serde(flatten)]
    pub settings: ProfileSettings,
    /// The keychain holds the app client's secret (the secret itself never reaches
    /// the window: the form shows only "stored").
    pub client_secret_stored: bool,
}

impl ProfileView {
    pub fn new(profile: &Profile, client_secret_stored: bool) -> Self {
        Self {
            id: profile.id.clone(),
            settings: profile.settings.clone(),
            client_secret_stored,
        }
    }
}

/// A length of time as a number and its unit (AWS's units), for the window to word in
/// its language; [`std::fmt::Display`] is the English form (`2 hours`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimeSpan {
    pub value: i64,
    pub unit: TimeUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
}

impl TimeUnit {
    /// AWS's name of a unit (`TimeUnitsType`: seconds, minutes, hours, days).
    pub fn parse(aws: &str) -> Option<Self> {
        match aws {
            "seconds" => Some(TimeUnit::Seconds),
            "minutes" => Some(TimeUnit::Minutes),
            "hours" => Some(TimeUnit::Hours),
            "days" => Some(TimeUnit::Days),
            _ => None,
        }
    }
}

impl std::fmt::Display for TimeSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match self.unit {
            TimeUnit::Seconds => "second",
            TimeUnit::Minutes => "minute",
            TimeUnit::Hours => "hour",
            TimeUnit::Days => "day",
        };
        let plural = if self.value == 1 { "" } else { "s" };
        write!(f, "{} {unit}{plural}", self.value)
    }
}

/// A profile as an export file, for the window to show before it is saved or copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfileExportView {
    /// The file's text (no secret in it).
    pub json: String,
    /// The name it is saved under.
    pub file_name: String,
}

/// A file the app wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    pub path: String,
}

/// A profile removed, and the keychain entries that went with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RemovedProfile {
    pub id: ProfileId,
    pub name: String,
    /// The keychain entries removed, in the order they were.
    pub keychain: Vec<KeychainEntry>,
}

/// An entry of the OS keychain that belonged to a profile (its value never leaves it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeychainEntry {
    /// The app client's secret.
    ClientSecret,
    /// A user's kept session (the refresh token).
    #[serde(rename_all = "camelCase")]
    Session { username: Username },
    /// A test account's TOTP secret (the test authenticator).
    #[serde(rename_all = "camelCase")]
    TestAuthenticator { username: Username },
    /// This computer as a device of a user (its key and password), by sign-in name.
    #[serde(rename_all = "camelCase")]
    Device { username: Username },
    /// A test account's test passkey (its private key).
    #[serde(rename_all = "camelCase")]
    TestPasskey { username: Username },
}

/// Which token to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum WhichToken {
    Id,
    Access,
}

/// Which text of an enrollment in progress to put on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum EnrollmentText {
    Secret,
    Uri,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MovedFile {
    pub moved_to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ClaimRow {
    pub name: String,
    pub value: String,
    pub is_time: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub profile_id: ProfileId,
    pub profile_name: String,
    pub username: Username,
    pub email: Option<String>,
    pub sub: String,
    pub signed_in_at: i64,
    pub id_token_expires_at: i64,
    pub access_token_expires_at: i64,
    pub id_token_preview: Masked,
    pub access_token_preview: Masked,
    pub id_claims: Vec<ClaimRow>,
    /// Restored from the OS keychain at start (no password typed).
    pub restored: bool,
    pub refreshed_at: Option<i64>,
    pub sign_in_method: &'static str,
    /// What the sign-in proved, in order (`["srp", "authenticatorApp"]`).
    pub factors: Vec<Factor>,
    pub keychain: KeychainState,
    /// What the last refresh did (none before the first); boxed, as it is seldom there.
    pub last_refresh: Option<Box<crate::session::RefreshReport>>,
    /// This computer as the user's device (device tracking), when the pool tracks them.
    pub device: Option<Box<crate::session::ThisDevice>>,
    /// A device key the pool no longer knew was forgotten here at this sign-in.
    pub stale_device_forgotten: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KeychainState {
    /// The refresh token is in the OS keychain.
    pub stored: bool,
    /// Why the session will not survive a restart, when it will not.
    pub problem: Option<KeychainProblem>,
}

/// Why a session lives in memory only (the window words it; the CLI in English).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeychainProblem {
    /// The keychain could not keep the refresh token.
    Unavailable { trouble: VaultError },
    /// The token is in the keychain, but `sessions.json` (which names it) could not be
    /// written: the error code of that write.
    NotRecorded { code: String },
    /// The app client rotated the refresh token and the keychain could not take the new
    /// one: the session goes on here, and the next start asks for a sign-in.
    RotatedNotKept { trouble: VaultError },
}

impl std::fmt::Display for KeychainProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeychainProblem::Unavailable { trouble } => write!(
                f,
                "The OS keychain is unavailable ({trouble}): this session lives in memory only and will not survive a restart."
            ),
            KeychainProblem::NotRecorded { code } => write!(
                f,
                "The session cannot be restored at the next start: the config folder could not be written ({code})."
            ),
            KeychainProblem::RotatedNotKept { trouble } => write!(
                f,
                "The app client rotated the refresh token and the OS keychain could not keep the new one ({trouble}): this session goes on, and the next start will ask for a sign-in."
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RestoreOutcome {
    // Boxed: a session view is several times the size of the other variants.
    Restored { session: Box<SessionView> },
    None,
    Failed { error: Error },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignOutReport {
    pub server_revoked: bool,
    pub server_message: Option<String>,
    pub keychain_cleared: bool,
    /// For a managed-login session: the domain's `/logout` URL that clears the hosted
    /// session cookie in the browser (opened there when the user asks for it).
    pub managed_logout_url: Option<String>,
    /// That URL was opened in the browser.
    pub browser_logout_opened: bool,
}

/// One row of a token's checks: which check, whether it passed, and what it found (a
/// code with its values; the window words it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TokenCheck {
    pub check: &'static str,
    pub passed: bool,
    pub finding: Finding,
}

impl TokenCheck {
    pub fn new(check: &'static str, passed: bool, finding: Finding) -> Self {
        Self {
            check,
            passed,
            finding,
        }
    }

    pub fn failed(check: &'static str, finding: Finding) -> Self {
        Self::new(check, false, finding)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TokenDetails {
    pub header: Vec<ClaimRow>,
    pub claims: Vec<ClaimRow>,
    pub checks: Vec<TokenCheck>,
    pub preview: Masked,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TokenReport {
    pub id: TokenDetails,
    pub access: TokenDetails,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ChallengeView {
    #[serde(rename_all = "camelCase")]
    SoftwareTokenMfa { username: String },
    /// SMS_MFA, SMS_OTP or EMAIL_OTP: where Cognito sent the code (masked, as it says).
    #[serde(rename_all = "camelCase")]
    DeliveredCode {
        username: String,
        challenge: String,
        destination: Option<String>,
        medium: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    SelectMfaType {
        username: String,
        options: Vec<String>,
    },
    #[serde(rename_all = "camelCase")]
    SelectChallenge {
        username: String,
        available: Vec<String>,
    },
    /// MFA setup: the methods offered; the authenticator enrollment when TOTP is one.
    #[serde(rename_all = "camelCase")]
    MfaSetup {
        username: String,
        allowed: Vec<String>,
        enrollment: Option<EnrollmentView>,
    },
    #[serde(rename_all = "camelCase")]
    NewPasswordRequired {
        username: String,
        required_attributes: Vec<String>,
    },
    #[serde(rename_all = "camelCase")]
    CustomChallenge {
        username: String,
        parameters: Vec<ChallengeParameter>,
    },
    /// A passkey: the relying party it must be made for, whether the pool requires user
    /// verification, and whether this computer keeps a test passkey for the user.
    #[serde(rename_all = "camelCase")]
    WebAuthn {
        username: String,
        relying_party_id: String,
        user_verification_required: bool,
        test_passkey: bool,
    },
}

/// Where Cognito sent a recovery or confirmation code, as it says it (masked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CodeDelivery {
    pub destination: Option<String>,
    /// `EMAIL` or `SMS`.
    pub medium: Option<String>,
    /// `email` or `phone_number`.
    pub attribute: Option<String>,
}

/// One public parameter of a custom challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeParameter {
    pub name: String,
    pub value: String,
}

/// What the enrollment screen shows: the QR code and the grouped key, the two ways a
/// phone takes the secret, and nothing more (the otpauth URI is copied or opened by
/// its own commands, never sent to the page). Leaves memory when the enrollment ends.
#[derive(Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EnrollmentView {
    pub qr_svg_data_url: String,
    pub secret_groups: Vec<String>,
    pub issuer: String,
    pub account: String,
}

/// The QR code and the key both carry the secret: never in a log.
impl std::fmt::Debug for EnrollmentView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollmentView")
            .field("issuer", &self.issuer)
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MfaStatus {
    pub totp_enabled: bool,
    pub totp_preferred: bool,
    pub enabled_methods: Vec<String>,
    pub preferred_method: Option<String>,
    /// The test authenticator keeps this user's TOTP secret (a test account).
    pub test_account: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SignInOutcome {
    SignedIn {
        session: SessionView,
    },
    #[serde(rename_all = "camelCase")]
    Challenge {
        challenge: ChallengeView,
        /// When this sign-in attempt began (Unix seconds): the challenge clock.
        started_at: i64,
    },
}

/// One step of a credential action, for the step list of the Credentials page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    pub operation: &'static str,
    pub duration_ms: u64,
    pub outcome: String,
    /// Answered from the cache: no request was made.
    pub cached: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CredentialsView {
    pub identity_id: String,
    pub access_key_id: String,
    pub secret_key_preview: Masked,
    pub session_token_preview: Masked,
    pub expiration: i64,
    pub region: String,
    pub logins_key: String,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BucketView {
    pub name: String,
    pub creation_date: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BucketsView {
    pub buckets: Vec<BucketView>,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CallerView {
    pub account: String,
    pub arn: String,
    pub user_id: String,
    pub steps: Vec<StepView>,
}

/// Managed login has opened the browser and waits for the redirect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ManagedLoginStart {
    /// The URL the browser opened (no secret in it: the PKCE verifier stays here).
    pub authorize_url: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    /// Without `aws.cognito.signin.user.admin` the MFA page cannot use these tokens.
    pub missing_admin_scope: bool,
    pub timeout_secs: u64,
    /// The domain is a local emulator (its hosted UI skips the TOTP page).
    pub emulated: bool,
    /// The system browser was opened; if not, the user copies the URL.
    pub browser_opened: bool,
}

/// One field of the token endpoint's answer, tokens masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TokenField {
    pub name: &'static str,
    pub value: FieldValue,
}

/// A token endpoint field's value: as sent, or masked (a token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FieldValue {
    Text { text: String },
    Masked { masked: Masked },
}

impl TokenField {
    pub fn text(name: &'static str, text: String) -> Self {
        Self {
            name,
            value: FieldValue::Text { text },
        }
    }

    pub fn masked(name: &'static str, masked: Masked) -> Self {
        Self {
            name,
            value: FieldValue::Masked { masked },
        }
    }
}

/// What a managed login did, for testers: request, code, token response, checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ManagedLoginReport {
    pub authorize_url: String,
    pub redirect_uri: String,
    pub scopes_requested: Vec<String>,
    /// The authorization code, masked.
    pub code_preview: Masked,
    pub token_response: Vec<TokenField>,
    /// The ID token's claims and checks (signature, iss, token_use, aud, exp, nonce).
    pub id_token: TokenDetails,
    pub waited_ms: u64,
    pub exchange_ms: u64,
    pub missing_admin_scope: bool,
}

/// The shapes the window reads (`ui/`): the tags it switches on and the field names it
/// uses. A rename here breaks the window silently, so it breaks these tests first.
#[cfg(test)]
mod tests;
