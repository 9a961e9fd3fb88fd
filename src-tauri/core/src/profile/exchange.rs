//! The profile file people hand each other: one profile's settings as JSON, with no id,
//! no client secret and no session, and a `"$schema"` naming the format. Both formats
//! (this one and `profiles.json`) are described by JSON Schemas generated from the
//! types that read them (committed under `docs/schema/`, checked by a test).
//!
//! Reading is strict, unlike `profiles.json` (which the app itself writes): a key the
//! format does not have is refused, and every problem of the file is named at once —
//! the file's own (not JSON, not an export, unknown keys, values of the wrong type)
//! and the profile form's checks of each value that could be read.

use super::settings::ProfileSettings;
use super::ProfilesFile;
use crate::error::{Code, Error, FieldError, Result};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The export format's identifier: its schema's `$id`, and the `"$schema"` of a file.
pub const EXPORT_SCHEMA_ID: &str = "https://cognitodesk.dev/schema/profile-export-v1.json";
/// The `$id` of the schema of `profiles.json`.
pub const PROFILES_SCHEMA_ID: &str = "https://cognitodesk.dev/schema/profiles-v1.json";

/// A profile file is a few hundred bytes; anything this large is not one.
const MAX_BYTES: usize = 64 * 1024;

/// The field a file-level problem is about (the key it names is a parameter).
const FILE_FIELD: &str = "profileFile";

/// One profile's settings as a file: what `cognito-desk-cli profile export` prints and
/// what `profile import` and the window's "Import profile…" read. No id (each computer
/// gives its own), no client secret (it is asked for on import), no session.
// Described here, never built: `export_json` writes the file in the form's order.
#[derive(JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(
    deny_unknown_fields,
    title = "Cognito Desk profile export",
    extend("$id" = "https://cognitodesk.dev/schema/profile-export-v1.json")
)]
#[allow(dead_code)]
struct ProfileExport {
    /// The format of this file.
    #[serde(rename = "$schema")]
    #[schemars(extend("const" = "https://cognitodesk.dev/schema/profile-export-v1.json"))]
    schema: String,
    #[serde(flatten)]
    settings: ProfileSettings,
}

/// The order a person reads a profile in (the form's), which an export keeps.
const FORM_ORDER: [&str; 15] = [
    "name",
    "region",
    "userPoolId",
    "clientId",
    "signInFlow",
    "preferredChallenge",
    "hasClientSecret",
    "identityPoolId",
    "domain",
    "redirectUri",
    "scopes",
    "endpoint",
    "totpIssuer",
    "adminCredentials",
    "adminProfile",
];

/// The JSON Schema of a profile export.
pub fn export_schema() -> Value {
    schemars::schema_for!(ProfileExport).to_value()
}

/// The JSON Schema of `profiles.json`.
pub fn profiles_schema() -> Value {
    schemars::schema_for!(ProfilesFile).to_value()
}

/// A profile's settings as an export file: pretty JSON ending in a newline, in the
/// form's order, settings that are not set left out.
pub fn export_json(settings: &ProfileSettings) -> Result<String> {
    let value = serde_json::to_value(settings).map_err(|e| Error::internal(e.to_string()))?;
    let Value::Object(object) = value else {
        return Err(Error::internal("the settings are not a JSON object"));
    };
    // The form's order, then anything it does not list yet (sorted): nothing is lost.
    let mut keys: Vec<&String> = FORM_ORDER
        .iter()
        .filter_map(|k| object.get_key_value(*k).map(|(k, _)| k))
        .collect();
    keys.extend(object.keys().filter(|k| !FORM_ORDER.contains(&k.as_str())));
    let mut lines = vec![format!("  \"$schema\": {}", json_text(&EXPORT_SCHEMA_ID))];
    for key in keys {
        let value = &object[key];
        if !value.is_null() {
            lines.push(format!("  {}: {}", json_text(key), json_text(value)));
        }
    }
    Ok(format!("{{\n{}\n}}\n", lines.join(",\n")))
}

