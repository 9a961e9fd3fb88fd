//! The application core: profiles, the sign-in in progress and the session, behind the
//! operations the UI can ask for. No Tauri here, so tests drive exactly what the window
//! drives.

use crate::aws::{CallLog, Clients};
use crate::dto::{
    ChallengeView, EnrollmentView, MfaStatus, MovedFile, ProfilesView, SessionView, SignInOutcome,
};
use crate::error::{Error, FieldError, Result};
use crate::mfa::{self, Auth, Enrollment, TOTP_METHOD};
use crate::profile::{Profile, ProfileInput, ProfileStore};
use crate::secret::{Jwt, Password};
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

/// Which text of an enrollment in progress to put on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EnrollmentText {
    Secret,
    Uri,
}

#[derive(Debug)]
pub struct Desk {
    profiles: Mutex<ProfileStore>,
    clients: Clients,
    calls: CallLog,
    pending: Mutex<Option<Pending>>,
    session: Mutex<Option<Session>>,
    /// The authenticator setup in progress: for the signed-in user, or for the
    /// MFA_SETUP challenge of the pending sign-in. Dropped (secret and all) when it ends.
    enrollment: Mutex<Option<Enrollment>>,
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
            enrollment: Mutex::new(None),
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
        self.cancel_sign_in();
        let client = self.clients.user_pool(&profile).await;
        let step =
            signin::start_password(&client, &self.calls, &profile, username, &password).await?;
        self.advance(profile, step).await
    }

    pub async fn answer_totp(&self, code: &str) -> Result<SignInOutcome> {
        let pending = self.pending()?;
        let client = self.clients.user_pool(&pending.profile).await;
        let result = signin::answer_software_token(
            &client,
            &self.calls,
            &pending.profile,
            &pending.challenge,
            code,
        )
        .await;
        self.after_answer(pending.profile, result).await
    }

    pub async fn answer_new_password(&self, new_password: Password) -> Result<SignInOutcome> {
        let pending = self.pending()?;
        let client = self.clients.user_pool(&pending.profile).await;
        let result = signin::answer_new_password(
            &client,
            &self.calls,
            &pending.profile,
            &pending.challenge,
            &new_password,
        )
        .await;
        self.after_answer(pending.profile, result).await
    }

    /// MFA_SETUP: VerifySoftwareToken with the challenge session, then
    /// RespondToAuthChallenge with the session that call returned.
    pub async fn answer_mfa_setup(
        &self,
        code: &str,
        device_name: Option<&str>,
    ) -> Result<SignInOutcome> {
        let pending = self.pending()?;
        let Challenge::MfaSetup { username, .. } = &pending.challenge else {
            return Err(Error::no_pending_challenge());
        };
        let session = lock(&self.enrollment)
            .as_ref()
            .and_then(|e| e.session.clone())
            .ok_or_else(no_enrollment)?;
        let client = self.clients.user_pool(&pending.profile).await;
        let verified = mfa::verify(
            &client,
            &self.calls,
            &pending.profile,
            Auth::Session(&session),
            code,
            device_name,
        )
        .await;
        let result = match verified {
            Ok(proof) => {
                let newest = proof.session.unwrap_or(session);
                signin::answer_mfa_setup(&client, &self.calls, &pending.profile, username, &newest)
                    .await
            }
            Err(e) => Err(e),
        };
        self.after_answer(pending.profile, result).await
    }

    pub fn cancel_sign_in(&self) {
        *lock(&self.pending) = None;
        *lock(&self.enrollment) = None;
    }

    fn pending(&self) -> Result<Pending> {
        lock(&self.pending)
            .clone()
            .ok_or_else(Error::no_pending_challenge)
    }

    async fn after_answer(&self, profile: Profile, result: Result<Step>) -> Result<SignInOutcome> {
        match result {
            Ok(step) => self.advance(profile, step).await,
            Err(e) => {
                // A wrong code may be retried with the same session; an expired one may not.
                if e.code == "SessionExpired" {
                    self.cancel_sign_in();
                }
                Err(e)
            }
        }
    }

    async fn advance(&self, profile: Profile, step: Step) -> Result<SignInOutcome> {
        let challenge = match step {
            Step::SignedIn(tokens) => {
                self.cancel_sign_in();
                let session = Session::new(&profile, tokens)?;
                let view = session.view();
                *lock(&self.session) = Some(session);
                return Ok(SignInOutcome::SignedIn { session: view });
            }
            Step::Challenge(challenge) if challenge.is_answerable() => challenge,
            Step::Challenge(challenge) => {
                self.cancel_sign_in();
                return Err(unsupported_error(&challenge));
            }
        };
        let view = match &challenge {
            Challenge::SoftwareTokenMfa { username, .. } => ChallengeView::SoftwareTokenMfa {
                username: username.clone(),
            },
            Challenge::NewPasswordRequired { username, .. } => ChallengeView::NewPasswordRequired {
                username: username.clone(),
            },
            Challenge::MfaSetup {
                username,
                session,
                allowed,
            } => {
                if !allowed.is_empty() && !allowed.iter().any(|m| m == TOTP_METHOD) {
                    self.cancel_sign_in();
                    return Err(Error::new(
                        "MfaMethodNotOffered",
                        format!(
                            "This user must set up MFA, but the pool offers only: {}. Cognito Desk sets up authenticator apps (TOTP).",
                            allowed.join(", ")
                        ),
                        "Enable Authenticator apps in the user pool's MFA settings, or set up this method elsewhere.",
                    ));
                }
                let client = self.clients.user_pool(&profile).await;
                let enrollment = mfa::associate(
                    &client,
                    &self.calls,
                    &profile,
                    Auth::Session(session),
                    username,
                )
                .await?;
                let view = enrollment.view()?;
                *lock(&self.enrollment) = Some(enrollment);
                ChallengeView::MfaSetup {
                    username: username.clone(),
                    enrollment: view,
                }
            }
            other => return Err(unsupported_error(other)),
        };
        *lock(&self.pending) = Some(Pending { profile, challenge });
        Ok(SignInOutcome::Challenge { challenge: view })
    }

    // ---- MFA of the signed-in user ----

    /// The profile and access token of the signed-in user.
    fn signed_in(&self) -> Result<(Profile, Jwt, String)> {
        let (profile_id, access, account) = {
            let session = lock(&self.session);
            let s = session.as_ref().ok_or_else(not_signed_in)?;
            let view = s.view();
            let account = view.email.unwrap_or(view.username);
            (s.profile_id.clone(), s.tokens.access.clone(), account)
        };
        Ok((self.profile(&profile_id)?, access, account))
    }

    pub async fn mfa_status(&self) -> Result<MfaStatus> {
        let (profile, access, _) = self.signed_in()?;
        let client = self.clients.user_pool(&profile).await;
        mfa::status(&client, &self.calls, &profile, &access).await
    }

    pub async fn begin_totp_enrollment(&self) -> Result<EnrollmentView> {
        let (profile, access, account) = self.signed_in()?;
        let client = self.clients.user_pool(&profile).await;
        let enrollment = mfa::associate(
            &client,
            &self.calls,
            &profile,
            Auth::AccessToken(&access),
            &account,
        )
        .await?;
        let view = enrollment.view()?;
        *lock(&self.enrollment) = Some(enrollment);
        Ok(view)
    }

    /// VerifySoftwareToken, and only after SUCCESS SetUserMFAPreference (enabled +
    /// preferred). A wrong code keeps the enrollment for another try.
    pub async fn verify_totp_enrollment(
        &self,
        code: &str,
        device_name: Option<&str>,
    ) -> Result<MfaStatus> {
        let (profile, access, _) = self.signed_in()?;
        if lock(&self.enrollment).is_none() {
            return Err(no_enrollment());
        }
        let client = self.clients.user_pool(&profile).await;
        let proof = mfa::verify(
            &client,
            &self.calls,
            &profile,
            Auth::AccessToken(&access),
            code,
            device_name,
        )
        .await?;
        *lock(&self.enrollment) = None;
        mfa::enable(&client, &self.calls, &profile, &access, proof).await?;
        mfa::status(&client, &self.calls, &profile, &access).await
    }

    pub fn cancel_totp_enrollment(&self) {
        *lock(&self.enrollment) = None;
    }

    pub async fn set_totp_preference(&self, enabled: bool, preferred: bool) -> Result<MfaStatus> {
        let (profile, access, _) = self.signed_in()?;
        let client = self.clients.user_pool(&profile).await;
        mfa::set_preference(&client, &self.calls, &profile, &access, enabled, preferred).await?;
        mfa::status(&client, &self.calls, &profile, &access).await
    }

    /// Text of the enrollment in progress, for the clipboard or the system handler.
    pub fn enrollment_text(&self, what: EnrollmentText) -> Result<String> {
        let enrollment = lock(&self.enrollment);
        let e = enrollment.as_ref().ok_or_else(no_enrollment)?;
        Ok(match what {
            EnrollmentText::Secret => mfa::normalise_secret(e.secret())?,
            EnrollmentText::Uri => e.uri().to_owned(),
        })
    }

    /// Whether an authenticator setup is in progress (its secret is in memory).
    pub fn has_enrollment(&self) -> bool {
        lock(&self.enrollment).is_some()
    }

    // ---- session ----

    pub fn current_session(&self) -> Option<SessionView> {
        lock(&self.session).as_ref().map(Session::view)
    }

    /// Forgets the session in this process.
    pub fn sign_out(&self) {
        *lock(&self.session) = None;
        self.cancel_sign_in();
    }

    /// Whether a sign-in is waiting for a challenge answer.
    pub fn has_pending_challenge(&self) -> bool {
        lock(&self.pending).is_some()
    }
}

fn not_signed_in() -> Error {
    Error::new(
        "NotSignedIn",
        "Sign in first.",
        "The MFA page works on the signed-in user.",
    )
}

fn no_enrollment() -> Error {
    Error::new(
        "NoEnrollment",
        "There is no authenticator setup in progress.",
        "Press “Set up authenticator app” again.",
    )
}
