//! The identity pool screen: DescribeIdentityPool (which user pools and app clients it
//! trusts) and GetIdentityPoolRoles (the roles its credentials carry).

use super::Admin;
use crate::aws::{Call, Service};
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TrustedProvider {
    /// `cognito-idp.<region>.amazonaws.com/<poolId>`.
    pub provider_name: String,
    pub client_id: String,
    pub server_side_token_check: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IdentityPoolView {
    pub id: String,
    pub name: String,
    pub allow_unauthenticated: bool,
    pub classic_flow: bool,
    pub providers: Vec<TrustedProvider>,
    pub authenticated_role: Option<String>,
    pub unauthenticated_role: Option<String>,
    /// Role mappings per provider (rules or token-based), as `provider: type`.
    pub role_mappings: Vec<String>,
}

impl Admin<'_> {
    fn on_identity_pool(&self, operation: &'static str, id: &str) -> Call {
        self.signed_call(Service::CognitoIdentity, operation)
            .param("IdentityPoolId", id)
    }

    /// DescribeIdentityPool and GetIdentityPoolRoles.
    pub async fn identity_pool(&self, id: &str) -> Result<IdentityPoolView> {
        let identity = &self.clients.identity;
        let pool = self
            .run(
                self.on_identity_pool("DescribeIdentityPool", id),
                identity
                    .describe_identity_pool()
                    .identity_pool_id(id)
                    .send(),
            )
            .await?;
        let roles = self
            .run(
                self.on_identity_pool("GetIdentityPoolRoles", id),
                identity
                    .get_identity_pool_roles()
                    .identity_pool_id(id)
                    .send(),
            )
            .await?;
        let role = |name: &str| roles.roles().and_then(|r| r.get(name)).cloned();
        let mut role_mappings: Vec<String> = roles
            .role_mappings()
            .map(|m| {
                m.iter()
                    .map(|(provider, mapping)| format!("{provider}: {}", mapping.r#type().as_str()))
                    .collect()
            })
            .unwrap_or_default();
        role_mappings.sort();
        Ok(IdentityPoolView {
            id: pool.identity_pool_id().to_owned(),
            name: pool.identity_pool_name().to_owned(),
            allow_unauthenticated: pool.allow_unauthenticated_identities(),
            classic_flow: pool.allow_classic_flow().unwrap_or(false),
            providers: pool
                .cognito_identity_providers()
                .iter()
                .map(|p| TrustedProvider {
                    provider_name: p.provider_name().unwrap_or_default().to_owned(),
                    client_id: p.client_id().unwrap_or_default().to_owned(),
                    server_side_token_check: p.server_side_token_check().unwrap_or(false),
                })
                .collect(),
            authenticated_role: role("authenticated"),
            unauthenticated_role: role("unauthenticated"),
            role_mappings,
        })
    }
}
