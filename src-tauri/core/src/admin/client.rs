//! The app client screen: DescribeUserPoolClient (the secret only as "present"), and
//! changes through UpdateUserPoolClient. That call resets every field it is not sent
//! to its default (callback URLs, scopes, token validity, revocation, …), so a change
//! here is always the complete current configuration with one part replaced.

use super::{text, texts, Admin};
use crate::error::Result;
use aws_sdk_cognitoidentityprovider::types::{
    ExplicitAuthFlowsType, OAuthFlowType, UserPoolClientType,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientView {
    pub client_id: String,
    pub name: Option<String>,
    /// Whether the client has a secret; the secret itself never leaves AWS's answer.
    pub has_secret: bool,
    pub auth_flows: Vec<String>,
    pub callback_urls: Vec<String>,
    pub logout_urls: Vec<String>,
    pub oauth_flows: Vec<String>,
    pub oauth_scopes: Vec<String>,
    /// AllowedOAuthFlowsUserPoolClient: managed login is on for this client.
    pub oauth_enabled: bool,
    pub identity_providers: Vec<String>,
    pub access_token_validity: Option<String>,
    pub id_token_validity: Option<String>,
    pub refresh_token_validity: Option<String>,
    pub token_revocation: bool,
    /// Minutes a sign-in's challenge session lives (3–15).
    pub auth_session_validity: Option<i32>,
    pub prevent_user_existence_errors: Option<String>,
    pub read_attributes: Vec<String>,
    pub write_attributes: Vec<String>,
}

/// What to change; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientChange {
    #[serde(default)]
    pub auth_flows: Option<Vec<String>>,
    #[serde(default)]
    pub callback_urls: Option<Vec<String>>,
    #[serde(default)]
    pub logout_urls: Option<Vec<String>>,
    #[serde(default)]
    pub oauth_flows: Option<Vec<String>>,
    #[serde(default)]
    pub oauth_scopes: Option<Vec<String>>,
    #[serde(default)]
    pub oauth_enabled: Option<bool>,
    #[serde(default)]
    pub token_revocation: Option<bool>,
}

fn validity(value: Option<i32>, unit: Option<String>, default_unit: &str) -> Option<String> {
    value.map(|v| format!("{v} {}", unit.as_deref().unwrap_or(default_unit)))
}

impl ClientView {
    fn of(c: &UserPoolClientType) -> Self {
        let units = c.token_validity_units();
        Self {
            client_id: c.client_id().unwrap_or_default().to_owned(),
            name: c.client_name().map(str::to_owned),
            has_secret: c.client_secret().is_some_and(|s| !s.is_empty()),
            auth_flows: texts(c.explicit_auth_flows()),
            callback_urls: c.callback_urls().to_vec(),
            logout_urls: c.logout_urls().to_vec(),
            oauth_flows: texts(c.allowed_o_auth_flows()),
            oauth_scopes: c.allowed_o_auth_scopes().to_vec(),
            oauth_enabled: c.allowed_o_auth_flows_user_pool_client().unwrap_or(false),
            identity_providers: c.supported_identity_providers().to_vec(),
            access_token_validity: validity(
                c.access_token_validity(),
                units.and_then(|u| u.access_token()).map(text),
                "hours",
            ),
            id_token_validity: validity(
                c.id_token_validity(),
                units.and_then(|u| u.id_token()).map(text),
                "hours",
            ),
            refresh_token_validity: validity(
                Some(c.refresh_token_validity()).filter(|v| *v > 0),
                units.and_then(|u| u.refresh_token()).map(text),
                "days",
            ),
            token_revocation: c.enable_token_revocation().unwrap_or(false),
            auth_session_validity: c.auth_session_validity(),
            prevent_user_existence_errors: c.prevent_user_existence_errors().map(text),
            read_attributes: c.read_attributes().to_vec(),
            write_attributes: c.write_attributes().to_vec(),
        }
    }
}

