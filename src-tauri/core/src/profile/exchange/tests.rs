use super::*;
use crate::ids::{ClientId, PoolId};
use crate::profile::{AdminAccess, AdminCredentials, ProfileStore, SignInFlow};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        repo()
            .join("src-tauri/core/fixtures/profile-export")
            .join(name),
    )
    .unwrap()
}

fn codes(e: &Error) -> Vec<&'static str> {
    e.fields.iter().map(|f| f.code).collect()
}

fn everything() -> ProfileSettings {
    ProfileSettings {
        name: "Staging".into(),
        region: "ap-northeast-1".into(),
        user_pool_id: PoolId::new("ap-northeast-1_AbC123xyz"),
        client_id: ClientId::new("1example23456789abcdefghij"),
        sign_in_flow: SignInFlow::UserAuth,
        preferred_challenge: Some("EMAIL_OTP".into()),
        has_client_secret: true,
        identity_pool_id: Some("ap-northeast-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789".into()),
        domain: Some("https://demo.auth.ap-northeast-1.amazoncognito.com".into()),
        redirect_uri: Some("http://127.0.0.1:53682/callback".into()),
        scopes: Some("openid email".into()),
        endpoint: Some("http://127.0.0.1:4566".into()),
        totp_issuer: Some("Acme".into()),
        device_name: Some("Build runner 7".into()),
        admin: AdminAccess {
            admin_credentials: AdminCredentials::SharedProfile,
            admin_profile: Some("dev-admin".into()),
        },
    }
}

#[test]
fn an_export_reads_back_as_the_same_settings_with_no_id_secret_or_nulls() {
    let settings = everything();
    let text = export_json(&settings).unwrap();
    let read = read_export(&text).unwrap();
    assert_eq!(read.settings, settings);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["$schema"], EXPORT_SCHEMA_ID);
    assert!(value.get("id").is_none() && value.get("clientSecret").is_none());
    // Unset settings are left out, not written as null.
    let minimal = ProfileSettings {
        identity_pool_id: None,
        ..settings
    };
    let text = export_json(&minimal).unwrap();
    assert!(
        !text.contains("null") && !text.contains("identityPoolId"),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
}

#[test]
fn the_committed_fixtures_read_as_the_form_would_save_them() {
    let complete = read_export(&fixture("complete.json")).unwrap();
    assert!(complete.problems.is_empty(), "{:?}", complete.problems);
    assert_eq!(complete.settings.name, "Staging");
    assert!(complete.settings.has_client_secret);
    let minimal = read_export(&fixture("minimal.json")).unwrap();
    assert!(minimal.problems.is_empty());
    // What the file leaves out takes the defaults the schema names (a missing sign-in
    // flow means password, as in profiles.json from before the setting).
    assert_eq!(minimal.settings.sign_in_flow, SignInFlow::Password);
    assert_eq!(
        export_schema()["properties"]["signInFlow"]["default"],
        "password"
    );
}

#[test]
fn every_problem_of_a_file_is_named_at_once() {
    let e = read_export(&fixture("every-problem.json")).unwrap_err();
    assert_eq!(e.code, Code::ProfileFileInvalid);
    assert_eq!(e.message, "The profile file has 9 problems.");
    let mut got = codes(&e);
    got.sort_unstable();
    let mut want = vec![
        "schemaMissing",
        "unknownKeyNear",     // userPoolID → userPoolId
        "unknownKey",         // colour
        "notOneOf",           // signInFlow "sso"
        "notBoolean",         // hasClientSecret "yes"
        "notText",            // totpIssuer 42
        "regionInvalid",      // the form's check of a value that could be read
        "userPoolIdRequired", // userPoolID was not the key
        "clientIdInvalid",
    ];
    want.sort_unstable();
    assert_eq!(got, want, "{:#?}", e.fields);
    let near = e
        .fields
        .iter()
        .find(|f| f.code == "unknownKeyNear")
        .unwrap();
    assert_eq!(near.params["near"], "userPoolId");
    let flow = e.fields.iter().find(|f| f.code == "notOneOf").unwrap();
    assert_eq!(flow.params["values"], "srp, password, userAuth, custom");
    assert_eq!(
        flow.message,
        "\"signInFlow\" must be one of srp, password, userAuth, custom."
    );
}

#[test]
fn files_that_are_not_profile_exports_are_told_apart() {
    let e = read_export(&fixture("not-json.json")).unwrap_err();
    assert_eq!(codes(&e), ["notJson"]);
    assert_eq!(e.fields[0].params["line"], "5");
    assert_eq!(e.fields[0].params["column"], "3");
    let amplify =
        std::fs::read_to_string(repo().join("src-tauri/core/fixtures/amplify/complete.json"))
            .unwrap();
    assert_eq!(
        codes(&read_export(&amplify).unwrap_err()),
        ["amplifyOutputs"]
    );
    let profiles =
        std::fs::read_to_string(repo().join("fuzz/seeds/profiles/sandbox.json")).unwrap();
    assert_eq!(
        codes(&read_export(&profiles).unwrap_err()),
        ["profilesFile"]
    );
    assert_eq!(
        codes(&read_export("[1, 2]").unwrap_err()),
        ["rootNotObject"]
    );
    let newer = r#"{"$schema": "https://cognitodesk.dev/schema/profile-export-v2.json", "name": "X", "region": "us-east-1", "userPoolId": "us-east-1_A", "clientId": "c"}"#;
    assert_eq!(codes(&read_export(newer).unwrap_err()), ["schemaUnknown"]);
    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(MAX_BYTES));
    assert_eq!(codes(&read_export(&huge).unwrap_err()), ["tooLarge"]);
}

