//! The Profiles page, and what the window asks at start.

use super::{off_the_ui_thread, write_clipboard};
use cognito_desk_core::dto::{
    AppInfo, MovedFile, ProfileExportView, ProfileView, ProfilesView, RemovedProfile, SavedFile,
};
use cognito_desk_core::error::{FieldError, Result};
use cognito_desk_core::ids::ProfileId;
use cognito_desk_core::profile::{AmplifyImport, ExportRead, ProfileInput};
use cognito_desk_core::{Code, Desk, Error};
use tauri::{AppHandle, Manager, State};

#[tauri::command]
#[specta::specta]
pub fn app_info(desk: State<'_, Desk>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        os_locale: crate::os_language(),
        config_dir: desk.profiles().config_dir(),
    }
}

// These four ask the keychain (is a client secret stored; store or remove it).

#[tauri::command]
#[specta::specta]
pub async fn list_profiles(app: AppHandle) -> Result<ProfilesView> {
    off_the_ui_thread(app, |desk| desk.profiles().view()).await
}

#[tauri::command]
#[specta::specta]
pub async fn validate_profile(app: AppHandle, input: ProfileInput) -> Result<Vec<FieldError>> {
    off_the_ui_thread(app, move |desk| desk.profiles().validate(&input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_profile(app: AppHandle, input: ProfileInput) -> Result<ProfileView> {
    off_the_ui_thread(app, move |desk| desk.profiles().save(input)).await?
}

/// Deletes the profile and its keychain entries; the window says which went.
#[tauri::command]
#[specta::specta]
pub async fn delete_profile(app: AppHandle, id: ProfileId) -> Result<RemovedProfile> {
    off_the_ui_thread(app, move |desk| desk.remove_profile(&id)).await?
}

#[tauri::command]
#[specta::specta]
pub fn select_profile(desk: State<'_, Desk>, id: ProfileId) -> Result<()> {
    desk.profiles().select(&id)
}

#[tauri::command]
#[specta::specta]
pub fn reset_profiles_file(desk: State<'_, Desk>) -> Result<MovedFile> {
    desk.profiles().reset_file()
}

/// The text of an `amplify_outputs.json` the person chose, read into the form's fields
/// for review (nothing is saved). The window reads the file; the core judges it.
#[tauri::command]
#[specta::specta]
pub fn import_amplify_outputs(text: String) -> Result<AmplifyImport> {
    cognito_desk_core::profile::import_amplify_outputs(&text)
}

/// A profile as an export file (settings only: no id, no secret, no session), shown in
/// the window before it is saved or copied.
#[tauri::command]
#[specta::specta]
pub fn export_profile(desk: State<'_, Desk>, id: ProfileId) -> Result<ProfileExportView> {
    desk.profiles().export_view(&id)
}

/// Saves the export in the user's Downloads folder (their home without one), never
/// over a file that is there; the path, for the window to say.
#[tauri::command]
#[specta::specta]
pub async fn save_profile_export(app: AppHandle, id: ProfileId) -> Result<SavedFile> {
    let paths = app.path();
    let dir = paths
        .download_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| paths.home_dir().ok())
        .ok_or_else(|| {
            Error::new(
                Code::NoConfigDir,
                "There is no Downloads or home folder to save the file in.",
                "Copy the profile instead, and save it with a text editor.",
            )
        })?;
    off_the_ui_thread(app, move |desk| desk.profiles().save_export(&id, &dir)).await?
}

/// The export on the clipboard. It holds no secret, so it stays there.
#[tauri::command]
#[specta::specta]
pub fn copy_profile_export(app: AppHandle, desk: State<'_, Desk>, id: ProfileId) -> Result<()> {
    write_clipboard(&app, desk.profiles().export(&id)?)
}

/// The text of a profile file the person chose, read for the form (nothing is saved):
/// the file's own problems are an error naming each, the form's are returned with it.
#[tauri::command]
#[specta::specta]
pub fn read_profile_file(text: String) -> Result<ExportRead> {
    cognito_desk_core::profile::read_export(&text)
}
