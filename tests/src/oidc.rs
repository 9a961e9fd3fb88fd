//! oidc-provider (npm, pinned in `tests/oidc/package.json`, installed by `scripts/setup`
//! into `tests/oidc/node_modules`): a certified OpenID provider nobody here wrote,
//! configured with Cognito's route names (`tests/oidc/server.mjs`). It proves the
//! authorization-code + PKCE + loopback path against an independent server.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The pool id the stand-in serves its JWKS under (`/<pool>/.well-known/jwks.json`).
pub const POOL_ID: &str = "us-east-1_OidcStandIn";
pub const CLIENT_ID: &str = "oidcstandin4desk7client2abc";

/// The issuer the stand-in writes into its tokens: the pool's Cognito issuer, so the
/// app's verifier checks them exactly as it checks Cognito's.
pub fn issuer() -> String {
    format!(
        "https://cognito-idp.{}.amazonaws.com/{POOL_ID}",
        crate::emulator::REGION
    )
}

pub struct OidcProvider {
    pub port: u16,
    child: Child,
}

impl OidcProvider {
    /// Starts the provider on a free port for one client whose redirect (and logout
    /// return) is `redirect_uri`, with `env` for its options (see server.mjs). Its output goes to `dir/oidc-provider.log`.
    pub fn start(dir: &Path, redirect_uri: &str, env: &[(&str, &str)]) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let port = crate::free_port();
        let script = crate::repo_root().join("tests/oidc/server.mjs");
        if !crate::repo_root()
            .join("tests/oidc/node_modules/oidc-provider")
            .exists()
        {
            bail!("tests/oidc/node_modules is missing: run scripts/setup");
        }
        let log = std::fs::File::create(dir.join("oidc-provider.log"))?;
        let mut child = Command::new("node")
            .arg(&script)
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_ISSUER", issuer())
            .env("OIDC_POOL_ID", POOL_ID)
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_REDIRECT_URI", redirect_uri)
            .env("OIDC_LOGOUT_URI", redirect_uri)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("starting node tests/oidc/server.mjs")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.contains("listening on") {
                    let _ = tx.send(());
                }
            }
        });
        if rx.recv_timeout(Duration::from_secs(30)).is_err() {
            let _ = child.kill();
            bail!(
                "oidc-provider did not start within 30 s; see {}",
                dir.join("oidc-provider.log").display()
            );
        }
        Ok(Self { port, child })
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
