//! Cognito's side of passkeys for wire-shape stand-ins (tests/src/wire.rs):
//! StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials,
//! DeleteWebAuthnCredential and the WEB_AUTHN challenge, in the shapes AWS documents.
//! Every registration and assertion the app sends is verified by
//! `tests/py/webauthn_rp.py` (py_webauthn, not the app's passkey-rs): signature,
//! challenge, RP ID hash, origin, user presence and verification, sign counter. A fresh
//! random challenge is issued for every ceremony.

use crate::wire::Exchange;
use base64::Engine;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// The relying party's verdict, from Python (py_webauthn, not the app's passkey-rs).
pub fn verify(command: &str, request: &Value) -> Value {
    crate::python::run("webauthn_rp.py", command, request)
}

/// What the server knows: the registered credential and the ceremonies so far.
#[derive(Debug, Default)]
pub struct Registered {
    pub credential_id: String,
    pub public_key: String,
    pub sign_count: u64,
    /// Every challenge issued, in order.
    pub challenges: Vec<String>,
    /// Every assertion the app sent (AuthenticationResponseJSON), in order.
    pub assertions: Vec<Value>,
    pub registration: Value,
}

#[derive(Debug, Clone)]
pub struct PasskeyServer {
    pub rp_id: String,
    pub user: &'static str,
    pub require_uv: bool,
    pub state: Arc<Mutex<Registered>>,
}

fn fresh_challenge() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes())
}

impl PasskeyServer {
    pub fn new(rp_id: &str, user: &'static str, require_uv: bool) -> Self {
        Self {
            rp_id: rp_id.to_owned(),
            user,
            require_uv,
            state: Arc::default(),
        }
    }

    pub fn origin(&self) -> String {
        format!("https://{}", self.rp_id)
    }

