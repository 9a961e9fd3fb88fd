//! New tokens for a refresh token, the way today's Cognito does it:
//! GetTokensFromRefreshToken, which also serves app clients that rotate refresh tokens
//! (AWS API reference, RefreshTokenRotationType: "Refresh token rotation must be
//! completed with GetTokensFromRefreshToken"). REFRESH_TOKEN_AUTH stays only for
//! servers that do not implement the operation (moto answers it with HTTP 500): such an
//! endpoint is remembered for the rest of the process, and it can never rotate.

use super::{challenge, Conversation, Logged, Tokens};
use crate::aws::CallNote;
use crate::error::{Code, Error, Result};
use crate::secret::{masked_preview, RefreshToken};
use aws_sdk_cognitoidentityprovider as idp;
use idp::types::{AuthFlowType, AuthenticationResultType};
use serde::Serialize;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// Which request brought the new tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RefreshPath {
    /// GetTokensFromRefreshToken: every Cognito app client, with rotation or without.
    GetTokensFromRefreshToken,
    /// InitiateAuth REFRESH_TOKEN_AUTH: an endpoint without GetTokensFromRefreshToken.
    RefreshTokenAuth,
    /// The managed login's token endpoint (`grant_type=refresh_token`).
    TokenEndpoint,
}

/// The tokens of one refresh and how they came.
#[derive(Debug, Clone)]
pub struct Refreshed {
    /// `refresh` is set only when the client rotated: the new token to keep.
    pub tokens: Tokens,
    pub path: RefreshPath,
}

/// Endpoints (emulators) that answered GetTokensFromRefreshToken as an operation they do
/// not have: asked again, each refresh would wait through the SDK's retries of a 500.
fn without_get_tokens() -> &'static Mutex<HashSet<String>> {
    static ENDPOINTS: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    ENDPOINTS.get_or_init(Mutex::default)
}

fn lacks_get_tokens(endpoint: &str) -> bool {
    without_get_tokens()
        .lock()
        .map(|set| set.contains(endpoint))
        .unwrap_or(false)
}

/// An answer that says the server has no such operation, not that it refused the token.
/// Only an endpoint override can be such a server: AWS's own has the operation.
fn not_implemented(e: &Error) -> bool {
    match &e.code {
        Code::InternalErrorException | Code::UnexpectedResponse => true,
        Code::Other(name) => matches!(
            name.as_str(),
            "UnknownOperationException" | "UnsupportedOperation" | "UnsupportedOperationException"
        ),
        _ => false,
    }
}

impl Conversation<'_> {
    /// New ID and access tokens for `token` (and a new refresh token when the client
    /// rotates). `username` is the user's canonical name (`cognito:username`): the
    /// SECRET_HASH of REFRESH_TOKEN_AUTH is computed over it. `device_key` is the
    /// remembered device's key, sent so Cognito ties the tokens to the device.
    pub async fn refresh(
        &self,
        token: &RefreshToken,
        username: &str,
        device_key: Option<&str>,
    ) -> Result<Refreshed> {
        let endpoint = self.profile.settings.endpoint.clone();
        if endpoint.as_deref().is_some_and(lacks_get_tokens) {
            return self.refresh_token_auth(token, username, device_key).await;
        }
        match self.get_tokens(token, device_key).await {
            Err(e) if endpoint.is_some() && not_implemented(&e) => {
                if let (Some(endpoint), Ok(mut set)) = (endpoint, without_get_tokens().lock()) {
                    set.insert(endpoint);
                }
                self.refresh_token_auth(token, username, device_key).await
            }
            other => other,
        }
    }

    /// GetTokensFromRefreshToken: ClientId, the token, the client secret itself (not a
    /// SECRET_HASH) for a confidential client, and DeviceKey for a remembered device.
    async fn get_tokens(
        &self,
        token: &RefreshToken,
        device_key: Option<&str>,
    ) -> Result<Refreshed> {
        let mut call = self
            .call("GetTokensFromRefreshToken")
            .param("ClientId", self.app.id())
            .secret("RefreshToken", "REFRESH_TOKEN");
        if self.app.secret().is_some() {
            call = call.secret("ClientSecret", "CLIENT_SECRET");
        }
        if let Some(key) = device_key {
            call = call.param("DeviceKey", key);
        }
        let request = self
            .client
            .get_tokens_from_refresh_token()
            .client_id(self.app.id())
            .refresh_token(token.expose())
            .set_client_secret(self.app.secret().map(|s| s.expose().to_owned()))
            .set_device_key(device_key.map(str::to_owned));
        // At an endpoint override (an emulator) an unimplemented operation answers 500:
        // no retries, or every process's first refresh would wait through them.
        let retries = match self.profile.settings.endpoint {
            Some(_) => idp::config::retry::RetryConfig::disabled(),
            None => idp::config::retry::RetryConfig::standard(),
        };
        let send = request
            .customize()
            .config_override(idp::config::Builder::default().retry_config(retries))
            .send();
        let out = self
            .calls
            .call_noted(call, send, |out| {
                Some(rotation_note(token, out.authentication_result()))
            })
            .await
            .map_err(refused_refresh)?;
        Ok(Refreshed {
            tokens: tokens_of(out.authentication_result(), token)?,
            path: RefreshPath::GetTokensFromRefreshToken,
        })
    }

    /// InitiateAuth REFRESH_TOKEN_AUTH, with DEVICE_KEY for a remembered device.
    async fn refresh_token_auth(
        &self,
        token: &RefreshToken,
        username: &str,
        device_key: Option<&str>,
    ) -> Result<Refreshed> {
        let mut parameters = vec![("REFRESH_TOKEN", token.expose(), Logged::Secret)];
        if let Some(key) = device_key {
            parameters.push(("DEVICE_KEY", key, Logged::Plain));
        }
        let out = self
            .initiate(AuthFlowType::RefreshTokenAuth, username, &parameters)
            .await
            .map_err(refused_refresh)?;
        Ok(Refreshed {
            tokens: tokens_of(out.authentication_result(), token)?,
            path: RefreshPath::RefreshTokenAuth,
        })
    }
}

