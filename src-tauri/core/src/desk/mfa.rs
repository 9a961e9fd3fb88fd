//! The signed-in user's authenticator app: status, enrollment (Associate → QR →
//! Verify → Preference, in that order only), preferred, off.

use super::epoch::SessionSlot;
use super::session::{SessionService, SignedIn};
use super::{no_enrollment, Shared, TestAuthenticatorService};
use crate::dto::{EnrollmentText, EnrollmentView, MfaStatus};
use crate::error::{Code, Error, Result};
use crate::ids::Username;
use crate::mfa::{self, Auth, Enrollment, TotpSetting};
use std::sync::Arc;

#[derive(Debug)]
pub struct MfaService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    /// The setup in progress; dropped (secret and all) when it ends or the session does.
    enrollment: SessionSlot<Enrollment>,
    /// The last status GetUser gave: an enrollment's result is derived from it instead
    /// of asking GetUser again.
    last_status: SessionSlot<MfaStatus>,
    test_authenticator: Arc<TestAuthenticatorService>,
}

impl MfaService {
    pub(crate) fn new(
        shared: Arc<Shared>,
        sessions: Arc<SessionService>,
        test_authenticator: Arc<TestAuthenticatorService>,
    ) -> Self {
        Self {
            shared,
            sessions,
            enrollment: SessionSlot::default(),
            last_status: SessionSlot::default(),
            test_authenticator,
        }
    }

    pub async fn status(&self) -> Result<MfaStatus> {
        let user = self.sessions.signed_in()?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let status = mfa::status(&client, &self.shared.calls, &user.profile, &user.access).await?;
        Ok(self.keep(&user, status))
    }

    /// Marks a test account and remembers the status for the next enrollment.
    fn keep(&self, user: &SignedIn, mut status: MfaStatus) -> MfaStatus {
        status.test_account = self
            .test_authenticator
            .has(&user.profile.id, &user.username);
        self.last_status.set(user.epoch, status.clone());
        status
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
    /// preferred): two requests. A wrong code keeps the enrollment for another try.
    /// With `remember_for_tests` the secret goes to the keychain for the test
    /// authenticator first; a keychain that refuses it ends the call before Cognito
    /// is asked (the enrollment stays, to retry without the box).
    pub async fn verify_totp_enrollment(
        &self,
        code: &str,
        device_name: Option<&str>,
        remember_for_tests: bool,
    ) -> Result<MfaStatus> {
        let user = self.sessions.signed_in()?;
        let secret = self
            .enrollment
            .with(user.epoch, |e| e.secret().clone())
            .ok_or_else(no_enrollment)?;
        let (profile_id, username) = (&user.profile.id, &user.username);
        let tests = &self.test_authenticator;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let calls = &self.shared.calls;
        // Boxed: the SDK call's future is large, and waits inside keep_while's.
        let verify = Box::pin(mfa::verify(
            &client,
            calls,
            &user.profile,
            Auth::AccessToken(&user.access),
            code,
            device_name,
        ));
        let proof = if remember_for_tests {
            tests
                .keep_while(profile_id, username, &secret, verify)
                .await?
        } else {
            verify.await?
        };
        self.enrollment.clear();
        if remember_for_tests && user.account != user.username.as_str() {
            // A challenge may name the user by the email they sign in with. Cognito has
            // taken the authenticator already: a ledger that cannot note the alias
            // costs a later lookup under the email, not this enrollment.
            let _ = tests.add_alias(profile_id, username, &Username::new(&user.account));
        }
        if !remember_for_tests {
            // A test secret of an earlier enrollment makes no valid code any more.
            let _ = tests.forget(profile_id, username);
        }
        mfa::enable(&client, calls, &user.profile, &user.access, proof).await?;
        let status = match self.last_status.get(user.epoch) {
            Some(before) => mfa::with_totp_preferred(before),
            None => mfa::status(&client, calls, &user.profile, &user.access).await?,
        };
        Ok(self.keep(&user, status))
    }

    /// The whole enrollment for a test account, with no person in the loop: Associate,
    /// a code computed from the secret, Verify, Preference; the secret is kept for
    /// the test authenticator.
    pub async fn enroll_test_authenticator(&self, device_name: Option<&str>) -> Result<MfaStatus> {
        self.begin_totp_enrollment().await?;
        let user = self.sessions.signed_in()?;
        let secret = self
            .enrollment
            .with(user.epoch, |e| e.secret().clone())
            .ok_or_else(no_enrollment)?;
        let code = self
            .test_authenticator
            .claim_code(&user.profile.id, &user.username, &secret)
            .await?;
        self.verify_totp_enrollment(&code, device_name, true).await
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
        let status = mfa::status(&client, calls, profile, access).await?;
        Ok(self.keep(&user, status))
    }

    /// The signed-in user's current test code (a test account only).
    pub fn test_code(&self) -> Result<crate::testauth::TestCode> {
        let user = self.sessions.signed_in()?;
        self.test_authenticator
            .code(&user.profile.id, &user.username)
    }

    /// Forgets the signed-in user's test secret: the account is no longer a test account.
    pub fn forget_test_secret(&self) -> Result<MfaStatus> {
        let user = self.sessions.signed_in()?;
        self.test_authenticator
            .forget(&user.profile.id, &user.username)?;
        let before = self.last_status.get(user.epoch).unwrap_or_default();
        Ok(self.keep(&user, before))
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
