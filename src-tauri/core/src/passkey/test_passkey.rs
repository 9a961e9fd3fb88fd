//! The test passkey: a software authenticator (passkey-authenticator, CTAP 2.0) for test
//! accounts, so a passkey user can be signed in without a person at a security key (the
//! CLI's `check`, CI). Its private key is kept in the OS keychain beside the test
//! authenticator's TOTP secret. It reports the user as present and verified without
//! asking anyone: that is what makes it unattended, and why it is for test accounts only.

use super::options::{origin_for, CreationOptions, RequestOptions};
use super::webauthn_error;
use crate::error::{Error, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use passkey_authenticator::{Authenticator, UiHint, UserCheck, UserValidationMethod};
use passkey_client::{Client, DefaultClientData};
use passkey_crypto::aws_lc_rs::AwsLcRsBackend;
use passkey_crypto::coset::{CborSerializable, CoseKey};
use passkey_types::ctap2::{Aaguid, Ctap2Error};
use passkey_types::{Bytes, Passkey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A registered test passkey: the private key and what it belongs to.
#[derive(Clone)]
pub struct TestPasskey {
    passkey: Passkey,
}

/// The key is the passkey: only the credential id and relying party are printed.
impl std::fmt::Debug for TestPasskey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestPasskey")
            .field("credential_id", &self.credential_id())
            .field("rp_id", &self.passkey.rp_id)
            .finish_non_exhaustive()
    }
}

/// The keychain entry's JSON.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    credential_id: String,
    rp_id: String,
    user_handle: Option<String>,
    counter: Option<u32>,
    /// The private key as a COSE key, CBOR, base64url.
    cose_key: String,
}

/// Present and verified, without asking: the test passkey is unattended by design.
struct Unattended;

#[async_trait::async_trait]
impl UserValidationMethod for Unattended {
    type PasskeyItem = Passkey;

    async fn check_user<'a>(
        &self,
        _hint: UiHint<'a, Passkey>,
        presence: bool,
        verification: bool,
    ) -> std::result::Result<UserCheck, Ctap2Error> {
        Ok(UserCheck {
            presence,
            verification,
        })
    }

    fn is_presence_enabled(&self) -> bool {
        true
    }

    fn is_verification_enabled(&self) -> Option<bool> {
        Some(true)
    }
}

type TestClient =
    Client<Option<Passkey>, Unattended, AwsLcRsBackend, public_suffix::PublicSuffixList, ()>;

fn client(store: Option<Passkey>) -> TestClient {
    let mut authenticator =
        Authenticator::new(Aaguid::new_empty(), store, Unattended, AwsLcRsBackend);
    // A counter lets the relying party notice a cloned key; a test passkey never syncs.
    authenticator.set_make_credentials_with_signature_counter(true);
    Client::new(authenticator)
}

impl TestPasskey {
    /// Makes a passkey for `options` (StartWebAuthnRegistration's): the new key and the
    /// RegistrationResponseJSON for CompleteWebAuthnRegistration.
    pub async fn create(options: CreationOptions) -> Result<(Self, Value)> {
        let rp_id = options.rp_id().to_owned();
        let origin = origin_for(&rp_id)?;
        let mut client = client(None);
        let created = client
            .register(&origin, options.into_request(), DefaultClientData)
            .await
            .map_err(|e| webauthn_error(&e, &rp_id))?;
        let passkey = client
            .authenticator()
            .store()
            .clone()
            .ok_or_else(|| Error::internal("the test passkey made no credential"))?;
        let json = serde_json::to_value(&created)
            .map_err(|e| Error::internal(format!("the registration could not be written: {e}")))?;
        Ok((Self { passkey }, json))
    }

    /// Answers `options` (a WEB_AUTHN challenge's): the AuthenticationResponseJSON, as
    /// text. The sign counter moves on; keep the passkey again afterwards.
    pub async fn answer(&mut self, options: RequestOptions) -> Result<String> {
        let rp_id = options.rp_id().to_owned();
        let allowed = options.allowed();
        if rp_id != self.passkey.rp_id
            || (!allowed.is_empty()
                && !allowed.iter().any(|id| **id == *self.passkey.credential_id))
        {
            return Err(webauthn_error(
                &passkey_client::WebauthnError::CredentialNotFound,
                &rp_id,
            ));
        }
        let origin = origin_for(&rp_id)?;
        let mut client = client(Some(self.passkey.clone()));
        let asserted = client
            .authenticate(&origin, options.into_request(), DefaultClientData)
            .await
            .map_err(|e| webauthn_error(&e, &rp_id))?;
        if let Some(updated) = client.authenticator().store().clone() {
            self.passkey = updated;
        }
        serde_json::to_string(&asserted)
            .map_err(|e| Error::internal(format!("the assertion could not be written: {e}")))
    }

    /// The credential id as Cognito lists it (base64url).
    pub fn credential_id(&self) -> String {
        URL_SAFE_NO_PAD.encode(&*self.passkey.credential_id)
    }

