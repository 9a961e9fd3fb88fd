//! WIRE-SHAPE TEST (stand-in, not an emulator: none speaks WebAuthn). The CLI binary
//! over a real Secret Service: `passkey register --test-passkey` makes a passkey whose
//! registration the stand-in verifies with py_webauthn (tests/py/webauthn_rp.py, not the
//! app's passkey-rs) and keeps its key in the keychain; `sign-in --test-passkey` answers
//! WEB_AUTHN with it, no password read; `check --test-passkey` goes on from that sign-in
//! to the identity pool and S3 (the stand-in passes those calls on to moto); `passkey
//! delete` removes it at Cognito and here. With no security key plugged in (an empty
//! stand-in for /sys/class/hidraw), `passkey register --security-key` and `sign-in
//! --security-key` stop with the message and its fix before any key is asked for.

mod common;

use cognito_desk_core::ids::{ClientId, PoolId, Username};
use cognito_desk_core::profile::{ProfileSettings, SignInFlow};
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_core::Desk;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::identity::{create_buckets, create_identity_pool, IdentityOptions};
use cognito_desk_testbed::passkey_server::PasskeyServer;
use cognito_desk_testbed::seed::{self, PoolOptions};
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use common::{cli_in, USER};
use serde_json::json;

const PASSWORD: &str = "Correct-Horse-5";
const RP_ID: &str = "auth.cli-passkeys.example.com";

#[tokio::test]
async fn register_a_test_passkey_sign_in_with_it_unattended_then_delete_it() {
    let dir = cognito_desk_testbed::temp_dir("cli-passkeys");
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    // One AuthenticationResult for every answer: its tokens carry the second they were
    // made in, and every check names its access token.
    // moto answers the identity pool and S3 behind the stand-in; its user pool lends the
    // ids the identity pool trusts, and the stand-in speaks for that pool.
    let emu = Emulator::start(Kind::Moto, &dir.join("emulator")).expect("moto");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .unwrap();
    let identity_pool = create_identity_pool(&emu, &pool, &IdentityOptions::default())
        .await
        .unwrap();
    create_buckets(&emu, &["passkey-bucket"]).await.unwrap();
    let (pool_id, client) = (pool.pool_id.as_str(), pool.client_id.as_str());
    let signed = authentication_result(pool_id, client, USER);
    let access = signed["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let server = PasskeyServer::new(RP_ID, USER, true);
    let refresh = || {
        Exchange::new(
            "GetTokensFromRefreshToken",
            json!({"ClientId": client, "RefreshToken": "wire-refresh-token"}),
            signed.clone(),
        )
    };
    let stand_in = StandIn::start_in_front_of(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_AUTH", "ClientId": client,
                   "AuthParameters": {"USERNAME": USER, "PASSWORD": PASSWORD, "PREFERRED_CHALLENGE": "PASSWORD"}}),
            signed.clone(),
        ),
        refresh(),
        server.start_registration(&access),
        server.complete_registration(&access),
        server.list(&access),
        // `sign-out` restores the kept session before revoking it.
        refresh(),
        Exchange::new(
            "RevokeToken",
            json!({"Token": "wire-refresh-token", "ClientId": client}),
            json!({}),
        ),
        server.initiate(client, "w1"),
        server.respond(client, "w1", signed.clone()),
        // `check --test-passkey`: the same sign-in, then GetId, GetCredentialsForIdentity
        // and ListBuckets, which moto answers.
        server.initiate(client, "w2"),
        server.respond(client, "w2", signed.clone()),
        refresh(),
        server.delete(&access),
        Exchange::new(
            "ListWebAuthnCredentials",
            json!({"AccessToken": access}),
            json!({"Credentials": []}),
        ),
    ], Some(emu.endpoint()))
    .await;
    let config = dir.join("config");
    let settings = ProfileSettings {
        name: "Passkeys".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(pool_id),
        client_id: ClientId::new(client),
        identity_pool_id: Some(identity_pool.clone()),
        sign_in_flow: SignInFlow::UserAuth,
        preferred_challenge: Some("PASSWORD".into()),
        endpoint: Some(stand_in.endpoint.clone()),
        ..Default::default()
    };
    let profile = Desk::open(&config, Box::new(OsKeychain::default()))
        .profiles()
        .save(settings.into())
        .expect("saved")
        .id;

    let sign_in = ["sign-in", "-p", "Passkeys", "-u", USER, "--password-stdin"];
    cli_in(&config, &sign_in, &[], Some(PASSWORD)).await.ok();

    let register = ["passkey", "-p", "Passkeys", "register", "--test-passkey"];
    let registered = cli_in(&config, &register, &[], None).await.ok();
    let id = server.state.lock().unwrap().credential_id.clone();
    assert!(
        registered.stdout.contains(&id) && registered.stdout.contains("* test passkey"),
        "{registered:#?}"
    );
    let kept = OsKeychain::default()
        .load_test_passkey(&profile, &Username::new(USER))
        .expect("keychain readable")
        .expect("the test passkey in the keychain");
    assert_eq!(kept.credential_id(), id);
    cli_in(&config, &["sign-out", "-p", "Passkeys"], &[], None)
        .await
        .ok();

    // No password on stdin: the passkey is the first factor.
    let passkey_sign_in = ["sign-in", "-p", "Passkeys", "-u", USER, "--test-passkey"];
    let signed = cli_in(&config, &passkey_sign_in, &[], None).await.ok();
    assert!(signed.stderr.contains("passkey"), "{signed:#?}");

    // The smoke test, unattended: the passkey sign-in, then real credentials calls.
    let check = ["check", "-p", "Passkeys", "-u", USER, "--test-passkey"];
    let checked = cli_in(&config, &check, &[], None).await.ok();
    for step in [
        "RespondToAuthChallenge (WEB_AUTHN)",
        "GetCredentialsForIdentity",
        "ListBuckets",
        "1 buckets",
    ] {
        assert!(
            checked.stdout.contains(step),
            "{step} missing: {checked:#?}"
        );
    }

    let delete = ["passkey", "-p", "Passkeys", "delete", &id, "--json"];
    let deleted = cli_in(&config, &delete, &[], None).await.ok();
    assert_eq!(deleted.stdout.trim(), "[]", "{deleted:#?}");
    let kept = OsKeychain::default()
        .load_test_passkey(&profile, &Username::new(USER))
        .expect("keychain readable");
    assert!(kept.is_none(), "the test passkey's keychain entry is gone");
    stand_in.assert_script_done();
}

