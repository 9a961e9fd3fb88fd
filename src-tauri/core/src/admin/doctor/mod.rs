//! The pool doctor: reads the app client, the pool and the identity pool, checks the
//! profile against them ([`checks`]), and applies the fixes that are safe and
//! reversible (adding a flow, a URL, a scope, turning revocation or TOTP on) — each one
//! an UpdateUserPoolClient with the complete configuration, or SetUserPoolMfaConfig.

mod checks;
mod reading;
#[cfg(test)]
mod tests;

pub use checks::{flow_flag, provider_name};
pub use reading::{ReadValue, Reading};

use super::{Admin, ClientChange, ClientView, IdentityPoolView, MfaConfig, UserFilter};
use crate::error::{Code, Error, Result};
use crate::profile::{Profile, ADMIN_SCOPE};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CheckId {
    SignInFlow,
    Refresh,
    ClientSecret,
    ManagedLogin,
    ManagedLoginDomain,
    CallbackUrl,
    SignOutUrl,
    Scopes,
    CodeGrant,
    MfaMethods,
    TotpUsers,
    TokenRevocation,
    IdentityPoolTrust,
    IdentityPoolRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    Pass,
    Warning,
    Fail,
    /// Nothing to check for this profile (no managed login, no identity pool, an emulator).
    Skipped,
}

/// One row of the doctor's page. The window words it by `id` and `params`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub id: CheckId,
    pub verdict: Verdict,
    /// What the check read: operation and field by name, and the values.
    pub read: Vec<Reading>,
    pub params: BTreeMap<&'static str, CheckParam>,
    /// A "Fix" button: the fix is safe and reversible.
    pub fixable: bool,
}

/// A value a check's sentence names: an identifier, a yes or no, or a count (the
/// window words each in its language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum CheckParam {
    Text(String),
    Flag(bool),
    Count(usize),
}

impl From<&str> for CheckParam {
    fn from(text: &str) -> Self {
        CheckParam::Text(text.to_owned())
    }
}

impl From<String> for CheckParam {
    fn from(text: String) -> Self {
        CheckParam::Text(text)
    }
}

impl From<bool> for CheckParam {
    fn from(on: bool) -> Self {
        CheckParam::Flag(on)
    }
}

/// A text parameter compares with text (tests and callers read flags and ids so).
impl PartialEq<&str> for CheckParam {
    fn eq(&self, other: &&str) -> bool {
        matches!(self, CheckParam::Text(text) if text == other)
    }
}

impl PartialEq<String> for CheckParam {
    fn eq(&self, other: &String) -> bool {
        *self == other.as_str()
    }
}

impl From<usize> for CheckParam {
    fn from(n: usize) -> Self {
        CheckParam::Count(n)
    }
}

/// What the doctor read.
#[derive(Debug, Clone)]
pub struct Facts {
    pub client: ClientView,
    pub pool_domain: Option<String>,
    pub custom_domain: Option<String>,
    pub mfa: MfaConfig,
    /// With software tokens off: (users read, those with SOFTWARE_TOKEN_MFA).
    pub totp_users: (usize, Vec<String>),
    /// The identity pool, or the error code of why it could not be read; none without one.
    pub identity: Option<std::result::Result<IdentityPoolView, String>>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DoctorReport {
    pub checks: Vec<Check>,
}

impl DoctorReport {
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}

impl Admin<'_> {
    /// Reads what the checks need and runs them.
    pub async fn diagnose(&self, profile: &Profile) -> Result<DoctorReport> {
        let facts = self.facts(profile).await?;
        Ok(DoctorReport {
            checks: checks::all(profile, &facts),
        })
    }

    async fn facts(&self, profile: &Profile) -> Result<Facts> {
        let client = self.client(profile.settings.client_id.as_str()).await?;
        let pool = self.pool_summary().await?;
        let totp_users = if pool.mfa.authenticator_app {
            (0, Vec::new())
        } else {
            // The first page is enough to show the problem exists.
            let page = self.list_users(&UserFilter::default(), None).await?;
            let mut with_totp = Vec::new();
            for row in &page.users {
                let user = self.user(&row.username).await?;
                if user.mfa_methods.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
                    with_totp.push(row.username.clone());
                }
            }
            (page.users.len(), with_totp)
        };
        let identity = match profile.settings.identity_pool_id.as_deref() {
            Some(id) => Some(
                self.identity_pool(id)
                    .await
                    .map_err(|e| e.code.as_str().to_owned()),
            ),
            None => None,
        };
        Ok(Facts {
            client,
            pool_domain: pool.domain,
            custom_domain: pool.custom_domain,
            mfa: pool.mfa,
            totp_users,
            identity,
        })
    }

    /// Applies the fix of one failing check, then diagnoses again.
    pub async fn fix(&self, profile: &Profile, id: CheckId) -> Result<DoctorReport> {
        let facts = self.facts(profile).await?;
        let check = checks::all(profile, &facts)
            .into_iter()
            .find(|c| c.id == id);
        if !check.is_some_and(|c| c.fixable) {
            return Err(Error::new(
                Code::PoolSettingUnavailable,
                "This check has no fix to apply now (it passes, or its fix needs the AWS console).",
                "Run the doctor again to see the current state.",
            ));
        }
        let client = &facts.client;
        let mut change = ClientChange::default();
        let plus = |list: &[String], add: &[&str]| {
            let mut v = list.to_vec();
            for a in add {
                if !v.iter().any(|x| x == a) {
                    v.push((*a).to_owned());
                }
            }
            v
        };
        let flows = || {
            if client.auth_flows.is_empty() {
                checks_default_flows()
            } else {
                client.auth_flows.clone()
            }
        };
        let redirect = profile.settings.redirect_uri.clone().unwrap_or_default();
        match id {
            CheckId::SignInFlow => {
                change.auth_flows =
                    Some(plus(&flows(), &[flow_flag(profile.settings.sign_in_flow)]))
            }
            CheckId::Refresh => {
                change.auth_flows = Some(plus(&flows(), &["ALLOW_REFRESH_TOKEN_AUTH"]))
            }
            CheckId::CallbackUrl => {
                change.callback_urls = Some(plus(&client.callback_urls, &[&redirect]))
            }
            CheckId::SignOutUrl => {
                change.logout_urls = Some(plus(&client.logout_urls, &[&redirect]))
            }
            CheckId::Scopes => {
                let mut wanted: Vec<String> = profile.scopes();
                wanted.extend(["openid".to_owned(), ADMIN_SCOPE.to_owned()]);
                let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
                change.oauth_scopes = Some(plus(&client.oauth_scopes, &refs));
            }
            CheckId::CodeGrant => {
                change.oauth_flows = Some(plus(&client.oauth_flows, &["code"]));
                change.oauth_enabled = Some(true);
            }
            CheckId::TokenRevocation => change.token_revocation = Some(true),
            CheckId::MfaMethods | CheckId::TotpUsers => {
                let wanted = MfaConfig {
                    authenticator_app: true,
                    ..facts.mfa.clone()
                };
                self.set_mfa_config(&wanted).await?;
                return self.diagnose(profile).await;
            }
            _ => {}
        }
        self.update_client(profile.settings.client_id.as_str(), &change)
            .await?;
        self.diagnose(profile).await
    }
}

fn checks_default_flows() -> Vec<String> {
    checks::DEFAULT_FLOWS.map(str::to_owned).to_vec()
}
