//! The workbench in the real window (WebDriver, Xvfb) on ministack, with screenshots in
//! English and Japanese under `test-output/gui-workbench-*`: the walkthrough's admin
//! steps on the screens (the pool's MFA set, a test user created and compared with
//! another, then signed in as), "Copy as aws-cli" on the timeline, the app client page,
//! and the doctor with a failing check that "Fix" turns into a sign-in that works.

use cognito_desk_core::profile::{
    AdminAccess, AdminCredentials, ProfileInput, ProfileSettings, ProfileStore, SignInFlow,
};
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, temp_dir};
use std::path::PathBuf;

const USER: &str = "demo@example.com";
const NEW_USER: &str = "walk@example.com";

async fn world(name: &str, opts: PoolOptions, flow: SignInFlow) -> (Emulator, Pool, PathBuf) {
    let dir = temp_dir(name);
    let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("emulator starts");
    let pool = seed::create_pool(&emu, &opts).await.expect("pool");
    seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
        .await
        .expect("user");
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(ProfileInput::from(ProfileSettings {
            sign_in_flow: flow,
            admin: AdminAccess {
                admin_credentials: AdminCredentials::EmulatorTest,
                admin_profile: None,
            },
            ..pool.profile_settings("Workbench")
        }))
        .expect("profile");
    (emu, pool, config)
}

async fn js(gui: &Gui, script: &str) {
    gui.client.execute(script, vec![]).await.unwrap();
}

