//! WIRE-SHAPE TEST (stand-in, not an emulator: none rotates refresh tokens). The CLI
//! binary and an app core in this process (the window's) share one profile folder and
//! one keychain entry in a real Secret Service, and take turns refreshing a client that
//! rotates: each finds the token the other kept, so neither signs the user out.

mod common;

use cognito_desk_core::dto::RestoreOutcome;
use cognito_desk_core::ids::{ClientId, PoolId, Username};
use cognito_desk_core::profile::{ProfileSettings, SignInFlow};
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_core::Desk;
use cognito_desk_testbed::wire::{
    authentication_result, password_initiate, with_refresh_token, Exchange, StandIn,
};
use common::{cli_in, USER};
use serde_json::{json, Value};

const POOL: &str = "us-east-1_Rotation";
const CLIENT: &str = "rotationclient00000000002";
const PASSWORD: &str = "Correct-Horse-2";

fn answer(refresh: Option<&str>) -> Value {
    with_refresh_token(authentication_result(POOL, CLIENT, USER), refresh)
}

fn get_tokens(sent: &str, reply: Value) -> Exchange {
    Exchange::new(
        "GetTokensFromRefreshToken",
        json!({"ClientId": CLIENT, "RefreshToken": sent}),
        reply,
    )
}

#[tokio::test]
async fn the_cli_and_the_window_take_turns_on_a_rotating_client() {
    let dir = cognito_desk_testbed::temp_dir("cli-rotation");
    // This test's own keychain service (nextest gives each test its own process).
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            password_initiate(CLIENT, USER, PASSWORD, None),
            answer(Some("cli-rotation-token-0001")),
        ),
        // The window starts and restores: the first rotation.
        get_tokens(
            "cli-rotation-token-0001",
            answer(Some("cli-rotation-token-0002")),
        ),
        // The CLI prints a token: it reads the window's token from the keychain.
        get_tokens(
            "cli-rotation-token-0002",
            answer(Some("cli-rotation-token-0003")),
        ),
        // The window's timer, with the token it holds: rotated out by the CLI.
        get_tokens(
            "cli-rotation-token-0002",
            json!({"__type": "RefreshTokenReuseException", "message": "Refresh token reused"}),
        ),
        get_tokens(
            "cli-rotation-token-0003",
            answer(Some("cli-rotation-token-0004")),
        ),
        // The CLI again: the window's newest token, which this answer keeps.
        get_tokens("cli-rotation-token-0004", answer(None)),
    ])
    .await;
    let config = dir.join("config");
    let settings = ProfileSettings {
        name: "Rotation".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        sign_in_flow: SignInFlow::Password,
        endpoint: Some(stand_in.endpoint.clone()),
        ..Default::default()
    };
    let window = Desk::open(&config, Box::new(OsKeychain::default()));
    let profile = window.profiles().save(settings.into()).expect("saved").id;
    let kept = || {
        OsKeychain::default()
            .load(&profile, &Username::new(USER))
            .expect("keychain readable")
            .map(|t| t.expose().to_owned())
    };

    let args = ["sign-in", "-p", "Rotation", "-u", USER, "--password-stdin"];
    cli_in(&config, &args, &[], Some(PASSWORD)).await.ok();
    assert_eq!(kept().as_deref(), Some("cli-rotation-token-0001"));

    let RestoreOutcome::Restored { session } = window.session().restore().await else {
        panic!("the window restores the CLI's session");
    };
    assert!(session.last_refresh.is_some_and(|r| r.rotated.is_some()));
    assert_eq!(kept().as_deref(), Some("cli-rotation-token-0002"));

    let token = cli_in(&config, &["token", "-p", "Rotation"], &[], None)
        .await
        .ok();
    assert_eq!(token.stdout.split('.').count(), 3, "{token:#?}");
    assert_eq!(kept().as_deref(), Some("cli-rotation-token-0003"));

    let view = window
        .session()
        .refresh()
        .await
        .expect("the window stays signed in");
    assert!(view
        .last_refresh
        .is_some_and(|r| r.took_newer_from_keychain));
    assert_eq!(kept().as_deref(), Some("cli-rotation-token-0004"));

    cli_in(&config, &["token", "-p", "Rotation"], &[], None)
        .await
        .ok();
    assert_eq!(kept().as_deref(), Some("cli-rotation-token-0004"));
    stand_in.assert_script_done();
}
