//! WIRE-SHAPE TESTS (not emulator tests): device tracking. No installable server speaks
//! ConfirmDevice, DEVICE_SRP_AUTH or the device list (emulators.md), so `wire::StandIn`
//! replays AWS's documented answers and asserts each request. The device's SRP is
//! checked from the server's side by `tests/py/device_srp.py` (pycognito's primitives,
//! not the app's crate): ConfirmDevice's verifier must be g^x for the password the app
//! kept, and the DEVICE_PASSWORD_VERIFIER proof must match that verifier, so a wrong
//! verifier, salt or proof fails here.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::ids::{ClientId, PoolId, ProfileId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::session::{DeviceStatus, Factor};
use cognito_desk_core::vault::{MemoryVault, Vault};
use cognito_desk_core::Desk;
use cognito_desk_testbed::device_server::{DeviceServer, DeviceSpec};
use cognito_desk_testbed::wire::{
    authentication_result, naming_device, password_initiate, Exchange, StandIn,
};
use serde_json::{json, Value};

const POOL: &str = "us-east-1_Devices";
const CLIENT: &str = "devicesclient000000000001";
const USER: &str = "dana@example.com";
const PASSWORD: &str = "Correct-Horse-3";
const DEVICE_KEY: &str = "us-east-1_1f0e7c52-aaaa-4bbb-8ccc-0123456789ab";
const GROUP_KEY: &str = "-kNvKx7Qe";
const DEVICE_NAME: &str = "Dana's desk";

fn tokens(new_device: bool) -> Value {
    let answer = authentication_result(POOL, CLIENT, USER);
    if new_device {
        return naming_device(answer, DEVICE_KEY, GROUP_KEY);
    }
    answer
}

fn access_token_of(answer: &Value) -> String {
    answer["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn initiate(with_device: bool) -> Value {
    password_initiate(CLIENT, USER, PASSWORD, with_device.then_some(DEVICE_KEY))
}

fn profile(stand_in: &StandIn) -> ProfileInput {
    ProfileSettings {
        name: "Devices".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        sign_in_flow: SignInFlow::Password,
        endpoint: Some(stand_in.endpoint.clone()),
        device_name: Some(DEVICE_NAME.into()),
        ..Default::default()
    }
    .into()
}

fn device_server() -> DeviceServer {
    DeviceServer::new(DeviceSpec {
        user: USER,
        key: DEVICE_KEY,
        group_key: GROUP_KEY,
        name: DEVICE_NAME.into(),
    })
}

async fn sign_in(desk: &Desk, profile: &ProfileId) -> SignInOutcome {
    desk.signin()
        .sign_in(profile, &Username::new(USER), Password::new(PASSWORD))
        .await
        .expect("sign-in answered")
}

#[tokio::test]
async fn a_confirmed_and_remembered_computer_signs_in_without_the_mfa_code() {
    let server = device_server();
    let first = tokens(true);
    let stand_in = StandIn::start(vec![
        // First sign-in: no device yet; the TOTP challenge; the tokens name a new device.
        Exchange::new(
            "InitiateAuth",
            initiate(false),
            json!({"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s1", "ChallengeParameters": {}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": CLIENT, "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s1",
                   "ChallengeResponses": {"USERNAME": USER, "SOFTWARE_TOKEN_MFA_CODE": "123456"}}),
            first.clone(),
        ),
        server.confirm_device(&access_token_of(&first), true),
        // "Remember this computer".
        Exchange::new(
            "UpdateDeviceStatus",
            json!({"AccessToken": access_token_of(&first), "DeviceKey": DEVICE_KEY,
                   "DeviceRememberedStatus": "remembered"}),
            json!({}),
        ),
        Exchange::new(
            "RevokeToken",
            json!({"Token": "wire-refresh-token", "ClientId": CLIENT}),
            json!({}),
        ),
        // Next sign-in: the device key goes along, the device proves itself, no MFA.
        Exchange::new(
            "InitiateAuth",
            initiate(true),
            json!({"ChallengeName": "DEVICE_SRP_AUTH", "Session": "d1",
                   "ChallengeParameters": {"USERNAME": USER}}),
        ),
        server.device_srp_auth("d1", "d2"),
        server.device_password_verifier("d2", tokens(false)),
        // The refresh names the device.
        Exchange::checked("GetTokensFromRefreshToken", |body| {
            (body["DeviceKey"] == DEVICE_KEY && body["ClientId"] == CLIENT)
                .then(|| tokens(false))
                .ok_or_else(|| "DeviceKey missing from the refresh".to_owned())
        }),
    ])
    .await;
    let dir = cognito_desk_testbed::temp_dir("wire-devices-remember");
    let vault = MemoryVault::default();
    let desk = Desk::open(&dir.join("config"), Box::new(vault.clone()));
    let profile = desk.profiles().save(profile(&stand_in)).expect("saved").id;

    assert!(matches!(
        sign_in(&desk, &profile).await,
        SignInOutcome::Challenge { .. }
    ));
    let SignInOutcome::SignedIn { session } = desk.signin().answer_totp("123456").await.unwrap()
    else {
        panic!("tokens after the code");
    };
    let device = session.device.as_deref().expect("this computer confirmed");
    assert_eq!(
        (device.key.as_str(), device.name.as_str()),
        (DEVICE_KEY, DEVICE_NAME)
    );
    assert_eq!(
        device.status,
        DeviceStatus::AskUser,
        "the pool leaves it to the user"
    );

    // The verifier ConfirmDevice sent is g^x for the password kept in the keychain.
    let kept = vault
        .load_device(&profile, &Username::new(USER))
        .unwrap()
        .expect("the device in the keychain");
    assert!(
        server.verifier_is_for(&kept.password),
        "ConfirmDevice's verifier"
    );
    assert!(!server.verifier_is_for("another password"));
    let shown = format!(
        "{:?}{}",
        desk.calls().records(),
        serde_json::to_string(&session).unwrap()
    );
    assert!(
        !shown.contains(&kept.password),
        "the device password is never shown"
    );

    let view = desk.devices().remember(true).await.expect("remembered");
    assert_eq!(
        view.device.as_deref().map(|d| d.status.clone()),
        Some(DeviceStatus::Remembered)
    );
    desk.sign_out(false).await;

    let SignInOutcome::SignedIn { session } = sign_in(&desk, &profile).await else {
        panic!("no MFA code asked of the remembered computer");
    };
    assert_eq!(session.factors, [Factor::Password, Factor::ThisComputer]);
    desk.session()
        .refresh()
        .await
        .expect("refreshed with the device key");
    stand_in.assert_script_done();

    // The checker can fail: a forged proof is refused.
    assert!(server.refuses_a_forged_proof());
}

#[tokio::test]
async fn a_device_the_pool_forgot_is_forgotten_here_and_the_full_sign_in_follows() {
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            initiate(true),
            json!({"__type": "ResourceNotFoundException", "message": "Device does not exist."}),
        ),
        Exchange::new("InitiateAuth", initiate(false), tokens(false)),
    ])
    .await;
    let dir = cognito_desk_testbed::temp_dir("wire-devices-forgotten");
    let vault = MemoryVault::default();
    let desk = Desk::open(&dir.join("config"), Box::new(vault.clone()));
    let profile = desk.profiles().save(profile(&stand_in)).expect("saved").id;
    let stale = cognito_desk_core::device::RememberedDevice {
        key: DEVICE_KEY.into(),
        group_key: GROUP_KEY.into(),
        password: "kept-from-before".into(),
    };
    vault
        .store_device(&profile, &Username::new(USER), &stale)
        .unwrap();

    let SignInOutcome::SignedIn { session } = sign_in(&desk, &profile).await else {
        panic!("signed in without the device");
    };
    assert!(session.stale_device_forgotten);
    assert!(session.device.is_none());
    assert!(vault
        .load_device(&profile, &Username::new(USER))
        .unwrap()
        .is_none());
    stand_in.assert_script_done();
}

