//! One ceremony with a USB key through authenticator-rs: its status messages become
//! prompts for the person (touch, choose a key, the PIN and the tries left), the person's
//! cancel becomes the service's, and its errors become the app's codes.

use super::discovery::HidTree;
use super::{SecurityKeyPrompt, SecurityKeyUser};
use crate::error::{Code, Error, Result};
use authenticator::authenticatorservice::AuthenticatorService;
use authenticator::ctap2::commands::{CommandError, StatusCode};
use authenticator::errors::{AuthenticatorError, HIDError, U2FTokenError, UnsupportedOption};
use authenticator::statecallback::StateCallback;
use authenticator::{Pin, PinError, StatusPinUv, StatusUpdate};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long the key may wait for its touch when Cognito's options name no timeout.
pub(super) const DEFAULT_TIMEOUT_MS: u64 = 120_000;

/// How often a cancel from the person is looked for while the key waits.
const POLL: Duration = Duration::from_millis(100);

type Start<T> = Box<
    dyn FnOnce(
        &mut AuthenticatorService,
        Sender<StatusUpdate>,
        StateCallback<authenticator::Result<T>>,
    ) -> authenticator::Result<()>,
>;

/// Runs a register or sign call (`start`) against the plugged-in keys (once `keys` lists
/// one this user may open), answering what the key asks for through `user`. Blocks
/// until the key answers, the person cancels, or the key is not touched in time.
pub(super) fn run<T: Send + 'static>(
    keys: &HidTree,
    user: &dyn SecurityKeyUser,
    start: Start<T>,
) -> Result<T> {
    keys.usable_keys()?;
    let mut service = AuthenticatorService::new().map_err(|e| key_error(&e))?;
    service.add_u2f_usb_hid_platform_transports();
    let (status_tx, status_rx) = channel();
    let (done_tx, done_rx) = channel();
    let callback = StateCallback::new(Box::new(move |result| {
        let _ = done_tx.send(result);
    }));
    start(&mut service, status_tx, callback).map_err(|e| key_error(&e))?;
    let mut status_rx = Some(status_rx);
    let mut cancelled = false;
    loop {
        let mut declined = false;
        while let Some(status) = status_rx.as_ref().and_then(|rx| rx.try_recv().ok()) {
            declined |= !answer(status, user);
        }
        if !cancelled && (declined || user.cancelled()) {
            cancelled = true;
            // The key's thread may be waiting for a PIN whose request is still queued:
            // dropping the queue (and the PIN sender in it) ends that wait, so the
            // cancel below, which waits for the thread, cannot wait for ever.
            status_rx = None;
            let _ = service.cancel();
        }
        match done_rx.recv_timeout(POLL) {
            Ok(Ok(value)) => return Ok(value),
            // Cancelling ends the wait with the same error a timeout does.
            Ok(Err(_)) if cancelled => return Err(cancelled_error()),
            Ok(Err(e)) => return Err(key_error(&e)),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Error::internal("the security key service stopped"))
            }
        }
    }
}

/// Answers one status message; false when the person declined (no PIN given).
pub(super) fn answer(status: StatusUpdate, user: &dyn SecurityKeyUser) -> bool {
    let ask = |sender: Sender<Pin>, prompt| match user.pin(prompt) {
        Some(pin) => sender.send(Pin::new(pin.expose())).is_ok(),
        None => false,
    };
    match status {
        StatusUpdate::PresenceRequired => user.tell(SecurityKeyPrompt::Touch),
        StatusUpdate::SelectDeviceNotice => user.tell(SecurityKeyPrompt::ChooseKey),
        StatusUpdate::PinUvError(StatusPinUv::PinRequired(sender)) => {
            return ask(
                sender,
                SecurityKeyPrompt::Pin {
                    retries_left: None,
                    after_wrong_pin: false,
                },
            )
        }
        StatusUpdate::PinUvError(StatusPinUv::InvalidPin(sender, retries_left)) => {
            return ask(
                sender,
                SecurityKeyPrompt::Pin {
                    retries_left,
                    after_wrong_pin: true,
                },
            )
        }
        StatusUpdate::PinUvError(StatusPinUv::InvalidUv(retries_left)) => {
            user.tell(SecurityKeyPrompt::VerifyAgain { retries_left })
        }
        // Several of the user's passkeys on one key for an empty allow list: Cognito
        // names the user's credentials, so this is the first of them.
        StatusUpdate::SelectResultNotice(sender, _) => {
            let _ = sender.send(Some(0));
        }
        // The blocked and not-set cases end the ceremony with the matching error.
        StatusUpdate::PinUvError(_) | StatusUpdate::InteractiveManagement(_) => {}
    }
    true
}

