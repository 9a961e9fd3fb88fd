//! The sign-in steps added for the pools people have, in the real window (WebDriver,
//! Xvfb), with screenshots of each new screen in English and Japanese under
//! `test-output/gui-steps-*`: the client-secret field, the switch-flow offer, a code by
//! text message (moto, which accepts any code), a custom challenge (ministack's Lambda
//! triggers), and — against the labelled wire-shape stand-in — the choice of a first
//! factor, an email code, a new password with required attributes and the choice of a
//! second factor.

use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, ProfileStore, SignInFlow};
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use cognito_desk_testbed::{output_dir, temp_dir};
use serde_json::json;
use std::path::{Path, PathBuf};

const USER: &str = "demo@example.com";

async fn world(kind: Kind, name: &str, opts: PoolOptions) -> (Emulator, Pool, PathBuf) {
    let dir = temp_dir(name);
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator starts");
    let pool = seed::create_pool(&emu, &opts).await.expect("pool");
    seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
        .await
        .expect("user");
    (emu, pool, dir.join("config"))
}

fn save_profile(config: &Path, settings: ProfileSettings) {
    ProfileStore::open(config)
        .save(ProfileInput::from(settings))
        .expect("profile");
}

#[tokio::test]
async fn the_client_secret_is_typed_once_and_shown_only_as_stored() {
    let opts = PoolOptions {
        client_secret: true,
        ..PoolOptions::default()
    };
    let (_emu, pool, config) = world(Kind::Ministack, "gui-steps-secret", opts).await;
    let secret = pool.client_secret.clone().expect("a secret");
    let shots = output_dir("gui-steps-secret");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-profiles").await.unwrap();
    for (css, text) in [
        ("#profile-name", "Confidential client"),
        ("#profile-region", "us-east-1"),
        ("#profile-user-pool-id", pool.pool_id.as_str()),
        ("#profile-client-id", pool.client_id.as_str()),
        ("#profile-endpoint", pool.endpoint.as_str()),
    ] {
        gui.type_into(css, text).await.unwrap();
    }
    // The secret field appears with the box, and a box without a secret is marked.
    assert!(!gui
        .client
        .find(fantoccini::Locator::Css("#profile-client-secret"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap());
    // Once the typed fields are validated (Save enabled) no message appears or goes
    // under the pointer: under load a click during that reflow missed the box.
    gui.enabled("#profile-save").await.unwrap();
    gui.click("#profile-has-client-secret").await.unwrap();
    // Ticking the box puts the cursor in the secret field, which says it is needed.
    gui.text_until("[data-error-for=clientSecret]", |t| t.contains("secret"))
        .await
        .unwrap();
    gui.type_into("#profile-client-secret", &secret)
        .await
        .unwrap();
    gui.text_until("[data-error-for=clientSecret]", str::is_empty)
        .await
        .unwrap();
    gui.click("#profile-save").await.unwrap();
    gui.visible("li[data-testid=profile-item]").await.unwrap();
    // Saved: the field is empty again and says the keychain holds the secret.
    let field = gui.visible("#profile-client-secret").await.unwrap();
    assert_eq!(field.prop("value").await.unwrap().unwrap_or_default(), "");
    let placeholder = field.attr("placeholder").await.unwrap().unwrap_or_default();
    assert!(placeholder.contains("Stored"), "{placeholder}");
    gui.screenshot_both_languages("client-secret-stored")
        .await
        .unwrap();
    let file = std::fs::read_to_string(config.join("profiles.json")).unwrap();
    assert!(!file.contains(&secret), "the secret reached profiles.json");
    // SRP (the default) with SECRET_HASH, checked by ministack.
    gui.click("#nav-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-method", |t| t == "SRP")
        .await
        .unwrap();
    gui.finish().await;
}

#[tokio::test]
async fn a_flow_the_client_refuses_offers_a_switch() {
    let opts = PoolOptions {
        srp_auth: false,
        ..PoolOptions::default()
    };
    let (_emu, pool, config) = world(Kind::Ministack, "gui-steps-switch", opts).await;
    save_profile(
        &config,
        ProfileSettings {
            sign_in_flow: SignInFlow::Srp,
            ..pool.profile_settings("No SRP")
        },
    );
    let shots = output_dir("gui-steps-switch");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("[data-testid=error-code]", |t| t == "AuthFlowNotEnabled")
        .await
        .unwrap();
    gui.visible("[data-testid=switch-flow-password]")
        .await
        .unwrap();
    gui.screenshot_both_languages("switch-flow").await.unwrap();
    gui.click("[data-testid=switch-flow-password]")
        .await
        .unwrap();
    gui.text_until("#signin-switch", str::is_empty)
        .await
        .unwrap();
    let stored = ProfileStore::open(&config);
    assert_eq!(
        stored.profiles()[0].settings.sign_in_flow,
        SignInFlow::Password
    );
    // The password is still in the form: signing in again just works.
    gui.click("#signin-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Password")
        .await
        .unwrap();
    gui.finish().await;
}

#[tokio::test]
async fn moto_sms_code_screen() {
    let (emu, pool, config) = world(Kind::Moto, "gui-steps-sms", PoolOptions::default()).await;
    seed::prefer_sms_mfa(&emu, &pool, USER).await.unwrap();
    save_profile(&config, pool.profile_settings("SMS"));
    let shots = output_dir("gui-steps-sms");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.visible("#code-input").await.unwrap();
    gui.text_until("#code-title", |t| t.contains("text message"))
        .await
        .unwrap();
    // moto says nothing of where the code went; the screen says that much.
    gui.text_until("[data-testid=code-destination]", |t| {
        t.contains("did not say where")
    })
    .await
    .unwrap();
    gui.text_until("#view-code .challenge-clock", |t| {
        t.contains("has been open for")
    })
    .await
    .unwrap();
    gui.screenshot_both_languages("sms-code").await.unwrap();
    // moto accepts any code (it sends no text message); pasted with a space.
    gui.type_into("#code-input", "123 456").await.unwrap();
    gui.click("#code-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Password + SMS code")
        .await
        .unwrap();
    gui.finish().await;
}

#[tokio::test]
async fn ministack_custom_challenge_screen() {
    let opts = PoolOptions {
        custom_auth: true,
        ..PoolOptions::default()
    };
    let (_emu, pool, config) = world(Kind::Ministack, "gui-steps-custom", opts).await;
    save_profile(
        &config,
        ProfileSettings {
            sign_in_flow: SignInFlow::Custom,
            ..pool.profile_settings("Custom")
        },
    );
    let shots = output_dir("gui-steps-custom");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.visible("#signin-password-optional").await.unwrap();
    gui.sign_in(USER, "").await.unwrap();
    gui.text_until("[data-testid=custom-parameters]", |t| {
        t.contains("say the magic word")
    })
    .await
    .unwrap();
    gui.screenshot_both_languages("custom-challenge")
        .await
        .unwrap();
    // The first round has nothing to say about an earlier answer.
    gui.text_until("#custom-again", str::is_empty)
        .await
        .unwrap();
    gui.type_into("#custom-answer", "abracadabra")
        .await
        .unwrap();
    gui.click("#custom-submit").await.unwrap();
    gui.text_until("#custom-round", |t| t == "Round 2")
        .await
        .unwrap();
    // The second round says that Cognito asked again, and no more than that.
    let again = gui
        .text_until("#custom-again", |t| t.contains("asked again"))
        .await
        .unwrap();
    assert!(
        again.contains("round 2") && !again.contains("wrong"),
        "{again}"
    );
    gui.screenshot_both_languages("custom-round-2")
        .await
        .unwrap();
    gui.type_into("#custom-answer", "open-sesame")
        .await
        .unwrap();
    gui.click("#custom-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Custom challenge")
        .await
        .unwrap();
    gui.finish().await;
}

const WIRE_POOL: &str = "us-east-1_WireShape";
const WIRE_CLIENT: &str = "wireshapeclient0000000001";

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

/// WIRE-SHAPE (stand-in, not an emulator): USER_AUTH → SELECT_CHALLENGE → EMAIL_OTP.
#[tokio::test]
async fn wire_shape_choice_of_first_factor_then_an_email_code() {
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_AUTH", "ClientId": WIRE_CLIENT, "AuthParameters": {"USERNAME": USER}}),
            json!({"ChallengeName": "SELECT_CHALLENGE", "Session": "s1", "ChallengeParameters": {},
                   "AvailableChallenges": ["PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": WIRE_CLIENT, "ChallengeName": "SELECT_CHALLENGE", "Session": "s1",
                   "ChallengeResponses": {"USERNAME": USER, "ANSWER": "EMAIL_OTP"}}),
            json!({"ChallengeName": "EMAIL_OTP", "Session": "s2", "ChallengeParameters": {
                   "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "d***@e***"}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": WIRE_CLIENT, "ChallengeName": "EMAIL_OTP", "Session": "s2",
                   "ChallengeResponses": {"USERNAME": USER, "EMAIL_OTP_CODE": "12345678"}}),
            authentication_result(WIRE_POOL, WIRE_CLIENT, USER),
        ),
    ])
    .await;
    let dir = temp_dir("gui-steps-wire-choice");
    let config = dir.join("config");
    wire_profile(&config, &stand_in, SignInFlow::UserAuth);
    let shots = output_dir("gui-steps-wire-choice");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#signin-preferred").await.unwrap();
    gui.screenshot_both_languages("signin-choice-based")
        .await
        .unwrap();
    gui.sign_in(USER, "").await.unwrap();
    gui.visible("[data-testid=choose-EMAIL_OTP]").await.unwrap();
    // Passkeys are offered beside the other factors (views/passkey.js answers them).
    let passkey = gui
        .client
        .find(fantoccini::Locator::Css("[data-testid=choose-WEB_AUTHN]"))
        .await
        .unwrap();
    assert!(passkey.is_enabled().await.unwrap());
    gui.screenshot_both_languages("select-challenge")
        .await
        .unwrap();
    gui.click("[data-testid=choose-EMAIL_OTP]").await.unwrap();
    gui.text_until("[data-testid=code-destination]", |t| {
        t.contains("d***@e***")
    })
    .await
    .unwrap();
    gui.screenshot_both_languages("email-code").await.unwrap();
    gui.type_into("#code-input", "1234 5678").await.unwrap();
    gui.click("#code-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Email code")
        .await
        .unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}

/// WIRE-SHAPE (stand-in, not an emulator): NEW_PASSWORD_REQUIRED with a required
/// attribute, then SELECT_MFA_TYPE, then SMS_MFA.
#[tokio::test]
async fn wire_shape_new_password_with_attributes_then_the_choice_of_mfa() {
    let respond = |challenge: &str, session: &str, responses: serde_json::Value| {
        json!({"ClientId": WIRE_CLIENT, "ChallengeName": challenge, "Session": session,
               "ChallengeResponses": responses})
    };
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": WIRE_CLIENT,
                   "AuthParameters": {"USERNAME": USER, "PASSWORD": "Temp-Passw0rd1"}}),
            json!({"ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s1", "ChallengeParameters": {
                   "requiredAttributes": "[\"userAttributes.name\"]", "userAttributes": "{}"}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            respond("NEW_PASSWORD_REQUIRED", "s1", json!({"USERNAME": USER,
                "NEW_PASSWORD": DEMO_PASSWORD, "userAttributes.name": "Dana Example"})),
            json!({"ChallengeName": "SELECT_MFA_TYPE", "Session": "s2", "ChallengeParameters": {
                   "MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            respond("SELECT_MFA_TYPE", "s2", json!({"USERNAME": USER, "ANSWER": "SMS_MFA"})),
            json!({"ChallengeName": "SMS_MFA", "Session": "s3", "ChallengeParameters": {
                   "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******0100"}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            respond("SMS_MFA", "s3", json!({"USERNAME": USER, "SMS_MFA_CODE": "246810"})),
            authentication_result(WIRE_POOL, WIRE_CLIENT, USER),
        ),
    ])
    .await;
    let dir = temp_dir("gui-steps-wire-newpw");
    let config = dir.join("config");
    wire_profile(&config, &stand_in, SignInFlow::Password);
    let shots = output_dir("gui-steps-wire-newpw");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, "Temp-Passw0rd1").await.unwrap();
    gui.visible("#new-password-attr-name").await.unwrap();
    gui.type_into("#new-password", DEMO_PASSWORD).await.unwrap();
    gui.type_into("#new-password-confirm", DEMO_PASSWORD)
        .await
        .unwrap();
    // Empty required attribute: marked at its field, nothing sent.
    gui.click("#new-password-submit").await.unwrap();
    gui.text_until("#new-password-attr-name-error", |t| !t.is_empty())
        .await
        .unwrap();
    gui.screenshot_both_languages("new-password-attributes")
        .await
        .unwrap();
    gui.type_into("#new-password-attr-name", "Dana Example")
        .await
        .unwrap();
    gui.click("#new-password-submit").await.unwrap();
    gui.visible("[data-testid=choose-SMS_MFA]")
        .await
        .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    gui.screenshot_both_languages("select-mfa-type")
        .await
        .unwrap();
    gui.click("[data-testid=choose-SMS_MFA]").await.unwrap();
    gui.text_until("[data-testid=code-destination]", |t| {
        t.contains("+*******0100")
    })
    .await
    .unwrap();
    gui.type_into("#code-input", "246810").await.unwrap();
    gui.click("#code-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Password + SMS code")
        .await
        .unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}

/// ministack's reset code is always 654321 and its sign-up code 123456 (both checked).
#[tokio::test]
async fn ministack_forgot_password_screen() {
    let (_emu, pool, config) =
        world(Kind::Ministack, "gui-steps-reset", PoolOptions::default()).await;
    save_profile(&config, pool.profile_settings("Reset"));
    let shots = output_dir("gui-steps-reset");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.type_into("#signin-username", USER).await.unwrap();
    gui.click("#signin-forgot").await.unwrap();
    let typed = gui.visible("#reset-username").await.unwrap();
    assert_eq!(typed.prop("value").await.unwrap().unwrap_or_default(), USER);
    gui.screenshot_both_languages("reset-request")
        .await
        .unwrap();
    gui.click("#reset-send").await.unwrap();
    gui.text_until("[data-testid=reset-destination]", |t| t.contains("Sent to"))
        .await
        .unwrap();
    gui.screenshot_both_languages("reset-code").await.unwrap();
    gui.type_into("#reset-code", "654 321").await.unwrap();
    gui.type_into("#reset-password", "Brand-new-Passw0rd")
        .await
        .unwrap();
    gui.type_into("#reset-password-confirm", "Brand-new-Passw0rd")
        .await
        .unwrap();
    gui.click("#reset-set").await.unwrap();
    gui.visible("#view-signin").await.unwrap();
    gui.type_into("#signin-password", "Brand-new-Passw0rd")
        .await
        .unwrap();
    gui.click("#signin-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Password")
        .await
        .unwrap();
    gui.finish().await;
}

#[tokio::test]
async fn ministack_confirm_sign_up_screen() {
    let (_emu, pool, config) =
        world(Kind::Ministack, "gui-steps-confirm", PoolOptions::default()).await;
    let newcomer = "newcomer@example.com";
    pool.public_client()
        .await
        .sign_up()
        .client_id(&pool.client_id)
        .username(newcomer)
        .password(DEMO_PASSWORD)
        .user_attributes(
            aws_sdk_cognitoidentityprovider::types::AttributeType::builder()
                .name("email")
                .value(newcomer)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("signed up");
    save_profile(&config, pool.profile_settings("Confirm"));
    let shots = output_dir("gui-steps-confirm");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(newcomer, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#confirm-username", |t| t == newcomer)
        .await
        .unwrap();
    gui.click("#confirm-resend").await.unwrap();
    gui.text_until("[data-testid=confirm-destination]", |t| {
        t.contains("Sent to")
    })
    .await
    .unwrap();
    gui.screenshot_both_languages("confirm-sign-up")
        .await
        .unwrap();
    gui.type_into("#confirm-code", "123456").await.unwrap();
    gui.click("#confirm-submit").await.unwrap();
    // Confirmed, then the same sign-in again: straight to the session.
    gui.text_until("#session-email", |t| t == newcomer)
        .await
        .unwrap();
    gui.finish().await;
}

/// cognito-local prints the SMS code on its console and checks it: the window gets it
/// typed as a person would from their phone.
#[tokio::test]
async fn cognito_local_sms_code_in_the_window() {
    use cognito_desk_testbed::cognito_local::{CognitoLocal, PASSWORD, SMS_USER};
    let dir = temp_dir("gui-steps-cognito-local");
    let emu = CognitoLocal::start(&dir.join("emulator")).expect("cognito-local");
    let config = dir.join("config");
    save_profile(&config, emu.profile_settings("cognito-local"));
    let shots = output_dir("gui-steps-cognito-local");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    let seen = emu.codes().len();
    gui.sign_in(SMS_USER, PASSWORD).await.unwrap();
    gui.text_until("[data-testid=code-destination]", |t| {
        t.contains("+15555550100")
    })
    .await
    .unwrap();
    let code = emu.code_after(seen).await.unwrap();
    gui.screenshot("cognito-local-sms").await.unwrap();
    gui.type_into("#code-input", &code).await.unwrap();
    gui.click("#code-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Password + SMS code")
        .await
        .unwrap();
    gui.finish().await;
}

/// WIRE-SHAPE (stand-in, not an emulator): MFA_SETUP offering email only, then the
/// EMAIL_OTP code that proves the address.
#[tokio::test]
async fn wire_shape_mfa_setup_by_email() {
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": WIRE_CLIENT,
                   "AuthParameters": {"USERNAME": USER, "PASSWORD": DEMO_PASSWORD}}),
            json!({"ChallengeName": "MFA_SETUP", "Session": "s1",
                   "ChallengeParameters": {"MFAS_CAN_SETUP": "[\"EMAIL_OTP\"]"}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": WIRE_CLIENT, "ChallengeName": "MFA_SETUP", "Session": "s1",
                   "ChallengeResponses": {"USERNAME": USER, "EMAIL": USER}}),
            json!({"ChallengeName": "EMAIL_OTP", "Session": "s2", "ChallengeParameters": {
                   "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "d***@e***"}}),
        ),
        Exchange::new(
            "RespondToAuthChallenge",
            json!({"ClientId": WIRE_CLIENT, "ChallengeName": "EMAIL_OTP", "Session": "s2",
                   "ChallengeResponses": {"USERNAME": USER, "EMAIL_OTP_CODE": "13572468"}}),
            authentication_result(WIRE_POOL, WIRE_CLIENT, USER),
        ),
    ])
    .await;
    let dir = temp_dir("gui-steps-wire-setup-email");
    let config = dir.join("config");
    wire_profile(&config, &stand_in, SignInFlow::Password);
    let shots = output_dir("gui-steps-wire-setup-email");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    // The username is an address: offered in the field.
    let field = gui.visible("#mfa-setup-email").await.unwrap();
    assert_eq!(field.prop("value").await.unwrap().unwrap_or_default(), USER);
    gui.screenshot_both_languages("mfa-setup-email")
        .await
        .unwrap();
    gui.click("#mfa-setup-email-submit").await.unwrap();
    gui.text_until("#code-title", |t| t.contains("email"))
        .await
        .unwrap();
    gui.type_into("#code-input", "13572468").await.unwrap();
    gui.click("#code-submit").await.unwrap();
    gui.text_until("#session-method", |t| t == "Password + Email code")
        .await
        .unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}

/// WIRE-SHAPE (stand-in, not an emulator): MFA_SETUP offering the app and email. The
/// app is set up only when picked (AssociateSoftwareToken on the session), and Escape
/// leaves the setup for the sign-in form.
#[tokio::test]
async fn wire_shape_mfa_setup_offering_both_sets_up_the_app_only_when_picked() {
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": WIRE_CLIENT,
                   "AuthParameters": {"USERNAME": USER, "PASSWORD": DEMO_PASSWORD}}),
            json!({"ChallengeName": "MFA_SETUP", "Session": "s1", "ChallengeParameters": {
                   "MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"}}),
        ),
        Exchange::new(
            "AssociateSoftwareToken",
            json!({"Session": "s1"}),
            json!({"SecretCode": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "Session": "s2"}),
        ),
    ])
    .await;
    let dir = temp_dir("gui-steps-wire-setup-both");
    let config = dir.join("config");
    wire_profile(&config, &stand_in, SignInFlow::Password);
    let shots = output_dir("gui-steps-wire-setup-both");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.visible("#mfa-setup-use-app").await.unwrap();
    gui.visible("#mfa-setup-email").await.unwrap();
    assert_eq!(
        stand_in.received().len(),
        1,
        "nothing set up before the choice"
    );
    gui.screenshot_both_languages("mfa-setup-choice")
        .await
        .unwrap();
    gui.click("#mfa-setup-use-app").await.unwrap();
    gui.visible("#mfa-setup-enrollment img, #mfa-setup-enrollment svg")
        .await
        .unwrap();
    gui.screenshot("mfa-setup-app-picked").await.unwrap();
    // Escape: the setup ends, back to the sign-in form with the username kept.
    gui.visible("#mfa-setup-enrollment input")
        .await
        .unwrap()
        .send_keys("\u{e00c}")
        .await
        .unwrap();
    gui.visible("#view-signin").await.unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}

