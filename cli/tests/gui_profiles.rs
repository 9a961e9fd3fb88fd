//! A profile handed over as a file, both ways between the two fronts: one the CLI
//! exported is imported into a fresh window, which signs in with it; the window's own
//! export, saved to Downloads, is imported by the CLI on a fresh computer, which signs
//! in with it. A broken file names every problem in the window, in both languages, and
//! deleting the profile says which keychain entries went. Screenshots in English and
//! Japanese.

mod common;

use cognito_desk_core::profile::ProfileStore;
use cognito_desk_core::vault::SERVICE_ENV;
use cognito_desk_testbed::emulator::{Emulator, Kind, REGION};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, repo_root, temp_dir};
use common::{cli_in, USER};
use serde_json::Value;
use std::path::Path;

#[tokio::test]
async fn a_profile_file_goes_from_the_cli_to_the_window_and_back() {
    Box::pin(scenario()).await;
}

async fn value_of(gui: &Gui, css: &str) -> Value {
    let script = format!("return document.querySelector('{css}').value;");
    gui.client
        .execute(&script, vec![])
        .await
        .expect("script runs")
}

async fn scenario() {
    let dir = temp_dir("gui-profile-file");
    let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("emulator");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .unwrap();
    seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();

    // The CLI on one computer makes the profile (SRP, a new profile's flow) and exports it.
    let cli_config = dir.join("cli-config");
    std::env::set_var(
        SERVICE_ENV,
        format!("cognito-desk-test-{}", cli_config.display()),
    );
    let endpoint = emu.endpoint();
    let add = [
        "profile",
        "add",
        "Shared",
        "--region",
        REGION,
        "--user-pool-id",
        &pool.pool_id,
        "--client-id",
        &pool.client_id,
        "--endpoint",
        &endpoint,
    ];
    cli_in(&cli_config, &add, &[], None).await.ok();
    let from_cli = cli_in(&cli_config, &["profile", "export", "Shared"], &[], None)
        .await
        .ok()
        .stdout;
    let cli_file = dir.join("Shared-from-cli.json");
    std::fs::write(&cli_file, &from_cli).unwrap();

    // A fresh window (no profiles; its own HOME, whose Downloads the export goes to).
    let config = dir.join("window-config");
    let home = dir.join("window-home");
    std::fs::create_dir_all(&home).unwrap();
    let shots = output_dir("gui-profile-file");
    let home_env = home.display().to_string();
    let mut gui = Gui::start_with_env(&config, &shots, &[("HOME", &home_env)])
        .await
        .expect("window");
    gui.visible("#view-profiles").await.unwrap();

    // A broken file first: every problem named beside the form, nothing filled.
    let broken = repo_root().join("src-tauri/core/fixtures/profile-export/every-problem.json");
    gui.choose_file("#profile-file-import-file", &broken)
        .await
        .unwrap();
    let problems = gui
        .text_until("#profile-file-problems", |t| {
            t.contains("did you mean \"userPoolId\"?")
        })
        .await
        .unwrap();
    for said in [
        "\"colour\" is not a profile setting",
        "must be one of srp, password, userAuth, custom",
        "Region: This is not a region name",
    ] {
        assert!(problems.contains(said), "{said}: {problems}");
    }
    let items: Value = gui
        .client
        .execute(
            "return document.querySelectorAll('#profile-file-problems li').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(items, 9);
    assert_eq!(value_of(&gui, "#profile-name").await, "");
    gui.text_until("#error", str::is_empty).await.unwrap();
    gui.screenshot_both_languages("import-broken")
        .await
        .unwrap();

    // The CLI's export: the form filled for review, nothing saved until Save.
    gui.choose_file("#profile-file-import-file", &cli_file)
        .await
        .unwrap();
    gui.text_until("#profile-file-summary", |t| {
        t.contains("nothing is saved yet")
    })
    .await
    .unwrap();
    assert_eq!(value_of(&gui, "#profile-name").await, "Shared");
    assert_eq!(
        value_of(&gui, "#profile-user-pool-id").await,
        pool.pool_id.as_str()
    );
    assert_eq!(value_of(&gui, "#profile-sign-in-flow").await, "srp");
    assert_eq!(value_of(&gui, "#profile-endpoint").await, endpoint.as_str());
    assert!(
        ProfileStore::open(&config).profiles().is_empty(),
        "nothing saved yet"
    );
    gui.screenshot_both_languages("import-filled")
        .await
        .unwrap();
    gui.click("#profile-save").await.unwrap();
    gui.visible("li[data-testid=profile-item]").await.unwrap();

    // It works in the window: an SRP sign-in against ministack's real verifier.
    gui.click("#nav-signin").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();
    gui.text_until("#session-method", |t| t == "SRP")
        .await
        .unwrap();

    // The window's export: shown, then saved to Downloads (here: HOME, which has none).
    gui.click("#nav-profiles").await.unwrap();
    gui.click("#profile-export").await.unwrap();
    let shown = gui
        .text_until("#profile-export-json", |t| t.contains("$schema"))
        .await
        .unwrap();
    assert_eq!(
        shown,
        from_cli.trim_end(),
        "the window writes what the CLI writes"
    );
    gui.click("#profile-export-save").await.unwrap();
    let saved = gui
        .text_until("#profile-export-saved", |t| t.starts_with("Saved to "))
        .await
        .unwrap();
    let path = saved.trim_start_matches("Saved to ").to_owned();
    assert_eq!(Path::new(&path), home.join("Shared.cognito-desk.json"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), from_cli);
    gui.screenshot_both_languages("export-saved").await.unwrap();

    // Another computer's CLI imports the window's file and signs in with it.
    let other = dir.join("other-config");
    std::env::set_var(
        SERVICE_ENV,
        format!("cognito-desk-test-{}", other.display()),
    );
    let imported = cli_in(&other, &["profile", "import", &path], &[], None)
        .await
        .ok();
    assert!(
        imported.stderr.contains("Profile \"Shared\" imported from"),
        "{imported:#?}"
    );
    let password = format!("{DEMO_PASSWORD}\n");
    let sign_in = ["sign-in", "-p", "Shared", "-u", USER, "--password-stdin"];
    let signed = cli_in(&other, &sign_in, &[], Some(&password)).await.ok();
    assert!(signed.stderr.contains("(SRP)."), "{signed:#?}");

    // Deleting the profile in the window takes its session from the keychain, and says so.
    gui.click("#profile-delete").await.unwrap();
    gui.click("#delete-confirm-yes").await.unwrap();
    gui.text_until("#status", |t| {
        t.contains("removed from the OS keychain: the session of demo@example.com")
    })
    .await
    .unwrap();
    assert!(ProfileStore::open(&config).profiles().is_empty());
    gui.finish().await;
}
