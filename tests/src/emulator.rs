//! Starting and stopping moto and ministack from the project's venv (`.venv`, made by
//! `scripts/setup`). Each emulator listens on 127.0.0.1 only, on a free port, and is
//! stopped by pid when dropped (SIGTERM, so ministack saves its state).

use anyhow::{bail, Context, Result};
use aws_sdk_cognitoidentityprovider as idp;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Moto,
    Ministack,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Moto => "moto",
            Kind::Ministack => "ministack",
        }
    }
}

/// The region every test pool lives in: moto routes unsigned GlobalSignOut to us-east-1.
pub const REGION: &str = "us-east-1";

#[derive(Debug)]
pub struct Emulator {
    pub kind: Kind,
    pub port: u16,
    child: Option<Child>,
    pub log: PathBuf,
    /// moto's request recording (one JSON line per request it received).
    recording: PathBuf,
}

pub fn venv_bin(name: &str) -> PathBuf {
    crate::repo_root().join(".venv/bin").join(name)
}

impl Emulator {
    /// Starts an emulator whose files (log, ministack state) live in `dir`.
    pub fn start(kind: Kind, dir: &Path) -> Result<Self> {
        Self::start_on(kind, dir, crate::free_port())
    }

    pub fn start_on(kind: Kind, dir: &Path, port: u16) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let log = dir.join(format!("{}.log", kind.name()));
        let recording = dir.join("moto-recording.jsonl");
        let out = std::fs::File::create(&log)?;
        let err = out.try_clone()?;
        let mut cmd = match kind {
            Kind::Moto => {
                let mut c = Command::new(venv_bin("moto_server"));
                c.args(["-H", "127.0.0.1", "-p", &port.to_string()])
                    // Without this moto accepts ANY TOTP code (emulators.md).
                    .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
                    // So tests can count what the emulator itself received.
                    .env("MOTO_ENABLE_RECORDING", "true")
                    .env("MOTO_RECORDER_FILEPATH", &recording);
                c
            }
            Kind::Ministack => {
                let state = dir.join("state");
                let s3 = dir.join("s3");
                let tmp = dir.join("tmp");
                for d in [&state, &s3, &tmp] {
                    std::fs::create_dir_all(d)?;
                }
                let mut c = Command::new(venv_bin("ministack"));
                c.env("BIND_HOST", "127.0.0.1")
                    .env("GATEWAY_PORT", port.to_string())
                    .env("AUTH", "true")
                    .env("IOT_MTLS_ENABLED", "0")
                    .env("SFTP_ENABLED", "0")
                    .env("PERSIST_STATE", "1")
                    .env("STATE_DIR", &state)
                    .env("S3_DATA_DIR", &s3)
                    .env("TMPDIR", &tmp);
                c
            }
        };
        let child = cmd
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("starting {} (run scripts/setup first?)", kind.name()))?;
        let mut emu = Emulator {
            kind,
            port,
            child: Some(child),
            log,
            recording,
        };
        emu.wait_ready()?;
        Ok(emu)
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn health_path(&self) -> &'static str {
        match self.kind {
            Kind::Moto => "/moto-api/",
            Kind::Ministack => "/_ministack/health",
        }
    }

    fn wait_ready(&mut self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let addr = format!("127.0.0.1:{}", self.port);
        while Instant::now() < deadline {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                    bail!(
                        "{} exited with {status} before it was ready:\n{log}",
                        self.kind.name()
                    );
                }
            }
            if http_status(&addr, self.health_path()) == Some(200) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!("{} did not answer on {addr} within 60 s", self.kind.name())
    }

    /// Stops the emulator (SIGTERM, then SIGKILL after 10 s) and waits for it.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        if let Ok(pid) = i32::try_from(child.id()) {
            // SAFETY: sending a signal to our own child process.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    /// How many requests for `operation` (the X-Amz-Target suffix, e.g. "GetId") moto
    /// received: a count from the server's side, independent of the app's own log.
    /// `None` on ministack, which records nothing.
    pub fn received(&self, operation: &str) -> Option<usize> {
        if self.kind != Kind::Moto {
            return None;
        }
        let text = std::fs::read_to_string(&self.recording).unwrap_or_default();
        let suffix = format!(".{operation}");
        Some(
            text.lines()
                .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
                .filter(|entry| {
                    entry["headers"].as_object().is_some_and(|headers| {
                        headers.iter().any(|(name, value)| {
                            name.eq_ignore_ascii_case("x-amz-target")
                                && value.as_str().is_some_and(|v| v.ends_with(&suffix))
                        })
                    })
                })
                .count(),
        )
    }

    /// SDK config for admin calls of any service: SigV4-signed with the emulators' test
    /// credentials (ministack with AUTH=true checks the signature).
    pub fn admin_config(&self) -> aws_config::SdkConfig {
        let creds = idp::config::Credentials::new("test", "test", None, None, "testbed");
        aws_config::SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new(REGION))
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(creds),
            )
            .endpoint_url(self.endpoint())
            .build()
    }

    /// An admin client: SigV4-signed with the emulators' test credentials.
    pub async fn admin_client(&self) -> idp::Client {
        let creds = idp::config::Credentials::new("test", "test", None, None, "testbed");
        let conf = idp::Config::builder()
            .behavior_version(idp::config::BehaviorVersion::latest())
            .region(idp::config::Region::new(REGION))
            .credentials_provider(creds)
            .endpoint_url(self.endpoint())
            .build();
        idp::Client::from_conf(conf)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A bare HTTP/1.0 GET for readiness polling; `None` while nothing answers.
pub(crate) fn http_status(addr: &str, path: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let mut stream =
        std::net::TcpStream::connect_timeout(&addr.parse().ok()?, Duration::from_millis(500))
            .ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").ok()?;
    let mut buf = [0u8; 64];
    let n = stream.read(&mut buf).ok()?;
    let head = String::from_utf8_lossy(&buf[..n]);
    head.split_whitespace().nth(1)?.parse().ok()
}
