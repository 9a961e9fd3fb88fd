//! Managed login: open the browser, wait for the redirect, cancel, the tester's report.

use super::open_in_browser;
use cognito_desk_core::dto::{ManagedLoginReport, ManagedLoginStart, SignInOutcome};
use cognito_desk_core::ids::ProfileId;
use cognito_desk_core::{Desk, Result};
use tauri::{AppHandle, State};

/// Binds the redirect port, checks the request with the domain, opens the browser.
#[tauri::command]
#[specta::specta]
pub async fn begin_managed_login(
    app: AppHandle,
    desk: State<'_, Desk>,
    profile_id: ProfileId,
) -> Result<ManagedLoginStart> {
    let mut start = desk.managed().begin(&profile_id).await?;
    start.browser_opened = open_in_browser(&app, &start.authorize_url);
    Ok(start)
}

/// Waits (up to the timeout) for the browser's redirect and signs in.
#[tauri::command]
#[specta::specta]
pub async fn finish_managed_login(desk: State<'_, Desk>) -> Result<SignInOutcome> {
    desk.managed().finish().await
}

#[tauri::command]
#[specta::specta]
pub fn cancel_managed_login(desk: State<'_, Desk>) -> bool {
    desk.managed().cancel()
}

#[tauri::command]
#[specta::specta]
pub fn managed_login_report(desk: State<'_, Desk>) -> Option<ManagedLoginReport> {
    desk.managed().report()
}
