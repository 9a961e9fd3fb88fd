//! The signed-in session: held in memory, its refresh token in the vault (the OS
//! keychain) with sessions.json (saved.rs) naming whose it is, restored at the next start,
//! refreshed before it expires, and ended by sign-out.

mod refresh;

use super::saved::{SavedSession, SavedSessions};
use super::{lock, Epoch, Shared};
use crate::dto::KeychainProblem;
use crate::dto::{KeychainState, RestoreOutcome, SessionView, SignOutReport};
use crate::error::{Code, Error, Result};
use crate::hosted::oauth::HostedConfig;
use crate::ids::{ProfileId, Username};
use crate::profile::Profile;
use crate::secret::Jwt;
use crate::session::{now_secs, Session, SignInMethod, ThisDevice};
use crate::vault::Vault;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Refresh this long before the first token expires.
pub const REFRESH_AHEAD_SECS: i64 = 60;

/// What other services need of the signed-in user.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    pub profile: Profile,
    pub epoch: u64,
    pub username: Username,
    /// The name an authenticator app shows: the email, else the username.
    pub account: String,
    pub id: Jwt,
    pub access: Jwt,
    pub expires_at: i64,
}

#[derive(Debug)]
pub struct SessionService {
    shared: Arc<Shared>,
    vault: Arc<dyn Vault>,
    saved: SavedSessions,
    current: Mutex<Option<Session>>,
    epoch: Epoch,
    /// False for a front that signs in only to use the tokens once (the CLI's `check`):
    /// its sessions never touch the keychain or sessions.json.
    keeping: AtomicBool,
    /// When the timer may try a refresh again after failures (offline, throttled).
    backoff: Mutex<Backoff>,
    /// Held through a refresh: one at a time (refresh.rs says why).
    refreshing: tokio::sync::Mutex<()>,
}

/// The timer's retry pace after failed refreshes: 30 s, doubling up to 10 minutes;
/// a success or a new session starts over.
#[derive(Debug, Default, Clone, Copy)]
struct Backoff {
    failures: u32,
    next_try: i64,
}

impl Backoff {
    const FIRST_SECS: i64 = 30;
    const MAX_SECS: i64 = 600;

    fn failed(&mut self, now: i64) {
        self.failures = self.failures.saturating_add(1);
        let delay = Self::FIRST_SECS
            .saturating_mul(1 << self.failures.saturating_sub(1).min(10))
            .min(Self::MAX_SECS);
        self.next_try = now.saturating_add(delay);
    }
}

