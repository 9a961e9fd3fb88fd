//! The session and token pages: restore, refresh, sign-out, the token report and copies.

use super::{open_in_browser, write_secret_clipboard};
use cognito_desk_core::dto::{RestoreOutcome, SessionView, SignOutReport, TokenReport, WhichToken};
use cognito_desk_core::error::Result;
use cognito_desk_core::{hosted, Desk};
use tauri::{AppHandle, State};

#[tauri::command]
#[specta::specta]
pub fn current_session(desk: State<'_, Desk>) -> Option<SessionView> {
    desk.session().current()
}

#[tauri::command]
#[specta::specta]
pub async fn restore_session(desk: State<'_, Desk>) -> Result<RestoreOutcome> {
    Ok(desk.session().restore().await)
}

#[tauri::command]
#[specta::specta]
pub async fn refresh_session(desk: State<'_, Desk>) -> Result<SessionView> {
    desk.session().refresh().await
}

/// Signs out; for a managed-login session with `browser_logout`, also opens the
/// domain's `/logout` in the browser and answers its return with a "Signed out" page.
#[tauri::command]
#[specta::specta]
pub async fn sign_out(
    app: AppHandle,
    desk: State<'_, Desk>,
    everywhere: bool,
    browser_logout: Option<bool>,
) -> Result<SignOutReport> {
    let mut report = desk.sign_out(everywhere).await;
    if browser_logout == Some(true) {
        if let Some(url) = report.managed_logout_url.clone() {
            let back = desk.managed().logout_return(&url).await.ok();
            report.browser_logout_opened = open_in_browser(&app, &url);
            if let (true, Some(back)) = (report.browser_logout_opened, back) {
                tauri::async_runtime::spawn(back.serve(hosted::LOGOUT_RETURN_WAIT));
            }
        }
    }
    Ok(report)
}

#[tauri::command]
#[specta::specta]
pub async fn token_report(desk: State<'_, Desk>) -> Result<TokenReport> {
    desk.tokens().report().await
}

/// Writes the ID or access token to the clipboard from Rust, on an explicit click: the
/// webview never holds a whole token.
#[tauri::command]
#[specta::specta]
pub fn copy_token(app: AppHandle, desk: State<'_, Desk>, which: WhichToken) -> Result<u64> {
    write_secret_clipboard(&app, desk.tokens().text(which)?)
}
