//! The real window, driven through WebDriver under Xvfb, against a seeded emulator.
//! Screenshots of each screen land in `test-output/gui-*`.

use cognito_desk::profile::ProfileStore;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, temp_dir, totp};

const MFA_USER: &str = "demo-with-mfa@example.com";

async fn seeded(kind: Kind, name: &str) -> (Emulator, Pool, String, std::path::PathBuf) {
    let dir = temp_dir(name);
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator starts");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .expect("pool");
    seed::create_user(&emu, &pool, MFA_USER, DEMO_PASSWORD)
        .await
        .expect("user");
    let secret = seed::enroll_totp(&pool, MFA_USER, DEMO_PASSWORD)
        .await
        .expect("enrolled");
    (emu, pool, secret, dir.join("config"))
}

#[tokio::test]
async fn create_a_profile_then_sign_in_with_a_totp_code() {
    let (_emu, pool, secret, config) = seeded(Kind::Ministack, "gui-signin").await;
    let shots = output_dir("gui-signin");
    let mut gui = Gui::start(&config, &shots).await.expect("window");

    // No profiles yet: the app opens on the Profiles page.
    gui.visible("#view-profiles").await.unwrap();
    gui.screenshot("profiles-empty").await.unwrap();
    gui.type_into("#profile-name", "Emulator").await.unwrap();
    gui.type_into("#profile-region", "us-east-1").await.unwrap();
    // A pool id from another region is flagged on the field while typing.
    gui.type_into("#profile-user-pool-id", "eu-west-1_Abc123")
        .await
        .unwrap();
    gui.text_until("[data-error-for=userPoolId]", |t| t.contains("eu-west-1"))
        .await
        .unwrap();
    gui.screenshot("profile-field-error").await.unwrap();
    gui.type_into("#profile-user-pool-id", &pool.pool_id)
        .await
        .unwrap();
    gui.type_into("#profile-client-id", &pool.client_id)
        .await
        .unwrap();
    gui.type_into("#profile-endpoint", &pool.endpoint)
        .await
        .unwrap();
    gui.text_until("[data-error-for=userPoolId]", str::is_empty)
        .await
        .unwrap();
    gui.click("#profile-save").await.unwrap();
    gui.visible("li[data-testid=profile-item]").await.unwrap();
    gui.screenshot("profile-saved").await.unwrap();
    // The profile reached the config dir through the app.
    let stored = ProfileStore::open(&config);
    assert_eq!(stored.profiles().len(), 1);
    assert_eq!(stored.profiles()[0].user_pool_id, pool.pool_id);

    gui.click("#nav-signin").await.unwrap();
    gui.type_into("#signin-username", MFA_USER).await.unwrap();
    gui.type_into("#signin-password", DEMO_PASSWORD)
        .await
        .unwrap();
    gui.click("#signin-submit").await.unwrap();
    gui.visible("#totp-code").await.unwrap();
    let left: u32 = gui
        .text_until("#totp-seconds-left", |t| {
            t.chars().any(|c| c.is_ascii_digit())
        })
        .await
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&left), "seconds left: {left}");
    gui.screenshot("totp-challenge").await.unwrap();

    let code = totp::fresh_code(&secret).await.unwrap();
    gui.type_into("#totp-code", &code).await.unwrap();
    gui.click("#totp-submit").await.ok(); // the view may already have auto-submitted
    gui.text_until("#session-email", |t| t == MFA_USER)
        .await
        .unwrap();
    gui.text_until("#session-username", |t| t == MFA_USER)
        .await
        .unwrap();
    gui.visible("#claims-table tr[data-claim=sub]")
        .await
        .unwrap();
    gui.screenshot("signed-in").await.unwrap();
    gui.finish().await;
}

#[tokio::test]
async fn a_wrong_code_says_so_and_keeps_the_code_screen() {
    let (_emu, pool, secret, config) = seeded(Kind::Moto, "gui-wrong-code").await;
    ProfileStore::open(&config)
        .save(pool.profile_input("Emulator"))
        .expect("profile");
    let shots = output_dir("gui-wrong-code");
    let mut gui = Gui::start(&config, &shots).await.expect("window");

    gui.visible("#view-signin").await.unwrap();
    gui.type_into("#signin-username", MFA_USER).await.unwrap();
    gui.type_into("#signin-password", DEMO_PASSWORD)
        .await
        .unwrap();
    gui.click("#signin-submit").await.unwrap();
    gui.type_into("#totp-code", &totp::wrong_code(&secret).unwrap())
        .await
        .unwrap();
    gui.click("#totp-submit").await.ok();
    gui.text_until("#error [data-testid=error-code]", |t| {
        t == "CodeMismatchException"
    })
    .await
    .unwrap();
    gui.text_until("#error [data-testid=error-hint]", |t| t.contains("clock"))
        .await
        .unwrap();
    gui.visible("#totp-code").await.unwrap();
    gui.screenshot("wrong-code").await.unwrap();

    // The same challenge still takes the right code.
    let code = totp::fresh_code(&secret).await.unwrap();
    gui.type_into("#totp-code", &code).await.unwrap();
    gui.click("#totp-submit").await.ok();
    gui.text_until("#session-email", |t| t == MFA_USER)
        .await
        .unwrap();
    gui.finish().await;
}
