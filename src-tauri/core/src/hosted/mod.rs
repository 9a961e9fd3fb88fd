//! Managed login (Cognito's hosted UI) the way RFC 8252 asks a native app to do it: the
//! system browser opens `/oauth2/authorize` (code flow, PKCE S256, random state and
//! nonce), a one-shot loopback listener receives the redirect, the code is exchanged at
//! `/oauth2/token`, and the ID token is verified — signature, iss, token_use, aud, exp
//! and nonce — before the session begins.

pub mod loopback;
pub mod oauth;
pub mod page;

use crate::aws::{Answer, Call, CallLog, Service};
use crate::dto::{ManagedLoginReport, ManagedLoginStart, TokenCheck, TokenDetails, TokenField};
use crate::error::{scrub, Code, Error, Result};
use crate::jwt::{Finding, TokenUse, Verifier};
use crate::profile::{Profile, ADMIN_SCOPE};
use crate::secret::masked_preview;
use crate::signin::Tokens;
use loopback::{CallbackParams, Loopback};
use oauth::{Authorization, HostedConfig};
use oauth2::AuthorizationCode;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::Instant;
use url::Url;

/// How long the app waits for the browser to come back.
pub const WAIT_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// How long the "Signed out" page stays available after the browser opens `/logout`.
pub const LOGOUT_RETURN_WAIT: Duration = Duration::from_secs(2 * 60);

/// A managed login between "browser opened" and "redirect received".
pub struct Attempt {
    pub profile: Profile,
    config: HostedConfig,
    authorization: Authorization,
    listener: Loopback,
    started: Instant,
    timeout: Duration,
    cancel: watch::Receiver<bool>,
}

impl std::fmt::Debug for Attempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attempt")
            .field("profile", &self.profile.id)
            .field("port", &self.listener.port())
            .finish_non_exhaustive()
    }
}

/// A managed login that ended with verified tokens.
pub struct Completed {
    pub tokens: Tokens,
    pub report: ManagedLoginReport,
}

/// Binds the loopback port, builds the authorization request and asks the domain
/// whether it accepts it (so a redirect URI mismatch is reported here, not as a
/// browser error page followed by a five-minute wait).
pub async fn begin(
    profile: &Profile,
    app: &crate::appclient::AppClient,
    http: &reqwest::Client,
    calls: &CallLog,
    timeout: Duration,
    cancel: watch::Receiver<bool>,
) -> Result<Attempt> {
    let config = HostedConfig::from_profile(profile)?.with_app_client(app);
    let host = config.redirect.host_str().unwrap_or_default();
    let listener = Loopback::bind(host, config.port(), config.redirect.path()).await?;
    let authorization = oauth::authorization(&config)?;
    let call = Call::new(
        Service::Http,
        "AuthorizePreflight",
        authorize_endpoint(&config),
    )
    .param("client_id", config.client_id.as_str())
    .param("redirect_uri", config.redirect.as_str())
    .param("scope", config.scopes.join(" "))
    .param("code_challenge_method", "S256");
    calls
        .record(call, preflight(http, &config, &authorization.url))
        .await?;
    Ok(Attempt {
        profile: profile.clone(),
        config,
        authorization,
        listener,
        started: Instant::now(),
        timeout,
        cancel,
    })
}

impl Attempt {
    pub fn start_view(&self) -> ManagedLoginStart {
        ManagedLoginStart {
            authorize_url: self.authorization.url.to_string(),
            redirect_uri: self.config.redirect.to_string(),
            scopes: self.config.scopes.clone(),
            missing_admin_scope: !self.config.scopes.iter().any(|s| s == ADMIN_SCOPE),
            timeout_secs: self.timeout.as_secs(),
            emulated: is_loopback_host(&self.config.domain),
            browser_opened: false,
        }
    }