/// The timeline's note of what the answer did to the refresh token.
fn rotation_note(sent: &RefreshToken, result: Option<&AuthenticationResultType>) -> CallNote {
    match result
        .and_then(AuthenticationResultType::refresh_token)
        .filter(|new| *new != sent.expose())
    {
        Some(new) => CallNote::RefreshTokenRotated {
            old: masked_preview(sent.expose()),
            new: masked_preview(new),
        },
        None => CallNote::RefreshTokenKept,
    }
}

/// The answer's tokens; a refresh token is kept only when it differs from the one sent
/// (a rotation), so `None` means "the one you have stays".
fn tokens_of(result: Option<&AuthenticationResultType>, sent: &RefreshToken) -> Result<Tokens> {
    let result = result.ok_or_else(|| {
        Error::new(
            Code::UnexpectedResponse,
            "Cognito answered the refresh without tokens.",
            "Sign in again with your password.",
        )
    })?;
    let mut tokens = challenge::tokens_from(result)?;
    tokens.refresh = tokens.refresh.filter(|new| new != sent);
    Ok(tokens)
}

/// A refused refresh said as what it means for the session.
fn refused_refresh(e: Error) -> Error {
    match e.code {
        Code::UserDisabled => Error::new(
            Code::SessionRevoked,
            "The user was disabled in the user pool: the saved session has ended.",
            "An administrator must enable the user before anyone signs in as them again.",
        ),
        // Rotation: this token was already traded for a newer one (by another window
        // or command) and its grace period is over. The caller first looks for the
        // newer one in the keychain; this is what is said when there is none.
        Code::RefreshTokenReuseException => Error::new(
            Code::RefreshTokenReuseException,
            "Cognito refused the refresh token: it was already exchanged for a newer one, and the app client's grace period for the old one is over.",
            "Sign in again with your password. Another window or command using the same profile may hold the newer token.",
        ),
        Code::NotAuthorizedException | Code::OperationRefused => Error::new(
            Code::SessionRevoked,
            "The saved session was revoked or has expired.",
            "Sign in again with your password.",
        ),
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result_with(refresh: Option<&str>) -> AuthenticationResultType {
        AuthenticationResultType::builder()
            .id_token("a.b.c")
            .access_token("d.e.f")
            .set_refresh_token(refresh.map(str::to_owned))
            .expires_in(3600)
            .build()
    }

    #[test]
    fn a_new_refresh_token_is_a_rotation_and_the_same_one_is_not() {
        let sent = RefreshToken::new("old-refresh-token-0001");
        let rotated = result_with(Some("new-refresh-token-0002"));
        assert_eq!(
            rotation_note(&sent, Some(&rotated)),
            CallNote::RefreshTokenRotated {
                old: masked_preview("old-refresh-token-0001"),
                new: masked_preview("new-refresh-token-0002"),
            }
        );
        let tokens = tokens_of(Some(&rotated), &sent).unwrap();
        assert_eq!(
            tokens.refresh,
            Some(RefreshToken::new("new-refresh-token-0002"))
        );
        for kept in [
            result_with(None),
            result_with(Some("old-refresh-token-0001")),
        ] {
            assert_eq!(
                rotation_note(&sent, Some(&kept)),
                CallNote::RefreshTokenKept
            );
            assert_eq!(tokens_of(Some(&kept), &sent).unwrap().refresh, None);
        }
    }

    #[test]
    fn only_an_unimplemented_operation_falls_back() {
        let e = |code| Error::new(code, "m", "h");
        assert!(not_implemented(&e(Code::InternalErrorException)));
        assert!(not_implemented(&e(Code::Other(
            "UnknownOperationException".into()
        ))));
        assert!(!not_implemented(&e(Code::NotAuthorizedException)));
        assert!(!not_implemented(&e(Code::RefreshTokenReuseException)));
    }

    #[test]
    fn a_reused_token_and_a_revoked_one_are_told_apart() {
        let reuse = refused_refresh(Error::new(Code::RefreshTokenReuseException, "x", ""));
        assert_eq!(reuse.code, Code::RefreshTokenReuseException);
        let revoked = refused_refresh(Error::new(Code::NotAuthorizedException, "x", ""));
        assert_eq!(revoked.code, Code::SessionRevoked);
    }
}
