//! Passkeys (WebAuthn) on the client's side of Cognito: the options Cognito sends are
//! parsed here (`options.rs`), an authenticator answers them through passkey-client
//! (the WebAuthn client data, the relying-party check) and the credential goes back as
//! RegistrationResponseJSON or AuthenticationResponseJSON. `cognito.rs` makes the four
//! calls of a user's passkey list; `test_passkey.rs` is the software authenticator of
//! test accounts, whose key lives in the keychain; `security_key` is a USB key (CTAP2
//! over HID) through authenticator-rs, with its touch and PIN asked of the person.
//!
//! What Cognito checks (API reference, WebAuthnConfigurationType and the
//! WebAuthn*Exception types): the relying party id is the pool's
//! WebAuthnConfiguration.RelyingPartyId (else its domain), the client data's origin must
//! lie within that id (WebAuthnOriginNotAllowedException), and with UserVerification
//! `required` the authenticator must have verified the user. The origin the app claims is
//! therefore `https://<relying party id>`, the origin a browser on the pool's own domain
//! would send.

mod cognito;
mod document;
pub(crate) mod options;
pub mod security_key;
mod test_passkey;

pub use cognito::{complete_registration, delete, list, start_registration, PasskeyRow};
pub use options::{origin_for, CreationOptions, RequestOptions};
pub use test_passkey::TestPasskey;

use crate::error::{Code, Error};
use passkey_client::WebauthnError;

/// What an authenticator or the WebAuthn client refused, in the app's words.
pub(crate) fn webauthn_error(e: &WebauthnError, rp_id: &str) -> Error {
    match e {
        WebauthnError::CredentialNotFound => Error::new(
            Code::PasskeyNotFound,
            format!("No passkey here matches what Cognito asked for ({rp_id})."),
            "The passkey was deleted at the server or made for another pool: register a new one, or sign in another way.",
        ),
        WebauthnError::OriginRpMissmatch
        | WebauthnError::InvalidRpId
        | WebauthnError::OriginMissingDomain => Error::new(
            Code::PasskeyRelyingPartyInvalid,
            format!("The pool's relying party id \"{rp_id}\" is not a domain a passkey can be made for."),
            "Set the relying party id on the pool screen to the pool's domain or its custom domain.",
        ),
        // CTAP2_ERR_UNSUPPORTED_ALGORITHM (0x26): none of pubKeyCredParams is the key's.
        WebauthnError::NotSupportedError | WebauthnError::AuthenticatorError(0x26) => Error::new(
            Code::PasskeyAlgorithmUnsupported,
            "The authenticator supports none of the algorithms Cognito asked for.",
            "Use a passkey that supports ES256 (every current security key does).",
        ),
        other => Error::new(
            Code::PasskeyFailed,
            format!("The passkey could not answer ({other:?})."),
            "Try again; if it persists, sign in another way and register the passkey again.",
        ),
    }
}
