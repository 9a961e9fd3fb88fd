//! Reading JWTs. This module decodes; signature and claim verification against the
//! pool's JWKS belong here too when the token page lands.

use crate::error::Error;
use crate::secret::Jwt;
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub struct Decoded {
    pub header: Value,
    pub claims: Map<String, Value>,
}

impl Decoded {
    pub fn str_claim(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    pub fn time_claim(&self, name: &str) -> Option<i64> {
        self.claims.get(name).and_then(Value::as_i64)
    }
}

/// Decodes header and claims without checking the signature: for display only.
pub fn decode_unverified(token: &Jwt) -> Result<Decoded, Error> {
    let data = jsonwebtoken::dangerous::insecure_decode::<Map<String, Value>>(token.expose())
        .map_err(|e| {
            Error::new(
                "MalformedToken",
                format!("Cognito sent a token that is not a readable JWT ({e})."),
                "Check that the endpoint override points at Cognito or a Cognito emulator.",
            )
        })?;
    let header = serde_json::to_value(&data.header).map_err(|e| Error::internal(e.to_string()))?;
    Ok(Decoded {
        header,
        claims: data.claims,
    })
}

/// Claims that hold Unix times (shown as dates).
pub const TIME_CLAIMS: [&str; 4] = ["exp", "iat", "auth_time", "nbf"];
