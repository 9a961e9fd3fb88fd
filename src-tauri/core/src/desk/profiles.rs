//! The profiles: list, validate, save, delete, select, and a broken file moved aside.

use super::lock;
use crate::dto::{MovedFile, ProfileView, ProfilesView};
use crate::error::{FieldError, Result};
use crate::ids::ProfileId;
use crate::profile::{Profile, ProfileInput, ProfileStore};
use std::path::Path;
use std::sync::Mutex;

#[derive(Debug)]
pub struct ProfileService {
    store: Mutex<ProfileStore>,
}

impl ProfileService {
    pub(crate) fn open(config_dir: &Path) -> Self {
        Self {
            store: Mutex::new(ProfileStore::open(config_dir)),
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
        let store = lock(&self.store);
        ProfilesView {
            profiles: store.profiles().iter().map(ProfileView::from).collect(),
            selected_id: store.selected_id().cloned(),
            load_error: store.load_error().cloned(),
        }
    }

    pub fn validate(&self, input: &ProfileInput) -> Vec<FieldError> {
        lock(&self.store).validate(input)
    }

    pub fn save(&self, input: ProfileInput) -> Result<ProfileView> {
        lock(&self.store).save(input).map(|p| ProfileView::from(&p))
    }

    pub fn delete(&self, id: &ProfileId) -> Result<()> {
        lock(&self.store).delete(id)
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

    pub fn get(&self, id: &ProfileId) -> Result<Profile> {
        lock(&self.store).get(id).cloned()
    }
}
