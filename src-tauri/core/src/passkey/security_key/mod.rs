//! A security key over USB (CTAP2 over HID) as the authenticator, through Mozilla's
//! authenticator-rs (Firefox's): it speaks CTAP2 and CTAP1, runs clientPIN (protocols 1
//! and 2) and reports what it waits for (a touch, the PIN, the tries left) while it
//! waits, which the window and the terminal turn into prompts.
//!
//! Why this crate: ctap-hid-fido2 also does clientPIN but takes the PIN before it knows
//! whether the key wants one, and says nothing while it waits for a touch; passkey-rs's
//! client has no clientPIN, so a key with a PIN could not verify the user. authenticator-
//! rs builds here with its pure-Rust crypto (no NSS or OpenSSL) and libudev.

mod ceremony;
mod ctap;
mod discovery;

pub use discovery::{declares_fido, HidTree, HID_ROOT_ENV};

use super::options::{CreationOptions, RequestOptions};
use crate::error::Result;
use crate::secret::SecurityKeyPin;
use serde::Serialize;
use serde_json::Value;

/// What the person at the key is asked for while a ceremony waits; the window and the
/// terminal word it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SecurityKeyPrompt {
    /// Touch the key (it blinks).
    Touch,
    /// More than one key is plugged in: touch the one to use.
    ChooseKey,
    /// The key's PIN. After a wrong one, `retriesLeft` says how many tries remain before
    /// the key locks (when the key says).
    Pin {
        retries_left: Option<u8>,
        after_wrong_pin: bool,
    },
    /// The key's own verification (a fingerprint) failed: touch again.
    VerifyAgain { retries_left: Option<u8> },
}

/// The person at the key, as the window or the terminal reaches them.
pub trait SecurityKeyUser: Send + Sync {
    /// Says what the key waits for (a touch, a choice of key).
    fn tell(&self, prompt: SecurityKeyPrompt);
    /// Asks for the PIN (`prompt` is a [`SecurityKeyPrompt::Pin`]); None: the person
    /// cancelled.
    fn pin(&self, prompt: SecurityKeyPrompt) -> Option<SecurityKeyPin>;
    /// Whether the person cancelled meanwhile; asked several times a second.
    fn cancelled(&self) -> bool;
}

fn timeout_ms(timeout: Option<u32>) -> u64 {
    timeout.map_or(ceremony::DEFAULT_TIMEOUT_MS, u64::from)
}

/// Makes a passkey on the plugged-in key for StartWebAuthnRegistration's options: the
/// RegistrationResponseJSON. Blocks while the key waits for the person.
pub fn register(options: &CreationOptions, user: &dyn SecurityKeyUser) -> Result<Value> {
    let (args, client_data) = ctap::register_args(options)?;
    let timeout = timeout_ms(options.public_key().timeout);
    let made = ceremony::run(
        &HidTree::system(),
        user,
        Box::new(move |service, status, callback| {
            service.register(timeout, args, status, callback)
        }),
    )?;
    ctap::registration_json(made, &client_data)
}

/// Answers a WEB_AUTHN challenge with the plugged-in key: the AuthenticationResponseJSON.
/// Blocks while the key waits for the person.
pub fn answer(options: &RequestOptions, user: &dyn SecurityKeyUser) -> Result<String> {
    let (args, client_data) = ctap::sign_args(options)?;
    let timeout = timeout_ms(options.public_key().timeout);
    let signed = ceremony::run(
        &HidTree::system(),
        user,
        Box::new(move |service, status, callback| service.sign(timeout, args, status, callback)),
    )?;
    ctap::assertion_json(signed, &client_data, &options.allowed())
}
