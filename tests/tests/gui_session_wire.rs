//! The session page against the labelled WIRE-SHAPE stand-in (no installable server
//! rotates refresh tokens or tracks devices), in the real window (WebDriver, Xvfb), with
//! screenshots in English and Japanese under `test-output/gui-steps-wire-*`: the report
//! of a refresh that rotated the token, and "Remember this computer" with the user's
//! device list.

use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, ProfileStore, SignInFlow};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use cognito_desk_testbed::wire::{
    authentication_result, naming_device, with_refresh_token, Exchange, StandIn,
};
use cognito_desk_testbed::{output_dir, temp_dir};
use serde_json::json;
use std::path::Path;

const USER: &str = "demo@example.com";
const WIRE_POOL: &str = "us-east-1_WireShape";
const WIRE_CLIENT: &str = "wireshapeclient0000000001";

fn save_profile(config: &Path, settings: ProfileSettings) {
    ProfileStore::open(config)
        .save(ProfileInput::from(settings))
        .expect("profile");
}

fn wire_profile(config: &Path, stand_in: &StandIn, flow: SignInFlow) {
    save_profile(
        config,
        ProfileSettings {
            name: "Wire shape".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new(WIRE_POOL),
            client_id: ClientId::new(WIRE_CLIENT),
            sign_in_flow: flow,
            endpoint: Some(stand_in.endpoint.clone()),
            ..Default::default()
        },
    );
}

/// WIRE-SHAPE (stand-in, not an emulator): a client that rotates refresh tokens. "Refresh
/// now" sends GetTokensFromRefreshToken with the signed-in token; the answer's new token
/// is said on the session page and the timeline by its last characters only.
#[tokio::test]
async fn wire_shape_refresh_now_on_a_rotating_client() {
    let with_refresh = |token: &str| {
        with_refresh_token(
            authentication_result(WIRE_POOL, WIRE_CLIENT, USER),
            Some(token),
        )
    };
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": WIRE_CLIENT,
                   "AuthParameters": {"USERNAME": USER, "PASSWORD": DEMO_PASSWORD}}),
            with_refresh("gui-rotation-token-7001"),
        ),
        Exchange::new(
            "GetTokensFromRefreshToken",
            json!({"ClientId": WIRE_CLIENT, "RefreshToken": "gui-rotation-token-7001"}),
            with_refresh("gui-rotation-token-8002"),
        ),
    ])
    .await;
    let dir = temp_dir("gui-steps-wire-rotation");
    let config = dir.join("config");
    wire_profile(&config, &stand_in, SignInFlow::Password);
    let shots = output_dir("gui-steps-wire-rotation");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-method", |t| t == "Password")
        .await
        .unwrap();
    gui.click("#session-refresh").await.unwrap();
    let how = gui
        .text_until("#session-refresh-how [data-rotated]", |t| {
            t.contains("8002")
        })
        .await
        .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    assert!(how.contains("7001") && how.contains("8002"), "{how}");
    assert!(
        !how.contains("gui-rotation"),
        "only the last characters: {how}"
    );
    gui.screenshot_both_languages("session-rotated")
        .await
        .unwrap();
    gui.click("#nav-timeline").await.unwrap();
    gui.text_until("[data-testid=rotated-tag]", |t| t == "rotated")
        .await
        .unwrap();
    gui.screenshot_both_languages("timeline-rotated")
        .await
        .unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}

/// WIRE-SHAPE (stand-in, not an emulator): a pool that tracks devices and leaves
/// remembering them to the user. The window confirms this computer (the verifier
/// checked in Python), asks "Remember this computer?", lists the user's devices with
/// this computer marked, and forgets it.
#[tokio::test]
async fn wire_shape_remember_this_computer_then_list_and_forget() {
    use cognito_desk_testbed::device_server::{DeviceServer, DeviceSpec};
    const KEY: &str = "us-east-1_5a6b7c8d-1111-4222-8333-999988887777";
    let first = naming_device(
        authentication_result(WIRE_POOL, WIRE_CLIENT, USER),
        KEY,
        "-guiGroup",
    );
    let access = first["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let server = DeviceServer::new(DeviceSpec {
        user: USER,
        key: KEY,
        group_key: "-guiGroup",
        name: "Dana's desk".into(),
    });
    let list = json!({"Devices": [{"DeviceKey": KEY, "DeviceLastAuthenticatedDate": 1_765_000_000.0,
        "DeviceAttributes": [{"Name": "device_name", "Value": "Dana's desk"},
                             {"Name": "dev:device_remembered_status", "Value": "remembered"}]}]});
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": WIRE_CLIENT,
                   "AuthParameters": {"USERNAME": USER, "PASSWORD": DEMO_PASSWORD}}),
            first.clone(),
        ),
        server.confirm_device(&access, true),
        Exchange::new(
            "UpdateDeviceStatus",
            json!({"AccessToken": access, "DeviceKey": KEY, "DeviceRememberedStatus": "remembered"}),
            json!({}),
        ),
        Exchange::new("ListDevices", json!({"AccessToken": access, "Limit": 60}), list),
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
    let dir = temp_dir("gui-steps-wire-devices");
    let config = dir.join("config");
    save_profile(
        &config,
        ProfileSettings {
            name: "Wire shape".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new(WIRE_POOL),
            client_id: ClientId::new(WIRE_CLIENT),
            sign_in_flow: SignInFlow::Password,
            endpoint: Some(stand_in.endpoint.clone()),
            device_name: Some("Dana's desk".into()),
            ..Default::default()
        },
    );
    let shots = output_dir("gui-steps-wire-devices");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.visible("#device-remember")
        .await
        .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    gui.screenshot_both_languages("remember-this-computer")
        .await
        .unwrap();
    gui.click("#device-remember").await.unwrap();
    gui.text_until("#device-state", |t| t.contains("is remembered"))
        .await
        .unwrap();
    gui.click("#devices-load").await.unwrap();
    gui.text_until("[data-testid=this-computer]", |t| t == "this computer")
        .await
        .unwrap();
    gui.screenshot_both_languages("devices-listed")
        .await
        .unwrap();
    gui.click(&format!("button[data-forget='{KEY}']"))
        .await
        .unwrap();
    gui.visible("#devices-empty").await.unwrap();
    gui.text_until("#device-state", |t| t.contains("no device"))
        .await
        .unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}
