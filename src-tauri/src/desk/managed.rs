//! Managed login as the window drives it: begin (browser about to open), finish (the
//! redirect arrived and the tokens are verified), cancel, and the tester's report.

use super::{lock, Desk};
use crate::dto::{ManagedLoginReport, ManagedLoginStart, SignInOutcome};
use crate::error::{Error, Result};
use crate::hosted;
use crate::session::{now_secs, Session, SignInMethod};
use std::time::Duration;
use tokio::sync::watch;

/// After cancelling a waiting login, its listener may hold the port a moment longer.
const PORT_RELEASE_WAIT: Duration = Duration::from_millis(300);

impl Desk {
    /// Binds the redirect port and checks the authorization request with the domain;
    /// the caller then opens [`ManagedLoginStart::authorize_url`] in the browser.
    pub async fn begin_managed_login(&self, profile_id: &str) -> Result<ManagedLoginStart> {
        self.begin_managed_login_within(profile_id, hosted::WAIT_TIMEOUT)
            .await
    }

    /// [`Desk::begin_managed_login`] with its own wait limit (tests use seconds).
    pub async fn begin_managed_login_within(
        &self,
        profile_id: &str,
        timeout: Duration,
    ) -> Result<ManagedLoginStart> {
        // Stops a waiting login or a sign-out page still listening on the port.
        self.cancel_managed_login();
        let profile = self.profile(profile_id)?;
        let (cancel_tx, cancel_rx) = watch::channel(false);
        let attempt = match hosted::begin(&profile, &self.http, timeout, cancel_rx.clone()).await {
            // A listener just cancelled may take a moment to let go of the port.
            Err(e) if e.code == "RedirectPortInUse" => {
                tokio::time::sleep(PORT_RELEASE_WAIT).await;
                hosted::begin(&profile, &self.http, timeout, cancel_rx).await?
            }
            other => other?,
        };
        let view = attempt.start_view();
        *lock(&self.managed_cancel) = Some(cancel_tx);
        *lock(&self.managed) = Some(attempt);
        Ok(view)
    }

    /// After a sign-out that opened the domain's `/logout`: the listener that shows
    /// "Signed out" when the browser comes back. A new managed login stops it.
    pub async fn logout_return(&self, logout_url: &str) -> Result<hosted::LogoutReturn> {
        self.cancel_managed_login();
        let (cancel_tx, cancel_rx) = watch::channel(false);
        let back = hosted::LogoutReturn::bind(logout_url, cancel_rx).await?;
        *lock(&self.managed_cancel) = Some(cancel_tx);
        Ok(back)
    }

    /// Waits for the browser's redirect, exchanges the code and starts the session like
    /// a password sign-in: keychain, refresh, every page.
    pub async fn finish_managed_login(&self) -> Result<SignInOutcome> {
        let attempt = lock(&self.managed).take().ok_or_else(|| {
            Error::new(
                "NoManagedLogin",
                "No managed login is waiting for the browser.",
                "Start managed login again.",
            )
        })?;
        let profile = attempt.profile.clone();
        let completed = attempt
            .complete(&self.http, &self.calls, &self.verifier, now_secs)
            .await?;
        self.cancel_sign_in();
        let mut session = Session::new(&profile, completed.tokens)?;
        session.method = SignInMethod::ManagedLogin;
        session.keychain = self.keep_refresh_token(&session);
        let view = session.view();
        self.begin_session(session);
        *lock(&self.managed_report) = Some(completed.report);
        Ok(SignInOutcome::SignedIn { session: view })
    }

    /// Stops a waiting managed login or sign-out page (its listener closes); true if
    /// one was waiting.
    pub fn cancel_managed_login(&self) -> bool {
        let waiting = lock(&self.managed).take().is_some();
        let signalled = lock(&self.managed_cancel)
            .take()
            .is_some_and(|tx| tx.send(true).is_ok());
        waiting || signalled
    }

    pub fn managed_login_report(&self) -> Option<ManagedLoginReport> {
        lock(&self.managed_report).clone()
    }

    /// Makes `session` the current one. A new sign-in (maybe another user) never
    /// inherits AWS credentials or the previous managed login's report.
    pub(super) fn begin_session(&self, session: Session) {
        *lock(&self.aws) = None;
        *lock(&self.managed_report) = None;
        *lock(&self.session) = Some(session);
    }
}
