//! Refreshing the session, with app clients that rotate refresh tokens in mind.
//!
//! - One refresh at a time in a process: the timer and "Refresh now" would otherwise
//!   both send the same token, and with rotation the second one is refused.
//! - A rotated refresh token goes to the keychain before the session here uses it, so a
//!   crash after Cognito's answer loses at most what the grace period covers.
//! - The window and the CLI share one keychain entry. When Cognito refuses the token a
//!   process holds (RefreshTokenReuseException, or revoked once the grace period is
//!   over) and the keychain holds another one, another process has rotated it: that
//!   newer token is used instead of ending the session.

use super::{lock, not_signed_in, Backoff, SessionService, REFRESH_AHEAD_SECS};
use crate::dto::{KeychainProblem, KeychainState, SessionView};
use crate::error::{Code, Error, Result};
use crate::hosted::oauth::HostedConfig;
use crate::ids::{ProfileId, Username};
use crate::profile::Profile;
use crate::secret::{masked_preview, RefreshToken};
use crate::session::{now_secs, RefreshReport, Rotation, SignInMethod};
use crate::signin::{Conversation, RefreshPath, Refreshed};
use std::sync::atomic::Ordering;

/// A refresh that went through: the tokens, the report, and the refresh token in use
/// from now on (`tokens.refresh` is set to it).
pub(super) struct Done {
    pub tokens: crate::signin::Tokens,
    pub report: RefreshReport,
    /// Whether the keychain holds the token in use (a rotated one that could not be
    /// written leaves the old one there).
    pub keychain: Option<KeychainState>,
}

impl SessionService {
    /// New tokens now ("Refresh now", and the timer).
    pub async fn refresh(&self) -> Result<SessionView> {
        let _one_at_a_time = self.refreshing.lock().await;
        let (profile_id, held, method, username, kept, device_key) = {
            let current = lock(&self.current);
            let s = current.as_ref().ok_or_else(not_signed_in)?;
            (
                s.profile_id.clone(),
                s.tokens.refresh.clone(),
                s.method,
                s.username(),
                s.keychain.stored,
                s.device_key().map(str::to_owned),
            )
        };
        let held = held.ok_or_else(|| {
            Error::new(
                Code::RefreshFailed,
                "This session has no refresh token.",
                "Sign in again with your password.",
            )
        })?;
        let profile = self.shared.profiles.get(&profile_id)?;
        let done = self
            .refresh_kept(
                &profile,
                method,
                held,
                &username,
                device_key.as_deref(),
                kept,
            )
            .await
            .map_err(|(e, _)| e)?;
        let view = {
            let mut current = lock(&self.current);
            let s = current.as_mut().ok_or_else(not_signed_in)?;
            s.refreshed(done.tokens, done.report)?;
            if let Some(keychain) = done.keychain {
                s.keychain = keychain;
            }
            s.view()
        };
        // Any success (the timer's or "Refresh now") starts the retry pace over.
        *lock(&self.backoff) = Backoff::default();
        Ok(view)
    }

    /// Refreshes with `held`. With `consult_keychain` (the session is kept there), a
    /// refusal first looks for a newer token another process kept for the user, and a
    /// rotated token is written to the keychain before this returns. On failure, also
    /// the last token tried.
    pub(super) async fn refresh_kept(
        &self,
        profile: &Profile,
        method: SignInMethod,
        held: RefreshToken,
        username: &Username,
        device_key: Option<&str>,
        consult_keychain: bool,
    ) -> std::result::Result<Done, (Error, RefreshToken)> {
        let refresh = |token| self.refresh_tokens(profile, method, token, username, device_key);
        let (refreshed, used, took_newer) = match refresh(&held).await {
            Ok(refreshed) => (refreshed, held, false),
            Err(e) if consult_keychain && refused(&e) => {
                match self.vault.load(&profile.id, username) {
                    Ok(Some(newer)) if newer != held => match refresh(&newer).await {
                        Ok(refreshed) => (refreshed, newer, true),
                        Err(e) => return Err((e, newer)),
                    },
                    _ => return Err((e, held)),
                }
            }
            Err(e) => return Err((e, held)),
        };
        let Refreshed { mut tokens, path } = refreshed;
        let rotated = tokens.refresh.clone();
        let keychain = match &rotated {
            // The keychain first: nothing uses the new token before it is kept. A
            // session that lives in memory only stays so (sessions.json does not name it).
            Some(new) if self.keeping.load(Ordering::Relaxed) && consult_keychain => {
                Some(self.keep_rotated(&profile.id, username, new))
            }
            _ => None,
        };
        let report = RefreshReport {
            at: now_secs(),
            path,
            rotated: rotated.as_ref().map(|new| Rotation {
                old: masked_preview(used.expose()),
                new: masked_preview(new.expose()),
            }),
            took_newer_from_keychain: took_newer,
        };
        tokens.refresh = Some(rotated.unwrap_or(used));
        Ok(Done {
            tokens,
            report,
            keychain,
        })
    }

