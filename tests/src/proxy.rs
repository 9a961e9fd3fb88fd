//! A counting TCP proxy in front of an emulator: the profile's endpoint points here, so
//! every request the app (or the CLI) sends passes through and is counted, with the TCP
//! connections it came on. It reads HTTP/1.1 request framing (headers, Content-Length)
//! to name each request — the `X-Amz-Target` operation, an `Action=` of a query API, or
//! the method and path (S3) — and copies the answers back untouched. It can also cut
//! the emulator off after a number of requests, as if it stopped mid-run.

use anyhow::{bail, Context, Result};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

#[derive(Debug, Default)]
struct Stats {
    connections: usize,
    requests: Vec<String>,
    /// Forward this many requests (counted since the last reset), then drop every
    /// connection and refuse more.
    cut_after: Option<usize>,
}

pub struct CountingProxy {
    pub port: u16,
    stats: Arc<Mutex<Stats>>,
    cut: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl CountingProxy {
    /// Listens on a free loopback port and forwards to `upstream` (`http://host:port`).
    pub async fn start(upstream: &str) -> Result<Self> {
        let upstream = upstream
            .strip_prefix("http://")
            .context("the proxy forwards plain http")?
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let stats = Arc::new(Mutex::new(Stats::default()));
        let (cut, cut_rx) = watch::channel(false);
        let task = tokio::spawn(accept(
            listener,
            upstream,
            stats.clone(),
            cut.clone(),
            cut_rx,
        ));
        Ok(Self {
            port,
            stats,
            cut,
            task,
        })
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.lock().connections
    }

    /// The requests forwarded so far, by name, in order.
    pub fn requests(&self) -> Vec<String> {
        self.lock().requests.clone()
    }

    /// The requests forwarded since the last call, in order.
    pub fn take_requests(&self) -> Vec<String> {
        std::mem::take(&mut self.lock().requests)
    }

    /// Starts counting again (connections already open stay open and are not recounted).
    pub fn reset(&self) {
        let mut stats = self.lock();
        stats.connections = 0;
        stats.requests.clear();
    }

    /// After `n` more requests (counted since the last reset), the emulator is gone:
    /// connections drop, new ones are refused.
    pub fn cut_after(&self, n: usize) {
        self.lock().cut_after = Some(n);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Stats> {
        self.stats.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        let _ = self.cut.send(true);
        self.task.abort();
    }
}

async fn accept(
    listener: TcpListener,
    upstream: String,
    stats: Arc<Mutex<Stats>>,
    cut: watch::Sender<bool>,
    mut cut_rx: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((client, _)) = accepted else { return };
                stats.lock().unwrap_or_else(|p| p.into_inner()).connections += 1;
                let upstream = upstream.clone();
                let (stats, cut, cut_rx) = (stats.clone(), cut.clone(), cut.subscribe());
                tokio::spawn(async move {
                    let _ = relay(client, &upstream, stats, cut, cut_rx).await;
                });
            }
            // Dropping the listener refuses new connections.
            _ = cut_rx.changed() => return,
        }
    }
}

async fn relay(
    client: TcpStream,
    upstream: &str,
    stats: Arc<Mutex<Stats>>,
    cut: watch::Sender<bool>,
    mut cut_rx: watch::Receiver<bool>,
) -> Result<()> {
    let server = TcpStream::connect(upstream).await?;
    let (mut client_read, mut client_write) = client.into_split();
    let (server_read, mut server_write) = server.into_split();
    let mut answers = tokio::spawn(async move {
        let mut server_read = server_read;
        tokio::io::copy(&mut server_read, &mut client_write).await
    });
    let requests = async {
        loop {
            let Some(request) = read_request(&mut client_read).await? else {
                return Ok::<(), anyhow::Error>(());
            };
            let forward = {
                let mut s = stats.lock().unwrap_or_else(|p| p.into_inner());
                let allowed = s.cut_after.is_none_or(|n| s.requests.len() < n);
                if allowed {
                    s.requests.push(request.name.clone());
                }
                allowed
            };
            if !forward {
                let _ = cut.send(true);
                return Ok(());
            }
            server_write.write_all(&request.bytes).await?;
        }
    };
    tokio::select! {
        r = requests => r?,
        _ = cut_rx.changed() => {}
        _ = &mut answers => {}
    }
    answers.abort();
    Ok(())
}

struct Request {
    name: String,
    bytes: Vec<u8>,
}

/// One HTTP/1.1 request: the head up to the blank line, then Content-Length bytes.
/// `None` when the client closed the connection between requests.
async fn read_request(from: &mut (impl AsyncReadExt + Unpin)) -> Result<Option<Request>> {
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        if from.read(&mut byte).await? == 0 {
            if bytes.is_empty() {
                return Ok(None);
            }
            bail!("the connection closed inside a request head");
        }
        bytes.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&bytes).into_owned();
    let header = |name: &str| {
        head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    };
    if header("transfer-encoding").is_some() {
        bail!("chunked request bodies are not counted by this proxy");
    }
    let length: usize = header("content-length")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    from.read_exact(&mut body).await?;
    let body_text = String::from_utf8_lossy(&body);
    let request_line = head.lines().next().unwrap_or_default();
    let name = match header("x-amz-target") {
        Some(target) => target.rsplit('.').next().unwrap_or_default().to_owned(),
        None => match body_text
            .split('&')
            .find_map(|pair| pair.strip_prefix("Action="))
        {
            Some(action) => action.to_owned(),
            // S3 names its operation in the query (`GET /?x-id=ListBuckets`).
            None => match request_line.split_once("x-id=") {
                Some((_, rest)) => rest.split(['&', ' ']).next().unwrap_or_default().to_owned(),
                None => request_line
                    .rsplit_once(' ')
                    .map(|(start, _)| start.to_owned())
                    .unwrap_or_default(),
            },
        },
    };
    bytes.extend_from_slice(&body);
    Ok(Some(Request { name, bytes }))
}
