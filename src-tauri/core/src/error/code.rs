//! The stable codes of [`super::Error`]. The UI translates by them and tests assert
//! them, so they serialise as the exact strings the window knows (`"SessionExpired"`,
//! `"CodeMismatchException"`, …). Code branches on the enum, never on text: a typo is a
//! compile error.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident ),* $(,)?) => {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Code {
            $( $(#[$doc])* $name, )*
            /// A service error code the app has no variant for, kept as AWS named it
            /// (the UI shows the server's message with it).
            Other(String),
        }

        impl Code {
            /// Every named code (not [`Code::Other`]).
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            pub fn as_str(&self) -> &str {
                match self {
                    $(Code::$name => stringify!($name),)*
                    Code::Other(code) => code,
                }
            }

            /// The code for a name: a named one when the app knows it, else
            /// [`Code::Other`] (the edge where AWS's exception names come in).
            pub fn parse(name: &str) -> Code {
                match name {
                    $(stringify!($name) => Code::$name,)*
                    other => Code::Other(other.to_owned()),
                }
            }
        }
    };
}

codes! {
    // Cognito's own exception names, passed through where the app adds words to them.
    /// A wrong password (or username) at sign-in; also an identity pool's refusal of
    /// the ID token (its message names the Logins key, and the window shows it as is).
    NotAuthorizedException,
    /// NotAuthorizedException "User is disabled."
    UserDisabled,
    /// NotAuthorizedException "Password attempts exceeded".
    PasswordAttemptsExceeded,
    /// Any other NotAuthorizedException: the operation was refused (the message says why).
    OperationRefused,
    UserNotFoundException,
    CodeMismatchException,
    EnableSoftwareTokenMFAException,
    ExpiredCodeException,
    InvalidParameterException,
    InvalidPasswordException,
    SoftwareTokenMFANotFoundException,
    ResourceNotFoundException,
    UserNotConfirmedException,
    PasswordResetRequiredException,
    TooManyRequestsException,
    LimitExceededException,
    TooManyFailedAttemptsException,
    InternalErrorException,
    /// GetTokensFromRefreshToken: the refresh token was already rotated out and its
    /// grace period is over.
    RefreshTokenReuseException,
    // S3 and STS refusals of temporary credentials.
    AccessDenied,
    AccessDeniedException,
    InvalidAccessKeyId,
    SignatureDoesNotMatch,
    ExpiredToken,
    InvalidClientTokenId,
    // The network and answers that are not AWS answers.
    NetworkUnreachable,
    UnexpectedResponse,
    // Sign-in.
    /// The challenge session expired or was used up.
    SessionExpired,
    AuthFlowNotEnabled,
    MissingAdminScope,
    UnsupportedChallenge,
    NoPendingChallenge,
    InvalidCode,
    /// A code from a text message or email that is not 6–8 digits.
    InvalidDeliveredCode,
    /// A code from a text message or email that did not match.
    DeliveredCodeMismatch,
    MfaMethodNotOffered,
    /// CUSTOM_AUTH: the pool's triggers failed the sign-in.
    CustomChallengeFailed,
    /// NEW_PASSWORD_REQUIRED without every attribute the pool requires.
    MissingAttributes,
    /// The app client has a secret the profile does not know of (no SECRET_HASH sent).
    ClientSecretRequired,
    /// Cognito could not verify the SECRET_HASH: the stored client secret is wrong.
    ClientSecretWrong,
    /// The profile says its client has a secret, but the keychain holds none.
    ClientSecretMissing,
    /// The profile sends a SECRET_HASH to a client that has no secret.
    ClientSecretUnexpected,
    // MFA enrollment.
    TotpNotVerified,
    NoEnrollment,
    NoAuthenticatorApp,
    InvalidTotpSecret,
    InvalidOtpauthLabel,
    /// The test authenticator holds no TOTP secret for this user.
    NoTestSecret,
    /// The test authenticator gave out this 30-second step's code already (Cognito
    /// accepts a code once) and was told not to wait for the next one.
    TestCodeUsed,
    // Session, keychain and tokens.
    NotSignedIn,
    /// The refresh token was revoked or has expired: the session is over.
    SessionRevoked,
    RefreshFailed,
    KeychainUnavailable,
    MalformedToken,
    JwksUnavailable,
    NoIdToken,
    // AWS credentials through the identity pool.
    NoIdentityPool,
    CredentialsExpired,
    MissingCredentials,
    // Managed login.
    ManagedLoginNotConfigured,
    ManagedLoginUnavailable,
    ManagedLoginUnreachable,
    ManagedLoginRefused,
    ManagedLoginClientRefused,
    ManagedLoginInvalidGrant,
    ManagedLoginTokenError,
    ManagedLoginScopeRefused,
    ManagedLoginDenied,
    ManagedLoginCancelled,
    ManagedLoginTimeout,
    NoManagedLogin,
    RedirectMismatch,
    RedirectPortInUse,
    LoopbackUnavailable,
    StateMismatch,
    IdTokenRejected,
    // Admin screens.
    /// The profile names no source of admin credentials.
    AdminCredentialsMissing,
    /// The named source gave no credentials (no such AWS profile, SSO expired, …).
    AdminCredentialsUnavailable,
    /// AWS refused the admin credentials or their permissions.
    AdminAccessRefused,
    UsernameExistsException,
    /// A user pool setting the admin screen cannot change safely from here.
    PoolSettingUnavailable,
    // Profiles.
    InvalidProfile,
    /// An app client's RetryGracePeriodSeconds outside 0–60.
    GracePeriodOutOfRange,
    /// A device call without a device: this computer is not one of the user's.
    NoDevice,
    /// Cognito no longer knows the device key kept here ("Device does not exist").
    DeviceUnknown,
    // Passkeys.
    /// No passkey here matches the relying party or the credentials Cognito allows.
    PasskeyNotFound,
    /// The relying party id is missing or not a domain a passkey can be made for.
    PasskeyRelyingPartyInvalid,
    /// The authenticator supports none of the algorithms asked for.
    PasskeyAlgorithmUnsupported,
    /// The authenticator failed otherwise.
    PasskeyFailed,
    /// The keychain holds no test passkey for the user.
    NoTestPasskey,
    /// No FIDO security key is plugged in.
    SecurityKeyNotFound,
    /// A key is plugged in but its device file may not be opened (no udev rule).
    SecurityKeyNoAccess,
    /// The person cancelled at the key, in the window or the terminal.
    SecurityKeyCancelled,
    /// The key was not touched before the ceremony's timeout.
    SecurityKeyTimedOut,
    /// The key already holds a passkey of this user (the exclude list matched).
    SecurityKeyAlreadyRegistered,
    /// A wrong PIN (the message counts the tries left).
    SecurityKeyPinWrong,
    /// The PIN is blocked: only a reset of the key helps.
    SecurityKeyPinBlocked,
    /// Three wrong PINs in a row: the key takes none until it is plugged in again.
    SecurityKeyReplugNeeded,
    /// User verification is required and the key has no PIN.
    SecurityKeyPinNotSet,
    WebAuthnNotEnabledException,
    WebAuthnChallengeNotFoundException,
    WebAuthnRelyingPartyMismatchException,
    WebAuthnOriginNotAllowedException,
    WebAuthnClientMismatchException,
    WebAuthnCredentialNotSupportedException,
    WebAuthnConfigurationMissingException,
    FeatureUnavailableInTierException,
    // Test setups.
    /// A setup of that name is recorded on this computer already.
    SetupExists,
    /// No setup of that name is recorded here.
    SetupNotFound,
    /// A setup's record cannot be read.
    SetupManifestDamaged,
    /// AWS refused a setup step to the admin credentials (the action is named).
    SetupPermissionRefused,
    /// The setup request has fields that need fixing.
    InvalidSetup,
    /// A tear-down with credentials of another AWS account than the setup's.
    SetupOtherAccount,
    NoProfile,
    ProfilesCorrupt,
    ProfilesUnreadable,
    ProfilesNotBroken,
    ProfilesWriteFailed,
    /// Neither the OS config folder nor COGNITO_DESK_CONFIG_DIR is known.
    NoConfigDir,
    /// An amplify_outputs.json that is not JSON or not of the Gen 2 shape.
    AmplifyOutputsMalformed,
    /// An amplify_outputs.json without the keys a profile needs.
    AmplifyOutputsIncomplete,
    /// A profile file (an export) that is not one, or whose keys or values are wrong:
    /// each problem is in the error's fields.
    ProfileFileInvalid,
    // The window's own glue.
    ClipboardUnavailable,
    /// A bug in Cognito Desk.
    Internal,
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A code is its name on the wire (the window switches on these strings).
#[cfg(feature = "specta")]
impl specta::Type for Code {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <str as specta::Type>::definition(types)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Code::parse(&String::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_json_string() {
        for code in Code::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::String(code.as_str().to_owned()));
            assert_eq!(serde_json::from_value::<Code>(json).unwrap(), *code);
        }
        let other = Code::parse("SomeNewException");
        assert_eq!(other, Code::Other("SomeNewException".into()));
        assert_eq!(
            serde_json::to_string(&other).unwrap(),
            "\"SomeNewException\""
        );
    }

    /// The `errors` block of `ui/strings/errors-<lang>.js`: each code with its message and
    /// hint (`Code: { message: "…", hint: "…" }`; the texts hold no `"`).
    fn window_error_texts(lang: &str) -> Vec<(String, String, String)> {
        let path = format!(
            "{}/../../ui/strings/errors-{lang}.js",
            env!("CARGO_MANIFEST_DIR")
        );
        let strings = std::fs::read_to_string(&path).unwrap();
        let block = strings
            .split("\n  errors: {\n")
            .nth(1)
            .expect("an errors block");
        let body = &block[..block.find("\n  },").unwrap()];
        let field = |text: &str, name: &str| -> String {
            let start = text
                .find(&format!("{name}: \""))
                .map(|i| i + name.len() + 3);
            start
                .and_then(|i| text[i..].find('"').map(|j| text[i..i + j].to_owned()))
                .unwrap_or_else(|| panic!("{lang}: no {name} in {text}"))
        };
        // An entry starts on a line indented by exactly four spaces: `    Code: {`.
        let mut entries: Vec<(String, String)> = Vec::new();
        for line in body.lines() {
            let starts_entry = line.starts_with("    ") && !line.starts_with("     ");
            match line.trim_start().split_once(": {") {
                Some((key, rest)) if starts_entry && !key.starts_with("//") => {
                    entries.push((key.to_owned(), rest.to_owned()));
                }
                _ => {
                    if let Some((_, text)) = entries.last_mut() {
                        text.push_str(line);
                    }
                }
            }
        }
        entries
            .into_iter()
            .map(|(key, text)| {
                let (message, hint) = (field(&text, "message"), field(&text, "hint"));
                (key, message, hint)
            })
            .collect()
    }

    /// Each key of the window's error texts is a code the core can send, spelled the
    /// same; and every code the core sends has its own message and hint in both
    /// languages (an empty message means the backend's words, which name what no
    /// fixed text can: a file, a parameter, an IAM action).
    #[test]
    fn every_code_has_its_own_text_in_both_languages_and_no_text_is_stray() {
        for lang in ["en", "ja"] {
            let texts = window_error_texts(lang);
            for (key, _, _) in texts.iter().filter(|(k, _, _)| k != "Unknown") {
                assert!(
                    !matches!(Code::parse(key), Code::Other(_)),
                    "ui/strings/errors-{lang}.js translates {key}, which is no code of the core"
                );
            }
            for code in Code::ALL {
                let text = texts.iter().find(|(k, _, _)| k == code.as_str());
                let Some((_, message, hint)) = text else {
                    panic!("ui/strings/errors-{lang}.js has no text for {code}");
                };
                // An empty message is allowed (the backend's words); a hint is not.
                let _ = message;
                assert!(!hint.is_empty(), "{lang}: {code} has no hint");
            }
        }
        // Told apart: each NotAuthorizedException sub-case reads differently in Japanese.
        let ja = window_error_texts("ja");
        let message_of = |code: Code| {
            ja.iter()
                .find(|(k, _, _)| k == code.as_str())
                .map(|(_, m, h)| format!("{m}{h}"))
                .unwrap()
        };
        let cases = [
            Code::NotAuthorizedException,
            Code::UserDisabled,
            Code::PasswordAttemptsExceeded,
            Code::OperationRefused,
            Code::ClientSecretWrong,
            Code::SessionRevoked,
        ]
        .map(message_of);
        for (i, a) in cases.iter().enumerate() {
            for b in &cases[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
