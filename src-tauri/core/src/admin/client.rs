//! The app client screen: DescribeUserPoolClient (the secret only as "present"), and
//! changes through UpdateUserPoolClient. That call resets every field it is not sent
//! to its default (callback URLs, scopes, token validity, revocation, …), so a change
//! here is always the complete current configuration with one part replaced.

use super::{text, texts, Admin};
use crate::aws::Call;
use crate::dto::{TimeSpan, TimeUnit};
use crate::error::{Code, Error, Result};
use aws_sdk_cognitoidentityprovider::operation::update_user_pool_client::builders::UpdateUserPoolClientInputBuilder;
use aws_sdk_cognitoidentityprovider::types::{
    ExplicitAuthFlowsType, FeatureType, OAuthFlowType, RefreshTokenRotationType, UserPoolClientType,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
    pub access_token_validity: Option<TimeSpan>,
    pub id_token_validity: Option<TimeSpan>,
    pub refresh_token_validity: Option<TimeSpan>,
    pub token_revocation: bool,
    /// How long a sign-in's challenge session lives (3–15 minutes).
    pub auth_session_validity: Option<TimeSpan>,
    pub prevent_user_existence_errors: Option<String>,
    pub read_attributes: Vec<String>,
    pub write_attributes: Vec<String>,
    /// RefreshTokenRotation: a new refresh token at every refresh.
    pub refresh_token_rotation: RotationSetting,
}

/// The client's refresh-token rotation (off when the client names none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RotationSetting {
    pub enabled: bool,
    /// How long the old token still works after a rotation (0–60 seconds).
    pub retry_grace_period_seconds: i32,
}

/// Cognito's limits of RetryGracePeriodSeconds.
pub const GRACE_PERIOD_SECONDS: std::ops::RangeInclusive<i32> = 0..=60;

/// What to change; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
    #[serde(default)]
    pub refresh_token_rotation: Option<RotationSetting>,
}

/// A token lifetime in the unit the client names (AWS's default when it names none).
fn validity(value: Option<i32>, unit: Option<String>, default_unit: TimeUnit) -> Option<TimeSpan> {
    value.map(|v| TimeSpan {
        value: i64::from(v),
        unit: unit
            .as_deref()
            .and_then(TimeUnit::parse)
            .unwrap_or(default_unit),
    })
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
                TimeUnit::Hours,
            ),
            id_token_validity: validity(
                c.id_token_validity(),
                units.and_then(|u| u.id_token()).map(text),
                TimeUnit::Hours,
            ),
            refresh_token_validity: validity(
                Some(c.refresh_token_validity()).filter(|v| *v > 0),
                units.and_then(|u| u.refresh_token()).map(text),
                TimeUnit::Days,
            ),
            token_revocation: c.enable_token_revocation().unwrap_or(false),
            auth_session_validity: c.auth_session_validity().map(|minutes| TimeSpan {
                value: i64::from(minutes),
                unit: TimeUnit::Minutes,
            }),
            prevent_user_existence_errors: c.prevent_user_existence_errors().map(text),
            read_attributes: c.read_attributes().to_vec(),
            write_attributes: c.write_attributes().to_vec(),
            refresh_token_rotation: c
                .refresh_token_rotation()
                .map(|r| RotationSetting {
                    enabled: *r.feature() == FeatureType::Enabled,
                    retry_grace_period_seconds: r.retry_grace_period_seconds().unwrap_or(0),
                })
                .unwrap_or_default(),
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
        let rotation = change
            .refresh_token_rotation
            .map(rotation_type)
            .transpose()?;
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
            // Cognito allows no empty default redirect (ministack reports one).
            .set_default_redirect_uri(
                c.default_redirect_uri()
                    .filter(|u| !u.is_empty())
                    .map(str::to_owned),
            )
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
            .set_refresh_token_rotation(rotation.or_else(|| c.refresh_token_rotation().cloned()));
        // Logged as sent, every field: "Copy as aws-cli" must not reset the rest either.
        let call = logged(
            self.on_pool("UpdateUserPoolClient")
                .param("ClientId", client_id),
            req.as_input(),
        );
        let out = self.run(call, req.send()).await?;
        Ok(out
            .user_pool_client()
            .map(ClientView::of)
            .unwrap_or_else(|| ClientView::of(&c)))
    }
}