    /// Waits for the redirect, then exchanges the code and verifies the ID token while
    /// the browser waits for its answer page.
    pub async fn complete(
        self,
        http: &reqwest::Client,
        calls: &CallLog,
        verifier: &Verifier,
        now: impl Fn() -> i64,
    ) -> Result<Completed> {
        let Attempt {
            profile,
            config,
            authorization,
            listener,
            started,
            timeout,
            cancel,
        } = self;
        let Authorization {
            url,
            state,
            nonce,
            verifier: pkce,
        } = authorization;
        let deadline = started + timeout;
        let timeout_secs = timeout.as_secs();
        let mut cancel = cancel;
        // Requests without a code or an error (a reload, a probe) do not end the wait,
        // and neither does one with another state: any web page can make the browser
        // request this port (an <img> tag), and must not end the user's sign-in. It is
        // answered with an error page and noted in the call log (the window shows it).
        let (code, pending) = loop {
            let (params, pending) = listener
                .next_callback(deadline, timeout_secs, &mut cancel)
                .await?;
            match judge_redirect(&params, state.secret()) {
                Redirect::Incomplete => pending.answer(page::incomplete()).await,
                Redirect::ForeignState => {
                    pending.answer(page::state_mismatch()).await;
                    let ignored =
                        Call::new(Service::Http, "LoopbackRedirect", config.redirect.as_str());
                    let noted = calls.record(ignored, async {
                        (Err::<(), _>(state_mismatch()), Answer::default())
                    });
                    let _ = noted.await;
                }
                Redirect::Refused { error, description } => {
                    drop(listener);
                    pending
                        .answer(page::refused(&error, description.as_deref()))
                        .await;
                    return Err(refused(&error, description.as_deref(), &config));
                }
                Redirect::Code(code) => break (code, pending),
            }
        };
        // One redirect is all this attempt takes: free the port now, not after the
        // exchange, so a new attempt can bind it at once.
        drop(listener);
        let waited_ms = millis(started.elapsed());
        let finish = async {
            let exchange_started = Instant::now();
            let grant = AuthorizationCode::new(code.clone());
            let exchanged = oauth::exchange_code(&config, http, calls, grant, pkce).await?;
            let exchange_ms = millis(exchange_started.elapsed());
            let id_token =
                verify_id_token(verifier, calls, &profile, &exchanged.tokens, &nonce, now())
                    .await?;
            Ok(Completed {
                report: ManagedLoginReport {
                    authorize_url: url.to_string(),
                    redirect_uri: config.redirect.to_string(),
                    scopes_requested: config.scopes.clone(),
                    code_preview: masked_preview(&code),
                    token_response: token_fields(&exchanged),
                    id_token,
                    waited_ms,
                    exchange_ms,
                    missing_admin_scope: !exchanged
                        .scope
                        .as_deref()
                        .unwrap_or(&config.scopes.join(" "))
                        .split_whitespace()
                        .any(|s| s == ADMIN_SCOPE),
                },
                tokens: exchanged.tokens,
            })
        };
        // Cancel still counts while the code is being exchanged: the user said stop.
        let result = tokio::select! {
            result = finish => result,
            () = loopback::cancelled(&mut cancel) => Err(loopback::cancelled_error()),
        };
        let result = match result {
            Ok(_) if *cancel.borrow() => Err(loopback::cancelled_error()),
            other => other,
        };
        pending
            .answer(match &result {
                Ok(_) => page::signed_in(),
                Err(e) if e.code == Code::ManagedLoginCancelled => page::cancelled(),
                Err(e) => page::failed(&e.message),
            })
            .await;
        result
    }
}

/// The loopback redirect, ready to answer the browser when the domain's `/logout`
/// sends it back (its `logout_uri` is the profile's redirect URI).
pub struct LogoutReturn {
    listener: Loopback,
    cancel: watch::Receiver<bool>,
}

impl LogoutReturn {
    /// Binds the port named by the `logout_uri` of `logout_url`. `cancel` frees it
    /// early (a new managed login needs the same port).
    pub async fn bind(logout_url: &str, cancel: watch::Receiver<bool>) -> Result<Self> {
        let back = Url::parse(logout_url)
            .ok()
            .and_then(|u| {
                u.query_pairs()
                    .find(|(k, _)| k == "logout_uri")
                    .map(|(_, v)| v.into_owned())
            })
            .and_then(|v| Url::parse(&v).ok())
            .ok_or_else(|| Error::internal("logout URL without logout_uri"))?;
        let port = back
            .port()
            .ok_or_else(|| Error::internal("logout_uri without port"))?;
        Ok(Self {
            listener: Loopback::bind(back.host_str().unwrap_or_default(), port, back.path())
                .await?,
            cancel,
        })
    }

