//! The workbench pages (pool, users, app client, identity pool, doctor): each command
//! names the profile it works on; the core resolves that profile's admin credentials.

use cognito_desk_core::admin::doctor::{CheckId, DoctorReport};
use cognito_desk_core::admin::{
    ClientChange, ClientView, GroupView, IdentityPoolView, MfaConfig, MfaPreferenceInput, NewUser,
    PoolSummary, UserDetail, UserFilter, UserPage,
};
use cognito_desk_core::error::Result;
use cognito_desk_core::ids::ProfileId;
use cognito_desk_core::secret::Password;
use cognito_desk_core::Desk;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn admin_pool(desk: State<'_, Desk>, profile_id: ProfileId) -> Result<PoolSummary> {
    desk.admin().pool(&profile_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_set_mfa_config(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    config: MfaConfig,
) -> Result<MfaConfig> {
    desk.admin().set_mfa_config(&profile_id, &config).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_list_users(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    filter: UserFilter,
    page: Option<String>,
) -> Result<UserPage> {
    desk.admin().list_users(&profile_id, &filter, page).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_user(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
) -> Result<UserDetail> {
    desk.admin().user(&profile_id, &username).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_create_user(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    user: NewUser,
) -> Result<UserDetail> {
    desk.admin().create_user(&profile_id, &user).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_set_password(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
    password: Password,
    permanent: bool,
) -> Result<UserDetail> {
    desk.admin()
        .set_password(&profile_id, &username, &password, permanent)
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_set_user_mfa(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
    preference: MfaPreferenceInput,
) -> Result<UserDetail> {
    desk.admin()
        .set_user_mfa(&profile_id, &username, &preference)
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_set_enabled(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
    enabled: bool,
) -> Result<UserDetail> {
    desk.admin()
        .set_enabled(&profile_id, &username, enabled)
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_reset_password(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
) -> Result<UserDetail> {
    desk.admin().reset_password(&profile_id, &username).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_global_sign_out(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
) -> Result<()> {
    desk.admin().global_sign_out(&profile_id, &username).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_delete_user(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
) -> Result<()> {
    desk.admin().delete_user(&profile_id, &username).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_groups(desk: State<'_, Desk>, profile_id: ProfileId) -> Result<Vec<GroupView>> {
    desk.admin().groups(&profile_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_create_group(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    name: String,
) -> Result<Vec<GroupView>> {
    desk.admin().create_group(&profile_id, &name).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_set_membership(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    username: String,
    group: String,
    member: bool,
) -> Result<UserDetail> {
    desk.admin()
        .set_membership(&profile_id, &username, &group, member)
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_client(desk: State<'_, Desk>, profile_id: ProfileId) -> Result<ClientView> {
    desk.admin().client(&profile_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_update_client(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    change: ClientChange,
) -> Result<ClientView> {
    desk.admin().update_client(&profile_id, &change).await
}

#[tauri::command]
#[specta::specta]
pub async fn admin_identity_pool(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
) -> Result<IdentityPoolView> {
    desk.admin().identity_pool(&profile_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn doctor(desk: State<'_, Desk>, profile_id: ProfileId) -> Result<DoctorReport> {
    desk.admin().diagnose(&profile_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn doctor_fix(
    desk: State<'_, Desk>,
    profile_id: ProfileId,
    check: CheckId,
) -> Result<DoctorReport> {
    desk.admin().fix(&profile_id, check).await
}