    /// Keeps a rotated refresh token in the keychain in place of the old one. When the
    /// keychain cannot take it, the session goes on in memory and says that the next
    /// start will ask for a sign-in (the old entry left behind is refused then).
    fn keep_rotated(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        new: &RefreshToken,
    ) -> KeychainState {
        match self.vault.store(profile_id, username, new) {
            Ok(()) => KeychainState {
                stored: true,
                problem: None,
            },
            Err(trouble) => KeychainState {
                stored: false,
                problem: Some(KeychainProblem::RotatedNotKept { trouble }),
            },
        }
    }

    /// New tokens for a refresh token: GetTokensFromRefreshToken for a password
    /// session (signin/refresh.rs), the token endpoint's refresh_token grant for a
    /// managed-login one (it keeps the scopes granted at sign-in).
    async fn refresh_tokens(
        &self,
        profile: &Profile,
        method: SignInMethod,
        refresh: &RefreshToken,
        username: &Username,
        device_key: Option<&str>,
    ) -> Result<Refreshed> {
        let app = self.shared.profiles.app_client(profile)?;
        if method == SignInMethod::ManagedLogin {
            // No quiet switch to the API's refresh: its tokens carry scopes the user
            // may have left out of the managed login on purpose.
            let config = HostedConfig::from_profile(profile)?.with_app_client(&app);
            let mut tokens = crate::hosted::oauth::refresh(
                &config,
                self.shared.http.get(),
                &self.shared.calls,
                refresh,
            )
            .await?;
            tokens.refresh = tokens.refresh.filter(|new| new != refresh);
            return Ok(Refreshed {
                tokens,
                path: RefreshPath::TokenEndpoint,
            });
        }
        let client = self.shared.clients.user_pool(profile).await;
        Conversation::new(client, &self.shared.calls, profile, app)
            .refresh(refresh, username.as_str(), device_key)
            .await
    }

    /// The timer's step: refreshes when the first token expires within
    /// [`REFRESH_AHEAD_SECS`] of `now`. A revoked session ends here; after another
    /// failure (offline, throttled) the next try waits ([`Backoff`]).
    pub async fn refresh_if_due(&self, now: i64) -> Result<Option<SessionView>> {
        let due = lock(&self.current)
            .as_ref()
            .is_some_and(|s| s.expires_at().saturating_sub(now) <= REFRESH_AHEAD_SECS);
        if !due || now < lock(&self.backoff).next_try {
            return Ok(None);
        }
        match self.refresh().await {
            Ok(view) => Ok(Some(view)),
            Err(e) if ends_session(&e) => {
                self.end_locally();
                Err(e)
            }
            Err(e) => {
                lock(&self.backoff).failed(now);
                Err(e)
            }
        }
    }
}

/// Cognito refused the token itself (not the network, not the client's settings).
fn refused(e: &Error) -> bool {
    matches!(
        e.code,
        Code::SessionRevoked | Code::RefreshTokenReuseException
    )
}

/// A refusal that no retry can mend: the session ends.
pub(super) fn ends_session(e: &Error) -> bool {
    refused(e)
}
