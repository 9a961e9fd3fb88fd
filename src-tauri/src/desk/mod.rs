//! The application core: profiles, the sign-in in progress and the session, behind the
//! operations the UI can ask for. No Tauri here, so tests drive exactly what the window
//! drives.

mod managed;

use crate::aws::{endpoint_label, CallLog, Clients};
use crate::credentials::{self, AwsCredentials};
use crate::dto::{BucketView, BucketsView, CallerView, CredentialsView, StepView};
use crate::dto::{
    ChallengeView, EnrollmentView, KeychainState, MfaStatus, MovedFile, ProfilesView,
    RestoreOutcome, SessionView, SignInOutcome, SignOutReport, TokenReport,
};
use crate::error::{Error, FieldError, Result};
use crate::jwt::{TokenUse, Verifier};
use crate::mfa::{self, Auth, Enrollment, TOTP_METHOD};
use crate::profile::{write_atomically, Profile, ProfileInput, ProfileStore};
use crate::secret::masked_preview;
use crate::secret::{Jwt, Password};
use crate::session::{now_secs, Session, SignInMethod};
use crate::signin::{self, unsupported_error, Challenge, Step};
use crate::vault::{unavailable_notice, OsKeychain, Vault};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// A challenge waiting for the user's answer, with the profile it belongs to.
#[derive(Debug, Clone)]
struct Pending {
    profile: Profile,
    challenge: Challenge,
}

/// Which user's refresh token to look for at the next start (no secret in it).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LastSession {
    profile_id: String,
    username: String,
    /// How the session began (decides how it refreshes); older files have none.
    #[serde(default)]
    method: SignInMethod,
}

const LAST_SESSION_FILE: &str = "last-session.json";

/// Refresh this long before the first token expires.
pub const REFRESH_AHEAD_SECS: i64 = 60;

