//! The services a front (the window, the CLI, the tests) talks to, one per concern, each
//! owning its own state:
//!
//! | service | file | owns |
//! |---|---|---|
//! | [`ProfileService`] | `profiles.rs` | the profiles file |
//! | [`SignInService`] | `signin.rs` (+ `mfasetup.rs`, `recovery.rs`) | the sign-in waiting for a challenge answer (codes, choices, new password, custom, MFA setup); forgot password and confirm sign-up |
//! | [`SessionService`] | `session.rs` | the signed-in session, the keychain entry, restore, refresh, sign-out |
//! | [`MfaService`] | `mfa.rs` | the signed-in user's authenticator enrollment |
//! | [`TokenService`] | `tokens.rs` | the token page: claims and verification checks |
//! | [`CredentialsService`] | `credentials.rs` | the identity pool's AWS credentials, S3 and STS |
//! | [`ManagedLoginService`] | `managed.rs` | the managed login waiting for the browser, and its report |
//! | [`AdminService`] | `admin.rs` | the admin clients of each profile (the workbench's screens) |
//! | [`TestAuthenticatorService`] | `testauth.rs` | test accounts' TOTP secrets in the keychain |
//! | [`PasskeyService`] | `passkeys.rs` (+ `passkey_signin.rs`) | the user's passkeys; test accounts' test passkeys in the keychain |
//!
//! State that belongs to one session (AWS credentials, an enrollment, the managed-login
//! report, a pending challenge) is tagged with the session's [`Epoch`]: a new sign-in
//! or a sign-out moves the epoch, so no service can hand the next user what belonged
//! to the previous one.

mod admin;
mod credentials;
mod devices;
mod epoch;
mod managed;
mod mfa;
mod mfasetup;
mod passkey_signin;
mod passkeys;
mod profiles;
mod recovery;
mod removal;
mod saved;
mod session;
mod setup;
mod signin;
mod testauth;
mod tokens;
pub use setup::SetupOutcome;

#[cfg(test)]
mod profile_tests;
#[cfg(test)]
mod tests;

pub use admin::AdminService;
pub use credentials::CredentialsService;
pub use devices::{DeviceRow, DeviceService, RememberChoice};
pub use epoch::Epoch;
pub use managed::ManagedLoginService;
pub use mfa::MfaService;
pub use passkeys::PasskeyService;
pub use profiles::ProfileService;
pub use session::{SessionService, REFRESH_AHEAD_SECS};
pub use signin::SignInService;
pub use testauth::{TestAuthenticatorService, WaitNotice};
pub use tokens::TokenService;

use crate::aws::{CallLog, Clients};
use crate::dto::{EnrollmentText, SignOutReport};
use crate::error::{Code, Error, Result};
use crate::jwt::Verifier;
use crate::testauth::{Clock, SystemClock};
use crate::vault::Vault;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

/// What every service reads: the profiles, the SDK clients (one per profile, reused),
/// the call log every request passes through, the HTTP client for calls that are not
/// SDK calls, and the JWKS verifier with its cache.
#[derive(Debug)]
pub(crate) struct Shared {
    pub profiles: ProfileService,
    pub clients: Clients,
    pub calls: CallLog,
    pub http: crate::http::LazyClient,
    pub verifier: Verifier,
}

/// The services, composed. Cross-service operations (sign-out, the enrollment on
/// screen) live here; everything else is one service's method.
#[derive(Debug)]
pub struct Desk {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    signin: SignInService,
    mfa: MfaService,
    tokens: TokenService,
    credentials: CredentialsService,
    managed: ManagedLoginService,
    admin: AdminService,
    devices: Arc<DeviceService>,
    passkeys: Arc<PasskeyService>,
    test_authenticator: Arc<TestAuthenticatorService>,
    /// Where the test setups' records live (`setups/`).
    config_dir: std::path::PathBuf,
}

impl Desk {
    /// The core on the profiles in `config_dir`, keeping refresh tokens in `vault`
    /// (the OS keychain in the app and the CLI, an in-memory one in tests).
    pub fn open(config_dir: &Path, vault: Box<dyn Vault>) -> Self {
        Self::open_with_clock(config_dir, vault, Arc::new(SystemClock))
    }

    /// [`Desk::open`] with the clock the test authenticator reads (tests move it).
    pub fn open_with_clock(
        config_dir: &Path,
        vault: Box<dyn Vault>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let vault: Arc<dyn Vault> = Arc::from(vault);
        let shared = Arc::new(Shared {
            profiles: ProfileService::open(config_dir, vault.clone()),
            clients: Clients::default(),
            calls: CallLog::default(),
            http: crate::http::LazyClient::default(),
            verifier: Verifier::default(),
        });
        let test_authenticator = Arc::new(TestAuthenticatorService::new(
            vault.clone(),
            config_dir,
            clock,
        ));
        let sessions = Arc::new(SessionService::new(
            shared.clone(),
            vault.clone(),
            config_dir,
        ));
        let devices = Arc::new(DeviceService::new(
            shared.clone(),
            sessions.clone(),
            vault.clone(),
            config_dir,
        ));
        let passkeys = Arc::new(PasskeyService::new(
            shared.clone(),
            sessions.clone(),
            vault,
            config_dir,
        ));
        Self {
            signin: SignInService::new(
                shared.clone(),
                sessions.clone(),
                devices.clone(),
                passkeys.clone(),
            ),
            mfa: MfaService::new(shared.clone(), sessions.clone(), test_authenticator.clone()),
            tokens: TokenService::new(shared.clone(), sessions.clone()),
            credentials: CredentialsService::new(shared.clone(), sessions.clone(), config_dir),
            managed: ManagedLoginService::new(shared.clone(), sessions.clone()),
            admin: AdminService::new(shared.clone()),
            devices,
            passkeys,
            test_authenticator,
            sessions,
            shared,
            config_dir: config_dir.to_owned(),
        }
    }

