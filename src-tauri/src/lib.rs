//! Cognito Desk: sign in to Amazon Cognito user pools with MFA, from the desktop.
//!
//! Domain modules (everything but `commands` and [`run`]) never import Tauri, so the
//! test bed drives them without a window.

pub mod aws;
pub mod cognito_errors;
mod commands;
pub mod credentials;
pub mod desk;
pub mod dto;
pub mod error;
pub mod hosted;
pub mod jwt;
pub mod mfa;
pub mod profile;
pub mod secret;
pub mod session;
pub mod signin;
pub mod vault;

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
            let desk = app.state::<desk::Desk>();
            match desk.refresh_if_due(session::now_secs()).await {
                Ok(Some(view)) => {
                    let _ = app.emit("session-refreshed", view);
                }
                Err(e) if e.code == "SessionRevoked" => {
                    let _ = app.emit("session-ended", e);
                }
                // Offline or throttled: the next tick tries again.
                Ok(None) | Err(_) => {}
            }
        }
    });
}

pub fn run() {
    let desk = desk::Desk::open(&profile::default_config_dir());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .manage(desk)
        .setup(|app| {
            start_refresh_timer(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_profiles,
            commands::validate_profile,
            commands::save_profile,
            commands::delete_profile,
            commands::select_profile,
            commands::reset_profiles_file,
            commands::sign_in,
            commands::answer_totp,
            commands::cancel_sign_in,
            commands::current_session,
            commands::sign_out,
            commands::answer_new_password,
            commands::answer_mfa_setup,
            commands::mfa_status,
            commands::begin_totp_enrollment,
            commands::verify_totp_enrollment,
            commands::cancel_totp_enrollment,
            commands::set_totp_preference,
            commands::copy_enrollment_text,
            commands::open_otpauth_uri,
            commands::restore_session,
            commands::refresh_session,
            commands::token_report,
            commands::copy_token,
            commands::get_aws_credentials,
            commands::list_s3_buckets,
            commands::who_am_i,
            commands::reveal_aws_secret_key,
            commands::copy_aws_env,
            commands::begin_managed_login,
            commands::finish_managed_login,
            commands::cancel_managed_login,
            commands::managed_login_report,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Cognito Desk could not start: {e}");
        std::process::exit(1);
    }
}
