//! A test setup made by the core (what `cognito-desk-cli setup create` runs) on
//! ministack, then used in the real window as a tester would: the setup's profile signs
//! in the plain user, the credentials page trades the ID token through the setup's
//! identity pool and lists the setup's bucket with them; then the setup is torn down
//! and the profile is gone from the window's list.

use cognito_desk_core::profile::{AdminAccess, AdminCredentials};
use cognito_desk_core::secret::Password;
use cognito_desk_core::setup::{Resource, SetupOptions, SetupProgress, SetupRequest};
use cognito_desk_core::vault::OsKeychain;
use cognito_desk_core::Desk;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::{output_dir, temp_dir};

const PASSWORD: &str = "Setup-Passw0rd!";

#[tokio::test]
async fn ministack_a_new_setup_signs_in_and_lists_its_bucket_in_the_window() {
    let dir = temp_dir("gui-setup");
    let config = dir.join("config");
    // The window's keychain service for this test, for the core's enrollment too.
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", config.display()),
    );
    let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("ministack");
    let request = SetupRequest {
        name: "window-setup".into(),
        region: "us-east-1".into(),
        endpoint: Some(emu.endpoint()),
        admin: AdminAccess {
            admin_credentials: AdminCredentials::EmulatorTest,
            admin_profile: None,
        },
        options: SetupOptions::default(),
    };
    let desk = Desk::open(&config, Box::new(OsKeychain::default()));
    let quiet = |_: SetupProgress| {};
    let made = desk
        .create_setup(&request, &Password::new(PASSWORD), &quiet)
        .await
        .expect("setup");
    let bucket = made
        .manifest
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::Bucket { name } => Some(name.clone()),
            _ => None,
        })
        .unwrap();

    let shots = output_dir("gui-setup");
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    // The setup's profile is the one selected: the sign-in form uses it.
    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(&made.plain_user, PASSWORD).await.unwrap();
    gui.visible("#view-session").await.unwrap();
    gui.click("#nav-credentials").await.unwrap();
    gui.click("#get-credentials").await.unwrap();
    gui.text_until("#cred-access-key-id", |t| t.starts_with("ASIA"))
        .await
        .unwrap();
    gui.click("#list-buckets").await.unwrap();
    gui.visible(&format!("#buckets-table tr[data-bucket='{bucket}']"))
        .await
        .unwrap();
    gui.screenshot_both_languages("setup-bucket-listed")
        .await
        .unwrap();
    gui.finish().await;

    desk.destroy_setup(&request.name, &quiet)
        .await
        .expect("tear-down");
    assert!(
        desk.profiles().view().profiles.is_empty(),
        "the setup's profile went"
    );
}
