//! MFA_SETUP during a sign-in: an authenticator app (AssociateSoftwareToken on the
//! challenge's session, VerifySoftwareToken, then RespondToAuthChallenge) or email (the
//! address, then the EMAIL_OTP code that proves it). With both offered nothing is set
//! up before the user picks: AssociateSoftwareToken uses the session up.

use super::lock;
use super::no_enrollment;
use super::signin::SignInService;
use crate::dto::{ChallengeView, SignInOutcome};
use crate::error::{Code, Error, Result};
use crate::mfa::{self, Auth, Enrollment, TOTP_METHOD};
use crate::profile::Profile;
use crate::session::Factor;
use crate::signin::{Challenge, ChallengeKind};

/// MFA_SETUP's email method, as `MFAS_CAN_SETUP` names it.
const EMAIL_METHOD: &str = "EMAIL_OTP";

impl SignInService {
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

    pub(super) async fn mfa_setup_view(
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
