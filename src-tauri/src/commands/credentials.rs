//! The AWS credentials page.

use super::write_secret_clipboard;
use cognito_desk_core::dto::{BucketsView, CallerView, CredentialsView};
use cognito_desk_core::{Desk, Result};
use tauri::{AppHandle, State};

#[tauri::command]
#[specta::specta]
pub async fn get_aws_credentials(desk: State<'_, Desk>) -> Result<CredentialsView> {
    desk.credentials().get().await
}

#[tauri::command]
#[specta::specta]
pub async fn list_s3_buckets(desk: State<'_, Desk>) -> Result<BucketsView> {
    desk.credentials().list_s3_buckets().await
}

#[tauri::command]
#[specta::specta]
pub async fn who_am_i(desk: State<'_, Desk>) -> Result<CallerView> {
    desk.credentials().who_am_i().await
}

/// The secret access key, only on an explicit "Show" click.
#[tauri::command]
#[specta::specta]
pub fn reveal_aws_secret_key(desk: State<'_, Desk>) -> Result<String> {
    desk.credentials().secret_key()
}

/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN / AWS_REGION lines on
/// the clipboard, from Rust.
#[tauri::command]
#[specta::specta]
pub fn copy_aws_env(app: AppHandle, desk: State<'_, Desk>) -> Result<u64> {
    write_secret_clipboard(&app, desk.credentials().env_text()?)
}
