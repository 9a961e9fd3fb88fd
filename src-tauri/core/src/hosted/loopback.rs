//! The loopback listener of RFC 8252 §7.3: bound to 127.0.0.1 (and ::1 for a
//! `localhost` redirect) only, on the fixed port of the profile's redirect URI,
//! handling one connection at a time until the redirect arrives, the deadline passes
//! or the user cancels. Requests to other paths (a favicon, a port scanner) are
//! answered 404 and do not end the wait.

use super::page::{self, Page};
use crate::error::{Code, Error, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::pin::Pin;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::Instant;

/// How long a connection may take to send its request line and headers. Browsers open
/// speculative connections they may never use; one of those must not hold the single
/// slot for long.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the answer page may take to reach the browser once decided.
const ANSWER_FLUSH_TIMEOUT: Duration = Duration::from_secs(5);

/// The query parameters of the redirect, as the browser delivered them.
pub type CallbackParams = HashMap<String, String>;

type Connection = Pin<Box<http1::Connection<TokioIo<tokio::net::TcpStream>, CallbackService>>>;
type ServiceFuture = Pin<
    Box<
        dyn std::future::Future<Output = std::result::Result<Response<Full<Bytes>>, Infallible>>
            + Send,
    >,
>;
pub(crate) type Handoff = (CallbackParams, oneshot::Sender<Page>);

#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    /// [::1] on the same port, for a `localhost` redirect: a browser may resolve
    /// localhost to ::1 first. Loopback too, so no wider than 127.0.0.1.
    listener_v6: Option<TcpListener>,
    path: String,
    port: u16,
}

/// The browser request that reached the redirect path, waiting for its answer page.
pub struct Pending {
    reply: oneshot::Sender<Page>,
    conn: Connection,
}

impl Pending {
    /// Sends `page` to the browser and lets the connection finish.
    pub async fn answer(mut self, page: Page) {
        let _ = self.reply.send(page);
        let _ = tokio::time::timeout(ANSWER_FLUSH_TIMEOUT, &mut self.conn).await;
    }
}

impl Loopback {
    /// Binds 127.0.0.1:`port`, and [::1]:`port` too when `host` is `localhost` (where
    /// the machine has IPv6). Never 0.0.0.0 or ::, which would widen who can connect.
    pub async fn bind(host: &str, port: u16, path: &str) -> Result<Self> {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            Ok(listener) => Ok(Self {
                listener,
                listener_v6: match host {
                    "localhost" => match TcpListener::bind((Ipv6Addr::LOCALHOST, port)).await {
                        Ok(v6) => Some(v6),
                        // Another program there would get the redirect of a browser
                        // that tries ::1 first: as taken as 127.0.0.1 would be.
                        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                            return Err(port_in_use(port))
                        }
                        // No IPv6 on this machine: 127.0.0.1 serves alone.
                        Err(_) => None,
                    },
                    _ => None,
                },
                path: path.to_owned(),
                port,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Err(port_in_use(port)),
            Err(e) => Err(Error::new(Code::LoopbackUnavailable,
                format!("Cognito Desk cannot listen on 127.0.0.1:{port} for the redirect: {e}."),
                "Choose another port in the profile's redirect URI and register that exact URL on the app client.",
            )),
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether [::1] is served too.
    pub fn serves_ipv6(&self) -> bool {
        self.listener_v6.is_some()
    }

    /// The next connection on either address.
    async fn accept(&self) -> std::io::Result<tokio::net::TcpStream> {
        match &self.listener_v6 {
            Some(v6) => tokio::select! {
                accepted = self.listener.accept() => accepted.map(|(s, _)| s),
                accepted = v6.accept() => accepted.map(|(s, _)| s),
            },
            None => self.listener.accept().await.map(|(s, _)| s),
        }
    }

    /// The next request to the redirect path, one connection at a time. Fails with
    /// `ManagedLoginTimeout` at `deadline` and `ManagedLoginCancelled` when `cancel`
    /// turns true. The browser waits for [`Pending::answer`], so the page it shows can
    /// tell the final outcome.
    pub async fn next_callback(
        &self,
        deadline: Instant,
        timeout_secs: u64,
        cancel: &mut watch::Receiver<bool>,
    ) -> Result<(CallbackParams, Pending)> {
        loop {
            let stream = tokio::select! {
                accepted = self.accept() => match accepted {
                    Ok(stream) => stream,
                    // A connection reset before it was accepted, or no file descriptors
                    // left: pause briefly (no busy loop), then wait for the next one.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = tokio::time::sleep_until(deadline) => return Err(timed_out(timeout_secs)),
                () = cancelled(cancel) => return Err(cancelled_error()),
            };
            let (tx, mut rx) = mpsc::channel::<Handoff>(1);
            let mut conn: Connection = Box::pin(
                http1::Builder::new()
                    .keep_alive(false)
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_READ_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), CallbackService::new(&self.path, tx)),
            );
            tokio::select! {
                // This connection ended without reaching the redirect path (another
                // path, or the browser went away): wait for the next one.
                _ = &mut conn => continue,
                Some((params, reply)) = rx.recv() => return Ok((params, Pending { reply, conn })),
                () = tokio::time::sleep_until(deadline) => return Err(timed_out(timeout_secs)),
                () = cancelled(cancel) => return Err(cancelled_error()),
            }
        }
    }
}

/// The per-connection service: the redirect path goes to the waiting loop, anything
/// else gets a 404 page.
pub struct CallbackService {
    path: String,
    tx: mpsc::Sender<Handoff>,
}

impl CallbackService {
    /// The service for `path`, handing each request to it over `tx`.
    pub(crate) fn new(path: &str, tx: mpsc::Sender<Handoff>) -> Self {
        Self {
            path: path.to_owned(),
            tx,
        }
    }
}

impl hyper::service::Service<Request<Incoming>> for CallbackService {
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = ServiceFuture;

