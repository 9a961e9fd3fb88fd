//! `#[tauri::command]` adapters: parse input, call the core, return DTOs. No logic here.

use crate::desk::{Desk, EnrollmentText, WhichToken};
use crate::dto::{
    AppInfo, EnrollmentView, MfaStatus, MovedFile, ProfilesView, RestoreOutcome, SessionView,
    SignInOutcome, SignOutReport, TokenReport,
};
use crate::dto::{BucketsView, CallerView, CredentialsView};
use crate::dto::{ManagedLoginReport, ManagedLoginStart};
use crate::error::{Error, FieldError, Result};
use crate::hosted;
use crate::profile::{Profile, ProfileInput};
use crate::secret::Password;
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

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

/// Environment variable naming the program that opens managed-login pages instead of
/// the system's default browser (e.g. `firefox`; the GUI tests use a recorder).
pub const BROWSER_ENV: &str = "COGNITO_DESK_BROWSER";

/// Opens `url` in the browser the user chose, else the system's default one.
fn open_in_browser(app: &AppHandle, url: &str) -> bool {
    let with = std::env::var(BROWSER_ENV)
        .ok()
        .filter(|p| !p.trim().is_empty());
    app.opener().open_url(url, with).is_ok()
}

/// Signs out; for a managed-login session with `browser_logout`, also opens the
/// domain's `/logout` in the browser and answers its return with a "Signed out" page.
#[tauri::command]
pub async fn sign_out(
    app: AppHandle,
    desk: State<'_, Desk>,
    everywhere: bool,
    browser_logout: Option<bool>,
) -> Result<SignOutReport> {
    let mut report = desk.sign_out(everywhere).await;
    if browser_logout == Some(true) {
        if let Some(url) = report.managed_logout_url.clone() {
            let back = desk.logout_return(&url).await.ok();
            report.browser_logout_opened = open_in_browser(&app, &url);
            if let (true, Some(back)) = (report.browser_logout_opened, back) {
                tauri::async_runtime::spawn(back.serve(hosted::LOGOUT_RETURN_WAIT));
            }
        }
    }
    Ok(report)
}

/// Binds the redirect port, checks the request with the domain, opens the browser.
#[tauri::command]
pub async fn begin_managed_login(
    app: AppHandle,
    desk: State<'_, Desk>,
    profile_id: String,
) -> Result<ManagedLoginStart> {
    let mut start = desk.begin_managed_login(&profile_id).await?;
    start.browser_opened = open_in_browser(&app, &start.authorize_url);
    Ok(start)
}

/// Waits (up to the timeout) for the browser's redirect and signs in.
#[tauri::command]
pub async fn finish_managed_login(desk: State<'_, Desk>) -> Result<SignInOutcome> {
    desk.finish_managed_login().await
}

#[tauri::command]
pub fn cancel_managed_login(desk: State<'_, Desk>) -> bool {
    desk.cancel_managed_login()
}

#[tauri::command]
pub fn managed_login_report(desk: State<'_, Desk>) -> Option<ManagedLoginReport> {
    desk.managed_login_report()
}

#[tauri::command]
pub async fn restore_session(desk: State<'_, Desk>) -> Result<RestoreOutcome> {
    Ok(desk.restore().await)
}

#[tauri::command]
pub async fn refresh_session(desk: State<'_, Desk>) -> Result<SessionView> {
    desk.refresh_session().await
}

#[tauri::command]
pub async fn token_report(desk: State<'_, Desk>) -> Result<TokenReport> {
    desk.token_report().await
}

/// Writes the ID or access token to the clipboard from Rust, on an explicit click: the
/// webview never holds a whole token.
#[tauri::command]
pub fn copy_token(app: AppHandle, desk: State<'_, Desk>, which: WhichToken) -> Result<()> {
    write_clipboard(&app, desk.token_text(which)?)
}

fn write_clipboard(app: &AppHandle, text: String) -> Result<()> {
    app.clipboard().write_text(text).map_err(|e| {
        Error::new(
            "ClipboardUnavailable",
            format!("The clipboard could not be written: {e}."),
            "Select the text and copy it by hand.",
        )
    })
}

#[tauri::command]
pub async fn answer_new_password(
    desk: State<'_, Desk>,
    new_password: String,
) -> Result<SignInOutcome> {
    desk.answer_new_password(Password::new(new_password)).await
}

#[tauri::command]
pub async fn answer_mfa_setup(
    desk: State<'_, Desk>,
    code: String,
    device_name: Option<String>,
) -> Result<SignInOutcome> {
    desk.answer_mfa_setup(&code, device_name.as_deref()).await
}

#[tauri::command]
pub async fn mfa_status(desk: State<'_, Desk>) -> Result<MfaStatus> {
    desk.mfa_status().await
}

#[tauri::command]
pub async fn begin_totp_enrollment(desk: State<'_, Desk>) -> Result<EnrollmentView> {
    desk.begin_totp_enrollment().await
}

#[tauri::command]
pub async fn verify_totp_enrollment(
    desk: State<'_, Desk>,
    code: String,
    device_name: Option<String>,
) -> Result<MfaStatus> {
    desk.verify_totp_enrollment(&code, device_name.as_deref())
        .await
}

#[tauri::command]
pub fn cancel_totp_enrollment(desk: State<'_, Desk>) {
    desk.cancel_totp_enrollment()
}

#[tauri::command]
pub async fn set_totp_preference(
    desk: State<'_, Desk>,
    enabled: bool,
    preferred: bool,
) -> Result<MfaStatus> {
    desk.set_totp_preference(enabled, preferred).await
}

/// Writes the secret or the otpauth URI of the enrollment in progress to the clipboard,
/// from Rust, on an explicit click.
#[tauri::command]
pub fn copy_enrollment_text(
    app: AppHandle,
    desk: State<'_, Desk>,
    what: EnrollmentText,
) -> Result<()> {
    write_clipboard(&app, desk.enrollment_text(what)?)
}

/// Hands the otpauth URI to the system, which opens an installed authenticator app.
#[tauri::command]
pub fn open_otpauth_uri(app: AppHandle, desk: State<'_, Desk>) -> Result<()> {
    let uri = desk.enrollment_text(EnrollmentText::Uri)?;
    app.opener().open_url(uri, None::<&str>).map_err(|e| {
        Error::new(
            "NoAuthenticatorApp",
            format!("No program on this computer opens otpauth links ({e})."),
            "Scan the QR code with your phone, or copy the key into your authenticator app.",
        )
    })
}

#[tauri::command]
pub async fn get_aws_credentials(desk: State<'_, Desk>) -> Result<CredentialsView> {
    desk.get_aws_credentials().await
}

#[tauri::command]
pub async fn list_s3_buckets(desk: State<'_, Desk>) -> Result<BucketsView> {
    desk.list_s3_buckets().await
}

#[tauri::command]
pub async fn who_am_i(desk: State<'_, Desk>) -> Result<CallerView> {
    desk.who_am_i().await
}

/// The secret access key, only on an explicit "Show" click.
#[tauri::command]
pub fn reveal_aws_secret_key(desk: State<'_, Desk>) -> Result<String> {
    desk.aws_secret_key()
}

/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN / AWS_REGION lines on
/// the clipboard, from Rust.
#[tauri::command]
pub fn copy_aws_env(app: AppHandle, desk: State<'_, Desk>) -> Result<()> {
    write_clipboard(&app, desk.aws_env_text()?)
}
