//! Where the refresh token lives between runs: the OS keychain (Secret Service on
//! Linux, Keychain on macOS, Credential Manager on Windows), one entry per profile and
//! user. There is no file fallback: when the keychain cannot be used, the session stays
//! in memory and the app says so.

use crate::ids::{ProfileId, Username};
use crate::secret::{ClientSecret, RefreshToken, TotpSecret};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Environment variable that renames the keychain service (tests use their own).
pub const SERVICE_ENV: &str = "COGNITO_DESK_KEYRING_SERVICE";
/// The app's identifier before it became `dev.cognitodesk.CognitoDesk` (tauri.conf.json):
/// kept, so sessions and client secrets stored by earlier versions are still found.
const DEFAULT_SERVICE: &str = "dev.cognitodesk.app";

/// Why the keychain could not be used: a value the window words in its language;
/// [`std::fmt::Display`] is the English form used in error messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum VaultError {
    /// The Secret Service answered that the keychain is locked.
    Locked,
    /// Locked, and the unlock prompt was dismissed or could not be shown.
    PromptDismissed,
    /// No storage access: locked, or no Secret Service runs.
    LockedOrNotRunning,
    /// No D-Bus session bus to reach the Secret Service on.
    NoSessionBus,
    /// Several entries (another program's) share this entry's name.
    Ambiguous { entries: usize },
    /// Anything else: the keychain library's own words (technical).
    Failed { detail: String },
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VaultError::Locked => f.write_str("the keychain is locked"),
            VaultError::PromptDismissed => f.write_str(
                "the keychain is locked, and its unlock prompt was dismissed or could not be shown",
            ),
            VaultError::LockedOrNotRunning => {
                f.write_str("the keychain is locked or no Secret Service is running")
            }
            VaultError::NoSessionBus => {
                f.write_str("no D-Bus session bus to reach the Secret Service")
            }
            VaultError::Ambiguous { entries } => write!(
                f,
                "the keychain holds {entries} entries under the name this one uses; remove the extra ones"
            ),
            VaultError::Failed { detail } => write!(f, "the keychain failed: {detail}"),
        }
    }
}

/// One entry of the vault, named by what it holds.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// A user's refresh token.
    RefreshToken(&'a ProfileId, &'a Username),
    /// The app client's secret of a profile.
    ClientSecret(&'a ProfileId),
    /// The test authenticator's TOTP secret of a user (opt-in, test accounts only).
    TotpSecret(&'a ProfileId, &'a Username),
    /// This computer as a remembered device of a user (device tracking): its key, group
    /// key and random password, as JSON. Named by the sign-in name as typed.
    Device(&'a ProfileId, &'a Username),
    /// A test account's software passkey (opt-in): its private key, credential id,
    /// relying party and sign counter, as JSON. Named by the Cognito username.
    TestPasskey(&'a ProfileId, &'a Username),
}

impl Entry<'_> {
    /// The keychain account. Refresh tokens are `<profile>/<user>`; a client secret's has
    /// no `/` and a TOTP secret's starts with `totp:` (profile ids are generated, without
    /// colons), so no username can make one collide with another.
    fn account(self) -> String {
        match self {
            Entry::RefreshToken(profile_id, username) => format!("{profile_id}/{username}"),
            Entry::ClientSecret(profile_id) => format!("{profile_id}#client-secret"),
            Entry::TotpSecret(profile_id, username) => format!("totp:{profile_id}/{username}"),
            Entry::Device(profile_id, login) => format!("device:{profile_id}/{login}"),
            Entry::TestPasskey(profile_id, username) => {
                format!("passkey:{profile_id}/{username}")
            }
        }
    }
}

