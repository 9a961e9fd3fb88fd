//! WIRE-SHAPE TEST (not an emulator test): UpdateUserPoolClient resets every field it
//! is not sent to its default on AWS, but moto and ministack both keep omitted fields,
//! so no emulator can catch an app that sends only the change. Here `wire::StandIn`
//! answers DescribeUserPoolClient with AWS's documented shape (a client with every
//! field set, its secret included) and asserts the exact UpdateUserPoolClient the app
//! sends: every current field, the one change, and never the secret.

use cognito_desk_core::admin::ClientChange;
use cognito_desk_core::dto::{TimeSpan, TimeUnit};
use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{AdminCredentials, ProfileInput, ProfileSettings};
use cognito_desk_core::vault::MemoryVault;
use cognito_desk_core::Desk;
use cognito_desk_testbed::wire::{Exchange, StandIn};
use serde_json::json;

const POOL: &str = "us-east-1_WireShape";
const CLIENT: &str = "wireshapeclient0000000001";

#[tokio::test]
async fn an_app_client_change_sends_the_complete_configuration() {
    let current = json!({
        "UserPoolId": POOL,
        "ClientId": CLIENT,
        "ClientName": "web",
        "ClientSecret": "a-secret-that-must-not-travel-back",
        "RefreshTokenValidity": 10,
        "AccessTokenValidity": 2,
        "IdTokenValidity": 3,
        "TokenValidityUnits": {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"},
        "ReadAttributes": ["email", "email_verified"],
        "WriteAttributes": ["email"],
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "SupportedIdentityProviders": ["COGNITO"],
        "CallbackURLs": ["http://127.0.0.1:53682/callback"],
        "LogoutURLs": ["http://127.0.0.1:53682/callback"],
        "DefaultRedirectURI": "http://127.0.0.1:53682/callback",
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthScopes": ["openid", "email"],
        "AllowedOAuthFlowsUserPoolClient": true,
        "PreventUserExistenceErrors": "ENABLED",
        "EnableTokenRevocation": true,
        "EnablePropagateAdditionalUserContextData": false,
        "AuthSessionValidity": 7,
        "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
    });
    let mut expected = current.clone();
    let body = expected.as_object_mut().unwrap();
    body.remove("ClientSecret");
    body.insert(
        "ExplicitAuthFlows".into(),
        json!([
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_USER_PASSWORD_AUTH"
        ]),
    );
    let describe = json!({"UserPoolId": POOL, "ClientId": CLIENT});
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "DescribeUserPoolClient",
            describe,
            json!({"UserPoolClient": current}),
        ),
        Exchange::new(
            "UpdateUserPoolClient",
            expected.clone(),
            json!({"UserPoolClient": expected}),
        ),
    ])
    .await;

    let dir = cognito_desk_testbed::temp_dir("wire-admin-client");
    let desk = Desk::open(&dir.join("config"), Box::new(MemoryVault::default()));
    let mut settings = ProfileSettings {
        name: "Wire".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        endpoint: Some(stand_in.endpoint.clone()),
        ..Default::default()
    };
    settings.admin.admin_credentials = AdminCredentials::EmulatorTest;
    let input: ProfileInput = settings.into();
    let saved = desk.profiles().save(input).expect("profile saved");

    let view = desk
        .admin()
        .update_client(
            &saved.id,
            &ClientChange {
                auth_flows: Some(vec![
                    "ALLOW_USER_SRP_AUTH".into(),
                    "ALLOW_REFRESH_TOKEN_AUTH".into(),
                    "ALLOW_USER_PASSWORD_AUTH".into(),
                ]),
                ..ClientChange::default()
            },
        )
        .await
        .expect("updated");
    stand_in.assert_script_done();
    // "Copy as aws-cli" of that call carries the complete configuration too.
    let record = desk
        .calls()
        .records()
        .into_iter()
        .find(|r| r.operation == "UpdateUserPoolClient")
        .expect("recorded");
    let command = desk.calls().aws_cli(record.seq).expect("an aws-cli form");
    for flag in [
        "--client-name 'web'",
        "--refresh-token-validity '10'",
        "--access-token-validity '2'",
        "--id-token-validity '3'",
        "--token-validity-units 'AccessToken=hours,IdToken=hours,RefreshToken=days'",
        "--read-attributes 'email' 'email_verified'",
        "--write-attributes 'email'",
        "--explicit-auth-flows 'ALLOW_USER_SRP_AUTH' 'ALLOW_REFRESH_TOKEN_AUTH' 'ALLOW_USER_PASSWORD_AUTH'",
        "--supported-identity-providers 'COGNITO'",
        "--callback-urls 'http://127.0.0.1:53682/callback'",
        "--logout-urls 'http://127.0.0.1:53682/callback'",
        "--default-redirect-uri 'http://127.0.0.1:53682/callback'",
        "--allowed-o-auth-flows 'code'",
        "--allowed-o-auth-scopes 'openid' 'email'",
        "--allowed-o-auth-flows-user-pool-client",
        "--prevent-user-existence-errors 'ENABLED'",
        "--enable-token-revocation",
        "--no-enable-propagate-additional-user-context-data",
        "--auth-session-validity '7'",
        "--refresh-token-rotation 'Feature=ENABLED,RetryGracePeriodSeconds=10'",
    ] {
        assert!(command.contains(flag), "{flag} missing from:\n{command}");
    }
    assert!(!command.contains("a-secret-that-must-not-travel-back"));
    assert!(!view.has_secret, "the answer had no secret: {view:?}");
    let span = |value, unit| Some(TimeSpan { value, unit });
    assert_eq!(view.auth_session_validity, span(7, TimeUnit::Minutes));
    assert_eq!(view.access_token_validity, span(2, TimeUnit::Hours));
    assert_eq!(view.access_token_validity.unwrap().to_string(), "2 hours");
}

