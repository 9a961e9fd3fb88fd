//! Building SDK clients from a profile, and the one place every AWS call passes through.
//!
//! Public Cognito calls (InitiateAuth, RespondToAuthChallenge, …) are unsigned, so their
//! client is built with `no_credentials()`: the default credential chain would probe EC2
//! metadata for seconds on a machine without AWS credentials.

use crate::error::{scrub, Error};
use crate::profile::Profile;
use aws_config::{retry::RetryConfig, timeout::TimeoutConfig, BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider as idp;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// What one AWS call did, for the app's timeline and for tests that count requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    pub operation: &'static str,
    /// Unix time in milliseconds when the call started.
    pub started_at_ms: u128,
    pub duration_ms: u64,
    /// `"ok"` or the error code (`CodeMismatchException`, `NetworkUnreachable`, …).
    pub outcome: String,
}

/// A bounded, shared log of AWS calls.
#[derive(Debug, Clone, Default)]
pub struct CallLog(Arc<Mutex<VecDeque<CallRecord>>>);

const CALL_LOG_CAPACITY: usize = 500;

impl CallLog {
    pub fn records(&self) -> Vec<CallRecord> {
        self.lock().iter().cloned().collect()
    }

    /// How many records the log holds now: a mark for [`CallLog::since`].
    pub fn mark(&self) -> usize {
        self.lock().len()
    }

    /// The records added after `mark` (all of them if the log wrapped since).
    pub fn since(&self, mark: usize) -> Vec<CallRecord> {
        let log = self.lock();
        log.iter().skip(mark.min(log.len())).cloned().collect()
    }

    pub fn count(&self, operation: &str) -> usize {
        self.lock()
            .iter()
            .filter(|r| r.operation == operation)
            .count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<CallRecord>> {
        // A panic while holding this lock cannot leave the log inconsistent: keep using it.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn push(&self, record: CallRecord) {
        let mut log = self.lock();
        if log.len() == CALL_LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(record);
    }

    /// Runs one SDK call, records it, and turns its error into the app's [`Error`].
    pub async fn call<T, E>(
        &self,
        operation: &'static str,
        endpoint: &str,
        fut: impl Future<Output = Result<T, idp::error::SdkError<E>>>,
    ) -> Result<T, Error>
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        self.call_http(operation, async {
            fut.await
                .map_err(|e| map_sdk_error(operation, endpoint, &e))
        })
        .await
    }

    /// Records a call that is not an SDK call (the managed-login token endpoint), whose
    /// error is already the app's [`Error`].
    pub async fn call_http<T>(
        &self,
        operation: &'static str,
        fut: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let started_at_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        let start = Instant::now();
        let result = fut.await;
        self.push(CallRecord {
            operation,
            started_at_ms,
            duration_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
            outcome: match &result {
                Ok(_) => "ok".into(),
                Err(e) => e.code.clone(),
            },
        });
        result
    }
}

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

pub fn classify<E>(e: &idp::error::SdkError<E>) -> SdkFailure
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

fn map_sdk_error<E>(operation: &str, endpoint: &str, e: &idp::error::SdkError<E>) -> Error
where
    E: ProvideErrorMetadata,
{
    crate::cognito_errors::map(operation, endpoint, classify(e))
}

/// Where a profile's calls go, for messages: the override, or the AWS endpoint.
pub fn endpoint_label(profile: &Profile) -> String {
    profile
        .endpoint
        .clone()
        .unwrap_or_else(|| format!("https://cognito-idp.{}.amazonaws.com", profile.region))
}

/// The identity-provider client of one profile, built once and reused; rebuilt when the
/// profile's region or endpoint changes.
#[derive(Debug, Default, Clone)]
pub struct Clients {
    idp: Arc<Mutex<HashMap<String, (ClientKey, idp::Client)>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ClientKey {
    region: String,
    endpoint: Option<String>,
}

impl Clients {
    pub async fn user_pool(&self, profile: &Profile) -> idp::Client {
        let key = ClientKey {
            region: profile.region.clone(),
            endpoint: profile.endpoint.clone(),
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (ClientKey, idp::Client)>> {
        self.idp.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// SDK config for unsigned public calls: no credentials, short timeouts so an
/// unreachable endpoint fails in seconds instead of hanging the UI.
pub async fn public_config(region: &str, endpoint: Option<&str>) -> aws_config::SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .no_credentials()
        .region(Region::new(region.to_owned()))
        .retry_config(RetryConfig::standard().with_max_attempts(2))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(4))
                .operation_attempt_timeout(Duration::from_secs(15))
                .operation_timeout(Duration::from_secs(30))
                .build(),
        );
    if let Some(url) = endpoint {
        loader = loader.endpoint_url(url);
    }
    loader.load().await
}

/// Removes token-like words from a server message before it may be shown.
pub fn server_message(message: &str) -> String {
    scrub(message)
}
