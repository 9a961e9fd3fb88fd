//! The one place every outbound HTTP call passes through: SDK calls, the JWKS fetch and
//! the managed-login preflight, token endpoint and logout page. Each call leaves a
//! [`CallRecord`] (service, operation, endpoint, duration, outcome, HTTP status,
//! request id, parameters with every secret replaced by a shell variable name), failures
//! included. The timeline, the credentials page's steps and the tests' request counts
//! read it.

use crate::error::Error;
use crate::secret::Masked;
use aws_types::request_id::RequestId;
use serde::Serialize;
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Which service a call went to (the AWS CLI's service names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    CognitoIdp,
    CognitoIdentity,
    S3,
    Sts,
    Iam,
    /// A plain HTTP call: the JWKS, the managed-login domain.
    Http,
}

/// One request parameter as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Param {
    pub name: String,
    /// The value, or for a secret the shell variable that stands for it (`$PASSWORD`).
    pub value: String,
    pub secret: bool,
    /// The map parameter this is an entry of (`AuthParameters`, `Logins`, …); none for
    /// a top-level parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<&'static str>,
}

/// What is about to be called: built at the call site, where the parameters are known.
#[derive(Debug, Clone)]
pub struct Call {
    service: Service,
    operation: &'static str,
    endpoint: String,
    region: Option<String>,
    signed: bool,
    temporary_credentials: bool,
    params: Vec<Param>,
}

impl Call {
    /// The API operation's name (`CreateUserPool`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    pub fn new(service: Service, operation: &'static str, endpoint: impl Into<String>) -> Self {
        Self {
            service,
            operation,
            endpoint: endpoint.into(),
            region: None,
            signed: false,
            temporary_credentials: false,
            params: Vec::new(),
        }
    }

    /// The region the call went to (for `--region` when it is replayed).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A SigV4-signed call (admin calls, S3, STS); public Cognito calls are unsigned.
    pub fn signed(mut self) -> Self {
        self.signed = true;
        self
    }

    /// Signed with the identity pool's temporary credentials (S3, STS on the
    /// Credentials page): a replay must use them, not the shell's default profile.
    pub fn signed_with_temporary_credentials(mut self) -> Self {
        self.signed = true;
        self.temporary_credentials = true;
        self
    }

    fn push_param(
        mut self,
        map: Option<&'static str>,
        name: &str,
        value: String,
        secret: bool,
    ) -> Self {
        self.params.push(Param {
            name: name.to_owned(),
            value,
            secret,
            map,
        });
        self
    }

    /// An entry of a map parameter (`AuthParameters.USERNAME`).
    pub fn entry(self, map: &'static str, name: &str, value: impl Into<String>) -> Self {
        self.push_param(Some(map), name, value.into(), false)
    }

    /// A map entry whose value must never be shown: logged as `$VARIABLE`.
    pub fn secret_entry(self, map: &'static str, name: &str, variable: &str) -> Self {
        self.push_param(Some(map), name, format!("${variable}"), true)
    }

    pub fn cognito(operation: &'static str, endpoint: impl Into<String>) -> Self {
        Self::new(Service::CognitoIdp, operation, endpoint)
    }

    pub fn param(self, name: &str, value: impl Into<String>) -> Self {
        self.push_param(None, name, value.into(), false)
    }

    /// A parameter whose value must never be shown: logged as `$VARIABLE`.
    pub fn secret(self, name: &str, variable: &str) -> Self {
        self.push_param(None, name, format!("${variable}"), true)
    }
}

#[cfg(test)]
impl Call {
    /// The record this call would leave, for tests of what reads records.
    pub(crate) fn into_record_for_test(self) -> CallRecord {
        CallRecord {
            seq: 0,
            service: self.service,
            operation: self.operation,
            endpoint: self.endpoint,
            region: self.region,
            signed: self.signed,
            temporary_credentials: self.temporary_credentials,
            started_at_ms: 0,
            duration_ms: 0,
            outcome: "ok".to_owned(),
            http_status: Some(200),
            request_id: None,
            params: self.params,
            note: None,
        }
    }
}

/// What one call did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    /// Position in the log, counting from 0 since the start; never reused.
    pub seq: u64,
    pub service: Service,
    pub operation: &'static str,
    pub endpoint: String,
    /// The AWS region, when the call is an AWS API call.
    pub region: Option<String>,
    /// SigV4-signed (admin calls, S3, STS) or not (public Cognito calls).
    pub signed: bool,
    /// Signed with the identity pool's temporary credentials.
    pub temporary_credentials: bool,
    /// Unix time in milliseconds when the call started.
    pub started_at_ms: u128,
    pub duration_ms: u64,
    /// `"ok"` or the error code (`CodeMismatchException`, `NetworkUnreachable`, …).
    pub outcome: String,
    /// The HTTP status, when an answer arrived.
    pub http_status: Option<u16>,
    /// The service's request id, when it sent one.
    pub request_id: Option<String>,
    pub params: Vec<Param>,
    /// What the answer carried that the timeline says (a rotated refresh token).
    pub note: Option<CallNote>,
}

