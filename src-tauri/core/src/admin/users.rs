//! The users screen: ListUsers with a filter and pages, AdminGetUser with the user's
//! MFA state and groups, and the walkthrough's user steps (create without mail, a
//! permanent password, MFA preference, enable/disable, reset, sign out, delete).

use super::{secs, text, Admin};
use crate::error::{Code, Error, Result};
use crate::secret::Password;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, EmailMfaSettingsType, MessageActionType, SmsMfaSettingsType,
    SoftwareTokenMfaSettingsType,
};
use serde::{Deserialize, Serialize};

/// ListUsers can filter on these attributes only (Cognito refuses the others).
pub const FILTER_ATTRIBUTES: &[&str] = &[
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
];

/// Users per page (ListUsers allows up to 60).
pub const PAGE_SIZE: i32 = 20;

/// What the filter row of the users screen sends.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UserFilter {
    #[serde(default)]
    pub attribute: String,
    /// `^=` (starts with) instead of `=`.
    #[serde(default)]
    pub prefix: bool,
    #[serde(default)]
    pub value: String,
}

impl UserFilter {
    /// ListUsers' filter string (`email ^= "demo"`), or none for an empty value.
    pub fn expression(&self) -> Result<Option<String>> {
        let value = self.value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        if !FILTER_ATTRIBUTES.contains(&self.attribute.as_str()) {
            return Err(Error::new(
                Code::InvalidParameterException,
                format!("ListUsers cannot filter on “{}”.", self.attribute),
                format!("Filter on one of {}.", FILTER_ATTRIBUTES.join(", ")),
            ));
        }
        let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
        let op = if self.prefix { "^=" } else { "=" };
        Ok(Some(format!("{} {op} \"{quoted}\"", self.attribute)))
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UserRow {
    pub username: String,
    pub status: Option<String>,
    pub enabled: bool,
    pub email: Option<String>,
    pub created: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UserPage {
    pub users: Vec<UserRow>,
    /// The token for the next page; none on the last one.
    pub next: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UserDetail {
    pub username: String,
    pub status: Option<String>,
    pub enabled: bool,
    pub attributes: Vec<(String, String)>,
    /// PreferredMfaSetting (`SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`).
    pub preferred_mfa: Option<String>,
    /// UserMFASettingList: the methods turned on for the user.
    pub mfa_methods: Vec<String>,
    pub groups: Vec<String>,
    pub created: Option<i64>,
    pub modified: Option<i64>,
}

/// A test user as the create form sends it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    pub username: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: bool,
    pub password: Password,
    /// AdminSetUserPassword --permanent after creating: no NEW_PASSWORD_REQUIRED.
    #[serde(default)]
    pub permanent: bool,
}

/// An MFA method of AdminSetUserMFAPreference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MfaMethod {
    SoftwareTokenMfa,
    SmsMfa,
    EmailOtp,
}

/// One method's row on the user's MFA card.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MfaPreferenceInput {
    pub method: MfaMethod,
    pub enabled: bool,
    #[serde(default)]
    pub preferred: bool,
}

impl Admin<'_> {
    /// One page of ListUsers.
    pub async fn list_users(&self, filter: &UserFilter, page: Option<String>) -> Result<UserPage> {
        let expression = filter.expression()?;
        let mut call = self
            .on_pool("ListUsers")
            .param("Limit", PAGE_SIZE.to_string());
        if let Some(f) = &expression {
            call = call.param("Filter", f);
        }
        if let Some(token) = &page {
            call = call.param("PaginationToken", token);
        }
        let out = self
            .run(
                call,
                self.clients
                    .idp
                    .list_users()
                    .user_pool_id(&self.pool_id)
                    .limit(PAGE_SIZE)
                    .set_filter(expression)
                    .set_pagination_token(page)
                    .send(),
            )
            .await?;
        let users = out
            .users()
            .iter()
            .map(|u| UserRow {
                username: u.username().unwrap_or_default().to_owned(),
                status: u.user_status().map(text),
                enabled: u.enabled(),
                email: attribute(u.attributes(), "email"),
                created: secs(u.user_create_date()),
            })
            .collect();
        Ok(UserPage {
            users,
            next: out.pagination_token().map(str::to_owned),
        })
    }

