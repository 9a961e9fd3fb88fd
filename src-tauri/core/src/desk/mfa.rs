//! The signed-in user's authenticator app: status, enrollment (Associate → QR →
//! Verify → Preference, in that order only), preferred, off.

use super::epoch::SessionSlot;
use super::session::SessionService;
use super::{no_enrollment, Shared};
use crate::dto::{EnrollmentText, EnrollmentView, MfaStatus};
use crate::error::{Code, Error, Result};
use crate::mfa::{self, Auth, Enrollment, TotpSetting};
use std::sync::Arc;

#[derive(Debug)]
pub struct MfaService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    /// The setup in progress; dropped (secret and all) when it ends or the session does.
    enrollment: SessionSlot<Enrollment>,
}

impl MfaService {
    pub(crate) fn new(shared: Arc<Shared>, sessions: Arc<SessionService>) -> Self {
        Self {
            shared,
            sessions,
            enrollment: SessionSlot::default(),
        }
    }

    pub async fn status(&self) -> Result<MfaStatus> {
        let user = self.sessions.signed_in()?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        mfa::status(&client, &self.shared.calls, &user.profile, &user.access).await
    }

    /// AssociateSoftwareToken: the secret, its otpauth URI and QR code.
    pub async fn begin_totp_enrollment(&self) -> Result<EnrollmentView> {
        let user = self.sessions.signed_in()?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let enrollment = mfa::associate(
            &client,
            &self.shared.calls,
            &user.profile,
            Auth::AccessToken(&user.access),
            &user.account,
        )
        .await?;
        let view = enrollment.view()?;
        self.enrollment.set(user.epoch, enrollment);
        Ok(view)
    }

    /// VerifySoftwareToken, and only after SUCCESS SetUserMFAPreference (enabled +
    /// preferred). A wrong code keeps the enrollment for another try.
    pub async fn verify_totp_enrollment(
        &self,
        code: &str,
        device_name: Option<&str>,
    ) -> Result<MfaStatus> {
        let user = self.sessions.signed_in()?;
        if !self.enrollment.is_current(user.epoch) {
            return Err(no_enrollment());
        }
        let client = self.shared.clients.user_pool(&user.profile).await;
        let calls = &self.shared.calls;
        let proof = mfa::verify(
            &client,
            calls,
            &user.profile,
            Auth::AccessToken(&user.access),
            code,
            device_name,
        )
        .await?;
        self.enrollment.clear();
        mfa::enable(&client, calls, &user.profile, &user.access, proof).await?;
        mfa::status(&client, calls, &user.profile, &user.access).await
    }

    pub fn cancel_totp_enrollment(&self) {
        self.enrollment.clear();
    }

    /// Turns TOTP off, or (for a user whose authenticator GetUser reports as verified)
    /// on and preferred or not.
    pub async fn set_totp_preference(&self, enabled: bool, preferred: bool) -> Result<MfaStatus> {
        let user = self.sessions.signed_in()?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let calls = &self.shared.calls;
        let (profile, access) = (&user.profile, &user.access);
        if enabled {
            let (_, proof) = mfa::status_with_proof(&client, calls, profile, access).await?;
            let proof = proof.ok_or_else(|| {
                Error::new(
                    Code::TotpNotVerified,
                    "TOTP cannot be turned on before the authenticator app is verified.",
                    "Set up the authenticator app and enter a code from it first; Cognito Desk turns TOTP on after that.",
                )
            })?;
            let setting = TotpSetting::On {
                preferred,
                proof: &proof,
            };
            mfa::set_preference(&client, calls, profile, access, setting).await?;
        } else {
            mfa::set_preference(&client, calls, profile, access, TotpSetting::Off).await?;
        }
        mfa::status(&client, calls, profile, access).await
    }

    pub(crate) fn has_enrollment(&self) -> bool {
        self.enrollment.is_current(self.sessions.epoch())
    }

    pub(crate) fn enrollment_text(&self, what: EnrollmentText) -> Result<String> {
        self.enrollment
            .with(self.sessions.epoch(), |e| mfa::enrollment_text(e, what))
            .unwrap_or_else(|| Err(no_enrollment()))
    }
}
