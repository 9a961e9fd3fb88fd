//! Passkeys in the real window (WebDriver, Xvfb, a real Secret Service) against the
//! labelled WIRE-SHAPE stand-in (no installable server speaks WebAuthn), every
//! registration and assertion verified by py_webauthn (tests/py/webauthn_rp.py). The MFA
//! page registers a test passkey; the next sign-in picks "Passkey" among Cognito's
//! first factors and the passkey step answers with it. Screenshots in English and
//! Japanese under `test-output/gui-passkeys`.

use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, ProfileStore, SignInFlow};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::passkey_server::PasskeyServer;
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use cognito_desk_testbed::{output_dir, temp_dir};
use serde_json::json;

const USER: &str = "demo@example.com";
const POOL: &str = "us-east-1_GuiPasskeys";
const CLIENT: &str = "guipasskeysclient00000001";
const RP_ID: &str = "auth.gui-passkeys.example.com";

#[tokio::test]
async fn wire_shape_register_a_test_passkey_then_sign_in_with_it_from_the_choice() {
    // One AuthenticationResult for every answer: every check names its access token.
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
    let get_user = || {
        Exchange::new(
            "GetUser",
            json!({"AccessToken": access}),
            json!({"Username": USER, "UserAttributes": [{"Name": "email", "Value": USER}],
                   "UserMFASettingList": []}),
        )
    };
    let stand_in = StandIn::start(vec![
        Exchange::new("InitiateAuth", initiate.clone(), offer("s1")),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": CLIENT, "ChallengeName": "SELECT_CHALLENGE", "Session": "s1",
                   "ChallengeResponses": {"USERNAME": USER, "ANSWER": "PASSWORD", "PASSWORD": DEMO_PASSWORD}}),
            signed.clone(),
        ),
        get_user(),
        server.start_registration(&access),
        server.complete_registration(&access),
        server.list(&access),
        Exchange::new(
            "RevokeToken",
            json!({"Token": "wire-refresh-token", "ClientId": CLIENT}),
            json!({}),
        ),
        Exchange::new("InitiateAuth", initiate, offer("s2")),
        Exchange::checked("RespondToAuthChallenge", {
            let server = server.clone();
            move |body| {
                let expected = json!({"ClientId": CLIENT, "ChallengeName": "SELECT_CHALLENGE", "Session": "s2",
                                      "ChallengeResponses": {"USERNAME": USER, "ANSWER": "WEB_AUTHN"}});
                (body == &expected)
                    .then(|| server.web_authn_challenge("w1", None))
                    .ok_or_else(|| format!("expected {expected}"))
            }
        }),
        server.respond(CLIENT, "w1", signed.clone()),
        // Deleted from the MFA page (asked twice), the list after it.
        get_user(),
        server.list(&access),
        server.delete(&access),
        Exchange::new(
            "ListWebAuthnCredentials",
            json!({"AccessToken": access}),
            json!({"Credentials": []}),
        ),
    ])
    .await;
    let dir = temp_dir("gui-passkeys");
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(ProfileInput::from(ProfileSettings {
            name: "Passkeys".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new(POOL),
            client_id: ClientId::new(CLIENT),
            sign_in_flow: SignInFlow::UserAuth,
            endpoint: Some(stand_in.endpoint.clone()),
            ..Default::default()
        }))
        .expect("profile");
    let shots = output_dir("gui-passkeys");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.click("[data-testid=choose-PASSWORD]").await.unwrap();
    gui.visible("#view-session").await.unwrap();

    gui.click("#nav-mfa").await.unwrap();
    gui.click("[data-testid=passkeys-register-test]")
        .await
        .unwrap();
    gui.text_until("[data-testid=test-passkey]", |t| t.contains("test passkey"))
        .await
        .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    gui.text_until("#passkeys-rows", |t| {
        t.contains("Cognito Desk test passkey")
    })
    .await
    .unwrap();
    gui.screenshot_both_languages("passkeys-registered")
        .await
        .unwrap();

    gui.click("#nav-session").await.unwrap();
    gui.click("#signout").await.unwrap();
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, "").await.unwrap();
    gui.click("[data-testid=choose-WEB_AUTHN]").await.unwrap();
    gui.text_until("#passkey-rp", |t| t == RP_ID).await.unwrap();
    gui.text_until("#passkey-uv", |t| t.contains("requires user verification"))
        .await
        .unwrap();
    gui.visible("[data-testid=passkey-use]").await.unwrap();
    gui.screenshot_both_languages("passkey-step").await.unwrap();
    gui.click("[data-testid=passkey-use]").await.unwrap();
    gui.text_until("#session-method", |t| t == "Passkey")
        .await
        .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    gui.screenshot_both_languages("signed-in-with-a-passkey")
        .await
        .unwrap();
    assert_eq!(server.state.lock().unwrap().assertions.len(), 1);

    gui.click("#nav-mfa").await.unwrap();
    gui.click("#passkeys-load").await.unwrap();
    let id = server.state.lock().unwrap().credential_id.clone();
    let delete = format!("button[data-delete='{id}']");
    gui.click(&delete).await.unwrap();
    gui.text_until(&delete, |t| t == "Delete for good")
        .await
        .unwrap();
    gui.click(&delete).await.unwrap();
    gui.visible("#passkeys-empty").await.unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}