    /// AdminGetUser and AdminListGroupsForUser.
    pub async fn user(&self, username: &str) -> Result<UserDetail> {
        let out = self
            .run(
                self.on_user("AdminGetUser", username),
                self.clients
                    .idp
                    .admin_get_user()
                    .user_pool_id(&self.pool_id)
                    .username(username)
                    .send(),
            )
            .await?;
        let groups = self.groups_of(username).await?;
        Ok(UserDetail {
            username: out.username().to_owned(),
            status: out.user_status().map(text),
            enabled: out.enabled(),
            attributes: out
                .user_attributes()
                .iter()
                .map(|a| {
                    (
                        a.name().to_owned(),
                        a.value().unwrap_or_default().to_owned(),
                    )
                })
                .collect(),
            // ministack sends "" for no preference; AWS and moto leave it out.
            preferred_mfa: out
                .preferred_mfa_setting()
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
            mfa_methods: out.user_mfa_setting_list().to_vec(),
            groups,
            created: secs(out.user_create_date()),
            modified: secs(out.user_last_modified_date()),
        })
    }

    /// AdminCreateUser without a message (SUPPRESS), then, for a permanent password,
    /// AdminSetUserPassword — the walkthrough's order.
    pub async fn create_user(&self, user: &NewUser) -> Result<UserDetail> {
        let username = user.username.trim();
        if username.is_empty() || user.password.is_empty() {
            return Err(Error::new(
                Code::InvalidParameterException,
                "A new user needs a username and a password.",
                "Fill in both fields.",
            ));
        }
        let mut attributes = Vec::new();
        let mut call = self
            .on_user("AdminCreateUser", username)
            .param("MessageAction", "SUPPRESS")
            .secret("TemporaryPassword", "PASSWORD");
        if let Some(email) = user
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            attributes.push(attr("email", email)?);
            call = call.entry("UserAttributes", "email", email);
            if user.email_verified {
                attributes.push(attr("email_verified", "true")?);
                call = call.entry("UserAttributes", "email_verified", "true");
            }
        }
        self.run(
            call,
            self.clients
                .idp
                .admin_create_user()
                .user_pool_id(&self.pool_id)
                .username(username)
                .message_action(MessageActionType::Suppress)
                .temporary_password(user.password.expose())
                .set_user_attributes(Some(attributes))
                .send(),
        )
        .await?;
        if user.permanent {
            self.set_password(username, &user.password, true).await?;
        }
        self.user(username).await
    }

    /// AdminSetUserPassword.
    pub async fn set_password(
        &self,
        username: &str,
        password: &Password,
        permanent: bool,
    ) -> Result<()> {
        let call = self
            .on_user("AdminSetUserPassword", username)
            .secret("Password", "PASSWORD")
            .param("Permanent", permanent.to_string());
        self.run(
            call,
            self.clients
                .idp
                .admin_set_user_password()
                .user_pool_id(&self.pool_id)
                .username(username)
                .password(password.expose())
                .permanent(permanent)
                .send(),
        )
        .await?;
        Ok(())
    }

    /// AdminSetUserMFAPreference for one method.
    pub async fn set_user_mfa(
        &self,
        username: &str,
        input: &MfaPreferenceInput,
    ) -> Result<UserDetail> {
        let preferred = input.enabled && input.preferred;
        let name = match input.method {
            MfaMethod::SoftwareTokenMfa => "SoftwareTokenMfaSettings",
            MfaMethod::SmsMfa => "SMSMfaSettings",
            MfaMethod::EmailOtp => "EmailMfaSettings",
        };
        let call = self.on_user("AdminSetUserMFAPreference", username).param(
            name,
            format!("Enabled={},PreferredMfa={preferred}", input.enabled),
        );
        let request = self
            .clients
            .idp
            .admin_set_user_mfa_preference()
            .user_pool_id(&self.pool_id)
            .username(username);
        let request = match input.method {
            MfaMethod::SoftwareTokenMfa => request.software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(input.enabled)
                    .preferred_mfa(preferred)
                    .build(),
            ),
            MfaMethod::SmsMfa => request.sms_mfa_settings(
                SmsMfaSettingsType::builder()
                    .enabled(input.enabled)
                    .preferred_mfa(preferred)
                    .build(),
            ),
            MfaMethod::EmailOtp => request.email_mfa_settings(
                EmailMfaSettingsType::builder()
                    .enabled(input.enabled)
                    .preferred_mfa(preferred)
                    .build(),
            ),
        };
        self.run(call, request.send()).await?;
        self.user(username).await
    }

    /// AdminEnableUser / AdminDisableUser.
    pub async fn set_enabled(&self, username: &str, enabled: bool) -> Result<UserDetail> {
        let idp = &self.clients.idp;
        if enabled {
            let call = self.on_user("AdminEnableUser", username);
            let req = idp
                .admin_enable_user()
                .user_pool_id(&self.pool_id)
                .username(username);
            self.run(call, req.send()).await?;
        } else {
            let call = self.on_user("AdminDisableUser", username);
            let req = idp
                .admin_disable_user()
                .user_pool_id(&self.pool_id)
                .username(username);
            self.run(call, req.send()).await?;
        }
        self.user(username).await
    }

    /// AdminResetUserPassword: the user must set a new password with a code next time.
    pub async fn reset_password(&self, username: &str) -> Result<UserDetail> {
        let req = self
            .clients
            .idp
            .admin_reset_user_password()
            .user_pool_id(&self.pool_id)
            .username(username);
        self.run(self.on_user("AdminResetUserPassword", username), req.send())
            .await?;
        self.user(username).await
    }

    /// AdminUserGlobalSignOut: every refresh token of the user stops working.
    pub async fn global_sign_out(&self, username: &str) -> Result<()> {
        let req = self
            .clients
            .idp
            .admin_user_global_sign_out()
            .user_pool_id(&self.pool_id)
            .username(username);
        self.run(self.on_user("AdminUserGlobalSignOut", username), req.send())
            .await?;
        Ok(())
    }

    /// AdminDeleteUser.
    pub async fn delete_user(&self, username: &str) -> Result<()> {
        let req = self
            .clients
            .idp
            .admin_delete_user()
            .user_pool_id(&self.pool_id)
            .username(username);
        self.run(self.on_user("AdminDeleteUser", username), req.send())
            .await?;
        Ok(())
    }
}

fn attribute(attributes: &[AttributeType], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|a| a.name() == name)
        .and_then(|a| a.value())
        .map(str::to_owned)
}

fn attr(name: &str, value: &str) -> Result<AttributeType> {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .map_err(|e| {
            Error::new(
                Code::Internal,
                format!("attribute {name}: {e}"),
                "Report this.",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_quoted_and_limited_to_filterable_attributes() {
        let f = UserFilter {
            attribute: "email".into(),
            prefix: true,
            value: " de\"mo ".into(),
        };
        assert_eq!(
            f.expression().unwrap().as_deref(),
            Some(r#"email ^= "de\"mo""#)
        );
        let exact = UserFilter {
            attribute: "cognito:user_status".into(),
            prefix: false,
            value: "CONFIRMED".into(),
        };
        assert_eq!(
            exact.expression().unwrap().as_deref(),
            Some(r#"cognito:user_status = "CONFIRMED""#)
        );
        let bad = UserFilter {
            attribute: "custom:team".into(),
            prefix: false,
            value: "x".into(),
        };
        assert!(bad.expression().is_err());
        assert_eq!(UserFilter::default().expression().unwrap(), None);
    }
}
