//! Importing an Amplify Gen 2 `amplify_outputs.json` into the profile form. The file's
//! `auth` section (schema versions 1 to 1.5 of amplify-backend's client config) names
//! the pool, the app client, the identity pool and the managed-login settings; the
//! import fills the form for review and never saves by itself. Every problem names the
//! key, so a partial file can be fixed at once rather than one error at a time.

use super::settings::ProfileSettings;
use crate::error::{Code, Error, FieldError, Result};
use crate::ids::{ClientId, PoolId};
use serde::Serialize;
use serde_json::{Map, Value};

/// The paths of the objects the import reads, as the file's problems name them.
const AUTH: &str = "auth";
const OAUTH: &str = "auth.oauth";

/// Larger than any real outputs file by far; a bigger one is not one.
pub const MAX_OUTPUTS_BYTES: usize = 1024 * 1024;

/// What an outputs file fills in, and what it says that the form has no field for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AmplifyImport {
    /// Only the fields the file names; the form keeps its own for the rest.
    pub settings: ProfileSettings,
    /// The file's schema version, as written.
    pub version: String,
    /// The pool's MFA as Amplify configured it, shown beside the form.
    pub mfa: Option<AmplifyMfa>,
    /// Choices the import made or could not make, for the person to review.
    pub notes: Vec<ImportNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AmplifyMfa {
    /// NONE, OPTIONAL or REQUIRED.
    pub configuration: String,
    /// SMS, TOTP, EMAIL.
    pub methods: Vec<String>,
}

/// A code the window translates, with the file's value it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportNote {
    pub code: &'static str,
    pub detail: String,
}

/// The field the import's errors are about: the file (the form shows the detail below
/// the message, translated by `code` with `params`).
const FILE_FIELD: &str = "amplifyOutputs";

fn malformed(code: &'static str, message: String, params: &[(&'static str, &str)]) -> Error {
    let mut detail = FieldError::new(FILE_FIELD, code, message.clone());
    for (name, value) in params {
        detail = detail.with(name, value);
    }
    let mut e = Error::new(
        Code::AmplifyOutputsMalformed,
        message,
        "Choose the amplify_outputs.json that npx ampx sandbox or a deployment wrote, unchanged.",
    );
    e.fields = vec![detail];
    e
}

/// The value at `key` (its path from the file's top, `auth.oauth.scopes`) is not text /
/// not a list / not an object.
fn wrong_type(key: &str, what: &'static str) -> Error {
    let (code, message) = match what {
        "text" => ("notText", format!("\"{key}\" is not text.")),
        "list" => ("notList", format!("\"{key}\" is not a list of text.")),
        _ => ("notObject", format!("\"{key}\" is not an object.")),
    };
    malformed(code, message, &[("key", key)])
}

/// Reads the text of an `amplify_outputs.json`.
pub fn import_amplify_outputs(text: &str) -> Result<AmplifyImport> {
    if text.len() > MAX_OUTPUTS_BYTES {
        let kib = (text.len() / 1024).to_string();
        return Err(malformed(
            "tooLarge",
            format!("The file is {kib} KiB; an amplify_outputs.json is a few KiB."),
            &[("kib", &kib)],
        ));
    }
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line().to_string(), e.column().to_string());
        malformed(
            "notJson",
            format!("This is not JSON (line {line}, column {column})."),
            &[("line", &line), ("column", &column)],
        )
    })?;
    let Some(root) = root.as_object() else {
        return Err(malformed(
            "rootNotObject",
            "The file holds no JSON object.".into(),
            &[],
        ));
    };
    let mut missing = Vec::new();
    let version = match root.get("version") {
        Some(Value::String(v)) if v == "1" || v.starts_with("1.") => v.clone(),
        Some(other) => {
            // Echoed back, so kept short: the file may hold anything there.
            let found: String = other.to_string().chars().take(40).collect();
            return Err(malformed(
                "versionUnknown",
                format!(
                    "\"version\" is {found}: this app reads Amplify Gen 2 outputs, version 1 to 1.x."
                ),
                &[("version", &found)],
            ));
        }
        None => {
            missing.push("version");
            String::new()
        }
    };
    let Some(auth) = root.get("auth") else {
        missing.push("auth");
        return Err(incomplete(&missing, looks_like_gen1(root)));
    };
    let auth = auth
        .as_object()
        .ok_or_else(|| wrong_type("auth", "object"))?;
    let region = required_text(auth, "aws_region", &mut missing)?;
    let pool = required_text(auth, "user_pool_id", &mut missing)?;
    let client = required_text(auth, "user_pool_client_id", &mut missing)?;
    if !missing.is_empty() {
        return Err(incomplete(&missing, false));
    }

    let mut notes = Vec::new();
    let mut settings = ProfileSettings {
        name: format!("Amplify {pool}"),
        region,
        user_pool_id: PoolId::new(pool),
        client_id: ClientId::new(client),
        identity_pool_id: optional_text(auth, AUTH, "identity_pool_id")?,
        ..Default::default()
    };
    if let Some(oauth) = auth.get("oauth") {
        let oauth = oauth
            .as_object()
            .ok_or_else(|| wrong_type("auth.oauth", "object"))?;
        read_oauth(oauth, &mut settings, &mut notes)?;
    }
    let mfa = match optional_text(auth, AUTH, "mfa_configuration")? {
        Some(configuration) => Some(AmplifyMfa {
            configuration,
            methods: text_list(auth, AUTH, "mfa_methods")?,
        }),
        None => None,
    };
    Ok(AmplifyImport {
        settings,
        version,
        mfa,
        notes,
    })
}

