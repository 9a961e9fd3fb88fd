//! cognito-local (npm, pinned in tests/cognito-local/package-lock.json): the third bed,
//! for what moto and ministack never do — SMS_MFA with a code it generates, prints on
//! its console and compares, and SELECT_MFA_TYPE for a user with both SMS and TOTP.
//!
//! It has no API that sets a user's SMS MFA option (emulators.md), so its data files are
//! written before it starts: one pool (MFA OPTIONAL), one app client, and the users
//! below. It checks no SECRET_HASH and has no SRP: the profile uses the password flow.

use crate::emulator::http_status;
use anyhow::{bail, Context, Result};
use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileSettings, SignInFlow};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const POOL_ID: &str = "us-east-1_CognitoLocal";
pub const CLIENT_ID: &str = "cognitolocalclient0000001";
pub const PASSWORD: &str = "Demo-Passw0rd!";
pub const PHONE: &str = "+15555550100";
/// Signs in with SMS_MFA.
pub const SMS_USER: &str = "sms-user";
/// Has SMS and TOTP: Cognito asks which (SELECT_MFA_TYPE).
pub const BOTH_USER: &str = "both-user";

pub struct CognitoLocal {
    pub port: u16,
    child: Option<Child>,
    log: PathBuf,
}

fn user(name: &str, sub: &str, methods: &[&str]) -> serde_json::Value {
    json!({
        "Username": name, "Password": PASSWORD, "Enabled": true, "UserStatus": "CONFIRMED",
        "Attributes": [
            {"Name": "sub", "Value": sub},
            {"Name": "email", "Value": format!("{name}@example.com")},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "phone_number", "Value": PHONE},
            {"Name": "phone_number_verified", "Value": "true"}
        ],
        "MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}],
        "UserMFASettingList": methods,
        "RefreshTokens": [],
        "UserCreateDate": "2026-01-01T00:00:00.000Z",
        "UserLastModifiedDate": "2026-01-01T00:00:00.000Z"
    })
}

fn write_fixture(dir: &Path) -> Result<()> {
    let db = dir.join(".cognito/db");
    std::fs::create_dir_all(&db)?;
    let dates = json!({"CreationDate": "2026-01-01T00:00:00.000Z", "LastModifiedDate": "2026-01-01T00:00:00.000Z"});
    let mut client = json!({
        "ClientId": CLIENT_ID, "ClientName": "cognito-desk", "UserPoolId": POOL_ID,
        "TokenValidityUnits": {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"}
    });
    let mut options = json!({
        "Id": POOL_ID, "Name": "cognito-desk-test", "MfaConfiguration": "OPTIONAL",
        "AutoVerifiedAttributes": ["email"]
    });
    for value in [&mut client, &mut options] {
        if let (Some(v), Some(d)) = (value.as_object_mut(), dates.as_object()) {
            v.extend(d.clone());
        }
    }
    std::fs::write(
        db.join("clients.json"),
        json!({"Clients": {CLIENT_ID: client}}).to_string(),
    )?;
    let users = json!({
        SMS_USER: user(SMS_USER, "11111111-1111-4111-8111-111111111111", &["SMS_MFA"]),
        BOTH_USER: user(BOTH_USER, "22222222-2222-4222-8222-222222222222", &["SMS_MFA", "SOFTWARE_TOKEN_MFA"]),
    });
    std::fs::write(
        db.join(format!("{POOL_ID}.json")),
        json!({"Options": options, "Users": users}).to_string(),
    )?;
    Ok(())
}

impl CognitoLocal {
    /// Writes the fixture into `dir` and starts cognito-local there on a free port.
    pub fn start(dir: &Path) -> Result<Self> {
        write_fixture(dir)?;
        let port = crate::free_port();
        let log = dir.join("cognito-local.log");
        let out = std::fs::File::create(&log)?;
        let bin = crate::repo_root().join("tests/cognito-local/node_modules/.bin/cognito-local");
        let child = Command::new("node")
            .arg(&bin)
            .current_dir(dir)
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .context("starting cognito-local (run scripts/setup first?)")?;
        let mut me = Self {
            port,
            child: Some(child),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let addr = format!("127.0.0.1:{port}");
        while http_status(&addr, "/health") != Some(200) {
            if Instant::now() > deadline {
                me.stop();
                bail!("cognito-local did not answer on {addr}:\n{}", me.console());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(me)
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A profile for the fixture's pool (password flow: cognito-local has no SRP).
    pub fn profile_settings(&self, name: &str) -> ProfileSettings {
        ProfileSettings {
            name: name.into(),
            region: crate::emulator::REGION.into(),
            user_pool_id: PoolId::new(POOL_ID),
            client_id: ClientId::new(CLIENT_ID),
            sign_in_flow: SignInFlow::Password,
            endpoint: Some(self.endpoint()),
            ..Default::default()
        }
    }

    /// Its console, without the colour codes it always prints.
    pub fn console(&self) -> String {
        let raw = std::fs::read_to_string(&self.log).unwrap_or_default();
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' && chars.peek() == Some(&'[') {
                // Skip ESC [ … m.
                for next in chars.by_ref() {
                    if next.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The last code it printed ("Confirmation Code Delivery … Code: 123456") after
    /// `seen` earlier ones, waiting for it: its logger writes after the HTTP answer.
    pub async fn code_after(&self, seen: usize) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let codes = self.codes();
            if codes.len() > seen {
                return Ok(codes[codes.len() - 1].clone());
            }
            if Instant::now() > deadline {
                bail!("cognito-local printed no new code:\n{}", self.console());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Every code printed so far, in order.
    pub fn codes(&self) -> Vec<String> {
        self.console()
            .lines()
            .filter_map(|line| {
                let rest = line.split("Code:").nth(1)?;
                let code: String = rest
                    .trim()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                (!code.is_empty()).then_some(code)
            })
            .collect()
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for CognitoLocal {
    fn drop(&mut self) {
        self.stop();
    }
}
