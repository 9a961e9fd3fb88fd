//! The signed-in user's passkeys at Cognito: StartWebAuthnRegistration →
//! (an authenticator makes the credential) → CompleteWebAuthnRegistration, the list
//! (ListWebAuthnCredentials) and DeleteWebAuthnCredential. Every call carries the
//! user's access token.

use super::document::{from_json, to_json};
use super::options::CreationOptions;
use crate::aws::{cognito_call, CallLog};
use crate::error::Result;
use crate::profile::Profile;
use crate::secret::Jwt;
use aws_sdk_cognitoidentityprovider as idp;
use serde::Serialize;
use serde_json::Value;

/// One passkey of the user, as Cognito lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PasskeyRow {
    /// base64url, as Cognito names it.
    pub credential_id: String,
    pub name: String,
    pub relying_party_id: String,
    /// `platform` or `cross-platform`, when the authenticator said.
    pub attachment: Option<String>,
    pub transports: Vec<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// This computer's keychain holds it: the test passkey of a test account.
    pub test_passkey: bool,
}

/// StartWebAuthnRegistration: the options an authenticator makes the passkey from.
pub async fn start_registration(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
) -> Result<CreationOptions> {
    let out = calls
        .call(
            cognito_call("StartWebAuthnRegistration", profile)
                .secret("AccessToken", "ACCESS_TOKEN"),
            client
                .start_web_authn_registration()
                .access_token(access.expose())
                .send(),
        )
        .await?;
    CreationOptions::parse(&to_json(out.credential_creation_options()))
}

/// CompleteWebAuthnRegistration with the authenticator's RegistrationResponseJSON.
pub async fn complete_registration(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
    credential: &Value,
) -> Result<()> {
    calls
        .call(
            cognito_call("CompleteWebAuthnRegistration", profile)
                .secret("AccessToken", "ACCESS_TOKEN")
                .secret("Credential", "REGISTRATION_RESPONSE_JSON"),
            client
                .complete_web_authn_registration()
                .access_token(access.expose())
                .credential(from_json(credential))
                .send(),
        )
        .await?;
    Ok(())
}

/// ListWebAuthnCredentials, every page; `test_passkey` is the credential id this
/// computer's keychain holds for the user, if any.
pub async fn list(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
    test_passkey: Option<&str>,
) -> Result<Vec<PasskeyRow>> {
    let mut rows = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let mut call =
            cognito_call("ListWebAuthnCredentials", profile).secret("AccessToken", "ACCESS_TOKEN");
        if let Some(token) = &next {
            call = call.param("NextToken", token.as_str());
        }
        let out = calls
            .call(
                call,
                client
                    .list_web_authn_credentials()
                    .access_token(access.expose())
                    .set_next_token(next.clone())
                    .send(),
            )
            .await?;
        rows.extend(out.credentials().iter().map(|c| PasskeyRow {
            credential_id: c.credential_id().to_owned(),
            name: c.friendly_credential_name().to_owned(),
            relying_party_id: c.relying_party_id().to_owned(),
            attachment: c.authenticator_attachment().map(str::to_owned),
            transports: c.authenticator_transports().to_vec(),
            created_at: c.created_at().secs(),
            test_passkey: test_passkey == Some(c.credential_id()),
        }));
        next = out
            .next_token()
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        if next.is_none() {
            return Ok(rows);
        }
    }
}

/// DeleteWebAuthnCredential.
pub async fn delete(
    client: &idp::Client,
    calls: &CallLog,
    profile: &Profile,
    access: &Jwt,
    credential_id: &str,
) -> Result<()> {
    calls
        .call(
            cognito_call("DeleteWebAuthnCredential", profile)
                .secret("AccessToken", "ACCESS_TOKEN")
                .param("CredentialId", credential_id),
            client
                .delete_web_authn_credential()
                .access_token(access.expose())
                .credential_id(credential_id)
                .send(),
        )
        .await?;
    Ok(())
}
