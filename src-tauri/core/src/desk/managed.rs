//! Managed login as the window drives it: begin (browser about to open), finish (the
//! redirect arrived and the tokens are verified), cancel, and the tester's report.

use super::epoch::SessionSlot;
use super::session::SessionService;
use super::{lock, Shared};
use crate::dto::{ManagedLoginReport, ManagedLoginStart, SignInOutcome};
use crate::error::{Code, Error, Result};
use crate::hosted;
use crate::ids::ProfileId;
use crate::session::{now_secs, Session, SignInMethod};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// After cancelling a waiting login, its listener may hold the port a moment longer.
const PORT_RELEASE_WAIT: Duration = Duration::from_millis(300);

#[derive(Debug)]
pub struct ManagedLoginService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    /// The managed login waiting for its redirect.
    attempt: Mutex<Option<hosted::Attempt>>,
    /// The switch that stops a waiting login or sign-out page.
    cancel: Mutex<Option<watch::Sender<bool>>>,
    /// What the managed login of this session did (the tester's view).
    report: SessionSlot<ManagedLoginReport>,
}

impl ManagedLoginService {
    pub(crate) fn new(shared: Arc<Shared>, sessions: Arc<SessionService>) -> Self {
        Self {
            shared,
            sessions,
            attempt: Mutex::new(None),
            cancel: Mutex::new(None),
            report: SessionSlot::default(),
        }
    }

    /// Binds the redirect port and checks the authorization request with the domain;
    /// the caller then opens [`ManagedLoginStart::authorize_url`] in the browser.
    pub async fn begin(&self, profile_id: &ProfileId) -> Result<ManagedLoginStart> {
        self.begin_within(profile_id, hosted::WAIT_TIMEOUT).await
    }

    /// [`ManagedLoginService::begin`] with its own wait limit (tests use seconds).
    pub async fn begin_within(
        &self,
        profile_id: &ProfileId,
        timeout: Duration,
    ) -> Result<ManagedLoginStart> {
        // Stops a waiting login or a sign-out page still listening on the port.
        self.cancel();
        let profile = self.shared.profiles.get(profile_id)?;
        let app = self.shared.profiles.app_client(&profile)?;
        let (cancel_tx, cancel_rx) = watch::channel(false);
        let (http, calls) = (self.shared.http.get(), &self.shared.calls);
        let begin = |cancel_rx| hosted::begin(&profile, &app, http, calls, timeout, cancel_rx);
        let attempt = match begin(cancel_rx.clone()).await {
            // A listener just cancelled may take a moment to let go of the port.
            Err(e) if e.code == Code::RedirectPortInUse => {
                tokio::time::sleep(PORT_RELEASE_WAIT).await;
                begin(cancel_rx).await?
            }
            other => other?,
        };
        let view = attempt.start_view();
        *lock(&self.cancel) = Some(cancel_tx);
        *lock(&self.attempt) = Some(attempt);
        Ok(view)
    }

    /// After a sign-out that opened the domain's `/logout`: the listener that shows
    /// "Signed out" when the browser comes back. A new managed login stops it.
    pub async fn logout_return(&self, logout_url: &str) -> Result<hosted::LogoutReturn> {
        self.cancel();
        let (cancel_tx, cancel_rx) = watch::channel(false);
        let back = hosted::LogoutReturn::bind(logout_url, cancel_rx).await?;
        *lock(&self.cancel) = Some(cancel_tx);
        Ok(back)
    }

    /// Waits for the browser's redirect, exchanges the code and starts the session like
    /// a password sign-in: keychain, refresh, every page.
    pub async fn finish(&self) -> Result<SignInOutcome> {
        let attempt = lock(&self.attempt).take().ok_or_else(|| {
            Error::new(
                Code::NoManagedLogin,
                "No managed login is waiting for the browser.",
                "Start managed login again.",
            )
        })?;
        let profile = attempt.profile.clone();
        let completed = attempt
            .complete(
                self.shared.http.get(),
                &self.shared.calls,
                &self.shared.verifier,
                now_secs,
            )
            .await?;
        let mut session = Session::new(&profile, completed.tokens)?;
        session.method = SignInMethod::ManagedLogin;
        session.factors = SignInMethod::ManagedLogin.default_factors();
        let (view, epoch) = self.sessions.begin(session);
        self.report.set(epoch, completed.report);
        Ok(SignInOutcome::SignedIn { session: view })
    }

    /// Stops a waiting managed login or sign-out page (its listener closes); true if
    /// one was waiting.
    pub fn cancel(&self) -> bool {
        let waiting = lock(&self.attempt).take().is_some();
        let signalled = lock(&self.cancel)
            .take()
            .is_some_and(|tx| tx.send(true).is_ok());
        waiting || signalled
    }

    /// The tester's report of this session's managed login (none for another sign-in).
    pub fn report(&self) -> Option<ManagedLoginReport> {
        self.report.get(self.sessions.epoch())
    }
}
