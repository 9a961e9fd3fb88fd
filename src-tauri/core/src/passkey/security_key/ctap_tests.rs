//! The CTAP2 requests authenticator-rs encodes from the app's arguments, checked field by
//! field against the examples of the CTAP 2.0 specification (section 6.1,
//! authenticatorMakeCredential; 6.2, authenticatorGetAssertion), and the key's answers
//! as the JSON Cognito reads.

use super::*;
use authenticator::crypto::{COSEEC2Key, COSEKey, COSEKeyType, Curve};
use authenticator::ctap2::attestation::{
    AAGuid, AttestationObject, AttestationStatement, AttestedCredentialData, AuthenticatorData,
    AuthenticatorDataFlags, Extension,
};
use authenticator::ctap2::client_data::ClientDataHash;
use authenticator::ctap2::commands::get_assertion::{Assertion, GetAssertion, GetAssertionOptions};
use authenticator::ctap2::commands::make_credentials::{MakeCredentials, MakeCredentialsOptions};
use authenticator::ctap2::commands::RequestCtap2;
use authenticator::ctap2::server::RpIdHash;
use authenticator::{GetAssertionResult, MakeCredentialsResult};
use base64::engine::general_purpose::URL_SAFE;
use ciborium::Value as Cbor;

/// The specification's example user id (32 bytes).
const SPEC_USER_ID: &str = "MIIBkzCCATigAwIBAjCCAZMwggE4oAMCAQIwggGTMII=";

fn spec_creation_options() -> CreationOptions {
    let user_id = URL_SAFE_NO_PAD.encode(URL_SAFE.decode(SPEC_USER_ID).unwrap());
    CreationOptions::parse(&json!({
        "challenge": "AAECAw",
        "rp": {"id": "example.com", "name": "Acme"},
        "user": {"id": user_id, "name": "johnpsmith@example.com", "displayName": "John P. Smith"},
        "pubKeyCredParams": [{"alg": -7, "type": "public-key"}, {"alg": -257, "type": "public-key"}],
        "authenticatorSelection": {"residentKey": "required", "userVerification": "required"},
        "timeout": 180000
    }))
    .unwrap()
}

fn decode(bytes: &[u8]) -> Cbor {
    ciborium::from_reader(bytes).unwrap()
}

fn entry(map: &Cbor, key: impl Into<Cbor>) -> &Cbor {
    let key = key.into();
    map.as_map()
        .and_then(|m| m.iter().find(|(k, _)| *k == key))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("{key:?} missing from {map:?}"))
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn text(s: &str) -> Cbor {
    Cbor::Text(s.to_owned())
}

#[test]
fn client_data_names_the_type_the_challenge_and_the_relying_partys_https_origin() {
    let data: Value =
        serde_json::from_slice(&client_data("webauthn.get", b"hi", "auth.example.com").unwrap())
            .unwrap();
    assert_eq!(
        data,
        json!({"type": "webauthn.get", "challenge": "aGk", "origin": "https://auth.example.com", "crossOrigin": false})
    );
}

#[test]
fn make_credential_carries_the_specs_example_as_cognito_words_it() {
    let (args, client_data) = register_args(&spec_creation_options()).unwrap();
    assert_eq!(
        args.user_verification_req,
        UserVerificationRequirement::Required
    );
    assert_eq!(args.resident_key_req, ResidentKeyRequirement::Required);
    assert_eq!(args.origin, "https://example.com");
    // What authenticator-rs sends to the key for these arguments (rk from
    // resident_key_req, as its state machine sets it; uv comes with the PIN token).
    let request = MakeCredentials::new(
        ClientDataHash(args.client_data_hash),
        args.relying_party,
        Some(args.user),
        args.pub_cred_params,
        args.exclude_list,
        MakeCredentialsOptions {
            resident_key: Some(true),
            user_verification: None,
        },
        args.extensions.into(),
    );
    let wire = decode(&request.wire_format().unwrap());
    let hashed: [u8; 32] = Sha256::digest(&client_data).into();
    assert_eq!(
        *entry(&wire, 1),
        Cbor::Bytes(hashed.to_vec()),
        "clientDataHash"
    );
    let rp = entry(&wire, 2);
    assert_eq!(*entry(rp, text("id")), text("example.com"));
    assert_eq!(*entry(rp, text("name")), text("Acme"));
    let user = entry(&wire, 3);
    assert_eq!(
        *entry(user, text("id")),
        Cbor::Bytes(URL_SAFE.decode(SPEC_USER_ID).unwrap())
    );
    assert_eq!(*entry(user, text("name")), text("johnpsmith@example.com"));
    assert_eq!(*entry(user, text("displayName")), text("John P. Smith"));
    let algorithms: Vec<&Cbor> = entry(&wire, 4)
        .as_array()
        .unwrap()
        .iter()
        .map(|p| entry(p, text("alg")))
        .collect();
    assert_eq!(
        algorithms,
        [&Cbor::from(-7), &Cbor::from(-257)],
        "ES256, then RS256"
    );
    assert_eq!(*entry(entry(&wire, 7), text("rk")), Cbor::Bool(true));
}

