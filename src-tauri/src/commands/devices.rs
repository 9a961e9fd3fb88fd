//! This computer as the user's device, and the user's devices (session page), and a
//! user's devices on the workbench's user card.

use cognito_desk_core::desk::DeviceRow;
use cognito_desk_core::dto::SessionView;
use cognito_desk_core::error::Result;
use cognito_desk_core::ids::ProfileId;
use cognito_desk_core::Desk;
use tauri::State;

/// "Remember this computer" (or "Not now"): UpdateDeviceStatus.
#[tauri::command]
#[specta::specta]
pub async fn remember_device(desk: State<'_, Desk>, remembered: bool) -> Result<SessionView> {
    desk.devices().remember(remembered).await
}

/// ListDevices for the signed-in user.
#[tauri::command]
#[specta::specta]
pub async fn list_devices(desk: State<'_, Desk>) -> Result<Vec<DeviceRow>> {
    desk.devices().list().await
}

/// ForgetDevice; the list after it.
#[tauri::command]
#[specta::specta]
pub async fn forget_device(desk: State<'_, Desk>, key: String) -> Result<Vec<DeviceRow>> {
    desk.devices().forget(&key).await
}

/// AdminListDevices for the user card.
#[tauri::command]
#[specta::specta]
pub async fn admin_user_devices(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
) -> Result<Vec<DeviceRow>> {
    desk.admin().user_devices(&profile_id, &username).await
}

/// AdminForgetDevice; the user's devices after it.
#[tauri::command]
#[specta::specta]
pub async fn admin_forget_device(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
    key: String,
) -> Result<Vec<DeviceRow>> {
    desk.admin()
        .forget_user_device(&profile_id, &username, &key)
        .await
}
