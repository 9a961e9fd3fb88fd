//! `#[tauri::command]` adapters, one file per page: parse input, call the core, return
//! its views. No logic here beyond the OS glue (clipboard, browser, opener).

pub mod admin;
pub mod credentials;
pub mod managed;
pub mod mfa;
pub mod profiles;
pub mod session;
pub mod signin;
pub mod timeline;

use cognito_desk_core::{Code, Error, Result};
use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

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

/// Writes the clipboard from Rust, on an explicit click: the webview never holds the
/// whole secret.
fn write_clipboard(app: &AppHandle, text: String) -> Result<()> {
    app.clipboard().write_text(text).map_err(|e| {
        Error::new(
            Code::ClipboardUnavailable,
            format!("The clipboard could not be written: {e}."),
            "Select the text and copy it by hand.",
        )
    })
}