    /// Answers the first request to the path with "Signed out", or gives up after
    /// `within` or when cancelled.
    pub async fn serve(mut self, within: Duration) -> Result<()> {
        let (_, pending) = self
            .listener
            .next_callback(Instant::now() + within, within.as_secs(), &mut self.cancel)
            .await?;
        pending.answer(page::signed_out()).await;
        Ok(())
    }
}

/// The ID token's checks as the token page shows them, plus the nonce of this request.
/// Any failed check ends the sign-in.
async fn verify_id_token(
    verifier: &Verifier,
    calls: &CallLog,
    profile: &Profile,
    tokens: &Tokens,
    nonce: &str,
    now: i64,
) -> Result<TokenDetails> {
    let mut details = verifier
        .details(calls, profile, &tokens.id, TokenUse::Id, now)
        .await?;
    // The claims are already decoded for the report: read the nonce there.
    let sent = details
        .claims
        .iter()
        .find(|c| c.name == "nonce")
        .map(|c| c.value.clone());
    details.checks.push(TokenCheck::new(
        "nonce",
        sent.as_deref() == Some(nonce),
        match sent {
            Some(n) if n == nonce => Finding::NonceMatches,
            Some(_) => Finding::NonceDiffers,
            None => Finding::NonceMissing,
        },
    ));
    let failed: Vec<String> = details
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.finding.to_string())
        .collect();
    if failed.is_empty() {
        Ok(details)
    } else {
        Err(Error::new(Code::IdTokenRejected,
            format!("The ID token from managed login failed verification: {}.", failed.join("; ")),
            "Check that the profile's pool id, region and app client match the managed-login domain. No session was started.",
        ))
    }
}

