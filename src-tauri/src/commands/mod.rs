//! `#[tauri::command]` adapters, one file per page: parse input, call the core, return
//! its views. No logic here beyond the OS glue (clipboard, browser, opener).

pub mod admin;
pub mod credentials;
pub mod devices;
pub mod managed;
pub mod mfa;
pub mod passkeys;
pub mod profiles;
pub mod security_key;
pub mod session;
pub mod setup;
pub mod signin;
pub mod timeline;

use cognito_desk_core::{Code, Desk, Error, Result};
use tauri::{AppHandle, Manager};
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

/// Runs `f` on a blocking thread. For commands that use the keychain: a Secret Service
/// call blocks (D-Bus, and an unlock prompt can wait for the user), and a sync command
/// would run it on the window's main thread and freeze the window meanwhile.
async fn off_the_ui_thread<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&Desk) -> T + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app.state::<Desk>()))
        .await
        .map_err(|e| Error::internal(format!("a keychain task failed: {e}")))
}

/// How long a copied secret stays on the clipboard: long enough to paste it.
const SECRET_CLIPBOARD_SECS: u64 = 30;
/// Overrides [`SECRET_CLIPBOARD_SECS`] (the GUI test waits seconds, not half a minute),
/// within 1 s to 5 min.
const SECRET_CLIPBOARD_ENV: &str = "COGNITO_DESK_CLIPBOARD_CLEAR_SECS";

/// Counts secret copies: only the latest copy's timer may clear the clipboard (copying
/// the same token again at 25 s must not lose it 5 s later).
static SECRET_COPIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Writes a secret (a token, the TOTP key or link, AWS credentials) to the clipboard,
/// and clears it after [`SECRET_CLIPBOARD_SECS`] if the clipboard still holds it (a
/// later copy of something else is left alone). Meanwhile only a keyed hash of the
/// text stays in memory. Returns the seconds, for the window's note. A clipboard
/// manager's history is beyond reach; the note says so.
fn write_secret_clipboard(app: &AppHandle, text: String) -> Result<u64> {
    use std::hash::BuildHasher;
    use std::sync::atomic::Ordering;
    let secs = std::env::var(SECRET_CLIPBOARD_ENV)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map_or(SECRET_CLIPBOARD_SECS, |s| s.clamp(1, 300));
    let hasher = std::hash::RandomState::new();
    let digest = hasher.hash_one(&text);
    write_clipboard(app, text)?;
    let copy = SECRET_COPIES.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(secs)).await;
        if SECRET_COPIES.load(Ordering::SeqCst) != copy {
            return; // a later copy has its own timer
        }
        let clipboard = app.clipboard();
        let still_ours = clipboard
            .read_text()
            .is_ok_and(|now| hasher.hash_one(&now) == digest);
        if still_ours {
            let _ = clipboard.clear();
        }
    });
    Ok(secs)
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
