//! Between WebAuthn and CTAP2 for a security key: the client data the app signs for
//! (type, challenge, origin), Cognito's options as authenticator-rs's RegisterArgs and
//! SignArgs (which it encodes as authenticatorMakeCredential / authenticatorGetAssertion),
//! and the key's answers as RegistrationResponseJSON / AuthenticationResponseJSON.

use crate::error::{Error, Result};
use crate::passkey::options::{origin_for, CreationOptions, RequestOptions};
use authenticator::authenticatorservice::{RegisterArgs, SignArgs};
use authenticator::crypto::COSEAlgorithm;
use authenticator::ctap2::server::{
    AuthenticationExtensionsClientInputs, AuthenticatorAttachment, PublicKeyCredentialDescriptor,
    PublicKeyCredentialParameters, PublicKeyCredentialUserEntity, RelyingParty,
    ResidentKeyRequirement, UserVerificationRequirement,
};
use authenticator::{RegisterResult, SignResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use passkey_crypto::coset::iana::EnumI64;
use passkey_types::webauthn::{
    PublicKeyCredentialDescriptor as WebAuthnDescriptor, ResidentKeyRequirement as WebAuthnRk,
    UserVerificationRequirement as WebAuthnUv,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The CollectedClientData the key signs over, as JSON bytes: what a browser on the
/// relying party's own origin would send (the same form the test passkey's client makes).
pub(super) fn client_data(kind: &str, challenge: &[u8], rp_id: &str) -> Result<Vec<u8>> {
    let origin = origin_for(rp_id)?;
    let data = json!({
        "type": kind,
        "challenge": URL_SAFE_NO_PAD.encode(challenge),
        "origin": origin.origin().ascii_serialization(),
        "crossOrigin": false,
    });
    serde_json::to_vec(&data)
        .map_err(|e| Error::internal(format!("the client data could not be written: {e}")))
}

fn hash(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

fn verification(uv: WebAuthnUv) -> UserVerificationRequirement {
    match uv {
        WebAuthnUv::Required => UserVerificationRequirement::Required,
        WebAuthnUv::Preferred => UserVerificationRequirement::Preferred,
        WebAuthnUv::Discouraged => UserVerificationRequirement::Discouraged,
    }
}

fn descriptors(list: Option<&Vec<WebAuthnDescriptor>>) -> Vec<PublicKeyCredentialDescriptor> {
    list.into_iter()
        .flatten()
        .map(|d| PublicKeyCredentialDescriptor {
            id: d.id.to_vec(),
            transports: Vec::new(),
        })
        .collect()
}

/// authenticatorMakeCredential's arguments for StartWebAuthnRegistration's options, and
/// the client data they hash.
pub(super) fn register_args(options: &CreationOptions) -> Result<(RegisterArgs, Vec<u8>)> {
    let o = options.public_key();
    let rp_id = options.rp_id();
    let client_data = client_data("webauthn.create", &o.challenge, rp_id)?;
    let selection = o.authenticator_selection.as_ref();
    let resident_key = match selection.and_then(|s| s.resident_key) {
        Some(WebAuthnRk::Required) => ResidentKeyRequirement::Required,
        Some(WebAuthnRk::Preferred) => ResidentKeyRequirement::Preferred,
        Some(WebAuthnRk::Discouraged) => ResidentKeyRequirement::Discouraged,
        None if selection.is_some_and(|s| s.require_resident_key) => {
            ResidentKeyRequirement::Required
        }
        None => ResidentKeyRequirement::Discouraged,
    };
    // Algorithms authenticator-rs does not know are left out; none left is the key's
    // "unsupported algorithm", reported before the key is touched.
    let pub_cred_params = o
        .pub_key_cred_params
        .iter()
        .filter_map(|p| COSEAlgorithm::try_from(p.alg.to_i64()).ok())
        .map(|alg| PublicKeyCredentialParameters { alg })
        .collect();
    let args = RegisterArgs {
        client_data_hash: hash(&client_data),
        relying_party: RelyingParty {
            id: rp_id.to_owned(),
            name: Some(o.rp.name.clone()),
        },
        origin: origin_for(rp_id)?.origin().ascii_serialization(),
        user: PublicKeyCredentialUserEntity {
            id: o.user.id.to_vec(),
            name: Some(o.user.name.clone()),
            display_name: Some(o.user.display_name.clone()),
        },
        pub_cred_params,
        exclude_list: descriptors(o.exclude_credentials.as_ref()),
        user_verification_req: verification(options.user_verification()),
        resident_key_req: resident_key,
        extensions: AuthenticationExtensionsClientInputs::default(),
        pin: None,
        use_ctap1_fallback: false,
    };
    Ok((args, client_data))
}

/// authenticatorGetAssertion's arguments for a WEB_AUTHN challenge, and the client data.
pub(super) fn sign_args(options: &RequestOptions) -> Result<(SignArgs, Vec<u8>)> {
    let o = options.public_key();
    let rp_id = options.rp_id();
    let client_data = client_data("webauthn.get", &o.challenge, rp_id)?;
    let args = SignArgs {
        client_data_hash: hash(&client_data),
        origin: origin_for(rp_id)?.origin().ascii_serialization(),
        relying_party_id: rp_id.to_owned(),
        allow_list: descriptors(o.allow_credentials.as_ref()),
        user_verification_req: verification(options.user_verification()),
        user_presence_req: true,
        extensions: AuthenticationExtensionsClientInputs::default(),
        pin: None,
        use_ctap1_fallback: false,
    };
    Ok((args, client_data))
}

fn attachment(a: &AuthenticatorAttachment) -> Value {
    match a {
        AuthenticatorAttachment::Platform => json!("platform"),
        AuthenticatorAttachment::CrossPlatform | AuthenticatorAttachment::Unknown => {
            json!("cross-platform")
        }
    }
}

/// RegistrationResponseJSON for CompleteWebAuthnRegistration. The attestation statement
/// is dropped (format "none", the AAGUID zeroed): Cognito asks for no attestation, and a
/// browser does the same then.
pub(super) fn registration_json(mut made: RegisterResult, client_data: &[u8]) -> Result<Value> {
    made.att_obj.anonymize();
    let auth_data = &made.att_obj.auth_data;
    let credential = auth_data
        .credential_data
        .as_ref()
        .ok_or_else(|| Error::internal("the security key made no credential"))?;
    let id = URL_SAFE_NO_PAD.encode(&credential.credential_id);
    let mut attestation = Vec::new();
    ciborium::into_writer(&made.att_obj, &mut attestation)
        .map_err(|e| Error::internal(format!("the attestation could not be written: {e}")))?;
    let mut response = json!({
        "clientDataJSON": URL_SAFE_NO_PAD.encode(client_data),
        "attestationObject": URL_SAFE_NO_PAD.encode(&attestation),
        "authenticatorData": URL_SAFE_NO_PAD.encode(auth_data.to_vec()),
        "transports": ["usb"],
        "publicKeyAlgorithm": credential.credential_public_key.alg as i64,
    });
    if let Ok(spki) = credential.credential_public_key.der_spki() {
        response["publicKey"] = json!(URL_SAFE_NO_PAD.encode(spki));
    }
    Ok(json!({
        "id": id,
        "rawId": id,
        "type": "public-key",
        "response": response,
        "authenticatorAttachment": attachment(&made.attachment),
        "clientExtensionResults": {},
    }))
}

/// AuthenticationResponseJSON for the WEB_AUTHN answer. `allowed` names the credential
/// when the key leaves it out (CTAP 2.0 allows that with a one-entry allow list).
pub(super) fn assertion_json(
    signed: SignResult,
    client_data: &[u8],
    allowed: &[Vec<u8>],
) -> Result<String> {
    let assertion = &signed.assertion;
    let credential = match (&assertion.credentials, allowed) {
        (Some(c), _) => c.id.clone(),
        (None, [only]) => only.clone(),
        (None, _) => return Err(Error::internal("the security key named no credential")),
    };
    let id = URL_SAFE_NO_PAD.encode(&credential);
    let user_handle = assertion
        .user
        .as_ref()
        .map(|u| URL_SAFE_NO_PAD.encode(&u.id));
    let json = json!({
        "id": id,
        "rawId": id,
        "type": "public-key",
        "response": {
            "clientDataJSON": URL_SAFE_NO_PAD.encode(client_data),
            "authenticatorData": URL_SAFE_NO_PAD.encode(assertion.auth_data.to_vec()),
            "signature": URL_SAFE_NO_PAD.encode(&assertion.signature),
            "userHandle": user_handle,
        },
        "authenticatorAttachment": attachment(&signed.attachment),
        "clientExtensionResults": {},
    });
    Ok(json.to_string())
}

#[cfg(test)]
#[path = "ctap_tests.rs"]
mod tests;
