//! Groups: a user's groups reach the ID token as `cognito:groups`.

use super::Admin;
use crate::error::{Code, Error, Result};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GroupView {
    pub name: String,
    pub description: Option<String>,
    pub precedence: Option<i32>,
}

impl Admin<'_> {
    /// ListGroups (the first 60; a test pool has a handful).
    pub async fn groups(&self) -> Result<Vec<GroupView>> {
        let req = self
            .clients
            .idp
            .list_groups()
            .user_pool_id(&self.pool_id)
            .limit(60);
        let out = self.run(self.on_pool("ListGroups"), req.send()).await?;
        Ok(out
            .groups()
            .iter()
            .map(|g| GroupView {
                name: g.group_name().unwrap_or_default().to_owned(),
                description: g.description().map(str::to_owned),
                precedence: g.precedence(),
            })
            .collect())
    }

    /// CreateGroup.
    pub async fn create_group(&self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::new(
                Code::InvalidParameterException,
                "A group needs a name.",
                "Type the group's name, e.g. testers.",
            ));
        }
        let req = self
            .clients
            .idp
            .create_group()
            .user_pool_id(&self.pool_id)
            .group_name(name);
        let call = self.on_pool("CreateGroup").param("GroupName", name);
        self.run(call, req.send()).await?;
        Ok(())
    }

    /// AdminListGroupsForUser.
    pub(super) async fn groups_of(&self, username: &str) -> Result<Vec<String>> {
        let req = self
            .clients
            .idp
            .admin_list_groups_for_user()
            .user_pool_id(&self.pool_id)
            .username(username)
            .limit(60);
        let out = self
            .run(self.on_user("AdminListGroupsForUser", username), req.send())
            .await?;
        Ok(out
            .groups()
            .iter()
            .filter_map(|g| g.group_name())
            .map(str::to_owned)
            .collect())
    }

    /// AdminAddUserToGroup / AdminRemoveUserFromGroup.
    pub async fn set_membership(&self, username: &str, group: &str, member: bool) -> Result<()> {
        let idp = &self.clients.idp;
        if member {
            let call = self
                .on_user("AdminAddUserToGroup", username)
                .param("GroupName", group);
            let req = idp
                .admin_add_user_to_group()
                .user_pool_id(&self.pool_id)
                .username(username)
                .group_name(group);
            self.run(call, req.send()).await?;
        } else {
            let call = self
                .on_user("AdminRemoveUserFromGroup", username)
                .param("GroupName", group);
            let req = idp
                .admin_remove_user_from_group()
                .user_pool_id(&self.pool_id)
                .username(username)
                .group_name(group);
            self.run(call, req.send()).await?;
        }
        Ok(())
    }
}