/// Managed login: the domain as the form wants it (https://), the scopes, and the
/// first redirect URI this app can listen on (a loopback one with a port).
fn read_oauth(
    oauth: &Map<String, Value>,
    settings: &mut ProfileSettings,
    notes: &mut Vec<ImportNote>,
) -> Result<()> {
    settings.domain = optional_text(oauth, OAUTH, "domain")?.map(|d| {
        if d.starts_with("https://") || d.starts_with("http://") {
            d
        } else {
            format!("https://{d}")
        }
    });
    let scopes = text_list(oauth, OAUTH, "scopes")?;
    if !scopes.is_empty() {
        settings.scopes = Some(scopes.join(" "));
    }
    let redirects = text_list(oauth, OAUTH, "redirect_sign_in_uri")?;
    settings.redirect_uri = redirects.iter().find(|u| is_loopback_with_port(u)).cloned();
    match &settings.redirect_uri {
        Some(chosen) if redirects.len() > 1 => notes.push(ImportNote {
            code: "redirectChosen",
            detail: chosen.clone(),
        }),
        None if settings.domain.is_some() && redirects.is_empty() => notes.push(ImportNote {
            code: "noRedirect",
            detail: String::new(),
        }),
        None if settings.domain.is_some() => notes.push(ImportNote {
            code: "noLoopbackRedirect",
            detail: redirects.join(", "),
        }),
        _ => {}
    }
    let providers = text_list(oauth, OAUTH, "identity_providers")?;
    if !providers.is_empty() {
        notes.push(ImportNote {
            code: "identityProviders",
            detail: providers.join(", "),
        });
    }
    if optional_text(oauth, OAUTH, "response_type")?.as_deref() == Some("token") {
        notes.push(ImportNote {
            code: "implicitGrant",
            detail: "token".into(),
        });
    }
    Ok(())
}

fn is_loopback_with_port(uri: &str) -> bool {
    url::Url::parse(uri).is_ok_and(|u| {
        u.scheme() == "http"
            && matches!(u.host_str(), Some("127.0.0.1" | "localhost"))
            && u.port().is_some()
            && u.query().is_none()
            && u.fragment().is_none()
    })
}

/// An Amplify Gen 1 config (`amplifyconfiguration.json`, `aws-exports`) names its pool
/// at the top level.
fn looks_like_gen1(root: &Map<String, Value>) -> bool {
    root.contains_key("aws_user_pools_id") || root.contains_key("Auth")
}

fn incomplete(missing: &[&str], gen1: bool) -> Error {
    let keys = missing
        .iter()
        .map(|k| match *k {
            "version" | "auth" => (*k).to_string(),
            k => format!("auth.{k}"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let hint = if gen1 {
        "This looks like an Amplify Gen 1 file (amplifyconfiguration.json or aws-exports): type its aws_user_pools_id and aws_user_pools_web_client_id into the form."
    } else {
        "Add what is missing, or deploy the backend again (npx ampx sandbox) so Amplify writes the whole file."
    };
    let message = format!("The file has no {keys}.");
    let mut e = Error::new(Code::AmplifyOutputsIncomplete, message.clone(), hint);
    e.fields = vec![FieldError::new(FILE_FIELD, "keysMissing", message).with("keys", &keys)];
    e
}

fn required_text(
    map: &Map<String, Value>,
    key: &'static str,
    missing: &mut Vec<&'static str>,
) -> Result<String> {
    let value = optional_text(map, AUTH, key)?;
    if value.is_none() {
        missing.push(key);
    }
    Ok(value.unwrap_or_default())
}

/// A text value of the object at `at`; absent and blank are none, any other type is an
/// error naming the key's path.
fn optional_text(map: &Map<String, Value>, at: &str, key: &str) -> Result<Option<String>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(_) => Err(wrong_type(&format!("{at}.{key}"), "text")),
    }
}

/// A list of text values of the object at `at` (absent is empty).
fn text_list(map: &Map<String, Value>, at: &str, key: &str) -> Result<Vec<String>> {
    let key_path = || format!("{at}.{key}");
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| wrong_type(&key_path(), "list"))
            })
            .collect(),
        Some(_) => Err(wrong_type(&key_path(), "list")),
    }
}

#[cfg(test)]
mod tests;