impl SessionService {
    pub(crate) fn new(shared: Arc<Shared>, vault: Arc<dyn Vault>, config_dir: &Path) -> Self {
        Self {
            shared,
            vault,
            saved: SavedSessions::new(config_dir),
            current: Mutex::new(None),
            epoch: Epoch::default(),
            keeping: AtomicBool::new(true),
            backoff: Mutex::default(),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Whether new sessions are kept (the default) or live in memory only. A smoke
    /// test of a test user must not replace whoever is kept for the profile, and a
    /// keychain write is most of its run time (gnome-keyring rewrites its file).
    pub fn keep_sessions(&self, keep: bool) {
        self.keeping.store(keep, Ordering::Relaxed);
    }

    pub fn current(&self) -> Option<SessionView> {
        lock(&self.current).as_ref().map(Session::view)
    }

    /// The number of the current session; moves at every sign-in and sign-out.
    pub fn epoch(&self) -> u64 {
        self.epoch.current()
    }

    /// The signed-in user, or `NotSignedIn`.
    pub(crate) fn signed_in(&self) -> Result<SignedIn> {
        let current = lock(&self.current);
        let s = current.as_ref().ok_or_else(not_signed_in)?;
        Ok(SignedIn {
            profile: self.shared.profiles.get(&s.profile_id)?,
            epoch: self.epoch.current(),
            username: s.username(),
            account: s.account_name(),
            id: s.tokens.id.clone(),
            access: s.tokens.access.clone(),
            expires_at: s.expires_at(),
        })
    }

    /// Makes `session` the current one and returns its view and epoch. Its refresh token
    /// goes to the keychain (never to a file; a failure is reported in the view) and the
    /// epoch moves, so nothing of a previous session is handed out again.
    pub(crate) fn begin(&self, mut session: Session) -> (SessionView, u64) {
        session.keychain = self.keep_refresh_token(&session);
        let view = session.view();
        let mut current = lock(&self.current);
        let epoch = self.epoch.advance();
        *current = Some(session);
        *lock(&self.backoff) = Backoff::default();
        (view, epoch)
    }

    /// Puts the refresh token in the vault and remembers whose it is. A session of
    /// another user on the same profile is replaced: its entry is removed.
    fn keep_refresh_token(&self, session: &Session) -> KeychainState {
        let refresh = match &session.tokens.refresh {
            Some(refresh) if self.keeping.load(Ordering::Relaxed) => Some(refresh),
            _ => None,
        };
        let Some(refresh) = refresh else {
            return KeychainState {
                stored: false,
                problem: None,
            };
        };
        let username = session.username();
        if let Err(e) = self.vault.store(&session.profile_id, &username, refresh) {
            return KeychainState {
                stored: false,
                problem: Some(KeychainProblem::Unavailable { trouble: e }),
            };
        }
        let saved = SavedSession {
            username,
            method: session.method,
            factors: session.factors.clone(),
            device_key: session.device_key().map(str::to_owned),
        };
        match self.saved.keep(&session.profile_id, saved) {
            Ok(replaced) => {
                if let Some(previous) = replaced {
                    let _ = self.vault.delete(&session.profile_id, &previous);
                }
                KeychainState {
                    stored: true,
                    problem: None,
                }
            }
            Err(e) => KeychainState {
                stored: false,
                problem: Some(KeychainProblem::NotRecorded {
                    code: e.code.as_str().to_owned(),
                }),
            },
        }
    }

    fn forget_refresh_token(&self, profile_id: &ProfileId, username: &Username) -> bool {
        self.saved.forget(profile_id, username);
        self.vault.delete(profile_id, username).is_ok()
    }

    /// The user whose session is kept for `profile_id`.
    pub fn saved_user(&self, profile_id: &ProfileId) -> Option<Username> {
        self.saved.of(profile_id).map(|s| s.username)
    }

    /// Removes `profile_id`'s kept session from the keychain without asking the server
    /// (a sign-out that cannot reach it). False when there was none.
    pub fn forget_saved(&self, profile_id: &ProfileId) -> Result<bool> {
        let Some(saved) = self.saved.of(profile_id) else {
            return Ok(false);
        };
        self.saved.forget(profile_id, &saved.username);
        self.vault
            .delete(profile_id, &saved.username)
            .map_err(|e| {
                Error::new(
                    Code::KeychainUnavailable,
                    format!("The OS keychain is unavailable ({}).", e),
                    "Unlock or start the OS keychain (Secret Service), then try again.",
                )
            })?;
        Ok(true)
    }

    /// At start: the last session's stored refresh token, if any, traded for fresh
    /// tokens. A revoked or expired token is removed from the keychain; one that could
    /// not be tried (the network is down) stays for the next start.
    pub async fn restore(&self) -> RestoreOutcome {
        match self.saved.last() {
            Some((profile_id, saved)) => self.restore_saved(profile_id, saved).await,
            None => RestoreOutcome::None,
        }
    }

    /// [`SessionService::restore`] of `profile_id`'s kept session (the CLI names the
    /// profile; the window restores the last one).
    pub async fn restore_profile(&self, profile_id: &ProfileId) -> RestoreOutcome {
        match self.saved.of(profile_id) {
            Some(saved) => self.restore_saved(profile_id.clone(), saved).await,
            None => RestoreOutcome::None,
        }
    }

    async fn restore_saved(&self, profile_id: ProfileId, last: SavedSession) -> RestoreOutcome {
        let Ok(profile) = self.shared.profiles.get(&profile_id) else {
            self.forget_refresh_token(&profile_id, &last.username);
            return RestoreOutcome::None;
        };
        let token = match self.vault.load(&profile_id, &last.username) {
            Ok(Some(token)) => token,
            Ok(None) => return RestoreOutcome::None,
            Err(e) => {
                return RestoreOutcome::Failed {
                    error: Error::new(
                        Code::KeychainUnavailable,
                        format!(
                            "The OS keychain is unavailable ({e}): the saved session cannot be read."
                        ),
                        "Sign in with your password; to keep sessions across restarts, unlock or start the OS keychain (Secret Service).",
                    ),
                }
            }
        };
        let device_key = last.device_key.clone();
        let done = self
            .refresh_kept(
                &profile,
                last.method,
                token,
                &last.username,
                device_key.as_deref(),
                true,
            )
            .await;
        match done {
            Ok(done) => match Session::new(&profile, done.tokens) {
                Ok(mut session) => {
                    session.restored = true;
                    session.method = last.method;
                    session.factors = if last.factors.is_empty() {
                        last.method.default_factors()
                    } else {
                        last.factors
                    };
                    session.keychain = done.keychain.unwrap_or(KeychainState {
                        stored: true,
                        problem: None,
                    });
                    session.last_refresh = Some(done.report);
                    // Its key only: whether the pool remembers it is in the device list.
                    session.device = device_key.map(|key| ThisDevice {
                        key,
                        name: String::new(),
                        status: crate::session::DeviceStatus::Known,
                    });
                    let view = session.view();
                    let mut current = lock(&self.current);
                    self.epoch.advance();
                    *current = Some(session);
                    RestoreOutcome::Restored {
                        session: Box::new(view),
                    }
                }
                Err(error) => RestoreOutcome::Failed { error },
            },
            Err((mut error, tried)) => {
                // Removed only while the keychain still holds the refused token: a newer
                // one written meanwhile by another window or command is that session's.
                let still_held = matches!(
                    self.vault.load(&profile_id, &last.username),
                    Ok(Some(kept)) if kept == tried
                );
                if refresh::ends_session(&error) && still_held {
                    self.forget_refresh_token(&profile_id, &last.username);
                    error.message = "The saved session was revoked or has expired; it was removed from the keychain.".into();
                }
                RestoreOutcome::Failed { error }
            }
        }
    }

    /// The signed-in user with an ID token that is good for at least
    /// [`REFRESH_AHEAD_SECS`] more (refreshed first when it is not).
    pub(crate) async fn signed_in_fresh(&self) -> Result<SignedIn> {
        let user = self.signed_in()?;
        if user.expires_at.saturating_sub(now_secs()) > REFRESH_AHEAD_SECS {
            return Ok(user);
        }
        self.refresh().await?;
        self.signed_in()
    }

    /// Ends the session here when it is one of `profile_id` (the profile is being
    /// removed: no later call could use it). Whether one ended.
    pub(crate) fn end_if_of(&self, profile_id: &ProfileId) -> bool {
        let of_it = lock(&self.current)
            .as_ref()
            .is_some_and(|s| &s.profile_id == profile_id);
        if of_it {
            self.end_locally();
        }
        of_it
    }

    /// Ends the session here: memory, keychain entry and pointer file. True when the
    /// keychain entry is gone.
    fn end_locally(&self) -> bool {
        let ended = {
            let mut current = lock(&self.current);
            self.epoch.advance();
            current.take()
        };
        // A session that was never kept leaves the profile's kept one alone.
        let kept = self.keeping.load(Ordering::Relaxed);
        ended.is_none_or(|s| !kept || self.forget_refresh_token(&s.profile_id, &s.username()))
    }

    /// RevokeToken (or GlobalSignOut when `everywhere`) on the server, then the
    /// keychain entry and the session here. Called through [`super::Desk::sign_out`],
    /// which also drops what other services hold for the session.
    pub(crate) async fn sign_out(&self, everywhere: bool) -> SignOutReport {
        let Some(session) = lock(&self.current).clone() else {
            self.epoch.advance();
            return SignOutReport {
                server_revoked: false,
                server_message: Some("There was no session to sign out of.".into()),
                keychain_cleared: true,
                managed_logout_url: None,
                browser_logout_opened: false,
            };
        };
        let profile = self.shared.profiles.get(&session.profile_id);
        let server = match &profile {
            Ok(profile) => self.revoke_on_server(profile, &session, everywhere).await,
            Err(e) => Err(e.clone()),
        };
        let keychain_cleared = self.end_locally();
        let managed_logout_url = (session.method == SignInMethod::ManagedLogin)
            .then_some(profile.ok())
            .flatten()
            .and_then(|p| HostedConfig::from_profile(&p).ok())
            .and_then(|c| c.logout_url().ok())
            .map(|u| u.to_string());
        SignOutReport {
            server_revoked: server.is_ok(),
            server_message: server.err().map(|e| format!("{} {}", e.message, e.hint)),
            keychain_cleared,
            managed_logout_url,
            browser_logout_opened: false,
        }
    }

    async fn revoke_on_server(
        &self,
        profile: &Profile,
        session: &Session,
        everywhere: bool,
    ) -> Result<()> {
        let calls = &self.shared.calls;
        let client = self.shared.clients.user_pool(profile).await;
        let app = self.shared.profiles.app_client(profile)?;
        let revoke = async {
            let Some(refresh) = &session.tokens.refresh else {
                return Ok(());
            };
            calls
                .call(
                    with_client_secret(
                        crate::aws::cognito_call("RevokeToken", profile)
                            .param("ClientId", profile.settings.client_id.as_str())
                            .secret("Token", "REFRESH_TOKEN"),
                        app.secret().is_some(),
                    ),
                    client
                        .revoke_token()
                        .token(refresh.expose())
                        .client_id(profile.settings.client_id.as_str())
                        // A confidential client proves itself with the secret itself.
                        .set_client_secret(app.secret().map(|s| s.expose().to_owned()))
                        .send(),
                )
                .await
                .map(|_| ())
        };
        if !everywhere {
            return revoke.await;
        }
        let global = calls
            .call(
                crate::aws::cognito_call("GlobalSignOut", profile)
                    .secret("AccessToken", "ACCESS_TOKEN"),
                client
                    .global_sign_out()
                    .access_token(session.tokens.access.expose())
                    .send(),
            )
            .await
            .map(|_| ());
        match global {
            // A managed-login token without the admin scope may not call
            // GlobalSignOut: at least this session's refresh token must die.
            Err(e) if e.code == Code::MissingAdminScope => revoke.await.and(Err(Error::new(
                Code::MissingAdminScope,
                "Sign-out everywhere needs the aws.cognito.signin.user.admin scope, which this session lacks; this session's refresh token was revoked instead.",
                "Other devices stay signed in until their tokens expire.",
            ))),
            other => other,
        }
    }

    /// Changes this computer's device state in the session (remembered or not).
    pub(crate) fn update_device(&self, f: impl FnOnce(&mut ThisDevice)) -> Result<SessionView> {
        let mut current = lock(&self.current);
        let s = current.as_mut().ok_or_else(not_signed_in)?;
        if let Some(device) = s.device.as_mut() {
            f(device);
        }
        Ok(s.view())
    }

    /// This computer is no longer the user's device (forgotten): refreshes stop sending
    /// its key, and the kept session stops naming it.
    pub(crate) fn forget_device(&self) -> Result<()> {
        let (profile_id, saved) = {
            let mut current = lock(&self.current);
            let s = current.as_mut().ok_or_else(not_signed_in)?;
            s.device = None;
            s.device_login = None;
            let saved = SavedSession {
                username: s.username(),
                method: s.method,
                factors: s.factors.clone(),
                device_key: None,
            };
            (s.profile_id.clone(), saved)
        };
        if self.keeping.load(Ordering::Relaxed) && self.saved.of(&profile_id).is_some() {
            let _ = self.saved.keep(&profile_id, saved);
        }
        Ok(())
    }

    /// Reads the current session, or `NotSignedIn`.
    pub(crate) fn with_session<T>(&self, f: impl FnOnce(&Session) -> T) -> Result<T> {
        let current = lock(&self.current);
        current.as_ref().map(f).ok_or_else(not_signed_in)
    }
}

pub(crate) fn not_signed_in() -> Error {
    Error::new(
        Code::NotSignedIn,
        "Sign in first.",
        "The MFA page works on the signed-in user.",
    )
}

/// RevokeToken from a confidential client carries the secret: logged by name only.
fn with_client_secret(call: crate::aws::Call, has_secret: bool) -> crate::aws::Call {
    if has_secret {
        call.secret("ClientSecret", "CLIENT_SECRET")
    } else {
        call
    }
}
