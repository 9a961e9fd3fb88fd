//! Cognito's side of device tracking for wire-shape stand-ins (tests/src/wire.rs):
//! ConfirmDevice, DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER, with the device's SRP
//! checked by `tests/py/device_srp.py` (pycognito's primitives, not the app's crate).

use crate::wire::Exchange;
use base64::Engine;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// The device Cognito names in NewDeviceMetadata, and the sign-in it belongs to.
#[derive(Debug, Clone)]
pub struct DeviceSpec {
    pub user: &'static str,
    pub key: &'static str,
    pub group_key: &'static str,
    pub name: String,
}

/// Cognito's side of device SRP, in Python (another implementation than the app's).
pub fn server(command: &str, request: &Value) -> Value {
    crate::python::run("device_srp.py", command, request)
}

/// What ConfirmDevice registered: the verifier and salt the later proofs are checked with.
#[derive(Debug, Default)]
pub struct Registered {
    pub verifier: String,
    pub salt: String,
    pub b: String,
    pub srp_b: String,
    pub srp_a: String,
    pub secret_block: String,
}

/// The server's state across one test: what ConfirmDevice registered, and the open
/// DEVICE_SRP_AUTH exchange.
#[derive(Debug, Clone)]
pub struct DeviceServer {
    pub spec: DeviceSpec,
    pub registered: Arc<Mutex<Registered>>,
}

impl DeviceServer {
    pub fn new(spec: DeviceSpec) -> Self {
        Self {
            spec,
            registered: Arc::default(),
        }
    }

    /// ConfirmDevice as Cognito takes it: `access` (the sign-in's access token), the
    /// device key it named, the device name, a verifier and a salt (kept for the proofs).
    pub fn confirm_device(&self, access: &str, necessary: bool) -> Exchange {
        let access = access.to_owned();
        let spec = self.spec.clone();
        let registered = self.registered.clone();
        Exchange::checked("ConfirmDevice", move |body| {
            let expected = (access.as_str(), spec.key, spec.name.as_str());
            let got = (
                body["AccessToken"].as_str().unwrap_or_default(),
                body["DeviceKey"].as_str().unwrap_or_default(),
                body["DeviceName"].as_str().unwrap_or_default(),
            );
            if got != expected {
                return Err(format!("expected {expected:?}, got {got:?}"));
            }
            let config = &body["DeviceSecretVerifierConfig"];
            let (Some(verifier), Some(salt)) =
                (config["PasswordVerifier"].as_str(), config["Salt"].as_str())
            else {
                return Err("no DeviceSecretVerifierConfig".into());
            };
            let mut r = registered.lock().map_err(|e| e.to_string())?;
            r.verifier = verifier.to_owned();
            r.salt = salt.to_owned();
            Ok(json!({"UserConfirmationNecessary": necessary}))
        })
    }

    /// DEVICE_SRP_AUTH (on Cognito's session `session`) answered with SRP_A: Cognito's
    /// DEVICE_PASSWORD_VERIFIER on `next`, made from the registered verifier.
    pub fn device_srp_auth(&self, session: &'static str, next: &'static str) -> Exchange {
        let spec = self.spec.clone();
        let registered = self.registered.clone();
        Exchange::checked("RespondToAuthChallenge", move |body| {
            let responses = &body["ChallengeResponses"];
            if body["ChallengeName"] != "DEVICE_SRP_AUTH"
                || body["Session"] != session
                || responses["USERNAME"] != spec.user
                || responses["DEVICE_KEY"] != spec.key
            {
                return Err("not the DEVICE_SRP_AUTH answer expected".into());
            }
            let srp_a = responses["SRP_A"].as_str().ok_or("no SRP_A")?.to_owned();
            let mut r = registered.lock().map_err(|e| e.to_string())?;
            let made = server("challenge", &json!({"verifier": r.verifier}));
            r.b = made["b"].as_str().unwrap_or_default().to_owned();
            r.srp_b = made["srpB"].as_str().unwrap_or_default().to_owned();
            r.srp_a = srp_a;
            let b64 = base64::engine::general_purpose::STANDARD;
            r.secret_block = b64.encode(b"cognito secret block");
            let salt = b64.decode(&r.salt).map_err(|e| e.to_string())?;
            let salt_hex: String = salt.iter().map(|b| format!("{b:02x}")).collect();
            Ok(
                json!({"ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": next,
                      "ChallengeParameters": {"USERNAME": spec.user, "SRP_B": r.srp_b,
                                              "SALT": salt_hex, "SECRET_BLOCK": r.secret_block}}),
            )
        })
    }

    /// DEVICE_PASSWORD_VERIFIER on `session`: the proof checked against the verifier;
    /// `answer` when it matches.
    pub fn device_password_verifier(&self, session: &'static str, answer: Value) -> Exchange {
        let spec = self.spec.clone();
        let registered = self.registered.clone();
        Exchange::checked("RespondToAuthChallenge", move |body| {
            let responses = &body["ChallengeResponses"];
            if body["ChallengeName"] != "DEVICE_PASSWORD_VERIFIER"
                || body["Session"] != session
                || responses["DEVICE_KEY"] != spec.key
                || responses["USERNAME"] != spec.user
            {
                return Err("not the DEVICE_PASSWORD_VERIFIER answer expected".into());
            }
            let r = registered.lock().map_err(|e| e.to_string())?;
            if responses["PASSWORD_CLAIM_SECRET_BLOCK"] != r.secret_block.as_str() {
                return Err("the secret block was not echoed".into());
            }
            let checked = server(
                "verify",
                &json!({"verifier": r.verifier, "b": r.b, "srpB": r.srp_b, "srpA": r.srp_a,
                        "groupKey": spec.group_key, "deviceKey": spec.key,
                        "secretBlock": r.secret_block, "timestamp": responses["TIMESTAMP"],
                        "signature": responses["PASSWORD_CLAIM_SIGNATURE"]}),
            );
            if checked["ok"] != true {
                return Err("the device's proof does not match its verifier".into());
            }
            Ok(answer.clone())
        })
    }

    /// Whether `password` and the registered salt make the registered verifier (the
    /// Python side computes it).
    pub fn verifier_is_for(&self, password: &str) -> bool {
        let r = match self.registered.lock() {
            Ok(r) => r,
            Err(_) => return false,
        };
        let expected = server(
            "verifier",
            &json!({"groupKey": self.spec.group_key, "deviceKey": self.spec.key,
                    "password": password, "salt": r.salt}),
        );
        expected["verifier"] == r.verifier.as_str()
    }

    /// The Python check refuses a proof that is not the device's (the checker can fail).
    pub fn refuses_a_forged_proof(&self) -> bool {
        let r = match self.registered.lock() {
            Ok(r) => r,
            Err(_) => return false,
        };
        let refused = server(
            "verify",
            &json!({"verifier": r.verifier, "b": r.b, "srpB": r.srp_b, "srpA": r.srp_a,
                    "groupKey": self.spec.group_key, "deviceKey": self.spec.key,
                    "secretBlock": r.secret_block, "timestamp": "Sun Dec 6 09:00:00 UTC 2026",
                    "signature": "AAAA"}),
        );
        refused["ok"] == false
    }
}
