//! Cognito Desk's window: the Tauri builder, the `#[tauri::command]` adapters
//! ([`commands`], one file per page) and the OS glue (clipboard, browser, opener). What
//! the app knows about Cognito lives in `cognito-desk-core`, which has no Tauri in its
//! tree.

mod bindings;
mod commands;
mod webkit;

use bindings::app_commands;

use cognito_desk_core::profile::default_config_dir;
use cognito_desk_core::session::now_secs;
use cognito_desk_core::vault::OsKeychain;
use cognito_desk_core::{Code, Desk};

/// "ja" when the OS language is Japanese, else "en".
pub fn os_language() -> &'static str {
    match sys_locale::get_locale() {
        Some(locale) if locale.to_ascii_lowercase().starts_with("ja") => "ja",
        _ => "en",
    }
}

/// Every 15 s: refresh the tokens when they expire within a minute, and tell the UI.
fn start_refresh_timer(app: tauri::AppHandle) {
    use tauri::{Emitter, Manager};
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(15)).await;
            let desk = app.state::<Desk>();
            match desk.session().refresh_if_due(now_secs()).await {
                Ok(Some(view)) => {
                    let _ = app.emit("session-refreshed", view);
                }
                Err(e) if e.code == Code::SessionRevoked => {
                    let _ = app.emit("session-ended", e);
                }
                // Offline or throttled: the core waits before its next try (backoff).
                Ok(None) | Err(_) => {}
            }
        }
    });
}

/// Each call the core records reaches the window's timeline as it happens (a
/// `call-recorded` event), not when the command that made it returns.
fn stream_calls(app: tauri::AppHandle) {
    use tauri::{Emitter, Manager};
    let emitter = app.clone();
    app.state::<Desk>()
        .calls()
        .observe(std::sync::Arc::new(move |record| {
            let _ = emitter.emit("call-recorded", record);
        }));
}

/// When the process started, for the startup probe (`scripts/bench`).
static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn mark_process_start() {
    PROCESS_START.get_or_init(std::time::Instant::now);
}

/// The first view is on screen and takes input. With `COGNITO_DESK_STARTUP_PROBE` set
/// (the benchmark), prints the milliseconds since the process started; else nothing.
#[tauri::command]
#[specta::specta]
fn startup_ready(view: String) {
    if std::env::var_os("COGNITO_DESK_STARTUP_PROBE").is_none() {
        return;
    }
    if let Some(start) = PROCESS_START.get() {
        println!(
            "startup-ready view={view} ms={}",
            start.elapsed().as_millis()
        );
    }
}

pub fn run() {
    let config_dir = match default_config_dir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cognito-desk: {} {}", e.message, e.hint);
            std::process::exit(1);
        }
    };
    let desk = Desk::open(&config_dir, Box::new(OsKeychain::default()));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .manage(desk)
        .manage(std::sync::Arc::new(
            commands::security_key::SecurityKeys::default(),
        ))
        .setup(|app| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                webkit::tune(&window);
            }
            start_refresh_timer(app.handle().clone());
            stream_calls(app.handle().clone());
            Ok(())
        })
        .invoke_handler(app_commands!(tauri::generate_handler))
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Cognito Desk could not start: {e}");
        std::process::exit(1);
    }
}
