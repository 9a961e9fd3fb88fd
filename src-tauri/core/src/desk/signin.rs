//! The sign-in in progress: the first step (SRP, password, or choice-based), then each
//! challenge Cognito returns until tokens arrive. One answer method per challenge kind;
//! each records what it proved, so the session can say "SRP + authenticator app".

use super::devices::{login_key, DeviceService};
use super::passkeys::PasskeyService;
use super::session::SessionService;
use super::{lock, Shared};
use crate::device::RememberedDevice;
use crate::dto::{ChallengeParameter, ChallengeView, EnrollmentText, SignInOutcome};
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::mfa::{self, Enrollment};
use crate::profile::{Profile, SignInFlow};
use crate::secret::Password;
use crate::session::{now_secs, DeviceStatus, Factor, Session, ThisDevice};
use crate::signin::{Challenge, ChallengeKind, Conversation, DeliveredCode, Step, Tokens};
use std::sync::{Arc, Mutex};

/// What a sign-in has proved so far, and what it belongs to.
#[derive(Debug, Clone)]
pub(super) struct Progress {
    pub(super) profile: Profile,
    pub(super) factors: Vec<Factor>,
    /// The session epoch when the sign-in began: a session begun elsewhere since
    /// (managed login, a restore) makes this sign-in stale.
    pub(super) epoch: u64,
    /// When the current step began (the challenge clock).
    pub(super) started_at: i64,
    /// The sign-in name as typed: this computer's device is kept under it.
    pub(super) login: Username,
    /// This computer as the user's remembered device, when the keychain has one.
    pub(super) device: Option<RememberedDevice>,
    /// The kept device was unknown to the pool and forgotten here at this sign-in.
    pub(super) stale_device_forgotten: bool,
}

/// A challenge waiting for the user's answer.
#[derive(Debug)]
pub(super) struct Pending {
    pub(super) progress: Progress,
    pub(super) challenge: Challenge,
    /// MFA_SETUP: the authenticator being set up (its secret leaves memory with it).
    pub(super) setup: Option<Enrollment>,
}

#[derive(Debug)]
pub struct SignInService {
    pub(super) shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    devices: Arc<DeviceService>,
    pub(super) passkeys: Arc<PasskeyService>,
    pub(super) pending: Mutex<Option<Pending>>,
}

