//! The person at a security key, on the terminal: what the key waits for goes to stderr,
//! the PIN is read without echo. Ctrl-C stops a wait (the process ends).

use crate::input;
use cognito_desk_core::passkey::security_key::{SecurityKeyPrompt, SecurityKeyUser};
use cognito_desk_core::secret::SecurityKeyPin;
use std::sync::Arc;

struct AtTheTerminal;

/// The sentence for a prompt.
pub fn said(prompt: &SecurityKeyPrompt) -> String {
    match prompt {
        SecurityKeyPrompt::Touch => "Touch your security key (it blinks).".to_owned(),
        SecurityKeyPrompt::ChooseKey => {
            "Several security keys are plugged in: touch the one to use.".to_owned()
        }
        SecurityKeyPrompt::VerifyAgain {
            retries_left: Some(n),
        } => format!("The key did not recognise you: touch it again ({n} tries left)."),
        SecurityKeyPrompt::VerifyAgain { retries_left: None } => {
            "The key did not recognise you: touch it again.".to_owned()
        }
        SecurityKeyPrompt::Pin {
            after_wrong_pin: false,
            ..
        } => "Security key PIN: ".to_owned(),
        SecurityKeyPrompt::Pin {
            retries_left: Some(n),
            ..
        } => format!("Wrong PIN; {n} tries left before the key locks. Security key PIN: "),
        SecurityKeyPrompt::Pin { .. } => "Wrong PIN. Security key PIN: ".to_owned(),
    }
}

impl SecurityKeyUser for AtTheTerminal {
    fn tell(&self, prompt: SecurityKeyPrompt) {
        eprintln!("{}", said(&prompt));
    }

    fn pin(&self, prompt: SecurityKeyPrompt) -> Option<SecurityKeyPin> {
        match input::hidden(&said(&prompt), "the security key's PIN") {
            Ok(pin) if !pin.is_empty() => Some(SecurityKeyPin::new(pin)),
            Ok(_) => None,
            Err(failure) => {
                eprintln!("{}", failure.line());
                None
            }
        }
    }

    fn cancelled(&self) -> bool {
        false
    }
}

/// The person at the terminal. Nothing is printed before the key asks for something:
/// a missing key is an error at once, and a found key asks for its touch or PIN.
pub fn person() -> Arc<dyn SecurityKeyUser> {
    Arc::new(AtTheTerminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_pin_prompt_counts_the_tries_left() {
        let prompt = SecurityKeyPrompt::Pin {
            retries_left: Some(2),
            after_wrong_pin: true,
        };
        assert_eq!(
            said(&prompt),
            "Wrong PIN; 2 tries left before the key locks. Security key PIN: "
        );
        let first = SecurityKeyPrompt::Pin {
            retries_left: None,
            after_wrong_pin: false,
        };
        assert_eq!(said(&first), "Security key PIN: ");
    }
}
