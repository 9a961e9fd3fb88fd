//! Connection profiles: what they hold, how they are validated, and how they are kept
//! on disk (one JSON file in the OS config dir, written atomically, never overwritten
//! when it could not be read).

mod admin;
mod amplify;
mod exchange;
mod settings;

pub use admin::{AdminAccess, AdminCredentials};
pub use amplify::{import_amplify_outputs, AmplifyImport, AmplifyMfa, ImportNote};

pub use exchange::{
    export_file_name, export_json, export_schema, profiles_schema, read_export, save_export,
    ExportRead, EXPORT_SCHEMA_ID, PROFILES_SCHEMA_ID,
};
pub(crate) use settings::{check_endpoint, is_region};
pub use settings::{ProfileInput, ProfileSettings, SignInFlow, FIRST_FACTORS};

use crate::error::{Code, Error, FieldError, Result};
use crate::ids::ProfileId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Environment variable that moves the config dir (tests and the sandbox use it so they
/// never touch the user's own profiles).
pub const CONFIG_DIR_ENV: &str = "COGNITO_DESK_CONFIG_DIR";
const FILE_NAME: &str = "profiles.json";

/// A profile as it is kept on disk: its id and the settings the form edits. (The
/// window gets a [`crate::dto::ProfileView`]; the form sends a [`ProfileInput`].)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// The profile's id, given when it was created (a UUID): the keychain's entries of
    /// the profile are named by it.
    pub id: ProfileId,
    #[serde(flatten)]
    pub settings: ProfileSettings,
}

pub const DEFAULT_TOTP_ISSUER: &str = "Cognito Desk";

/// The managed-login scopes when the profile names none. The last one lets the access
/// token call the user's own Cognito APIs (GetUser, the MFA page).
pub const DEFAULT_SCOPES: &str = "openid email profile aws.cognito.signin.user.admin";

/// The scope without which a managed-login access token cannot call GetUser or
/// AssociateSoftwareToken.
pub const ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

impl Profile {
    /// The form filled with this profile, to edit it.
    pub fn to_input(&self) -> ProfileInput {
        ProfileInput {
            id: Some(self.id.clone()),
            settings: self.settings.clone(),
            client_secret: None,
        }
    }

    pub fn totp_issuer(&self) -> &str {
        self.settings
            .totp_issuer
            .as_deref()
            .unwrap_or(DEFAULT_TOTP_ISSUER)
    }

    /// The managed-login scopes, in order, without duplicates.
    pub fn scopes(&self) -> Vec<String> {
        let mut scopes: Vec<String> = Vec::new();
        for scope in self
            .settings
            .scopes
            .as_deref()
            .unwrap_or(DEFAULT_SCOPES)
            .split_whitespace()
        {
            if !scopes.iter().any(|s| s == scope) {
                scopes.push(scope.to_owned());
            }
        }
        scopes
    }
}

/// The connection profiles of Cognito Desk, shared by the window and
/// `cognito-desk-cli`: `profiles.json` in the config folder (`~/.config/cognito-desk`,
/// or `COGNITO_DESK_CONFIG_DIR`). No secret is kept here: client secrets and sessions
/// live in the OS keychain.
/// Whether saving a profile makes it the selected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// The window's Save: the profile just saved is the one in use.
    Select,
    /// The CLI's `profile add` / `set`: the window's choice stays (a first profile is
    /// selected all the same).
    Keep,
}

#[derive(Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(
    title = "Cognito Desk profiles.json",
    extend("$id" = "https://cognitodesk.dev/schema/profiles-v1.json")
)]
pub(crate) struct ProfilesFile {
    /// The profile the window opens, and the one the CLI uses without `--profile`.
    #[serde(default)]
    pub(crate) selected_id: Option<ProfileId>,
    #[serde(default)]
    pub(crate) profiles: Vec<Profile>,
}

/// The profiles on disk. When the file could not be read, the store remembers why and
/// refuses every write until the user moves the broken file aside.
#[derive(Debug)]
pub struct ProfileStore {
    path: PathBuf,
    data: ProfilesFile,
    load_error: Option<Error>,
}

/// The folder of the profiles and session pointers: `COGNITO_DESK_CONFIG_DIR`, else the
/// OS config folder's `cognito-desk`. Never the temp folder, which every local user can
/// write: without either, a clear error.
pub fn default_config_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV) {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir()
        .map(|dir| dir.join("cognito-desk"))
        .ok_or_else(|| {
            Error::new(
                Code::NoConfigDir,
                "There is no folder to keep the profiles in: neither HOME nor XDG_CONFIG_HOME is set.",
                format!("Set HOME, or set {CONFIG_DIR_ENV} to a folder only you can write."),
            )
        })
}