/// Where refresh tokens and secrets are kept. The app and the CLI use [`OsKeychain`];
/// core tests use [`MemoryVault`]. An implementation stores text by [`Entry`]; the typed
/// methods on top are what the rest of the core calls.
pub trait Vault: Send + Sync + std::fmt::Debug {
    fn put(&self, entry: Entry<'_>, value: &str) -> Result<(), VaultError>;
    fn get(&self, entry: Entry<'_>) -> Result<Option<String>, VaultError>;
    /// Whether there was something to remove.
    fn remove(&self, entry: Entry<'_>) -> Result<bool, VaultError>;

    fn store(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        token: &RefreshToken,
    ) -> Result<(), VaultError> {
        self.put(Entry::RefreshToken(profile_id, username), token.expose())
    }
    fn load(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<RefreshToken>, VaultError> {
        Ok(self
            .get(Entry::RefreshToken(profile_id, username))?
            .map(RefreshToken::new))
    }
    fn delete(&self, profile_id: &ProfileId, username: &Username) -> Result<(), VaultError> {
        self.remove(Entry::RefreshToken(profile_id, username))
            .map(drop)
    }

    fn store_client_secret(
        &self,
        profile_id: &ProfileId,
        secret: &ClientSecret,
    ) -> Result<(), VaultError> {
        self.put(Entry::ClientSecret(profile_id), secret.expose())
    }
    fn load_client_secret(
        &self,
        profile_id: &ProfileId,
    ) -> Result<Option<ClientSecret>, VaultError> {
        Ok(self
            .get(Entry::ClientSecret(profile_id))?
            .map(ClientSecret::new))
    }
    fn delete_client_secret(&self, profile_id: &ProfileId) -> Result<(), VaultError> {
        self.remove(Entry::ClientSecret(profile_id)).map(drop)
    }

    fn store_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        secret: &TotpSecret,
    ) -> Result<(), VaultError> {
        self.put(Entry::TotpSecret(profile_id, username), secret.expose())
    }
    fn load_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<TotpSecret>, VaultError> {
        Ok(self
            .get(Entry::TotpSecret(profile_id, username))?
            .map(TotpSecret::new))
    }
    /// Whether there was one.
    fn delete_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<bool, VaultError> {
        self.remove(Entry::TotpSecret(profile_id, username))
    }

    fn store_device(
        &self,
        profile_id: &ProfileId,
        login: &Username,
        device: &crate::device::RememberedDevice,
    ) -> Result<(), VaultError> {
        self.put(Entry::Device(profile_id, login), &device.to_entry())
    }
    fn load_device(
        &self,
        profile_id: &ProfileId,
        login: &Username,
    ) -> Result<Option<crate::device::RememberedDevice>, VaultError> {
        Ok(self
            .get(Entry::Device(profile_id, login))?
            .as_deref()
            .and_then(crate::device::RememberedDevice::from_entry))
    }
    /// Whether there was one.
    fn delete_device(&self, profile_id: &ProfileId, login: &Username) -> Result<bool, VaultError> {
        self.remove(Entry::Device(profile_id, login))
    }

    fn store_test_passkey(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        passkey: &crate::passkey::TestPasskey,
    ) -> Result<(), VaultError> {
        let entry = passkey
            .to_entry()
            .map_err(|e| VaultError::Failed { detail: e.message })?;
        self.put(Entry::TestPasskey(profile_id, username), &entry)
    }
    fn load_test_passkey(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<crate::passkey::TestPasskey>, VaultError> {
        Ok(self
            .get(Entry::TestPasskey(profile_id, username))?
            .as_deref()
            .and_then(crate::passkey::TestPasskey::from_entry))
    }
    /// Whether there was one.
    fn delete_test_passkey(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<bool, VaultError> {
        self.remove(Entry::TestPasskey(profile_id, username))
    }
}

/// A vault in this process's memory (tests): gone at exit, like no keychain at all, but
/// it answers like one. Clones share their entries, so a test can hand one to a
/// [`crate::Desk`] and look into it afterwards.
#[derive(Default, Clone)]
pub struct MemoryVault {
    entries: Arc<Mutex<HashMap<String, String>>>,
    /// Every call fails, as with a locked keychain.
    unavailable: bool,
}

/// Names the entries, never their values (refresh tokens, client secrets).
impl std::fmt::Debug for MemoryVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let accounts: Vec<String> = self
            .entries
            .lock()
            .map(|e| e.keys().cloned().collect())
            .unwrap_or_default();
        f.debug_struct("MemoryVault")
            .field("accounts", &accounts)
            .field("unavailable", &self.unavailable)
            .finish()
    }
}

impl MemoryVault {
    /// A vault that refuses every call, as a locked keychain does.
    pub fn unavailable() -> Self {
        Self {
            unavailable: true,
            ..Self::default()
        }
    }

    fn entries(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, String>>, VaultError> {
        if self.unavailable {
            return Err(VaultError::LockedOrNotRunning);
        }
        Ok(self.entries.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// How many tokens it holds.
    pub fn len(&self) -> usize {
        self.entries().map(|e| e.len()).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Vault for MemoryVault {
    fn put(&self, entry: Entry<'_>, value: &str) -> Result<(), VaultError> {
        self.entries()?.insert(entry.account(), value.to_owned());
        Ok(())
    }

    fn get(&self, entry: Entry<'_>) -> Result<Option<String>, VaultError> {
        Ok(self.entries()?.get(&entry.account()).cloned())
    }

    fn remove(&self, entry: Entry<'_>) -> Result<bool, VaultError> {
        Ok(self.entries()?.remove(&entry.account()).is_some())
    }
}

/// The OS keychain through the keyring crate.
#[derive(Debug)]
pub struct OsKeychain {
    service: String,
}

impl Default for OsKeychain {
    fn default() -> Self {
        Self {
            service: std::env::var(SERVICE_ENV).unwrap_or_else(|_| DEFAULT_SERVICE.to_owned()),
        }
    }
}

fn describe(e: &keyring::Error) -> VaultError {
    use keyring::Error as K;
    match e {
        K::PlatformFailure(inner) | K::NoStorageAccess(inner) => {
            let lower = inner.to_string().to_lowercase();
            // The Secret Service's own words ("DBus error: Failed to connect to socket
            // /nonexistent …", "org.freedesktop.Secret.Error.IsLocked") say nothing to a
            // person; these values are worded for one.
            if lower.contains("locked") && !lower.contains("unlocked") {
                VaultError::Locked
            } else if lower.contains("dismissed") {
                VaultError::PromptDismissed
            } else if matches!(e, K::NoStorageAccess(_)) {
                VaultError::LockedOrNotRunning
            } else if lower.contains("dbus")
                || lower.contains("d-bus")
                || lower.contains("autolaunch")
            {
                VaultError::NoSessionBus
            } else {
                VaultError::Failed {
                    detail: inner.to_string(),
                }
            }
        }
        // Something else (another program, a keychain tool) stored an entry under the
        // same name: reading either could be the wrong one, so neither is used (their
        // attributes are not repeated here).
        K::Ambiguous(entries) => VaultError::Ambiguous {
            entries: entries.len(),
        },
        other => VaultError::Failed {
            detail: other.to_string(),
        },
    }
}

impl OsKeychain {
    fn entry(&self, entry: Entry<'_>) -> Result<keyring::Entry, VaultError> {
        keyring::Entry::new(&self.service, &entry.account()).map_err(|e| describe(&e))
    }
}

impl Vault for OsKeychain {
    fn put(&self, entry: Entry<'_>, value: &str) -> Result<(), VaultError> {
        self.entry(entry)?
            .set_password(value)
            .map_err(|e| describe(&e))
    }

    fn get(&self, entry: Entry<'_>) -> Result<Option<String>, VaultError> {
        match self.entry(entry)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(&e)),
        }
    }

    fn remove(&self, entry: Entry<'_>) -> Result<bool, VaultError> {
        match self.entry(entry)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(describe(&e)),
        }
    }
}
