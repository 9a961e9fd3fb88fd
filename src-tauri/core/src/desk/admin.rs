//! The admin screens' service: the selected profile's pool, administered with the
//! credentials its admin source gives (resolved on first use, never stored).

use super::Shared;
use crate::admin::doctor::{CheckId, DoctorReport};
use crate::admin::{
    Admin, ClientChange, ClientView, GroupView, IdentityPoolView, MfaConfig, MfaPreferenceInput,
    NewUser, PoolSummary, UserDetail, UserFilter, UserPage,
};
use crate::aws::{AdminClientCache, AdminClients};
use crate::error::Result;
use crate::error::{Code, Error};
use crate::ids::ProfileId;
use crate::profile::Profile;
use crate::secret::Password;
use std::sync::Arc;

#[derive(Debug)]
pub struct AdminService {
    shared: Arc<Shared>,
    clients: AdminClientCache,
}

/// A profile with its admin clients, for the length of one screen action.
struct Opened {
    profile: Profile,
    clients: AdminClients,
}

impl Opened {
    fn admin<'a>(&'a self, shared: &'a Shared) -> Admin<'a> {
        Admin::new(&self.clients, &shared.calls, &self.profile)
    }
}

impl AdminService {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self {
            shared,
            clients: AdminClientCache::default(),
        }
    }

    async fn open(&self, id: &ProfileId) -> Result<Opened> {
        let profile = self.shared.profiles.get(id)?;
        let clients = self.clients.get(&profile).await?;
        Ok(Opened { profile, clients })
    }

    pub async fn pool(&self, id: &ProfileId) -> Result<PoolSummary> {
        let o = self.open(id).await?;
        o.admin(&self.shared).pool_summary().await
    }

    pub async fn set_mfa_config(&self, id: &ProfileId, wanted: &MfaConfig) -> Result<MfaConfig> {
        let o = self.open(id).await?;
        o.admin(&self.shared).set_mfa_config(wanted).await
    }

    pub async fn list_users(
        &self,
        id: &ProfileId,
        filter: &UserFilter,
        page: Option<String>,
    ) -> Result<UserPage> {
        let o = self.open(id).await?;
        o.admin(&self.shared).list_users(filter, page).await
    }

    pub async fn user(&self, id: &ProfileId, username: &str) -> Result<UserDetail> {
        let o = self.open(id).await?;
        o.admin(&self.shared).user(username).await
    }

    pub async fn create_user(&self, id: &ProfileId, user: &NewUser) -> Result<UserDetail> {
        let o = self.open(id).await?;
        o.admin(&self.shared).create_user(user).await
    }

    /// AdminSetUserPassword, then the user as it is now.
    pub async fn set_password(
        &self,
        id: &ProfileId,
        username: &str,
        password: &Password,
        permanent: bool,
    ) -> Result<UserDetail> {
        let o = self.open(id).await?;
        let admin = o.admin(&self.shared);
        admin.set_password(username, password, permanent).await?;
        admin.user(username).await
    }

    pub async fn set_user_mfa(
        &self,
        id: &ProfileId,
        username: &str,
        input: &MfaPreferenceInput,
    ) -> Result<UserDetail> {
        let o = self.open(id).await?;
        o.admin(&self.shared).set_user_mfa(username, input).await
    }

    pub async fn set_enabled(
        &self,
        id: &ProfileId,
        username: &str,
        enabled: bool,
    ) -> Result<UserDetail> {
        let o = self.open(id).await?;
        o.admin(&self.shared).set_enabled(username, enabled).await
    }

    pub async fn reset_password(&self, id: &ProfileId, username: &str) -> Result<UserDetail> {
        let o = self.open(id).await?;
        o.admin(&self.shared).reset_password(username).await
    }

    pub async fn global_sign_out(&self, id: &ProfileId, username: &str) -> Result<()> {
        let o = self.open(id).await?;
        o.admin(&self.shared).global_sign_out(username).await
    }

    /// AdminListDevices for the user card.
    pub async fn user_devices(
        &self,
        id: &ProfileId,
        username: &str,
    ) -> Result<Vec<crate::desk::DeviceRow>> {
        let o = self.open(id).await?;
        o.admin(&self.shared).user_devices(username).await
    }

    /// AdminForgetDevice; the user's devices after it.
    pub async fn forget_user_device(
        &self,
        id: &ProfileId,
        username: &str,
        key: &str,
    ) -> Result<Vec<crate::desk::DeviceRow>> {
        let o = self.open(id).await?;
        o.admin(&self.shared)
            .forget_user_device(username, key)
            .await
    }

    pub async fn delete_user(&self, id: &ProfileId, username: &str) -> Result<()> {
        let o = self.open(id).await?;
        o.admin(&self.shared).delete_user(username).await
    }

    pub async fn groups(&self, id: &ProfileId) -> Result<Vec<GroupView>> {
        let o = self.open(id).await?;
        o.admin(&self.shared).groups().await
    }

    pub async fn create_group(&self, id: &ProfileId, name: &str) -> Result<Vec<GroupView>> {
        let o = self.open(id).await?;
        let admin = o.admin(&self.shared);
        admin.create_group(name).await?;
        admin.groups().await
    }

    /// Adds the user to `group` or removes them; the user as it is now.
    pub async fn set_membership(
        &self,
        id: &ProfileId,
        username: &str,
        group: &str,
        member: bool,
    ) -> Result<UserDetail> {
        let o = self.open(id).await?;
        let admin = o.admin(&self.shared);
        admin.set_membership(username, group, member).await?;
        admin.user(username).await
    }

    /// DescribeUserPoolClient of the profile's app client.
    pub async fn client(&self, id: &ProfileId) -> Result<ClientView> {
        let o = self.open(id).await?;
        let client = o.profile.settings.client_id.as_str();
        o.admin(&self.shared).client(client).await
    }

    /// UpdateUserPoolClient with the complete current configuration, `change` on top.
    pub async fn update_client(&self, id: &ProfileId, change: &ClientChange) -> Result<ClientView> {
        let o = self.open(id).await?;
        let client = o.profile.settings.client_id.as_str();
        o.admin(&self.shared).update_client(client, change).await
    }

    /// The profile's identity pool.
    pub async fn identity_pool(&self, id: &ProfileId) -> Result<IdentityPoolView> {
        let o = self.open(id).await?;
        let Some(pool) = o.profile.settings.identity_pool_id.clone() else {
            return Err(Error::new(
                Code::NoIdentityPool,
                "This profile names no identity pool.",
                "Edit the profile and enter the identity pool id (Cognito console → Identity pools).",
            ));
        };
        o.admin(&self.shared).identity_pool(&pool).await
    }

    pub async fn diagnose(&self, id: &ProfileId) -> Result<DoctorReport> {
        let o = self.open(id).await?;
        o.admin(&self.shared).diagnose(&o.profile).await
    }

    pub async fn fix(&self, id: &ProfileId, check: CheckId) -> Result<DoctorReport> {
        let o = self.open(id).await?;
        o.admin(&self.shared).fix(&o.profile, check).await
    }
}