/// RefreshTokenRotationType for a setting, refused before any call when the grace
/// period is outside Cognito's 0–60 seconds.
fn rotation_type(setting: RotationSetting) -> Result<RefreshTokenRotationType> {
    let grace = setting.retry_grace_period_seconds;
    if !GRACE_PERIOD_SECONDS.contains(&grace) {
        return Err(Error::new(
            Code::GracePeriodOutOfRange,
            format!("The grace period must be 0 to 60 seconds, not {grace}."),
            "Enter a number of seconds from 0 (the old token stops at once) to 60.",
        ));
    }
    let feature = if setting.enabled {
        FeatureType::Enabled
    } else {
        FeatureType::Disabled
    };
    RefreshTokenRotationType::builder()
        .feature(feature)
        // Only meaningful with rotation on; Cognito keeps it either way.
        .retry_grace_period_seconds(grace)
        .build()
        .map_err(|e| Error::new(Code::InvalidParameterException, e.to_string(), ""))
}

/// Every field of an UpdateUserPoolClient request as a logged parameter (structures in
/// the AWS CLI's shorthand), in the API's order.
fn logged(mut call: Call, i: &UpdateUserPoolClientInputBuilder) -> Call {
    let words = |v: &Option<Vec<String>>| v.as_ref().map(|v| v.join(" "));
    let enums = |v: Option<Vec<&str>>| v.map(|v| v.join(" "));
    let number = |v: &Option<i32>| v.map(|n| n.to_string());
    let flag = |v: &Option<bool>| v.map(|b| b.to_string());
    let fields: Vec<(&str, Option<String>)> = vec![
        ("ClientName", i.get_client_name().clone()),
        (
            "RefreshTokenValidity",
            number(i.get_refresh_token_validity()),
        ),
        ("AccessTokenValidity", number(i.get_access_token_validity())),
        ("IdTokenValidity", number(i.get_id_token_validity())),
        (
            "TokenValidityUnits",
            i.get_token_validity_units().as_ref().map(|u| {
                shorthand(&[
                    ("AccessToken", u.access_token().map(text)),
                    ("IdToken", u.id_token().map(text)),
                    ("RefreshToken", u.refresh_token().map(text)),
                ])
            }),
        ),
        ("ReadAttributes", words(i.get_read_attributes())),
        ("WriteAttributes", words(i.get_write_attributes())),
        (
            "ExplicitAuthFlows",
            enums(
                i.get_explicit_auth_flows()
                    .as_ref()
                    .map(|v| v.iter().map(|f| f.as_str()).collect()),
            ),
        ),
        (
            "SupportedIdentityProviders",
            words(i.get_supported_identity_providers()),
        ),
        ("CallbackURLs", words(i.get_callback_urls())),
        ("LogoutURLs", words(i.get_logout_urls())),
        ("DefaultRedirectURI", i.get_default_redirect_uri().clone()),
        (
            "AllowedOAuthFlows",
            enums(
                i.get_allowed_o_auth_flows()
                    .as_ref()
                    .map(|v| v.iter().map(|f| f.as_str()).collect()),
            ),
        ),
        ("AllowedOAuthScopes", words(i.get_allowed_o_auth_scopes())),
        (
            "AllowedOAuthFlowsUserPoolClient",
            flag(i.get_allowed_o_auth_flows_user_pool_client()),
        ),
        (
            "AnalyticsConfiguration",
            i.get_analytics_configuration().as_ref().map(|a| {
                shorthand(&[
                    ("ApplicationId", a.application_id().map(str::to_owned)),
                    ("ApplicationArn", a.application_arn().map(str::to_owned)),
                    ("RoleArn", a.role_arn().map(str::to_owned)),
                    ("ExternalId", a.external_id().map(str::to_owned)),
                    ("UserDataShared", Some(a.user_data_shared().to_string())),
                ])
            }),
        ),
        (
            "PreventUserExistenceErrors",
            i.get_prevent_user_existence_errors().as_ref().map(text),
        ),
        (
            "EnableTokenRevocation",
            flag(i.get_enable_token_revocation()),
        ),
        (
            "EnablePropagateAdditionalUserContextData",
            flag(i.get_enable_propagate_additional_user_context_data()),
        ),
        ("AuthSessionValidity", number(i.get_auth_session_validity())),
        (
            "RefreshTokenRotation",
            i.get_refresh_token_rotation().as_ref().map(|r| {
                shorthand(&[
                    ("Feature", Some(text(r.feature()))),
                    (
                        "RetryGracePeriodSeconds",
                        r.retry_grace_period_seconds().map(|n| n.to_string()),
                    ),
                ])
            }),
        ),
    ];
    // An empty structure or string is nothing to repeat (and the AWS CLI refuses it).
    for (name, value) in fields {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            call = call.param(name, value);
        }
    }
    call
}

/// `Key=value,Key=value` for the fields that are set.
fn shorthand(fields: &[(&str, Option<String>)]) -> String {
    fields
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect::<Vec<_>>()
        .join(",")
}