/// The token response as a tester may see it: every field, tokens masked.
fn token_fields(exchanged: &oauth::Exchanged) -> Vec<TokenField> {
    let tokens = &exchanged.tokens;
    let mut fields = vec![
        TokenField::text("token_type", exchanged.token_type.clone()),
        TokenField::text("expires_in", tokens.expires_in_secs.to_string()),
        TokenField::masked("id_token", masked_preview(tokens.id.expose())),
        TokenField::masked("access_token", masked_preview(tokens.access.expose())),
    ];
    if let Some(refresh) = &tokens.refresh {
        fields.push(TokenField::masked(
            "refresh_token",
            masked_preview(refresh.expose()),
        ));
    }
    if let Some(scope) = &exchanged.scope {
        fields.push(TokenField::text("scope", scope.clone()));
    }
    fields
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn is_loopback_host(url: &Url) -> bool {
    matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
}

fn state_mismatch() -> Error {
    Error::new(Code::StateMismatch,
        "A redirect arrived whose state does not match the sign-in Cognito Desk started. It was ignored and its code discarded; the sign-in goes on.",
        "This can be a stale browser tab or a web page trying to slip another account's code in. Finish the sign-in in the browser tab Cognito Desk opened.",
    )
}

/// An `error` on the redirect, in words.
fn refused(error: &str, description: Option<&str>, config: &HostedConfig) -> Error {
    let said = match description {
        Some(d) => format!("{error}: {d}"),
        None => error.to_owned(),
    };
    let scope_problem =
        error == "invalid_scope" || description.is_some_and(|d| d.contains("invalid_scope"));
    if error == "access_denied" {
        Error::new(
            Code::ManagedLoginDenied,
            format!("The sign-in was declined or cancelled in the browser ({said})."),
            "Start managed login again and complete the sign-in, or sign in with your password.",
        )
    } else if scope_problem {
        Error::new(Code::ManagedLoginScopeRefused,
            format!("The app client does not allow the requested scopes ({said})."),
            format!(
                "Allow these scopes on the app client's managed-login settings, or remove them from the profile: {}.",
                config.scopes.join(" ")
            ),
        )
    } else if error == "unauthorized_client" {
        Error::new(
            Code::ManagedLoginClientRefused,
            format!("The app client may not use managed login ({said})."),
            "Enable the authorization code grant on the app client's managed-login settings.",
        )
    } else {
        Error::new(
            Code::ManagedLoginRefused,
            format!("Managed login answered with an error ({said})."),
            "Check the app client's managed-login settings, then start again.",
        )
    }
}

fn redirect_mismatch(config: &HostedConfig, said: &str) -> Error {
    Error::new(
        Code::RedirectMismatch,
        format!(
            "The managed-login domain does not accept the redirect URI {} ({said}).",
            config.redirect
        ),
        format!(
            "Add exactly {} (same host, port and path) to the app client's allowed callback URLs.",
            config.redirect
        ),
    )
}

/// One GET of the authorization URL, without following redirects, before the browser
/// opens it. Cognito answers a redirect URI it does not know with a redirect to
/// `/error?error=redirect_mismatch`; emulators answer 400. Either is reported now.
async fn preflight(
    http: &reqwest::Client,
    config: &HostedConfig,
    url: &Url,
) -> (Result<()>, Answer) {
    let response = match http.get(url.clone()).send().await {
        Ok(response) => response,
        Err(e) => {
            let error = unreachable(config, &scrub(&e.to_string()));
            return (Err(error), Answer::default());
        }
    };
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(|l| url.join(l).ok());
    let body = if (400..600).contains(&status) {
        crate::http::read_limited(response, crate::http::MAX_BODY_BYTES)
            .await
            .map(|body| String::from_utf8_lossy(&body).into_owned())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let verdict = judge_authorize_answer(config, status, location.as_ref(), &body);
    (verdict, Answer::status(status))
}

/// `/oauth2/authorize` of the domain, without the query (the log's endpoint).
fn authorize_endpoint(config: &HostedConfig) -> String {
    config
        .endpoint("oauth2/authorize")
        .map(|u| u.to_string())
        .unwrap_or_default()
}

fn unreachable(config: &HostedConfig, what: &str) -> Error {
    Error::new(Code::ManagedLoginUnreachable,
        format!("The managed-login domain {} could not be reached: {what}.", config.domain),
        "Check the network connection and the profile's managed-login domain (App integration → Domain in the console).",
    )
}

/// What one request to the redirect path says.
#[derive(Debug, PartialEq, Eq)]
pub enum Redirect {
    /// Neither a code nor an error (a reload, a probe): the wait goes on.
    Incomplete,
    /// A code or an error for another attempt, or forged by a web page: ignored.
    ForeignState,
    /// The authorization server's error for this attempt, description scrubbed.
    Refused {
        error: String,
        description: Option<String>,
    },
    /// The authorization code for this attempt.
    Code(String),
}

/// Reads the redirect's query against this attempt's `state`. Any web page can make
/// the browser request the loopback port (an `<img>` tag), so only the exact state
/// counts, and an error with it ends the attempt.
pub fn judge_redirect(params: &CallbackParams, state: &str) -> Redirect {
    if !params.contains_key("code") && !params.contains_key("error") {
        return Redirect::Incomplete;
    }
    if params.get("state").map(String::as_str) != Some(state) {
        return Redirect::ForeignState;
    }
    if let Some(error) = params.get("error") {
        return Redirect::Refused {
            error: error.clone(),
            description: params.get("error_description").map(|d| scrub(d)),
        };
    }
    Redirect::Code(params.get("code").cloned().unwrap_or_default())
}

/// What the domain's answer to the authorization request means: OK (a sign-in page, or
/// a redirect to one), or the error it reports.
fn judge_authorize_answer(
    config: &HostedConfig,
    status: u16,
    location: Option<&Url>,
    body: &str,
) -> Result<()> {
    if (300..400).contains(&status) {
        let params: CallbackParams = location
            .map(|l| l.query_pairs().into_owned().collect())
            .unwrap_or_default();
        let Some(error) = params.get("error") else {
            return Ok(());
        };
        if error == "redirect_mismatch" {
            return Err(redirect_mismatch(config, error));
        }
        let description = params.get("error_description").map(|d| scrub(d));
        return Err(refused(error, description.as_deref(), config));
    }
    if status < 300 {
        return Ok(());
    }
    if status >= 500 {
        return Err(Error::new(
            Code::ManagedLoginUnavailable,
            format!(
                "The managed-login domain {} answered HTTP {status}.",
                config.domain
            ),
            "The service has a problem on its side: try again in a moment.",
        ));
    }
    // A 4xx page: the OAuth error in a JSON body (Cognito's style), else the words of
    // an HTML error page (an OpenID provider's).
    let json: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(|v| v.as_str())
            .map(scrub)
    };
    let (error, description) = (field("error"), field("error_description"));
    let lower = body.to_ascii_lowercase();
    let about_redirect = lower.contains("redirect_uri")
        && [
            "not allowed",
            "did not match",
            "mismatch",
            "invalid_redirect_uri",
        ]
        .iter()
        .any(|w| lower.contains(w));
    if error.as_deref() == Some("redirect_mismatch") || about_redirect {
        let said = description
            .or(error)
            .unwrap_or_else(|| format!("HTTP {status}"));
        return Err(redirect_mismatch(config, &said));
    }
    if let Some(error) = error {
        return Err(refused(&error, description.as_deref(), config));
    }
    if status == 404 {
        return Err(unreachable(
            config,
            "HTTP 404 at /oauth2/authorize: this is not a managed-login domain",
        ));
    }
    Err(Error::new(
        Code::ManagedLoginRefused,
        format!("The managed-login domain answered HTTP {status} to the sign-in request."),
        "Check the profile's domain and the app client's managed-login settings.",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> HostedConfig {
        HostedConfig {
            domain: Url::parse("https://demo.auth.us-east-1.amazoncognito.com").unwrap(),
            redirect: Url::parse("http://127.0.0.1:53682/callback").unwrap(),
            scopes: vec!["openid".into()],
            client_id: "client".into(),
            client_secret: None,
        }
    }

    fn judge(status: u16, location: Option<&str>, body: &str) -> Result<()> {
        let location = location.map(|l| Url::parse(l).unwrap());
        judge_authorize_answer(&config(), status, location.as_ref(), body)
    }

    /// The error code of a verdict, `None` for "go ahead".
    fn code(result: Result<()>) -> Option<Code> {
        result.err().map(|e| e.code)
    }

    #[test]
    fn cognito_redirects_to_its_login_page_or_to_an_error_page() {
        // What real Cognito answers: the sign-in page, or /error for an unknown URI.
        let login = "https://demo.auth.us-east-1.amazoncognito.com/login?client_id=client&response_type=code";
        assert_eq!(code(judge(302, Some(login), "")), None);
        let mismatch = "https://demo.auth.us-east-1.amazoncognito.com/error?error=redirect_mismatch&client_id=client";
        let e = judge(302, Some(mismatch), "").unwrap_err();
        assert_eq!(e.code, Code::RedirectMismatch);
        assert!(
            e.hint.contains("http://127.0.0.1:53682/callback"),
            "{}",
            e.hint
        );
        let scope = "http://127.0.0.1:53682/callback?error=invalid_request&error_description=invalid_scope&state=s";
        assert_eq!(
            code(judge(302, Some(scope), "")),
            Some(Code::ManagedLoginScopeRefused)
        );
        assert_eq!(code(judge(200, None, "<form>")), None);
    }

    #[test]
    fn error_pages_are_read_by_their_error_first() {
        let required =
            r#"{"error":"invalid_request","error_description":"redirect_uri is required."}"#;
        assert_eq!(
            code(judge(400, None, required)),
            Some(Code::ManagedLoginRefused)
        );
        let not_allowed = r#"{"error":"invalid_request","error_description":"redirect_uri is not allowed: http://x"}"#;
        assert_eq!(
            code(judge(400, None, not_allowed)),
            Some(Code::RedirectMismatch)
        );
        let client = r#"{"error":"invalid_client","error_description":"Client x not found."}"#;
        assert_eq!(
            code(judge(400, None, client)),
            Some(Code::ManagedLoginRefused)
        );
        let html = "<pre>error: invalid_redirect_uri</pre><pre>redirect_uri did not match any of the client's registered redirect_uris</pre>";
        assert_eq!(code(judge(400, None, html)), Some(Code::RedirectMismatch));
        assert_eq!(
            code(judge(503, None, "")),
            Some(Code::ManagedLoginUnavailable)
        );
        assert_eq!(
            code(judge(404, None, "")),
            Some(Code::ManagedLoginUnreachable)
        );
    }
}
