//! The MFA page (and the MFA_SETUP screen's copy and open buttons).

use super::{off_the_ui_thread, write_secret_clipboard};
use cognito_desk_core::dto::{EnrollmentText, EnrollmentView, MfaStatus};
use cognito_desk_core::{Code, Desk, Error, Result};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
#[specta::specta]
pub async fn mfa_status(desk: State<'_, Desk>) -> Result<MfaStatus> {
    desk.mfa().status().await
}

#[tauri::command]
#[specta::specta]
pub async fn begin_totp_enrollment(desk: State<'_, Desk>) -> Result<EnrollmentView> {
    desk.mfa().begin_totp_enrollment().await
}

#[tauri::command]
#[specta::specta]
pub async fn verify_totp_enrollment(
    desk: State<'_, Desk>,
    code: String,
    device_name: Option<String>,
    remember_for_tests: bool,
) -> Result<MfaStatus> {
    desk.mfa()
        .verify_totp_enrollment(&code, device_name.as_deref(), remember_for_tests)
        .await
}

/// The current code of a test account (shown on the MFA page on request); its secret
/// comes from the keychain.
#[tauri::command]
#[specta::specta]
pub async fn test_code(app: AppHandle) -> Result<cognito_desk_core::testauth::TestCode> {
    off_the_ui_thread(app, |desk| desk.mfa().test_code()).await?
}

#[tauri::command]
#[specta::specta]
pub async fn forget_test_secret(app: AppHandle) -> Result<MfaStatus> {
    off_the_ui_thread(app, |desk| desk.mfa().forget_test_secret()).await?
}

#[tauri::command]
#[specta::specta]
pub fn cancel_totp_enrollment(desk: State<'_, Desk>) {
    desk.mfa().cancel_totp_enrollment()
}

#[tauri::command]
#[specta::specta]
pub async fn set_totp_preference(
    desk: State<'_, Desk>,
    enabled: bool,
    preferred: bool,
) -> Result<MfaStatus> {
    desk.mfa().set_totp_preference(enabled, preferred).await
}

/// Writes the secret or the otpauth URI of the enrollment in progress to the clipboard,
/// from Rust, on an explicit click.
#[tauri::command]
#[specta::specta]
pub fn copy_enrollment_text(
    app: AppHandle,
    desk: State<'_, Desk>,
    what: EnrollmentText,
) -> Result<u64> {
    write_secret_clipboard(&app, desk.enrollment_text(what)?)
}

/// Hands the otpauth URI to the system, which opens an installed authenticator app.
#[tauri::command]
#[specta::specta]
pub fn open_otpauth_uri(app: AppHandle, desk: State<'_, Desk>) -> Result<()> {
    let uri = desk.enrollment_text(EnrollmentText::Uri)?;
    app.opener().open_url(uri, None::<&str>).map_err(|e| {
        Error::new(
            Code::NoAuthenticatorApp,
            format!("No program on this computer opens otpauth links ({e})."),
            "Scan the QR code with your phone, or copy the key into your authenticator app.",
        )
    })
}
