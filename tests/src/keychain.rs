//! A Secret Service of a test's own: a private D-Bus session bus with its own
//! gnome-keyring (its own keyring file), which the test may lock and unlock without
//! touching the keychain every other test of the run shares. nextest runs each test in
//! its own process, so pointing this process's `DBUS_SESSION_BUS_ADDRESS` at the
//! private bus reaches only this test.
//!
//! The bus gets no display: the keyring's unlock prompt (gcr-prompter, started by the
//! bus) cannot show, as over SSH or in a CI job, so a locked keyring answers at once
//! instead of waiting for a person at a prompt window.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The login keyring's password (a throwaway, like the one `scripts/test` uses).
const PASSWORD: &str = "throwaway-private";
const LOGIN: &str = "/org/freedesktop/secrets/collection/login";

pub struct PrivateKeychain {
    bus_pid: u32,
    dir: PathBuf,
}

impl PrivateKeychain {
    /// Starts the bus and an unlocked keyring under `dir`, and points this process at it.
    pub fn start(dir: &Path) -> Result<Self> {
        // The bus address below is this process's: under `cargo test` every test of
        // the binary would share it (and keep a dead bus after this one ends).
        if std::env::var("NEXTEST_EXECUTION_MODE").as_deref() != Ok("process-per-test") {
            bail!("a private keychain needs nextest's process per test (scripts/test)");
        }
        let runtime = dir.join("runtime");
        std::fs::create_dir_all(dir.join("data"))?;
        std::fs::create_dir_all(&runtime)?;
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))?;
        }
        let out = Command::new("dbus-daemon")
            .args(["--session", "--fork", "--print-address=1", "--print-pid=1"])
            // The forked daemon keeps stderr: capturing it would wait for its exit.
            .stderr(Stdio::null())
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .context("dbus-daemon")?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = text.lines();
        let (Some(address), Some(pid)) = (lines.next(), lines.next()) else {
            bail!("dbus-daemon printed no address: {text}");
        };
        let bus_pid = pid.trim().parse().context("dbus-daemon's pid")?;
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", address.trim());
        let keychain = Self {
            bus_pid,
            dir: dir.to_owned(),
        };
        keychain.unlock()?;
        Ok(keychain)
    }

    /// Unlocks the login keyring (creating it the first time) as signing in to the
    /// desktop does: a keyring daemon started with the password. A running, locked one
    /// is stopped first (gnome-keyring unlocks a running keyring only through a prompt).
    pub fn unlock(&self) -> Result<()> {
        self.stop_keyring()?;
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env("XDG_RUNTIME_DIR", self.dir.join("runtime"))
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("gnome-keyring-daemon")?;
        daemon
            .stdin
            .take()
            .context("stdin")?
            .write_all(PASSWORD.as_bytes())?;
        // The daemon forks and its first process exits once the keyring is unlocked.
        if !daemon.wait()?.success() {
            bail!("gnome-keyring-daemon --unlock failed");
        }
        Ok(())
    }

    /// Stops the keyring daemon, if one runs, and waits until it is gone.
    fn stop_keyring(&self) -> Result<()> {
        let Some(pid) = self.keyring_pid() else {
            return Ok(());
        };
        let _ = Command::new("kill").arg(pid.to_string()).status();
        let gone = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}")).exists() {
            if std::time::Instant::now() > gone {
                bail!("the keyring daemon {pid} did not stop");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(())
    }

    /// The process that owns the Secret Service name on the private bus, if any.
    fn keyring_pid(&self) -> Option<u32> {
        let out = Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/",
                "org.freedesktop.DBus.GetConnectionUnixProcessID",
                "string:org.freedesktop.secrets",
            ])
            .stderr(Stdio::null())
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .skip_while(|w| *w != "uint32")
            .nth(1)?
            .parse()
            .ok()
    }

    /// Locks the login keyring, as a screen lock or a timeout does.
    pub fn lock(&self) -> Result<()> {
        let status = Command::new("dbus-send")
            .args([
                "--session",
                "--dest=org.freedesktop.secrets",
                "--print-reply",
                "/org/freedesktop/secrets",
                "org.freedesktop.Secret.Service.Lock",
                &format!("array:objpath:{LOGIN}"),
            ])
            .stdout(Stdio::null())
            .status()?;
        if !status.success() {
            bail!("the Secret Service refused Lock");
        }
        Ok(())
    }
}

/// Stops the keyring daemon, then the bus. (A test killed outright leaves both: they
/// are daemons; each lives in the test's own temporary folder and holds no port.)
impl Drop for PrivateKeychain {
    fn drop(&mut self) {
        let _ = self.stop_keyring();
        let _ = Command::new("kill").arg(self.bus_pid.to_string()).status();
    }
}
