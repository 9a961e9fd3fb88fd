//! Signed clients for the admin screens. Their credentials come from the source the
//! profile names ([`AdminCredentials`]), resolved by aws-config's provider chain; the
//! app holds them only in the SDK's memory and never writes them anywhere.

use super::timeouts;
use crate::error::{scrub, Code, Error, Result};
use crate::ids::ProfileId;
use crate::profile::{AdminAccess, AdminCredentials, Profile};
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::provider::ProvideCredentials;
use aws_sdk_cognitoidentity as identity;
use aws_sdk_cognitoidentityprovider as idp;
use aws_smithy_types::error::display::DisplayErrorContext;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The emulators' fixed credentials (moto accepts any; ministack with AUTH=true checks
/// SigV4 signatures made with these).
const EMULATOR_KEY: &str = "test";

/// One profile's admin clients, signed with the same resolved credentials.
#[derive(Debug, Clone)]
pub struct AdminClients {
    pub idp: idp::Client,
    pub identity: identity::Client,
    /// The test setup's role (IAM is global; the region only signs).
    pub iam: aws_sdk_iam::Client,
    /// The test setup's bucket (path-style on an emulator).
    pub s3: aws_sdk_s3::Client,
    /// Whose account the credentials are (a tear-down checks it).
    pub sts: aws_sdk_sts::Client,
    /// Where the credentials came from, for messages ("the AWS profile dev-admin").
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct AdminKey {
    region: String,
    endpoint: Option<String>,
    credentials: AdminCredentials,
    profile_name: Option<String>,
}

impl AdminKey {
    fn of(profile: &Profile) -> Self {
        let s = &profile.settings;
        Self::new(&s.region, s.endpoint.as_deref(), &s.admin)
    }

    fn new(region: &str, endpoint: Option<&str>, admin: &AdminAccess) -> Self {
        Self {
            region: region.to_owned(),
            endpoint: endpoint.map(str::to_owned),
            credentials: admin.admin_credentials,
            profile_name: admin.profile_name().map(str::to_owned),
        }
    }

    fn source(&self) -> String {
        match (self.credentials, &self.profile_name) {
            (AdminCredentials::SharedProfile, Some(name)) => format!("the AWS profile “{name}”"),
            (AdminCredentials::EmulatorTest, _) => "the emulator's test credentials".to_owned(),
            _ => "the environment's AWS credentials".to_owned(),
        }
    }
}

/// Admin clients per profile, built on first use and kept while the profile's region,
/// endpoint and credential source stay the same.
#[derive(Debug, Default, Clone)]
pub struct AdminClientCache(Arc<Mutex<HashMap<ProfileId, (AdminKey, AdminClients)>>>);

impl AdminClientCache {
    /// The profile's admin clients. Resolving the credentials once here turns a missing
    /// or expired source into one clear error before any admin call is made.
    pub async fn get(&self, profile: &Profile) -> Result<AdminClients> {
        let key = AdminKey::of(profile);
        if key.credentials == AdminCredentials::None {
            return Err(missing(profile));
        }
        if let Some((k, clients)) = self.lock().get(&profile.id) {
            if *k == key {
                return Ok(clients.clone());
            }
        }
        let clients = build(&key).await?;
        self.lock()
            .insert(profile.id.clone(), (key, clients.clone()));
        Ok(clients)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ProfileId, (AdminKey, AdminClients)>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Admin clients for a region and endpoint that no profile names yet (a new test
/// setup), from the credential source `admin` names.
pub async fn admin_clients_for(
    region: &str,
    endpoint: Option<&str>,
    admin: &AdminAccess,
) -> Result<AdminClients> {
    let key = AdminKey::new(region, endpoint, admin);
    if key.credentials == AdminCredentials::None {
        return Err(Error::new(
            Code::AdminCredentialsMissing,
            "A test setup is made with admin credentials, and none were named.",
            "Name an AWS profile of ~/.aws/config (or the environment's credentials) as the setup's admin credentials.",
        ));
    }
    build(&key).await
}

/// The clients of `key`, its credentials resolved once so a missing or expired source
/// is one clear error before any call.
async fn build(key: &AdminKey) -> Result<AdminClients> {
    let config = load(key).await;
    let provider = config
        .credentials_provider()
        .ok_or_else(|| unavailable(key, "no credentials provider".to_owned()))?;
    provider
        .provide_credentials()
        .await
        .map_err(|e| unavailable(key, format!("{}", DisplayErrorContext(&e))))?;
    let s3 = aws_sdk_s3::config::Builder::from(&config)
        .force_path_style(key.endpoint.is_some())
        .build();
    Ok(AdminClients {
        idp: idp::Client::new(&config),
        identity: identity::Client::new(&config),
        iam: aws_sdk_iam::Client::new(&config),
        s3: aws_sdk_s3::Client::from_conf(s3),
        sts: aws_sdk_sts::Client::new(&config),
        source: key.source(),
    })
}

async fn load(key: &AdminKey) -> aws_config::SdkConfig {
    let (retry, timeout) = timeouts();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        // The pool's region, whatever region the AWS profile names.
        .region(Region::new(key.region.clone()))
        .retry_config(retry)
        .timeout_config(timeout);
    match key.credentials {
        AdminCredentials::SharedProfile => {
            if let Some(name) = &key.profile_name {
                loader = loader.profile_name(name);
            }
        }
        AdminCredentials::EmulatorTest => {
            loader = loader.credentials_provider(idp::config::Credentials::new(
                EMULATOR_KEY,
                EMULATOR_KEY,
                None,
                None,
                "cognito-desk-emulator",
            ));
        }
        AdminCredentials::Environment | AdminCredentials::None => {}
    }
    if let Some(url) = &key.endpoint {
        loader = loader.endpoint_url(url);
    }
    loader.load().await
}

fn missing(profile: &Profile) -> Error {
    Error::new(
        Code::AdminCredentialsMissing,
        format!(
            "The profile “{}” names no admin credentials, so Cognito Desk cannot read or change the pool.",
            profile.settings.name
        ),
        "Edit the profile → Admin access: choose a named profile of ~/.aws/config (aws configure / aws configure sso) or the environment. Signing in works without them.",
    )
}

fn unavailable(key: &AdminKey, detail: String) -> Error {
    let hint = match key.credentials {
        AdminCredentials::SharedProfile => format!(
            "Check that ~/.aws/config or ~/.aws/credentials has the profile “{}”; for an SSO profile run “aws sso login --profile {0}” first.",
            key.profile_name.as_deref().unwrap_or_default()
        ),
        _ => "Set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for Cognito Desk, or name an AWS profile in the Cognito Desk profile.".to_owned(),
    };
    Error::new(
        Code::AdminCredentialsUnavailable,
        format!(
            "No admin credentials from {}: {}",
            key.source(),
            scrub(&detail)
        ),
        hint,
    )
}
