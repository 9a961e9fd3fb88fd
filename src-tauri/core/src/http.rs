//! The HTTP client for the calls that are not SDK calls (the JWKS, the managed-login
//! domain). Its TLS is rustls on aws-lc-rs, the provider the AWS SDK's client uses, set
//! here in code so that no second crypto provider is compiled in; roots come from the
//! OS store, as for the SDK.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// [`client`], built on first use: loading the OS's root certificates takes tens of
/// milliseconds, which a CLI command that never fetches a JWKS or talks to a managed
/// login domain should not pay at every start.
#[derive(Debug, Default)]
pub struct LazyClient(OnceLock<reqwest::Client>);

impl LazyClient {
    pub fn get(&self) -> &reqwest::Client {
        self.0.get_or_init(client)
    }

    /// Whether the client was built (the laziness test).
    pub fn is_built(&self) -> bool {
        self.0.get().is_some()
    }
}

/// The most a body we read may hold: a JWKS, a token response or an error page is a
/// few KB. A broken or hostile server that sends more gets an error, not our memory.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Why an answer could not be read: the transport failed, the body was too large, or
/// (at the token endpoint) the server said it is overloaded or broken before any token
/// response could be expected.
#[derive(Debug)]
pub enum BodyError {
    Transport(String),
    TooLarge {
        max: usize,
    },
    /// HTTP 429 or 5xx.
    Status(u16),
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Transport(e) => f.write_str(e),
            Self::TooLarge { max } => write!(f, "the answer is larger than {} KB", max / 1024),
            Self::Status(status) => write!(f, "HTTP {status}"),
        }
    }
}

impl std::error::Error for BodyError {}

/// The body of `response`, at most `max` bytes.
pub async fn read_limited(
    mut response: reqwest::Response,
    max: usize,
) -> Result<Vec<u8>, BodyError> {
    let too_large = || BodyError::TooLarge { max };
    if response
        .content_length()
        .is_some_and(|n| n > u64::try_from(max).unwrap_or(u64::MAX))
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| BodyError::Transport(e.to_string()))?
    {
        if body.len().saturating_add(chunk.len()) > max {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The oauth2 crate's HTTP client for the token endpoint: `http`, with each answer read
/// under [`MAX_BODY_BYTES`] (the crate's own reqwest glue reads any size).
pub struct OAuthHttp<'a>(pub &'a reqwest::Client);

impl<'c> oauth2::AsyncHttpClient<'c> for OAuthHttp<'_> {
    type Error = BodyError;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<oauth2::HttpResponse, BodyError>> + Send + 'c>,
    >;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(send_oauth(self.0, request))
    }
}

async fn send_oauth(
    http: &reqwest::Client,
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, BodyError> {
    let request =
        reqwest::Request::try_from(request).map_err(|e| BodyError::Transport(e.to_string()))?;
    let response = http
        .execute(request)
        .await
        .map_err(|e| BodyError::Transport(e.to_string()))?;
    // Throttled or failing: no token response can follow, whatever the body says.
    let status = response.status();
    if status.as_u16() == 429 || status.is_server_error() {
        return Err(BodyError::Status(status.as_u16()));
    }
    let mut answer = oauth2::http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        answer = answer.header(name, value);
    }
    let body = read_limited(response, MAX_BODY_BYTES).await?;
    answer
        .body(body)
        .map_err(|e| BodyError::Transport(e.to_string()))
}

/// No redirects (a token endpoint never redirects, and following one could send the
/// code elsewhere; the preflight reads the redirect itself), short timeouts.
pub fn client() -> reqwest::Client {
    install_crypto_provider();
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15));
    let builder = match tls_config() {
        Some(tls) => builder.use_preconfigured_tls(tls),
        None => builder,
    };
    builder.build().unwrap_or_default()
}

/// Makes aws-lc-rs the process's default rustls provider. reqwest (built without a
/// provider of its own) panics on building a client when there is none; with this,
/// every client in the process, ours or a library's, finds one. Safe to call again.
pub fn install_crypto_provider() {
    // An Err means a provider is installed already: nothing to do.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
}

fn tls_config() -> Option<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A certificate the store cannot parse is skipped, as the SDK's client does.
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .ok()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Some(config)
}

/// A server on 127.0.0.1 that answers one request with `head` and `body_len` bytes
/// (the answers no emulator sends: oversized, throttled, failing); its URL.
#[cfg(test)]
pub(crate) async fn serve_once(head: &'static str, body_len: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        // Room for a whole token request, so the answer is not cut by a reset.
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let _ = socket.write_all(head.as_bytes()).await;
        let _ = socket.write_all(&vec![b'x'; body_len]).await;
    });
    url
}

#[cfg(test)]
mod tests {
    use super::serve_once;

    #[tokio::test]
    async fn an_oversized_body_is_an_error_with_or_without_a_length() {
        let http = super::client();
        let big = super::MAX_BODY_BYTES + 1;
        let declared = serve_once(
            "HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n",
            0,
        )
        .await;
        let response = http.get(declared).send().await.unwrap();
        let e = super::read_limited(response, super::MAX_BODY_BYTES)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("larger than 1024 KB"), "{e}");
        // No length: read until the limit, then refused.
        let streamed = serve_once("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", big).await;
        let response = http.get(streamed).send().await.unwrap();
        assert!(super::read_limited(response, super::MAX_BODY_BYTES)
            .await
            .is_err());
        let small = serve_once("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", 10).await;
        let response = http.get(small).send().await.unwrap();
        assert_eq!(
            super::read_limited(response, super::MAX_BODY_BYTES)
                .await
                .unwrap()
                .len(),
            10
        );
    }

    #[test]
    fn the_client_builds_with_the_aws_lc_provider() {
        assert!(super::tls_config().is_some());
        // Building must not panic for want of a process-wide crypto provider, and
        // afterwards a plain builder finds one too.
        let _ = super::client();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        assert!(reqwest::Client::builder().build().is_ok());
        let lazy = super::LazyClient::default();
        assert!(!lazy.is_built());
        let _ = lazy.get();
        assert!(lazy.is_built());
    }
}
