//! The app client a sign-in talks to: its id, and its secret when it has one. A client
//! with a secret wants a SECRET_HASH with every InitiateAuth and every challenge
//! answer, the secret itself on RevokeToken, and client authentication at the
//! managed-login token endpoint.

use crate::ids::ClientId;
use crate::secret::ClientSecret;
use base64::Engine;
use hmac::{KeyInit, Mac};

#[derive(Debug, Clone)]
pub struct AppClient {
    pub id: ClientId,
    secret: Option<ClientSecret>,
}

impl AppClient {
    pub fn new(id: ClientId, secret: Option<ClientSecret>) -> Self {
        Self { id, secret }
    }

    pub fn id(&self) -> &str {
        self.id.as_str()
    }

    pub fn secret(&self) -> Option<&ClientSecret> {
        self.secret.as_ref()
    }

    /// SECRET_HASH for `username`, when the client has a secret. `username` must be the
    /// name Cognito checks the hash against: the typed one on InitiateAuth, the
    /// challenge's `USERNAME`/`USER_ID_FOR_SRP` on answers, `cognito:username` on refresh.
    pub fn secret_hash(&self, username: &str) -> Option<String> {
        self.secret
            .as_ref()
            .map(|secret| secret_hash(secret, username, self.id.as_str()))
    }
}

/// Base64(HMAC-SHA256(key = client secret, message = username + client id)), as the
/// Cognito developer guide defines it ("Computing secret hash values").
pub fn secret_hash(secret: &ClientSecret, username: &str, client_id: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.expose().as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    };
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Computed independently with
    /// `printf 'demo@example.comclient123' | openssl dgst -sha256 -hmac 'secret-abc' -binary | base64`.
    #[test]
    fn secret_hash_matches_openssl() {
        let hash = secret_hash(
            &ClientSecret::new("secret-abc"),
            "demo@example.com",
            "client123",
        );
        assert_eq!(hash, "yKf3vf9Lmkv1Py6JiK22SuCgxyLkhvP1IfpoliJ3oS0=");
    }

    #[test]
    fn a_public_client_sends_no_hash() {
        let public = AppClient::new(ClientId::new("client123"), None);
        assert_eq!(public.secret_hash("demo@example.com"), None);
        let confidential = AppClient::new(
            ClientId::new("client123"),
            Some(ClientSecret::new("secret-abc")),
        );
        assert_eq!(
            confidential.secret_hash("demo@example.com").as_deref(),
            Some("yKf3vf9Lmkv1Py6JiK22SuCgxyLkhvP1IfpoliJ3oS0=")
        );
        // The hash depends on the username: an alias and the canonical name differ.
        assert_ne!(
            confidential.secret_hash("8d1c-uuid"),
            confidential.secret_hash("demo@example.com")
        );
    }
}