/// WIRE-SHAPE: the pool screen's passkey settings go inside SetUserPoolMfaConfig with
/// the rest of the MFA configuration (WebAuthnConfiguration: RelyingPartyId,
/// UserVerification) and are read back from its answer; a relying party id that is not
/// a domain is refused before any request. (moto and ministack keep no
/// WebAuthnConfiguration.)
#[tokio::test]
async fn the_pools_passkey_settings_travel_with_its_mfa_configuration() {
    use cognito_desk_core::admin::{MfaConfig, MfaMode};
    use cognito_desk_core::error::Code;
    let webauthn = json!({"RelyingPartyId": "auth.example.com", "UserVerification": "required"});
    let answer = json!({"MfaConfiguration": "OPTIONAL",
        "SoftwareTokenMfaConfiguration": {"Enabled": true}, "WebAuthnConfiguration": webauthn});
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "GetUserPoolMfaConfig",
            json!({"UserPoolId": POOL}),
            json!({"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": true}}),
        ),
        Exchange::new(
            "SetUserPoolMfaConfig",
            json!({"UserPoolId": POOL, "MfaConfiguration": "OPTIONAL",
                   "SoftwareTokenMfaConfiguration": {"Enabled": true}, "WebAuthnConfiguration": webauthn}),
            answer,
        ),
    ])
    .await;
    let dir = cognito_desk_testbed::temp_dir("wire-admin-passkeys");
    let desk = Desk::open(&dir.join("config"), Box::new(MemoryVault::default()));
    let mut settings = ProfileSettings {
        name: "Wire".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        endpoint: Some(stand_in.endpoint.clone()),
        ..Default::default()
    };
    settings.admin.admin_credentials = AdminCredentials::EmulatorTest;
    let saved = desk
        .profiles()
        .save(settings.into())
        .expect("profile saved");
    let mut wanted = MfaConfig {
        mode: MfaMode::Optional,
        authenticator_app: true,
        sms: false,
        email: false,
        passkey_relying_party_id: Some("https://auth.example.com/".into()),
        passkey_user_verification_required: true,
    };
    let e = desk
        .admin()
        .set_mfa_config(&saved.id, &wanted)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::PasskeyRelyingPartyInvalid);
    assert_eq!(e.fields[0].field, "passkeyRelyingPartyId");
    assert!(stand_in.received().is_empty(), "refused before any request");

    wanted.passkey_relying_party_id = Some(" auth.example.com ".into());
    let kept = desk
        .admin()
        .set_mfa_config(&saved.id, &wanted)
        .await
        .expect("set");
    assert_eq!(
        kept.passkey_relying_party_id.as_deref(),
        Some("auth.example.com")
    );
    assert!(kept.passkey_user_verification_required);
    stand_in.assert_script_done();
    let record = desk
        .calls()
        .records()
        .into_iter()
        .find(|r| r.operation == "SetUserPoolMfaConfig")
        .expect("recorded");
    let command = desk.calls().aws_cli(record.seq).expect("an aws-cli form");
    assert!(command.contains("--web-authn-configuration"), "{command}");
}