impl Admin<'_> {
    async fn describe_client_raw(&self, client_id: &str) -> Result<UserPoolClientType> {
        let req = self
            .clients
            .idp
            .describe_user_pool_client()
            .user_pool_id(&self.pool_id)
            .client_id(client_id);
        let call = self
            .on_pool("DescribeUserPoolClient")
            .param("ClientId", client_id);
        let out = self.run(call, req.send()).await?;
        Ok(out
            .user_pool_client()
            .cloned()
            .unwrap_or_else(|| UserPoolClientType::builder().client_id(client_id).build()))
    }

    /// DescribeUserPoolClient.
    pub async fn client(&self, client_id: &str) -> Result<ClientView> {
        Ok(ClientView::of(&self.describe_client_raw(client_id).await?))
    }

    /// UpdateUserPoolClient with every current field, `change` applied on top.
    pub async fn update_client(
        &self,
        client_id: &str,
        change: &ClientChange,
    ) -> Result<ClientView> {
        let c = self.describe_client_raw(client_id).await?;
        let flows = change.auth_flows.clone().map(|v| {
            v.iter()
                .map(|f| ExplicitAuthFlowsType::from(f.as_str()))
                .collect::<Vec<_>>()
        });
        let oauth_flows = change.oauth_flows.clone().map(|v| {
            v.iter()
                .map(|f| OAuthFlowType::from(f.as_str()))
                .collect::<Vec<_>>()
        });
        let mut call = self
            .on_pool("UpdateUserPoolClient")
            .param("ClientId", client_id);
        if let Some(v) = &change.auth_flows {
            call = call.param("ExplicitAuthFlows", v.join(" "));
        }
        if let Some(v) = &change.callback_urls {
            call = call.param("CallbackURLs", v.join(" "));
        }
        if let Some(v) = &change.logout_urls {
            call = call.param("LogoutURLs", v.join(" "));
        }
        if let Some(v) = &change.oauth_flows {
            call = call.param("AllowedOAuthFlows", v.join(" "));
        }
        if let Some(v) = &change.oauth_scopes {
            call = call.param("AllowedOAuthScopes", v.join(" "));
        }
        if let Some(v) = change.oauth_enabled {
            call = call.param("AllowedOAuthFlowsUserPoolClient", v.to_string());
        }
        if let Some(v) = change.token_revocation {
            call = call.param("EnableTokenRevocation", v.to_string());
        }
        let nonempty = |v: &[String]| Some(v.to_vec()).filter(|v| !v.is_empty());
        let req = self
            .clients
            .idp
            .update_user_pool_client()
            .user_pool_id(&self.pool_id)
            .client_id(client_id)
            .set_client_name(c.client_name().map(str::to_owned))
            .refresh_token_validity(c.refresh_token_validity())
            .set_access_token_validity(c.access_token_validity())
            .set_id_token_validity(c.id_token_validity())
            .set_token_validity_units(c.token_validity_units().cloned())
            .set_read_attributes(nonempty(c.read_attributes()))
            .set_write_attributes(nonempty(c.write_attributes()))
            .set_explicit_auth_flows(flows.or_else(|| Some(c.explicit_auth_flows().to_vec())))
            .set_supported_identity_providers(nonempty(c.supported_identity_providers()))
            .set_callback_urls(
                change
                    .callback_urls
                    .clone()
                    .or_else(|| nonempty(c.callback_urls())),
            )
            .set_logout_urls(
                change
                    .logout_urls
                    .clone()
                    .or_else(|| nonempty(c.logout_urls())),
            )
            .set_default_redirect_uri(c.default_redirect_uri().map(str::to_owned))
            .set_allowed_o_auth_flows(
                oauth_flows
                    .or_else(|| Some(c.allowed_o_auth_flows().to_vec()).filter(|v| !v.is_empty())),
            )
            .set_allowed_o_auth_scopes(
                change
                    .oauth_scopes
                    .clone()
                    .or_else(|| nonempty(c.allowed_o_auth_scopes())),
            )
            .set_allowed_o_auth_flows_user_pool_client(
                change
                    .oauth_enabled
                    .or(c.allowed_o_auth_flows_user_pool_client()),
            )
            .set_analytics_configuration(c.analytics_configuration().cloned())
            .set_prevent_user_existence_errors(c.prevent_user_existence_errors().cloned())
            .set_enable_token_revocation(change.token_revocation.or(c.enable_token_revocation()))
            .set_enable_propagate_additional_user_context_data(
                c.enable_propagate_additional_user_context_data(),
            )
            .set_auth_session_validity(c.auth_session_validity())
            .set_refresh_token_rotation(c.refresh_token_rotation().cloned());
        let out = self.run(call, req.send()).await?;
        Ok(out
            .user_pool_client()
            .map(ClientView::of)
            .unwrap_or_else(|| ClientView::of(&c)))
    }
}
