//! The sign-in form and its challenge screens.

use cognito_desk_core::dto::{CodeDelivery, SignInOutcome};
use cognito_desk_core::error::Result;
use cognito_desk_core::ids::{ProfileId, Username};
use cognito_desk_core::secret::Password;
use cognito_desk_core::Desk;
use std::collections::BTreeMap;
use tauri::State;

/// `preferred`: a choice-based profile's first factor for this sign-in ("" lets
/// Cognito offer the choice; absent keeps the profile's).
#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: Username,
    password: Password,
    preferred: Option<String>,
) -> Result<SignInOutcome> {
    desk.signin()
        .sign_in_preferring(&profile_id, &username, password, preferred.as_deref())
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn answer_totp(desk: State<'_, Desk>, code: String) -> Result<SignInOutcome> {
    desk.signin().answer_totp(&code).await
}

#[tauri::command]
#[specta::specta]
pub async fn answer_code(desk: State<'_, Desk>, code: String) -> Result<SignInOutcome> {
    desk.signin().answer_code(&code).await
}

#[tauri::command]
#[specta::specta]
pub async fn select_mfa(desk: State<'_, Desk>, method: String) -> Result<SignInOutcome> {
    desk.signin().select_mfa(&method).await
}

#[tauri::command]
#[specta::specta]
pub async fn select_challenge(
    desk: State<'_, Desk>,
    factor: String,
    password: Password,
) -> Result<SignInOutcome> {
    desk.signin().select_challenge(&factor, password).await
}

#[tauri::command]
#[specta::specta]
pub async fn answer_new_password(
    desk: State<'_, Desk>,
    new_password: Password,
    attributes: Option<BTreeMap<String, String>>,
) -> Result<SignInOutcome> {
    let attributes: Vec<(String, String)> = attributes.unwrap_or_default().into_iter().collect();
    desk.signin()
        .answer_new_password(new_password, &attributes)
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn answer_custom(desk: State<'_, Desk>, answer: String) -> Result<SignInOutcome> {
    desk.signin().answer_custom(&answer).await
}

#[tauri::command]
#[specta::specta]
pub async fn answer_mfa_setup(
    desk: State<'_, Desk>,
    code: String,
    device_name: Option<String>,
) -> Result<SignInOutcome> {
    desk.signin()
        .answer_mfa_setup(&code, device_name.as_deref())
        .await
}

/// MFA_SETUP offering the app and email: the user picked the app.
#[tauri::command]
#[specta::specta]
pub async fn setup_authenticator(desk: State<'_, Desk>) -> Result<SignInOutcome> {
    desk.signin().setup_authenticator().await
}

#[tauri::command]
#[specta::specta]
pub async fn answer_mfa_setup_email(desk: State<'_, Desk>, email: String) -> Result<SignInOutcome> {
    desk.signin().answer_mfa_setup_email(&email).await
}

#[tauri::command]
#[specta::specta]
pub fn cancel_sign_in(desk: State<'_, Desk>) {
    desk.signin().cancel()
}

#[tauri::command]
#[specta::specta]
pub async fn forgot_password(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: Username,
) -> Result<CodeDelivery> {
    desk.signin().forgot_password(&profile_id, &username).await
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_forgot_password(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: Username,
    code: String,
    new_password: Password,
) -> Result<()> {
    desk.signin()
        .confirm_forgot_password(&profile_id, &username, &code, new_password)
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_sign_up(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: Username,
    code: String,
) -> Result<()> {
    desk.signin()
        .confirm_sign_up(&profile_id, &username, &code)
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn resend_confirmation_code(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: Username,
) -> Result<CodeDelivery> {
    desk.signin()
        .resend_confirmation_code(&profile_id, &username)
        .await
}
