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
use cognito_desk_testbed::emulator::venv_bin;
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

const POOL: &str = "us-east-1_Devices";
const CLIENT: &str = "devicesclient000000000001";
const USER: &str = "dana@example.com";
const PASSWORD: &str = "Correct-Horse-3";
const DEVICE_KEY: &str = "us-east-1_1f0e7c52-aaaa-4bbb-8ccc-0123456789ab";
const GROUP_KEY: &str = "-kNvKx7Qe";
const DEVICE_NAME: &str = "Dana's desk";

/// Cognito's side of device SRP, in Python (another implementation than the app's).
fn server(command: &str, request: &Value) -> Value {
    let script = cognito_desk_testbed::repo_root().join("tests/py/device_srp.py");
    let mut child = std::process::Command::new(venv_bin("python"))
        .arg(script)
        .arg(command)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(request.to_string().as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("python ends");
    assert!(out.status.success(), "device_srp.py {command} failed");
    serde_json::from_slice(&out.stdout).expect("JSON from device_srp.py")
}

fn tokens(new_device: bool) -> Value {
    let mut answer = authentication_result(POOL, CLIENT, USER);
    if new_device {
        answer["AuthenticationResult"]["NewDeviceMetadata"] =
            json!({"DeviceKey": DEVICE_KEY, "DeviceGroupKey": GROUP_KEY});
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
    let mut parameters = json!({"USERNAME": USER, "PASSWORD": PASSWORD});
    if with_device {
        parameters["DEVICE_KEY"] = json!(DEVICE_KEY);
    }
    json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT, "AuthParameters": parameters})
}

