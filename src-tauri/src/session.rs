//! The signed-in session: tokens held in this process only, and the view of them the UI
//! may see (claims, expiry, masked previews — never the tokens themselves).

use crate::dto::{ClaimRow, SessionView};
use crate::error::Result;
use crate::jwt::{decode_unverified, Decoded, TIME_CLAIMS};
use crate::profile::Profile;
use crate::secret::masked_preview;
use crate::signin::Tokens;
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Session {
    pub profile_id: String,
    pub profile_name: String,
    pub tokens: Tokens,
    pub signed_in_at: i64,
    id: Decoded,
    access: Decoded,
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

impl Session {
    pub fn new(profile: &Profile, tokens: Tokens) -> Result<Self> {
        let id = decode_unverified(&tokens.id)?;
        let access = decode_unverified(&tokens.access)?;
        Ok(Self {
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            tokens,
            signed_in_at: now_secs(),
            id,
            access,
        })
    }

    pub fn view(&self) -> SessionView {
        let fallback_exp = self.signed_in_at + self.tokens.expires_in_secs;
        SessionView {
            profile_id: self.profile_id.clone(),
            profile_name: self.profile_name.clone(),
            username: self
                .id
                .str_claim("cognito:username")
                .or_else(|| self.access.str_claim("username"))
                .unwrap_or_default()
                .to_owned(),
            email: self.id.str_claim("email").map(str::to_owned),
            sub: self.id.str_claim("sub").unwrap_or_default().to_owned(),
            signed_in_at: self.signed_in_at,
            id_token_expires_at: self.id.time_claim("exp").unwrap_or(fallback_exp),
            access_token_expires_at: self.access.time_claim("exp").unwrap_or(fallback_exp),
            id_token_preview: masked_preview(self.tokens.id.expose()),
            access_token_preview: masked_preview(self.tokens.access.expose()),
            id_claims: claim_rows(&self.id),
        }
    }
}

fn claim_rows(decoded: &Decoded) -> Vec<ClaimRow> {
    decoded
        .claims
        .iter()
        .map(|(name, value)| ClaimRow {
            name: name.clone(),
            value: match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            is_time: TIME_CLAIMS.contains(&name.as_str()) && value.is_i64(),
        })
        .collect()
}
