//! From what Cognito (or the network) answered to an [`Error`] a person can act on.
//! Kept apart from the SDK types so every branch is unit-tested with canned failures,
//! including answers no emulator produces.

use crate::aws::{server_message, SdkFailure};
use crate::error::{Code, Error};
use crate::profile::ADMIN_SCOPE;

pub fn map(operation: &str, endpoint: &str, failure: SdkFailure) -> Error {
    match failure {
        SdkFailure::Unreachable => Error::new(Code::NetworkUnreachable,
            format!("Cognito Desk could not reach {endpoint} ({operation})."),
            "Check the network connection. For an emulator, check that it is running and that the profile's endpoint override points at it.",
        ),
        // Throttled or failing without a Cognito error body (a proxy, a load balancer):
        // said as such, not as "not a Cognito answer".
        SdkFailure::BadResponse { status: Some(429) } => Error::new(Code::TooManyRequestsException,
            format!("{endpoint} is throttling requests (HTTP 429 to {operation})."),
            "Wait a moment and try again.",
        ),
        SdkFailure::BadResponse { status: Some(s @ 500..=599) } => Error::new(Code::InternalErrorException,
            format!("{endpoint} failed on its side (HTTP {s} to {operation})."),
            "Try again in a moment; if it persists, check the AWS Health Dashboard (or the emulator's log).",
        ),
        SdkFailure::BadResponse { status } => Error::new(Code::UnexpectedResponse,
            match status {
                Some(s) => format!("{endpoint} answered {operation} with HTTP {s}, which is not a Cognito answer."),
                None => format!("{endpoint} answered {operation} with something that is not a Cognito answer."),
            },
            "Check the region and the endpoint override in the profile.",
        ),
        SdkFailure::Service { code, message } => service(operation, &code, &message),
    }
}