#[tokio::test]
async fn a_refused_confirmation_keeps_the_sign_in() {
    let first = tokens(true);
    let stand_in = StandIn::start(vec![
        Exchange::new("InitiateAuth", initiate(false), first.clone()),
        Exchange::checked("ConfirmDevice", |_| {
            Ok(json!({"__type": "InvalidParameterException",
                      "message": "Invalid device secret verifier."}))
        }),
    ])
    .await;
    let dir = cognito_desk_testbed::temp_dir("wire-devices-refused");
    let vault = MemoryVault::default();
    let desk = Desk::open(&dir.join("config"), Box::new(vault.clone()));
    let profile = desk.profiles().save(profile(&stand_in)).expect("saved").id;
    let SignInOutcome::SignedIn { session } = sign_in(&desk, &profile).await else {
        panic!("the sign-in stands");
    };
    match &session.device.as_deref().expect("the device named").status {
        DeviceStatus::ConfirmFailed { code, message } => {
            assert_eq!(code, "InvalidParameterException");
            assert!(message.contains("verifier"), "{message}");
        }
        other => panic!("expected the confirmation's failure, got {other:?}"),
    }
    assert!(vault
        .load_device(&profile, &Username::new(USER))
        .unwrap()
        .is_none());
    stand_in.assert_script_done();
}

