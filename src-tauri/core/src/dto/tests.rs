use super::*;
use crate::error::Code;
use crate::ids::{ClientId, PoolId};
use serde_json::{json, to_value};

fn session() -> SessionView {
    SessionView {
        profile_id: ProfileId::new("p"),
        profile_name: "Dev".into(),
        username: Username::new("u"),
        email: Some("u@example.com".into()),
        sub: "s".into(),
        signed_in_at: 1,
        id_token_expires_at: 2,
        access_token_expires_at: 3,
        id_token_preview: crate::secret::masked_preview("eyJhbGciOiJSUzI1NiJ9.e30.abcd"),
        access_token_preview: crate::secret::masked_preview("eyJhbGciOiJSUzI1NiJ9.e30.efgh"),
        id_claims: vec![],
        restored: false,
        refreshed_at: None,
        sign_in_method: "password",
        factors: vec![Factor::Srp, Factor::AuthenticatorApp],
        keychain: KeychainState {
            stored: true,
            problem: None,
        },
        last_refresh: None,
        device: None,
        stale_device_forgotten: false,
    }
}

fn keys(v: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[test]
fn sign_in_outcomes_are_tagged_by_kind_and_challenges_by_type() {
    let signed_in = to_value(SignInOutcome::SignedIn { session: session() }).unwrap();
    assert_eq!(signed_in["kind"], "signedIn");
    assert_eq!(
        signed_in["session"]["factors"],
        json!(["srp", "authenticatorApp"])
    );
    assert_eq!(
        keys(&signed_in["session"]),
        [
            "accessTokenExpiresAt",
            "accessTokenPreview",
            "device",
            "email",
            "factors",
            "idClaims",
            "idTokenExpiresAt",
            "idTokenPreview",
            "keychain",
            "lastRefresh",
            "profileId",
            "profileName",
            "refreshedAt",
            "restored",
            "signInMethod",
            "signedInAt",
            "staleDeviceForgotten",
            "sub",
            "username"
        ]
    );
    let challenge = to_value(SignInOutcome::Challenge {
        challenge: ChallengeView::SoftwareTokenMfa {
            username: "u".into(),
        },
        started_at: 1700000000,
    })
    .unwrap();
    assert_eq!(
        challenge,
        json!({"kind": "challenge", "startedAt": 1700000000,
               "challenge": {"type": "softwareTokenMfa", "username": "u"}})
    );
    let new_password = to_value(ChallengeView::NewPasswordRequired {
        username: "u".into(),
        required_attributes: vec!["name".into()],
    })
    .unwrap();
    assert_eq!(
        new_password,
        json!({"type": "newPasswordRequired", "username": "u", "requiredAttributes": ["name"]})
    );
    let code = to_value(ChallengeView::DeliveredCode {
        username: "u".into(),
        challenge: "SMS_MFA".into(),
        destination: Some("+*******1234".into()),
        medium: Some("SMS".into()),
    })
    .unwrap();
    assert_eq!(
        code,
        json!({"type": "deliveredCode", "username": "u", "challenge": "SMS_MFA",
               "destination": "+*******1234", "medium": "SMS"})
    );
    let custom = to_value(ChallengeView::CustomChallenge {
        username: "u".into(),
        parameters: vec![ChallengeParameter {
            name: "hint".into(),
            value: "say the word".into(),
        }],
    })
    .unwrap();
    assert_eq!(
        custom["parameters"],
        json!([{"name": "hint", "value": "say the word"}])
    );
}

#[test]
fn restore_outcomes_are_tagged_by_kind() {
    assert_eq!(
        to_value(RestoreOutcome::None).unwrap(),
        json!({"kind": "none"})
    );
    let restored = to_value(RestoreOutcome::Restored {
        session: Box::new(session()),
    })
    .unwrap();
    assert_eq!(restored["kind"], "restored");
    assert_eq!(restored["session"]["profileId"], "p");
    let failed = to_value(RestoreOutcome::Failed {
        error: Error::new(Code::SessionRevoked, "m", "h"),
    })
    .unwrap();
    assert_eq!(
        failed,
        json!({"kind": "failed", "error": {"code": "SessionRevoked", "message": "m", "hint": "h"}})
    );
}

#[test]
fn a_profile_view_is_flat_camel_case_with_its_id() {
    let view = ProfileView {
        id: ProfileId::new("p1"),
        settings: ProfileSettings {
            name: "Dev".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new("us-east-1_X"),
            client_id: ClientId::new("c"),
            identity_pool_id: Some("us-east-1:0000".into()),
            has_client_secret: true,
            ..Default::default()
        },
        client_secret_stored: true,
    };
    assert_eq!(
        to_value(&view).unwrap(),
        json!({
            "id": "p1", "name": "Dev", "region": "us-east-1", "userPoolId": "us-east-1_X",
            "clientId": "c", "signInFlow": "srp", "preferredChallenge": null, "hasClientSecret": true,
            "clientSecretStored": true, "identityPoolId": "us-east-1:0000", "domain": null,
            "redirectUri": null, "scopes": null, "endpoint": null, "totpIssuer": null,
            "adminCredentials": "none", "adminProfile": null
        })
    );
    let list = to_value(ProfilesView {
        profiles: vec![view],
        selected_id: Some(ProfileId::new("p1")),
        load_error: None,
    })
    .unwrap();
    assert_eq!(keys(&list), ["loadError", "profiles", "selectedId"]);
}

#[test]
fn the_form_input_reads_the_same_names_back() {
    let input: crate::profile::ProfileInput = serde_json::from_value(json!({
        "id": "p1", "name": "Dev", "region": "us-east-1", "userPoolId": "us-east-1_X",
        "clientId": "c", "signInFlow": "password", "endpoint": "",
        "hasClientSecret": true, "clientSecret": "s3cr3t"
    }))
    .unwrap();
    assert!(input.settings.has_client_secret);
    assert_eq!(
        input.typed_client_secret().map(|s| s.expose()),
        Some("s3cr3t")
    );
    assert_eq!(input.id, Some(ProfileId::new("p1")));
    assert_eq!(input.settings.user_pool_id.as_str(), "us-east-1_X");
    assert_eq!(input.settings.endpoint.as_deref(), Some(""));
    assert_eq!(
        input.settings.sign_in_flow,
        crate::profile::SignInFlow::Password
    );
    let which: WhichToken = serde_json::from_value(json!("access")).unwrap();
    assert_eq!(which, WhichToken::Access);
    let what: EnrollmentText = serde_json::from_value(json!("uri")).unwrap();
    assert_eq!(what, EnrollmentText::Uri);
}

#[test]
fn mfa_status_and_managed_login_start_keep_their_field_names() {
    let status = to_value(MfaStatus {
        totp_enabled: true,
        totp_preferred: false,
        enabled_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
        preferred_method: None,
        test_account: true,
    })
    .unwrap();
    assert_eq!(
        keys(&status),
        [
            "enabledMethods",
            "preferredMethod",
            "testAccount",
            "totpEnabled",
            "totpPreferred"
        ]
    );
    let start = to_value(ManagedLoginStart {
        authorize_url: "u".into(),
        redirect_uri: "r".into(),
        scopes: vec![],
        missing_admin_scope: false,
        timeout_secs: 300,
        emulated: true,
        browser_opened: false,
    })
    .unwrap();
    assert_eq!(
        keys(&start),
        [
            "authorizeUrl",
            "browserOpened",
            "emulated",
            "missingAdminScope",
            "redirectUri",
            "scopes",
            "timeoutSecs"
        ]
    );
}