fn service(operation: &str, name: &str, message: &str) -> Error {
    let lower = message.to_ascii_lowercase();
    // The edge: AWS's exception name becomes a [`Code`] here and nowhere else.
    let code = Code::parse(name);
    match code {
        // "Client … is configured with secret but SECRET_HASH was not received"
        // … and "Client … is configured for secret but secret was not received" (the
        // recovery and sign-up calls).
        Code::NotAuthorizedException
            if lower.contains("secret_hash was not received")
                || lower.contains("secret but secret was not received") => Error::new(Code::ClientSecretRequired,
            "This app client has a client secret, and the profile does not know it.",
            "Edit the profile: tick “The app client has a client secret” and enter the secret (Cognito console → App clients → the client → Client secret).",
        ),
        // "Unable to verify secret hash for client …"
        Code::NotAuthorizedException if lower.contains("unable to verify secret hash") => Error::new(Code::ClientSecretWrong,
            "The client secret is wrong: Cognito could not verify the SECRET_HASH made with it.",
            "Edit the profile and enter the app client's secret again (Cognito console → App clients → the client → Client secret).",
        ),
        // "App client … is not configured for secret but secret hash was received"
        Code::InvalidParameterException if lower.contains("not configured for secret") => Error::new(Code::ClientSecretUnexpected,
            "This app client has no client secret, but the profile says it has one.",
            "Edit the profile and untick “The app client has a client secret”.",
        ),
        Code::NotAuthorizedException if lower.contains("incorrect username or password") => wrong_password(),
        Code::NotAuthorizedException if lower.contains("session") => Error::new(Code::SessionExpired,
            "The sign-in took too long: the challenge session has expired.",
            "Sign in again with your password, then enter the code within 3 minutes.",
        ),
        // An access token from managed login without the admin scope cannot call the
        // user's own APIs (GetUser, AssociateSoftwareToken, SetUserMFAPreference).
        Code::NotAuthorizedException if lower.contains("required scopes") => Error::new(Code::MissingAdminScope,
            format!("This access token may not call {operation}: it lacks the {ADMIN_SCOPE} scope."),
            format!("Add {ADMIN_SCOPE} to the profile's managed-login scopes and allow it on the app client, then sign in again (a password sign-in always has it)."),
        ),
        Code::NotAuthorizedException if lower.contains("attempts exceeded") => Error::new(Code::PasswordAttemptsExceeded,
            "Too many failed sign-in attempts for this user.",
            "Wait a few minutes before trying again, or reset the password.",
        ),
        Code::NotAuthorizedException if lower.contains("disabled") => Error::new(Code::UserDisabled,
            "This user is disabled in the user pool.",
            "An administrator must enable the user (admin-enable-user).",
        ),
        Code::NotAuthorizedException if operation == "InitiateAuth" => wrong_password(),
        Code::NotAuthorizedException => Error::new(
            Code::OperationRefused,
            format!("Cognito refused {operation}: {}", server_message(message)),
            "Sign in again; if it keeps failing, check the app client's settings.",
        ),
        Code::UserNotFoundException => Error::new(
            code.clone(),
            "No user with that name exists in this user pool.",
            "Check the email address, and that the profile points at the right user pool.",
        ),
        Code::CodeMismatchException | Code::EnableSoftwareTokenMFAException => Error::new(Code::CodeMismatchException,
            "The code did not match.",
            "Check the clock of the device that shows the code, wait for the next code, and try again.",
        ),
        Code::ExpiredCodeException => Error::new(
            code.clone(),
            "That code has expired or was already used.",
            "Wait for the next code from your authenticator app and enter it.",
        ),
        // SetUserMFAPreference before a successful VerifySoftwareToken (the walkthrough's trap).
        Code::InvalidParameterException if lower.contains("delivery config") || lower.contains("not verified software token") => {
            totp_not_verified()
        }
        Code::SoftwareTokenMFANotFoundException => totp_not_verified(),
        Code::InvalidPasswordException => Error::new(
            code.clone(),
            format!("The new password does not meet the pool's password policy: {}", server_message(message)),
            "Choose a longer password with the character kinds the pool requires.",
        ),
        // "USER_PASSWORD_AUTH flow not enabled for this client", "USER_SRP_AUTH is not
        // enabled for the client.", or without a name: "Auth flow not enabled …".
        Code::InvalidParameterException
            if lower.contains("auth flow not enabled") || lower.contains("not enabled for the client") =>
        {
            let flow = if lower.contains("user_srp_auth") {
                SRP_FLOW
            } else if lower.contains("custom_auth") {
                CUSTOM_FLOW
            } else if lower.contains("user_auth") {
                USER_AUTH_FLOW
            } else {
                PASSWORD_FLOW
            };
            flow_not_enabled(flow)
        }
        // Mid-challenge, the pool and client were just found by InitiateAuth: what is
        // missing is the session (moto reports a lost or reused session this way).
        // A device key the pool no longer has (forgotten by an administrator or another
        // computer): the sign-in forgets it here and starts over without it.
        Code::ResourceNotFoundException if lower.contains("device does not exist") => Error::new(Code::DeviceUnknown,
            "The user pool no longer knows this computer as the user's device.",
            "It was forgotten by an administrator or on another computer; the sign-in goes on without it.",
        ),
        Code::ResourceNotFoundException if operation == "RespondToAuthChallenge" => Error::new(Code::SessionExpired,
            "Cognito no longer knows this sign-in: the challenge session expired or was already used.",
            "Sign in again with your password, then enter the code within 3 minutes.",
        ),
        Code::ResourceNotFoundException => Error::new(
            code.clone(),
            "The user pool or app client does not exist.",
            "Check the user pool id, the app client id and the region in the profile.",
        ),
        Code::UserNotConfirmedException => Error::new(
            code.clone(),
            "This account is not confirmed yet.",
            "Enter the code from the sign-up message on the confirmation screen (or an administrator runs admin-confirm-sign-up).",
        ),
        Code::PasswordResetRequiredException => Error::new(
            code.clone(),
            "This account must reset its password before signing in.",
            "Reset the password with a code Cognito sends (Forgot password?), then sign in with the new one.",
        ),
        Code::TooManyRequestsException | Code::LimitExceededException | Code::TooManyFailedAttemptsException => Error::new(
            code.clone(),
            "Cognito is limiting requests for this user or pool.",
            "Wait a minute, then try again.",
        ),
        Code::WebAuthnNotEnabledException => Error::new(code.clone(),
            "Passkeys are not turned on for this user pool.",
            "Allow WEB_AUTHN among the pool's first factors (SignInPolicy) and give the pool a relying party (the pool screen's Passkeys section), or sign in another way.",
        ),
        Code::WebAuthnConfigurationMissingException => Error::new(code.clone(),
            "The user pool has no passkey configuration: no relying party id and no domain to take it from.",
            "Set the relying party id on the pool screen (Passkeys), or give the pool a domain.",
        ),
        Code::WebAuthnChallengeNotFoundException => Error::new(code.clone(),
            "Cognito no longer knows this passkey registration: its challenge expired or was used.",
            "Start the registration again and finish it within a few minutes.",
        ),
        Code::WebAuthnRelyingPartyMismatchException => Error::new(code.clone(),
            "The passkey was made for another relying party than the pool's.",
            "Check the pool's relying party id on the pool screen, then register the passkey again.",
        ),
        Code::WebAuthnOriginNotAllowedException => Error::new(code.clone(),
            "Cognito refused the passkey's origin: it does not lie within the pool's relying party id.",
            "Set the pool's relying party id to the pool's domain (or its custom domain) on the pool screen.",
        ),
        Code::WebAuthnClientMismatchException => Error::new(code.clone(),
            "The passkey registration was started with another app client.",
            "Sign in with this profile's app client and register again.",
        ),
        Code::WebAuthnCredentialNotSupportedException => Error::new(code.clone(),
            "Cognito does not accept this passkey (its algorithm, attestation or user verification).",
            "With UserVerification set to required, use an authenticator that verifies the user (a PIN or a fingerprint).",
        ),
        Code::FeatureUnavailableInTierException => Error::new(code.clone(),
            format!("{operation} needs a feature this user pool's tier does not include."),
            "Passkeys need the Essentials tier or higher: change the pool's feature plan in the Cognito console.",
        ),
        Code::InvalidParameterException => Error::new(
            code.clone(),
            format!("Cognito rejected a parameter of {operation}: {}", server_message(message)),
            "Check the profile's settings against the app client in the Cognito console.",
        ),
        _ => Error::new(
            code.clone(),
            format!("Cognito refused {operation}: {}", server_message(message)),
            format!("Look up {code} for {operation} in the Amazon Cognito API reference."),
        ),
    }
}

