//! One keychain, two fronts: a session begun by the CLI — with the test authenticator
//! enrolled — is restored by the window, which marks the user as a test account, shows
//! the same current code the CLI prints, and forgets the secret in one action (after
//! which the CLI has no code to make). Screenshots in English and Japanese.

mod common;

use cognito_desk_core::profile::ProfileStore;
use cognito_desk_core::vault::SERVICE_ENV;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, temp_dir};
use common::{cli_in, USER};

#[tokio::test]
async fn the_window_restores_the_cli_session_and_marks_the_test_account() {
    Box::pin(scenario()).await;
}

async fn scenario() {
    let dir = temp_dir("gui-cli");
    let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("emulator");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .unwrap();
    seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(pool.profile_input("Test"))
        .expect("profile");
    // The window's keychain service for this config dir (tests/src/gui.rs).
    let service = format!("cognito-desk-test-{}", config.display());
    let env = [(SERVICE_ENV, service.as_str())];
    let password = format!("{DEMO_PASSWORD}\n");
    let sign_in = ["sign-in", "-p", "Test", "-u", USER, "--password-stdin"];
    cli_in(&config, &sign_in, &env, Some(&password)).await.ok();
    let enroll = ["mfa", "enroll", "-p", "Test", "--test-authenticator"];
    cli_in(&config, &enroll, &env, None).await.ok();

    let shots = output_dir("gui-cli");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();
    gui.visible("#session-restored-note").await.unwrap();
    gui.click("#nav-mfa").await.unwrap();
    gui.visible("#mfa-test-account").await.unwrap();
    let status = gui
        .text_until("#mfa-status", |t| t.contains("on"))
        .await
        .unwrap();
    assert!(status.contains("on, preferred"), "{status}");

    // The code on screen is the one the CLI makes from the same keychain entry.
    let code_args = ["mfa", "code", "-p", "Test", "-u", USER];
    let mut matched = false;
    for _ in 0..3 {
        let printed = cli_in(&config, &code_args, &env, None).await.ok();
        gui.click("#mfa-test-code-show").await.unwrap();
        let shown = gui
            .text_until("#mfa-test-code", |t| !t.is_empty())
            .await
            .unwrap();
        if shown.starts_with(printed.stdout.trim()) {
            matched = true;
            break;
        }
        // The 30-s window turned between the two: try again.
    }
    assert!(matched, "the window and the CLI show the same code");
    gui.screenshot("test-account").await.unwrap();
    gui.set_lang("ja").await.unwrap();
    gui.text_until("#mfa-test-account", |t| t.contains("テスト用アカウント"))
        .await
        .unwrap();
    gui.screenshot("test-account-ja").await.unwrap();
    gui.set_lang("en").await.unwrap();

    gui.click("#mfa-test-forget").await.unwrap();
    gui.text_until("#mfa-test-account", str::is_empty)
        .await
        .unwrap();
    gui.screenshot("forgotten").await.unwrap();
    cli_in(&config, &code_args, &env, None).await.failed(5);
    gui.finish().await;
}
