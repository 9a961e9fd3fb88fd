//! A WIRE-SHAPE STAND-IN, not an emulator. No installable server speaks EMAIL_OTP,
//! SMS_OTP, USER_AUTH with SELECT_CHALLENGE, or MFA_SETUP with email (emulators.md).
//! This replays AWS's documented response shapes from a script and asserts that each
//! request the app sends is exactly the one expected (target, AuthFlow, ChallengeName,
//! ChallengeResponses keys and values, SECRET_HASH, the Session echoed back). A request
//! that differs is answered with an error and recorded, so the test fails on it.
//!
//! What it proves: the app sends the right requests in the right order and reads the
//! documented answers. What it cannot prove: that Cognito behaves as scripted.

use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Checks a request (its operation and body) that cannot be scripted exactly (an SRP
/// value, a proof, calls a window makes in either order) and makes the answer, or says
/// what is wrong with the request.
pub type Answerer = Arc<dyn Fn(&str, &Value) -> Result<Value, String> + Send + Sync>;

/// One scripted exchange: the request the app must send, and the answer it gets.
#[derive(Clone)]
pub struct Exchange {
    /// `InitiateAuth`, `RespondToAuthChallenge`, …
    pub operation: &'static str,
    /// The exact JSON body expected.
    pub request: Value,
    pub response: Value,
    /// Instead of `request` and `response`: a check of the request that makes the answer.
    pub answerer: Option<Answerer>,
    /// Other operations the answerer takes in this place (requests sent at once).
    pub also: &'static [&'static str],
}

impl std::fmt::Debug for Exchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exchange")
            .field("operation", &self.operation)
            .field("request", &self.request)
            .field("answerer", &self.answerer.is_some())
            .finish()
    }
}

impl Exchange {
    pub fn new(operation: &'static str, request: Value, response: Value) -> Self {
        Self {
            operation,
            request,
            response,
            answerer: None,
            also: &[],
        }
    }

    /// An exchange whose request `answer` checks (its values are random or computed)
    /// and answers; an `Err` is recorded as a mismatch and fails the test.
    pub fn checked(
        operation: &'static str,
        answer: impl Fn(&Value) -> Result<Value, String> + Send + Sync + 'static,
    ) -> Self {
        Self {
            operation,
            request: Value::Null,
            response: Value::Null,
            answerer: Some(Arc::new(move |_: &str, body: &Value| answer(body))),
            also: &[],
        }
    }

