//! The server-side checkers written in Python (tests/py/): another implementation than
//! the app's, run from the repository's venv with a JSON request on stdin and a JSON
//! answer on stdout.

use crate::emulator::venv_bin;
use serde_json::Value;
use std::io::Write;

/// Runs `tests/py/<script> <command>` with `request` on stdin; its JSON answer.
pub fn run(script: &str, command: &str, request: &Value) -> Value {
    let path = crate::repo_root().join("tests/py").join(script);
    let mut child = std::process::Command::new(venv_bin("python"))
        .arg(path)
        .arg(command)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(request.to_string().as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("python ends");
    assert!(out.status.success(), "{script} {command} failed");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("JSON from {script}"))
}
