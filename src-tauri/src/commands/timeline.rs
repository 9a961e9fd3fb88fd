//! The timeline: every call the core made, and its export.

use super::write_clipboard;
use cognito_desk_core::aws::CallRecord;
use cognito_desk_core::error::Result;
use cognito_desk_core::Desk;
use tauri::{AppHandle, State};

/// Every recorded call, oldest first (new ones arrive as `call-recorded` events).
#[tauri::command]
#[specta::specta]
pub fn timeline(desk: State<'_, Desk>) -> Vec<CallRecord> {
    desk.calls().records()
}

/// "Copy as aws-cli": the command goes to the clipboard (from Rust) and back to the
/// row to show it; it holds shell variables, never a secret.
#[tauri::command]
#[specta::specta]
pub fn copy_aws_cli(app: AppHandle, desk: State<'_, Desk>, seq: u64) -> Result<String> {
    let command = desk.calls().aws_cli(seq).ok_or_else(|| {
        cognito_desk_core::Error::new(
            cognito_desk_core::Code::Internal,
            "This call has no aws-cli form (it is not an AWS API call, or it left the log).",
            "Copy the timeline as JSON instead.",
        )
    })?;
    write_clipboard(&app, command.clone())?;
    Ok(command)
}

/// The timeline as JSON on the clipboard (secrets are `$VARIABLES` in it already).
#[tauri::command]
#[specta::specta]
pub fn copy_timeline_json(app: AppHandle, desk: State<'_, Desk>) -> Result<()> {
    write_clipboard(&app, desk.calls().export_json())
}
