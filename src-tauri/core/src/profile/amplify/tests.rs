use super::*;

const COMPLETE: &str = include_str!("../../../fixtures/amplify/complete.json");
const PARTIAL: &str = include_str!("../../../fixtures/amplify/partial.json");
const MALFORMED: &str = include_str!("../../../fixtures/amplify/malformed.json");

#[test]
fn a_complete_gen2_file_fills_every_field_it_names() {
    let import = import_amplify_outputs(COMPLETE).unwrap();
    let s = &import.settings;
    assert_eq!(import.version, "1.4");
    assert_eq!(s.name, "Amplify eu-west-1_AbCdEf123");
    assert_eq!(s.region, "eu-west-1");
    assert_eq!(s.user_pool_id.as_str(), "eu-west-1_AbCdEf123");
    assert_eq!(s.client_id.as_str(), "3n4b5c6d7e8f9g0h1i2j3k4l5m");
    assert_eq!(
        s.identity_pool_id.as_deref(),
        Some("eu-west-1:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
    );
    // The bare domain becomes the https URL the form asks for.
    assert_eq!(
        s.domain.as_deref(),
        Some("https://walkthrough-test.auth.eu-west-1.amazoncognito.com")
    );
    assert_eq!(
        s.scopes.as_deref(),
        Some("openid email profile aws.cognito.signin.user.admin")
    );
    // The web app's https redirect comes first; the loopback one is what this app can use.
    assert_eq!(
        s.redirect_uri.as_deref(),
        Some("http://localhost:53682/callback")
    );
    assert_eq!(
        import.mfa,
        Some(AmplifyMfa {
            configuration: "OPTIONAL".into(),
            methods: vec!["TOTP".into(), "SMS".into()],
        })
    );
    let codes: Vec<&str> = import.notes.iter().map(|n| n.code).collect();
    assert_eq!(codes, ["redirectChosen", "identityProviders"]);
    assert_eq!(import.notes[1].detail, "GOOGLE, SIGN_IN_WITH_APPLE");
    // What it fills passes the form's own validation.
    let input = crate::profile::ProfileInput {
        settings: import.settings.clone(),
        ..Default::default()
    };
    assert_eq!(input.validate(&[]), vec![]);
}

#[test]
fn a_partial_file_names_every_missing_key_at_once() {
    let e = import_amplify_outputs(PARTIAL).unwrap_err();
    assert_eq!(e.code, Code::AmplifyOutputsIncomplete);
    assert_eq!(
        e.message,
        "The file has no auth.user_pool_id, auth.user_pool_client_id."
    );
    assert!(e.hint.contains("ampx"), "{}", e.hint);
    // The window translates the detail by its code, with the keys as they are.
    assert_eq!(e.fields[0].code, "keysMissing");
    assert_eq!(
        e.fields[0].params["keys"],
        "auth.user_pool_id, auth.user_pool_client_id"
    );
}

#[test]
fn a_malformed_file_says_where() {
    let e = import_amplify_outputs(MALFORMED).unwrap_err();
    assert_eq!(e.code, Code::AmplifyOutputsMalformed);
    assert_eq!(e.message, "This is not JSON (line 6, column 5).");
    assert_eq!(e.fields[0].code, "notJson");
    assert_eq!(e.fields[0].params["line"], "6");
    assert_eq!(e.fields[0].params["column"], "5");
}

#[test]
fn wrong_shapes_name_the_key() {
    let cases = [
        (
            "[1, 2]",
            Code::AmplifyOutputsMalformed,
            "The file holds no JSON object.",
        ),
        (
            r#"{"version": 2}"#,
            Code::AmplifyOutputsMalformed,
            "version 1 to 1.x",
        ),
        (
            r#"{"version": "1.4", "auth": []}"#,
            Code::AmplifyOutputsMalformed,
            "\"auth\" is not an object",
        ),
        (
            r#"{"version": "1.4", "auth": {"aws_region": 5, "user_pool_id": "p", "user_pool_client_id": "c"}}"#,
            Code::AmplifyOutputsMalformed,
            "\"auth.aws_region\" is not text",
        ),
        (
            r#"{"version": "1", "auth": {"aws_region": "r", "user_pool_id": "p", "user_pool_client_id": "c", "oauth": {"scopes": "openid"}}}"#,
            Code::AmplifyOutputsMalformed,
            "\"auth.oauth.scopes\" is not a list of text",
        ),
        (
            r#"{"version": "1.4"}"#,
            Code::AmplifyOutputsIncomplete,
            "no auth.",
        ),
        (
            r#"{"auth": {}}"#,
            Code::AmplifyOutputsIncomplete,
            "no version, auth.aws_region, auth.user_pool_id, auth.user_pool_client_id.",
        ),
    ];
    for (text, code, says) in cases {
        let e = import_amplify_outputs(text).unwrap_err();
        assert_eq!(e.code, code, "{text}");
        assert!(e.message.contains(says), "{text}: {}", e.message);
    }
}

#[test]
fn a_gen1_config_is_recognised_in_the_hint() {
    let e = import_amplify_outputs(
        r#"{"aws_project_region": "eu-west-1", "aws_user_pools_id": "eu-west-1_X"}"#,
    )
    .unwrap_err();
    assert_eq!(e.code, Code::AmplifyOutputsIncomplete);
    assert!(e.hint.contains("Gen 1"), "{}", e.hint);
}

#[test]
fn managed_login_without_a_loopback_redirect_is_noted() {
    let text = r#"{"version": "1.4", "auth": {"aws_region": "r", "user_pool_id": "p", "user_pool_client_id": "c",
        "oauth": {"domain": "d.auth.r.amazoncognito.com", "scopes": [], "identity_providers": [],
                  "redirect_sign_in_uri": ["https://app.example.com/", "myapp://callback/"],
                  "redirect_sign_out_uri": ["https://app.example.com/"], "response_type": "token"}}}"#;
    let import = import_amplify_outputs(text).unwrap();
    assert_eq!(import.settings.redirect_uri, None);
    assert_eq!(import.settings.scopes, None);
    assert_eq!(
        import.notes,
        [
            ImportNote {
                code: "noLoopbackRedirect",
                detail: "https://app.example.com/, myapp://callback/".into()
            },
            ImportNote {
                code: "implicitGrant",
                detail: "token".into()
            }
        ]
    );
}

#[test]
fn managed_login_without_any_redirect_is_noted() {
    let text = r#"{"version": "1.4", "auth": {"aws_region": "r", "user_pool_id": "p", "user_pool_client_id": "c",
        "oauth": {"domain": "d.auth.r.amazoncognito.com", "redirect_sign_in_uri": []}}}"#;
    let import = import_amplify_outputs(text).unwrap();
    let codes: Vec<&str> = import.notes.iter().map(|n| n.code).collect();
    assert_eq!(codes, ["noRedirect"]);
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let text = format!("{{\"pad\": \"{}\"}}", "x".repeat(MAX_OUTPUTS_BYTES));
    let e = import_amplify_outputs(&text).unwrap_err();
    assert_eq!(e.code, Code::AmplifyOutputsMalformed);
    assert!(e.message.contains("KiB"), "{}", e.message);
}