/// A fact of a call's answer the timeline shows beside it: values, worded by the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CallNote {
    /// The answer carried a new refresh token in place of the one sent (rotation):
    /// each only as its last characters and length.
    RefreshTokenRotated { old: Masked, new: Masked },
    /// The answer carried no new refresh token: the one sent stays in use.
    RefreshTokenKept,
}

/// What the finished call reports about its answer.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
}

impl Answer {
    pub fn status(status: u16) -> Self {
        Self {
            http_status: Some(status),
            request_id: None,
        }
    }
}

const CAPACITY: usize = 500;

/// Told of each call as it is recorded (the window's live timeline).
pub type Observer = Arc<dyn Fn(&CallRecord) + Send + Sync>;

#[derive(Default)]
struct Log {
    records: VecDeque<CallRecord>,
    next_seq: u64,
    observer: Option<Observer>,
}

impl std::fmt::Debug for Log {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Log")
            .field("records", &self.records.len())
            .field("next_seq", &self.next_seq)
            .field("observed", &self.observer.is_some())
            .finish()
    }
}

/// A bounded, shared log of calls (the newest [`CAPACITY`]).
#[derive(Debug, Clone, Default)]
pub struct CallLog(Arc<Mutex<Log>>);

impl CallLog {
    pub fn records(&self) -> Vec<CallRecord> {
        self.lock().records.iter().cloned().collect()
    }

    /// A mark for [`CallLog::since`]: the sequence number the next call will get.
    pub fn mark(&self) -> u64 {
        self.lock().next_seq
    }

    /// The records of the calls made after `mark`, also after the log wrapped (those
    /// dropped as older than the newest [`CAPACITY`] excepted).
    pub fn since(&self, mark: u64) -> Vec<CallRecord> {
        self.lock()
            .records
            .iter()
            .filter(|r| r.seq >= mark)
            .cloned()
            .collect()
    }

    pub fn count(&self, operation: &str) -> usize {
        self.lock()
            .records
            .iter()
            .filter(|r| r.operation == operation)
            .count()
    }

