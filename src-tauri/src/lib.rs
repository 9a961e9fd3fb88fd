//! Cognito Desk: sign in to Amazon Cognito user pools with MFA, from the desktop.
//!
//! Domain modules (everything but `commands` and [`run`]) never import Tauri, so the
//! test bed drives them without a window.

pub mod aws;
pub mod cognito_errors;
mod commands;
pub mod desk;
pub mod dto;
pub mod error;
pub mod jwt;
pub mod mfa;
pub mod profile;
pub mod secret;
pub mod session;
pub mod signin;

/// "ja" when the OS language is Japanese, else "en".
pub fn os_language() -> &'static str {
    match sys_locale::get_locale() {
        Some(locale) if locale.to_ascii_lowercase().starts_with("ja") => "ja",
        _ => "en",
    }
}

pub fn run() {
    let desk = desk::Desk::open(&profile::default_config_dir());
    let result = tauri::Builder::default()
        .manage(desk)
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
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Cognito Desk could not start: {e}");
        std::process::exit(1);
    }
}
