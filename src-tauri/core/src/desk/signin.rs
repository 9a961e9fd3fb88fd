//! The sign-in in progress: the first step (SRP, password, or choice-based), then each
//! challenge Cognito returns until tokens arrive. One answer method per challenge kind;
//! each records what it proved, so the session can say "SRP + authenticator app".

use super::session::SessionService;
use super::{lock, no_enrollment, Shared};
use crate::dto::{ChallengeParameter, ChallengeView, EnrollmentText, SignInOutcome};
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::mfa::{self, Auth, Enrollment, TOTP_METHOD};
use crate::profile::{Profile, SignInFlow};
use crate::secret::Password;
use crate::session::{now_secs, Factor, Session};
use crate::signin::{Challenge, ChallengeKind, Conversation, DeliveredCode, Step};
use std::sync::{Arc, Mutex};

/// MFA_SETUP's email method, as `MFAS_CAN_SETUP` names it.
const EMAIL_METHOD: &str = "EMAIL_OTP";

/// What a sign-in has proved so far, and what it belongs to.
#[derive(Debug, Clone)]
struct Progress {
    profile: Profile,
    factors: Vec<Factor>,
    /// The session epoch when the sign-in began: a session begun elsewhere since
    /// (managed login, a restore) makes this sign-in stale.
    epoch: u64,
    /// When the first request went out (the challenge clock).
    started_at: i64,
}

/// A challenge waiting for the user's answer.
#[derive(Debug)]
struct Pending {
    progress: Progress,
    challenge: Challenge,
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

    /// The profile's sign-in flow: tokens, or the first challenge.
    pub async fn sign_in(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        password: Password,
    ) -> Result<SignInOutcome> {
        self.sign_in_preferring(profile_id, username, password, None)
            .await
    }

    /// [`SignInService::sign_in`]; for a choice-based profile, `preferred` overrides the
    /// profile's first factor (`Some("")` asks Cognito to offer the choice).
    pub async fn sign_in_preferring(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        password: Password,
        preferred: Option<&str>,
    ) -> Result<SignInOutcome> {
        let profile = self.shared.profiles.get(profile_id)?;
        self.cancel();
        let mut progress = Progress {
            epoch: self.sessions.epoch(),
            started_at: now_secs(),
            factors: Vec::new(),
            profile,
        };
        let talk = self.conversation(&progress.profile).await?;
        let user = username.as_str();
        let step = match progress.profile.settings.sign_in_flow {
            SignInFlow::Srp => {
                progress.factors.push(Factor::Srp);
                talk.start_srp(user, &password).await
            }
            SignInFlow::Password => {
                progress.factors.push(Factor::Password);
                talk.start_password(user, &password).await
            }
            SignInFlow::UserAuth => {
                let preferred = preferred
                    .or(progress.profile.settings.preferred_challenge.as_deref())
                    .filter(|p| !p.is_empty());
                progress.factors.extend(password_factor(preferred));
                talk.start_user_auth(user, preferred, &password).await
            }
            SignInFlow::Custom => talk.start_custom(user).await,
        }?;
        drop(talk);
        // Cognito may answer a preferred factor with the choice instead: nothing is
        // proved yet.
        if let Step::Challenge(Challenge {
            kind: ChallengeKind::SelectChallenge { .. },
            ..
        }) = &step
        {
            progress.factors.clear();
        }
        self.advance(progress, step).await
    }

