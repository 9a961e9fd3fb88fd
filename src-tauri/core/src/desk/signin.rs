//! The sign-in in progress: the password step, then each challenge Cognito returns
//! until tokens arrive — answer the TOTP challenge ([`SignInService::answer_totp`]),
//! a new password, or an authenticator set up during sign-in (MFA_SETUP).

use super::session::SessionService;
use super::{lock, no_enrollment, Shared};
use crate::dto::{ChallengeView, EnrollmentText, SignInOutcome};
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::mfa::{self, Auth, Enrollment, TOTP_METHOD};
use crate::profile::{Profile, SignInFlow};
use crate::secret::Password;
use crate::session::{Factor, Session};
use crate::signin::{self, unsupported_error, Challenge, Step};
use std::sync::{Arc, Mutex};

/// Where a sign-in stands: the challenge to answer and what it has proved so far.
#[derive(Debug, Clone)]
struct Attempt {
    profile: Profile,
    challenge: Challenge,
    factors: Vec<Factor>,
    /// The session epoch when the sign-in began: a session begun elsewhere since
    /// (managed login, a restore) makes this sign-in stale.
    epoch: u64,
}

/// A challenge waiting for the user's answer.
#[derive(Debug)]
struct Pending {
    attempt: Attempt,
    /// MFA_SETUP: the authenticator being set up (its secret leaves memory with it).
    setup: Option<Enrollment>,
}

#[derive(Debug)]
pub struct SignInService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    pending: Mutex<Option<Pending>>,
}

impl SignInService {
    pub(crate) fn new(shared: Arc<Shared>, sessions: Arc<SessionService>) -> Self {
        Self {
            shared,
            sessions,
            pending: Mutex::new(None),
        }
    }

    /// The profile's sign-in flow (SRP or password): tokens, or the first challenge.
    pub async fn sign_in(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        password: Password,
    ) -> Result<SignInOutcome> {
        let profile = self.shared.profiles.get(profile_id)?;
        self.cancel();
        let epoch = self.sessions.epoch();
        let client = self.shared.clients.user_pool(&profile).await;
        let (calls, user) = (&self.shared.calls, username.as_str());
        let (first, step) = match profile.settings.sign_in_flow {
            SignInFlow::Srp => (
                Factor::Srp,
                signin::start_srp(&client, calls, &profile, user, &password).await,
            ),
            SignInFlow::Password => (
                Factor::Password,
                signin::start_password(&client, calls, &profile, user, &password).await,
            ),
        };
        self.advance(profile, epoch, vec![first], step?).await
    }

    /// SOFTWARE_TOKEN_MFA: the code from the authenticator app.
    pub async fn answer_totp(&self, code: &str) -> Result<SignInOutcome> {
        let mut a = self.pending()?;
        a.factors.push(Factor::AuthenticatorApp);
        let client = self.shared.clients.user_pool(&a.profile).await;
        let calls = &self.shared.calls;
        let result =
            signin::answer_software_token(&client, calls, &a.profile, &a.challenge, code).await;
        self.after_answer(a, result).await
    }

    /// NEW_PASSWORD_REQUIRED: the password that replaces the temporary one.
    pub async fn answer_new_password(&self, new_password: Password) -> Result<SignInOutcome> {
        let a = self.pending()?;
        let client = self.shared.clients.user_pool(&a.profile).await;
        let calls = &self.shared.calls;
        let result =
            signin::answer_new_password(&client, calls, &a.profile, &a.challenge, &new_password)
                .await;
        self.after_answer(a, result).await
    }

    /// MFA_SETUP: VerifySoftwareToken with the challenge session, then
    /// RespondToAuthChallenge with the session that call returned.
    pub async fn answer_mfa_setup(
        &self,
        code: &str,
        device_name: Option<&str>,
    ) -> Result<SignInOutcome> {
        let mut a = self.pending()?;
        a.factors.push(Factor::AuthenticatorApp);
        let Challenge::MfaSetup { username, .. } = &a.challenge else {
            return Err(Error::no_pending_challenge());
        };
        let session = lock(&self.pending)
            .as_ref()
            .and_then(|p| p.setup.as_ref())
            .and_then(|e| e.session.clone())
            .ok_or_else(no_enrollment)?;
        let client = self.shared.clients.user_pool(&a.profile).await;
        let calls = &self.shared.calls;
        let profile = &a.profile;
        let verified = mfa::verify(
            &client,
            calls,
            profile,
            Auth::Session(&session),
            code,
            device_name,
        )
        .await;
        let result = match verified {
            Ok(proof) => {
                let newest = proof.into_session().unwrap_or(session);
                signin::answer_mfa_setup(&client, calls, profile, username, &newest).await
            }
            Err(e) => Err(e),
        };
        self.after_answer(a, result).await
    }

