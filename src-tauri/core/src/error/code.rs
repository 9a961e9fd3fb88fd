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
    NotAuthorizedException,
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
    NoProfile,
    ProfilesCorrupt,
    ProfilesUnreadable,
    ProfilesNotBroken,
    ProfilesWriteFailed,
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

    /// The error texts of the window (`ui/strings/<lang>.js`, `errors: { Code: {…} }`) are
    /// keyed by these strings: each key there must be a code the core can send, spelled
    /// the same, in both languages.
    #[test]
    fn every_error_the_window_translates_is_a_code_of_the_core() {
        for lang in ["en", "ja"] {
            let path = format!("{}/../../ui/strings/{lang}.js", env!("CARGO_MANIFEST_DIR"));
            let strings = std::fs::read_to_string(&path).unwrap();
            let block = strings
                .split("\n  errors: {\n")
                .nth(1)
                .expect("an errors block");
            let body = &block[..block.find("\n  },").unwrap()];
            let keys: Vec<&str> = body
                .lines()
                .filter_map(|l| l.strip_prefix("    "))
                .filter(|l| !l.starts_with(' ') && !l.starts_with("//"))
                .filter_map(|l| l.split_once(':').map(|(k, _)| k))
                .collect();
            assert!(keys.len() > 40, "{lang}: found only {keys:?}");
            for key in keys.into_iter().filter(|k| *k != "Unknown") {
                assert!(
                    !matches!(Code::parse(key), Code::Other(_)),
                    "ui/strings/{lang}.js translates {key}, which is no code of the core"
                );
            }
        }
    }
}
