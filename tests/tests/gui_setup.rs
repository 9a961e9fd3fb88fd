//! The window's test-setup screen on ministack and on moto, from nothing and back, as a
//! tester uses it, with a pool and a role made beforehand that the setup must never
//! touch:
//! - a bad name is marked on the form and nothing is made;
//! - Create: each step shows in the progress list as it happens, then the users, the
//!   setup in the list and its profile in the window;
//! - "Sign in as the MFA user": the TOTP challenge answered with the code of the secret
//!   the setup enrolled (read by the test from the same keychain and ledger), the AWS
//!   credentials through the setup's identity pool, the setup's bucket listed (on moto,
//!   which asks an enrolled user for no code, the plain user signs in instead);
//! - Tear down, confirmed: each deletion in the progress list; then the test bed's own
//!   admin clients find nothing the record listed and the pool and role made beforehand
//!   still there, and the profile is gone from the window.

use cognito_desk_core::ids::Username;
use cognito_desk_core::setup::{Manifest, Resource};
use cognito_desk_core::vault::OsKeychain;
use cognito_desk_core::Desk;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, PoolOptions};
use cognito_desk_testbed::setups::{exists, made, pre_existing_role};
use cognito_desk_testbed::{output_dir, temp_dir};

const PASSWORD: &str = "Setup-Passw0rd!";
const NAME: &str = "window-setup";

#[tokio::test]
async fn ministack_a_setup_made_used_and_torn_down_in_the_window() {
    round_trip(Kind::Ministack).await;
}

#[tokio::test]
async fn moto_a_setup_made_used_and_torn_down_in_the_window() {
    round_trip(Kind::Moto).await;
}