    fn lock(&self) -> MutexGuard<'_, Log> {
        // A panic while holding this lock cannot leave the log inconsistent: keep using it.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn push(
        &self,
        call: Call,
        started_at_ms: u128,
        start: Instant,
        outcome: String,
        answer: Answer,
        note: Option<CallNote>,
    ) {
        let mut log = self.lock();
        if log.records.len() == CAPACITY {
            log.records.pop_front();
        }
        let seq = log.next_seq;
        log.next_seq += 1;
        let record = CallRecord {
            seq,
            service: call.service,
            operation: call.operation,
            endpoint: call.endpoint,
            region: call.region,
            signed: call.signed,
            temporary_credentials: call.temporary_credentials,
            started_at_ms,
            duration_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
            outcome,
            http_status: answer.http_status,
            request_id: answer.request_id,
            params: call.params,
            note,
        };
        let observer = log.observer.clone();
        log.records.push_back(record.clone());
        // Told outside the lock: an observer may read the log.
        drop(log);
        if let Some(observer) = observer {
            observer(&record);
        }
    }

    /// Calls `observer` with each call recorded from now on (the live timeline).
    pub fn observe(&self, observer: Observer) {
        self.lock().observer = Some(observer);
    }

    /// "Copy as aws-cli" for the call numbered `seq`; `None` when it is gone from the
    /// log or is not an AWS API call.
    pub fn aws_cli(&self, seq: u64) -> Option<String> {
        let log = self.lock();
        let record = log.records.iter().find(|r| r.seq == seq)?;
        super::awscli::command(record)
    }

    /// The log as JSON (oldest first): what the timeline exports. Every secret is
    /// already a `$VARIABLE` in the records.
    pub fn export_json(&self) -> String {
        serde_json::to_string_pretty(&self.records()).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Runs one SDK call, records it, and turns its error into the app's [`Error`].
    pub async fn call<T, E>(
        &self,
        call: Call,
        fut: impl Future<Output = Result<T, super::SdkError<E>>>,
    ) -> Result<T, Error>
    where
        T: RequestId,
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    {
        self.call_noted(call, fut, |_| None).await
    }

    /// [`CallLog::call`], with a note of what a successful answer carried.
    pub async fn call_noted<T, E>(
        &self,
        call: Call,
        fut: impl Future<Output = Result<T, super::SdkError<E>>>,
        note: impl FnOnce(&T) -> Option<CallNote>,
    ) -> Result<T, Error>
    where
        T: RequestId,
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    {
        let operation = call.operation;
        let endpoint = call.endpoint.clone();
        let started_at_ms = now_ms();
        let start = Instant::now();
        let (result, answer, note) = match fut.await {
            Ok(out) => {
                let answer = Answer {
                    // The SDK keeps no status for a success; every success is a 2xx.
                    http_status: Some(200),
                    request_id: out.request_id().map(str::to_owned),
                };
                let note = note(&out);
                (Ok(out), answer, note)
            }
            Err(e) => {
                let answer = Answer {
                    http_status: e.raw_response().map(|r| r.status().as_u16()),
                    request_id: e.request_id().map(str::to_owned),
                };
                let error = super::map_sdk_error(operation, &endpoint, &e);
                (Err(error), answer, None)
            }
        };
        self.push(
            call,
            started_at_ms,
            start,
            outcome_of(&result),
            answer,
            note,
        );
        result
    }

    /// Records a call that is not an SDK call; the future reports what it learnt of the
    /// answer beside its result.
    pub async fn record<T>(
        &self,
        call: Call,
        fut: impl Future<Output = (Result<T, Error>, Answer)>,
    ) -> Result<T, Error> {
        let started_at_ms = now_ms();
        let start = Instant::now();
        let (result, answer) = fut.await;
        self.push(
            call,
            started_at_ms,
            start,
            outcome_of(&result),
            answer,
            None,
        );
        result
    }
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

fn outcome_of<T>(result: &Result<T, Error>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.code.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    async fn one(log: &CallLog, operation: &'static str, ok: bool) {
        let _ = log
            .record(
                Call::new(Service::Http, operation, "http://127.0.0.1:1")
                    .param("client_id", "abc")
                    .secret("code", "CODE"),
                async move {
                    let result = if ok {
                        Ok(())
                    } else {
                        Err(Error::new(Code::ManagedLoginInvalidGrant, "m", "h"))
                    };
                    (
                        result,
                        Answer {
                            http_status: Some(if ok { 200 } else { 400 }),
                            request_id: None,
                        },
                    )
                },
            )
            .await;
    }

    #[tokio::test]
    async fn since_finds_new_calls_after_the_log_has_wrapped() {
        let log = CallLog::default();
        for _ in 0..CAPACITY + 7 {
            one(&log, "Old", true).await;
        }
        assert_eq!(log.records().len(), CAPACITY);
        let mark = log.mark();
        assert_eq!(mark, (CAPACITY + 7) as u64);
        assert!(log.since(mark).is_empty());
        one(&log, "New", true).await;
        one(&log, "Newer", false).await;
        let new: Vec<_> = log.since(mark).iter().map(|r| r.operation).collect();
        assert_eq!(new, ["New", "Newer"]);
        assert_eq!(log.records().len(), CAPACITY);
    }

    #[tokio::test]
    async fn an_observer_hears_each_call_as_it_is_recorded() {
        let log = CallLog::default();
        let heard = Arc::new(Mutex::new(Vec::new()));
        let sink = heard.clone();
        log.observe(Arc::new(move |r: &CallRecord| {
            sink.lock().unwrap().push((r.operation, r.outcome.clone()));
        }));
        one(&log, "InitiateAuth", true).await;
        one(&log, "RespondToAuthChallenge", false).await;
        let heard = heard.lock().unwrap().clone();
        assert_eq!(heard.len(), 2);
        assert_eq!(heard[0], ("InitiateAuth", "ok".to_owned()));
        assert_eq!(heard[1].0, "RespondToAuthChallenge");
        assert_ne!(heard[1].1, "ok");
        let export: serde_json::Value = serde_json::from_str(&log.export_json()).unwrap();
        assert_eq!(export.as_array().map(Vec::len), Some(2));
        assert_eq!(export[1]["operation"], "RespondToAuthChallenge");
    }

    #[tokio::test]
    async fn failures_are_recorded_with_status_code_and_redacted_params() {
        let log = CallLog::default();
        one(&log, "TokenEndpoint", false).await;
        let r = &log.records()[0];
        assert_eq!(r.outcome, "ManagedLoginInvalidGrant");
        assert_eq!(r.http_status, Some(400));
        let json = serde_json::to_value(r).unwrap();
        assert_eq!(json["service"], "http");
        assert_eq!(
            json["params"],
            serde_json::json!([
                {"name": "client_id", "value": "abc", "secret": false},
                {"name": "code", "value": "$CODE", "secret": true}
            ])
        );
    }
}
