//! The pool screen: DescribeUserPool reduced to what a tester checks, and the pool's
//! MFA configuration with its passkey settings (GetUserPoolMfaConfig / SetUserPoolMfaConfig).

use super::{secs, text, texts, Admin};
use crate::error::{Code, Error, FieldError, Result};
use aws_sdk_cognitoidentityprovider::types::{
    EmailMfaConfigType, SoftwareTokenMfaConfigType, UserPoolMfaType, UserVerificationType,
    WebAuthnConfigurationType,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PasswordPolicyView {
    pub minimum_length: Option<i32>,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub temporary_password_validity_days: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PoolSummary {
    pub id: String,
    pub name: Option<String>,
    /// `email`, `phone_number` when they replace the username (UsernameAttributes).
    pub username_attributes: Vec<String>,
    /// Attributes that also sign in beside the username (AliasAttributes).
    pub alias_attributes: Vec<String>,
    pub auto_verified_attributes: Vec<String>,
    pub username_case_sensitive: Option<bool>,
    pub password_policy: Option<PasswordPolicyView>,
    /// Choice-based sign-in: the first factors the pool allows.
    pub first_auth_factors: Vec<String>,
    pub deletion_protection: Option<String>,
    /// The feature plan (LITE, ESSENTIALS, PLUS).
    pub feature_plan: Option<String>,
    pub estimated_users: Option<i32>,
    /// The prefix domain (`<prefix>.auth.<region>.amazoncognito.com`).
    pub domain: Option<String>,
    pub custom_domain: Option<String>,
    pub created: Option<i64>,
    pub mfa: MfaConfig,
}

/// The pool's MFA mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "UPPERCASE")]
pub enum MfaMode {
    Off,
    Optional,
    On,
}

impl MfaMode {
    fn of(t: Option<&UserPoolMfaType>) -> Self {
        match t {
            Some(UserPoolMfaType::On) => MfaMode::On,
            Some(UserPoolMfaType::Optional) => MfaMode::Optional,
            _ => MfaMode::Off,
        }
    }

    fn sdk(self) -> UserPoolMfaType {
        match self {
            MfaMode::Off => UserPoolMfaType::Off,
            MfaMode::Optional => UserPoolMfaType::Optional,
            MfaMode::On => UserPoolMfaType::On,
        }
    }
}

/// The pool's MFA mode and which methods are on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MfaConfig {
    pub mode: MfaMode,
    pub authenticator_app: bool,
    pub sms: bool,
    pub email: bool,
    /// Passkeys (WebAuthnConfiguration): the relying party id passkeys are made for
    /// (none: Cognito takes the pool's domain).
    #[serde(default)]
    pub passkey_relying_party_id: Option<String>,
    /// Passkeys must verify the user (`required`), else `preferred`.
    #[serde(default)]
    pub passkey_user_verification_required: bool,
}

impl MfaConfig {
    /// What Get- and SetUserPoolMfaConfig answer (two output types, the same fields).
    fn answered(
        mode: Option<&UserPoolMfaType>,
        software_token: Option<&SoftwareTokenMfaConfigType>,
        sms: bool,
        email: bool,
        webauthn: Option<&WebAuthnConfigurationType>,
    ) -> Self {
        MfaConfig {
            mode: MfaMode::of(mode),
            authenticator_app: software_token.is_some_and(|c| c.enabled()),
            sms,
            email,
            passkey_relying_party_id: webauthn
                .and_then(|w| w.relying_party_id())
                .filter(|id| !id.is_empty())
                .map(str::to_owned),
            passkey_user_verification_required: webauthn
                .and_then(|w| w.user_verification())
                .is_some_and(|uv| *uv == UserVerificationType::Required),
        }
    }

    /// WebAuthnConfiguration to send: the relying party id as typed (trimmed) and the
    /// user verification; none when neither is set (Cognito's defaults stand).
    fn webauthn(&self) -> Result<Option<WebAuthnConfigurationType>> {
        let id = self
            .passkey_relying_party_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty());
        if let Some(id) = id {
            let looks_like_a_domain = id.len() <= 127
                && id.contains('.')
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            if !looks_like_a_domain {
                let mut e = Error::new(
                    Code::PasskeyRelyingPartyInvalid,
                    format!("\"{id}\" is not a domain name a passkey can be made for."),
                    "Enter the pool's domain or its custom domain, such as auth.example.com: no https://, no path.",
                );
                e.fields = vec![FieldError::new(
                    "passkeyRelyingPartyId",
                    "notADomain",
                    "Enter a domain name such as auth.example.com.",
                )];
                return Err(e);
            }
        }
        if id.is_none() && !self.passkey_user_verification_required {
            return Ok(None);
        }
        let uv = match self.passkey_user_verification_required {
            true => UserVerificationType::Required,
            false => UserVerificationType::Preferred,
        };
        Ok(Some(
            WebAuthnConfigurationType::builder()
                .set_relying_party_id(id.map(str::to_owned))
                .user_verification(uv)
                .build(),
        ))
    }
}