#[test]
fn get_assertion_carries_the_relying_party_the_hash_and_the_allowed_credential() {
    let options = RequestOptions::parse(
        &json!({"challenge": "c2lnbi1pbg", "rpId": "example.com", "userVerification": "required",
                "allowCredentials": [{"type": "public-key", "id": "AQID"}]})
        .to_string(),
    )
    .unwrap();
    let (args, client_data) = sign_args(&options).unwrap();
    assert_eq!(
        args.user_verification_req,
        UserVerificationRequirement::Required
    );
    let request = GetAssertion::new(
        ClientDataHash(args.client_data_hash),
        RelyingParty::from(args.relying_party_id.as_str()),
        args.allow_list,
        GetAssertionOptions {
            user_presence: Some(args.user_presence_req),
            user_verification: None,
        },
        args.extensions.into(),
    );
    let wire = decode(&request.wire_format().unwrap());
    assert_eq!(*entry(&wire, 1), text("example.com"), "rpId");
    let hashed: [u8; 32] = Sha256::digest(&client_data).into();
    assert_eq!(
        *entry(&wire, 2),
        Cbor::Bytes(hashed.to_vec()),
        "clientDataHash"
    );
    let allowed = &entry(&wire, 3).as_array().unwrap()[0];
    assert_eq!(*entry(allowed, text("id")), Cbor::Bytes(vec![1, 2, 3]));
    assert_eq!(*entry(allowed, text("type")), text("public-key"));
}

fn made_by_a_key(rp_id: &str) -> (MakeCredentialsResult, Vec<u8>) {
    // P-256's base point: a real public key (authenticator-rs's pure-Rust backend makes none).
    let public = COSEKey {
        alg: COSEAlgorithm::ES256,
        key: COSEKeyType::EC2(COSEEC2Key {
            curve: Curve::SECP256R1,
            x: hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"),
            y: hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5"),
        }),
    };
    let credential_id = vec![7u8; 16];
    let auth_data = AuthenticatorData {
        rp_id_hash: RpIdHash(Sha256::digest(rp_id.as_bytes()).into()),
        flags: AuthenticatorDataFlags::USER_PRESENT
            | AuthenticatorDataFlags::USER_VERIFIED
            | AuthenticatorDataFlags::ATTESTED,
        counter: 3,
        credential_data: Some(AttestedCredentialData {
            aaguid: AAGuid([9; 16]),
            credential_id: credential_id.clone(),
            credential_public_key: public,
        }),
        extensions: Extension::default(),
    };
    let made = MakeCredentialsResult {
        att_obj: AttestationObject {
            auth_data,
            att_stmt: AttestationStatement::None,
        },
        attachment: AuthenticatorAttachment::CrossPlatform,
        extensions: Default::default(),
    };
    (made, credential_id)
}

#[test]
fn a_keys_credential_becomes_registration_json_without_attestation() {
    let (made, credential_id) = made_by_a_key("example.com");
    let json = registration_json(made, b"{\"type\":\"webauthn.create\"}").unwrap();
    assert_eq!(json["id"], URL_SAFE_NO_PAD.encode(&credential_id));
    assert_eq!(json["rawId"], json["id"]);
    assert_eq!(json["authenticatorAttachment"], "cross-platform");
    assert_eq!(json["response"]["transports"], json!(["usb"]));
    assert_eq!(json["response"]["publicKeyAlgorithm"], -7);
    let object = decode(
        &URL_SAFE_NO_PAD
            .decode(json["response"]["attestationObject"].as_str().unwrap())
            .unwrap(),
    );
    assert_eq!(*entry(&object, text("fmt")), text("none"));
    let Cbor::Bytes(auth_data) = entry(&object, text("authData")) else {
        panic!("authData is not bytes");
    };
    // rpIdHash, flags, counter, then the AAGUID, zeroed as attestation "none" wants.
    assert_eq!(&auth_data[..32], &Sha256::digest(b"example.com")[..]);
    assert_eq!(&auth_data[37..53], &[0u8; 16]);
    assert_eq!(
        json["response"]["authenticatorData"],
        URL_SAFE_NO_PAD.encode(auth_data)
    );
}

#[test]
fn an_assertion_keeps_the_signed_bytes_and_names_the_only_allowed_credential() {
    let (made, _) = made_by_a_key("example.com");
    let mut auth_data = made.att_obj.auth_data;
    auth_data.credential_data = None;
    auth_data.flags = AuthenticatorDataFlags::USER_PRESENT | AuthenticatorDataFlags::USER_VERIFIED;
    let expected = auth_data.to_vec();
    let signed = GetAssertionResult {
        assertion: Assertion {
            credentials: None,
            auth_data,
            signature: vec![0x30, 0x44, 1, 2],
            user: None,
        },
        attachment: AuthenticatorAttachment::CrossPlatform,
        extensions: Default::default(),
    };
    let text = assertion_json(signed, b"{}", &[vec![5, 6]]).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["id"], "BQY");
    assert_eq!(json["response"]["signature"], "MEQBAg");
    let sent = URL_SAFE_NO_PAD
        .decode(json["response"]["authenticatorData"].as_str().unwrap())
        .unwrap();
    assert_eq!(sent, expected);
    assert_eq!(sent.len(), 37, "rpIdHash, flags and counter only");
    assert_eq!(sent[32], 0x05, "UP and UV");
}