async fn round_trip(kind: Kind) {
    let dir = temp_dir(&format!("gui-setup-{}", kind.name()));
    let config = dir.join("config");
    // The window's keychain service, for the test's own look at the enrolled secret.
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", config.display()),
    );
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator");
    let pool_before = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .expect("a pool made beforehand");
    let role_before = pre_existing_role(&emu).await;

    let shots = output_dir(&format!("gui-setup-{}", kind.name()));
    let mut gui = Gui::start(&config, &shots).await.expect("window");
    // No profile yet: the window opens on Profiles (its script is running then).
    gui.visible("#view-profiles").await.unwrap();
    gui.click("#nav-setups").await.unwrap();
    gui.visible("#setups-empty").await.unwrap();
    if kind == Kind::Moto {
        // The CloudFormation template, as another program pastes it.
        gui.click("#setups-template").await.unwrap();
        let pasted = clipboard_until(|t| t.contains("AWSTemplateFormatVersion"));
        assert!(
            pasted.contains("AWS::Cognito::IdentityPoolRoleAttachment"),
            "{pasted}"
        );
    }

    // Bad input: marked on the form, nothing made, nothing typed lost.
    gui.type_into("#setup-name", "Team_A").await.unwrap();
    gui.type_into("#setup-region", "us-east-1").await.unwrap();
    gui.type_into("#setup-endpoint", &emu.endpoint())
        .await
        .unwrap();
    choose(&gui, "#setup-admin-credentials", "emulatorTest").await;
    gui.type_into("#setup-password", PASSWORD).await.unwrap();
    gui.click("#setup-create").await.unwrap();
    gui.text_until("#setup-name-error", |t| t.contains("lowercase"))
        .await
        .unwrap();
    assert!(
        std::fs::read_dir(config.join("setups")).map_or(true, |mut d| d.next().is_none()),
        "a refused request leaves no record"
    );
    let kept = gui
        .visible("#setup-password")
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some(PASSWORD), "the password is kept");

    if kind == Kind::Moto {
        // A run that stops half-way: moto fakes SRP (its secret block is not base64),
        // so the MFA user's first sign-in fails after every AWS resource was made. The
        // step is marked where it stopped, the setup is listed as incomplete, and its
        // tear-down removes what was made.
        gui.type_into("#setup-name", "half-made").await.unwrap();
        gui.click("#setup-create").await.unwrap();
        gui.visible("#setup-steps li[data-state='failed'][data-step='testAuthenticator']")
            .await
            .unwrap();
        gui.visible("#setups-rows tr[data-setup='half-made']")
            .await
            .unwrap();
        gui.screenshot_both_languages("setup-stopped")
            .await
            .unwrap();
        tear_down(&mut gui, "half-made", None).await;
        gui.visible("#setups-empty").await.unwrap();
        // The password flow instead, chosen under the folded options.
        gui.click("#setup-options summary").await.unwrap();
        choose(&gui, "#setup-sign-in-flow", "password").await;
        gui.type_into("#setup-password", PASSWORD).await.unwrap();
    }
    // Create: the steps as they happen, then the outcome.
    gui.type_into("#setup-name", NAME).await.unwrap();
    if kind == Kind::Ministack {
        // SMS and email as MFA methods, under the folded options.
        gui.click("#setup-options summary").await.unwrap();
        gui.click("#setup-sms-mfa").await.unwrap();
        gui.type_into(
            "#setup-email-mfa",
            "arn:aws:ses:us-east-1:000000000000:identity/example.com",
        )
        .await
        .unwrap();
    }
    gui.click("#setup-create").await.unwrap();
    gui.visible("#setup-steps li[data-step='userPool']")
        .await
        .unwrap();
    gui.text_until("#setup-outcome-title", |t| t.contains(NAME))
        .await
        .unwrap();
    let steps = step_states(&gui).await;
    for step in [
        "userPool",
        "appClient",
        "bucket",
        "identityPool",
        "role",
        "rolePolicy",
        "user",
        "profile",
        "testAuthenticator",
    ] {
        assert!(
            steps.contains(&format!("{step}:done")),
            "{step} done: {steps:?}"
        );
    }
    assert!(!steps.iter().any(|s| s.ends_with(":running")), "{steps:?}");
    // With SMS, Cognito's SMS role comes before the pool.
    let roles = steps.iter().filter(|s| *s == "role:done").count();
    assert_eq!(
        roles,
        if kind == Kind::Ministack { 2 } else { 1 },
        "{steps:?}"
    );
    gui.visible(&format!("#setups-rows tr[data-setup='{NAME}']"))
        .await
        .unwrap();
    gui.screenshot_both_languages("setup-made").await.unwrap();

    // The same name again: refused before any call, worded from the values the core
    // sent (the name), in both languages.
    gui.type_into("#setup-name", NAME).await.unwrap();
    gui.type_into("#setup-password", PASSWORD).await.unwrap();
    gui.click("#setup-create").await.unwrap();
    gui.text_until("#error", |t| t.contains(&format!("“{NAME}” is taken")))
        .await
        .unwrap();
    gui.set_lang("ja").await.unwrap();
    gui.text_until("#error", |t| {
        t.contains(&format!("「{NAME}」という名前は使われています"))
    })
    .await
    .unwrap();
    gui.set_lang("en").await.unwrap();
    gui.screenshot_both_languages("setup-name-taken")
        .await
        .unwrap();

    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(config.join("setups").join(format!("{NAME}.json"))).unwrap(),
    )
    .unwrap();
    assert!(manifest.complete, "{manifest:#?}");
    let bucket = made(&manifest, "bucket");
    let mfa_user = format!("mfa-user@{NAME}.example.com");

    // The MFA user signs in with the setup's profile, selected for it.
    gui.click("#setup-sign-in").await.unwrap();
    assert_eq!(current_profile(&gui).await, NAME);
    let typed = gui
        .visible("#signin-username")
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(typed.as_deref(), Some(mfa_user.as_str()));
    if kind == Kind::Ministack {
        gui.type_into("#signin-password", PASSWORD).await.unwrap();
        gui.click("#signin-submit").await.unwrap();
        gui.visible("#totp-code").await.unwrap();
        let desk = Desk::open(&config, Box::new(OsKeychain::default()));
        let code = desk
            .test_authenticator()
            .answer_code(&manifest_profile(&manifest), &Username::new(&mfa_user))
            .await
            .expect("the secret the setup enrolled");
        gui.type_into("#totp-code", &code).await.unwrap();
        gui.click("#totp-submit").await.ok(); // the view may have sent six digits already
    } else {
        gui.sign_in(&format!("plain-user@{NAME}.example.com"), PASSWORD)
            .await
            .unwrap();
    }
    gui.visible("#view-session").await.unwrap();
    gui.click("#nav-credentials").await.unwrap();
    gui.click("#get-credentials").await.unwrap();
    // An access key id (moto's are not temporary-looking ASIA… ones).
    gui.text_until("#cred-access-key-id", |t| t.len() >= 16)
        .await
        .unwrap();
    gui.click("#list-buckets").await.unwrap();
    gui.visible(&format!("#buckets-table tr[data-bucket='{bucket}']"))
        .await
        .unwrap();
    gui.screenshot_both_languages("setup-bucket-listed")
        .await
        .unwrap();

    // Tear down, confirmed first.
    gui.click("#nav-setups").await.unwrap();
    tear_down(&mut gui, NAME, Some("setup-tear-down-confirm")).await;
    gui.visible("#setups-empty").await.unwrap();
    gui.text_until("#setup-outcome-title", |t| t.contains("torn down"))
        .await
        .unwrap();
    let deletions = step_states(&gui).await;
    let made = manifest.resources.len();
    assert_eq!(
        deletions.iter().filter(|s| *s == "delete:done").count(),
        made,
        "one line per resource of the record: {deletions:?}"
    );
    gui.screenshot_both_languages("setup-torn-down")
        .await
        .unwrap();
    assert_ne!(
        current_profile(&gui).await,
        NAME,
        "the setup's profile is gone"
    );
    let session_nav = gui.visible("#nav-session").await.unwrap();
    assert!(
        !session_nav.is_enabled().await.unwrap(),
        "the session of the removed profile ended with it"
    );
    gui.finish().await;

    for resource in &manifest.resources {
        if matches!(resource, Resource::Profile { .. }) {
            continue;
        }
        assert!(!exists(&emu, resource).await, "{resource:?} remains");
    }
    for untouched in [
        Resource::UserPool {
            id: pool_before.pool_id.clone(),
            arn: None,
        },
        Resource::Role {
            name: role_before.clone(),
            arn: String::new(),
        },
    ] {
        assert!(exists(&emu, &untouched).await, "{untouched:?} was deleted");
    }
    // The profiles file as the next start reads it.
    let after = Desk::open(&config, Box::new(OsKeychain::default()));
    assert!(after.profiles().view().profiles.is_empty());
}

