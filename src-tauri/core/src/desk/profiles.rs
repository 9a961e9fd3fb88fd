//! The profiles: list, validate, save, delete, select, and a broken file moved aside.
//! An app client's secret is typed in the profile form and kept in the keychain, never
//! in the profiles file; the window learns only whether one is stored.

use super::lock;
use crate::appclient::AppClient;
use crate::dto::{MovedFile, ProfileExportView, ProfileView, ProfilesView, SavedFile};
use crate::error::{Code, Error, FieldError, Result};
use crate::ids::ProfileId;
use crate::profile::{
    export_file_name, export_json, save_export, Profile, ProfileInput, ProfileStore, Selection,
};
use crate::secret::ClientSecret;
use crate::vault::{Vault, VaultError};
use std::path::Path;
use std::sync::{Arc, Mutex};

#[derive(Debug)]
pub struct ProfileService {
    store: Mutex<ProfileStore>,
    vault: Arc<dyn Vault>,
}

impl ProfileService {
    pub(crate) fn open(config_dir: &Path, vault: Arc<dyn Vault>) -> Self {
        Self {
            store: Mutex::new(ProfileStore::open(config_dir)),
            vault,
        }
    }

    /// The folder the profiles file lives in.
    pub fn config_dir(&self) -> String {
        let store = lock(&self.store);
        store
            .path()
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    pub fn view(&self) -> ProfilesView {
        // A snapshot, so the keychain (a blocking D-Bus call that may wait for an
        // unlock prompt) is asked with the store unlocked.
        let (profiles, selected_id, load_error) = {
            let store = lock(&self.store);
            (
                store.profiles().to_vec(),
                store.selected_id().cloned(),
                store.load_error().cloned(),
            )
        };
        ProfilesView {
            profiles: profiles.iter().map(|p| self.view_of(p)).collect(),
            selected_id,
            load_error,
        }
    }

    fn view_of(&self, profile: &Profile) -> ProfileView {
        // Only a client with a secret asks the keychain (a D-Bus round trip each).
        let stored = profile.settings.has_client_secret && self.secret_stored(&profile.id);
        ProfileView::new(profile, stored)
    }

    fn secret_stored(&self, id: &ProfileId) -> bool {
        matches!(self.vault.load_client_secret(id), Ok(Some(_)))
    }

    pub fn validate(&self, input: &ProfileInput) -> Vec<FieldError> {
        let mut errors = lock(&self.store).validate(input);
        // A stored secret belongs to the client it was typed for: another client id
        // needs its own.
        let same_client = |id: &ProfileId| {
            lock(&self.store).get(id).is_ok_and(|p| {
                p.settings.client_id.as_str() == input.settings.client_id.as_str().trim()
            })
        };
        let stored = input
            .id
            .as_ref()
            .is_some_and(|id| same_client(id) && self.secret_stored(id));
        if input.settings.has_client_secret && input.typed_client_secret().is_none() && !stored {
            errors.push(FieldError::new(
                "clientSecret",
                "clientSecretRequired",
                "Enter the app client's secret (Cognito console → App clients → Client secret).",
            ));
        }
        errors
    }

    /// Saves the profile and selects it, keeping a typed client secret in the keychain
    /// (or dropping the stored one when the client no longer has a secret).
    pub fn save(&self, input: ProfileInput) -> Result<ProfileView> {
        self.save_as(input, Selection::Select)
    }

    /// [`Self::save`] with the choice of selecting the profile. The secret goes to the
    /// keychain first: when the keychain refuses it nothing is saved, and when the file
    /// cannot be written the keychain is put back as it was.
    pub fn save_as(&self, input: ProfileInput, selection: Selection) -> Result<ProfileView> {
        let errors = self.validate(&input);
        if !errors.is_empty() {
            return Err(Error::invalid_profile(errors));
        }
        let typed = input.typed_client_secret().cloned();
        let has_secret = input.settings.has_client_secret;
        let existing = input.id.clone();
        let id = existing.clone().unwrap_or_else(ProfileId::generate);
        let previous = match (&typed, has_secret) {
            (Some(secret), true) => Some(self.keep_secret(&id, secret)?),
            _ => None,
        };
        let saved = {
            let mut store = lock(&self.store);
            match existing {
                Some(_) => store.save_as(input, selection),
                None => store.create(id.clone(), input, selection),
            }
        };
        let profile = match saved {
            Ok(profile) => profile,
            Err(e) => {
                let _ = match previous.flatten() {
                    Some(old) => self.vault.store_client_secret(&id, &old),
                    None => self.vault.delete_client_secret(&id),
                };
                return Err(e);
            }
        };
        if !has_secret {
            let _ = self.vault.delete_client_secret(&profile.id);
        }
        Ok(self.view_of(&profile))
    }

    /// Stores `secret` for the profile `id`; the secret it replaces, if any.
    fn keep_secret(&self, id: &ProfileId, secret: &ClientSecret) -> Result<Option<ClientSecret>> {
        let refused = |e: VaultError| {
            Error::new(
                Code::KeychainUnavailable,
                format!("The profile was not saved: the client secret could not be kept in the OS keychain ({}).", e),
                "Unlock the keychain (or start a Secret Service), then save the profile again.",
            )
        };
        let previous = self.vault.load_client_secret(id).map_err(refused)?;
        self.vault
            .store_client_secret(id, secret)
            .map_err(refused)?;
        Ok(previous)
    }

    /// The profile as an export file (no id, no secret): see [`crate::profile::export_json`].
    pub fn export(&self, id: &ProfileId) -> Result<String> {
        let settings = lock(&self.store).get(id)?.settings.clone();
        export_json(&settings)
    }

    /// [`Self::export`] with the file name it is saved under, for the window.
    pub fn export_view(&self, id: &ProfileId) -> Result<ProfileExportView> {
        let name = lock(&self.store).get(id)?.settings.name.clone();
        Ok(ProfileExportView {
            json: self.export(id)?,
            file_name: export_file_name(&name),
        })
    }

    /// Saves the profile's export into `dir` (never over a file there).
    pub fn save_export(&self, id: &ProfileId, dir: &Path) -> Result<SavedFile> {
        let name = lock(&self.store).get(id)?.settings.name.clone();
        let path = save_export(dir, &name, &self.export(id)?)?;
        Ok(SavedFile {
            path: path.display().to_string(),
        })
    }

    /// Removes the profile from the file (its keychain entries are
    /// [`crate::Desk::remove_profile`]'s business).
    pub(crate) fn delete(&self, id: &ProfileId) -> Result<()> {
        lock(&self.store).delete(id)
    }

    /// The profile as the file has it, whatever its settings (to remove it).
    pub(crate) fn get_any(&self, id: &ProfileId) -> Result<Profile> {
        lock(&self.store).get(id).cloned()
    }

    /// Removes the profile's client secret from the keychain.
    pub(crate) fn forget_secret(&self, id: &ProfileId) -> std::result::Result<(), VaultError> {
        self.vault.delete_client_secret(id)
    }

    /// Whether the keychain holds the profile's client secret; an error when the
    /// keychain cannot be read.
    pub(crate) fn secret_in_keychain(
        &self,
        id: &ProfileId,
    ) -> std::result::Result<bool, VaultError> {
        self.vault.load_client_secret(id).map(|s| s.is_some())
    }

    pub fn select(&self, id: &ProfileId) -> Result<()> {
        lock(&self.store).select(id)
    }

    pub fn reset_file(&self) -> Result<MovedFile> {
        let moved = lock(&self.store).move_broken_file_aside()?;
        Ok(MovedFile {
            moved_to: moved.display().to_string(),
        })
    }

    /// The profile, ready to use: one whose endpoint would send passwords in clear
    /// text across a network is refused here, whatever the file says.
    pub fn get(&self, id: &ProfileId) -> Result<Profile> {
        let profile = lock(&self.store).get(id).cloned()?;
        match profile.settings.clear_text_endpoint() {
            Some(problem) => Err(Error::invalid_profile(vec![problem])),
            None => Ok(profile),
        }
    }

    /// The profile's app client, with its secret from the keychain when it has one.
    pub fn app_client(&self, profile: &Profile) -> Result<AppClient> {
        let id = profile.settings.client_id.clone();
        if !profile.settings.has_client_secret {
            return Ok(AppClient::new(id, None));
        }
        let missing = |why: String| {
            Error::new(
                Code::ClientSecretMissing,
                format!(
                    "The profile \"{}\" says its app client has a secret, but {why}.",
                    profile.settings.name
                ),
                "Edit the profile and enter the client secret again.",
            )
        };
        match self.vault.load_client_secret(&profile.id) {
            Ok(Some(secret)) => Ok(AppClient::new(id, Some(secret))),
            Ok(None) => Err(missing("the keychain holds no secret for it".into())),
            Err(e) => Err(missing(format!("the keychain cannot be read ({})", e))),
        }
    }
}