/// A string or a setting's value as JSON (text, a boolean: nothing that can fail).
fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The name an export of the profile `name` is saved under: the name with anything a
/// file system may refuse replaced, and a suffix that says what the file is.
pub fn export_file_name(name: &str) -> String {
    let safe: String = name
        .trim()
        .chars()
        .map(|c| match c {
            c if c.is_alphanumeric() || "-_ .".contains(c) => c,
            _ => '_',
        })
        .take(64)
        .collect();
    let safe = safe.trim_matches(|c: char| c == '.' || c == ' ' || c == '_');
    let stem = if safe.is_empty() { "profile" } else { safe };
    format!("{stem}.cognito-desk.json")
}

/// Writes an export of the profile `name` into `dir`, never over a file that is there
/// (`Staging.cognito-desk.json`, then `Staging (2).cognito-desk.json`, …); its path.
pub fn save_export(dir: &Path, name: &str, json: &str) -> Result<PathBuf> {
    use std::io::Write;
    let first = export_file_name(name);
    let stem = first.trim_end_matches(".cognito-desk.json").to_owned();
    for n in 1..=99 {
        let file = match n {
            1 => first.clone(),
            n => format!("{stem} ({n}).cognito-desk.json"),
        };
        let path = dir.join(file);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut out) => {
                out.write_all(json.as_bytes())
                    .and_then(|()| out.sync_all())
                    .map_err(|e| super::io_error(&path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(super::io_error(&path, e)),
        }
    }
    Err(super::io_error(
        dir,
        std::io::Error::other("99 exports of this profile are there already"),
    ))
}

/// A profile file that could be read: its settings, and what the profile form says of
/// them (blank required fields, bad ids, … — the window shows these in the form; the
/// CLI refuses the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportRead {
    pub settings: ProfileSettings,
    pub problems: Vec<FieldError>,
}

/// Reads the text of a profile file. The file's own problems are an error naming each
/// of them, together with the form's problems with the values that could be read.
pub fn read_export(text: &str) -> Result<ExportRead> {
    if text.len() > MAX_BYTES {
        let kib = (text.len() / 1024).to_string();
        return Err(invalid(vec![file_problem(
            "tooLarge",
            format!("The file is {kib} KiB; a profile file is a few hundred bytes."),
            &[("kib", &kib)],
        )]));
    }
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line().to_string(), e.column().to_string());
        invalid(vec![file_problem(
            "notJson",
            format!("This is not JSON (line {line}, column {column})."),
            &[("line", &line), ("column", &column)],
        )])
    })?;
    let Some(root) = root.as_object() else {
        return Err(invalid(vec![file_problem(
            "rootNotObject",
            "The file holds no JSON object.".into(),
            &[],
        )]));
    };
    if let Some(other) = other_format(root) {
        return Err(invalid(vec![other]));
    }
    let schema = export_schema();
    let mut problems = Vec::new();
    let mut unreadable = BTreeSet::new();
    let mut readable = Map::new();
    match root.get("$schema") {
        Some(Value::String(id)) if id == EXPORT_SCHEMA_ID => {}
        Some(other) => {
            let found: String = other.to_string().chars().take(80).collect();
            problems.push(file_problem(
                "schemaUnknown",
                format!("\"$schema\" is {found}; this version of Cognito Desk reads {EXPORT_SCHEMA_ID}."),
                &[("found", &found), ("expected", EXPORT_SCHEMA_ID)],
            ));
        }
        None => problems.push(file_problem(
            "schemaMissing",
            format!("\"$schema\" is missing; a profile file starts with \"$schema\": \"{EXPORT_SCHEMA_ID}\"."),
            &[("expected", EXPORT_SCHEMA_ID)],
        )),
    }
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (key, value) in root {
        if key == "$schema" {
            continue;
        }
        let Some(property) = properties.get(key) else {
            problems.push(unknown_key(key, properties.keys()));
            unreadable.insert(key.clone());
            continue;
        };
        // Every setting has a default, so one key alone checks that key's type.
        let single = Value::Object(Map::from_iter([(key.clone(), value.clone())]));
        if serde_json::from_value::<ProfileSettings>(single).is_err() {
            problems.push(wrong_type(key, &expected(property, &schema)));
            unreadable.insert(key.clone());
        } else {
            readable.insert(key.clone(), value.clone());
        }
    }
    let settings: ProfileSettings = serde_json::from_value(Value::Object(readable))
        .map_err(|e| Error::internal(e.to_string()))?;
    let form = settings
        .validate(None, &[])
        .into_iter()
        .filter(|p| !unreadable.contains(p.field));
    if problems.is_empty() {
        return Ok(ExportRead {
            settings,
            problems: form.collect(),
        });
    }
    problems.extend(form);
    Err(invalid(problems))
}