    /// SOFTWARE_TOKEN_MFA: the code from the authenticator app.
    pub async fn answer_totp(&self, code: &str) -> Result<SignInOutcome> {
        let (mut progress, challenge, mark) = self.pending()?;
        progress.factors.push(Factor::AuthenticatorApp);
        let talk = self.conversation(&progress.profile).await?;
        let result = talk.answer_software_token(&challenge, code).await;
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// SMS_MFA, SMS_OTP, EMAIL_OTP: the code Cognito sent.
    pub async fn answer_code(&self, code: &str) -> Result<SignInOutcome> {
        let (mut progress, challenge, mark) = self.pending()?;
        if let ChallengeKind::DeliveredCode { code: kind, .. } = &challenge.kind {
            progress.factors.push(match kind {
                DeliveredCode::SmsMfa | DeliveredCode::SmsOtp => Factor::SmsCode,
                DeliveredCode::EmailOtp => Factor::EmailCode,
            });
        }
        let talk = self.conversation(&progress.profile).await?;
        let result = talk
            .answer_delivered_code(&challenge, code)
            .await
            .map_err(super::recovery::message_code_error);
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// SELECT_MFA_TYPE: the method the user picked.
    pub async fn select_mfa(&self, method: &str) -> Result<SignInOutcome> {
        let (progress, challenge, mark) = self.pending()?;
        let talk = self.conversation(&progress.profile).await?;
        let result = talk.answer_select_mfa(&challenge, method).await;
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// SELECT_CHALLENGE: the first factor the user picked (with the password for
    /// PASSWORD and PASSWORD_SRP).
    pub async fn select_challenge(
        &self,
        factor: &str,
        password: Password,
    ) -> Result<SignInOutcome> {
        let (mut progress, challenge, mark) = self.pending()?;
        progress.factors.extend(password_factor(Some(factor)));
        let talk = self.conversation(&progress.profile).await?;
        let result = talk
            .answer_select_challenge(&challenge, factor, &password)
            .await;
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// NEW_PASSWORD_REQUIRED: the password that replaces the temporary one, and the
    /// attributes the pool requires.
    pub async fn answer_new_password(
        &self,
        new_password: Password,
        attributes: &[(String, String)],
    ) -> Result<SignInOutcome> {
        let (progress, challenge, mark) = self.pending()?;
        let talk = self.conversation(&progress.profile).await?;
        let result = talk
            .answer_new_password(&challenge, &new_password, attributes)
            .await;
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// CUSTOM_CHALLENGE: the answer to the Lambda's question; Cognito may ask again.
    pub async fn answer_custom(&self, answer: &str) -> Result<SignInOutcome> {
        let (mut progress, challenge, mark) = self.pending()?;
        if progress.factors.last() != Some(&Factor::CustomChallenge) {
            progress.factors.push(Factor::CustomChallenge);
        }
        let talk = self.conversation(&progress.profile).await?;
        let result = talk.answer_custom(&challenge, answer).await.map_err(|e| {
            if e.code == Code::NotAuthorizedException {
                // Cognito words a failed custom sign-in as a wrong password.
                Error::new(
                    Code::CustomChallengeFailed,
                    "The pool's challenge ended the sign-in: the answers were not accepted.",
                    "Sign in again to get a new challenge; the pool's Lambda triggers decide how many tries there are.",
                )
            } else {
                e
            }
        });
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// MFA_SETUP with an authenticator: VerifySoftwareToken with the challenge session,
    /// then RespondToAuthChallenge with the session that call returned.
    pub async fn answer_mfa_setup(
        &self,
        code: &str,
        device_name: Option<&str>,
    ) -> Result<SignInOutcome> {
        let (mut progress, challenge, mark) = self.pending()?;
        progress.factors.push(Factor::AuthenticatorApp);
        let session = lock(&self.pending)
            .as_ref()
            .and_then(|p| p.setup.as_ref())
            .and_then(|e| e.session.clone())
            .ok_or_else(no_enrollment)?;
        let talk = self.conversation(&progress.profile).await?;
        let auth = Auth::Session(&session);
        let verified = mfa::verify(
            &talk.client,
            talk.calls,
            talk.profile,
            auth,
            code,
            device_name,
        )
        .await;
        let result = match verified {
            Ok(proof) => {
                let newest = proof.into_session().unwrap_or(session);
                talk.answer_mfa_setup_totp(&challenge, &newest).await
            }
            Err(e) => Err(e),
        };
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// MFA_SETUP with email: Cognito sends a code to `email` (an EMAIL_OTP challenge).
    pub async fn answer_mfa_setup_email(&self, email: &str) -> Result<SignInOutcome> {
        let (progress, challenge, mark) = self.pending()?;
        // An authenticator set up first (AssociateSoftwareToken) used the challenge's
        // session up: the newest one answers.
        let session = self
            .with_pending(|p| p.setup.as_ref().and_then(|e| e.session.clone()))
            .flatten()
            .unwrap_or_else(|| challenge.session.clone());
        let talk = self.conversation(&progress.profile).await?;
        let result = talk
            .answer_mfa_setup_email(&challenge, &session, email)
            .await;
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// MFA_SETUP offering an authenticator app and email: the user picked the app, so
    /// AssociateSoftwareToken runs now (not before: it uses the session up).
    pub async fn setup_authenticator(&self) -> Result<SignInOutcome> {
        let (progress, challenge, _) = self.pending()?;
        let ChallengeKind::MfaSetup { allowed } = &challenge.kind else {
            return Err(Error::no_pending_challenge());
        };
        if let Some(enrollment) = self
            .with_pending(|p| p.setup.as_ref().map(|e| e.view()))
            .flatten()
        {
            // Already set up (pressed twice): the same enrollment.
            return Ok(SignInOutcome::Challenge {
                challenge: ChallengeView::MfaSetup {
                    username: challenge.username.clone(),
                    allowed: allowed.clone(),
                    enrollment: Some(enrollment?),
                },
                started_at: progress.started_at,
            });
        }
        let (view, setup) = match self.associate(&progress.profile, &challenge, allowed).await {
            Ok(shown) => shown,
            Err(e) => {
                self.cancel();
                return Err(e.ending_sign_in());
            }
        };
        let started_at = progress.started_at;
        let mut pending = lock(&self.pending);
        if let Some(p) = pending
            .as_mut()
            .filter(|p| p.progress.epoch == progress.epoch)
        {
            p.setup = Some(setup);
        }
        Ok(SignInOutcome::Challenge {
            challenge: view,
            started_at,
        })
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

    pub(super) fn profile(&self, id: &ProfileId) -> Result<Profile> {
        self.shared.profiles.get(id)
    }

    pub(super) async fn conversation<'a>(
        &'a self,
        profile: &'a Profile,
    ) -> Result<Conversation<'a>> {
        let app = self.shared.profiles.app_client(profile)?;
        let client = self.shared.clients.user_pool(profile).await;
        Ok(Conversation::new(client, &self.shared.calls, profile, app))
    }

    /// The pending sign-in, and a mark in the call log: an answer that fails before
    /// any request went out leaves the challenge open.
    fn pending(&self) -> Result<(Progress, Challenge, u64)> {
        self.with_pending(|p| (p.progress.clone(), p.challenge.clone()))
            .map(|(progress, challenge)| (progress, challenge, self.shared.calls.mark()))
            .ok_or_else(Error::no_pending_challenge)
    }

    /// Runs `f` on the pending sign-in; one that a session begun since made stale is
    /// dropped (with any authenticator secret it held).
    fn with_pending<R>(&self, f: impl FnOnce(&Pending) -> R) -> Option<R> {
        let mut pending = lock(&self.pending);
        match pending.as_ref() {
            Some(p) if p.progress.epoch == self.sessions.epoch() => Some(f(p)),
            Some(_) => {
                *pending = None;
                None
            }
            None => None,
        }
    }

    async fn after_answer(
        &self,
        progress: Progress,
        mark: u64,
        result: Result<Step>,
    ) -> Result<SignInOutcome> {
        let e = match result {
            Ok(step) => return self.advance(progress, step).await,
            Err(e) => e,
        };
        // Refused here (bad input) or by Cognito for the answer only (a wrong code, a
        // password the policy rejects, the network): the same session may be answered
        // again. Anything else Cognito said, or an answer this build cannot read, has
        // used the session up: the sign-in is over.
        let sent = !self.shared.calls.since(mark).is_empty();
        let retryable = matches!(
            e.code,
            Code::CodeMismatchException
                | Code::DeliveredCodeMismatch
                | Code::ExpiredCodeException
                | Code::InvalidPasswordException
                | Code::NetworkUnreachable
                | Code::TooManyRequestsException
                | Code::LimitExceededException
        );
        if sent && !retryable {
            self.cancel();
            return Err(e.ending_sign_in());
        }
        Err(e)
    }

    async fn advance(&self, progress: Progress, step: Step) -> Result<SignInOutcome> {
        let challenge = match step {
            Step::SignedIn(tokens) => {
                self.cancel();
                let mut session = Session::new(&progress.profile, tokens)?;
                session.factors = progress.factors;
                let (view, _) = self.sessions.begin(session);
                return Ok(SignInOutcome::SignedIn { session: view });
            }
            Step::Challenge(challenge) => challenge,
        };
        let (view, setup) = match self.view_of(&progress.profile, &challenge).await {
            Ok(shown) => shown,
            Err(e) => {
                self.cancel();
                return Err(e.ending_sign_in());
            }
        };
        // Each answer brings a new session with its own AuthSessionValidity: the clock
        // shows how long this step has been open.
        let mut progress = progress;
        progress.started_at = now_secs();
        let started_at = progress.started_at;
        *lock(&self.pending) = Some(Pending {
            progress,
            challenge,
            setup,
        });
        Ok(SignInOutcome::Challenge {
            challenge: view,
            started_at,
        })
    }

    /// What the window shows for `challenge`; for MFA_SETUP with an authenticator
    /// offered, the enrollment begins here (AssociateSoftwareToken on the session).
    async fn view_of(
        &self,
        profile: &Profile,
        challenge: &Challenge,
    ) -> Result<(ChallengeView, Option<Enrollment>)> {
        let username = challenge.username.clone();
        let view = match &challenge.kind {
            ChallengeKind::SoftwareTokenMfa => ChallengeView::SoftwareTokenMfa { username },
            ChallengeKind::DeliveredCode { code, delivery } => ChallengeView::DeliveredCode {
                username,
                challenge: code.challenge().as_str().to_owned(),
                destination: delivery.destination.clone(),
                medium: delivery.medium.clone(),
            },
            ChallengeKind::SelectMfaType { options } => ChallengeView::SelectMfaType {
                username,
                options: options.clone(),
            },
            ChallengeKind::SelectChallenge { available } => ChallengeView::SelectChallenge {
                username,
                available: available.clone(),
            },
            ChallengeKind::NewPasswordRequired {
                required_attributes,
            } => ChallengeView::NewPasswordRequired {
                username,
                required_attributes: required_attributes.clone(),
            },
            ChallengeKind::Custom { parameters } => ChallengeView::CustomChallenge {
                username,
                parameters: parameters
                    .iter()
                    .map(|(name, value)| ChallengeParameter {
                        name: name.clone(),
                        value: value.clone(),
                    })
                    .collect(),
            },
            ChallengeKind::MfaSetup { allowed } => {
                return self.mfa_setup_view(profile, challenge, allowed).await;
            }
        };
        Ok((view, None))
    }

    async fn mfa_setup_view(
        &self,
        profile: &Profile,
        challenge: &Challenge,
        allowed: &[String],
    ) -> Result<(ChallengeView, Option<Enrollment>)> {
        // An empty list is how older answers (and moto) offer only TOTP.
        let totp = allowed.is_empty() || allowed.iter().any(|m| m == TOTP_METHOD);
        let email = allowed.iter().any(|m| m == EMAIL_METHOD);
        if !totp && !email {
            return Err(Error::new(
                Code::MfaMethodNotOffered,
                format!(
                    "This user must set up MFA, but the pool offers only: {}. Cognito Desk sets up authenticator apps (TOTP) and email codes.",
                    allowed.join(", ")
                ),
                "Enable Authenticator apps or Email in the user pool's MFA settings, or set up this method elsewhere.",
            ));
        }
        if totp && !email {
            let (view, setup) = self.associate(profile, challenge, allowed).await?;
            return Ok((view, Some(setup)));
        }
        // Email offered (maybe beside the app): the user chooses first.
        let view = ChallengeView::MfaSetup {
            username: challenge.username.clone(),
            allowed: allowed.to_vec(),
            enrollment: None,
        };
        Ok((view, None))
    }

    /// AssociateSoftwareToken on the challenge's session: the enrollment to show.
    async fn associate(
        &self,
        profile: &Profile,
        challenge: &Challenge,
        allowed: &[String],
    ) -> Result<(ChallengeView, Enrollment)> {
        let client = self.shared.clients.user_pool(profile).await;
        let session = &challenge.session;
        let mut enrollment = mfa::associate(
            &client,
            &self.shared.calls,
            profile,
            Auth::Session(session),
            &challenge.username,
        )
        .await?;
        // Carry the newest session; the challenge's own if Associate sent none.
        enrollment.session.get_or_insert_with(|| session.clone());
        let view = ChallengeView::MfaSetup {
            username: challenge.username.clone(),
            allowed: if allowed.is_empty() {
                vec![TOTP_METHOD.to_owned()]
            } else {
                allowed.to_vec()
            },
            enrollment: Some(enrollment.view()?),
        };
        Ok((view, enrollment))
    }
}

/// The factor a password-based first step proves (PASSWORD or PASSWORD_SRP).
fn password_factor(choice: Option<&str>) -> Option<Factor> {
    match choice {
        Some("PASSWORD") => Some(Factor::Password),
        Some("PASSWORD_SRP") => Some(Factor::Srp),
        _ => None,
    }
}