/// The timeline after a TOTP sign-in with one wrong code: newest first, the failure
/// listed and filterable, parameters with `$VARIABLES` in place of secrets, and a call
/// made while the page is open appearing by itself (the backend's event).
#[tokio::test]
async fn the_timeline_lists_every_call_live_without_secrets() {
    let (_emu, pool, config) = world(
        Kind::Ministack,
        "gui-steps-timeline",
        PoolOptions::default(),
    )
    .await;
    let secret = seed::enroll_totp(&pool, USER, DEMO_PASSWORD)
        .await
        .expect("enrolled");
    save_profile(&config, pool.profile_settings("Timeline"));
    let shots = output_dir("gui-steps-timeline");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    let wrong = cognito_desk_testbed::totp::wrong_code(&secret).unwrap();
    gui.type_into("#totp-code", &wrong).await.unwrap();
    gui.click("#totp-submit").await.ok();
    gui.text_until("[data-testid=error-code]", |t| t == "CodeMismatchException")
        .await
        .unwrap();
    let code = cognito_desk_testbed::totp::fresh_code(&secret)
        .await
        .unwrap();
    gui.type_into("#totp-code", &code).await.unwrap();
    gui.click("#totp-submit").await.ok();
    gui.visible("#view-session").await.unwrap();

    gui.click("#nav-timeline").await.unwrap();
    let rows = "#timeline-rows tr[data-testid=timeline-row]";
    gui.text_until("#timeline-rows", |t| t.contains("CodeMismatchException"))
        .await
        .unwrap();
    let count = |gui: &Gui| {
        let client = gui.client.clone();
        async move {
            client
                .find_all(fantoccini::Locator::Css(rows))
                .await
                .map(|r| r.len())
                .unwrap_or(0)
        }
    };
    let before = count(&gui).await;
    assert!(before >= 3, "InitiateAuth and two answers: {before}");
    // Open every row: parameters show, with variables for the secrets.
    // (Each click re-renders the table: the rows are found again by their seq.)
    gui.client
        .execute(
            "const seqs = [...document.querySelectorAll(arguments[0])].map((r) => r.dataset.seq); \
             for (const seq of seqs) document.querySelector(`#timeline-rows tr[data-seq=\"${seq}\"]`).click();",
            vec![serde_json::Value::String(rows.to_owned())],
        )
        .await
        .unwrap();
    let text = gui
        .text_until("#timeline-rows", |t| t.contains("$PASSWORD"))
        .await
        .unwrap();
    for secret in [
        DEMO_PASSWORD,
        wrong.as_str(),
        code.as_str(),
        secret.as_str(),
    ] {
        assert!(!text.contains(secret), "a secret is on the timeline");
    }
    gui.screenshot_both_languages("timeline").await.unwrap();
    // Only the failures.
    gui.client
        .execute(
            "const s = document.querySelector('#timeline-outcome'); s.value = 'failed'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(count(&gui).await, 1);
    gui.client
        .execute(
            "const s = document.querySelector('#timeline-outcome'); s.value = ''; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    // A call made while the page is open (a refresh) appears without reloading it.
    gui.client
        .execute("window.__TAURI__.core.invoke('refresh_session');", vec![])
        .await
        .unwrap();
    gui.text_until("#timeline-count", |t| {
        t.starts_with(&format!("{} of", before + 1))
    })
    .await
    .unwrap();
    gui.finish().await;
}