    pub fn rp_id(&self) -> &str {
        &self.passkey.rp_id
    }

    pub fn counter(&self) -> Option<u32> {
        self.passkey.counter
    }

    /// The keychain entry.
    pub fn to_entry(&self) -> Result<String> {
        let key = self
            .passkey
            .key
            .clone()
            .to_vec()
            .map_err(|e| Error::internal(format!("the passkey could not be written: {e}")))?;
        let entry = Entry {
            credential_id: self.credential_id(),
            rp_id: self.passkey.rp_id.clone(),
            user_handle: self
                .passkey
                .user_handle
                .as_ref()
                .map(|h| URL_SAFE_NO_PAD.encode(&**h)),
            counter: self.passkey.counter,
            cose_key: URL_SAFE_NO_PAD.encode(key),
        };
        serde_json::to_string(&entry)
            .map_err(|e| Error::internal(format!("the passkey could not be written: {e}")))
    }

    /// A keychain entry read back; a damaged one counts as none.
    pub fn from_entry(text: &str) -> Option<Self> {
        let entry: Entry = serde_json::from_str(text).ok()?;
        let bytes = |s: &str| URL_SAFE_NO_PAD.decode(s).ok();
        let key = CoseKey::from_slice(&bytes(&entry.cose_key)?).ok()?;
        let user_handle = match entry.user_handle {
            Some(h) => Some(Bytes::from(bytes(&h)?)),
            None => None,
        };
        Some(Self {
            passkey: Passkey {
                key,
                credential_id: Bytes::from(bytes(&entry.credential_id)?),
                rp_id: entry.rp_id,
                user_handle,
                username: None,
                user_display_name: None,
                counter: entry.counter,
                extensions: Default::default(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn creation(rp: &str) -> CreationOptions {
        CreationOptions::parse(&json!({
            "authenticatorSelection": {"residentKey": "required", "userVerification": "required"},
            "challenge": "7UZW3DnE8kG3Pm1g-3v5kw",
            "pubKeyCredParams": [{"alg": -7, "type": "public-key"}],
            "rp": {"id": rp, "name": "Test pool"}, "timeout": 180000,
            "user": {"displayName": "dana", "id": "ZGFuYQ", "name": "dana"}
        }))
        .unwrap()
    }

    fn request(rp: &str, allowed: &[&str]) -> RequestOptions {
        let allow: Vec<Value> = allowed
            .iter()
            .map(|id| json!({"type": "public-key", "id": id}))
            .collect();
        RequestOptions::parse(
            &json!({"challenge": "c2lnbi1pbg", "rpId": rp, "userVerification": "required", "allowCredentials": allow})
                .to_string(),
        )
        .unwrap()
    }

    #[tokio::test]
    async fn a_made_passkey_survives_the_keychain_and_answers_with_a_rising_counter() {
        let (made, registration) = TestPasskey::create(creation("auth.example.com"))
            .await
            .unwrap();
        assert_eq!(registration["id"], made.credential_id());
        assert!(registration["response"]["attestationObject"].is_string());
        let mut kept = TestPasskey::from_entry(&made.to_entry().unwrap()).unwrap();
        assert_eq!(kept.credential_id(), made.credential_id());
        let before = kept.counter();
        let assertion: Value = serde_json::from_str(
            &kept
                .answer(request("auth.example.com", &[&made.credential_id()]))
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(assertion["id"], made.credential_id());
        assert!(assertion["response"]["signature"].is_string());
        assert!(
            kept.counter() > before,
            "{:?} then {:?}",
            before,
            kept.counter()
        );
        assert!(
            !format!("{kept:?}").contains("cose"),
            "the key is never printed"
        );
    }

    /// The software authenticator signs with ES256 only: options that offer only RS256
    /// are refused with the algorithm named as the reason.
    #[tokio::test]
    async fn options_without_an_algorithm_it_has_are_refused_as_such() {
        let options = CreationOptions::parse(&json!({
            "challenge": "7UZW3DnE8kG3Pm1g-3v5kw",
            "pubKeyCredParams": [{"alg": -257, "type": "public-key"}],
            "rp": {"id": "auth.example.com", "name": "Test pool"},
            "user": {"displayName": "dana", "id": "ZGFuYQ", "name": "dana"}
        }))
        .unwrap();
        let e = TestPasskey::create(options).await.unwrap_err();
        assert_eq!(e.code, crate::error::Code::PasskeyAlgorithmUnsupported);
    }

    #[tokio::test]
    async fn another_relying_party_or_credential_finds_no_passkey() {
        let (mut made, _) = TestPasskey::create(creation("auth.example.com"))
            .await
            .unwrap();
        let e = made
            .answer(request("other.example.org", &[]))
            .await
            .unwrap_err();
        assert_eq!(e.code, crate::error::Code::PasskeyNotFound);
        let e = made
            .answer(request("auth.example.com", &["AAAAAAAAAAAAAAAAAAAAAA"]))
            .await
            .unwrap_err();
        assert_eq!(e.code, crate::error::Code::PasskeyNotFound);
    }
}