fn cancelled_error() -> Error {
    Error::new(
        Code::SecurityKeyCancelled,
        "The security key step was stopped.",
        "Try again, or choose another way to sign in.",
    )
}

/// What authenticator-rs or the key refused, in the app's words.
pub(super) fn key_error(e: &AuthenticatorError) -> Error {
    let failed = |what: String| {
        Error::new(
            Code::PasskeyFailed,
            format!("The security key could not answer ({what})."),
            "Unplug the key, plug it in again and retry; if it persists, sign in another way.",
        )
    };
    match e {
        AuthenticatorError::CancelledByUser => cancelled_error(),
        AuthenticatorError::U2FToken(U2FTokenError::NotAllowed) => Error::new(
            Code::SecurityKeyTimedOut,
            "The security key was not touched in time.",
            "Start again and touch the key when it blinks.",
        ),
        AuthenticatorError::CredentialExcluded => Error::new(
            Code::SecurityKeyAlreadyRegistered,
            "This security key already holds a passkey of this user.",
            "Sign in with it, or delete that passkey first to register the key anew.",
        ),
        AuthenticatorError::PinError(pin) => pin_error(pin),
        AuthenticatorError::UnsupportedOption(UnsupportedOption::PubCredParams) => {
            algorithm_unsupported()
        }
        AuthenticatorError::UnsupportedOption(option) => Error::new(
            Code::PasskeyFailed,
            format!("The security key cannot do what the pool asks ({option:?}): it is an older U2F-only key."),
            "Use a FIDO2 security key, or sign in another way.",
        ),
        AuthenticatorError::HIDError(HIDError::Command(CommandError::StatusCode(status, _))) => {
            match status {
                StatusCode::NoCredentials => crate::passkey::webauthn_error(
                    &passkey_client::WebauthnError::CredentialNotFound,
                    "this key",
                ),
                StatusCode::UnsupportedAlgorithm => algorithm_unsupported(),
                StatusCode::OperationDenied | StatusCode::KeepaliveCancel => cancelled_error(),
                StatusCode::UserActionTimeout | StatusCode::ActionTimeout => {
                    key_error(&AuthenticatorError::U2FToken(U2FTokenError::NotAllowed))
                }
                StatusCode::CredentialExcluded => {
                    key_error(&AuthenticatorError::CredentialExcluded)
                }
                other => failed(format!("{other:?}")),
            }
        }
        other => failed(other.to_string()),
    }
}

fn algorithm_unsupported() -> Error {
    Error::new(
        Code::PasskeyAlgorithmUnsupported,
        "The security key supports none of the algorithms Cognito asked for.",
        "Use a key that supports ES256 (every current FIDO2 key does).",
    )
}

fn pin_error(e: &PinError) -> Error {
    match e {
        PinError::PinBlocked => Error::new(
            Code::SecurityKeyPinBlocked,
            "The security key's PIN is blocked after too many wrong tries.",
            "Reset the key with its maker's tool (this erases the passkeys on it), or sign in another way.",
        ),
        PinError::PinAuthBlocked | PinError::UvBlocked => Error::new(
            Code::SecurityKeyReplugNeeded,
            "The security key stopped taking PINs after three wrong ones in a row.",
            "Unplug the key, plug it in again, and enter the right PIN.",
        ),
        PinError::PinNotSet => Error::new(
            Code::SecurityKeyPinNotSet,
            "The pool requires user verification and this security key has no PIN.",
            "Set a PIN on the key with its maker's tool (or `fido2-token -S`), then try again.",
        ),
        PinError::InvalidPin(retries) | PinError::InvalidUv(retries) => Error::new(
            Code::SecurityKeyPinWrong,
            match retries {
                Some(n) => format!("The PIN was wrong; the key allows {n} more tries."),
                None => "The PIN was wrong.".to_owned(),
            },
            "Try again with the right PIN; when no tries are left the key locks.",
        ),
        PinError::PinIsTooShort | PinError::PinIsTooLong(_) => Error::new(
            Code::SecurityKeyPinWrong,
            "A security key's PIN has 4 to 63 characters.",
            "Try again with the key's PIN.",
        ),
        PinError::PinRequired | PinError::PinAuthInvalid | PinError::Crypto(_) => Error::new(
            Code::PasskeyFailed,
            format!("The security key refused the PIN exchange ({e})."),
            "Unplug the key, plug it in again and retry.",
        ),
    }
}

#[cfg(test)]
#[path = "ceremony_tests.rs"]
mod tests;