fn invalid(problems: Vec<FieldError>) -> Error {
    let message = match problems.len() {
        1 => "The profile file has a problem.".to_owned(),
        n => format!("The profile file has {n} problems."),
    };
    let mut e = Error::new(
        Code::ProfileFileInvalid,
        message,
        "Fix each problem named, then import the file again (cognito-desk-cli profile export writes a good one).",
    );
    e.fields = problems;
    e
}

fn file_problem(
    code: &'static str,
    message: String,
    params: &[(&'static str, &str)],
) -> FieldError {
    let mut problem = FieldError::new(FILE_FIELD, code, message);
    for (name, value) in params {
        problem = problem.with(name, value);
    }
    problem
}

/// Another file of the app's world given by mistake, told apart with its own fix.
fn other_format(root: &Map<String, Value>) -> Option<FieldError> {
    if root.get("$schema").and_then(Value::as_str) == Some(EXPORT_SCHEMA_ID) {
        return None;
    }
    if root.contains_key("auth") && root.contains_key("version") {
        return Some(file_problem(
            "amplifyOutputs",
            "This is an amplify_outputs.json, not a profile file: import it with --from-amplify (in the window: Import amplify_outputs.json…).".into(),
            &[],
        ));
    }
    if root.get("profiles").is_some_and(Value::is_array) {
        return Some(file_problem(
            "profilesFile",
            "This is a whole profiles.json, not one profile: export the profile you want with cognito-desk-cli profile export NAME.".into(),
            &[],
        ));
    }
    None
}

fn unknown_key<'a>(key: &str, known: impl Iterator<Item = &'a String>) -> FieldError {
    let closest = known
        .filter(|k| *k != "$schema")
        .map(|k| {
            (
                strsim::damerau_levenshtein(&k.to_lowercase(), &key.to_lowercase()),
                k,
            )
        })
        .min()
        .filter(|(distance, _)| *distance <= 3)
        .map(|(_, k)| k.clone());
    match closest {
        Some(near) => file_problem(
            "unknownKeyNear",
            format!("\"{key}\" is not a profile setting; did you mean \"{near}\"?"),
            &[("key", key), ("near", &near)],
        ),
        None => file_problem(
            "unknownKey",
            format!("\"{key}\" is not a profile setting."),
            &[("key", key)],
        ),
    }
}

/// What a property of the schema takes.
enum Expected {
    Text,
    Boolean,
    OneOf(Vec<String>),
}

fn expected(property: &Value, schema: &Value) -> Expected {
    // A `$ref` names a definition of the same schema (`#/$defs/SignInFlow`).
    let resolved = property["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/"))
        .map(|path| path.split('/').fold(schema, |v, part| &v[part]))
        .unwrap_or(property);
    let choices: Vec<String> = resolved["oneOf"]
        .as_array()
        .map(|options| {
            options
                .iter()
                .flat_map(|o| {
                    o["const"]
                        .as_str()
                        .map(|c| vec![c.to_owned()])
                        .or_else(|| o["enum"].as_array().map(|e| strings(e)))
                        .unwrap_or_default()
                })
                .collect()
        })
        .or_else(|| resolved["enum"].as_array().map(|e| strings(e)))
        .unwrap_or_default();
    if !choices.is_empty() {
        return Expected::OneOf(choices);
    }
    let is_boolean = resolved["type"] == "boolean";
    if is_boolean {
        Expected::Boolean
    } else {
        Expected::Text
    }
}

fn strings(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn wrong_type(key: &str, expected: &Expected) -> FieldError {
    match expected {
        Expected::Text => file_problem(
            "notText",
            format!("\"{key}\" must be text (or null)."),
            &[("key", key)],
        ),
        Expected::Boolean => file_problem(
            "notBoolean",
            format!("\"{key}\" must be true or false."),
            &[("key", key)],
        ),
        Expected::OneOf(values) => {
            let values = values.join(", ");
            file_problem(
                "notOneOf",
                format!("\"{key}\" must be one of {values}."),
                &[("key", key), ("values", &values)],
            )
        }
    }
}

#[cfg(test)]
mod tests;
