//! A security key in the real window (WebDriver, Xvfb, a real Secret Service) against the
//! labelled WIRE-SHAPE stand-in. No key is plugged into a CI machine and no kernel
//! device can be made here (no /dev/uhid), so this shows what the window does around a
//! key: no key plugged in (the message and its fix, the sign-in still open), the wait
//! for a touch with authenticator-rs really waiting (a FIDO device listed under
//! `COGNITO_DESK_HID_ROOT` that no key answers for), Stop, and a registration stopped
//! at the key that never reaches CompleteWebAuthnRegistration. The PIN prompt is shown
//! by handing the view's event handler the prompt the core emits when a key asks for its
//! PIN after a wrong one, to see and screenshot its form in both languages.
//! Screenshots under `test-output/gui-security-key`.

use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, ProfileStore, SignInFlow};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::hid::{list_a_key, no_keys, HID_ROOT_ENV};
use cognito_desk_testbed::passkey_server::PasskeyServer;
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use cognito_desk_testbed::{output_dir, temp_dir};
use serde_json::json;

const USER: &str = "demo@example.com";
const POOL: &str = "us-east-1_GuiSecurityKey";
const CLIENT: &str = "guisecuritykeyclient00001";
const RP_ID: &str = "auth.gui-security-key.example.com";

#[tokio::test]
async fn wire_shape_the_security_key_missing_waiting_for_a_pin_and_stopped() {
    let signed = authentication_result(POOL, CLIENT, USER);
    let access = signed["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let server = PasskeyServer::new(RP_ID, USER, true);
    let offer = |session: &str| {
        json!({"ChallengeName": "SELECT_CHALLENGE", "Session": session, "ChallengeParameters": {},
               "AvailableChallenges": ["PASSWORD", "WEB_AUTHN"]})
    };
    let initiate =
        json!({"AuthFlow": "USER_AUTH", "ClientId": CLIENT, "AuthParameters": {"USERNAME": USER}});
    let stand_in = StandIn::start(vec![
        Exchange::new("InitiateAuth", initiate.clone(), offer("s1")),
        Exchange::checked("RespondToAuthChallenge", {
            let server = server.clone();
            move |body| {
                let expected = json!({"ClientId": CLIENT, "ChallengeName": "SELECT_CHALLENGE", "Session": "s1",
                                      "ChallengeResponses": {"USERNAME": USER, "ANSWER": "WEB_AUTHN"}});
                (body == &expected)
                    .then(|| server.web_authn_challenge("w1", Some("AQID")))
                    .ok_or_else(|| format!("expected {expected}"))
            }
        }),
        // Cancelled at the passkey step, signed in with the password instead.
        Exchange::new("InitiateAuth", initiate, offer("s2")),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": CLIENT, "ChallengeName": "SELECT_CHALLENGE", "Session": "s2",
                   "ChallengeResponses": {"USERNAME": USER, "ANSWER": "PASSWORD", "PASSWORD": DEMO_PASSWORD}}),
            signed.clone(),
        ),
        Exchange::new(
            "GetUser",
            json!({"AccessToken": access}),
            json!({"Username": USER, "UserAttributes": [{"Name": "email", "Value": USER}],
                   "UserMFASettingList": []}),
        ),
        // Registration stopped at the key: no CompleteWebAuthnRegistration follows.
        server.start_registration(&access),
    ])
    .await;
    let dir = temp_dir("gui-security-key");
    let config = dir.join("config");
    let hid_root = dir.join("hid");
    no_keys(&hid_root);
    ProfileStore::open(&config)
        .save(ProfileInput::from(ProfileSettings {
            name: "Security key".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new(POOL),
            client_id: ClientId::new(CLIENT),
            sign_in_flow: SignInFlow::UserAuth,
            endpoint: Some(stand_in.endpoint.clone()),
            ..Default::default()
        }))
        .expect("profile");
    let shots = output_dir("gui-security-key");
    let hid_root_text = hid_root.display().to_string();
    let mut gui = Gui::start_with_env(&config, &shots, &[(HID_ROOT_ENV, &hid_root_text)])
        .await
        .expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, "").await.unwrap();
    gui.click("[data-testid=choose-WEB_AUTHN]").await.unwrap();
    gui.text_until("#passkey-rp", |t| t == RP_ID).await.unwrap();
    // No test passkey kept here: the security key is the way offered first.
    assert!(!gui
        .client
        .find(fantoccini::Locator::Css("[data-testid=passkey-use]"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap());

    // No key plugged in: said with its fix, and the passkey step stays.
    gui.click("[data-testid=passkey-key-use]").await.unwrap();
    gui.text_until("[data-testid=error-message]", |t| {
        t.contains("No security key is plugged in")
    })
    .await
    .unwrap();
    gui.text_until("[data-testid=error-hint]", |t| t.contains("USB port"))
        .await
        .unwrap();
    gui.visible("#view-passkey").await.unwrap();
    gui.screenshot_both_languages("no-key").await.unwrap();

    // A key listed that nobody touches: the window waits with a Stop.
    list_a_key(&hid_root);
    gui.click("[data-testid=passkey-key-use]").await.unwrap();
    gui.text_until("[data-testid=security-key-prompt]", |t| {
        t.contains("Looking for your security key")
    })
    .await
    .unwrap();
    // The prompt the core emits when a key refuses a PIN with two tries left, handed to
    // the view's event handler (the page itself may only listen to events, not emit).
    gui.client
        .execute(
            "return import('./views/securitykey.js').then((m) => m.showPrompt({kind: 'pin', retriesLeft: 2, afterWrongPin: true}));",
            vec![],
        )
        .await
        .unwrap();
    gui.text_until("[data-testid=security-key-prompt]", |t| {
        t.contains("Wrong PIN. 2 tries left before the key locks.")
    })
    .await
    .unwrap();
    gui.visible("[data-testid=security-key-pin]").await.unwrap();
    gui.screenshot_both_languages("wrong-pin").await.unwrap();
    gui.set_lang("ja").await.unwrap();
    gui.text_until("[data-testid=security-key-prompt]", |t| {
        t.contains("あと 2 回")
    })
    .await
    .unwrap();
    gui.set_lang("en").await.unwrap();
    gui.click("[data-testid=security-key-stop]").await.unwrap();
    gui.text_until("[data-testid=error-message]", |t| {
        t.contains("The security key step was stopped")
    })
    .await
    .unwrap();
    gui.visible("#view-passkey").await.unwrap();
    assert!(
        !gui.client
            .find(fantoccini::Locator::Css("#passkey-key"))
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap(),
        "the prompt goes with the wait"
    );

    // Another way in, then a registration stopped at the key.
    gui.click("#passkey-cancel").await.unwrap();
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.click("[data-testid=choose-PASSWORD]").await.unwrap();
    gui.visible("#view-session").await.unwrap();
    gui.click("#nav-mfa").await.unwrap();
    gui.click("[data-testid=passkeys-register-key]")
        .await
        .unwrap();
    gui.text_until(
        "[data-testid=passkeys-key] [data-testid=security-key-prompt]",
        |t| t.contains("Looking for your security key"),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    gui.screenshot_both_languages("register-waiting")
        .await
        .unwrap();
    gui.click("[data-testid=passkeys-key] [data-testid=security-key-stop]")
        .await
        .unwrap();
    gui.text_until("[data-testid=error-message]", |t| {
        t.contains("The security key step was stopped")
    })
    .await
    .unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}
