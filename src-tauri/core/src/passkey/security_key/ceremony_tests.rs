//! The prompts a key's status messages become, what the person's answers send back to
//! the key, and the app's code for each way a key or authenticator-rs refuses.

use super::*;
use crate::secret::SecurityKeyPin;
use std::sync::Mutex;

/// A person who answers PIN prompts from a list (None: cancels) and notes every prompt.
struct Person {
    pins: Mutex<Vec<Option<&'static str>>>,
    seen: Mutex<Vec<SecurityKeyPrompt>>,
}

impl Person {
    fn answering(pins: &[Option<&'static str>]) -> Self {
        Self {
            pins: Mutex::new(pins.iter().rev().copied().collect()),
            seen: Mutex::new(Vec::new()),
        }
    }

    fn seen(&self) -> Vec<SecurityKeyPrompt> {
        self.seen.lock().unwrap().clone()
    }
}

impl SecurityKeyUser for Person {
    fn tell(&self, prompt: SecurityKeyPrompt) {
        self.seen.lock().unwrap().push(prompt);
    }

    fn pin(&self, prompt: SecurityKeyPrompt) -> Option<SecurityKeyPin> {
        self.seen.lock().unwrap().push(prompt);
        self.pins
            .lock()
            .unwrap()
            .pop()
            .flatten()
            .map(SecurityKeyPin::new)
    }

    fn cancelled(&self) -> bool {
        false
    }
}

#[test]
fn a_touch_and_a_choice_of_key_are_told() {
    let person = Person::answering(&[]);
    assert!(answer(StatusUpdate::PresenceRequired, &person));
    assert!(answer(StatusUpdate::SelectDeviceNotice, &person));
    assert_eq!(
        person.seen(),
        [SecurityKeyPrompt::Touch, SecurityKeyPrompt::ChooseKey]
    );
}

#[test]
fn the_pin_is_asked_for_and_sent_to_the_key_then_asked_again_with_the_tries_left() {
    let person = Person::answering(&[Some("1234"), Some("4321")]);
    let (to_key, key) = channel();
    assert!(answer(
        StatusUpdate::PinUvError(StatusPinUv::PinRequired(to_key.clone())),
        &person
    ));
    assert_eq!(key.try_recv().unwrap().as_bytes(), b"1234");
    assert!(answer(
        StatusUpdate::PinUvError(StatusPinUv::InvalidPin(to_key, Some(2))),
        &person
    ));
    assert_eq!(key.try_recv().unwrap().as_bytes(), b"4321");
    assert_eq!(
        person.seen(),
        [
            SecurityKeyPrompt::Pin {
                retries_left: None,
                after_wrong_pin: false
            },
            SecurityKeyPrompt::Pin {
                retries_left: Some(2),
                after_wrong_pin: true
            },
        ]
    );
}

#[test]
fn no_pin_given_declines_and_sends_nothing() {
    let person = Person::answering(&[None]);
    let (to_key, key) = channel();
    assert!(!answer(
        StatusUpdate::PinUvError(StatusPinUv::PinRequired(to_key)),
        &person
    ));
    assert!(key.try_recv().is_err());
}

#[test]
fn a_failed_fingerprint_asks_for_another_touch_with_the_tries_left() {
    let person = Person::answering(&[]);
    assert!(answer(
        StatusUpdate::PinUvError(StatusPinUv::InvalidUv(Some(1))),
        &person
    ));
    assert_eq!(
        person.seen(),
        [SecurityKeyPrompt::VerifyAgain {
            retries_left: Some(1)
        }]
    );
}

#[test]
fn the_prompt_reaches_the_window_as_values() {
    let json = serde_json::to_value(SecurityKeyPrompt::Pin {
        retries_left: Some(2),
        after_wrong_pin: true,
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "pin", "retriesLeft": 2, "afterWrongPin": true})
    );
}

fn status(code: StatusCode) -> AuthenticatorError {
    AuthenticatorError::HIDError(HIDError::Command(CommandError::StatusCode(code, None)))
}

