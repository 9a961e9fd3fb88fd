//! The options Cognito hands the authenticator: PublicKeyCredentialCreationOptionsJSON
//! (StartWebAuthnRegistration's CredentialCreationOptions) and
//! PublicKeyCredentialRequestOptionsJSON (the WEB_AUTHN challenge's
//! CREDENTIAL_REQUEST_OPTIONS), parsed once into passkey-types' structures.

use crate::error::{Code, Error, Result};
use passkey_types::webauthn::{
    CredentialCreationOptions, CredentialRequestOptions, PublicKeyCredentialCreationOptions,
    PublicKeyCredentialRequestOptions, UserVerificationRequirement,
};
use serde_json::Value;
use url::Url;

/// What a new passkey is made from.
#[derive(Debug)]
pub struct CreationOptions {
    inner: PublicKeyCredentialCreationOptions,
    rp_id: String,
}

/// What an assertion answers.
#[derive(Debug)]
pub struct RequestOptions {
    inner: PublicKeyCredentialRequestOptions,
    rp_id: String,
}

impl CreationOptions {
    /// The options as Cognito sends them (or wrapped in `publicKey`, as a browser takes them).
    pub fn parse(value: &Value) -> Result<Self> {
        let inner = value.get("publicKey").unwrap_or(value);
        let inner: PublicKeyCredentialCreationOptions = serde_json::from_value(inner.clone())
            .map_err(|e| malformed("CredentialCreationOptions", &e))?;
        let rp_id = named_relying_party(inner.rp.id.clone())?;
        Ok(Self { inner, rp_id })
    }

    pub fn rp_id(&self) -> &str {
        &self.rp_id
    }

    pub fn user_verification(&self) -> UserVerificationRequirement {
        self.inner
            .authenticator_selection
            .as_ref()
            .map(|s| s.user_verification)
            .unwrap_or_default()
    }

    /// The options as parsed, for an authenticator that is not passkey-client's.
    pub(crate) fn public_key(&self) -> &PublicKeyCredentialCreationOptions {
        &self.inner
    }

    pub(crate) fn into_request(self) -> CredentialCreationOptions {
        CredentialCreationOptions {
            public_key: self.inner,
        }
    }
}

impl RequestOptions {
    /// CREDENTIAL_REQUEST_OPTIONS: JSON in a string.
    pub fn parse(text: &str) -> Result<Self> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| malformed("CREDENTIAL_REQUEST_OPTIONS", &e))?;
        let inner = value.get("publicKey").unwrap_or(&value);
        let inner: PublicKeyCredentialRequestOptions = serde_json::from_value(inner.clone())
            .map_err(|e| malformed("CREDENTIAL_REQUEST_OPTIONS", &e))?;
        let rp_id = named_relying_party(inner.rp_id.clone())?;
        Ok(Self { inner, rp_id })
    }

    pub fn rp_id(&self) -> &str {
        &self.rp_id
    }

    pub fn user_verification(&self) -> UserVerificationRequirement {
        self.inner.user_verification
    }

    /// The credential ids Cognito will accept (empty: any of the user's).
    pub fn allowed(&self) -> Vec<Vec<u8>> {
        self.inner
            .allow_credentials
            .iter()
            .flatten()
            .map(|c| c.id.to_vec())
            .collect()
    }

    /// The options as parsed, for an authenticator that is not passkey-client's.
    pub(crate) fn public_key(&self) -> &PublicKeyCredentialRequestOptions {
        &self.inner
    }

    pub(crate) fn into_request(self) -> CredentialRequestOptions {
        CredentialRequestOptions {
            public_key: self.inner,
        }
    }
}

/// The origin the client data names: the relying party's own https origin, the one a
/// browser on the pool's domain sends (Cognito refuses origins outside the RP id).
pub fn origin_for(rp_id: &str) -> Result<Url> {
    Url::parse(&format!("https://{rp_id}")).map_err(|_| {
        Error::new(
            Code::PasskeyRelyingPartyInvalid,
            format!("The pool's relying party id \"{rp_id}\" is not a domain name."),
            "Set the relying party id on the pool screen to the pool's domain or its custom domain.",
        )
    })
}

fn malformed(what: &str, e: &serde_json::Error) -> Error {
    Error::new(
        Code::UnexpectedResponse,
        format!("Cognito's {what} could not be read: {e}."),
        "Check the endpoint override in the profile; this answer does not come from Cognito.",
    )
}

/// The relying party the options name; none (or an empty one) is the pool's missing
/// passkey configuration.
fn named_relying_party(id: Option<String>) -> Result<String> {
    id.filter(|id| !id.is_empty()).ok_or_else(|| {
        Error::new(
            Code::PasskeyRelyingPartyInvalid,
            "Cognito's passkey options name no relying party.",
            "Give the pool a domain, or set WebAuthnConfiguration's relying party id on the pool screen.",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape AWS documents for StartWebAuthnRegistration's CredentialCreationOptions.
    #[test]
    fn cognitos_creation_options_are_read_with_their_relying_party() {
        let options = CreationOptions::parse(&serde_json::json!({
            "authenticatorSelection": {"requireResidentKey": true, "residentKey": "required", "userVerification": "required"},
            "challenge": "7UZW3DnE8kG3Pm1g-3v5kw", "excludeCredentials": [],
            "extensions": {"credProps": true},
            "pubKeyCredParams": [{"alg": -7, "type": "public-key"}, {"alg": -257, "type": "public-key"}],
            "rp": {"id": "auth.example.com", "name": "auth.example.com"}, "timeout": 180000,
            "user": {"displayName": "dana", "id": "ZGFuYQ", "name": "dana"}
        }))
        .unwrap();
        assert_eq!(options.rp_id(), "auth.example.com");
        assert_eq!(
            options.user_verification(),
            UserVerificationRequirement::Required
        );
    }

    #[test]
    fn request_options_without_a_relying_party_are_refused_with_the_fix() {
        let e =
            RequestOptions::parse(r#"{"challenge": "AAAA", "allowCredentials": []}"#).unwrap_err();
        assert_eq!(e.code, Code::PasskeyRelyingPartyInvalid);
        let e = RequestOptions::parse("not json").unwrap_err();
        assert_eq!(e.code, Code::UnexpectedResponse);
    }

    #[test]
    fn the_origin_is_the_relying_partys_https_origin() {
        assert_eq!(
            origin_for("auth.example.com").unwrap().as_str(),
            "https://auth.example.com/"
        );
        assert_eq!(
            origin_for("bad host/").unwrap_err().code,
            Code::PasskeyRelyingPartyInvalid
        );
    }
}
