//! What a failed command prints (one line on stderr: what happened, then the fix) and
//! the exit code scripts branch on (`--help` lists them).

use cognito_desk_core::{Code, Error};

#[derive(Debug)]
pub struct Failure {
    pub exit: u8,
    pub message: String,
    pub hint: String,
}

pub const SERVICE: u8 = 1;
pub const USAGE: u8 = 2;
pub const NO_SESSION: u8 = 3;
pub const REFUSED: u8 = 4;
pub const CONFIGURATION: u8 = 5;
pub const KEYCHAIN: u8 = 6;
pub const UNREACHABLE: u8 = 7;
pub const TRY_LATER: u8 = 8;

impl Failure {
    pub fn new(exit: u8, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(USAGE, message, hint)
    }

    /// The line for stderr.
    pub fn line(&self) -> String {
        let message = self.message.trim_end_matches('.');
        // A question ends its own sentence.
        let stop = if message.ends_with('?') { "" } else { "." };
        if self.hint.is_empty() {
            format!("error: {message}{stop}")
        } else {
            format!("error: {message}{stop} Fix: {}", self.hint)
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let exit = exit_code(&e.code);
        // The code helps a search and a bug report; the message already says it in words.
        let message = format!("{} ({})", e.message.trim_end_matches('.'), e.code);
        let hint = cli_hint(&e.code).map_or(e.hint, str::to_owned);
        Self::new(exit, message, hint)
    }
}

/// The fix in the CLI's terms where the core's hint names the window's form.
fn cli_hint(code: &Code) -> Option<&'static str> {
    match code {
        Code::ClientSecretRequired | Code::ClientSecretMissing | Code::ClientSecretWrong => Some(
            "Give the profile the app client's secret: printf '%s\\n' \"$CLIENT_SECRET\" | cognito-desk-cli profile set NAME --client-secret-stdin",
        ),
        Code::ClientSecretUnexpected => {
            Some("The app client has no secret: cognito-desk-cli profile set NAME --no-client-secret")
        }
        _ => None,
    }
}

/// A usage error clap found (an unknown option, a bad value): one line with the fix, as
/// every other failure, exit 2. `--help` and `--version` print as clap prints them.
pub fn usage_error(e: clap::Error) -> std::process::ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return std::process::ExitCode::from(match e.kind() {
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => USAGE,
            _ => 0,
        });
    }
    if let Some(refusal) = secret_as_argument(&e) {
        eprintln!("{}", refusal.line());
        return std::process::ExitCode::from(USAGE);
    }
    let rendered = e.render().to_string();
    let first = rendered
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_owned();
    let mut message = first;
    if let Some(ContextValue::Strings(values)) = e.get(ContextKind::ValidValue) {
        message.push_str(&format!(" (one of: {})", values.join(", ")));
    }
    if let Some(ContextValue::String(suggested)) = e.get(ContextKind::SuggestedArg) {
        message.push_str(&format!("; did you mean {suggested}?"));
    }
    let usage = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage: ").map(str::to_owned));
    let hint = match usage {
        Some(usage) => format!("Usage: {usage} (--help says more)."),
        None => "Run with --help to see the options.".to_owned(),
    };
    let failure = Failure::usage(message, hint);
    eprintln!("{}", failure.line());
    std::process::ExitCode::from(USAGE)
}

/// `--password VALUE` or `--client-secret VALUE`: there are no such options, on purpose;
/// the refusal says why and where the secret goes instead (the value is never echoed).
fn secret_as_argument(e: &clap::Error) -> Option<Failure> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let seen = "every local user sees it (ps) and the shell keeps it in its history";
    match arg.split('=').next() {
        Some("--password") => Some(Failure::usage(
            format!("A password is not taken as an argument: {seen}"),
            "Pipe it with --password-stdin, or set COGNITO_DESK_PASSWORD, or run in a terminal to be asked.",
        )),
        Some("--client-secret") => Some(Failure::usage(
            format!("A client secret is not taken as an argument: {seen}"),
            "Pipe it: `printf '%s\\n' \"$CLIENT_SECRET\" | cognito-desk-cli profile … --client-secret-stdin`, or use --client-secret-prompt on a terminal.",
        )),
        _ => None,
    }
}

fn exit_code(code: &Code) -> u8 {
    use Code::*;
    match code {
        NotSignedIn | SessionRevoked | NoPendingChallenge | SessionExpired | CredentialsExpired => {
            NO_SESSION
        }
        NotAuthorizedException
        | UserDisabled
        | PasswordAttemptsExceeded
        | OperationRefused
        | UserNotFoundException
        | CodeMismatchException
        | DeliveredCodeMismatch
        | ExpiredCodeException
        | InvalidCode
        | InvalidDeliveredCode
        | UserNotConfirmedException
        | PasswordResetRequiredException
        | TooManyFailedAttemptsException
        | CustomChallengeFailed
        | AccessDenied
        | AccessDeniedException
        | InvalidPasswordException
        | ClientSecretWrong
        | PasskeyNotFound
        | SetupPermissionRefused
        | SecurityKeyCancelled
        | SecurityKeyTimedOut
        | SecurityKeyAlreadyRegistered
        | SecurityKeyPinWrong
        | SecurityKeyPinBlocked
        | SecurityKeyReplugNeeded
        | WebAuthnOriginNotAllowedException
        | WebAuthnRelyingPartyMismatchException
        | WebAuthnCredentialNotSupportedException => REFUSED,
        NoProfile
        | InvalidProfile
        | ProfilesCorrupt
        | ProfilesUnreadable
        | NoConfigDir
        | NoIdentityPool
        | NoTestSecret
        | NoTestPasskey
        | SetupExists
        | SetupNotFound
        | SetupManifestDamaged
        | SetupOtherAccount
        | InvalidSetup
        | SecurityKeyNotFound
        | SecurityKeyNoAccess
        | SecurityKeyPinNotSet
        | PasskeyRelyingPartyInvalid
        | WebAuthnNotEnabledException
        | WebAuthnConfigurationMissingException
        | FeatureUnavailableInTierException
        | AuthFlowNotEnabled
        | ClientSecretRequired
        | ClientSecretMissing
        | ClientSecretUnexpected
        | ResourceNotFoundException
        | MfaMethodNotOffered
        | ProfileFileInvalid
        | AmplifyOutputsMalformed
        | AmplifyOutputsIncomplete => CONFIGURATION,
        KeychainUnavailable => KEYCHAIN,
        NetworkUnreachable => UNREACHABLE,
        TestCodeUsed => TRY_LATER,
        _ => SERVICE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_the_documented_exits() {
        let exit = |c: Code| Failure::from(Error::new(c, "m", "h")).exit;
        assert_eq!(exit(Code::SessionRevoked), NO_SESSION);
        assert_eq!(exit(Code::CodeMismatchException), REFUSED);
        assert_eq!(exit(Code::NoIdentityPool), CONFIGURATION);
        assert_eq!(exit(Code::KeychainUnavailable), KEYCHAIN);
        assert_eq!(exit(Code::NetworkUnreachable), UNREACHABLE);
        assert_eq!(exit(Code::InternalErrorException), SERVICE);
        let line = Failure::from(Error::new(Code::NoIdentityPool, "No pool.", "Add it.")).line();
        assert_eq!(line, "error: No pool (NoIdentityPool). Fix: Add it.");
    }
}
