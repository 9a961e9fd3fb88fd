//! The token page: header, claims and one pass/fail row per check for the ID and
//! access tokens, and the raw tokens for an explicit copy.

use super::session::SessionService;
use super::Shared;
use crate::dto::{TokenReport, WhichToken};
use crate::error::Result;
use crate::jwt::TokenUse;
use crate::session::now_secs;
use std::sync::Arc;

#[derive(Debug)]
pub struct TokenService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
}

impl TokenService {
    pub(crate) fn new(shared: Arc<Shared>, sessions: Arc<SessionService>) -> Self {
        Self { shared, sessions }
    }

    /// Both tokens, verified against the pool's JWKS now.
    pub async fn report(&self) -> Result<TokenReport> {
        self.report_at(now_secs()).await
    }

    /// [`TokenService::report`] as seen at time `now` (tests check expiry with it).
    pub async fn report_at(&self, now: i64) -> Result<TokenReport> {
        let user = self.sessions.signed_in()?;
        let verifier = &self.shared.verifier;
        let calls = &self.shared.calls;
        Ok(TokenReport {
            id: verifier
                .details(calls, &user.profile, &user.id, TokenUse::Id, now)
                .await?,
            access: verifier
                .details(calls, &user.profile, &user.access, TokenUse::Access, now)
                .await?,
        })
    }

    /// The raw token for the clipboard (an explicit copy in the UI).
    pub fn text(&self, which: WhichToken) -> Result<String> {
        self.sessions.with_session(|s| match which {
            WhichToken::Id => s.tokens.id.expose().to_owned(),
            WhichToken::Access => s.tokens.access.expose().to_owned(),
        })
    }
}
