//! `#[tauri::command]` adapters: parse input, call the core, return DTOs. No logic here.

use crate::desk::Desk;
use crate::dto::{AppInfo, MovedFile, ProfilesView, SessionView, SignInOutcome};
use crate::error::{FieldError, Result};
use crate::profile::{Profile, ProfileInput};
use crate::secret::Password;
use tauri::State;

#[tauri::command]
pub fn app_info(desk: State<'_, Desk>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        os_locale: crate::os_language(),
        config_dir: desk.config_dir(),
    }
}

#[tauri::command]
pub fn list_profiles(desk: State<'_, Desk>) -> ProfilesView {
    desk.profiles()
}

#[tauri::command]
pub fn validate_profile(desk: State<'_, Desk>, input: ProfileInput) -> Vec<FieldError> {
    desk.validate_profile(&input)
}

#[tauri::command]
pub fn save_profile(desk: State<'_, Desk>, input: ProfileInput) -> Result<Profile> {
    desk.save_profile(input)
}

#[tauri::command]
pub fn delete_profile(desk: State<'_, Desk>, id: String) -> Result<()> {
    desk.delete_profile(&id)
}

#[tauri::command]
pub fn select_profile(desk: State<'_, Desk>, id: String) -> Result<()> {
    desk.select_profile(&id)
}

#[tauri::command]
pub fn reset_profiles_file(desk: State<'_, Desk>) -> Result<MovedFile> {
    desk.reset_profiles_file()
}

#[tauri::command]
pub async fn sign_in(
    desk: State<'_, Desk>,
    profile_id: String,
    username: String,
    password: String,
) -> Result<SignInOutcome> {
    desk.sign_in(&profile_id, &username, Password::new(password))
        .await
}

#[tauri::command]
pub async fn answer_totp(desk: State<'_, Desk>, code: String) -> Result<SignInOutcome> {
    desk.answer_totp(&code).await
}

#[tauri::command]
pub fn cancel_sign_in(desk: State<'_, Desk>) {
    desk.cancel_sign_in()
}

#[tauri::command]
pub fn current_session(desk: State<'_, Desk>) -> Option<SessionView> {
    desk.current_session()
}

#[tauri::command]
pub fn sign_out(desk: State<'_, Desk>) {
    desk.sign_out()
}
