//! The sign-in form and its challenge screens.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::error::Result;
use cognito_desk_core::ids::{ProfileId, Username};
use cognito_desk_core::secret::Password;
use cognito_desk_core::Desk;
use tauri::State;

#[tauri::command]
pub async fn sign_in(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: Username,
    password: Password,
) -> Result<SignInOutcome> {
    desk.signin()
        .sign_in(&profile_id, &username, password)
        .await
}

#[tauri::command]
pub async fn answer_totp(desk: State<'_, Desk>, code: String) -> Result<SignInOutcome> {
    desk.signin().answer_totp(&code).await
}

#[tauri::command]
pub async fn answer_new_password(
    desk: State<'_, Desk>,
    new_password: Password,
) -> Result<SignInOutcome> {
    desk.signin().answer_new_password(new_password).await
}

#[tauri::command]
pub async fn answer_mfa_setup(
    desk: State<'_, Desk>,
    code: String,
    device_name: Option<String>,
) -> Result<SignInOutcome> {
    desk.signin()
        .answer_mfa_setup(&code, device_name.as_deref())
        .await
}

#[tauri::command]
pub fn cancel_sign_in(desk: State<'_, Desk>) {
    desk.signin().cancel()
}
