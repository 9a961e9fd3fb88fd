//! One error type for everything that reaches the UI: a stable `code`, a sentence a
//! person understands, and a `hint` naming the fix.

mod code;

pub use code::Code;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
        }
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
/// ids inside error messages. A token is any run of 32 or more token characters,
/// wherever it stands: between spaces, quotes, colons, commas or newlines
/// (`"refresh_token":"eyJ…"`). The rest of a URL after `scheme:` (a run that begins
/// with `//`) is kept, so an unreachable host can still be named; a token in its
/// query string is a run of its own and goes.
pub fn scrub(text: &str) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || "-_.=+/".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_token_char) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let len = run.find(|c: char| !is_token_char(c)).unwrap_or(run.len());
        let (token, after) = run.split_at(len);
        let tokenish = token.len() >= 32 && !token.starts_with("//");
        out.push_str(if tokenish { "[redacted]" } else { token });
        rest = after;
    }
    out.push_str(rest);
    out
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
        // A URL still names its host (the network errors show it).
        let url = "error sending request for url (https://my-pool-domain.auth.us-east-1.amazoncognito.com/oauth2/token)";
        assert_eq!(scrub(url), url);
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