    /// One of `operations`, whichever comes first (a window sends them at once): `answer`
    /// gets the operation and the body. Script one per operation.
    pub fn any_of(
        operations: &'static [&'static str],
        answer: impl Fn(&str, &Value) -> Result<Value, String> + Send + Sync + 'static,
    ) -> Self {
        Self {
            operation: operations.first().copied().unwrap_or_default(),
            request: Value::Null,
            response: Value::Null,
            answerer: Some(Arc::new(answer)),
            also: operations,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    script: VecDeque<Exchange>,
    mismatches: Vec<String>,
    received: Vec<(String, Value)>,
    /// Where requests for other services than user pools go (an emulator), untouched.
    upstream: Option<String>,
}

/// The user pools' X-Amz-Target prefix: only these requests are scripted.
const USER_POOLS: &str = "AWSCognitoIdentityProviderService.";

/// The stand-in, listening on 127.0.0.1 until dropped.
pub struct StandIn {
    pub endpoint: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl StandIn {
    pub async fn start(script: Vec<Exchange>) -> Self {
        Self::start_in_front_of(script, None).await
    }

    /// A stand-in for the user pool in front of `upstream` (an emulator's endpoint):
    /// requests to other services (the identity pool, S3, STS) are passed through and
    /// answered by it, so a scripted sign-in can go on to real credentials calls.
    pub async fn start_in_front_of(script: Vec<Exchange>, upstream: Option<String>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State {
            script: script.into(),
            upstream,
            ..State::default()
        }));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| answer(state.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self {
            endpoint,
            state,
            task,
        }
    }

    /// Every request so far, as (operation, body).
    pub fn received(&self) -> Vec<(String, Value)> {
        self.lock().received.clone()
    }

    /// Fails the test if a request differed from the script or a scripted one never came.
    pub fn assert_script_done(&self) {
        let state = self.lock();
        assert!(
            state.mismatches.is_empty(),
            "requests differed from the script:\n{}",
            state.mismatches.join("\n")
        );
        assert!(
            state.script.is_empty(),
            "scripted requests never sent: {:?}",
            state.script.iter().map(|e| e.operation).collect::<Vec<_>>()
        );
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(
    state: Arc<Mutex<State>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let target = req
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let operation = target.rsplit('.').next().unwrap_or_default().to_owned();
    let upstream = state
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .upstream
        .clone();
    if let Some(upstream) = upstream.filter(|_| !target.starts_with(USER_POOLS)) {
        return Ok(pass_through(&upstream, req).await);
    }
    let body = req.into_body().collect().await?.to_bytes();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
    state.received.push((operation.clone(), body.clone()));
    let (status, reply) = match state.script.pop_front() {
        Some(Exchange {
            operation: expected,
            answerer: Some(answer),
            also,
            ..
        }) if expected == operation || also.contains(&operation.as_str()) => {
            match answer(&operation, &body) {
                Ok(reply) => {
                    let status = if reply.get("__type").is_some() {
                        400
                    } else {
                        200
                    };
                    (status, reply)
                }
                Err(why) => {
                    state
                        .mismatches
                        .push(format!("{operation}: {why}\n     got {body}"));
                    (
                        400,
                        json!({"__type": "WireShapeMismatch", "message": "request refused by the check"}),
                    )
                }
            }
        }
        // A scripted error answer (`__type`) goes out as AWS sends errors: HTTP 400.
        Some(next) if next.operation == operation && next.request == body => {
            let status = if next.response.get("__type").is_some() {
                400
            } else {
                200
            };
            (status, next.response)
        }
        Some(next) => {
            state.mismatches.push(format!(
                "expected {} {}\n     got {} {}",
                next.operation, next.request, operation, body
            ));
            (
                400,
                json!({"__type": "WireShapeMismatch", "message": "request differs from the script"}),
            )
        }
        None => {
            state
                .mismatches
                .push(format!("unscripted {operation} {body}"));
            (
                400,
                json!({"__type": "WireShapeMismatch", "message": "no more scripted requests"}),
            )
        }
    };
    Ok(Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .body(Full::new(Bytes::from(reply.to_string())))
        .unwrap_or_default())
}

/// An unsigned JWT with the claims a session reads (the stand-in's tokens are never
/// verified: the token page would say so, and no wire-shape test looks at it).
pub fn token(claims: Value) -> String {
    let b64 = |v: &Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
    };
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(&json!({"alg": "RS256", "kid": "wire-shape", "typ": "JWT"})),
        b64(&claims)
    )
}

/// A documented AuthenticationResult for `username` in `pool`, valid for an hour.
pub fn authentication_result(pool: &str, client_id: &str, username: &str) -> Value {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let iss = format!("https://cognito-idp.us-east-1.amazonaws.com/{pool}");
    let id = token(json!({
        "sub": "5f2e-wire", "cognito:username": username, "email": username,
        "token_use": "id", "aud": client_id, "iss": iss, "iat": now, "exp": now + 3600,
    }));
    let access = token(json!({
        "sub": "5f2e-wire", "username": username, "token_use": "access",
        "client_id": client_id, "iss": iss, "iat": now, "exp": now + 3600,
        "scope": "aws.cognito.signin.user.admin",
    }));
    json!({"AuthenticationResult": {
        "IdToken": id, "AccessToken": access, "RefreshToken": "wire-refresh-token",
        "ExpiresIn": 3600, "TokenType": "Bearer"
    }})
}

/// `answer` (an AuthenticationResult) with `refresh` as its RefreshToken, or with none
/// (a refresh that keeps the token, as Cognito answers without rotation).
pub fn with_refresh_token(mut answer: Value, refresh: Option<&str>) -> Value {
    match refresh {
        Some(token) => answer["AuthenticationResult"]["RefreshToken"] = json!(token),
        None => {
            if let Some(result) = answer["AuthenticationResult"].as_object_mut() {
                result.remove("RefreshToken");
            }
        }
    }
    answer
}

/// InitiateAuth USER_PASSWORD_AUTH as the app sends it (no client secret), with
/// DEVICE_KEY when this computer is a known device.
pub fn password_initiate(
    client: &str,
    user: &str,
    password: &str,
    device_key: Option<&str>,
) -> Value {
    let mut parameters = json!({"USERNAME": user, "PASSWORD": password});
    if let Some(key) = device_key {
        parameters["DEVICE_KEY"] = json!(key);
    }
    json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client, "AuthParameters": parameters})
}

/// `answer` naming a new device (NewDeviceMetadata), as a pool that tracks devices does.
pub fn naming_device(mut answer: Value, key: &str, group_key: &str) -> Value {
    answer["AuthenticationResult"]["NewDeviceMetadata"] =
        json!({"DeviceKey": key, "DeviceGroupKey": group_key});
    answer
}

/// A request for another service, sent on to `upstream` as it came (method, path,
/// headers, body: its signature stays valid for the same host header) and answered with
/// what came back.
async fn pass_through(upstream: &str, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let failed = |why: String| {
        Response::builder()
            .status(502)
            .body(Full::new(Bytes::from(why)))
            .unwrap_or_default()
    };
    let body = match body.collect().await {
        Ok(body) => body.to_bytes(),
        Err(e) => return failed(e.to_string()),
    };
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    // reqwest's TLS is built without a provider: the core installs its aws-lc-rs one.
    cognito_desk_core::http::install_crypto_provider();
    let mut request = reqwest::Client::new().request(parts.method, format!("{upstream}{path}"));
    for (name, value) in &parts.headers {
        request = request.header(name, value);
    }
    let answer = match request.body(body.to_vec()).send().await {
        Ok(answer) => answer,
        Err(e) => return failed(e.to_string()),
    };
    let mut response = Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        response = response.header(name, value);
    }
    match answer.bytes().await {
        Ok(bytes) => response.body(Full::new(bytes)).unwrap_or_default(),
        Err(e) => failed(e.to_string()),
    }
}