impl Admin<'_> {
    /// DescribeUserPool and GetUserPoolMfaConfig, for the pool screen.
    pub async fn pool_summary(&self) -> Result<PoolSummary> {
        let out = self
            .run(
                self.on_pool("DescribeUserPool"),
                self.clients
                    .idp
                    .describe_user_pool()
                    .user_pool_id(&self.pool_id)
                    .send(),
            )
            .await?;
        let mfa = self.mfa_config().await?;
        let pool = out.user_pool();
        Ok(PoolSummary {
            id: self.pool_id.clone(),
            name: pool.and_then(|p| p.name()).map(str::to_owned),
            username_attributes: pool
                .map(|p| texts(p.username_attributes()))
                .unwrap_or_default(),
            alias_attributes: pool
                .map(|p| texts(p.alias_attributes()))
                .unwrap_or_default(),
            auto_verified_attributes: pool
                .map(|p| texts(p.auto_verified_attributes()))
                .unwrap_or_default(),
            username_case_sensitive: pool
                .and_then(|p| p.username_configuration())
                .map(|c| c.case_sensitive()),
            password_policy: pool
                .and_then(|p| p.policies())
                .and_then(|p| p.password_policy())
                .map(|p| PasswordPolicyView {
                    minimum_length: p.minimum_length(),
                    require_uppercase: p.require_uppercase(),
                    require_lowercase: p.require_lowercase(),
                    require_numbers: p.require_numbers(),
                    require_symbols: p.require_symbols(),
                    temporary_password_validity_days: Some(p.temporary_password_validity_days())
                        .filter(|d| *d > 0),
                }),
            first_auth_factors: pool
                .and_then(|p| p.policies())
                .and_then(|p| p.sign_in_policy())
                .map(|s| texts(s.allowed_first_auth_factors()))
                .unwrap_or_default(),
            deletion_protection: pool.and_then(|p| p.deletion_protection()).map(text),
            feature_plan: pool.and_then(|p| p.user_pool_tier()).map(text),
            estimated_users: pool.map(|p| p.estimated_number_of_users()),
            domain: pool.and_then(|p| p.domain()).map(str::to_owned),
            custom_domain: pool.and_then(|p| p.custom_domain()).map(str::to_owned),
            created: secs(pool.and_then(|p| p.creation_date())),
            mfa,
        })
    }

    /// GetUserPoolMfaConfig.
    pub async fn mfa_config(&self) -> Result<MfaConfig> {
        let out = self
            .run(
                self.on_pool("GetUserPoolMfaConfig"),
                self.clients
                    .idp
                    .get_user_pool_mfa_config()
                    .user_pool_id(&self.pool_id)
                    .send(),
            )
            .await?;
        Ok(MfaConfig::answered(
            out.mfa_configuration(),
            out.software_token_mfa_configuration(),
            out.sms_mfa_configuration().is_some(),
            out.email_mfa_configuration().is_some(),
            out.web_authn_configuration(),
        ))
    }

    /// SetUserPoolMfaConfig. SMS and email are on while their configuration is sent
    /// (an omitted one turns the method off), so turning one on resends the pool's
    /// existing configuration; SMS has none to send until the pool has an SNS role.
    /// The passkey settings go in the same call (an omitted WebAuthnConfiguration would
    /// leave Cognito's defaults), so the screen always sends the whole configuration.
    pub async fn set_mfa_config(&self, wanted: &MfaConfig) -> Result<MfaConfig> {
        let webauthn = wanted.webauthn()?;
        if wanted.mode != MfaMode::Off && !(wanted.authenticator_app || wanted.sms || wanted.email)
        {
            return Err(Error::new(
                Code::PoolSettingUnavailable,
                "MFA that is ON or OPTIONAL needs at least one method.",
                "Tick the authenticator app (TOTP), SMS or email, or set MFA to OFF.",
            ));
        }
        let current = self
            .run(
                self.on_pool("GetUserPoolMfaConfig"),
                self.clients
                    .idp
                    .get_user_pool_mfa_config()
                    .user_pool_id(&self.pool_id)
                    .send(),
            )
            .await?;
        let sms = match (wanted.sms, current.sms_mfa_configuration()) {
            (true, Some(existing)) => Some(existing.clone()),
            (true, None) => return Err(Error::new(
                Code::PoolSettingUnavailable,
                "SMS MFA needs the pool's SMS configuration (an IAM role that may publish to Amazon SNS), and this pool has none.",
                "Set up SMS messages for the pool in the Cognito console (Authentication → Authentication methods → SMS), then turn SMS MFA on here.",
            )),
            (false, _) => None,
        };
        let email = match (wanted.email, current.email_mfa_configuration()) {
            (true, Some(existing)) => Some(existing.clone()),
            (true, None) => Some(EmailMfaConfigType::builder().build()),
            (false, _) => None,
        };
        let mut call = self
            .on_pool("SetUserPoolMfaConfig")
            .param("MfaConfiguration", text(&wanted.mode.sdk()))
            .param(
                "SoftwareTokenMfaConfiguration",
                format!("Enabled={}", wanted.authenticator_app),
            );
        // The SMS and email configurations as sent (JSON, which the AWS CLI takes for a
        // structure): a copied command that left them out would turn those methods off.
        if let Some(sms) = &sms {
            let config = sms.sms_configuration().map(|c| {
                serde_json::json!({
                    "SnsCallerArn": c.sns_caller_arn(),
                    "ExternalId": c.external_id(),
                    "SnsRegion": c.sns_region(),
                })
            });
            let value = serde_json::json!({
                "SmsAuthenticationMessage": sms.sms_authentication_message(),
                "SmsConfiguration": config,
            });
            call = call.param("SmsMfaConfiguration", without_nulls(value).to_string());
        }
        if let Some(email) = &email {
            let value = serde_json::json!({"Message": email.message(), "Subject": email.subject()});
            call = call.param("EmailMfaConfiguration", without_nulls(value).to_string());
        }
        if let Some(w) = &webauthn {
            let value = serde_json::json!({
                "RelyingPartyId": w.relying_party_id(),
                "UserVerification": w.user_verification().map(|uv| uv.as_str()),
            });
            call = call.param("WebAuthnConfiguration", without_nulls(value).to_string());
        }
        let out = self
            .run(
                call,
                self.clients
                    .idp
                    .set_user_pool_mfa_config()
                    .user_pool_id(&self.pool_id)
                    .mfa_configuration(wanted.mode.sdk())
                    .software_token_mfa_configuration(
                        SoftwareTokenMfaConfigType::builder()
                            .enabled(wanted.authenticator_app)
                            .build(),
                    )
                    .set_sms_mfa_configuration(sms)
                    .set_email_mfa_configuration(email)
                    .set_web_authn_configuration(webauthn)
                    .send(),
            )
            .await?;
        Ok(MfaConfig::answered(
            out.mfa_configuration(),
            out.software_token_mfa_configuration(),
            out.sms_mfa_configuration().is_some(),
            out.email_mfa_configuration().is_some(),
            out.web_authn_configuration(),
        ))
    }
}

/// JSON without the fields that were not set.
fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        other => other,
    }
}
