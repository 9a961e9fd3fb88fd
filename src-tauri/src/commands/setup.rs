//! The workbench's test setups: made and torn down from the window. Each step reaches the
//! page as a `setup-progress` event while the command runs (a setup takes seconds on an
//! emulator, a minute or more on AWS); the command's result is the outcome.

use cognito_desk_core::desk::SetupOutcome;
use cognito_desk_core::error::Result;
use cognito_desk_core::secret::Password;
use cognito_desk_core::setup::{Manifest, SetupProgress, SetupRequest, TeardownReport};
use cognito_desk_core::Desk;
use tauri::{AppHandle, Emitter, State};

/// The event each step travels as.
pub const PROGRESS_EVENT: &str = "setup-progress";

fn to_the_window(app: AppHandle) -> impl Fn(SetupProgress) + Send + Sync {
    move |step| {
        let _ = app.emit(PROGRESS_EVENT, step);
    }
}

/// The setups made on this computer and not torn down, newest first.
#[tauri::command]
#[specta::specta]
pub fn list_setups(desk: State<'_, Desk>) -> Vec<Manifest> {
    desk.setups()
}

/// Makes the setup; its users get `password` (kept nowhere).
#[tauri::command]
#[specta::specta]
pub async fn create_setup(
    app: AppHandle,
    desk: State<'_, Desk>,
    request: SetupRequest,
    password: Password,
) -> Result<SetupOutcome> {
    let progress = to_the_window(app);
    desk.create_setup(&request, &password, &progress).await
}

/// Tears the setup `name` down: exactly what its record lists.
#[tauri::command]
#[specta::specta]
pub async fn destroy_setup(
    app: AppHandle,
    desk: State<'_, Desk>,
    name: String,
) -> Result<TeardownReport> {
    let progress = to_the_window(app);
    desk.destroy_setup(&name, &progress).await
}

/// The same setup as a CloudFormation template (YAML, no secret) on the clipboard.
#[tauri::command]
#[specta::specta]
pub fn copy_setup_template(app: AppHandle) -> Result<()> {
    let yaml = cognito_desk_core::setup::template_yaml()?;
    super::write_clipboard(&app, yaml)
}
