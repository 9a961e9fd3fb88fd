//! The signed-in user's passkeys (list, register a test passkey, delete) and the test
//! passkeys kept in the keychain. A test passkey is kept per profile and Cognito
//! username; the test authenticator's ledger names whose are kept, so removing a
//! profile finds them.

use super::session::SessionService;
use super::Shared;
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::passkey::security_key::{self, SecurityKeyUser};
use crate::passkey::{self, PasskeyRow, TestPasskey};
use crate::testauth::Ledger;
use crate::vault::{Vault, VaultError};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug)]
pub struct PasskeyService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    vault: Arc<dyn Vault>,
    ledger: Ledger,
}

impl PasskeyService {
    pub(crate) fn new(
        shared: Arc<Shared>,
        sessions: Arc<SessionService>,
        vault: Arc<dyn Vault>,
        config_dir: &Path,
    ) -> Self {
        Self {
            shared,
            sessions,
            vault,
            ledger: Ledger::new(config_dir),
        }
    }

    /// ListWebAuthnCredentials: the user's passkeys, the test passkey kept here marked.
    pub async fn list(&self) -> Result<Vec<PasskeyRow>> {
        let user = self.sessions.signed_in_fresh().await?;
        let kept = self.kept(&user.profile.id, &user.username)?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        passkey::list(
            &client,
            &self.shared.calls,
            &user.profile,
            &user.access,
            kept.as_ref().map(|k| k.credential_id()).as_deref(),
        )
        .await
    }

    /// Registers a test passkey for the signed-in user: StartWebAuthnRegistration, the
    /// software authenticator makes the key, the keychain keeps it, then
    /// CompleteWebAuthnRegistration. Kept before Cognito takes it, so a keychain that
    /// refuses stops here; when Cognito refuses, the previous test passkey (or none) is
    /// put back. Returns the list afterwards.
    pub async fn register_test_passkey(&self) -> Result<Vec<PasskeyRow>> {
        let user = self.sessions.signed_in_fresh().await?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let calls = &self.shared.calls;
        let options =
            passkey::start_registration(&client, calls, &user.profile, &user.access).await?;
        let (made, registration) = TestPasskey::create(options).await?;
        let previous = self.kept(&user.profile.id, &user.username)?;
        self.keep(&user.profile.id, &user.username, &made)?;
        let completed = passkey::complete_registration(
            &client,
            calls,
            &user.profile,
            &user.access,
            &registration,
        )
        .await;
        if let Err(e) = completed {
            let _ = match previous {
                Some(old) => self.keep(&user.profile.id, &user.username, &old),
                None => self.forget(&user.profile.id, &user.username).map(drop),
            };
            return Err(e);
        }
        self.list().await
    }

    /// A passkey on the plugged-in security key: StartWebAuthnRegistration, the key's
    /// ceremony (its touch and PIN asked of `person`), CompleteWebAuthnRegistration.
    /// Nothing is kept here: the key holds its passkey.
    pub async fn register_security_key(
        &self,
        person: Arc<dyn SecurityKeyUser>,
    ) -> Result<Vec<PasskeyRow>> {
        let user = self.sessions.signed_in_fresh().await?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let calls = &self.shared.calls;
        let options =
            passkey::start_registration(&client, calls, &user.profile, &user.access).await?;
        let registration = at_the_key(move || security_key::register(&options, &*person)).await?;
        passkey::complete_registration(&client, calls, &user.profile, &user.access, &registration)
            .await?;
        self.list().await
    }

    /// DeleteWebAuthnCredential; deleting the test passkey also removes its key from the
    /// keychain. Returns the list afterwards.
    pub async fn delete(&self, credential_id: &str) -> Result<Vec<PasskeyRow>> {
        let credential_id = credential_id.trim();
        if credential_id.is_empty() {
            return Err(Error::new(
                Code::MissingCredentials,
                "Name the passkey to delete (its credential id).",
                "The passkey list shows each one's id.",
            ));
        }
        let user = self.sessions.signed_in_fresh().await?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        passkey::delete(
            &client,
            &self.shared.calls,
            &user.profile,
            &user.access,
            credential_id,
        )
        .await?;
        let kept = self.kept(&user.profile.id, &user.username)?;
        if kept.is_some_and(|k| k.credential_id() == credential_id) {
            self.forget(&user.profile.id, &user.username)?;
        }
        self.list().await
    }

    /// The test passkey kept for the first of `names` that has one.
    pub(crate) fn find(
        &self,
        profile_id: &ProfileId,
        names: &[&Username],
    ) -> Result<Option<(Username, TestPasskey)>> {
        for name in names {
            if let Some(kept) = self.kept(profile_id, name)? {
                return Ok(Some(((*name).clone(), kept)));
            }
        }
        Ok(None)
    }

    /// Whether a test passkey is kept for `username` (a keychain that cannot be read: no).
    pub fn has(&self, profile_id: &ProfileId, username: &Username) -> bool {
        matches!(self.kept(profile_id, username), Ok(Some(_)))
    }

    fn kept(&self, profile_id: &ProfileId, username: &Username) -> Result<Option<TestPasskey>> {
        self.vault
            .load_test_passkey(profile_id, username)
            .map_err(|e| keychain_error(&e))
    }

    /// Keeps the passkey (after each use too: its sign counter moved on).
    pub(crate) fn keep(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        passkey: &TestPasskey,
    ) -> Result<()> {
        self.vault
            .store_test_passkey(profile_id, username, passkey)
            .map_err(|e| keychain_error(&e))?;
        self.ledger.set_holds_passkey(profile_id, username, true)
    }

    /// Removes the user's test passkey from the keychain; whether there was one.
    pub fn forget(&self, profile_id: &ProfileId, username: &Username) -> Result<bool> {
        let had = self
            .vault
            .delete_test_passkey(profile_id, username)
            .map_err(|e| keychain_error(&e))?;
        self.ledger.set_holds_passkey(profile_id, username, false)?;
        Ok(had)
    }

    /// The users of a profile whose test passkey is kept (removing the profile).
    pub fn users(&self, profile_id: &ProfileId) -> Vec<Username> {
        self.ledger.users_with_passkey(profile_id)
    }
}

/// A ceremony at a security key, off the async threads: it blocks while the key waits
/// for a touch or the person for a PIN.
pub(crate) async fn at_the_key<T: Send + 'static>(
    ceremony: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(ceremony)
        .await
        .map_err(|e| Error::internal(format!("the security key step stopped: {e}")))?
}

pub(crate) fn no_test_passkey(username: &Username) -> Error {
    Error::new(
        Code::NoTestPasskey,
        format!("This computer keeps no test passkey for \"{username}\"."),
        "Sign in another way and register a test passkey on the MFA page (CLI: passkey register --test-passkey), or choose another way to sign in.",
    )
}

fn keychain_error(e: &VaultError) -> Error {
    Error::new(
        Code::KeychainUnavailable,
        format!("The OS keychain is unavailable ({e})."),
        "Unlock or start the OS keychain (Secret Service), then try again.",
    )
}