/// Which token to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WhichToken {
    Id,
    Access,
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
    vault: Box<dyn Vault>,
    verifier: Verifier,
    config_dir: PathBuf,
    /// Identity ids per "profile/user": later exchanges skip GetId.
    identity_ids: Mutex<HashMap<String, String>>,
    /// The temporary AWS credentials of the session, in memory only.
    aws: Mutex<Option<AwsCredentials>>,
    /// The managed login waiting for its redirect, and the switch that cancels it.
    managed: Mutex<Option<crate::hosted::Attempt>>,
    managed_cancel: Mutex<Option<tokio::sync::watch::Sender<bool>>>,
    /// What the managed login of this session did (the tester's view).
    managed_report: Mutex<Option<crate::dto::ManagedLoginReport>>,
    /// For the managed-login token endpoint (never follows redirects).
    http: reqwest::Client,
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
            vault: Box::new(OsKeychain::default()),
            verifier: Verifier::default(),
            config_dir: config_dir.to_owned(),
            identity_ids: Mutex::new(HashMap::new()),
            aws: Mutex::new(None),
            managed: Mutex::new(None),
            managed_cancel: Mutex::new(None),
            managed_report: Mutex::new(None),
            http: crate::hosted::oauth::http_client(),
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
                let mut session = Session::new(&profile, tokens)?;
                session.keychain = self.keep_refresh_token(&session);
                let view = session.view();
                self.begin_session(session);
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
                let mut enrollment = mfa::associate(
                    &client,
                    &self.calls,
                    &profile,
                    Auth::Session(session),
                    username,
                )
                .await?;
                // Carry the newest session; the challenge's own if Associate sent none.
                enrollment.session.get_or_insert_with(|| session.clone());
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
            (
                s.profile_id.clone(),
                s.tokens.access.clone(),
                s.account_name(),
            )
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

    /// Puts the refresh token in the OS keychain and remembers whose it is. Never falls
    /// back to a file: a failure is reported in the session's keychain state.
    fn keep_refresh_token(&self, session: &Session) -> KeychainState {
        let Some(refresh) = &session.tokens.refresh else {
            return KeychainState {
                stored: false,
                notice: None,
            };
        };
        let username = session.username();
        match self.vault.store(&session.profile_id, &username, refresh) {
            Ok(()) => {
                let pointer = LastSession {
                    profile_id: session.profile_id.clone(),
                    username,
                    method: session.method,
                };
                let notice = write_atomically(&self.config_dir.join(LAST_SESSION_FILE), &pointer)
                    .err()
                    .map(|e| {
                        format!(
                            "The session cannot be restored at the next start: {}",
                            e.message
                        )
                    });
                KeychainState {
                    stored: notice.is_none(),
                    notice,
                }
            }
            Err(e) => KeychainState {
                stored: false,
                notice: Some(unavailable_notice(&e)),
            },
        }
    }

    fn last_session(&self) -> Option<LastSession> {
        let bytes = std::fs::read(self.config_dir.join(LAST_SESSION_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    fn forget_refresh_token(&self, profile_id: &str, username: &str) -> bool {
        let _ = std::fs::remove_file(self.config_dir.join(LAST_SESSION_FILE));
        self.vault.delete(profile_id, username).is_ok()
    }

    /// At start: the stored refresh token, if any, traded for fresh tokens
    /// (REFRESH_TOKEN_AUTH). A revoked or expired token is removed from the keychain.
    pub async fn restore(&self) -> RestoreOutcome {
        let Some(last) = self.last_session() else {
            return RestoreOutcome::None;
        };
        let Ok(profile) = self.profile(&last.profile_id) else {
            self.forget_refresh_token(&last.profile_id, &last.username);
            return RestoreOutcome::None;
        };
        let token = match self.vault.load(&last.profile_id, &last.username) {
            Ok(Some(token)) => token,
            Ok(None) => return RestoreOutcome::None,
            Err(e) => {
                return RestoreOutcome::Failed {
                    error: Error::new(
                        "KeychainUnavailable",
                        unavailable_notice(&e),
                        "Sign in with your password; to keep sessions across restarts, unlock or start the OS keychain (Secret Service).",
                    ),
                }
            }
        };
        match self.refresh_tokens(&profile, last.method, &token).await {
            Ok(mut tokens) => {
                // A client that rotates refresh tokens sends a new one: keep that.
                if tokens.refresh.as_ref().is_some_and(|new| *new != token) {
                    self.replace_refresh_token(&profile.id, &last.username, &tokens);
                }
                tokens.refresh.get_or_insert(token);
                match Session::new(&profile, tokens) {
                    Ok(mut session) => {
                        session.restored = true;
                        session.method = last.method;
                        session.keychain = KeychainState {
                            stored: true,
                            notice: None,
                        };
                        let view = session.view();
                        *lock(&self.session) = Some(session);
                        RestoreOutcome::Restored { session: view }
                    }
                    Err(error) => RestoreOutcome::Failed { error },
                }
            }
            Err(mut error) => {
                if error.code == "SessionRevoked" {
                    self.forget_refresh_token(&last.profile_id, &last.username);
                    error.message = "The saved session was revoked or has expired; it was removed from the keychain.".into();
                }
                RestoreOutcome::Failed { error }
            }
        }
    }

    /// REFRESH_TOKEN_AUTH now ("Refresh now", and the timer).
    pub async fn refresh_session(&self) -> Result<SessionView> {
        let (profile_id, refresh, method) = {
            let session = lock(&self.session);
            let s = session.as_ref().ok_or_else(not_signed_in)?;
            (s.profile_id.clone(), s.tokens.refresh.clone(), s.method)
        };
        let refresh = refresh.ok_or_else(|| {
            Error::new(
                "RefreshFailed",
                "This session has no refresh token.",
                "Sign in again with your password.",
            )
        })?;
        let profile = self.profile(&profile_id)?;
        let tokens = self.refresh_tokens(&profile, method, &refresh).await?;
        let rotated = tokens.refresh.as_ref().is_some_and(|new| *new != refresh);
        let view = {
            let mut session = lock(&self.session);
            let s = session.as_mut().ok_or_else(not_signed_in)?;
            s.refreshed(tokens)?;
            if rotated {
                self.replace_refresh_token(&s.profile_id, &s.username(), &s.tokens);
            }
            s.view()
        };
        Ok(view)
    }

    /// Keeps a rotated refresh token in the keychain in place of the old one.
    fn replace_refresh_token(&self, profile_id: &str, username: &str, tokens: &signin::Tokens) {
        if let Some(refresh) = &tokens.refresh {
            // A failure leaves the old entry; the next start then reports it revoked.
            let _ = self.vault.store(profile_id, username, refresh);
        }
    }

    /// New ID and access tokens for a refresh token: REFRESH_TOKEN_AUTH for a password
    /// session, the token endpoint's refresh_token grant for a managed-login one (it
    /// keeps the scopes granted at sign-in).
    async fn refresh_tokens(
        &self,
        profile: &Profile,
        method: SignInMethod,
        refresh: &crate::secret::RefreshToken,
    ) -> Result<signin::Tokens> {
        if method == SignInMethod::ManagedLogin {
            // No quiet switch to REFRESH_TOKEN_AUTH: its tokens carry scopes the user
            // may have left out of the managed login on purpose.
            let config = crate::hosted::oauth::HostedConfig::from_profile(profile)?;
            return self
                .calls
                .call_http(
                    "TokenEndpoint",
                    crate::hosted::oauth::refresh(&config, &self.http, refresh),
                )
                .await;
        }
        let client = self.clients.user_pool(profile).await;
        signin::refresh(&client, &self.calls, profile, refresh).await
    }

    /// The timer's step: refreshes when the first token expires within
    /// [`REFRESH_AHEAD_SECS`] of `now`. A revoked session ends here.
    pub async fn refresh_if_due(&self, now: i64) -> Result<Option<SessionView>> {
        let due = lock(&self.session)
            .as_ref()
            .is_some_and(|s| s.expires_at() - now <= REFRESH_AHEAD_SECS);
        if !due {
            return Ok(None);
        }
        match self.refresh_session().await {
            Ok(view) => Ok(Some(view)),
            Err(e) if e.code == "SessionRevoked" => {
                let ended = lock(&self.session).take();
                if let Some(s) = ended {
                    self.forget_refresh_token(&s.profile_id, &s.username());
                }
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    // ---- AWS credentials through the identity pool ----

    /// Credentials for an action: the ones in memory while valid, else a new exchange
    /// (with a refreshed ID token if it expired). `fresh` forces an exchange.
    async fn aws_credentials(
        &self,
        fresh: bool,
    ) -> Result<(Profile, AwsCredentials, Vec<StepView>)> {
        let (profile, _, account) = self.signed_in()?;
        credentials::identity_pool_id(&profile)?;
        let now = now_secs();
        let held = lock(&self.aws).clone().filter(|c| !c.expired_at(now));
        if let (Some(creds), false) = (held, fresh) {
            return Ok((profile, creds, Vec::new()));
        }
        let expired_id = lock(&self.session)
            .as_ref()
            .is_some_and(|s| s.expires_at() - now <= REFRESH_AHEAD_SECS);
        if expired_id {
            self.refresh_session().await?;
        }
        let id_token = lock(&self.session)
            .as_ref()
            .map(|s| s.tokens.id.clone())
            .ok_or_else(not_signed_in)?;
        let cache_key = format!("{}/{account}", profile.id);
        let cached = lock(&self.identity_ids).get(&cache_key).cloned();
        let mut steps = Vec::new();
        if cached.is_some() {
            steps.push(StepView {
                operation: "GetId",
                duration_ms: 0,
                outcome: "ok".into(),
                cached: true,
            });
        }
        let mark = self.calls.mark();
        let client = credentials::identity_client(&profile).await;
        let result = credentials::exchange(&client, &self.calls, &profile, &id_token, cached).await;
        steps.extend(self.steps_since(mark));
        let creds = result?;
        lock(&self.identity_ids).insert(cache_key, creds.identity_id.clone());
        *lock(&self.aws) = Some(creds.clone());
        Ok((profile, creds, steps))
    }

    fn steps_since(&self, mark: usize) -> Vec<StepView> {
        const CREDENTIAL_CALLS: [&str; 4] = [
            "GetId",
            "GetCredentialsForIdentity",
            "ListBuckets",
            "GetCallerIdentity",
        ];
        self.calls
            .since(mark)
            .into_iter()
            .filter(|r| CREDENTIAL_CALLS.contains(&r.operation))
            .map(|r| StepView {
                operation: r.operation,
                duration_ms: r.duration_ms,
                outcome: r.outcome,
                cached: false,
            })
            .collect()
    }

    /// "Get AWS credentials": a new exchange (GetId only the first time).
    pub async fn get_aws_credentials(&self) -> Result<CredentialsView> {
        let (profile, creds, steps) = self.aws_credentials(true).await?;
        Ok(CredentialsView {
            identity_id: creds.identity_id.clone(),
            access_key_id: creds.access_key_id.clone(),
            secret_key_preview: masked_preview(creds.secret_key.expose()),
            session_token_preview: masked_preview(creds.session_token.expose()),
            expiration: creds.expiration,
            region: profile.region.clone(),
            logins_key: credentials::logins_key(&profile),
            steps,
        })
    }

    pub async fn list_s3_buckets(&self) -> Result<BucketsView> {
        let (profile, creds, mut steps) = self.aws_credentials(false).await?;
        let mark = self.calls.mark();
        let result = credentials::list_buckets(&self.calls, &profile, &creds).await;
        steps.extend(self.steps_since(mark));
        Ok(BucketsView {
            buckets: result?
                .into_iter()
                .map(|b| BucketView {
                    name: b.name,
                    creation_date: b.creation_date,
                })
                .collect(),
            steps,
        })
    }

    pub async fn who_am_i(&self) -> Result<CallerView> {
        let (profile, creds, mut steps) = self.aws_credentials(false).await?;
        let mark = self.calls.mark();
        let result = credentials::who_am_i(&self.calls, &profile, &creds).await;
        steps.extend(self.steps_since(mark));
        let caller = result?;
        Ok(CallerView {
            account: caller.account,
            arn: caller.arn,
            user_id: caller.user_id,
            steps,
        })
    }

    fn held_credentials(&self) -> Result<(Profile, AwsCredentials)> {
        let (profile, _, _) = self.signed_in()?;
        let creds = lock(&self.aws).clone().ok_or_else(|| {
            Error::new(
                "CredentialsExpired",
                "There are no AWS credentials yet.",
                "Press “Get AWS credentials” first.",
            )
        })?;
        Ok((profile, creds))
    }

    /// The secret key, on an explicit reveal.
    pub fn aws_secret_key(&self) -> Result<String> {
        Ok(self.held_credentials()?.1.secret_key.expose().to_owned())
    }

    /// The credentials as shell `export` lines, for the clipboard.
    pub fn aws_env_text(&self) -> Result<String> {
        let (profile, creds) = self.held_credentials()?;
        Ok(creds.env_lines(&profile.region))
    }

    /// Signs out: RevokeToken (or GlobalSignOut when `everywhere`) on the server, then
    /// the keychain entry and the session here. The local part completes even when the
    /// server cannot be reached; the report says what the server did.
    pub async fn sign_out(&self, everywhere: bool) -> SignOutReport {
        self.cancel_sign_in();
        let Some(session) = lock(&self.session).take() else {
            return SignOutReport {
                server_revoked: false,
                server_message: Some("There was no session to sign out of.".into()),
                keychain_cleared: true,
                managed_logout_url: None,
                browser_logout_opened: false,
            };
        };
        *lock(&self.managed_report) = None;
        let server = match self.profile(&session.profile_id) {
            Ok(profile) => {
                let client = self.clients.user_pool(&profile).await;
                let endpoint = endpoint_label(&profile);
                let revoke = async {
                    match &session.tokens.refresh {
                        Some(refresh) => self
                            .calls
                            .call(
                                "RevokeToken",
                                &endpoint,
                                client
                                    .revoke_token()
                                    .token(refresh.expose())
                                    .client_id(&profile.client_id)
                                    .send(),
                            )
                            .await
                            .map(|_| ()),
                        None => Ok(()),
                    }
                };
                if everywhere {
                    let global = self
                        .calls
                        .call(
                            "GlobalSignOut",
                            &endpoint,
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
                        Err(e) if e.code == "MissingAdminScope" => revoke.await.and(Err(Error::new(
                            "MissingAdminScope",
                            "Sign-out everywhere needs the aws.cognito.signin.user.admin scope, which this session lacks; this session's refresh token was revoked instead.",
                            "Other devices stay signed in until their tokens expire.",
                        ))),
                        other => other,
                    }
                } else {
                    revoke.await
                }
            }
            Err(e) => Err(e),
        };
        *lock(&self.aws) = None;
        let keychain_cleared = self.forget_refresh_token(&session.profile_id, &session.username());
        let managed_logout_url = (session.method == SignInMethod::ManagedLogin)
            .then(|| self.profile(&session.profile_id).ok())
            .flatten()
            .and_then(|p| crate::hosted::oauth::HostedConfig::from_profile(&p).ok())
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

    /// The raw token for the clipboard (an explicit copy in the UI).
    pub fn token_text(&self, which: WhichToken) -> Result<String> {
        let session = lock(&self.session);
        let s = session.as_ref().ok_or_else(not_signed_in)?;
        Ok(match which {
            WhichToken::Id => s.tokens.id.expose().to_owned(),
            WhichToken::Access => s.tokens.access.expose().to_owned(),
        })
    }

    /// The token page: header, claims and every verification check of both tokens.
    pub async fn token_report(&self) -> Result<TokenReport> {
        self.token_report_at(now_secs()).await
    }

    /// [`Desk::token_report`] as seen at time `now` (tests check expiry with it).
    pub async fn token_report_at(&self, now: i64) -> Result<TokenReport> {
        let (profile_id, id, access) = {
            let session = lock(&self.session);
            let s = session.as_ref().ok_or_else(not_signed_in)?;
            (
                s.profile_id.clone(),
                s.tokens.id.clone(),
                s.tokens.access.clone(),
            )
        };
        let profile = self.profile(&profile_id)?;
        Ok(TokenReport {
            id: self
                .verifier
                .details(&profile, &id, TokenUse::Id, now)
                .await?,
            access: self
                .verifier
                .details(&profile, &access, TokenUse::Access, now)
                .await?,
        })
    }

    pub fn verifier(&self) -> &Verifier {
        &self.verifier
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
