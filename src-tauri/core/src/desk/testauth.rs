//! The test authenticator's secrets in the keychain: remembered at enrollment when the
//! user asks, a current code on request, forgotten in one action.

use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::secret::TotpSecret;
use crate::testauth::{self, TestCode};
use crate::vault::{Vault, VaultError};
use std::sync::Arc;

#[derive(Debug)]
pub struct TestAuthenticatorService {
    vault: Arc<dyn Vault>,
}

impl TestAuthenticatorService {
    pub(crate) fn new(vault: Arc<dyn Vault>) -> Self {
        Self { vault }
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
            .map_err(|e| keychain_error(&e))
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

    /// Whether a secret is kept for this user (a keychain that cannot be read: no).
    pub fn has(&self, profile_id: &ProfileId, username: &Username) -> bool {
        matches!(
            self.vault.load_totp_secret(profile_id, username),
            Ok(Some(_))
        )
    }

    /// The user's current code.
    pub fn code(&self, profile_id: &ProfileId, username: &Username) -> Result<TestCode> {
        testauth::code_now(&self.secret(profile_id, username)?)
    }

    /// A code that is still valid when it reaches Cognito ([`testauth::fresh_code`]).
    pub async fn fresh_code(&self, profile_id: &ProfileId, username: &Username) -> Result<String> {
        testauth::fresh_code(&self.secret(profile_id, username)?).await
    }

    /// Removes the user's secret from the keychain; whether there was one.
    pub fn forget(&self, profile_id: &ProfileId, username: &Username) -> Result<bool> {
        self.vault
            .delete_totp_secret(profile_id, username)
            .map_err(|e| keychain_error(&e))
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
        format!("The OS keychain is unavailable ({}).", e.0),
        "Unlock or start the OS keychain (Secret Service), then try again.",
    )
}
