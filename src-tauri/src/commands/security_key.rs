//! The security key's ceremonies from the window: while the key waits, each prompt (touch
//! it, its PIN and the tries left) reaches the page as a `security-key-prompt` event; the
//! page answers a PIN prompt with `security_key_pin` and stops the wait with
//! `cancel_security_key`.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::error::Result;
use cognito_desk_core::passkey::security_key::{SecurityKeyPrompt, SecurityKeyUser};
use cognito_desk_core::passkey::PasskeyRow;
use cognito_desk_core::secret::SecurityKeyPin;
use cognito_desk_core::Desk;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, State};

/// The event each prompt travels as.
pub const PROMPT_EVENT: &str = "security-key-prompt";

/// The person at the window during a ceremony: where a PIN typed in the page goes, and
/// whether they pressed Cancel.
#[derive(Default)]
pub struct SecurityKeys {
    waiting_pin: Mutex<Option<Sender<Option<SecurityKeyPin>>>>,
    cancelled: AtomicBool,
}

impl SecurityKeys {
    fn pass_pin(&self, pin: Option<SecurityKeyPin>) {
        let waiting = self.waiting_pin.lock().ok().and_then(|mut w| w.take());
        if let Some(waiting) = waiting {
            let _ = waiting.send(pin);
        }
    }
}

struct AtTheWindow {
    app: AppHandle,
    keys: Arc<SecurityKeys>,
}

impl SecurityKeyUser for AtTheWindow {
    fn tell(&self, prompt: SecurityKeyPrompt) {
        let _ = self.app.emit(PROMPT_EVENT, prompt);
    }

    fn pin(&self, prompt: SecurityKeyPrompt) -> Option<SecurityKeyPin> {
        let (answer, answered) = channel();
        *self.keys.waiting_pin.lock().ok()? = Some(answer);
        if self.keys.cancelled.load(Ordering::SeqCst) {
            return None;
        }
        let _ = self.app.emit(PROMPT_EVENT, prompt);
        // In slices: Stop ends the wait even when no answer ever comes.
        loop {
            match answered.recv_timeout(std::time::Duration::from_millis(200)) {
                Ok(pin) => return pin,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if self.keys.cancelled.load(Ordering::SeqCst) {
                        return None;
                    }
                }
            }
        }
    }

    fn cancelled(&self) -> bool {
        self.keys.cancelled.load(Ordering::SeqCst)
    }
}

fn person(app: AppHandle, keys: &State<'_, Arc<SecurityKeys>>) -> Arc<dyn SecurityKeyUser> {
    keys.cancelled.store(false, Ordering::SeqCst);
    keys.pass_pin(None);
    Arc::new(AtTheWindow {
        app,
        keys: Arc::clone(keys),
    })
}

/// Registers a passkey on the plugged-in security key; the list after it.
#[tauri::command]
#[specta::specta]
pub async fn register_security_key(
    app: AppHandle,
    desk: State<'_, Desk>,
    keys: State<'_, Arc<SecurityKeys>>,
) -> Result<Vec<PasskeyRow>> {
    let person = person(app, &keys);
    desk.passkeys().register_security_key(person).await
}

/// WEB_AUTHN answered with the plugged-in security key.
#[tauri::command]
#[specta::specta]
pub async fn answer_with_security_key(
    app: AppHandle,
    desk: State<'_, Desk>,
    keys: State<'_, Arc<SecurityKeys>>,
) -> Result<SignInOutcome> {
    let person = person(app, &keys);
    desk.signin().answer_with_security_key(person).await
}

/// The PIN typed at the key's prompt.
#[tauri::command]
#[specta::specta]
pub fn security_key_pin(keys: State<'_, Arc<SecurityKeys>>, pin: SecurityKeyPin) {
    keys.pass_pin(Some(pin));
}

/// Stops the ceremony: the key's wait for a touch, or the PIN prompt.
#[tauri::command]
#[specta::specta]
pub fn cancel_security_key(keys: State<'_, Arc<SecurityKeys>>) {
    keys.cancelled.store(true, Ordering::SeqCst);
    keys.pass_pin(None);
}