    pub fn profiles(&self) -> &ProfileService {
        &self.shared.profiles
    }

    pub fn signin(&self) -> &SignInService {
        &self.signin
    }

    pub fn session(&self) -> &SessionService {
        &self.sessions
    }

    pub fn mfa(&self) -> &MfaService {
        &self.mfa
    }

    pub fn tokens(&self) -> &TokenService {
        &self.tokens
    }

    pub fn credentials(&self) -> &CredentialsService {
        &self.credentials
    }

    pub fn managed(&self) -> &ManagedLoginService {
        &self.managed
    }

    pub fn admin(&self) -> &AdminService {
        &self.admin
    }

    /// This computer as the user's device, and the user's device list.
    pub fn devices(&self) -> &DeviceService {
        &self.devices
    }

    /// The user's passkeys, and test passkeys kept here.
    pub fn passkeys(&self) -> &PasskeyService {
        &self.passkeys
    }

    pub fn test_authenticator(&self) -> &TestAuthenticatorService {
        &self.test_authenticator
    }

    /// Answers a pending SOFTWARE_TOKEN_MFA challenge with the test authenticator's code
    /// for the user Cognito named (unattended sign-in of a test account).
    pub async fn answer_totp_unattended(&self) -> Result<crate::dto::SignInOutcome> {
        let (profile_id, names) = self.signin.pending_names()?;
        // The secret is kept under the name the enrolling session knew the user by; a
        // challenge may name the user otherwise (the name as typed): the first name the
        // test authenticator knows (itself or as an alias) answers.
        let username = names
            .iter()
            .find(|n| self.test_authenticator.has(&profile_id, n))
            .unwrap_or(&names[0]);
        let code = self
            .test_authenticator
            .answer_code(&profile_id, username)
            .await?;
        self.signin.answer_totp(&code).await
    }

    /// Answers MFA_SETUP for a test account: the authenticator is associated, its
    /// secret kept for the test authenticator, and verified with a code computed from it.
    pub async fn answer_mfa_setup_unattended(
        &self,
        device_name: Option<&str>,
    ) -> Result<crate::dto::SignInOutcome> {
        if !self.signin.has_setup() {
            self.signin.setup_authenticator().await?;
        }
        let secret = crate::secret::TotpSecret::new(
            self.signin
                .setup_text(EnrollmentText::Secret)
                .ok_or_else(no_enrollment)??,
        );
        let (profile_id, names) = self.signin.pending_names()?;
        let username = names[0].clone();
        let answer = Box::pin(async {
            let code = self
                .test_authenticator
                .claim_code(&profile_id, &username, &secret)
                .await?;
            self.signin.answer_mfa_setup(&code, device_name).await
        });
        let outcome = self
            .test_authenticator
            .keep_while(&profile_id, &username, &secret, answer)
            .await?;
        // Later challenges may name the user as typed (the email) rather than as Cognito.
        for alias in &names[1..] {
            self.test_authenticator
                .add_alias(&profile_id, &username, alias)?;
        }
        Ok(outcome)
    }

    /// Every outbound call so far (the timeline, and the tests' request counts).
    pub fn calls(&self) -> &CallLog {
        &self.shared.calls
    }

    pub fn clients(&self) -> &Clients {
        &self.shared.clients
    }

    pub fn verifier(&self) -> &Verifier {
        &self.shared.verifier
    }

    /// Signs out: RevokeToken (or GlobalSignOut when `everywhere`) on the server, then
    /// the keychain entry and the session here; any sign-in in progress is dropped and
    /// the AWS credentials leave memory. The local part completes even when the server
    /// cannot be reached; the report says what the server did.
    pub async fn sign_out(&self, everywhere: bool) -> SignOutReport {
        self.signin.cancel();
        self.credentials.forget();
        self.sessions.sign_out(everywhere).await
    }

    /// Text of the authenticator setup on screen (MFA_SETUP's during a sign-in, else
    /// the signed-in user's), for the clipboard or the system's otpauth handler.
    pub fn enrollment_text(&self, what: EnrollmentText) -> Result<String> {
        match self.signin.setup_text(what) {
            Some(text) => text,
            None => self.mfa.enrollment_text(what),
        }
    }

    /// Whether an authenticator setup is in progress (its secret is in memory).
    pub fn has_enrollment(&self) -> bool {
        self.signin.has_setup() || self.mfa.has_enrollment()
    }
}

/// Locks a mutex whose data stays consistent even if a holder panicked (every write
/// under these locks is a single assignment).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub(crate) fn no_enrollment() -> Error {
    Error::new(
        Code::NoEnrollment,
        "There is no authenticator setup in progress.",
        "Press “Set up authenticator app” again.",
    )
}
