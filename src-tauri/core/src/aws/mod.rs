//! Building SDK clients from a profile, and the one place every AWS call passes through.
//!
//! Public Cognito calls (InitiateAuth, RespondToAuthChallenge, …) are unsigned, so their
//! client is built with `no_credentials()`: the default credential chain would probe EC2
//! metadata for seconds on a machine without AWS credentials.

mod admin;
pub mod awscli;
mod calllog;

pub use admin::{AdminClientCache, AdminClients};
pub use calllog::{Answer, Call, CallLog, CallRecord, Param, Service};

use crate::error::{scrub, Error};
use crate::ids::ProfileId;
use crate::profile::Profile;
use aws_config::{retry::RetryConfig, timeout::TimeoutConfig, BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider as idp;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The SDK's error type, the same for every AWS crate.
pub type SdkError<E> = idp::error::SdkError<E>;

/// The error as the SDK reported it, reduced to what the mapping needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SdkFailure {
    /// The request never got an HTTP answer (refused, DNS, TLS, timeout).
    Unreachable,
    /// The service answered with an error.
    Service { code: String, message: String },
    /// An answer the SDK could not understand (e.g. an HTML error page).
    BadResponse { status: Option<u16> },
}

pub fn classify<E>(e: &SdkError<E>) -> SdkFailure
where
    E: ProvideErrorMetadata,
{
    use idp::error::SdkError;
    match e {
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => SdkFailure::Unreachable,
        SdkError::ServiceError(se) => match se.err().code() {
            Some(code) => SdkFailure::Service {
                code: code.to_owned(),
                message: se.err().message().unwrap_or_default().to_owned(),
            },
            None => SdkFailure::BadResponse {
                status: Some(se.raw().status().as_u16()),
            },
        },
        SdkError::ResponseError(re) => SdkFailure::BadResponse {
            status: Some(re.raw().status().as_u16()),
        },
        _ => SdkFailure::BadResponse { status: None },
    }
}

fn map_sdk_error<E>(operation: &str, endpoint: &str, e: &SdkError<E>) -> Error
where
    E: ProvideErrorMetadata,
{
    crate::cognito_errors::map(operation, endpoint, classify(e))
}

/// Where a profile's calls go, for messages: the override, or the AWS endpoint.
pub fn endpoint_label(profile: &Profile) -> String {
    profile.settings.endpoint.clone().unwrap_or_else(|| {
        format!(
            "https://cognito-idp.{}.amazonaws.com",
            profile.settings.region
        )
    })
}

/// A public (unsigned) Cognito user-pool call of `profile`, for the log.
pub fn cognito_call(operation: &'static str, profile: &Profile) -> Call {
    Call::cognito(operation, endpoint_label(profile)).region(profile.settings.region.clone())
}

/// The identity-provider client of one profile, built once and reused; rebuilt when the
/// profile's region or endpoint changes.
#[derive(Debug, Default, Clone)]
pub struct Clients {
    idp: Arc<Mutex<HashMap<ProfileId, (ClientKey, idp::Client)>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ClientKey {
    region: String,
    endpoint: Option<String>,
}

impl Clients {
    pub async fn user_pool(&self, profile: &Profile) -> idp::Client {
        let key = ClientKey {
            region: profile.settings.region.clone(),
            endpoint: profile.settings.endpoint.clone(),
        };
        if let Some((k, client)) = self.lock().get(&profile.id) {
            if *k == key {
                return client.clone();
            }
        }
        let client = idp::Client::new(&public_config(&key.region, key.endpoint.as_deref()).await);
        self.lock()
            .insert(profile.id.clone(), (key, client.clone()));
        client
    }

    /// How many distinct clients were built (for the reuse test).
    pub fn built(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ProfileId, (ClientKey, idp::Client)>> {
        self.idp.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// SDK config for unsigned public calls: no credentials, short timeouts so an
/// unreachable endpoint fails in seconds instead of hanging the UI.
pub async fn public_config(region: &str, endpoint: Option<&str>) -> aws_config::SdkConfig {
    let (retry, timeout) = timeouts();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .no_credentials()
        .region(Region::new(region.to_owned()))
        .retry_config(retry)
        .timeout_config(timeout);
    if let Some(url) = endpoint {
        loader = loader.endpoint_url(url);
    }
    loader.load().await
}

/// Two attempts and short timeouts, for every client: an unreachable endpoint fails in
/// seconds instead of hanging a screen.
fn timeouts() -> (RetryConfig, TimeoutConfig) {
    (
        RetryConfig::standard().with_max_attempts(2),
        TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(4))
            .operation_attempt_timeout(Duration::from_secs(15))
            .operation_timeout(Duration::from_secs(30))
            .build(),
    )
}

/// Removes token-like words from a server message before it may be shown.
pub fn server_message(message: &str) -> String {
    scrub(message)
}