/// The AuthFlow names of the password and the SRP sign-in.
pub const PASSWORD_FLOW: &str = "USER_PASSWORD_AUTH";
pub const SRP_FLOW: &str = "USER_SRP_AUTH";
pub const USER_AUTH_FLOW: &str = "USER_AUTH";
pub const CUSTOM_FLOW: &str = "CUSTOM_AUTH";

/// The app client does not allow `flow`: the message names it and the flag to enable.
pub fn flow_not_enabled(flow: &str) -> Error {
    let what = match flow {
        SRP_FLOW => "SRP sign-in",
        USER_AUTH_FLOW => "choice-based sign-in",
        CUSTOM_FLOW => "custom sign-in",
        _ => "password sign-in",
    };
    Error::new(
        Code::AuthFlowNotEnabled,
        format!("This app client does not allow {what} ({flow})."),
        format!("Enable ALLOW_{flow} on the app client (Cognito console → App clients → Authentication flows), or choose the sign-in flow the client allows in the profile."),
    )
}

/// A wrong password, whichever flow found it out.
pub fn wrong_password() -> Error {
    Error::new(
        Code::NotAuthorizedException,
        "The email or password is incorrect.",
        "Check the password (it is case-sensitive) and that the profile points at the right user pool.",
    )
}

fn totp_not_verified() -> Error {
    Error::new(Code::TotpNotVerified,
        "TOTP cannot be turned on before the authenticator app is verified.",
        "Set up the authenticator app and enter a code from it first; Cognito Desk turns TOTP on after that.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(op: &str, code: &str, message: &str) -> Error {
        map(
            op,
            "http://127.0.0.1:1",
            SdkFailure::Service {
                code: code.into(),
                message: message.into(),
            },
        )
    }

    /// Each passkey refusal Cognito documents keeps its code and names its own fix.
    #[test]
    fn passkey_refusals_name_their_fix() {
        let cases = [
            (
                "StartWebAuthnRegistration",
                "WebAuthnNotEnabledException",
                "WEB_AUTHN",
            ),
            (
                "StartWebAuthnRegistration",
                "WebAuthnConfigurationMissingException",
                "relying party id",
            ),
            (
                "CompleteWebAuthnRegistration",
                "WebAuthnChallengeNotFoundException",
                "again",
            ),
            (
                "CompleteWebAuthnRegistration",
                "WebAuthnRelyingPartyMismatchException",
                "relying party id",
            ),
            (
                "CompleteWebAuthnRegistration",
                "WebAuthnOriginNotAllowedException",
                "domain",
            ),
            (
                "CompleteWebAuthnRegistration",
                "WebAuthnClientMismatchException",
                "app client",
            ),
            (
                "CompleteWebAuthnRegistration",
                "WebAuthnCredentialNotSupportedException",
                "verifies the user",
            ),
            (
                "InitiateAuth",
                "FeatureUnavailableInTierException",
                "Essentials",
            ),
        ];
        for (op, code, fix) in cases {
            let e = svc(op, code, "refused");
            assert_eq!(e.code.as_str(), code);
            assert!(e.hint.contains(fix), "{code}: {}", e.hint);
            assert!(!e.hint.contains("Look up"), "{code} has its own words");
        }
    }

    #[test]
    fn flow_not_enabled_names_the_flag() {
        let e = svc(
            "InitiateAuth",
            "InvalidParameterException",
            "Auth flow not enabled for this client",
        );
        assert_eq!(e.code, Code::AuthFlowNotEnabled);
        assert!(e.hint.contains("ALLOW_USER_PASSWORD_AUTH"));
        // ministack's and Cognito's words for SRP name that flow.
        let srp = svc(
            "InitiateAuth",
            "InvalidParameterException",
            "USER_SRP_AUTH is not enabled for the client.",
        );
        assert_eq!(srp.code, Code::AuthFlowNotEnabled);
        assert!(srp.hint.contains("ALLOW_USER_SRP_AUTH"), "{}", srp.hint);
        assert!(srp.message.contains("SRP"), "{}", srp.message);
    }

    #[test]
    fn client_secret_errors_say_what_to_do_with_the_secret() {
        let missing = svc(
            "InitiateAuth",
            "NotAuthorizedException",
            "Client 4f2a is configured with secret but SECRET_HASH was not received",
        );
        assert_eq!(missing.code, Code::ClientSecretRequired);
        let recovery = svc(
            "ForgotPassword",
            "NotAuthorizedException",
            "Client 4f2a is configured for secret but secret was not received",
        );
        assert_eq!(recovery.code, Code::ClientSecretRequired);
        assert!(
            missing.hint.contains("enter the secret"),
            "{}",
            missing.hint
        );
        let wrong = svc(
            "RespondToAuthChallenge",
            "NotAuthorizedException",
            "Unable to verify secret hash for client 4f2a",
        );
        assert_eq!(wrong.code, Code::ClientSecretWrong);
        assert!(wrong.message.contains("client secret is wrong"));
        let extra = svc(
            "InitiateAuth",
            "InvalidParameterException",
            "App client 4f2a is not configured for secret but secret hash was received",
        );
        assert_eq!(extra.code, Code::ClientSecretUnexpected);
        // A wrong password on any operation (SRP's PASSWORD_VERIFIER answer included).
        let srp = svc(
            "RespondToAuthChallenge",
            "NotAuthorizedException",
            "Incorrect username or password.",
        );
        assert!(srp.message.contains("password is incorrect"));
        let choice = svc(
            "InitiateAuth",
            "InvalidParameterException",
            "USER_AUTH flow not enabled for this client",
        );
        assert!(choice.hint.contains("ALLOW_USER_AUTH"), "{}", choice.hint);
    }

    #[test]
    fn a_token_without_the_admin_scope_names_the_scope() {
        let e = svc(
            "GetUser",
            "NotAuthorizedException",
            "Access Token does not have required scopes",
        );
        assert_eq!(e.code, Code::MissingAdminScope);
        assert!(e.message.contains("GetUser"));
        assert!(e.hint.contains("aws.cognito.signin.user.admin"));
    }

    #[test]
    fn expired_session_is_its_own_code() {
        let e = svc(
            "RespondToAuthChallenge",
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
        );
        assert_eq!(e.code, Code::SessionExpired);
        let wrong_password = svc(
            "InitiateAuth",
            "NotAuthorizedException",
            "Incorrect username or password.",
        );
        assert_eq!(wrong_password.code, Code::NotAuthorizedException);
        assert!(wrong_password.message.contains("password is incorrect"));
        let lost = svc(
            "RespondToAuthChallenge",
            "ResourceNotFoundException",
            "AYABeSessionValue",
        );
        assert_eq!(lost.code, Code::SessionExpired);
        assert!(!lost.message.contains("AYABe"));
        let no_pool = svc(
            "InitiateAuth",
            "ResourceNotFoundException",
            "User pool client x does not exist.",
        );
        assert_eq!(no_pool.code, Code::ResourceNotFoundException);
    }

    #[test]
    fn preference_before_verification_is_named() {
        let e = svc(
            "SetUserMFAPreference",
            "InvalidParameterException",
            "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
        );
        assert_eq!(e.code, Code::TotpNotVerified);
        assert_eq!(
            svc(
                "SetUserMFAPreference",
                "SoftwareTokenMFANotFoundException",
                ""
            )
            .code,
            Code::TotpNotVerified
        );
        // moto's wording of the same refusal
        let moto = svc(
            "SetUserMFAPreference",
            "InvalidParameterException",
            "User has not verified software token mfa",
        );
        assert_eq!(moto.code, Code::TotpNotVerified);
    }

    #[test]
    fn ministack_verify_mismatch_reads_as_a_code_mismatch() {
        let e = svc(
            "VerifySoftwareToken",
            "EnableSoftwareTokenMFAException",
            "Code mismatch",
        );
        assert_eq!(e.code, Code::CodeMismatchException);
        assert!(e.hint.contains("clock"));
    }

    #[test]
    fn unknown_errors_keep_their_code_and_lose_tokens() {
        let e = svc(
            "RespondToAuthChallenge",
            "InternalErrorException",
            "boom for AYABeC0ffeeSessionValueThatIsVeryLongIndeed1234567890",
        );
        assert_eq!(e.code, Code::InternalErrorException);
        assert!(!e.message.contains("AYABe"));
        assert!(e.hint.contains("InternalErrorException"));
    }

    #[test]
    fn network_and_garbage_answers() {
        let e = map(
            "InitiateAuth",
            "http://127.0.0.1:9",
            SdkFailure::Unreachable,
        );
        assert_eq!(e.code, Code::NetworkUnreachable);
        assert!(e.message.contains("127.0.0.1:9"));
        let e = map(
            "InitiateAuth",
            "http://x",
            SdkFailure::BadResponse { status: Some(404) },
        );
        assert_eq!(e.code, Code::UnexpectedResponse);
        assert!(e.message.contains("404"));
        let bad = |status| {
            map(
                "InitiateAuth",
                "http://x",
                SdkFailure::BadResponse { status },
            )
        };
        let e = bad(Some(502));
        assert_eq!(e.code, Code::InternalErrorException);
        assert!(e.message.contains("HTTP 502"), "{e:?}");
        let e = bad(Some(429));
        assert_eq!(e.code, Code::TooManyRequestsException);
        assert!(e.message.contains("throttling"), "{e:?}");
        assert_eq!(bad(None).code, Code::UnexpectedResponse);
    }
}