#[tokio::test]
async fn the_walkthrough_admin_steps_on_the_screens_then_sign_in_as_the_new_user() {
    let (emu, pool, config) = world(
        "gui-workbench-walk",
        PoolOptions::default(),
        SignInFlow::Password,
    )
    .await;
    let shots = output_dir("gui-workbench-walk");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();

    // The pool: MFA off, then OPTIONAL with the authenticator app (the walkthrough's order).
    gui.click("#nav-pool").await.unwrap();
    gui.text_until("#pool-summary", |t| {
        t.contains(&pool.pool_id) && t.contains("Token revocation")
    })
    .await
    .unwrap();
    gui.click("input[name=pool-mfa-mode][value=OFF]")
        .await
        .unwrap();
    gui.click("#pool-mfa-app").await.unwrap();
    gui.click("#pool-mfa-save").await.unwrap();
    gui.text_until("#pool-mfa-saved", |t| t.contains("Off"))
        .await
        .unwrap();
    gui.click("input[name=pool-mfa-mode][value=OPTIONAL]")
        .await
        .unwrap();
    gui.click("#pool-mfa-app").await.unwrap();
    gui.click("#pool-mfa-save").await.unwrap();
    gui.text_until("#pool-mfa-saved", |t| t.contains("Optional"))
        .await
        .unwrap();
    let mfa = emu
        .admin_client()
        .await
        .get_user_pool_mfa_config()
        .user_pool_id(&pool.pool_id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        mfa.mfa_configuration().map(|m| m.as_str()),
        Some("OPTIONAL")
    );
    assert!(mfa.software_token_mfa_configuration().unwrap().enabled());
    // A passkey relying party id that is not a domain is refused before any request;
    // the field is marked and keeps what was typed.
    gui.type_into("#pool-passkey-rp", "https://auth.example.com/")
        .await
        .unwrap();
    gui.click("#pool-mfa-save").await.unwrap();
    gui.visible("#pool-passkey-rp[aria-invalid=true]")
        .await
        .unwrap();
    let typed = gui
        .visible("#pool-passkey-rp")
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(typed.as_deref(), Some("https://auth.example.com/"));
    gui.visible("#pool-passkey-rp")
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    gui.screenshot_both_languages("pool").await.unwrap();

    // A test user, created without a message and with a permanent password.
    gui.click("#nav-users").await.unwrap();
    gui.visible("tr[data-username='demo@example.com']")
        .await
        .unwrap();
    gui.click("#users-new").await.unwrap();
    gui.type_into("#user-create-email", NEW_USER).await.unwrap();
    gui.type_into("#user-create-password", DEMO_PASSWORD)
        .await
        .unwrap();
    gui.screenshot("users-create-en").await.unwrap();
    gui.click("#user-create-submit").await.unwrap();
    gui.text_until("[data-testid=user-card]", |t| {
        t.contains(NEW_USER) && t.contains("CONFIRMED")
    })
    .await
    .unwrap();
    let created = emu
        .admin_client()
        .await
        .admin_get_user()
        .user_pool_id(&pool.pool_id)
        .username(NEW_USER)
        .send()
        .await
        .unwrap();
    assert_eq!(created.user_status().map(|s| s.as_str()), Some("CONFIRMED"));
    assert!(created
        .user_attributes()
        .iter()
        .any(|a| a.name() == "email_verified" && a.value() == Some("true")));

    // Side by side with the demo user (the walkthrough's admin-get-user comparison).
    gui.click(&format!("tr[data-username='{USER}'] input.compare"))
        .await
        .unwrap();
    gui.text_until("#user-cards", |t| t.contains(USER) && t.contains(NEW_USER))
        .await
        .unwrap();
    gui.screenshot_both_languages("users-compare")
        .await
        .unwrap();

    // Deleting asks first; yes removes the user from the pool and the list.
    gui.click(&format!(
        ".user-card[data-username='{USER}'] button[data-action=delete]"
    ))
    .await
    .unwrap();
    let question = gui
        .text_until(".user-card .confirm", |t| t.contains(USER))
        .await
        .unwrap();
    assert!(question.contains("cannot be undone"), "{question}");
    gui.screenshot("users-confirm-delete-en").await.unwrap();
    gui.click(".user-card .confirm [data-testid=confirm-yes]")
        .await
        .unwrap();
    gui.text_until("#users-rows", |t| t.contains(NEW_USER) && !t.contains(USER))
        .await
        .unwrap();
    let gone = emu
        .admin_client()
        .await
        .admin_get_user()
        .user_pool_id(&pool.pool_id)
        .username(USER)
        .send()
        .await;
    assert!(gone.is_err(), "deleted in the pool");

    // The timeline: the admin calls are there, and one copies as aws-cli.
    gui.click("#nav-timeline").await.unwrap();
    gui.text_until("#timeline-rows", |t| t.contains("AdminCreateUser"))
        .await
        .unwrap();
    js(
        &gui,
        "const row = [...document.querySelectorAll('#timeline-rows tr[data-seq]')].find((r) => r.textContent.includes('AdminCreateUser')); row.click();",
    )
    .await;
    let open = "tr.timeline-details:not([hidden])";
    gui.click(&format!("{open} [data-testid=copy-aws-cli]"))
        .await
        .unwrap();
    let command = gui
        .text_until(&format!("{open} [data-testid=aws-cli]"), |t| {
            t.contains("admin-create-user")
        })
        .await
        .unwrap();
    assert!(
        command.contains("\"$PASSWORD\"") && !command.contains(DEMO_PASSWORD),
        "{command}"
    );
    assert!(command.contains("--message-action 'SUPPRESS'"), "{command}");
    gui.screenshot_both_languages("timeline-aws-cli")
        .await
        .unwrap();

    // The new user signs in with the password set on the screen: no new password asked.
    gui.click("#nav-signin").await.unwrap();
    gui.sign_in(NEW_USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#view-session", |t| t.contains(NEW_USER))
        .await
        .unwrap();
    gui.finish().await;
}

#[tokio::test]
async fn the_doctor_names_a_refused_flow_and_fix_makes_the_sign_in_work() {
    let opts = PoolOptions {
        srp_auth: false,
        ..PoolOptions::default()
    };
    let (_emu, pool, config) = world("gui-workbench-doctor", opts, SignInFlow::Srp).await;
    let shots = output_dir("gui-workbench-doctor");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("[data-testid=error-code]", |t| t == "AuthFlowNotEnabled")
        .await
        .unwrap();

    gui.click("#nav-doctor").await.unwrap();
    let failing = "li[data-check=signInFlow][data-verdict=fail]";
    let text = gui
        .text_until(failing, |t| t.contains("ALLOW_USER_SRP_AUTH"))
        .await
        .unwrap();
    assert!(
        text.contains("ExplicitAuthFlows"),
        "names what it read: {text}"
    );
    gui.screenshot_both_languages("doctor-failing")
        .await
        .unwrap();
    gui.click(&format!("{failing} [data-testid=doctor-fix]"))
        .await
        .unwrap();
    gui.visible("li[data-check=signInFlow][data-verdict=pass]")
        .await
        .unwrap();
    gui.screenshot_both_languages("doctor-fixed").await.unwrap();

    gui.click("#nav-appclient").await.unwrap();
    gui.text_until("#appclient-facts", |t| t.contains(&pool.client_id))
        .await
        .unwrap();
    assert!(gui
        .visible("#appclient-flow-ALLOW_USER_SRP_AUTH")
        .await
        .unwrap()
        .is_selected()
        .await
        .unwrap());
    gui.screenshot_both_languages("appclient").await.unwrap();

    // Refresh-token rotation: a grace period outside 0–60 is refused in the window,
    // what was typed stays; a good one goes out inside the complete update.
    gui.click("#appclient-rotation").await.unwrap();
    gui.type_into("#appclient-grace", "75").await.unwrap();
    gui.click("#appclient-save").await.unwrap();
    gui.text_until("[data-testid=error-code]", |t| t == "GracePeriodOutOfRange")
        .await
        .unwrap();
    let kept = gui.visible("#appclient-grace").await.unwrap();
    assert_eq!(kept.prop("value").await.unwrap().as_deref(), Some("75"));
    gui.type_into("#appclient-grace", "20").await.unwrap();
    assert!(
        !gui.client
            .find(fantoccini::Locator::Css("#error"))
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap(),
        "the message goes once the value is corrected"
    );
    // Enter in the field saves (the Save button is scrolled under the sticky bar here).
    gui.visible("#appclient-grace")
        .await
        .unwrap()
        .send_keys("\u{E007}")
        .await
        .unwrap();
    gui.text_until("#appclient-saved", |t| !t.is_empty())
        .await
        .unwrap();
    gui.click("#nav-timeline").await.unwrap();
    // The rows' details are folded: read what they hold, not what shows.
    let wanted = "Feature=ENABLED,RetryGracePeriodSeconds=20";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let held = gui
            .client
            .execute(
                "return document.querySelector('#timeline-rows')?.textContent ?? ''",
                vec![],
            )
            .await
            .unwrap();
        let held = held.as_str().unwrap_or_default().to_owned();
        if held.contains("RefreshTokenRotation") && held.contains(wanted) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "UpdateUserPoolClient with {wanted} not on the timeline: {held}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    gui.click("#nav-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-method", |t| t == "SRP")
        .await
        .unwrap();
    // "Refresh now" says which request refreshed (ministack has GetTokensFromRefreshToken)
    // and that the refresh token stayed (ministack does not rotate).
    gui.click("#session-refresh").await.unwrap();
    let how = gui
        .text_until("#session-refresh-how", |t| {
            t.contains("GetTokensFromRefreshToken")
        })
        .await
        .unwrap();
    assert!(how.contains("stays the same"), "{how}");
    gui.screenshot_both_languages("session-refreshed")
        .await
        .unwrap();
    gui.finish().await;
}

/// Without admin credentials the workbench says what is missing and how to provide it.
#[tokio::test]
async fn without_admin_credentials_the_pool_page_says_what_is_missing() {
    let dir = temp_dir("gui-workbench-none");
    let emu = Emulator::start(Kind::Moto, &dir.join("emulator")).expect("emulator starts");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .unwrap();
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(ProfileInput::from(pool.profile_settings("No admin")))
        .unwrap();
    let shots = output_dir("gui-workbench-none");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.click("#nav-pool").await.unwrap();
    gui.text_until("[data-testid=error-code]", |t| {
        t == "AdminCredentialsMissing"
    })
    .await
    .unwrap();
    let hint = gui
        .text_until("[data-testid=error-hint]", |t| t.contains("~/.aws"))
        .await
        .unwrap();
    assert!(hint.contains("Admin access"), "{hint}");
    gui.screenshot_both_languages("pool-no-admin")
        .await
        .unwrap();
    gui.finish().await;
}

/// The credential exchange picture with a refusal: the role may not list buckets, so
/// the S3 arrow turns red with the error code while the exchange before it is lit.
#[tokio::test]
async fn the_exchange_picture_turns_red_where_a_call_is_refused() {
    use cognito_desk_testbed::identity::{create_identity_pool, IdentityOptions};
    let (emu, pool, config) = world(
        "gui-workbench-exchange",
        PoolOptions::default(),
        SignInFlow::Password,
    )
    .await;
    let identity = create_identity_pool(
        &emu,
        &pool,
        &IdentityOptions {
            may_list_buckets: false,
            ..IdentityOptions::default()
        },
    )
    .await
    .unwrap();
    let mut store = ProfileStore::open(&config);
    let saved = store.profiles()[0].clone();
    let mut input = saved.to_input();
    input.settings.identity_pool_id = Some(identity);
    store.save(input).unwrap();
    let shots = output_dir("gui-workbench-exchange");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.visible("#view-session").await.unwrap();
    gui.click("#nav-credentials").await.unwrap();
    gui.click("#list-buckets").await.unwrap();
    let failed = gui
        .text_until(
            "[data-testid=exchange-edge-ListBuckets][data-state=failed]",
            |t| t.contains("AccessDenied"),
        )
        .await
        .unwrap();
    assert!(failed.contains("ListBuckets"), "{failed}");
    for edge in ["GetId", "GetCredentialsForIdentity"] {
        gui.visible(&format!(
            "[data-testid=exchange-edge-{edge}][data-state=ok]"
        ))
        .await
        .unwrap();
    }
    gui.screenshot_both_languages("exchange-refused")
        .await
        .unwrap();
    gui.finish().await;
}

/// WIRE-SHAPE (stand-in, not an emulator: none tracks devices). The user card lists a
/// user's devices (AdminListDevices) and forgets one (AdminForgetDevice).
#[tokio::test]
async fn wire_shape_the_user_card_lists_and_forgets_a_users_devices() {
    use cognito_desk_testbed::wire::{Exchange, StandIn};
    use serde_json::json;
    const POOL: &str = "us-east-1_CardDevices";
    const KEY: &str = "us-east-1_7e8f9a0b-1111-4222-8333-000011112222";
    let user = json!({"Username": USER, "Enabled": true, "UserStatus": "CONFIRMED",
        "UserCreateDate": 1_764_000_000.0, "UserLastModifiedDate": 1_764_000_000.0,
        "Attributes": [{"Name": "email", "Value": USER}]});
    let pool_of = |body: &serde_json::Value| {
        (body["UserPoolId"] == POOL)
            .then_some(())
            .ok_or_else(|| format!("not pool {POOL}: {body}"))
    };
    let listed = move |operation: &str, body: &serde_json::Value| {
        pool_of(body)?;
        match operation {
            "ListUsers" => Ok(json!({"Users": [user.clone()]})),
            _ => Ok(json!({"Groups": []})),
        }
    };
    let device = json!({"DeviceKey": KEY, "DeviceLastAuthenticatedDate": 1_765_000_000.0,
        "DeviceAttributes": [{"Name": "device_name", "Value": "build-agent-3"},
                             {"Name": "dev:device_remembered_status", "Value": "remembered"}]});
    let stand_in = StandIn::start(vec![
        // The page asks for the users and the groups at once.
        Exchange::any_of(&["ListUsers", "ListGroups"], listed.clone()),
        Exchange::any_of(&["ListUsers", "ListGroups"], listed),
        Exchange::new(
            "AdminGetUser",
            json!({"UserPoolId": POOL, "Username": USER}),
            json!({"Username": USER, "Enabled": true, "UserStatus": "CONFIRMED",
                   "UserCreateDate": 1_764_000_000.0, "UserLastModifiedDate": 1_764_000_000.0,
                   "UserAttributes": [{"Name": "email", "Value": USER}]}),
        ),
        Exchange::new(
            "AdminListGroupsForUser",
            json!({"UserPoolId": POOL, "Username": USER, "Limit": 60}),
            json!({"Groups": []}),
        ),
        Exchange::new(
            "AdminListDevices",
            json!({"UserPoolId": POOL, "Username": USER, "Limit": 60}),
            json!({"Devices": [device]}),
        ),
        Exchange::new(
            "AdminForgetDevice",
            json!({"UserPoolId": POOL, "Username": USER, "DeviceKey": KEY}),
            json!({}),
        ),
        Exchange::new(
            "AdminListDevices",
            json!({"UserPoolId": POOL, "Username": USER, "Limit": 60}),
            json!({"Devices": []}),
        ),
    ])
    .await;
    let dir = temp_dir("gui-workbench-card-devices");
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(ProfileInput::from(ProfileSettings {
            name: "Wire workbench".into(),
            region: "us-east-1".into(),
            user_pool_id: cognito_desk_core::ids::PoolId::new(POOL),
            client_id: cognito_desk_core::ids::ClientId::new("carddevicesclient00000001"),
            endpoint: Some(stand_in.endpoint.clone()),
            admin: AdminAccess {
                admin_credentials: AdminCredentials::EmulatorTest,
                admin_profile: None,
            },
            ..Default::default()
        }))
        .expect("profile");
    let shots = output_dir("gui-workbench-card-devices");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.click("#nav-users").await.unwrap();
    // The row's username cell opens the user's card.
    gui.click(&format!("tr[data-username='{USER}'] td:nth-child(2)"))
        .await
        .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    gui.click("[data-testid=user-devices] button")
        .await
        .unwrap();
    let row = format!("[data-testid=user-devices] li[data-device='{KEY}']");
    gui.text_until(&row, |t| t.contains("build-agent-3"))
        .await
        .unwrap_or_else(|e| panic!("{e}; the stand-in saw {:?}", stand_in.received()));
    js(
        &gui,
        "document.querySelector('[data-testid=user-devices]').scrollIntoView({block: 'center'})",
    )
    .await;
    gui.screenshot_both_languages("user-card-devices")
        .await
        .unwrap();
    // No administrator call lists a user's passkeys: the card says so and where they are.
    gui.text_until("[data-testid=user-passkeys]", |t| {
        t.contains("no administrator call") && t.contains(&format!("Sign in as {USER}"))
    })
    .await
    .unwrap();
    gui.click(&format!("{row} button")).await.unwrap();
    gui.text_until("[data-testid=user-devices] li", |t| {
        t.contains("no devices") || t.contains("デバイスはありません")
    })
    .await
    .unwrap();
    stand_in.assert_script_done();
    gui.finish().await;
}