/// Tear down `name` from its row, and the yes under it (the question shot as `shot`).
async fn tear_down(gui: &mut Gui, name: &str, shot: Option<&str>) {
    gui.click(&format!(
        "#setups-rows tr[data-setup='{name}'] [data-testid='setup-tear-down']"
    ))
    .await
    .unwrap();
    gui.visible(&format!("tr[data-confirm='{name}']"))
        .await
        .unwrap();
    if let Some(shot) = shot {
        gui.screenshot_both_languages(shot).await.unwrap();
    }
    gui.click("[data-testid='setup-tear-down-yes']")
        .await
        .unwrap();
}

/// Picks `value` in the select `css`, as a person's choice does (a change event).
async fn choose(gui: &Gui, css: &str, value: &str) {
    let el = gui.visible(css).await.unwrap();
    el.select_by_value(value).await.unwrap();
}

/// The X clipboard's text once `pred` holds (5 s at most), as another program reads it.
fn clipboard_until(pred: impl Fn(&str) -> bool) -> String {
    let mut clipboard = arboard::Clipboard::new().expect("the X clipboard");
    let mut text = String::new();
    for _ in 0..50 {
        text = clipboard.get_text().unwrap_or_default();
        if pred(&text) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    text
}

/// The profile the top bar names.
async fn current_profile(gui: &Gui) -> String {
    let name = gui
        .client
        .execute(
            "return document.getElementById('current-profile').textContent;",
            vec![],
        )
        .await
        .unwrap();
    name.as_str().unwrap_or_default().to_owned()
}

/// The progress list as `step:state` lines.
async fn step_states(gui: &Gui) -> Vec<String> {
    let mut out = Vec::new();
    let items = gui
        .client
        .find_all(fantoccini::Locator::Css("#setup-steps li"))
        .await
        .unwrap();
    for li in items {
        let step = li.attr("data-step").await.unwrap().unwrap_or_default();
        let state = li.attr("data-state").await.unwrap().unwrap_or_default();
        out.push(format!("{step}:{state}"));
    }
    out
}

fn manifest_profile(manifest: &Manifest) -> cognito_desk_core::ids::ProfileId {
    manifest
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::Profile { id, .. } => Some(id.clone()),
            _ => None,
        })
        .expect("the record names the profile")
}
