//! Running the CLI binary as a script would: its own process, the test's config dir and
//! keychain service (inherited from the test bed's environment), output captured.

#![allow(dead_code)] // each test file uses a part

use cognito_desk_core::dto::RestoreOutcome;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::identity::{create_buckets, IdentityOptions};
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use std::path::Path;
use std::process::Stdio;
use tokio::io::AsyncWriteExt;

pub const USER: &str = "demo@example.com";
pub const BUCKETS: [&str; 2] = ["desk-cli-reports", "desk-cli-uploads"];

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Succeeded, or panics with what it printed.
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "{self:#?}");
        self
    }

    /// Failed with `code`: nothing on stdout a script could take for data, and one
    /// line on stderr.
    pub fn failed(self, code: i32) -> Self {
        assert_eq!(self.code, code, "{self:#?}");
        assert!(self.stdout.is_empty(), "stdout must stay empty: {self:#?}");
        assert_eq!(
            self.stderr.trim_end().lines().count(),
            1,
            "one line: {self:#?}"
        );
        assert!(self.stderr.contains("Fix: "), "names the fix: {self:#?}");
        self
    }
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_cognito-desk-cli")
}

/// The CLI with `args`, on `config_dir`, with `env` and `stdin` (closed when `None`).
pub async fn cli_in(
    config_dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: Option<&str>,
) -> Run {
    let mut command = tokio::process::Command::new(binary());
    command.env("COGNITO_DESK_CONFIG_DIR", config_dir);
    run_cli(command, args, env, stdin).await
}

/// The CLI as a new user on a CI runner has it: `home` as HOME, nothing else pointing
/// at a config folder, so the profiles live in `home/.config/cognito-desk`.
pub async fn cli_home(
    home: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: Option<&str>,
) -> Run {
    let mut command = tokio::process::Command::new(binary());
    command
        .env("HOME", home)
        .env_remove("COGNITO_DESK_CONFIG_DIR")
        .env_remove("XDG_CONFIG_HOME");
    run_cli(command, args, env, stdin).await
}

async fn run_cli(
    mut command: tokio::process::Command,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: Option<&str>,
) -> Run {
    command
        .args(args)
        .env_remove("COGNITO_DESK_PASSWORD")
        .env_remove("COGNITO_DESK_PROFILE")
        .env_remove("COGNITO_DESK_USERNAME")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the CLI starts");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input
            .write_all(text.as_bytes())
            .await
            .expect("stdin written");
    }
    drop(input);
    let out = child.wait_with_output().await.expect("the CLI ends");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub async fn cli(bed: &Bed, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    cli_in(&bed.dir.join("config"), args, env, stdin).await
}

/// A test bed whose profile "Test" names an identity pool trusting the pool, with the
/// user and two buckets seeded.
pub async fn bed_with_identity_pool(kind: Kind, name: &str) -> Bed {
    let bed = Bed::with_identity_pool(kind, name, USER, &IdentityOptions::default()).await;
    create_buckets(&bed.emu, &BUCKETS).await.unwrap();
    bed
}

/// Signs in with the password, then enrolls the test authenticator, then signs out:
/// the user now needs a TOTP code that only the test authenticator can make.
pub async fn make_test_account(bed: &Bed) {
    let password = format!("{DEMO_PASSWORD}\n");
    cli(
        bed,
        &["sign-in", "-p", "Test", "-u", USER, "--password-stdin"],
        &[],
        Some(&password),
    )
    .await
    .ok();
    let run = cli(
        bed,
        &["mfa", "enroll", "-p", "Test", "--test-authenticator"],
        &[],
        None,
    )
    .await
    .ok();
    assert!(
        run.stderr.contains("test authenticator keeps its secret"),
        "{run:#?}"
    );
    cli(bed, &["sign-out", "-p", "Test"], &[], None).await.ok();
}

/// Whether the window's core, started on the same config dir and keychain, restores a
/// session of `USER`.
pub async fn window_restores(bed: &Bed) -> bool {
    match bed.second_start().session().restore().await {
        RestoreOutcome::Restored { session } => session.email.as_deref() == Some(USER),
        _ => false,
    }
}