    fn uv(&self) -> &'static str {
        if self.require_uv {
            "required"
        } else {
            "preferred"
        }
    }

    /// Checks an assertion against `challenge` with the registered key and the sign
    /// counter the server last saw, as Cognito would; `Err` names what the relying party
    /// refused.
    pub fn check_assertion(
        &self,
        assertion: &Value,
        challenge: &str,
        rp_id: &str,
    ) -> Result<u64, String> {
        let sign_count = self.state.lock().map_err(|e| e.to_string())?.sign_count;
        self.check_assertion_after(assertion, challenge, rp_id, sign_count)
    }

    /// [`Self::check_assertion`] against the counter `sign_count` (0: none seen yet), so
    /// a test can look at one check at a time.
    pub fn check_assertion_after(
        &self,
        assertion: &Value,
        challenge: &str,
        rp_id: &str,
        sign_count: u64,
    ) -> Result<u64, String> {
        let public_key = self
            .state
            .lock()
            .map_err(|e| e.to_string())?
            .public_key
            .clone();
        let verdict = verify(
            "authenticate",
            &json!({"credential": assertion, "challenge": challenge, "rpId": rp_id,
                    "origin": self.origin(), "publicKey": public_key,
                    "signCount": sign_count, "requireUserVerification": self.require_uv}),
        );
        match verdict["ok"].as_bool() {
            Some(true) => Ok(verdict["signCount"].as_u64().unwrap_or_default()),
            _ => Err(verdict["error"].as_str().unwrap_or("refused").to_owned()),
        }
    }

    /// StartWebAuthnRegistration with `access`: creation options with a new challenge.
    pub fn start_registration(&self, access: &str) -> Exchange {
        let server = self.clone();
        let access = access.to_owned();
        Exchange::checked("StartWebAuthnRegistration", move |body| {
            if body != &json!({"AccessToken": access}) {
                return Err("not the StartWebAuthnRegistration expected".into());
            }
            let challenge = fresh_challenge();
            server
                .state
                .lock()
                .map_err(|e| e.to_string())?
                .challenges
                .push(challenge.clone());
            Ok(json!({"CredentialCreationOptions": {
                "authenticatorSelection": {"requireResidentKey": true, "residentKey": "required",
                                           "userVerification": server.uv()},
                "challenge": challenge, "excludeCredentials": [],
                "extensions": {"credProps": true},
                "pubKeyCredParams": [{"alg": -7, "type": "public-key"}, {"alg": -257, "type": "public-key"}],
                "rp": {"id": server.rp_id, "name": server.rp_id}, "timeout": 180000,
                "user": {"displayName": server.user, "id": "ZGFuYS11c2VyLWhhbmRsZQ", "name": server.user}
            }}))
        })
    }

    /// CompleteWebAuthnRegistration: the RegistrationResponseJSON verified against the
    /// last challenge; the credential is registered.
    pub fn complete_registration(&self, access: &str) -> Exchange {
        let server = self.clone();
        let access = access.to_owned();
        Exchange::checked("CompleteWebAuthnRegistration", move |body| {
            if body["AccessToken"] != access.as_str() {
                return Err("CompleteWebAuthnRegistration without the access token".into());
            }
            let mut s = server.state.lock().map_err(|e| e.to_string())?;
            let challenge = s.challenges.last().cloned().unwrap_or_default();
            let verdict = verify(
                "register",
                &json!({"credential": body["Credential"], "challenge": challenge,
                        "rpId": server.rp_id, "origin": server.origin(),
                        "requireUserVerification": server.require_uv}),
            );
            if verdict["ok"] != true {
                let why = format!("registration refused: {}", verdict["error"]);
                eprintln!("{why}\n  credential: {}", body["Credential"]);
                return Err(why);
            }
            s.credential_id = verdict["credentialId"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            s.public_key = verdict["publicKey"].as_str().unwrap_or_default().to_owned();
            s.sign_count = verdict["signCount"].as_u64().unwrap_or_default();
            s.registration = body["Credential"].clone();
            Ok(json!({}))
        })
    }

    /// ListWebAuthnCredentials: the registered credential, if any.
    pub fn list(&self, access: &str) -> Exchange {
        let server = self.clone();
        let access = access.to_owned();
        Exchange::checked("ListWebAuthnCredentials", move |body| {
            if body != &json!({"AccessToken": access}) {
                return Err("not the ListWebAuthnCredentials expected".into());
            }
            let s = server.state.lock().map_err(|e| e.to_string())?;
            let credentials: Vec<Value> = if s.credential_id.is_empty() {
                vec![]
            } else {
                vec![json!({"CredentialId": s.credential_id,
                            "FriendlyCredentialName": "Cognito Desk test passkey",
                            "RelyingPartyId": server.rp_id, "AuthenticatorAttachment": "platform",
                            "AuthenticatorTransports": ["internal"], "CreatedAt": 1.7650e9})]
            };
            Ok(json!({"Credentials": credentials}))
        })
    }

    /// The WEB_AUTHN challenge on `session`, with request options for a new challenge
    /// (allowing `allowed`, else the registered credential).
    pub fn web_authn_challenge(&self, session: &str, allowed: Option<&str>) -> Value {
        let challenge = fresh_challenge();
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.challenges.push(challenge.clone());
        let id = allowed
            .map(str::to_owned)
            .unwrap_or_else(|| s.credential_id.clone());
        let options = json!({"challenge": challenge, "timeout": 180000, "rpId": self.rp_id,
                             "allowCredentials": [{"type": "public-key", "id": id}],
                             "userVerification": self.uv()});
        json!({"ChallengeName": "WEB_AUTHN", "Session": session,
               "ChallengeParameters": {"USERNAME": self.user,
                                       "CREDENTIAL_REQUEST_OPTIONS": options.to_string()}})
    }

    /// InitiateAuth USER_AUTH preferring WEB_AUTHN, answered with the challenge.
    pub fn initiate(&self, client: &str, session: &'static str) -> Exchange {
        let server = self.clone();
        let expected = json!({"AuthFlow": "USER_AUTH", "ClientId": client,
                              "AuthParameters": {"USERNAME": self.user, "PREFERRED_CHALLENGE": "WEB_AUTHN"}});
        Exchange::checked("InitiateAuth", move |body| {
            if body != &expected {
                return Err(format!("expected {expected}"));
            }
            Ok(server.web_authn_challenge(session, None))
        })
    }

    /// RespondToAuthChallenge WEB_AUTHN on `session`: the assertion verified against the
    /// last challenge and the registered key; `answer` when it holds.
    pub fn respond(&self, client: &str, session: &'static str, answer: Value) -> Exchange {
        let server = self.clone();
        let client = client.to_owned();
        Exchange::checked("RespondToAuthChallenge", move |body| {
            let responses = &body["ChallengeResponses"];
            if body["ChallengeName"] != "WEB_AUTHN"
                || body["Session"] != session
                || body["ClientId"] != client.as_str()
                || responses["USERNAME"] != server.user
            {
                return Err("not the WEB_AUTHN answer expected".into());
            }
            let keys: Vec<&String> = responses
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            if keys.len() != 2 {
                return Err(format!(
                    "ChallengeResponses has {keys:?}, not USERNAME and CREDENTIAL"
                ));
            }
            let text = responses["CREDENTIAL"]
                .as_str()
                .ok_or("CREDENTIAL is not a string")?;
            let assertion: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            let challenge = {
                let s = server.state.lock().map_err(|e| e.to_string())?;
                s.challenges.last().cloned().unwrap_or_default()
            };
            let count = server.check_assertion(&assertion, &challenge, &server.rp_id)?;
            let mut s = server.state.lock().map_err(|e| e.to_string())?;
            s.sign_count = count;
            s.assertions.push(assertion);
            Ok(answer.clone())
        })
    }

    /// DeleteWebAuthnCredential with `access` of the credential registered; the list
    /// after it comes from the script.
    pub fn delete(&self, access: &str) -> Exchange {
        let server = self.clone();
        let access = access.to_owned();
        Exchange::checked("DeleteWebAuthnCredential", move |body| {
            let id = server
                .state
                .lock()
                .map_err(|e| e.to_string())?
                .credential_id
                .clone();
            (body == &json!({"AccessToken": access, "CredentialId": id}))
                .then(|| json!({}))
                .ok_or_else(|| "not the credential registered".to_owned())
        })
    }
}
