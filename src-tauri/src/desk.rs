//! The application core: profiles, the sign-in in progress and the session, behind the
//! operations the UI can ask for. No Tauri here, so tests drive exactly what the window
//! drives.

use crate::aws::{CallLog, Clients};
use crate::dto::{ChallengeView, MovedFile, ProfilesView, SessionView, SignInOutcome};
use crate::error::{Error, FieldError, Result};
use crate::profile::{Profile, ProfileInput, ProfileStore};
use crate::secret::Password;
use crate::session::Session;
use crate::signin::{self, unsupported_error, Challenge, Step};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// A challenge waiting for the user's answer, with the profile it belongs to.
#[derive(Debug, Clone)]
struct Pending {
    profile: Profile,
    challenge: Challenge,
}

#[derive(Debug)]
pub struct Desk {
    profiles: Mutex<ProfileStore>,
    clients: Clients,
    calls: CallLog,
    pending: Mutex<Option<Pending>>,
    session: Mutex<Option<Session>>,
}

/// Locks a mutex whose data stays consistent even if a holder panicked (every write
/// under these locks is a single assignment).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Desk {
    pub fn open(config_dir: &Path) -> Self {
        Self {
            profiles: Mutex::new(ProfileStore::open(config_dir)),
            clients: Clients::default(),
            calls: CallLog::default(),
            pending: Mutex::new(None),
            session: Mutex::new(None),
        }
    }

    pub fn calls(&self) -> &CallLog {
        &self.calls
    }

    pub fn clients(&self) -> &Clients {
        &self.clients
    }

    pub fn config_dir(&self) -> String {
        let store = lock(&self.profiles);
        store
            .path()
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    // ---- profiles ----

    pub fn profiles(&self) -> ProfilesView {
        let store = lock(&self.profiles);
        ProfilesView {
            profiles: store.profiles().to_vec(),
            selected_id: store.selected_id().map(str::to_owned),
            load_error: store.load_error().cloned(),
        }
    }

    pub fn validate_profile(&self, input: &ProfileInput) -> Vec<FieldError> {
        lock(&self.profiles).validate(input)
    }

    pub fn save_profile(&self, input: ProfileInput) -> Result<Profile> {
        lock(&self.profiles).save(input)
    }

    pub fn delete_profile(&self, id: &str) -> Result<()> {
        lock(&self.profiles).delete(id)
    }

    pub fn select_profile(&self, id: &str) -> Result<()> {
        lock(&self.profiles).select(id)
    }

    pub fn reset_profiles_file(&self) -> Result<MovedFile> {
        let moved = lock(&self.profiles).move_broken_file_aside()?;
        Ok(MovedFile {
            moved_to: moved.display().to_string(),
        })
    }

    fn profile(&self, id: &str) -> Result<Profile> {
        lock(&self.profiles).get(id).cloned()
    }

    // ---- sign-in ----

    pub async fn sign_in(
        &self,
        profile_id: &str,
        username: &str,
        password: Password,
    ) -> Result<SignInOutcome> {
        let profile = self.profile(profile_id)?;
        *lock(&self.pending) = None;
        let client = self.clients.user_pool(&profile).await;
        let step =
            signin::start_password(&client, &self.calls, &profile, username, &password).await?;
        self.advance(profile, step)
    }

    pub async fn answer_totp(&self, code: &str) -> Result<SignInOutcome> {
        let pending = lock(&self.pending)
            .clone()
            .ok_or_else(Error::no_pending_challenge)?;
        let client = self.clients.user_pool(&pending.profile).await;
        match signin::answer_software_token(
            &client,
            &self.calls,
            &pending.profile,
            &pending.challenge,
            code,
        )
        .await
        {
            Ok(step) => self.advance(pending.profile, step),
            Err(e) => {
                // A wrong code may be retried with the same session; an expired one may not.
                if e.code == "SessionExpired" {
                    *lock(&self.pending) = None;
                }
                Err(e)
            }
        }
    }

    pub fn cancel_sign_in(&self) {
        *lock(&self.pending) = None;
    }

    fn advance(&self, profile: Profile, step: Step) -> Result<SignInOutcome> {
        match step {
            Step::SignedIn(tokens) => {
                *lock(&self.pending) = None;
                let session = Session::new(&profile, tokens)?;
                let view = session.view();
                *lock(&self.session) = Some(session);
                Ok(SignInOutcome::SignedIn { session: view })
            }
            Step::Challenge(challenge) if challenge.is_answerable() => {
                let view = match &challenge {
                    Challenge::SoftwareTokenMfa { username, .. } => {
                        ChallengeView::SoftwareTokenMfa {
                            username: username.clone(),
                        }
                    }
                    other => return Err(unsupported_error(other)),
                };
                *lock(&self.pending) = Some(Pending { profile, challenge });
                Ok(SignInOutcome::Challenge { challenge: view })
            }
            Step::Challenge(challenge) => {
                *lock(&self.pending) = None;
                Err(unsupported_error(&challenge))
            }
        }
    }

    // ---- session ----

    pub fn current_session(&self) -> Option<SessionView> {
        lock(&self.session).as_ref().map(Session::view)
    }

    /// Forgets the session in this process.
    pub fn sign_out(&self) {
        *lock(&self.session) = None;
        *lock(&self.pending) = None;
    }

    /// Whether a sign-in is waiting for a challenge answer.
    pub fn has_pending_challenge(&self) -> bool {
        lock(&self.pending).is_some()
    }
}
