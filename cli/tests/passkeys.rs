//! WIRE-SHAPE TEST (stand-in, not an emulator: none speaks WebAuthn). The CLI binary
//! over a real Secret Service: `passkey register --test-passkey` makes a passkey whose
//! registration the stand-in verifies with py_webauthn (tests/py/webauthn_rp.py, not the
//! app's passkey-rs) and keeps its key in the keychain; `sign-in --test-passkey` answers
//! WEB_AUTHN with it, no password read; `passkey delete` removes it at Cognito and here.

mod common;

use cognito_desk_core::ids::{ClientId, PoolId, Username};
use cognito_desk_core::profile::{ProfileSettings, SignInFlow};
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_core::Desk;
use cognito_desk_testbed::passkey_server::PasskeyServer;
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use common::{cli_in, USER};
use serde_json::{json, Value};

const POOL: &str = "us-east-1_CliPasskeys";
const CLIENT: &str = "clipasskeysclient00000001";
const PASSWORD: &str = "Correct-Horse-5";
const RP_ID: &str = "auth.cli-passkeys.example.com";

fn tokens() -> Value {
    authentication_result(POOL, CLIENT, USER)
}

#[tokio::test]
async fn register_a_test_passkey_sign_in_with_it_unattended_then_delete_it() {
    let dir = cognito_desk_testbed::temp_dir("cli-passkeys");
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    // One AuthenticationResult for every answer: its tokens carry the second they were
    // made in, and every check names its access token.
    let signed = tokens();
    let access = signed["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let server = PasskeyServer::new(RP_ID, USER, true);
    let refresh = || {
        Exchange::new(
            "GetTokensFromRefreshToken",
            json!({"ClientId": CLIENT, "RefreshToken": "wire-refresh-token"}),
            signed.clone(),
        )
    };
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_AUTH", "ClientId": CLIENT,
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
            json!({"Token": "wire-refresh-token", "ClientId": CLIENT}),
            json!({}),
        ),
        server.initiate(CLIENT, "w1"),
        server.respond(CLIENT, "w1", signed.clone()),
        refresh(),
        Exchange::checked("DeleteWebAuthnCredential", {
            let server = server.clone();
            let access = access.clone();
            move |body| {
                let id = server.state.lock().unwrap().credential_id.clone();
                (body == &json!({"AccessToken": access, "CredentialId": id}))
                    .then(|| json!({}))
                    .ok_or_else(|| "not the registered credential".to_owned())
            }
        }),
        Exchange::new(
            "ListWebAuthnCredentials",
            json!({"AccessToken": access}),
            json!({"Credentials": []}),
        ),
    ])
    .await;
    let config = dir.join("config");
    let settings = ProfileSettings {
        name: "Passkeys".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
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

    let delete = ["passkey", "-p", "Passkeys", "delete", &id, "--json"];
    let deleted = cli_in(&config, &delete, &[], None).await.ok();
    assert_eq!(deleted.stdout.trim(), "[]", "{deleted:#?}");
    let kept = OsKeychain::default()
        .load_test_passkey(&profile, &Username::new(USER))
        .expect("keychain readable");
    assert!(kept.is_none(), "the test passkey's keychain entry is gone");
    stand_in.assert_script_done();
}
