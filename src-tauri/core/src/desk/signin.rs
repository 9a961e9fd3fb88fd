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
        self.advance(progress, step).await
    }

    /// SOFTWARE_TOKEN_MFA: the code from the authenticator app.
    pub async fn answer_totp(&self, code: &str) -> Result<SignInOutcome> {
        let (mut progress, challenge) = self.pending()?;
        progress.factors.push(Factor::AuthenticatorApp);
        let talk = self.conversation(&progress.profile).await?;
        let result = talk.answer_software_token(&challenge, code).await;
        drop(talk);
        self.after_answer(progress, result).await
    }

    /// SMS_MFA, SMS_OTP, EMAIL_OTP: the code Cognito sent.
    pub async fn answer_code(&self, code: &str) -> Result<SignInOutcome> {
        let (mut progress, challenge) = self.pending()?;
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
        self.after_answer(progress, result).await
    }

    /// SELECT_MFA_TYPE: the method the user picked.
    pub async fn select_mfa(&self, method: &str) -> Result<SignInOutcome> {
        let (progress, challenge) = self.pending()?;
        let talk = self.conversation(&progress.profile).await?;
        let result = talk.answer_select_mfa(&challenge, method).await;
        drop(talk);
        self.after_answer(progress, result).await
    }

    /// SELECT_CHALLENGE: the first factor the user picked (with the password for
    /// PASSWORD and PASSWORD_SRP).
    pub async fn select_challenge(
        &self,
        factor: &str,
        password: Password,
    ) -> Result<SignInOutcome> {
        let (mut progress, challenge) = self.pending()?;
        progress.factors.extend(password_factor(Some(factor)));
        let talk = self.conversation(&progress.profile).await?;
        let result = talk
            .answer_select_challenge(&challenge, factor, &password)
            .await;
        drop(talk);
        self.after_answer(progress, result).await
    }

    /// NEW_PASSWORD_REQUIRED: the password that replaces the temporary one, and the
    /// attributes the pool requires.
    pub async fn answer_new_password(
        &self,
        new_password: Password,
        attributes: &[(String, String)],
    ) -> Result<SignInOutcome> {
        let (progress, challenge) = self.pending()?;
        let talk = self.conversation(&progress.profile).await?;
        let result = talk
            .answer_new_password(&challenge, &new_password, attributes)
            .await;
        drop(talk);
        self.after_answer(progress, result).await
    }

    /// CUSTOM_CHALLENGE: the answer to the Lambda's question; Cognito may ask again.
    pub async fn answer_custom(&self, answer: &str) -> Result<SignInOutcome> {
        let (mut progress, challenge) = self.pending()?;
        if progress.factors.last() != Some(&Factor::CustomChallenge) {
            progress.factors.push(Factor::CustomChallenge);
        }
        let talk = self.conversation(&progress.profile).await?;
        let result = talk.answer_custom(&challenge, answer).await;
        drop(talk);
        self.after_answer(progress, result).await
    }

    /// MFA_SETUP with an authenticator: VerifySoftwareToken with the challenge session,
    /// then RespondToAuthChallenge with the session that call returned.
    pub async fn answer_mfa_setup(
        &self,
        code: &str,
        device_name: Option<&str>,
    ) -> Result<SignInOutcome> {
        let (mut progress, challenge) = self.pending()?;
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
        self.after_answer(progress, result).await
    }

    /// MFA_SETUP with email: Cognito sends a code to `email` (an EMAIL_OTP challenge).
    pub async fn answer_mfa_setup_email(&self, email: &str) -> Result<SignInOutcome> {
        let (progress, challenge) = self.pending()?;
        let talk = self.conversation(&progress.profile).await?;
        let result = talk.answer_mfa_setup_email(&challenge, email).await;
        drop(talk);
        self.after_answer(progress, result).await
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

    fn pending(&self) -> Result<(Progress, Challenge)> {
        self.with_pending(|p| (p.progress.clone(), p.challenge.clone()))
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
        result: Result<Step>,
    ) -> Result<SignInOutcome> {
        match result {
            Ok(step) => self.advance(progress, step).await,
            Err(e) => {
                // A wrong code may be retried with the same session; an expired one may
                // not, and a refusal of the whole sign-in ends it.
                if matches!(e.code, Code::SessionExpired | Code::NotAuthorizedException) {
                    self.cancel();
                }
                Err(e)
            }
        }
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
                return Err(e);
            }
        };
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
        let username = challenge.username.clone();
        let (enrollment, view) = if totp {
            let client = self.shared.clients.user_pool(profile).await;
            let session = &challenge.session;
            let mut enrollment = mfa::associate(
                &client,
                &self.shared.calls,
                profile,
                Auth::Session(session),
                &username,
            )
            .await?;
            // Carry the newest session; the challenge's own if Associate sent none.
            enrollment.session.get_or_insert_with(|| session.clone());
            let view = enrollment.view()?;
            (Some(enrollment), Some(view))
        } else {
            (None, None)
        };
        let view = ChallengeView::MfaSetup {
            username,
            allowed: allowed.to_vec(),
            enrollment: view,
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