impl SignInService {
    pub(crate) fn new(
        shared: Arc<Shared>,
        sessions: Arc<SessionService>,
        devices: Arc<DeviceService>,
        passkeys: Arc<PasskeyService>,
    ) -> Self {
        Self {
            shared,
            sessions,
            devices,
            passkeys,
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
        let login = login_key(username);
        let device = self.devices.remembered(&profile.id, &login);
        let progress = Progress {
            epoch: self.sessions.epoch(),
            started_at: now_secs(),
            factors: Vec::new(),
            profile,
            login,
            device,
            stale_device_forgotten: false,
        };
        match self
            .first_step(progress.clone(), username, &password, preferred)
            .await
        {
            // The pool no longer knows the device kept here (an administrator or another
            // computer forgot it): forget it here too and sign in without it, once.
            Err(e) if e.code == Code::DeviceUnknown && progress.device.is_some() => {
                self.devices
                    .forget_here(&progress.profile.id, &progress.login);
                let progress = Progress {
                    device: None,
                    stale_device_forgotten: true,
                    ..progress
                };
                self.first_step(progress, username, &password, preferred)
                    .await
            }
            other => other,
        }
    }

    /// The profile's first request, then on to tokens or the first challenge.
    async fn first_step(
        &self,
        mut progress: Progress,
        username: &Username,
        password: &Password,
        preferred: Option<&str>,
    ) -> Result<SignInOutcome> {
        let profile = progress.profile.clone();
        let talk = self
            .conversation(&profile)
            .await?
            .with_device(progress.device.clone());
        let user = username.as_str();
        let step = match progress.profile.settings.sign_in_flow {
            SignInFlow::Srp => {
                progress.factors.push(Factor::Srp);
                talk.start_srp(user, password).await
            }
            SignInFlow::Password => {
                progress.factors.push(Factor::Password);
                talk.start_password(user, password).await
            }
            SignInFlow::UserAuth => {
                let preferred = preferred
                    .or(progress.profile.settings.preferred_challenge.as_deref())
                    .filter(|p| !p.is_empty());
                progress.factors.extend(password_factor(preferred));
                talk.start_user_auth(user, preferred, password).await
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
        let talk = self.conversation_for(&progress).await?;
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
        let talk = self.conversation_for(&progress).await?;
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
        let talk = self.conversation_for(&progress).await?;
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
        let talk = self.conversation_for(&progress).await?;
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
        let talk = self.conversation_for(&progress).await?;
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
        let talk = self.conversation_for(&progress).await?;
        let result = talk.answer_custom(&challenge, answer).await.map_err(|e| {
            if matches!(e.code, Code::NotAuthorizedException | Code::OperationRefused) {
                // Cognito words a failed custom sign-in as a wrong password (or, from
                // some triggers, as another refusal).
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

    /// Drops the sign-in in progress (and an authenticator secret it held).
    pub fn cancel(&self) {
        *lock(&self.pending) = None;
    }

    /// The profile and the user (as Cognito named them) of the pending challenge.
    pub fn pending_user(&self) -> Result<(ProfileId, Username)> {
        let (progress, challenge, _) = self.pending()?;
        Ok((progress.profile.id, Username::new(challenge.username)))
    }

    /// The pending sign-in's user under both names a test secret may be kept under:
    /// Cognito's USERNAME (a UUID in a pool that signs in by email), then the name as
    /// typed (what a session enrolled with password sign-in knows the user by).
    pub fn pending_names(&self) -> Result<(ProfileId, Vec<Username>)> {
        let (progress, challenge, _) = self.pending()?;
        let cognito = Username::new(challenge.username);
        let mut names = vec![cognito.clone()];
        if progress.login != cognito {
            names.push(progress.login.clone());
        }
        Ok((progress.profile.id, names))
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

    /// The conversation of a sign-in in progress: with this computer's device, if any.
    pub(super) async fn conversation_for<'a>(
        &'a self,
        progress: &'a Progress,
    ) -> Result<Conversation<'a>> {
        Ok(self
            .conversation(&progress.profile)
            .await?
            .with_device(progress.device.clone()))
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
    pub(super) fn pending(&self) -> Result<(Progress, Challenge, u64)> {
        self.with_pending(|p| (p.progress.clone(), p.challenge.clone()))
            .map(|(progress, challenge)| (progress, challenge, self.shared.calls.mark()))
            .ok_or_else(Error::no_pending_challenge)
    }

    /// Runs `f` on the pending sign-in; one that a session begun since made stale is
    /// dropped (with any authenticator secret it held).
    pub(super) fn with_pending<R>(&self, f: impl FnOnce(&Pending) -> R) -> Option<R> {
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

    pub(super) async fn after_answer(
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
        // A request went out if the log moved past the mark (no records copied to know).
        let sent = self.shared.calls.mark() != mark;
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

    async fn advance(&self, mut progress: Progress, step: Step) -> Result<SignInOutcome> {
        let mut step = step;
        // DEVICE_SRP_AUTH is this computer's to answer, not the user's: answered here,
        // then on to whatever follows (tokens, or MFA if the pool still asks).
        while let Step::Challenge(Challenge {
            kind: ChallengeKind::DeviceSrpAuth,
            ..
        }) = &step
        {
            let Step::Challenge(challenge) = step else {
                break;
            };
            let talk = self.conversation_for(&progress).await?;
            let answered = talk.answer_device(&challenge).await;
            drop(talk);
            step = match answered {
                Ok(next) => next,
                Err(e) => {
                    self.cancel();
                    return Err(e.ending_sign_in());
                }
            };
            progress.factors.push(Factor::ThisComputer);
        }
        let challenge = match step {
            Step::SignedIn(tokens) => return self.signed_in(progress, tokens).await,
            Step::Challenge(challenge) => challenge,
        };
        let (view, setup) = match self.view_of(&progress, &challenge).await {
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

    /// Tokens: the session begins. A new device Cognito named is confirmed first (its
    /// failure is the device's state, never the sign-in's).
    async fn signed_in(&self, progress: Progress, tokens: Tokens) -> Result<SignInOutcome> {
        self.cancel();
        let new_device = tokens.new_device.clone();
        let access = tokens.access.clone();
        let mut session = Session::new(&progress.profile, tokens)?;
        session.factors = progress.factors;
        session.stale_device_forgotten = progress.stale_device_forgotten;
        match (new_device, progress.device) {
            (Some(new), _) => {
                let device = self
                    .devices
                    .confirm(&progress.profile, &progress.login, &access, new)
                    .await;
                session.device_login = Some(progress.login);
                session.device = Some(device);
            }
            (None, Some(kept)) => {
                session.device = Some(ThisDevice {
                    key: kept.key,
                    name: String::new(),
                    // Proved, and no MFA code asked after it: the pool remembers this
                    // computer. Otherwise only that it is a device of the user.
                    status: if skipped_mfa(&session.factors) {
                        DeviceStatus::Remembered
                    } else {
                        DeviceStatus::Known
                    },
                });
                session.device_login = Some(progress.login);
            }
            (None, None) => {}
        }
        let (view, _) = self.sessions.begin(session);
        Ok(SignInOutcome::SignedIn { session: view })
    }

    /// What the window shows for `challenge`; for MFA_SETUP with an authenticator
    /// offered, the enrollment begins here (AssociateSoftwareToken on the session).
    async fn view_of(
        &self,
        progress: &Progress,
        challenge: &Challenge,
    ) -> Result<(ChallengeView, Option<Enrollment>)> {
        let profile = &progress.profile;
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
            ChallengeKind::WebAuthn { request_options } => {
                let options = crate::passkey::RequestOptions::parse(request_options)?;
                // Kept under the name Cognito gives, or the sign-in name as typed (the
                // same two the answer looks under).
                let named = Username::new(username.as_str());
                let test_passkey = self.passkeys.has(&profile.id, &named)
                    || self.passkeys.has(&profile.id, &progress.login);
                ChallengeView::WebAuthn {
                    username,
                    relying_party_id: options.rp_id().to_owned(),
                    user_verification_required: options.user_verification()
                        == passkey_types::webauthn::UserVerificationRequirement::Required,
                    test_passkey,
                }
            }
            // Answered in `advance` before anything is shown.
            ChallengeKind::DeviceSrpAuth => {
                return Err(crate::signin::unsupported_error("DEVICE_SRP_AUTH"))
            }
        };
        Ok((view, None))
    }
}

/// This computer proved itself and Cognito asked no MFA code after it.
fn skipped_mfa(factors: &[Factor]) -> bool {
    factors.contains(&Factor::ThisComputer)
        && !factors.iter().any(|f| {
            matches!(
                f,
                Factor::AuthenticatorApp | Factor::SmsCode | Factor::EmailCode
            )
        })
}

/// The factor a password-based first step proves (PASSWORD or PASSWORD_SRP).
fn password_factor(choice: Option<&str>) -> Option<Factor> {
    match choice {
        Some("PASSWORD") => Some(Factor::Password),
        Some("PASSWORD_SRP") => Some(Factor::Srp),
        _ => None,
    }
}