/// What ConfirmDevice registered: the verifier and salt the later proofs are checked with.
#[derive(Default)]
struct Registered {
    verifier: String,
    salt: String,
    b: String,
    srp_b: String,
    srp_a: String,
    secret_block: String,
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

async fn sign_in(desk: &Desk, profile: &ProfileId) -> SignInOutcome {
    desk.signin()
        .sign_in(profile, &Username::new(USER), Password::new(PASSWORD))
        .await
        .expect("sign-in answered")
}

/// ConfirmDevice as Cognito takes it: the access token of the sign-in, the device key
/// it named, the profile's device name, a verifier and a salt (kept for the proofs).
fn confirm_device(first: &Value, registered: Arc<Mutex<Registered>>, necessary: bool) -> Exchange {
    let access = access_token_of(first);
    Exchange::checked("ConfirmDevice", move |body| {
        let expected = (access.as_str(), DEVICE_KEY, DEVICE_NAME);
        let got = (
            body["AccessToken"].as_str().unwrap_or_default(),
            body["DeviceKey"].as_str().unwrap_or_default(),
            body["DeviceName"].as_str().unwrap_or_default(),
        );
        if got != expected {
            return Err(format!("expected {expected:?}, got {got:?}"));
        }
        let config = &body["DeviceSecretVerifierConfig"];
        let (Some(verifier), Some(salt)) =
            (config["PasswordVerifier"].as_str(), config["Salt"].as_str())
        else {
            return Err("no DeviceSecretVerifierConfig".into());
        };
        let mut r = registered.lock().unwrap();
        r.verifier = verifier.to_owned();
        r.salt = salt.to_owned();
        Ok(json!({"UserConfirmationNecessary": necessary}))
    })
}

/// DEVICE_SRP_AUTH answered with SRP_A: Cognito's DEVICE_PASSWORD_VERIFIER, made from
/// the registered verifier by the Python side.
fn device_srp_auth(registered: Arc<Mutex<Registered>>) -> Exchange {
    Exchange::checked("RespondToAuthChallenge", move |body| {
        let responses = &body["ChallengeResponses"];
        if body["ChallengeName"] != "DEVICE_SRP_AUTH"
            || body["Session"] != "d1"
            || responses["USERNAME"] != USER
            || responses["DEVICE_KEY"] != DEVICE_KEY
        {
            return Err("not the DEVICE_SRP_AUTH answer expected".into());
        }
        let srp_a = responses["SRP_A"].as_str().ok_or("no SRP_A")?.to_owned();
        let mut r = registered.lock().unwrap();
        let made = server("challenge", &json!({"verifier": r.verifier}));
        r.b = made["b"].as_str().unwrap_or_default().to_owned();
        r.srp_b = made["srpB"].as_str().unwrap_or_default().to_owned();
        r.srp_a = srp_a;
        use base64::Engine;
        r.secret_block = base64::engine::general_purpose::STANDARD.encode(b"cognito secret block");
        let salt_hex = {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&r.salt)
                .map_err(|e| e.to_string())?;
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        Ok(
            json!({"ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": "d2",
                  "ChallengeParameters": {"USERNAME": USER, "SRP_B": r.srp_b, "SALT": salt_hex,
                                          "SECRET_BLOCK": r.secret_block}}),
        )
    })
}

/// DEVICE_PASSWORD_VERIFIER: the proof checked against the verifier; tokens, no MFA.
fn device_password_verifier(registered: Arc<Mutex<Registered>>) -> Exchange {
    Exchange::checked("RespondToAuthChallenge", move |body| {
        let responses = &body["ChallengeResponses"];
        if body["ChallengeName"] != "DEVICE_PASSWORD_VERIFIER"
            || body["Session"] != "d2"
            || responses["DEVICE_KEY"] != DEVICE_KEY
            || responses["USERNAME"] != USER
        {
            return Err("not the DEVICE_PASSWORD_VERIFIER answer expected".into());
        }
        let r = registered.lock().unwrap();
        if responses["PASSWORD_CLAIM_SECRET_BLOCK"] != r.secret_block.as_str() {
            return Err("the secret block was not echoed".into());
        }
        let checked = server(
            "verify",
            &json!({"verifier": r.verifier, "b": r.b, "srpB": r.srp_b, "srpA": r.srp_a,
                    "groupKey": GROUP_KEY, "deviceKey": DEVICE_KEY,
                    "secretBlock": r.secret_block, "timestamp": responses["TIMESTAMP"],
                    "signature": responses["PASSWORD_CLAIM_SIGNATURE"]}),
        );
        if checked["ok"] != true {
            return Err("the device's proof does not match its verifier".into());
        }
        Ok(tokens(false))
    })
}

#[tokio::test]
async fn a_confirmed_and_remembered_computer_signs_in_without_the_mfa_code() {
    let registered = Arc::new(Mutex::new(Registered::default()));
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
        confirm_device(&first, registered.clone(), true),
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
        device_srp_auth(registered.clone()),
        device_password_verifier(registered.clone()),
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
    let r = registered.lock().unwrap().verifier.clone();
    let salt = registered.lock().unwrap().salt.clone();
    let expected = server(
        "verifier",
        &json!({"groupKey": GROUP_KEY, "deviceKey": DEVICE_KEY, "password": kept.password, "salt": salt}),
    );
    assert_eq!(expected["verifier"], r.as_str(), "ConfirmDevice's verifier");
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
    assert_eq!(
        session.factors,
        [Factor::Password, Factor::RememberedDevice]
    );
    desk.session()
        .refresh()
        .await
        .expect("refreshed with the device key");
    stand_in.assert_script_done();

    // The checker can fail: a proof that is off by one character is refused.
    let r = registered.lock().unwrap();
    let refused = server(
        "verify",
        &json!({"verifier": r.verifier, "b": r.b, "srpB": r.srp_b, "srpA": r.srp_a,
                "groupKey": GROUP_KEY, "deviceKey": DEVICE_KEY, "secretBlock": r.secret_block,
                "timestamp": "Sun Dec 6 09:00:00 UTC 2026", "signature": "AAAA"}),
    );
    assert_eq!(refused["ok"], false);
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
    let registered = Arc::new(Mutex::new(Registered::default()));
    let stand_in = StandIn::start(vec![
        Exchange::new("InitiateAuth", initiate(false), first.clone()),
        confirm_device(&first, registered, false),
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
