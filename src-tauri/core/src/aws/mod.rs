//! Building SDK clients from a profile, and the one place every AWS call passes through.
//!
//! Public Cognito calls (InitiateAuth, RespondToAuthChallenge, …) are unsigned, so their
//! client is built with `no_credentials()`: the default credential chain would probe EC2
//! metadata for seconds on a machine without AWS credentials.

mod admin;
pub mod awscli;
mod calllog;
mod clients;

pub use admin::{admin_clients_for, AdminClientCache, AdminClients};
pub use calllog::{Answer, Call, CallLog, CallNote, CallRecord, Param, Service};
pub use clients::Clients;

use crate::error::{scrub, Error};
use crate::profile::Profile;
use aws_config::{retry::RetryConfig, timeout::TimeoutConfig, BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider as idp;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
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
    endpoint_for(
        &profile.settings.region,
        profile.settings.endpoint.as_deref(),
    )
}

/// The endpoint the timeline names for a call: the override, else Cognito's regional one.
pub fn endpoint_for(region: &str, endpoint: Option<&str>) -> String {
    endpoint.map_or_else(
        || format!("https://cognito-idp.{region}.amazonaws.com"),
        str::to_owned,
    )
}

/// A call signed with admin credentials in `region` (at `endpoint`), for the log.
pub fn signed_call(
    service: Service,
    operation: &'static str,
    region: &str,
    endpoint: Option<&str>,
) -> Call {
    Call::new(service, operation, endpoint_for(region, endpoint))
        .region(region)
        .signed()
}

/// A public (unsigned) Cognito user-pool call of `profile`, for the log.
pub fn cognito_call(operation: &'static str, profile: &Profile) -> Call {
    Call::cognito(operation, endpoint_label(profile)).region(profile.settings.region.clone())
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
pub(crate) fn timeouts() -> (RetryConfig, TimeoutConfig) {
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
