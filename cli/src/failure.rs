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
        if self.hint.is_empty() {
            format!("error: {message}.")
        } else {
            format!("error: {message}. Fix: {}", self.hint)
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let exit = exit_code(&e.code);
        // The code helps a search and a bug report; the message already says it in words.
        let message = format!("{} ({})", e.message.trim_end_matches('.'), e.code);
        Self::new(exit, message, e.hint)
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
        | ClientSecretWrong => REFUSED,
        NoProfile
        | InvalidProfile
        | ProfilesCorrupt
        | ProfilesUnreadable
        | NoConfigDir
        | NoIdentityPool
        | NoTestSecret
        | AuthFlowNotEnabled
        | ClientSecretRequired
        | ClientSecretMissing
        | ClientSecretUnexpected
        | ResourceNotFoundException
        | MfaMethodNotOffered => CONFIGURATION,
        KeychainUnavailable => KEYCHAIN,
        NetworkUnreachable => UNREACHABLE,
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