#[tokio::test]
async fn the_device_list_marks_this_computer_and_forget_removes_it_here() {
    let first = tokens(true);
    let access = access_token_of(&first);
    let listed = json!({"Devices": [
        {"DeviceKey": DEVICE_KEY, "DeviceCreateDate": 1_764_000_000.0,
         "DeviceLastAuthenticatedDate": 1_765_000_000.0,
         "DeviceAttributes": [{"Name": "device_name", "Value": DEVICE_NAME},
                              {"Name": "dev:device_remembered_status", "Value": "remembered"}]},
        {"DeviceKey": "us-east-1_other", "DeviceAttributes": [
            {"Name": "device_name", "Value": "Phone"},
            {"Name": "dev:device_remembered_status", "Value": "not_remembered"}]}
    ]});
    let stand_in = StandIn::start(vec![
        Exchange::new("InitiateAuth", initiate(false), first.clone()),
        device_server().confirm_device(&access, false),
        Exchange::new(
            "ListDevices",
            json!({"AccessToken": access, "Limit": 60}),
            listed.clone(),
        ),
        Exchange::new(
            "ForgetDevice",
            json!({"AccessToken": access, "DeviceKey": DEVICE_KEY}),
            json!({}),
        ),
        Exchange::new(
            "ListDevices",
            json!({"AccessToken": access, "Limit": 60}),
            json!({"Devices": [listed["Devices"][1]]}),
        ),
    ])
    .await;
    let dir = cognito_desk_testbed::temp_dir("wire-devices-list");
    let vault = MemoryVault::default();
    let desk = Desk::open(&dir.join("config"), Box::new(vault.clone()));
    let profile = desk.profiles().save(profile(&stand_in)).expect("saved").id;
    let SignInOutcome::SignedIn { session } = sign_in(&desk, &profile).await else {
        panic!("signed in");
    };
    assert_eq!(
        session.device.as_deref().map(|d| d.status.clone()),
        Some(DeviceStatus::Remembered),
        "a pool that always remembers"
    );
    let rows = desk.devices().list().await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].this_computer && rows[0].remembered == Some(true));
    assert_eq!(rows[0].name.as_deref(), Some(DEVICE_NAME));
    assert_eq!(rows[0].last_authenticated_at, Some(1_765_000_000));
    assert!(!rows[1].this_computer && rows[1].remembered == Some(false));

    let rows = desk.devices().forget(DEVICE_KEY).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert!(vault
        .load_device(&profile, &Username::new(USER))
        .unwrap()
        .is_none());
    assert!(desk.session().current().unwrap().device.is_none());
    stand_in.assert_script_done();
}

#[tokio::test]
async fn the_user_card_lists_a_users_devices_and_forgets_one() {
    let device = json!({"DeviceKey": DEVICE_KEY, "DeviceAttributes": [
        {"Name": "device_name", "Value": DEVICE_NAME},
        {"Name": "dev:device_remembered_status", "Value": "not_remembered"}]});
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "AdminListDevices",
            json!({"UserPoolId": POOL, "Username": USER, "Limit": 60}),
            json!({"Devices": [device]}),
        ),
        Exchange::new(
            "AdminForgetDevice",
            json!({"UserPoolId": POOL, "Username": USER, "DeviceKey": DEVICE_KEY}),
            json!({}),
        ),
        Exchange::new(
            "AdminListDevices",
            json!({"UserPoolId": POOL, "Username": USER, "Limit": 60}),
            json!({"Devices": []}),
        ),
    ])
    .await;
    let dir = cognito_desk_testbed::temp_dir("wire-devices-admin");
    let desk = Desk::open(&dir.join("config"), Box::new(MemoryVault::default()));
    let mut input = profile(&stand_in);
    input.settings.admin.admin_credentials =
        cognito_desk_core::profile::AdminCredentials::EmulatorTest;
    let profile = desk.profiles().save(input).expect("saved").id;
    let rows = desk.admin().user_devices(&profile, USER).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name.as_deref(), Some(DEVICE_NAME));
    assert_eq!(rows[0].remembered, Some(false));
    assert!(
        !rows[0].this_computer,
        "an administrator's list marks no computer"
    );
    let rows = desk
        .admin()
        .forget_user_device(&profile, USER, DEVICE_KEY)
        .await
        .unwrap();
    assert!(rows.is_empty());
    stand_in.assert_script_done();
}

#[tokio::test]
async fn removing_the_profile_removes_this_computers_device_from_the_keychain() {
    let first = tokens(true);
    let stand_in = StandIn::start(vec![
        Exchange::new("InitiateAuth", initiate(false), first.clone()),
        device_server().confirm_device(&access_token_of(&first), false),
    ])
    .await;
    let dir = cognito_desk_testbed::temp_dir("wire-devices-removal");
    let vault = MemoryVault::default();
    let desk = Desk::open(&dir.join("config"), Box::new(vault.clone()));
    let profile = desk.profiles().save(profile(&stand_in)).expect("saved").id;
    sign_in(&desk, &profile).await;
    assert!(vault
        .load_device(&profile, &Username::new(USER))
        .unwrap()
        .is_some());
    let removed = desk.remove_profile(&profile).expect("removed");
    assert!(
        removed
            .keychain
            .contains(&cognito_desk_core::dto::KeychainEntry::Device {
                username: Username::new(USER)
            }),
        "{removed:?}"
    );
    assert!(vault
        .load_device(&profile, &Username::new(USER))
        .unwrap()
        .is_none());
    assert!(
        desk.session().current().is_none(),
        "the removed profile's session ended with it"
    );
    stand_in.assert_script_done();
}
