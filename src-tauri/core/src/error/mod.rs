//! One error type for everything that reaches the UI: a stable `code`, a sentence a
//! person understands, and a `hint` naming the fix.

mod code;

pub use code::Code;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    pub field: &'static str,
    /// Stable id of the problem (`regionMismatch`, …): the UI translates by it.
    pub code: &'static str,
    /// English text, with the values of `params` filled in.
    pub message: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<&'static str, String>,
}

impl FieldError {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            code,
            message: message.into(),
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: &str) -> Self {
        self.params.insert(name, value.to_owned());
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
#[error("{code}: {message}")]
pub struct Error {
    pub code: Code,
    pub message: String,
    pub hint: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// The sign-in this error answered is over (Cognito used its session up): the
    /// window starts again from the sign-in form instead of offering another try.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sign_in_ended: bool,
    /// The values the sentence names (the refused action, a setup's name): the window
    /// words the error by its code in its own language and fills these in.
    /// Boxed: an empty map costs a pointer, and every `Result` of the core carries this.
    #[serde(skip_serializing_if = "no_params")]
    pub params: Box<BTreeMap<&'static str, String>>,
}

fn no_params(params: &BTreeMap<&'static str, String>) -> bool {
    params.is_empty()
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: Code, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
            fields: Vec::new(),
            sign_in_ended: false,
            params: Box::default(),
        }
    }

    /// Names a value the sentence carries, for the window's wording (see `params`).
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.insert(name, value.into());
        self
    }

    /// This error ended the sign-in in progress.
    pub fn ending_sign_in(mut self) -> Self {
        self.sign_in_ended = true;
        self
    }

    pub fn invalid_profile(fields: Vec<FieldError>) -> Self {
        let mut e = Self::new(
            Code::InvalidProfile,
            "The profile has fields that need fixing.",
            "Correct the fields marked in red, then save again.",
        );
        e.fields = fields;
        e
    }

    pub fn no_pending_challenge() -> Self {
        Self::new(
            Code::NoPendingChallenge,
            "There is no sign-in waiting for a code.",
            "Start again from the sign-in form.",
        )
    }

    pub fn internal(what: impl Into<String>) -> Self {
        Self::new(
            Code::Internal,
            what,
            "This is a bug in Cognito Desk; please report it with the steps that led here.",
        )
    }
}

/// Removes anything that looks like a token or a session from text a server sent,
/// before it may be shown: some servers (moto among them) echo tokens and session
/// ids inside error messages. Runs of token characters are found wherever they stand:
/// between spaces, quotes, colons, commas or newlines (`"refresh_token":"eyJ…"`).
/// Identifiers that are not secrets stay readable: UUIDs and identity ids, host names,
/// ARNs and role paths (see [`secret_like`]); in a URL (`//host/path`) each path
/// segment is judged on its own, so a host stays and a token in the path goes.
pub fn scrub(text: &str) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || "-_.=+/".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_token_char) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let len = run.find(|c: char| !is_token_char(c)).unwrap_or(run.len());
        // A full stop after a token ends the sentence, not the token.
        let len = run[..len].trim_end_matches('.').len().max(1);
        let (token, after) = run.split_at(len);
        if let Some(path) = token.strip_prefix("//") {
            let segments: Vec<&str> = path
                .split('/')
                .map(|s| if secret_like(s) { "[redacted]" } else { s })
                .collect();
            out.push_str("//");
            out.push_str(&segments.join("/"));
        } else if secret_like(token) || (is_uuid(token) && !out.ends_with(':')) {
            // A bare UUID can be a session or refresh token (moto makes them so); an
            // identity id is `region:uuid`.
            out.push_str("[redacted]");
        } else {
            out.push_str(token);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn is_uuid(run: &str) -> bool {
    run.len() == 36
        && run.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A token, a key or a session: 32 characters or more that mix upper case, lower case
/// and digits (base64 of a JWT, a Cognito session, an AWS secret key), or 40 or more
/// with no separator at all (a client secret, a digest). A UUID (lower-case hex and
/// dashes), a host name or a role path mixes fewer kinds.
fn secret_like(run: &str) -> bool {
    let has = |f: fn(&char) -> bool| run.chars().any(|c| f(&c));
    let mixed =
        has(char::is_ascii_uppercase) && has(char::is_ascii_lowercase) && has(char::is_ascii_digit);
    let unbroken = !run.contains(['-', '.', '/', '_']);
    run.len() >= 32 && (mixed || (run.len() >= 40 && unbroken))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_jwts_and_sessions_but_keeps_words() {
        let text = "Invalid session for the user eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl, try again";
        let clean = scrub(text);
        assert_eq!(clean, "Invalid session for the user [redacted], try again");
        assert_eq!(
            scrub("Incorrect username or password."),
            "Incorrect username or password."
        );
    }

    #[test]
    fn scrub_finds_tokens_glued_to_quotes_colons_and_newlines() {
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl";
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        for text in [
            format!("{{\"refresh_token\":\"{jwt}\"}}"),
            format!("session:{jwt}"),
            format!("bad value\n{jwt}\n"),
            format!("key='{secret}'"),
            format!("https://auth.example.com/cb?code={jwt}&state=x"),
        ] {
            let clean = scrub(&text);
            assert!(!clean.contains(jwt) && !clean.contains(secret), "{clean}");
            assert!(clean.contains("[redacted]"), "{clean}");
        }
        assert_eq!(
            scrub("{\"refresh_token\":\"abc\"}"),
            "{\"refresh_token\":\"abc\"}",
            "short values and the punctuation stay"
        );
        // A URL still names its host (the network errors show it); a token in its path
        // goes.
        let url = "error sending request for url (https://my-pool-domain.auth.us-east-1.amazoncognito.com/oauth2/token)";
        assert_eq!(scrub(url), url);
        let in_path = format!("https://h.example.com/cb/{jwt}/x");
        assert_eq!(scrub(&in_path), "https://h.example.com/cb/[redacted]/x");
    }

    #[test]
    fn scrub_keeps_identifiers_that_are_not_secrets() {
        for text in [
            "Identity 'us-east-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789' not found.",
            "Invalid id 'us-west-2:0a1b2c3d-4e5f-6789-abcd-ef0123456789'",
            "IdentityPool 'ap-northeast-1:f7c1d2e3-a4b5-4c6d-8e9f-0a1b2c3d4e5f' not found",
            "User: arn:aws:sts::123456789012:assumed-role/Cognito_DeskAuth_Role/CognitoIdentityCredentials is not authorized to perform: s3:ListAllMyBuckets",
            "dns error: cognito-idp.ap-northeast-1.amazonaws.com:443 unreachable",
        ] {
            assert_eq!(scrub(text), text);
        }
        // A bare UUID (moto's sessions and refresh tokens) goes.
        assert_eq!(
            scrub("Invalid refresh token 0a1b2c3d-4e5f-6789-abcd-ef0123456789."),
            "Invalid refresh token [redacted]."
        );
        // A lower-case client secret (no separators, 40+) still goes.
        let secret = "1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w";
        assert_eq!(scrub(&format!("secret={secret}")), "[redacted]");
    }

    #[test]
    fn error_serialises_camel_case_without_empty_fields() {
        let e = Error::new(Code::CodeMismatchException, "m", "h");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "CodeMismatchException", "message": "m", "hint": "h"})
        );
        // The window restarts the sign-in on this flag (ui/api.js keeps it).
        let ended = serde_json::to_value(e.ending_sign_in()).unwrap();
        assert_eq!(ended["signInEnded"], true);
    }
}
