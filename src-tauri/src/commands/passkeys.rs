//! Passkeys: the signed-in user's list, the test passkey's registration, deleting one
//! (MFA page), and the WEB_AUTHN step of a sign-in.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::error::Result;
use cognito_desk_core::passkey::PasskeyRow;
use cognito_desk_core::Desk;
use tauri::State;

/// ListWebAuthnCredentials for the signed-in user.
#[tauri::command]
#[specta::specta]
pub async fn list_passkeys(desk: State<'_, Desk>) -> Result<Vec<PasskeyRow>> {
    desk.passkeys().list().await
}

/// Registers a test passkey (kept in the keychain); the list after it.
#[tauri::command]
#[specta::specta]
pub async fn register_test_passkey(desk: State<'_, Desk>) -> Result<Vec<PasskeyRow>> {
    desk.passkeys().register_test_passkey().await
}

/// DeleteWebAuthnCredential; the list after it.
#[tauri::command]
#[specta::specta]
pub async fn delete_passkey(
    desk: State<'_, Desk>,
    credential_id: String,
) -> Result<Vec<PasskeyRow>> {
    desk.passkeys().delete(&credential_id).await
}

/// WEB_AUTHN answered with the test passkey kept for the user.
#[tauri::command]
#[specta::specta]
pub async fn answer_with_test_passkey(desk: State<'_, Desk>) -> Result<SignInOutcome> {
    desk.signin().answer_with_test_passkey().await
}

/// Leaves the passkey step for Cognito's choice of first factors.
#[tauri::command]
#[specta::specta]
pub async fn choose_another_way(desk: State<'_, Desk>) -> Result<SignInOutcome> {
    desk.signin().choose_another_way().await
}
