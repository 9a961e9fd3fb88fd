//! The Profiles page, and what the window asks at start.

use super::off_the_ui_thread;
use cognito_desk_core::dto::{AppInfo, MovedFile, ProfileView, ProfilesView};
use cognito_desk_core::error::{FieldError, Result};
use cognito_desk_core::ids::ProfileId;
use cognito_desk_core::profile::{AmplifyImport, ProfileInput};
use cognito_desk_core::Desk;
use tauri::{AppHandle, State};

#[tauri::command]
pub fn app_info(desk: State<'_, Desk>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        os_locale: crate::os_language(),
        config_dir: desk.profiles().config_dir(),
    }
}

// These four ask the keychain (is a client secret stored; store or remove it).

#[tauri::command]
pub async fn list_profiles(app: AppHandle) -> Result<ProfilesView> {
    off_the_ui_thread(app, |desk| desk.profiles().view()).await
}

#[tauri::command]
pub async fn validate_profile(app: AppHandle, input: ProfileInput) -> Result<Vec<FieldError>> {
    off_the_ui_thread(app, move |desk| desk.profiles().validate(&input)).await
}

#[tauri::command]
pub async fn save_profile(app: AppHandle, input: ProfileInput) -> Result<ProfileView> {
    off_the_ui_thread(app, move |desk| desk.profiles().save(input)).await?
}

#[tauri::command]
pub async fn delete_profile(app: AppHandle, id: ProfileId) -> Result<()> {
    off_the_ui_thread(app, move |desk| desk.profiles().delete(&id)).await?
}

#[tauri::command]
pub fn select_profile(desk: State<'_, Desk>, id: ProfileId) -> Result<()> {
    desk.profiles().select(&id)
}

#[tauri::command]
pub fn reset_profiles_file(desk: State<'_, Desk>) -> Result<MovedFile> {
    desk.profiles().reset_file()
}

/// The text of an `amplify_outputs.json` the person chose, read into the form's fields
/// for review (nothing is saved). The window reads the file; the core judges it.
#[tauri::command]
pub fn import_amplify_outputs(text: String) -> Result<AmplifyImport> {
    cognito_desk_core::profile::import_amplify_outputs(&text)
}
