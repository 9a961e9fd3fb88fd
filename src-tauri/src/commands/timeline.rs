//! The timeline: every call the core made, and its export.

use super::write_clipboard;
use cognito_desk_core::aws::CallRecord;
use cognito_desk_core::error::Result;
use cognito_desk_core::Desk;
use tauri::{AppHandle, State};

/// Every recorded call, oldest first (new ones arrive as `call-recorded` events).
#[tauri::command]
pub fn timeline(desk: State<'_, Desk>) -> Vec<CallRecord> {
    desk.calls().records()
}

/// The timeline as JSON on the clipboard (secrets are `$VARIABLES` in it already).
#[tauri::command]
pub fn copy_timeline_json(app: AppHandle, desk: State<'_, Desk>) -> Result<()> {
    write_clipboard(&app, desk.calls().export_json())
}
