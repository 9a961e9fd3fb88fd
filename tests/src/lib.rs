//! The test bed of Cognito Desk: local Cognito emulators started per test on free
//! loopback ports, pools seeded through the AWS SDK's admin calls, TOTP codes computed
//! as an authenticator app would, and helpers for driving the real window.

pub mod bed;
pub mod browser;
pub mod cognito_local;
pub mod device_server;
pub mod emulator;
pub mod gui;
pub mod hid;
pub mod identity;
pub mod keychain;
pub mod managed;
pub mod oidc;
pub mod passkey_server;
pub mod process_tree;
pub mod proxy;
pub mod python;
pub mod sandbox;
pub mod seed;
pub mod setups;
pub mod totp;
pub mod wire;

use std::path::PathBuf;

/// The repository root (the app package).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// Where tests leave logs and screenshots: `test-output/<name>` in the repository
/// (ignored by git), fresh for each run of a test.
pub fn output_dir(name: &str) -> PathBuf {
    let dir = repo_root().join("test-output").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A fresh empty folder under the system temp dir.
pub fn temp_dir(prefix: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A port on 127.0.0.1 that was free a moment ago, never the Sandbox's fixed redirect
/// port (its test binds that one while others run).
pub fn free_port() -> u16 {
    loop {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(0);
        if port != SANDBOX_REDIRECT_PORT {
            return port;
        }
    }
}

/// The port of `sandbox::REDIRECT_URI`.
const SANDBOX_REDIRECT_PORT: u16 = 53682;

/// Writes a scenario once and runs it on both emulators: `on_both!(name, …)` turns each
/// `async fn name(kind: Kind)` into the tests `name::moto` and `name::ministack`.
#[macro_export]
macro_rules! on_both {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[tokio::test]
            async fn moto() {
                super::$scenario($crate::emulator::Kind::Moto).await
            }
            #[tokio::test]
            async fn ministack() {
                super::$scenario($crate::emulator::Kind::Ministack).await
            }
        }
    )*};
}
