//! A user's devices on the workbench's user card: AdminListDevices and
//! AdminForgetDevice (device tracking; the user's own view is desk/devices.rs).

use super::Admin;
use crate::desk::DeviceRow;
use crate::error::Result;

impl Admin<'_> {
    /// AdminListDevices: the user's devices (up to 60, Cognito's page limit).
    pub async fn user_devices(&self, username: &str) -> Result<Vec<DeviceRow>> {
        let out = self
            .run(
                self.on_user("AdminListDevices", username)
                    .param("Limit", "60"),
                self.clients
                    .idp
                    .admin_list_devices()
                    .user_pool_id(&self.pool_id)
                    .username(username)
                    .limit(60)
                    .send(),
            )
            .await?;
        Ok(out
            .devices()
            .iter()
            .map(|d| DeviceRow::of(d, None))
            .collect())
    }

    /// AdminForgetDevice, then the list again.
    pub async fn forget_user_device(&self, username: &str, key: &str) -> Result<Vec<DeviceRow>> {
        self.run(
            self.on_user("AdminForgetDevice", username)
                .param("DeviceKey", key),
            self.clients
                .idp
                .admin_forget_device()
                .user_pool_id(&self.pool_id)
                .username(username)
                .device_key(key)
                .send(),
        )
        .await?;
        self.user_devices(username).await
    }
}
