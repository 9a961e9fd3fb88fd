//! The Profiles page, and what the window asks at start.

use cognito_desk_core::dto::{AppInfo, MovedFile, ProfileView, ProfilesView};
use cognito_desk_core::error::{FieldError, Result};
use cognito_desk_core::ids::ProfileId;
use cognito_desk_core::profile::ProfileInput;
use cognito_desk_core::Desk;
use tauri::State;

#[tauri::command]
pub fn app_info(desk: State<'_, Desk>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        os_locale: crate::os_language(),
        config_dir: desk.profiles().config_dir(),
    }
}

#[tauri::command]
pub fn list_profiles(desk: State<'_, Desk>) -> ProfilesView {
    desk.profiles().view()
}

#[tauri::command]
pub fn validate_profile(desk: State<'_, Desk>, input: ProfileInput) -> Vec<FieldError> {
    desk.profiles().validate(&input)
}

#[tauri::command]
pub fn save_profile(desk: State<'_, Desk>, input: ProfileInput) -> Result<ProfileView> {
    desk.profiles().save(input)
}

#[tauri::command]
pub fn delete_profile(desk: State<'_, Desk>, id: ProfileId) -> Result<()> {
    desk.profiles().delete(&id)
}

#[tauri::command]
pub fn select_profile(desk: State<'_, Desk>, id: ProfileId) -> Result<()> {
    desk.profiles().select(&id)
}

#[tauri::command]
pub fn reset_profiles_file(desk: State<'_, Desk>) -> Result<MovedFile> {
    desk.profiles().reset_file()
}
