//! The OAuth 2.0 side of managed login, done by the `oauth2` crate: the authorization
//! URL with PKCE S256, and the token endpoint (authorization_code and refresh_token
//! grants) of a public app client. Cognito adds `id_token` to the token response.

use crate::aws::{Answer, Call, CallLog, Service};
use crate::error::{scrub, Code, Error, Result};
use crate::http::BodyError;
use crate::profile::Profile;
use crate::secret::{Jwt, RefreshToken};
use crate::signin::Tokens;
use oauth2::basic::{
    BasicErrorResponse, BasicErrorResponseType, BasicRevocationErrorResponse,
    BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, CsrfToken, EndpointNotSet, EndpointSet,
    ExtraTokenFields, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RefreshToken as OAuthRefresh, RequestTokenError, Scope, StandardRevocableToken,
    StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

/// Cognito's token response carries the ID token beside the OAuth 2.0 fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IdTokenField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

impl ExtraTokenFields for IdTokenField {}

pub type CognitoTokenResponse = StandardTokenResponse<IdTokenField, BasicTokenType>;

type CognitoClient = oauth2::Client<
    BasicErrorResponse,
    CognitoTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// A profile's managed-login settings, checked and parsed.
#[derive(Debug, Clone)]
pub struct HostedConfig {
    pub domain: Url,
    pub redirect: Url,
    pub scopes: Vec<String>,
    pub client_id: String,
    /// A confidential client authenticates at the token endpoint (HTTP Basic).
    pub client_secret: Option<crate::secret::ClientSecret>,
}

impl HostedConfig {
    pub fn from_profile(profile: &Profile) -> Result<Self> {
        let not_set_up = || {
            Error::new(Code::ManagedLoginNotConfigured,
                format!("The profile \"{}\" has no managed-login domain and redirect URI.", profile.settings.name),
                "Edit the profile: enter the pool's domain (App integration → Domain) and a loopback redirect URI such as http://127.0.0.1:53682/callback, registered on the app client.",
            )
        };
        let (Some(domain), Some(redirect)) =
            (&profile.settings.domain, &profile.settings.redirect_uri)
        else {
            return Err(not_set_up());
        };
        let domain = Url::parse(domain).map_err(|_| not_set_up())?;
        let redirect = Url::parse(redirect).map_err(|_| not_set_up())?;
        if redirect.port().is_none() {
            return Err(not_set_up());
        }
        Ok(Self {
            domain,
            redirect,
            scopes: profile.scopes(),
            client_id: profile.settings.client_id.to_string(),
            client_secret: None,
        })
    }

    /// The same settings for `app`, with its secret when it has one.
    pub fn with_app_client(mut self, app: &crate::appclient::AppClient) -> Self {
        self.client_secret = app.secret().cloned();
        self
    }

    pub fn endpoint(&self, path: &str) -> Result<Url> {
        self.domain
            .join(path)
            .map_err(|e| Error::internal(format!("domain {}: {e}", self.domain)))
    }

    /// The loopback port (validated to be present when the profile was saved).
    pub fn port(&self) -> u16 {
        self.redirect.port().unwrap_or_default()
    }

    fn client(&self) -> Result<CognitoClient> {
        let bad = |e: url::ParseError| Error::internal(format!("managed-login URL: {e}"));
        let client = oauth2::Client::new(ClientId::new(self.client_id.clone()))
            .set_auth_uri(AuthUrl::from_url(self.endpoint("oauth2/authorize")?))
            .set_token_uri(TokenUrl::from_url(self.endpoint("oauth2/token")?))
            .set_redirect_uri(RedirectUrl::new(self.redirect.to_string()).map_err(bad)?);
        Ok(match &self.client_secret {
            // A confidential client: client_id and secret in an Authorization: Basic header.
            Some(secret) => client
                .set_client_secret(oauth2::ClientSecret::new(secret.expose().to_owned()))
                .set_auth_type(AuthType::BasicAuth),
            // A public client: client_id in the body, no secret.
            None => client.set_auth_type(AuthType::RequestBody),
        })
    }

    /// `/logout?client_id=…&logout_uri=…`: clears the hosted session cookie.
    pub fn logout_url(&self) -> Result<Url> {
        let mut url = self.endpoint("logout")?;
        url.query_pairs_mut()
            .append_pair("client_id", &self.client_id)
            .append_pair("logout_uri", self.redirect.as_str());
        Ok(url)
    }
}

/// The one-time values of one authorization request; the verifier never leaves here.
pub struct Authorization {
    pub url: Url,
    pub state: CsrfToken,
    pub nonce: String,
    pub verifier: PkceCodeVerifier,
}

pub fn authorization(config: &HostedConfig) -> Result<Authorization> {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    // The nonce is another unguessable one-time value: CsrfToken's generator makes one.
    let nonce = CsrfToken::new_random().secret().clone();
    let (url, state) = config
        .client()?
        .authorize_url(CsrfToken::new_random)
        .add_scopes(config.scopes.iter().cloned().map(Scope::new))
        .add_extra_param("nonce", nonce.clone())
        .set_pkce_challenge(challenge)
        .url();
    Ok(Authorization {
        url,
        state,
        nonce,
        verifier,
    })
}

/// What the token endpoint sent, with its fields kept for the tester's report.
pub struct Exchanged {
    pub tokens: Tokens,
    pub token_type: String,
    pub scope: Option<String>,
}

/// The log entry of a token-endpoint request.
fn token_call(config: &HostedConfig, grant: &'static str) -> Call {
    let url = config
        .endpoint("oauth2/token")
        .map(|u| u.to_string())
        .unwrap_or_default();
    let call = Call::new(Service::Http, "TokenEndpoint", url)
        .param("grant_type", grant)
        .param("client_id", config.client_id.as_str());
    match config.client_secret {
        Some(_) => call.secret("Authorization", "BASIC_CLIENT_CREDENTIALS"),
        None => call,
    }
}

pub async fn exchange_code(
    config: &HostedConfig,
    http: &reqwest::Client,
    calls: &CallLog,
    code: AuthorizationCode,
    verifier: PkceCodeVerifier,
) -> Result<Exchanged> {
    let call = token_call(config, "authorization_code")
        .secret("code", "CODE")
        .param("redirect_uri", config.redirect.as_str())
        .secret("code_verifier", "CODE_VERIFIER");
    let client = config.client()?;
    let send = crate::http::OAuthHttp(http);
    let request = client
        .exchange_code(code)
        .set_pkce_verifier(verifier)
        .request_async(&send);
    let response = calls
        .record(call, answered(config, "authorization_code", request))
        .await?;
    let token_type = response.token_type().as_ref().to_owned();
    let scope = response.scopes().map(|scopes| {
        scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let tokens = into_tokens(response, None)?;
    Ok(Exchanged {
        tokens,
        token_type,
        scope,
    })
}

/// The refresh_token grant: new ID and access tokens, keeping the scopes granted at
/// sign-in. `invalid_grant` here means the refresh token was revoked or expired.
pub async fn refresh(
    config: &HostedConfig,
    http: &reqwest::Client,
    calls: &CallLog,
    refresh: &RefreshToken,
) -> Result<Tokens> {
    let token = OAuthRefresh::new(refresh.expose().to_owned());
    let client = config.client()?;
    let send = crate::http::OAuthHttp(http);
    let request = client.exchange_refresh_token(&token).request_async(&send);
    let call = token_call(config, "refresh_token").secret("refresh_token", "REFRESH_TOKEN");
    let response = calls
        .record(call, answered(config, "refresh_token", request))
        .await
        .map_err(|e| match e {
            e if e.code == Code::ManagedLoginInvalidGrant => Error::new(
                Code::SessionRevoked,
                "The session was revoked or has expired.",
                "Sign in again.",
            ),
            e => e,
        })?;
    into_tokens(response, Some(refresh))
}

fn into_tokens(response: CognitoTokenResponse, kept: Option<&RefreshToken>) -> Result<Tokens> {
    let id = response.extra_fields().id_token.clone().ok_or_else(|| {
        Error::new(
            Code::NoIdToken,
            "The token endpoint sent no ID token.",
            "Add the openid scope to the profile's scopes and allow it on the app client.",
        )
    })?;
    let expires_in_secs = response
        .expires_in()
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(3600);
    Ok(Tokens {
        id: Jwt::new(id),
        access: Jwt::new(response.access_token().secret().clone()),
        refresh: response
            .refresh_token()
            .map(|r| RefreshToken::new(r.secret().clone()))
            .or_else(|| kept.cloned()),
        expires_in_secs,
        // The managed login confirms devices itself; its tokens name none.
        new_device: None,
    })
}

type TokenRequestError = RequestTokenError<BodyError, BasicErrorResponse>;

/// A token request as the call log takes it: the result in the app's words, and the
/// HTTP status it implies (an OAuth error response is a 400, a success a 200).
async fn answered<T>(
    config: &HostedConfig,
    grant: &str,
    request: impl std::future::Future<Output = std::result::Result<T, TokenRequestError>>,
) -> (Result<T>, Answer) {
    match request.await {
        Ok(response) => (Ok(response), Answer::status(200)),
        Err(e) => {
            let answer = match e {
                RequestTokenError::ServerResponse(_) => Answer::status(400),
                RequestTokenError::Request(BodyError::Status(status)) => Answer::status(status),
                _ => Answer::default(),
            };
            (Err(token_error(config, grant, e)), answer)
        }
    }
}

fn token_error(config: &HostedConfig, grant: &str, e: TokenRequestError) -> Error {
    let endpoint = config
        .endpoint("oauth2/token")
        .map(|u| u.to_string())
        .unwrap_or_default();
    match e {
        RequestTokenError::ServerResponse(response) => {
            let description = response
                .error_description()
                .map(|d| format!(": {}", scrub(d)))
                .unwrap_or_default();
            match response.error() {
                BasicErrorResponseType::InvalidGrant => Error::new(Code::ManagedLoginInvalidGrant,
                    format!("The token endpoint refused the {grant} grant (invalid_grant{description})."),
                    "The code was used already, expired (codes last 5 minutes), or its PKCE verifier or redirect URI did not match. Start managed login again.",
                ),
                BasicErrorResponseType::InvalidClient | BasicErrorResponseType::UnauthorizedClient => Error::new(Code::ManagedLoginClientRefused,
                    format!("The token endpoint refused the app client {} ({}{description}).", config.client_id, response.error().as_ref()),
                    "Use an app client without a client secret, with the authorization code grant enabled under managed login.",
                ),
                other => Error::new(Code::ManagedLoginTokenError,
                    format!("The token endpoint answered {}{description}.", other.as_ref()),
                    "Check the app client's managed-login settings (allowed OAuth flows and scopes).",
                ),
            }
        }
        RequestTokenError::Request(BodyError::Status(429)) => Error::new(
            Code::TooManyRequestsException,
            format!("The token endpoint {endpoint} answered HTTP 429: too many requests."),
            "Cognito is throttling this app client or account: wait a minute, then try again.",
        ),
        RequestTokenError::Request(BodyError::Status(status)) => Error::new(
            Code::ManagedLoginUnavailable,
            format!("The token endpoint {endpoint} answered HTTP {status}."),
            "The service has a problem on its side: try again in a moment.",
        ),
        RequestTokenError::Request(BodyError::TooLarge { max }) => Error::new(
            Code::ManagedLoginTokenError,
            format!(
                "The token endpoint {endpoint} sent an answer larger than {} KB, which is not a token response.",
                max / 1024
            ),
            "Check that the profile's domain is the pool's managed-login domain.",
        ),
        RequestTokenError::Request(BodyError::Transport(e)) => Error::new(
            Code::ManagedLoginUnreachable,
            format!(
                "The token endpoint {endpoint} could not be reached: {}.",
                scrub(&e)
            ),
            "Check the network connection and the profile's managed-login domain.",
        ),
        RequestTokenError::Parse(_, _) | RequestTokenError::Other(_) => Error::new(
            Code::ManagedLoginTokenError,
            format!("The token endpoint {endpoint} sent an answer that is not a token response."),
            "Check that the profile's domain is the pool's managed-login domain.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token endpoint on 127.0.0.1 that answers one request with `head` and
    /// `body_len` bytes.
    async fn token_endpoint(head: &'static str, body_len: usize) -> HostedConfig {
        let url = crate::http::serve_once(head, body_len).await;
        HostedConfig {
            domain: Url::parse(&url).unwrap(),
            redirect: Url::parse("http://127.0.0.1:53682/callback").unwrap(),
            scopes: vec!["openid".into()],
            client_id: "client".into(),
            client_secret: None,
        }
    }

    async fn exchange(config: &HostedConfig) -> Error {
        let calls = CallLog::default();
        let (_, verifier) = PkceCodeChallenge::new_random_sha256();
        exchange_code(
            config,
            &crate::http::client(),
            &calls,
            AuthorizationCode::new("code".into()),
            verifier,
        )
        .await
        .err()
        .expect("the exchange fails")
    }

    #[tokio::test]
    async fn throttling_an_outage_and_a_flood_at_the_token_endpoint_are_told_apart() {
        let answers = [
            (
                "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nslow down",
                Code::TooManyRequestsException,
                "HTTP 429",
            ),
            (
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
                Code::ManagedLoginUnavailable,
                "HTTP 503",
            ),
        ];
        for (head, code, said) in answers {
            let e = exchange(&token_endpoint(head, 0).await).await;
            assert_eq!(e.code, code, "{e:?}");
            assert!(e.message.contains(said), "{}", e.message);
        }

        let flood = token_endpoint(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
            crate::http::MAX_BODY_BYTES + 1,
        )
        .await;
        let e = exchange(&flood).await;
        assert_eq!(e.code, Code::ManagedLoginTokenError, "{e:?}");
        assert!(e.message.contains("larger than 1024 KB"), "{}", e.message);
        assert!(!e.message.contains("could not be reached"), "{}", e.message);

        let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let gone = HostedConfig {
            domain: Url::parse(&format!("http://127.0.0.1:{port}")).unwrap(),
            ..flood
        };
        assert_eq!(exchange(&gone).await.code, Code::ManagedLoginUnreachable);
    }
}