#[tokio::test]
async fn without_a_security_key_register_and_sign_in_say_so_and_name_the_fix() {
    let dir = cognito_desk_testbed::temp_dir("cli-security-key");
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    let (pool_id, client) = ("us-east-1_CliSecurityKey", "clisecuritykeyclient00001");
    let signed = authentication_result(pool_id, client, USER);
    let access = signed["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let server = PasskeyServer::new(RP_ID, USER, true);
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_AUTH", "ClientId": client,
                   "AuthParameters": {"USERNAME": USER, "PASSWORD": PASSWORD, "PREFERRED_CHALLENGE": "PASSWORD"}}),
            signed.clone(),
        ),
        Exchange::new(
            "GetTokensFromRefreshToken",
            json!({"ClientId": client, "RefreshToken": "wire-refresh-token"}),
            signed.clone(),
        ),
        // Registration stops at the key: no CompleteWebAuthnRegistration.
        server.start_registration(&access),
        server.initiate(client, "w1"),
    ])
    .await;
    let config = dir.join("config");
    Desk::open(&config, Box::new(OsKeychain::default()))
        .profiles()
        .save(
            ProfileSettings {
                name: "Keys".into(),
                region: "us-east-1".into(),
                user_pool_id: PoolId::new(pool_id),
                client_id: ClientId::new(client),
                sign_in_flow: SignInFlow::UserAuth,
                preferred_challenge: Some("PASSWORD".into()),
                endpoint: Some(stand_in.endpoint.clone()),
                ..Default::default()
            }
            .into(),
        )
        .expect("saved");
    let hid_root = dir.join("hid");
    cognito_desk_testbed::hid::no_keys(&hid_root);
    let hid_root = hid_root.display().to_string();
    let env = [(cognito_desk_testbed::hid::HID_ROOT_ENV, hid_root.as_str())];

    let sign_in = ["sign-in", "-p", "Keys", "-u", USER, "--password-stdin"];
    cli_in(&config, &sign_in, &[], Some(PASSWORD)).await.ok();
    let neither = cli_in(&config, &["passkey", "-p", "Keys", "register"], &env, None).await;
    assert!(neither.failed(2).stderr.contains("--security-key"));

    let register = ["passkey", "-p", "Keys", "register", "--security-key"];
    let registered = cli_in(&config, &register, &env, None).await.failed(5);
    assert!(
        registered
            .stderr
            .contains("No security key is plugged in (SecurityKeyNotFound)")
            && registered
                .stderr
                .contains("Fix: Plug the key into a USB port"),
        "{registered:#?}"
    );

    // No password read: stdin is closed, and the key is the first factor.
    let key_sign_in = ["sign-in", "-p", "Keys", "-u", USER, "--security-key"];
    let refused = cli_in(&config, &key_sign_in, &env, None).await.failed(5);
    assert!(
        refused.stderr.contains("(SecurityKeyNotFound)"),
        "{refused:#?}"
    );
    stand_in.assert_script_done();
}