    fn call(&self, request: Request<Incoming>) -> ServiceFuture {
        let is_callback = request.uri().path() == self.path;
        let params: CallbackParams =
            url::form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes())
                .into_owned()
                .collect();
        let tx = self.tx.clone();
        Box::pin(async move {
            if !is_callback {
                return Ok(render(&page::not_the_callback()));
            }
            let (reply_tx, reply_rx) = oneshot::channel();
            if tx.send((params, reply_tx)).await.is_err() {
                return Ok(render(&page::no_longer_waiting()));
            }
            Ok(render(
                &reply_rx.await.unwrap_or_else(|_| page::no_longer_waiting()),
            ))
        })
    }
}

fn render(page: &Page) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(page.html())));
    *response.status_mut() = StatusCode::from_u16(page.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        hyper::header::CACHE_CONTROL,
        hyper::header::HeaderValue::from_static("no-store"),
    );
    // The page has no scripts and loads nothing.
    headers.insert(
        hyper::header::CONTENT_SECURITY_POLICY,
        hyper::header::HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    response
}

/// Resolves when `cancel` turns true.
pub async fn cancelled(cancel: &mut watch::Receiver<bool>) {
    // A dropped sender means nobody can cancel any more: wait forever.
    if cancel.wait_for(|c| *c).await.is_err() {
        std::future::pending::<()>().await;
    }
}

fn timed_out(secs: u64) -> Error {
    Error::new(Code::ManagedLoginTimeout,
        format!("The browser did not come back within {} min {} s.", secs / 60, secs % 60),
        "Finish the sign-in in the browser sooner, or start again. If the browser showed an error page, the redirect URI may not be registered on the app client.",
    )
}

pub fn cancelled_error() -> Error {
    Error::new(
        Code::ManagedLoginCancelled,
        "Managed login was cancelled.",
        "Start it again when you are ready.",
    )
}

/// Names the program holding the port when the OS tells us (Linux, macOS, Windows).
fn port_in_use(port: u16) -> Error {
    let by = listeners::get_process_by_port(port, listeners::Protocol::TCP)
        .map(|p| format!("{} (pid {})", p.name, p.pid))
        .unwrap_or_else(|_| "another program".to_owned());
    Error::new(Code::RedirectPortInUse,
        format!("Port {port} on 127.0.0.1 is already in use by {by}, so the browser's redirect cannot reach Cognito Desk."),
        format!("Close {by}, or choose another port in the profile's redirect URI and register that exact URL as a callback URL on the app client."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A port free on 127.0.0.1 and (where there is IPv6) on ::1.
    fn free_port() -> u16 {
        loop {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .unwrap();
            let v6_free = std::net::TcpListener::bind(("::1", port)).is_ok()
                || std::net::TcpListener::bind("[::1]:0").is_err();
            if v6_free {
                return port;
            }
        }
    }

    /// A browser's GET of `path` on `addr`; the status line it got.
    async fn get(addr: std::net::SocketAddr, path: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer).await;
        String::from_utf8_lossy(&answer)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    #[tokio::test]
    async fn a_localhost_redirect_is_served_on_both_loopback_addresses() {
        let v6_here = std::net::TcpListener::bind("[::1]:0").is_ok();
        let deadline = Instant::now() + Duration::from_secs(10);
        let (_keep, mut cancel) = watch::channel(false);
        for address in [
            std::net::SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            std::net::SocketAddr::from((Ipv6Addr::LOCALHOST, 0)),
        ] {
            if address.is_ipv6() && !v6_here {
                continue;
            }
            let port = free_port();
            let listener = Loopback::bind("localhost", port, "/callback")
                .await
                .unwrap();
            assert_eq!(listener.serves_ipv6(), v6_here);
            let mut at = address;
            at.set_port(port);
            let browser = tokio::spawn(get(at, "/callback?code=c&state=s"));
            let (params, pending) = listener
                .next_callback(deadline, 10, &mut cancel)
                .await
                .unwrap();
            assert_eq!(params.get("code").map(String::as_str), Some("c"), "{at}");
            pending.answer(page::signed_in()).await;
            assert!(browser.await.unwrap().contains("200"));
        }
        // A 127.0.0.1 redirect binds 127.0.0.1 only.
        let listener = Loopback::bind("127.0.0.1", free_port(), "/callback")
            .await
            .unwrap();
        assert!(!listener.serves_ipv6());
        // Another program on [::1]:port makes a localhost port as taken as 127.0.0.1.
        if v6_here {
            let port = free_port();
            let _other = std::net::TcpListener::bind(("::1", port)).unwrap();
            let e = Loopback::bind("localhost", port, "/callback")
                .await
                .unwrap_err();
            assert_eq!(e.code, Code::RedirectPortInUse, "{e:?}");
        }
    }
}