    /// Drops the sign-in in progress (and an authenticator secret it held).
    pub fn cancel(&self) {
        *lock(&self.pending) = None;
    }

    /// Whether a sign-in is waiting for a challenge answer.
    pub fn has_pending_challenge(&self) -> bool {
        self.pending().is_ok()
    }

    pub(crate) fn has_setup(&self) -> bool {
        self.with_pending(|p| p.setup.is_some()).unwrap_or(false)
    }

    /// Text of the MFA_SETUP enrollment, if one is on screen.
    pub(crate) fn setup_text(&self, what: EnrollmentText) -> Option<Result<String>> {
        self.with_pending(|p| {
            p.setup
                .as_ref()
                .map(|setup| mfa::enrollment_text(setup, what))
        })
        .flatten()
    }

    fn pending(&self) -> Result<Attempt> {
        self.with_pending(|p| p.attempt.clone())
            .ok_or_else(Error::no_pending_challenge)
    }

    /// Runs `f` on the pending sign-in; one that a session begun since made stale is
    /// dropped (with any authenticator secret it held).
    fn with_pending<R>(&self, f: impl FnOnce(&Pending) -> R) -> Option<R> {
        let mut pending = lock(&self.pending);
        match pending.as_ref() {
            Some(p) if p.attempt.epoch == self.sessions.epoch() => Some(f(p)),
            Some(_) => {
                *pending = None;
                None
            }
            None => None,
        }
    }

    async fn after_answer(&self, a: Attempt, result: Result<Step>) -> Result<SignInOutcome> {
        match result {
            Ok(step) => self.advance(a.profile, a.epoch, a.factors, step).await,
            Err(e) => {
                // A wrong code may be retried with the same session; an expired one may not.
                if e.code == Code::SessionExpired {
                    self.cancel();
                }
                Err(e)
            }
        }
    }

    async fn advance(
        &self,
        profile: Profile,
        epoch: u64,
        factors: Vec<Factor>,
        step: Step,
    ) -> Result<SignInOutcome> {
        let challenge = match step {
            Step::SignedIn(tokens) => {
                self.cancel();
                let mut session = Session::new(&profile, tokens)?;
                session.factors = factors;
                let (view, _) = self.sessions.begin(session);
                return Ok(SignInOutcome::SignedIn { session: view });
            }
            Step::Challenge(challenge) if challenge.is_answerable() => challenge,
            Step::Challenge(challenge) => {
                self.cancel();
                return Err(unsupported_error(&challenge));
            }
        };
        let (view, setup) = match &challenge {
            Challenge::SoftwareTokenMfa { username, .. } => (
                ChallengeView::SoftwareTokenMfa {
                    username: username.clone(),
                },
                None,
            ),
            Challenge::NewPasswordRequired { username, .. } => (
                ChallengeView::NewPasswordRequired {
                    username: username.clone(),
                },
                None,
            ),
            Challenge::MfaSetup {
                username,
                session,
                allowed,
            } => {
                if !allowed.is_empty() && !allowed.iter().any(|m| m == TOTP_METHOD) {
                    self.cancel();
                    return Err(Error::new(
                        Code::MfaMethodNotOffered,
                        format!(
                            "This user must set up MFA, but the pool offers only: {}. Cognito Desk sets up authenticator apps (TOTP).",
                            allowed.join(", ")
                        ),
                        "Enable Authenticator apps in the user pool's MFA settings, or set up this method elsewhere.",
                    ));
                }
                let client = self.shared.clients.user_pool(&profile).await;
                let mut enrollment = mfa::associate(
                    &client,
                    &self.shared.calls,
                    &profile,
                    Auth::Session(session),
                    username,
                )
                .await?;
                // Carry the newest session; the challenge's own if Associate sent none.
                enrollment.session.get_or_insert_with(|| session.clone());
                let view = ChallengeView::MfaSetup {
                    username: username.clone(),
                    enrollment: enrollment.view()?,
                };
                (view, Some(enrollment))
            }
            other => return Err(unsupported_error(other)),
        };
        let attempt = Attempt {
            profile,
            challenge,
            factors,
            epoch,
        };
        *lock(&self.pending) = Some(Pending { attempt, setup });
        Ok(SignInOutcome::Challenge { challenge: view })
    }
}
