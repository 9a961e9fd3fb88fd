//! This computer as a Cognito device (device tracking): the verifier ConfirmDevice
//! registers, and the DEVICE_SRP_AUTH proof a remembered device answers with later.
//! The SRP arithmetic is `aws-cognito-srp`'s (its tracked and untracked devices), which
//! follows AWS's algorithm as Amplify implements it: the identity is
//! SHA-256(DeviceGroupKey ‖ DeviceKey ‖ ":" ‖ password), x = SHA-256(salt ‖ identity),
//! the verifier g^x mod N in Cognito's 3072-bit group; the proof an HMAC-SHA-256 over
//! DeviceGroupKey ‖ DeviceKey ‖ SECRET_BLOCK ‖ TIMESTAMP with the HKDF of the shared
//! secret. The test bed checks both with pycognito's primitives (tests/py).

use crate::error::{Code, Error, Result};
use crate::srp::PasswordClaim;
use aws_cognito_srp::{SrpClient, TrackedDevice, UntrackedDevice};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// What Cognito's NewDeviceMetadata names: this computer, not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub key: String,
    pub group_key: String,
}

/// A confirmed device, as the keychain keeps it (one JSON entry per profile and user).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RememberedDevice {
    pub key: String,
    pub group_key: String,
    /// The random password only this computer knows (never shown, never logged).
    pub password: String,
}

impl fmt::Debug for RememberedDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RememberedDevice")
            .field("key", &self.key)
            .field("group_key", &self.group_key)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// ConfirmDevice's DeviceSecretVerifierConfig: both base64, as the API takes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretVerifier {
    pub password_verifier: String,
    pub salt: String,
}

impl NewDevice {
    /// A new random device password and the verifier Cognito keeps for it. The crate
    /// ignores the pool id for devices (the group key stands in its place).
    pub fn verifier(&self, pool_id: &str) -> (SecretVerifier, RememberedDevice) {
        let untracked = UntrackedDevice::new(pool_id, &self.group_key, &self.key);
        let made = SrpClient::new(untracked, "", None).get_password_verifier();
        let device = RememberedDevice {
            key: self.key.clone(),
            group_key: self.group_key.clone(),
            password: made.password,
        };
        let verifier = SecretVerifier {
            password_verifier: made.verifier,
            salt: made.salt,
        };
        (verifier, device)
    }
}

impl RememberedDevice {
    /// The keychain's text for this device.
    pub fn to_entry(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A keychain entry read back; a damaged one counts as no device (the full
    /// challenge follows, and the next confirmation writes a good one).
    pub fn from_entry(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// One DEVICE_SRP_AUTH exchange for this device.
    pub fn exchange(&self, pool_id: &str) -> DeviceExchange {
        let tracked = TrackedDevice::new(pool_id, &self.group_key, &self.key, &self.password);
        DeviceExchange {
            client: SrpClient::new(tracked, "", None),
        }
    }
}

/// DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER: made for one sign-in, used once.
pub struct DeviceExchange {
    // Holds the device password and the private ephemeral `a`: never printed.
    client: SrpClient<TrackedDevice>,
}

impl fmt::Debug for DeviceExchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DeviceExchange([redacted])")
    }
}

impl DeviceExchange {
    /// SRP_A for the DEVICE_SRP_AUTH answer (hex).
    pub fn srp_a(&self) -> String {
        self.client.get_auth_parameters().a
    }

    /// The proof for DEVICE_PASSWORD_VERIFIER's SALT, SRP_B and SECRET_BLOCK.
    pub fn claim(&self, params: Option<&HashMap<String, String>>) -> Result<PasswordClaim> {
        let get = |name: &str| {
            params
                .and_then(|p| p.get(name))
                .filter(|v| !v.is_empty())
                .cloned()
                .ok_or_else(|| malformed(&format!("{name} is missing")))
        };
        let verified = self
            .client
            .verify(&get("SECRET_BLOCK")?, &get("SALT")?, &get("SRP_B")?)
            .map_err(|e| malformed(&e.to_string()))?;
        Ok(verified.into())
    }
}

fn malformed(what: &str) -> Error {
    Error::new(
        Code::UnexpectedResponse,
        format!("Cognito's DEVICE_PASSWORD_VERIFIER challenge cannot be answered: {what}."),
        "Check the endpoint override in the profile; sign in again.",
    )
}

/// The name ConfirmDevice gives this computer by default: its host name.
pub fn default_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "Cognito Desk".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verifier_comes_with_a_fresh_password_and_base64_values() {
        let new = NewDevice {
            key: "us-east-1_f00d-1".into(),
            group_key: "-group".into(),
        };
        let (first, device) = new.verifier("us-east-1_Pool");
        let (second, other) = new.verifier("us-east-1_Pool");
        assert_ne!(device.password, other.password, "random each time");
        assert_ne!(first, second);
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        assert!(b64.decode(&first.password_verifier).unwrap().len() >= 384);
        assert!(!b64.decode(&first.salt).unwrap().is_empty());
        let shown = format!("{device:?}");
        assert!(!shown.contains(&device.password), "{shown}");
        assert_eq!(
            RememberedDevice::from_entry(&device.to_entry()),
            Some(device)
        );
        assert_eq!(RememberedDevice::from_entry("not json"), None);
    }

    #[test]
    fn a_claim_needs_every_parameter() {
        let device = RememberedDevice {
            key: "k".into(),
            group_key: "g".into(),
            password: "p".into(),
        };
        let exchange = device.exchange("us-east-1_Pool");
        assert_eq!(exchange.srp_a().len() % 2, 0);
        let e = exchange.claim(None).unwrap_err();
        assert_eq!(e.code, Code::UnexpectedResponse);
        assert_eq!(format!("{exchange:?}"), "DeviceExchange([redacted])");
    }
}
