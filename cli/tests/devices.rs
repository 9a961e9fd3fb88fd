//! WIRE-SHAPE TEST (stand-in, not an emulator: none tracks devices). The CLI binary
//! over a real Secret Service: `sign-in --remember-device` confirms and remembers this
//! computer, the next sign-in answers DEVICE_SRP_AUTH (the proof checked by
//! tests/py/device_srp.py, not the app's crate) and asks no MFA code, `devices` lists
//! the user's devices and `devices forget` forgets this computer.

mod common;

use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileSettings, SignInFlow};
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_core::Desk;
use cognito_desk_testbed::device_server::{DeviceServer, DeviceSpec};
use cognito_desk_testbed::wire::{
    authentication_result, naming_device, password_initiate, Exchange, StandIn,
};
use common::{cli_in, USER};
use serde_json::{json, Value};

const POOL: &str = "us-east-1_CliDevices";
const CLIENT: &str = "clidevicesclient000000001";
const PASSWORD: &str = "Correct-Horse-4";
const KEY: &str = "us-east-1_0c1d2e3f-1111-4222-8333-444455556666";
const GROUP: &str = "-cliGroup";

fn tokens(new_device: bool) -> Value {
    let answer = authentication_result(POOL, CLIENT, USER);
    if new_device {
        return naming_device(answer, KEY, GROUP);
    }
    answer
}

fn initiate(with_device: bool) -> Value {
    password_initiate(CLIENT, USER, PASSWORD, with_device.then_some(KEY))
}

#[tokio::test]
async fn sign_in_remember_device_then_no_mfa_code_then_devices_and_forget() {
    let dir = cognito_desk_testbed::temp_dir("cli-devices");
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    let first = tokens(true);
    let access = first["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let server = DeviceServer::new(DeviceSpec {
        user: USER,
        key: KEY,
        group_key: GROUP,
        name: "ci-runner-7".into(),
    });
    let refresh = |reply: Value| {
        Exchange::new(
            "GetTokensFromRefreshToken",
            json!({"ClientId": CLIENT, "RefreshToken": "wire-refresh-token", "DeviceKey": KEY}),
            reply,
        )
    };
    let listed = json!({"Devices": [{"DeviceKey": KEY, "DeviceLastAuthenticatedDate": 1_765_000_000.0,
        "DeviceAttributes": [{"Name": "device_name", "Value": "ci-runner-7"},
                             {"Name": "dev:device_remembered_status", "Value": "remembered"}]}]});
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            initiate(false),
            json!({"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s1", "ChallengeParameters": {}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": CLIENT, "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s1",
                   "ChallengeResponses": {"USERNAME": USER, "SOFTWARE_TOKEN_MFA_CODE": "246810"}}),
            first.clone(),
        ),
        server.confirm_device(&access, true),
        Exchange::new(
            "UpdateDeviceStatus",
            json!({"AccessToken": access, "DeviceKey": KEY, "DeviceRememberedStatus": "remembered"}),
            json!({}),
        ),
        Exchange::new(
            "InitiateAuth",
            initiate(true),
            json!({"ChallengeName": "DEVICE_SRP_AUTH", "Session": "d1",
                   "ChallengeParameters": {"USERNAME": USER}}),
        ),
        server.device_srp_auth("d1", "d2"),
        server.device_password_verifier("d2", tokens(false)),
        // `devices`: the kept session refreshed with the device key, then the list.
        refresh(tokens(false)),
        Exchange::new(
            "ListDevices",
            json!({"AccessToken": access, "Limit": 60}),
            listed,
        ),
        // `devices forget`: this computer.
        refresh(tokens(false)),
        Exchange::new(
            "ForgetDevice",
            json!({"AccessToken": access, "DeviceKey": KEY}),
            json!({}),
        ),
        Exchange::new(
            "ListDevices",
            json!({"AccessToken": access, "Limit": 60}),
            json!({"Devices": []}),
        ),
    ])
    .await;
    let config = dir.join("config");
    let settings = ProfileSettings {
        name: "Devices".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        sign_in_flow: SignInFlow::Password,
        endpoint: Some(stand_in.endpoint.clone()),
        device_name: Some("ci-runner-7".into()),
        ..Default::default()
    };
    let profile = Desk::open(&config, Box::new(OsKeychain::default()))
        .profiles()
        .save(settings.into())
        .expect("saved")
        .id;

    let sign_in = [
        "sign-in",
        "-p",
        "Devices",
        "-u",
        USER,
        "--password-stdin",
        "--code",
        "246810",
        "--remember-device",
    ];
    let first_run = cli_in(&config, &sign_in, &[], Some(PASSWORD)).await.ok();
    assert!(
        first_run
            .stderr
            .contains("This computer is remembered for the user"),
        "{first_run:#?}"
    );

    let again = ["sign-in", "-p", "Devices", "-u", USER, "--password-stdin"];
    let second = cli_in(&config, &again, &[], Some(PASSWORD)).await.ok();
    assert!(
        second.stderr.contains("Cognito asked for no MFA code"),
        "{second:#?}"
    );
    assert!(
        second
            .stderr
            .contains("this computer (a device of the user)"),
        "{second:#?}"
    );

    let listed = cli_in(&config, &["devices", "-p", "Devices"], &[], None)
        .await
        .ok();
    assert!(listed.stdout.contains(KEY) && listed.stdout.contains("* this computer"));
    assert!(listed.stdout.contains("2025-12-06T"), "{listed:#?}");

    let forget = ["devices", "-p", "Devices", "forget", KEY, "--json"];
    let forgot = cli_in(&config, &forget, &[], None).await.ok();
    assert_eq!(forgot.stdout.trim(), "[]", "{forgot:#?}");
    // Forgotten here too: the next sign-in on this computer is a new device.
    let kept = OsKeychain::default()
        .load_device(&profile, &cognito_desk_core::ids::Username::new(USER))
        .expect("keychain readable");
    assert!(kept.is_none(), "the device's keychain entry is gone");
    stand_in.assert_script_done();
}
