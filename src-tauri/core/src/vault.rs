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
const DEFAULT_SERVICE: &str = "dev.cognitodesk.app";

/// Why the keychain could not be used, in words for the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultError(pub String);

/// Where refresh tokens are kept, one per profile and user. The app and the CLI use
/// [`OsKeychain`]; core tests use [`MemoryVault`].
pub trait Vault: Send + Sync + std::fmt::Debug {
    fn store(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        token: &RefreshToken,
    ) -> Result<(), VaultError>;
    fn load(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<RefreshToken>, VaultError>;
    fn delete(&self, profile_id: &ProfileId, username: &Username) -> Result<(), VaultError>;

    /// The app client's secret of a profile, one per profile.
    fn store_client_secret(
        &self,
        profile_id: &ProfileId,
        secret: &ClientSecret,
    ) -> Result<(), VaultError>;
    fn load_client_secret(
        &self,
        profile_id: &ProfileId,
    ) -> Result<Option<ClientSecret>, VaultError>;
    fn delete_client_secret(&self, profile_id: &ProfileId) -> Result<(), VaultError>;

    /// The test authenticator's TOTP secret of a user (opt-in, test accounts only).
    fn store_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        secret: &TotpSecret,
    ) -> Result<(), VaultError>;
    fn load_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<TotpSecret>, VaultError>;
    fn delete_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<(), VaultError>;
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
            return Err(VaultError(
                "the keychain is locked or no Secret Service is running".into(),
            ));
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
    fn store(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        token: &RefreshToken,
    ) -> Result<(), VaultError> {
        self.entries()?
            .insert(account(profile_id, username), token.expose().to_owned());
        Ok(())
    }

    fn load(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<RefreshToken>, VaultError> {
        Ok(self
            .entries()?
            .get(&account(profile_id, username))
            .map(RefreshToken::new))
    }

    fn delete(&self, profile_id: &ProfileId, username: &Username) -> Result<(), VaultError> {
        self.entries()?.remove(&account(profile_id, username));
        Ok(())
    }

    fn store_client_secret(
        &self,
        profile_id: &ProfileId,
        secret: &ClientSecret,
    ) -> Result<(), VaultError> {
        self.entries()?
            .insert(secret_account(profile_id), secret.expose().to_owned());
        Ok(())
    }

    fn load_client_secret(
        &self,
        profile_id: &ProfileId,
    ) -> Result<Option<ClientSecret>, VaultError> {
        Ok(self
            .entries()?
            .get(&secret_account(profile_id))
            .map(ClientSecret::new))
    }

    fn delete_client_secret(&self, profile_id: &ProfileId) -> Result<(), VaultError> {
        self.entries()?.remove(&secret_account(profile_id));
        Ok(())
    }

    fn store_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        secret: &TotpSecret,
    ) -> Result<(), VaultError> {
        self.entries()?.insert(
            totp_account(profile_id, username),
            secret.expose().to_owned(),
        );
        Ok(())
    }

    fn load_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<TotpSecret>, VaultError> {
        Ok(self
            .entries()?
            .get(&totp_account(profile_id, username))
            .map(TotpSecret::new))
    }

    fn delete_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<(), VaultError> {
        self.entries()?.remove(&totp_account(profile_id, username));
        Ok(())
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

fn account(profile_id: &ProfileId, username: &Username) -> String {
    format!("{profile_id}/{username}")
}

/// No `/`, so no username can make a refresh-token account that collides with it.
fn secret_account(profile_id: &ProfileId) -> String {
    format!("{profile_id}#client-secret")
}

/// Starts with `totp:`, which no profile id does (ids are generated, without colons),
/// so it cannot collide with a refresh-token account `<profile>/<user>`.
fn totp_account(profile_id: &ProfileId, username: &Username) -> String {
    format!("totp:{profile_id}/{username}")
}

fn describe(e: &keyring::Error) -> VaultError {
    use keyring::Error as K;
    VaultError(match e {
        K::PlatformFailure(inner) => {
            let text = inner.to_string();
            let lower = text.to_lowercase();
            // "DBus error: Failed to connect to socket /nonexistent …" says nothing to a
            // person; the sentence below does.
            if lower.contains("dbus") || lower.contains("d-bus") || lower.contains("autolaunch") {
                "no D-Bus session bus to reach the Secret Service".to_owned()
            } else {
                format!("the keychain failed: {text}")
            }
        }
        K::NoStorageAccess(_) => {
            "the keychain is locked or no Secret Service is running".to_owned()
        }
        other => format!("the keychain failed: {other}"),
    })
}

impl OsKeychain {
    fn entry(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<keyring::Entry, VaultError> {
        self.entry_for(&account(profile_id, username))
    }

    fn entry_for(&self, account: &str) -> Result<keyring::Entry, VaultError> {
        keyring::Entry::new(&self.service, account).map_err(|e| describe(&e))
    }

    fn load_from(entry: keyring::Entry) -> Result<Option<String>, VaultError> {
        match entry.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(&e)),
        }
    }

    fn delete_from(entry: keyring::Entry) -> Result<(), VaultError> {
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(describe(&e)),
        }
    }
}

impl Vault for OsKeychain {
    fn store(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        token: &RefreshToken,
    ) -> Result<(), VaultError> {
        self.entry(profile_id, username)?
            .set_password(token.expose())
            .map_err(|e| describe(&e))
    }

    fn load(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<RefreshToken>, VaultError> {
        Ok(Self::load_from(self.entry(profile_id, username)?)?.map(RefreshToken::new))
    }

    fn delete(&self, profile_id: &ProfileId, username: &Username) -> Result<(), VaultError> {
        Self::delete_from(self.entry(profile_id, username)?)
    }

    fn store_client_secret(
        &self,
        profile_id: &ProfileId,
        secret: &ClientSecret,
    ) -> Result<(), VaultError> {
        self.entry_for(&secret_account(profile_id))?
            .set_password(secret.expose())
            .map_err(|e| describe(&e))
    }

    fn load_client_secret(
        &self,
        profile_id: &ProfileId,
    ) -> Result<Option<ClientSecret>, VaultError> {
        Ok(Self::load_from(self.entry_for(&secret_account(profile_id))?)?.map(ClientSecret::new))
    }

    fn delete_client_secret(&self, profile_id: &ProfileId) -> Result<(), VaultError> {
        Self::delete_from(self.entry_for(&secret_account(profile_id))?)
    }

    fn store_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
        secret: &TotpSecret,
    ) -> Result<(), VaultError> {
        self.entry_for(&totp_account(profile_id, username))?
            .set_password(secret.expose())
            .map_err(|e| describe(&e))
    }

    fn load_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<Option<TotpSecret>, VaultError> {
        Ok(
            Self::load_from(self.entry_for(&totp_account(profile_id, username))?)?
                .map(TotpSecret::new),
        )
    }

    fn delete_totp_secret(
        &self,
        profile_id: &ProfileId,
        username: &Username,
    ) -> Result<(), VaultError> {
        Self::delete_from(self.entry_for(&totp_account(profile_id, username))?)
    }
}

/// The sentence the app shows while the keychain cannot be used.
pub fn unavailable_notice(e: &VaultError) -> String {
    format!(
        "The OS keychain is unavailable ({}): this session lives in memory only and will not survive a restart.",
        e.0
    )
}