#[test]
fn values_the_form_refuses_are_returned_for_the_form_to_show() {
    let text = r#"{"$schema": "https://cognitodesk.dev/schema/profile-export-v1.json",
        "name": "X", "region": "us-east-1", "userPoolId": "eu-west-1_A", "clientId": "c"}"#;
    let read = read_export(text).unwrap();
    let codes: Vec<_> = read.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["userPoolRegionMismatch"]);
}

// ---- the published schemas ----

/// A committed schema's path and the function that generates it.
type Published = (&'static str, fn() -> Value);

const SCHEMAS: [Published; 2] = [
    ("docs/schema/profile-export-v1.json", export_schema),
    ("docs/schema/profiles-v1.json", profiles_schema),
];

/// Set to rewrite the committed schemas from the types (after changing a setting).
const WRITE_ENV: &str = "COGNITO_DESK_WRITE_SCHEMAS";

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

#[test]
fn the_committed_schemas_are_the_ones_the_types_generate() {
    for (path, generate) in SCHEMAS {
        let file = repo().join(path);
        let generated = pretty(&generate());
        if std::env::var_os(WRITE_ENV).is_some() {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            committed == generated,
            "{path} differs from what the Rust types generate; run `{WRITE_ENV}=1 cargo test -p cognito-desk-core schema` and commit it"
        );
    }
    assert_eq!(export_schema()["$id"], EXPORT_SCHEMA_ID);
    assert_eq!(
        export_schema()["properties"]["$schema"]["const"],
        EXPORT_SCHEMA_ID
    );
    assert_eq!(profiles_schema()["$id"], PROFILES_SCHEMA_ID);
}

fn validator(generate: fn() -> Value) -> jsonschema::Validator {
    jsonschema::validator_for(&generate()).unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_fixtures_and_what_the_app_writes_validate_against_the_schemas() {
    let export = validator(export_schema);
    for good in ["complete.json", "minimal.json"] {
        let value: Value = serde_json::from_str(&fixture(good)).unwrap();
        assert_eq!(errors(&export, &value), Vec::<String>::new(), "{good}");
    }
    let written: Value = serde_json::from_str(&export_json(&everything()).unwrap()).unwrap();
    assert!(export.is_valid(&written));
    // The schema is strict as the reader is: the broken fixture fails it, and so does
    // an unknown key alone.
    let broken: Value = serde_json::from_str(&fixture("every-problem.json")).unwrap();
    assert!(!export.is_valid(&broken));
    let mut extra = written.clone();
    extra["colour"] = "blue".into();
    assert!(!export.is_valid(&extra));

    let profiles = validator(profiles_schema);
    let seeds = repo().join("fuzz/seeds/profiles");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            errors(&profiles, &value),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
    // A file the store wrote.
    let dir = std::env::temp_dir().join(format!("cognito-desk-schema-{}", uuid::Uuid::new_v4()));
    let mut store = ProfileStore::open(&dir);
    store.save(everything().into()).unwrap();
    let value: Value =
        serde_json::from_slice(&std::fs::read(dir.join("profiles.json")).unwrap()).unwrap();
    assert_eq!(errors(&profiles, &value), Vec::<String>::new());
    let mut wrong = value.clone();
    wrong["profiles"][0]["signInFlow"] = "sso".into();
    assert!(!profiles.is_valid(&wrong));
}

#[test]
fn exports_are_saved_under_a_safe_name_and_never_over_a_file() {
    assert_eq!(export_file_name("Staging"), "Staging.cognito-desk.json");
    assert_eq!(export_file_name("a/b\\c:d"), "a_b_c_d.cognito-desk.json");
    assert_eq!(export_file_name(" ../.. "), "profile.cognito-desk.json");
    assert_eq!(
        export_file_name("ステージング"),
        "ステージング.cognito-desk.json"
    );
    let dir = std::env::temp_dir().join(format!("cognito-desk-export-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let first = save_export(&dir, "Staging", "one").unwrap();
    let second = save_export(&dir, "Staging", "two").unwrap();
    assert_eq!(first.file_name().unwrap(), "Staging.cognito-desk.json");
    assert_eq!(second.file_name().unwrap(), "Staging (2).cognito-desk.json");
    assert_eq!(std::fs::read_to_string(first).unwrap(), "one");
    assert_eq!(std::fs::read_to_string(second).unwrap(), "two");
}
