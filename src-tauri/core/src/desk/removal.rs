//! Removing a profile with everything this computer keeps for it: its keychain entries
//! (the client secret, the kept session, this computer's devices, test accounts' TOTP
//! secrets and passkeys) first, then its
//! records in the config folder's files. The window's Delete and `cognito-desk-cli
//! profile remove` both come here.

use super::Desk;
use crate::dto::{KeychainEntry, RemovedProfile};
use crate::error::{Code, Error, Result};
use crate::ids::ProfileId;
use crate::vault::VaultError;

impl Desk {
    /// Removes the profile `id`. The keychain goes first: when it cannot be used the
    /// profile stays as it was (run again once it is unlocked), so no entry is left
    /// behind that nothing names any more.
    pub fn remove_profile(&self, id: &ProfileId) -> Result<RemovedProfile> {
        let profile = self.profiles().get_any(id)?;
        let mut removed = Vec::new();
        // The keychain is asked only for what the profile's records say it may hold: a
        // computer without a Secret Service can still remove a profile that never had
        // a secret or a kept session there.
        let secret = match profile.settings.has_client_secret {
            true => self.profiles().secret_in_keychain(id).map_err(keychain)?,
            false => self.profiles().secret_in_keychain(id).unwrap_or(false),
        };
        if secret {
            self.profiles().forget_secret(id).map_err(keychain)?;
            removed.push(KeychainEntry::ClientSecret);
        }
        if let Some(username) = self.session().saved_user(id) {
            self.session().forget_saved(id)?;
            removed.push(KeychainEntry::Session { username });
        }
        for username in self.devices().forget_profile(id).map_err(keychain)? {
            removed.push(KeychainEntry::Device { username });
        }
        for username in self.test_authenticator().users(id) {
            if self.test_authenticator().forget(id, &username)? {
                removed.push(KeychainEntry::TestAuthenticator { username });
            }
        }
        for username in self.passkeys().users(id) {
            if self.passkeys().forget(id, &username)? {
                removed.push(KeychainEntry::TestPasskey { username });
            }
        }
        self.profiles().delete(id)?;
        // A session of the profile has nothing left to sign in with.
        if self.session().end_if_of(id) {
            self.signin.cancel();
            self.credentials().forget();
        }
        // Ids and step numbers only: a failure here leaves nothing secret behind.
        let _ = self.test_authenticator().forget_profile(id);
        self.credentials().forget_profile(id);
        Ok(RemovedProfile {
            id: id.clone(),
            name: profile.settings.name,
            keychain: removed,
        })
    }
}

fn keychain(e: VaultError) -> Error {
    Error::new(
        Code::KeychainUnavailable,
        format!("The profile was not removed: the OS keychain is unavailable ({e})."),
        "Unlock or start the OS keychain (Secret Service), then remove the profile again.",
    )
}