impl ProfileStore {
    pub fn open(dir: &Path) -> Self {
        let path = dir.join(FILE_NAME);
        let (data, load_error) = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<ProfilesFile>(&bytes) {
                Ok(data) => (data, None),
                Err(e) => (
                    ProfilesFile::default(),
                    Some(Error::new(Code::ProfilesCorrupt,
                        format!("The profiles file {} could not be read: {e}.", path.display()),
                        "Fix the file by hand, or move it aside and start with no profiles. Cognito Desk will not overwrite it.",
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (ProfilesFile::default(), None),
            Err(e) => (
                ProfilesFile::default(),
                Some(Error::new(Code::ProfilesUnreadable,
                    format!("The profiles file {} could not be opened: {e}.", path.display()),
                    "Check the file's permissions.",
                )),
            ),
        };
        Self {
            path,
            data,
            load_error,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load_error(&self) -> Option<&Error> {
        self.load_error.as_ref()
    }

    pub fn profiles(&self) -> &[Profile] {
        &self.data.profiles
    }

    pub fn selected_id(&self) -> Option<&ProfileId> {
        self.data.selected_id.as_ref()
    }

    pub fn get(&self, id: &ProfileId) -> Result<&Profile> {
        self.data
            .profiles
            .iter()
            .find(|p| p.id == *id)
            .ok_or_else(|| {
                Error::new(
                    Code::NoProfile,
                    "That profile does not exist any more.",
                    "Choose another profile or create one on the Profiles page.",
                )
            })
    }

    pub fn find_by_name(&self, name: &str) -> Option<&Profile> {
        self.data.profiles.iter().find(|p| p.settings.name == name)
    }

    pub fn validate(&self, input: &ProfileInput) -> Vec<FieldError> {
        input.validate(&self.data.profiles)
    }

    /// Creates (no id) or replaces (known id) a profile and selects it.
    pub fn save(&mut self, input: ProfileInput) -> Result<Profile> {
        self.save_as(input, Selection::Select)
    }

    /// [`Self::save`], selecting the profile or leaving the selection as it is.
    pub fn save_as(&mut self, input: ProfileInput, selection: Selection) -> Result<Profile> {
        let id = match input.id.clone() {
            Some(id) => {
                self.get(&id)?;
                id
            }
            None => ProfileId::generate(),
        };
        self.put(id, input, selection)
    }

    /// Creates a profile under an id the caller chose (one the keychain already names:
    /// its client secret is stored before the profile exists).
    pub fn create(
        &mut self,
        id: ProfileId,
        input: ProfileInput,
        selection: Selection,
    ) -> Result<Profile> {
        if self.get(&id).is_ok() {
            return Err(Error::internal(format!("profile id {id} is taken")));
        }
        self.put(id, input, selection)
    }

    fn put(&mut self, id: ProfileId, input: ProfileInput, selection: Selection) -> Result<Profile> {
        let mut input = input;
        input.id = self.get(&id).is_ok().then(|| id.clone());
        let errors = self.validate(&input);
        if !errors.is_empty() {
            return Err(Error::invalid_profile(errors));
        }
        let profile = input.into_profile(id.clone());
        let mut next = self.data.profiles.clone();
        match next.iter_mut().find(|p| p.id == id) {
            Some(slot) => *slot = profile.clone(),
            None => next.push(profile.clone()),
        }
        let selected = match selection {
            Selection::Select => Some(id),
            // The first profile is the one to use whatever was asked.
            Selection::Keep => self.data.selected_id.clone().or(Some(id)),
        };
        self.commit(next, selected)?;
        Ok(profile)
    }

    pub fn delete(&mut self, id: &ProfileId) -> Result<()> {
        self.get(id)?;
        let next: Vec<Profile> = self
            .data
            .profiles
            .iter()
            .filter(|p| p.id != *id)
            .cloned()
            .collect();
        let selected = self.data.selected_id.clone().filter(|s| s != id);
        self.commit(next, selected)
    }

    pub fn select(&mut self, id: &ProfileId) -> Result<()> {
        self.get(id)?;
        self.commit(self.data.profiles.clone(), Some(id.clone()))
    }

    /// Renames a broken profiles file to `profiles.json.broken-<unix time>` and starts empty.
    pub fn move_broken_file_aside(&mut self) -> Result<PathBuf> {
        if self.load_error.is_none() {
            return Err(Error::new(
                Code::ProfilesNotBroken,
                "The profiles file is fine; nothing was moved.",
                "",
            ));
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let target = self
            .path
            .with_file_name(format!("{FILE_NAME}.broken-{stamp}"));
        std::fs::rename(&self.path, &target).map_err(|e| io_error(&self.path, e))?;
        self.load_error = None;
        self.data = ProfilesFile::default();
        Ok(target)
    }

    fn commit(&mut self, profiles: Vec<Profile>, selected_id: Option<ProfileId>) -> Result<()> {
        if let Some(e) = &self.load_error {
            return Err(e.clone());
        }
        let next = ProfilesFile {
            selected_id,
            profiles,
        };
        write_atomically(&self.path, &next)?;
        self.data = next;
        Ok(())
    }
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(
        Code::ProfilesWriteFailed,
        format!("Could not write {}: {e}.", path.display()),
        "Check that the folder exists and is writable, and that the disk is not full.",
    )
}

/// Writes to a temporary file beside the target, flushes it to disk, then renames it
/// over the target: a crash leaves either the old file or the new one, never half.
/// The folder is only the user's (0700) and so is the file (0600): no other local
/// account reads who signed in where.
pub(crate) fn write_atomically<T: Serialize>(path: &Path, data: &T) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir).map_err(|e| io_error(dir, e))?;
    let json = serde_json::to_vec_pretty(data).map_err(|e| Error::internal(e.to_string()))?;
    let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = private_file(&tmp)?;
        file.write_all(&json)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, e)
    })
}

/// Creates `dir` (and its parents) for this user only; an existing one of an earlier
/// version loses its group and other bits.
pub(crate) fn private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

pub(crate) fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_config_folder_and_its_files_are_only_the_users() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let root = tempdir();
        let dir = root.join("new").join("cognito-desk");
        write_atomically(&dir.join("a.json"), &serde_json::json!({"a": 1})).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("a.json")), 0o600);
        // A folder an earlier version made with the umask's 0755 is tightened.
        let old = root.join("old");
        std::fs::create_dir(&old).unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o755)).unwrap();
        write_atomically(&old.join("b.json"), &serde_json::json!({})).unwrap();
        assert_eq!(mode(&old), 0o700);
        assert_eq!(mode(&old.join("b.json")), 0o600);
    }

    fn input() -> ProfileInput {
        settings::tests::input()
    }

    fn fields(errors: &[FieldError]) -> Vec<&'static str> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn profiles_saved_before_the_flow_setting_keep_the_password_flow() {
        let dir = tempdir();
        let old = r#"{"selectedId":"p","profiles":[{"id":"p","name":"Old","region":"us-east-1","userPoolId":"us-east-1_X","clientId":"c"}]}"#;
        std::fs::write(dir.join(FILE_NAME), old).unwrap();
        let store = ProfileStore::open(&dir);
        assert_eq!(store.load_error(), None);
        assert_eq!(
            store.profiles()[0].settings.sign_in_flow,
            SignInFlow::Password
        );
        // A new profile gets SRP.
        assert_eq!(ProfileSettings::default().sign_in_flow, SignInFlow::Srp);
    }

    #[test]
    fn names_are_unique_but_a_profile_may_keep_its_own() {
        let dir = tempdir();
        let mut store = ProfileStore::open(&dir);
        let saved = store.save(input()).unwrap();
        assert_eq!(fields(&store.validate(&input())), ["name"]);
        let mut same = input();
        same.id = Some(saved.id.clone());
        assert!(store.validate(&same).is_empty());
    }

    #[test]
    fn save_select_delete_round_trip_through_the_file() {
        let dir = tempdir();
        let mut store = ProfileStore::open(&dir);
        let saved = store.save(input()).unwrap();
        let reopened = ProfileStore::open(&dir);
        assert_eq!(reopened.profiles(), std::slice::from_ref(&saved));
        assert_eq!(reopened.selected_id(), Some(&saved.id));
        store.delete(&saved.id).unwrap();
        assert!(ProfileStore::open(&dir).profiles().is_empty());
        assert!(ProfileStore::open(&dir).selected_id().is_none());
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from(FILE_NAME)]);
    }

    #[test]
    fn a_corrupt_file_is_reported_and_never_overwritten() {
        let dir = tempdir();
        std::fs::write(dir.join(FILE_NAME), b"{ not json").unwrap();
        let mut store = ProfileStore::open(&dir);
        assert_eq!(
            store.load_error().map(|e| &e.code),
            Some(&Code::ProfilesCorrupt)
        );
        let err = store.save(input()).unwrap_err();
        assert_eq!(err.code, Code::ProfilesCorrupt);
        assert_eq!(std::fs::read(dir.join(FILE_NAME)).unwrap(), b"{ not json");
        let moved = store.move_broken_file_aside().unwrap();
        assert_eq!(std::fs::read(&moved).unwrap(), b"{ not json");
        store.save(input()).unwrap();
        assert_eq!(ProfileStore::open(&dir).profiles().len(), 1);
    }

    fn tempdir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "cognito-desk-profile-test-{}",
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