#[test]
fn each_refusal_has_its_own_code() {
    let cases = [
        (
            AuthenticatorError::U2FToken(U2FTokenError::NotAllowed),
            Code::SecurityKeyTimedOut,
        ),
        (
            AuthenticatorError::CancelledByUser,
            Code::SecurityKeyCancelled,
        ),
        (
            status(StatusCode::OperationDenied),
            Code::SecurityKeyCancelled,
        ),
        (
            AuthenticatorError::CredentialExcluded,
            Code::SecurityKeyAlreadyRegistered,
        ),
        (
            status(StatusCode::CredentialExcluded),
            Code::SecurityKeyAlreadyRegistered,
        ),
        (status(StatusCode::NoCredentials), Code::PasskeyNotFound),
        (
            status(StatusCode::UnsupportedAlgorithm),
            Code::PasskeyAlgorithmUnsupported,
        ),
        (
            AuthenticatorError::UnsupportedOption(UnsupportedOption::PubCredParams),
            Code::PasskeyAlgorithmUnsupported,
        ),
        (
            AuthenticatorError::PinError(PinError::PinBlocked),
            Code::SecurityKeyPinBlocked,
        ),
        (
            AuthenticatorError::PinError(PinError::PinAuthBlocked),
            Code::SecurityKeyReplugNeeded,
        ),
        (
            AuthenticatorError::PinError(PinError::PinNotSet),
            Code::SecurityKeyPinNotSet,
        ),
        (
            AuthenticatorError::PinError(PinError::InvalidPin(Some(1))),
            Code::SecurityKeyPinWrong,
        ),
        (status(StatusCode::Other), Code::PasskeyFailed),
    ];
    for (error, code) in cases {
        assert_eq!(key_error(&error).code, code, "{error:?}");
    }
    let wrong = key_error(&AuthenticatorError::PinError(PinError::InvalidPin(Some(1))));
    assert!(wrong.message.contains("1 more"), "{}", wrong.message);
}

/// A person who stops the wait after `after`, and a stand-in /sys listing one FIDO
/// device that no key answers for (authenticator-rs finds none and waits).
struct Stops {
    after: std::time::Duration,
    since: std::time::Instant,
    told: Mutex<Vec<SecurityKeyPrompt>>,
}

impl SecurityKeyUser for Stops {
    fn tell(&self, prompt: SecurityKeyPrompt) {
        self.told.lock().unwrap().push(prompt);
    }

    fn pin(&self, _: SecurityKeyPrompt) -> Option<SecurityKeyPin> {
        None
    }

    fn cancelled(&self) -> bool {
        self.since.elapsed() > self.after
    }
}

fn listed_key() -> (tempfile::TempDir, HidTree) {
    let root = tempfile::tempdir().unwrap();
    let device = root.path().join("sys/hidraw7/device");
    std::fs::create_dir_all(&device).unwrap();
    std::fs::write(
        device.join("report_descriptor"),
        [0x06, 0xD0, 0xF1, 0x09, 0x01],
    )
    .unwrap();
    std::fs::create_dir_all(root.path().join("dev")).unwrap();
    std::fs::write(root.path().join("dev/hidraw7"), b"").unwrap();
    let tree = HidTree {
        sysfs: root.path().join("sys"),
        dev: root.path().join("dev"),
    };
    (root, tree)
}

fn wait_at_the_key(tree: &HidTree, timeout_ms: u64, person: &Stops) -> Result<()> {
    let options =
        crate::passkey::RequestOptions::parse(r#"{"challenge":"AAEC","rpId":"example.com"}"#)
            .unwrap();
    let (args, _) = super::super::ctap::sign_args(&options).unwrap();
    run(
        tree,
        person,
        Box::new(move |service, status, callback| service.sign(timeout_ms, args, status, callback)),
    )
    .map(drop)
}

fn stops_after(ms: u64) -> Stops {
    Stops {
        after: std::time::Duration::from_millis(ms),
        since: std::time::Instant::now(),
        told: Mutex::new(Vec::new()),
    }
}

/// authenticator-rs's real state machine, on a machine without a key plugged in (CI):
/// Stop ends its wait at once, as cancelled, not as a timeout.
#[test]
fn stopping_ends_the_wait_for_a_touch_as_cancelled() {
    let (_root, tree) = listed_key();
    let person = stops_after(300);
    let e = wait_at_the_key(&tree, 60_000, &person).unwrap_err();
    assert_eq!(e.code, Code::SecurityKeyCancelled, "{e:?}");
    assert!(person.since.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn a_key_nobody_touches_times_out_with_its_own_code() {
    let (_root, tree) = listed_key();
    let e = wait_at_the_key(&tree, 1_000, &stops_after(60_000)).unwrap_err();
    assert_eq!(e.code, Code::SecurityKeyTimedOut, "{e:?}");
}

#[test]
fn without_a_key_the_ceremony_does_not_start() {
    let empty = tempfile::tempdir().unwrap();
    let tree = HidTree {
        sysfs: empty.path().join("sys"),
        dev: empty.path().join("dev"),
    };
    let person = stops_after(60_000);
    let e = wait_at_the_key(&tree, 60_000, &person).unwrap_err();
    assert_eq!(e.code, Code::SecurityKeyNotFound);
    assert!(
        person.told.lock().unwrap().is_empty(),
        "nothing asked of the person"
    );
}
