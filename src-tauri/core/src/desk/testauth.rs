//! The test authenticator's secrets in the keychain: remembered at enrollment when the
//! user asks, a current code on request, forgotten in one action. Every code it answers
//! with is claimed in the ledger first (one answer per user and 30-second step, across
//! processes).

use super::lock;
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::secret::TotpSecret;
use crate::testauth::{self, Clock, CodeFor, Ledger, StepWait, TestCode, UsedStep};
use crate::vault::{Vault, VaultError};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Told when an answer waits for the next step (the CLI says it on stderr).
pub type WaitNotice = Arc<dyn Fn(StepWait) + Send + Sync>;

pub struct TestAuthenticatorService {
    vault: Arc<dyn Vault>,
    ledger: Ledger,
    clock: Arc<dyn Clock>,
    used_step: Mutex<(UsedStep, Option<WaitNotice>)>,
}

impl std::fmt::Debug for TestAuthenticatorService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestAuthenticatorService")
            .field("ledger", &self.ledger)
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

impl TestAuthenticatorService {
    pub(crate) fn new(vault: Arc<dyn Vault>, config_dir: &Path, clock: Arc<dyn Clock>) -> Self {
        Self {
            vault,
            ledger: Ledger::new(config_dir),
            clock,
            used_step: Mutex::new((UsedStep::default(), None)),
        }
    }

    /// What an answer does when this step's code was given out already: wait for the
    /// next one (the default), telling `notice` first, or fail at once.
    pub fn when_step_used(&self, used: UsedStep, notice: Option<WaitNotice>) {
        *lock(&self.used_step) = (used, notice);
    }

    /// A code of `secret` for the user that no earlier answer used
    /// ([`testauth::claim_code`]).
    pub(crate) async fn claim_code(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        secret: &TotpSecret,
    ) -> Result<String> {
        let (used, notice) = lock(&self.used_step).clone();
        let notice = move |wait: StepWait| {
            if let Some(notice) = &notice {
                notice(wait);
            }
        };
        let whose = CodeFor {
            ledger: &self.ledger,
            profile: profile_id,
            user: username,
        };
        testauth::claim_code(secret, whose, self.clock.as_ref(), used, &notice).await
    }

    /// The users of `profile_id` whose secret the keychain holds.
    pub fn users(&self, profile_id: &ProfileId) -> Vec<Username> {
        self.ledger.users_with_secret(profile_id)
    }

    /// Forgets the ledger's records of a removed profile.
    pub(crate) fn forget_profile(&self, profile_id: &ProfileId) -> Result<()> {
        self.ledger.remove_profile(profile_id)
    }

    /// Notes that the user kept under `username` also signs in as `alias`.
    pub(crate) fn add_alias(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        alias: &Username,
    ) -> Result<()> {
        self.ledger.add_alias(profile_id, username, alias)
    }

    /// The name a test secret of `name` is kept under (itself, or the user it is an
    /// alias of).
    pub fn resolve(&self, profile_id: &ProfileId, name: &Username) -> Username {
        self.ledger.resolve(profile_id, name)
    }

    /// Keeps `secret` for `username` of `profile_id` (an enrollment the user marked as
    /// a test account).
    pub(crate) fn remember(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        secret: &TotpSecret,
    ) -> Result<()> {
        self.vault
            .store_totp_secret(profile_id, username, secret)
            .map_err(|e| keychain_error(&e))?;
        self.ledger.set_holds_secret(profile_id, username, true)
    }

    /// Keeps `secret` for the user while `turn_on` (the verification after which Cognito
    /// asks for its codes) runs. Kept before: a keychain that refuses it stops there,
    /// not after MFA is on with a secret nobody holds. When `turn_on` fails the previous
    /// test secret (or none) is put back, since the previous authenticator still counts.
    pub(crate) async fn keep_while<T>(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        secret: &TotpSecret,
        turn_on: impl std::future::Future<Output = Result<T>>,
    ) -> Result<T> {
        let previous = self.stored(profile_id, username)?;
        self.remember(profile_id, username, secret)?;
        let outcome = turn_on.await;
        if outcome.is_err() {
            let _ = match previous {
                Some(old) => self.remember(profile_id, username, &old),
                None => self.forget(profile_id, username).map(drop),
            };
        }
        outcome
    }

    /// The secret kept for this user, if any.
    fn stored(&self, profile_id: &ProfileId, username: &Username) -> Result<Option<TotpSecret>> {
        self.vault
            .load_totp_secret(profile_id, username)
            .map_err(|e| keychain_error(&e))
    }

    /// Whether a secret is kept for this user or a name of it (a keychain that cannot be
    /// read: no).
    pub fn has(&self, profile_id: &ProfileId, username: &Username) -> bool {
        let kept = self.resolve(profile_id, username);
        matches!(self.vault.load_totp_secret(profile_id, &kept), Ok(Some(_)))
    }

    /// The user's current code (by any of its names: the email or Cognito's username).
    pub fn code(&self, profile_id: &ProfileId, username: &Username) -> Result<TestCode> {
        let kept = self.resolve(profile_id, username);
        testauth::code_now(&self.secret(profile_id, &kept)?)
    }

    /// The answer to a SOFTWARE_TOKEN_MFA challenge: a code of the kept secret that is
    /// still valid when it reaches Cognito and that no earlier answer used (under any
    /// of the user's names: they share one record of used steps).
    pub async fn answer_code(&self, profile_id: &ProfileId, username: &Username) -> Result<String> {
        let kept = self.resolve(profile_id, username);
        let secret = self.secret(profile_id, &kept)?;
        self.claim_code(profile_id, &kept, &secret).await
    }

    /// Removes the user's secret from the keychain; whether there was one.
    pub fn forget(&self, profile_id: &ProfileId, username: &Username) -> Result<bool> {
        let had = self
            .vault
            .delete_totp_secret(profile_id, username)
            .map_err(|e| keychain_error(&e))?;
        self.ledger.set_holds_secret(profile_id, username, false)?;
        Ok(had)
    }

    fn secret(&self, profile_id: &ProfileId, username: &Username) -> Result<TotpSecret> {
        self.vault
            .load_totp_secret(profile_id, username)
            .map_err(|e| keychain_error(&e))?
            .ok_or_else(|| no_secret(username))
    }

    /// [`Self::forget`] that says so when there was nothing to forget (a mistyped user
    /// name is not a success).
    pub fn forget_kept(&self, profile_id: &ProfileId, username: &Username) -> Result<()> {
        match self.forget(profile_id, username)? {
            true => Ok(()),
            false => Err(no_secret(username)),
        }
    }
}

fn no_secret(username: &Username) -> Error {
    Error::new(
        Code::NoTestSecret,
        format!("The test authenticator holds no secret for \"{username}\"."),
        "Check the user name, or enroll the authenticator again with “Remember this secret for automated tests” (CLI: mfa enroll --test-authenticator).",
    )
}

fn keychain_error(e: &VaultError) -> Error {
    Error::new(
        Code::KeychainUnavailable,
        format!("The OS keychain is unavailable ({}).", e),
        "Unlock or start the OS keychain (Secret Service), then try again.",
    )
}
