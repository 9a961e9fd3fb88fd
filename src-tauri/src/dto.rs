//! The IPC contract: every shape the webview receives. camelCase on the wire. Nothing
//! here may hold a refresh token, a password or a challenge session.

use crate::error::Error;
use crate::profile::Profile;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    pub os_locale: &'static str,
    pub config_dir: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesView {
    pub profiles: Vec<Profile>,
    pub selected_id: Option<String>,
    pub load_error: Option<Error>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MovedFile {
    pub moved_to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimRow {
    pub name: String,
    pub value: String,
    pub is_time: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub profile_id: String,
    pub profile_name: String,
    pub username: String,
    pub email: Option<String>,
    pub sub: String,
    pub signed_in_at: i64,
    pub id_token_expires_at: i64,
    pub access_token_expires_at: i64,
    pub id_token_preview: String,
    pub access_token_preview: String,
    pub id_claims: Vec<ClaimRow>,
    /// Restored from the OS keychain at start (no password typed).
    pub restored: bool,
    pub refreshed_at: Option<i64>,
    pub sign_in_method: &'static str,
    pub keychain: KeychainState,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeychainState {
    /// The refresh token is in the OS keychain.
    pub stored: bool,
    /// Why it is not, when the keychain could not be used.
    pub notice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RestoreOutcome {
    Restored { session: SessionView },
    None,
    Failed { error: Error },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenCheck {
    pub check: &'static str,
    pub passed: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenDetails {
    pub header: Vec<ClaimRow>,
    pub claims: Vec<ClaimRow>,
    pub checks: Vec<TokenCheck>,
    pub preview: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenReport {
    pub id: TokenDetails,
    pub access: TokenDetails,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ChallengeView {
    #[serde(rename_all = "camelCase")]
    SoftwareTokenMfa { username: String },
    #[serde(rename_all = "camelCase")]
    MfaSetup {
        username: String,
        enrollment: EnrollmentView,
    },
    #[serde(rename_all = "camelCase")]
    NewPasswordRequired { username: String },
}

/// What the enrollment screen shows. The secret must reach the screen (a person may
/// type it into a phone), and leaves memory when the enrollment ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrollmentView {
    pub qr_svg_data_url: String,
    pub secret_groups: Vec<String>,
    pub otpauth_uri: String,
    pub issuer: String,
    pub account: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MfaStatus {
    pub totp_enabled: bool,
    pub totp_preferred: bool,
    pub enabled_methods: Vec<String>,
    pub preferred_method: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SignInOutcome {
    SignedIn { session: SessionView },
    Challenge { challenge: ChallengeView },
}

/// One step of a credential action, for the step list of the Credentials page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    pub operation: &'static str,
    pub duration_ms: u64,
    pub outcome: String,
    /// Answered from the cache: no request was made.
    pub cached: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialsView {
    pub identity_id: String,
    pub access_key_id: String,
    pub secret_key_preview: String,
    pub session_token_preview: String,
    pub expiration: i64,
    pub region: String,
    pub logins_key: String,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketView {
    pub name: String,
    pub creation_date: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketsView {
    pub buckets: Vec<BucketView>,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallerView {
    pub account: String,
    pub arn: String,
    pub user_id: String,
    pub steps: Vec<StepView>,
}

/// Managed login has opened the browser and waits for the redirect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[serde(rename_all = "camelCase")]
pub struct TokenField {
    pub name: &'static str,
    pub value: String,
}

impl TokenField {
    pub fn new(name: &'static str, value: String) -> Self {
        Self { name, value }
    }
}

/// What a managed login did, for testers: request, code, token response, checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedLoginReport {
    pub authorize_url: String,
    pub redirect_uri: String,
    pub scopes_requested: Vec<String>,
    /// The authorization code, masked.
    pub code_preview: String,
    pub token_response: Vec<TokenField>,
    /// The ID token's claims and checks (signature, iss, token_use, aud, exp, nonce).
    pub id_token: TokenDetails,
    pub waited_ms: u64,
    pub exchange_ms: u64,
    pub missing_admin_scope: bool,
}
