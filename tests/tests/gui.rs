//! The real window, driven through WebDriver under Xvfb, against a seeded emulator.
//! Screenshots of each screen land in `test-output/gui-*`.

use cognito_desk_core::profile::{ProfileInput, ProfileStore, SignInFlow};
use cognito_desk_testbed::browser::Browser;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::{read_qr_codes, Gui};
use cognito_desk_testbed::identity::{create_buckets, create_identity_pool, IdentityOptions};
use cognito_desk_testbed::managed::{self, USER as MANAGED_USER};
use cognito_desk_testbed::sandbox::secret_of;
use cognito_desk_testbed::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, temp_dir, totp};
use std::path::{Path, PathBuf};

const MFA_USER: &str = "demo-with-mfa@example.com";

/// An emulator with a fresh pool, `user` created with the demo password, and the config
/// dir the window will use (empty: a test saves a profile there when it needs one).
async fn world(kind: Kind, name: &str, user: &str) -> (Emulator, Pool, PathBuf) {
    let dir = temp_dir(name);
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator starts");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .expect("pool");
    seed::create_user(&emu, &pool, user, DEMO_PASSWORD)
        .await
        .expect("user");
    (emu, pool, dir.join("config"))
}

/// The MFA user enrolled through the SDK; returns its TOTP secret too.
async fn seeded(kind: Kind, name: &str) -> (Emulator, Pool, String, PathBuf) {
    let (emu, pool, config) = world(kind, name, MFA_USER).await;
    let secret = seed::enroll_totp(&pool, MFA_USER, DEMO_PASSWORD)
        .await
        .expect("enrolled");
    (emu, pool, secret, config)
}

fn save_profile(config: &Path, input: ProfileInput) {
    ProfileStore::open(config).save(input).expect("profile");
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
    assert_eq!(
        stored.profiles()[0].settings.user_pool_id.as_str(),
        pool.pool_id
    );
    // A profile made in the form signs in with SRP unless the user picks otherwise: the
    // sign-in below is SRP against ministack's real verifier, then the TOTP code.
    assert_eq!(stored.profiles()[0].settings.sign_in_flow, SignInFlow::Srp);

    gui.click("#nav-signin").await.unwrap();
    gui.sign_in(MFA_USER, DEMO_PASSWORD).await.unwrap();
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
    // The window says what the sign-in proved: SRP, then the code.
    gui.text_until("#session-method", |t| t == "SRP + Authenticator app")
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
    save_profile(&config, pool.profile_input("Emulator"));
    let shots = output_dir("gui-wrong-code");
    let mut gui = Gui::start(&config, &shots).await.expect("window");

    gui.visible("#view-signin").await.unwrap();
    gui.sign_in(MFA_USER, DEMO_PASSWORD).await.unwrap();
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

/// Enrollment as a person does it: the test reads the QR code the app drew out of a
/// screenshot, computes the code from what it read, types it, and sees TOTP turn on;
/// then the next sign-in asks for a code.
#[tokio::test]
async fn enroll_by_scanning_the_drawn_qr_code_then_sign_in_with_a_code() {
    const USER: &str = "demo@example.com";
    let (_emu, pool, config) = world(Kind::Ministack, "gui-enroll", USER).await;
    save_profile(&config, pool.profile_input("Emulator"));
    let shots = output_dir("gui-enroll");
    let mut gui = Gui::start(&config, &shots).await.expect("window");

    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();
    gui.click("#nav-mfa").await.unwrap();
    let off = gui
        .text_until("#mfa-status", |t| !t.trim().is_empty())
        .await
        .unwrap();
    gui.screenshot("mfa-off").await.unwrap();
    gui.click("#mfa-setup").await.unwrap();
    gui.visible("#mfa-qr").await.unwrap();
    let qr_shot = gui.screenshot_both_languages("qr-code").await.unwrap();

    let codes = read_qr_codes(&qr_shot).unwrap();
    assert_eq!(codes.len(), 1, "exactly one QR code on screen: {codes:?}");
    let uri = &codes[0];
    assert!(
        uri.starts_with("otpauth://totp/Cognito%20Desk:demo%40example.com?secret="),
        "{uri}"
    );
    std::fs::write(shots.join("qr-decoded.txt"), uri).unwrap();
    let secret = secret_of(uri).expect("secret in the scanned URI");
    // The key shown as text is the same secret, in groups of four.
    let shown = gui
        .text_until("#mfa-secret", |t| !t.is_empty())
        .await
        .unwrap();
    assert_eq!(shown.split_whitespace().collect::<String>(), secret);

    gui.type_into("#mfa-device-name", "Test phone")
        .await
        .unwrap();
    // A test account: the test authenticator keeps the secret.
    gui.click("#mfa-remember-test").await.unwrap();
    let code = totp::fresh_code(&secret).await.unwrap();
    gui.type_into("#mfa-code", &code).await.unwrap();
    gui.click("#mfa-verify").await.ok(); // a full code may already have been submitted
    gui.visible("#mfa-enrolled-note").await.unwrap();
    let on = gui.text_until("#mfa-status", |t| t != off).await.unwrap();
    assert!(on.contains("on, preferred"), "{on}");
    gui.visible("#mfa-test-account").await.unwrap();
    // The QR code and the secret are gone from the screen.
    let after = gui.screenshot("mfa-on").await.unwrap();
    assert!(read_qr_codes(&after).unwrap().is_empty());
    let secret_left = gui
        .client
        .find_all(fantoccini::Locator::Css("#mfa-secret"))
        .await
        .unwrap();
    for el in secret_left {
        assert!(el.text().await.unwrap_or_default().is_empty());
    }

    gui.click("#nav-session").await.unwrap();
    gui.click("#signout").await.unwrap();
    // Sign-out talks to the server first; the sign-in form comes after it finished.
    gui.visible("#view-signin").await.unwrap();
    wait_until_disabled(&gui, "#nav-session").await;
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.visible("#totp-code").await.unwrap();
    let code = totp::fresh_code(&secret).await.unwrap();
    gui.type_into("#totp-code", &code).await.unwrap();
    gui.click("#totp-submit").await.ok();
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();
    gui.screenshot("signed-in-with-code").await.unwrap();
    gui.finish().await;
}

/// Sign in, quit, start again: the session comes back from the keychain without typing,
/// and the token page shows every check passing.
#[tokio::test]
async fn a_second_start_restores_the_session_and_the_token_checks_pass() {
    const USER: &str = "demo@example.com";
    let (_emu, pool, config) = world(Kind::Ministack, "gui-restore", USER).await;
    save_profile(&config, pool.profile_input("Emulator"));
    let shots = output_dir("gui-restore");

    let gui = Gui::start(&config, &shots).await.expect("window");
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();
    gui.finish().await;

    let mut gui = Gui::start(&config, &shots).await.expect("window again");
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();
    gui.visible("#session-restored-note").await.unwrap();
    gui.screenshot("restored").await.unwrap();

    gui.click("#nav-tokens").await.unwrap();
    gui.text_until("#token-id tr[data-check=expiry]", |t| !t.is_empty())
        .await
        .unwrap();
    for token in ["#token-id", "#token-access"] {
        for check in [
            "signature",
            "issuer",
            "tokenUse",
            "audience",
            "expiry",
            "issuedAt",
        ] {
            let css = format!("{token} tr[data-check={check}] .pass");
            gui.visible(&css)
                .await
                .unwrap_or_else(|e| panic!("{css}: {e}"));
        }
        let fails = gui
            .client
            .find_all(fantoccini::Locator::Css(&format!("{token} .fail")))
            .await
            .unwrap();
        assert!(fails.is_empty(), "{token} has failing checks");
    }
    gui.screenshot("token-checks").await.unwrap();
    gui.finish().await;
}

async fn wait_until_disabled(gui: &Gui, css: &str) {
    for _ in 0..300 {
        let el = gui
            .client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap();
        if !el.is_enabled().await.unwrap_or(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css} stayed enabled");
}

/// The Credentials page as a tester sees it: the exchange's steps, masked keys, the
/// countdown, the bucket table and the caller identity.
#[tokio::test]
async fn the_credentials_page_shows_masked_keys_countdown_and_buckets() {
    const USER: &str = "demo@example.com";
    let (emu, pool, config) = world(Kind::Ministack, "gui-credentials", USER).await;
    let identity_pool = create_identity_pool(&emu, &pool, &IdentityOptions::default())
        .await
        .expect("identity pool");
    create_buckets(&emu, &["desk-demo-reports", "desk-demo-uploads"])
        .await
        .expect("buckets");
    let mut input = pool.profile_input("Emulator");
    input.settings.identity_pool_id = Some(identity_pool);
    save_profile(&config, input);
    let shots = output_dir("gui-credentials");
    let mut gui = Gui::start(&config, &shots).await.expect("window");

    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();
    gui.click("#nav-credentials").await.unwrap();
    gui.click("#get-credentials").await.unwrap();
    let key_id = gui
        .text_until("#cred-access-key-id", |t| t.starts_with("ASIA"))
        .await
        .unwrap();
    let secret = gui
        .text_until("#cred-secret-key", |t| !t.is_empty())
        .await
        .unwrap();
    // Masked: four characters of the 40 at most, and the length.
    let (shown, length) = secret.split_once(" (").unwrap_or((&secret, ""));
    assert_eq!(
        (shown.trim_start_matches('•').chars().count(), length),
        (4, "40 chars)"),
        "the secret key is masked: {secret}"
    );
    gui.text_until("#cred-countdown", |t| t.chars().any(|c| c.is_ascii_digit()))
        .await
        .unwrap();
    gui.visible("#credentials-steps li[data-operation=GetId]")
        .await
        .unwrap();
    gui.visible("#credentials-steps li[data-operation=GetCredentialsForIdentity]")
        .await
        .unwrap();
    // The picture: both calls lit, the identity id and the key id on their nodes.
    for edge in ["GetId", "GetCredentialsForIdentity"] {
        gui.visible(&format!(
            "[data-testid=exchange-edge-{edge}][data-state=ok]"
        ))
        .await
        .unwrap();
    }
    // The node shows the key id (cut to fit; whole in its tooltip).
    let node = gui
        .client
        .execute(
            "const n = document.querySelector('[data-testid=exchange-node-keys]'); \
             return [n.className, n.querySelector('.exchange-value').title];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(node, serde_json::json!(["exchange-node lit", key_id]));
    gui.screenshot("exchange").await.unwrap();
    gui.click("#list-buckets").await.unwrap();
    gui.visible("#buckets-table tr[data-bucket=desk-demo-reports]")
        .await
        .unwrap();
    gui.visible("#buckets-table tr[data-bucket=desk-demo-uploads]")
        .await
        .unwrap();
    gui.visible("[data-testid=exchange-edge-ListBuckets][data-state=ok]")
        .await
        .unwrap();
    if let Err(e) = gui
        .inside_window("#buckets-table tr[data-bucket=desk-demo-uploads]")
        .await
    {
        panic!("the bucket table is in view at the default size: {e}");
    }
    gui.screenshot("exchange-buckets").await.unwrap();
    gui.click("#who-am-i").await.unwrap();
    gui.text_until("#caller-arn", |t| t.contains("cognito-desk-authenticated"))
        .await
        .unwrap();
    gui.visible("[data-testid=exchange-edge-GetCallerIdentity][data-state=ok]")
        .await
        .unwrap();
    if let Err(e) = gui.inside_window("#caller-arn").await {
        panic!("the caller identity is in view at the default size: {e}");
    }
    let shot = gui.screenshot_both_languages("credentials").await.unwrap();
    assert!(shot.exists());
    gui.client
        .execute(
            "document.querySelector('#buckets-table').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    gui.screenshot("buckets").await.unwrap();
    assert!(key_id.len() >= 16);
    gui.finish().await;
}

/// Managed login from the window: the app "opens the browser" through a recorder that
/// keeps the URL it was given; the test plays the browser with exactly that URL on
/// ministack's hosted UI, and the window reaches the signed-in view.
#[tokio::test]
async fn managed_login_from_the_window() {
    let dir = temp_dir("gui-managed");
    let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("emulator");
    let redirect = format!(
        "http://127.0.0.1:{}/callback",
        cognito_desk_testbed::free_port()
    );
    let config = dir.join("config");
    save_profile(
        &config,
        managed::ministack_profile(&emu, &redirect).await.into(),
    );
    // The "browser": a program that records the URL the app asks it to open.
    let opened = dir.join("opened-url");
    let recorder = dir.join("record-url");
    std::fs::write(
        &recorder,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(
        &recorder,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let shots = output_dir("gui-managed");
    let mut gui = Gui::start_with_env(
        &config,
        &shots,
        &[("COGNITO_DESK_BROWSER", &recorder.display().to_string())],
    )
    .await
    .expect("window");

    gui.visible("#managed-login-start").await.unwrap();
    gui.screenshot("signin-with-managed-login").await.unwrap();
    // Cancel gives the form back and frees the port for the next attempt.
    gui.click("#managed-login-start").await.unwrap();
    gui.visible("#managed-cancel").await.unwrap();
    gui.click("#managed-cancel").await.unwrap();
    gui.visible("#managed-login-start").await.unwrap();
    // So does Escape, from the keyboard.
    gui.click("#managed-login-start").await.unwrap();
    gui.visible("#managed-cancel").await.unwrap();
    gui.client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{e00c}")
        .await
        .unwrap();
    gui.visible("#managed-login-start").await.unwrap();
    gui.text_until("#managed-waiting", str::is_empty)
        .await
        .unwrap();
    let _ = std::fs::remove_file(&opened);
    gui.click("#managed-login-start").await.unwrap();
    gui.visible("#managed-waiting").await.unwrap();
    let shown = gui
        .text_until("#managed-authorize-url", |t| {
            t.contains("/oauth2/authorize")
        })
        .await
        .unwrap();
    gui.visible("#managed-emulator-note").await.unwrap();
    gui.screenshot("waiting-for-browser").await.unwrap();
    let mut url = String::new();
    for _ in 0..100 {
        url = std::fs::read_to_string(&opened).unwrap_or_default();
        if !url.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(url, shown, "the window shows the URL it opened");

    let browser = Browser::new(&redirect, MANAGED_USER, DEMO_PASSWORD).unwrap();
    // A page probing the port with a foreign state: refused, and the wait goes on with
    // a note (in Japanese too).
    let probe = url::Url::parse(&format!("{redirect}?code=stolen&state=forged")).unwrap();
    let refused = browser.visit(&probe).await.unwrap();
    assert_eq!(refused.status, 400);
    let note = gui
        .text_until("#managed-ignored-redirect", |t| t.contains('1'))
        .await
        .unwrap();
    assert!(note.contains("Ignored 1 redirect"), "{note}");
    gui.set_lang("ja").await.unwrap();
    gui.text_until("#managed-ignored-redirect", |t| t.contains("無視"))
        .await
        .unwrap();
    gui.screenshot("waiting-ignored-redirect-ja").await.unwrap();
    gui.set_lang("en").await.unwrap();
    let tab = browser.sign_in(&url).await.unwrap();
    assert!(tab.body.contains("Signed in"), "{}", tab.body);
    gui.text_until("#session-email", |t| t == MANAGED_USER)
        .await
        .unwrap();
    gui.screenshot("signed-in-with-managed-login")
        .await
        .unwrap();
    gui.click("#nav-managed").await.unwrap();
    gui.visible("#managed-checks li[data-check=nonce].pass")
        .await
        .unwrap();
    gui.visible("#managed-token-response tr[data-field=refresh_token]")
        .await
        .unwrap();
    gui.screenshot_both_languages("managed-login-report")
        .await
        .unwrap();
    gui.finish().await;
}

/// The window renders without hardware acceleration (src-tauri/src/webkit.rs). There a
/// page that does not change paints no frame, and WebKitWebDriver's screenshot waits
/// for one: on such a page screenshots still come (the harness's `Gui::capture`), show
/// the same page twice, and the session then ends cleanly, the app and its WebKit
/// processes gone. Checked by hand: without the capture's frames the first screenshot
/// waits until its 20 s limit.
#[tokio::test]
async fn screenshots_of_a_still_page_come_and_the_session_ends_cleanly() {
    assert!(
        std::env::var_os("COGNITO_DESK_WEBKIT_DEFAULTS").is_none(),
        "the app must run with its own WebKit settings"
    );
    let dir = temp_dir("gui-still-page");
    let shots = output_dir("gui-still-page");
    let mut gui = Gui::start(&dir.join("config"), &shots).await.unwrap();
    gui.visible("#view-profiles, #view-signin").await.unwrap();
    // The timeline: no caret, no spinner, no countdown; nothing focused, nothing under
    // WebDriver's pointer (a click would leave the nav item hovered until another
    // test's window takes the pointer away).
    gui.client
        .execute(
            "document.querySelector('#nav-timeline').click(); document.activeElement?.blur();",
            vec![],
        )
        .await
        .unwrap();
    gui.visible("#view-timeline").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let first = image::open(gui.screenshot("still-1").await.unwrap())
        .unwrap()
        .to_rgb8();
    let second = image::open(gui.screenshot("still-2").await.unwrap())
        .unwrap()
        .to_rgb8();
    assert!(first.width() >= 1000 && first.height() >= 700);
    assert_eq!(first.dimensions(), second.dimensions());
    // The page was still: both shots alike but for the frame dot's pixel.
    let dot = (0, first.height() - 1);
    let differing: Vec<(u32, u32)> = first
        .enumerate_pixels()
        .filter(|(x, y, pixel)| (*x, *y) != dot && second.get_pixel(*x, *y) != *pixel)
        .map(|(x, y, _)| (x, y))
        .collect();
    assert!(
        differing.is_empty(),
        "{} pixels changed on a still page, from {:?} to {:?}",
        differing.len(),
        differing.first(),
        differing.last()
    );
    let log = std::fs::read_to_string(shots.join("tauri-driver.log")).unwrap();
    assert!(!log.contains("WebKit settings not applied"), "{log}");
    gui.end().await.unwrap();
}

/// The sections on the page now (`view-…` ids), in document order.
async fn views_on_the_page(gui: &Gui) -> Vec<String> {
    let ids = gui
        .client
        .execute(
            "return [...document.querySelectorAll('main > section[id^=view-]')].map((s) => s.id.slice(5));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(ids).unwrap()
}

/// An idle window holds the sign-in form and its steps, nothing else: every other view
/// is put on the page when first shown (README, Performance: memory), and a view that
/// grows with what it shows (the timeline) leaves the page when left. Shown again, the
/// timeline is built afresh and lists the calls made while it was away.
#[tokio::test]
async fn views_are_built_when_first_shown_and_the_timeline_leaves_when_left() {
    let dir = temp_dir("gui-lazy-views");
    let shots = output_dir("gui-lazy-views");
    let config = dir.join("config");
    // A pool nobody answers for: each sign-in is one failed call on the timeline.
    ProfileStore::open(&config)
        .save(ProfileInput::from(
            cognito_desk_core::profile::ProfileSettings {
                name: "Nobody home".into(),
                region: "us-east-1".into(),
                user_pool_id: cognito_desk_core::ids::PoolId::new("us-east-1_Nobody"),
                client_id: cognito_desk_core::ids::ClientId::new("nobodyclient"),
                endpoint: Some("http://127.0.0.1:9".into()),
                sign_in_flow: SignInFlow::Password,
                ..Default::default()
            },
        ))
        .unwrap();
    let gui = Gui::start(&config, &shots).await.unwrap();
    gui.visible("#signin-username").await.unwrap();
    let sign_in_views = [
        "signin",
        "challenge",
        "mfa-setup",
        "new-password",
        "code",
        "choose",
        "custom",
        "passkey",
        "reset",
        "confirm",
    ];
    assert_eq!(views_on_the_page(&gui).await, sign_in_views);

    gui.sign_in("someone@example.com", "not-checked-1A")
        .await
        .unwrap();
    gui.visible("#error").await.unwrap();
    gui.click("#nav-timeline").await.unwrap();
    let rows = "#timeline-rows tr[data-testid=timeline-row]";
    gui.visible(rows).await.unwrap();
    let first = gui
        .client
        .find_all(fantoccini::Locator::Css(rows))
        .await
        .unwrap()
        .len();
    assert!(first >= 1, "the failed sign-in is on the timeline");
    assert!(views_on_the_page(&gui)
        .await
        .contains(&"timeline".to_owned()));

    // Left: the timeline goes; the profiles page, shown, stays.
    gui.click("#nav-profiles").await.unwrap();
    gui.visible("#view-profiles").await.unwrap();
    let on_page = views_on_the_page(&gui).await;
    assert!(!on_page.contains(&"timeline".to_owned()), "{on_page:?}");
    assert!(on_page.contains(&"profiles".to_owned()), "{on_page:?}");

    // A call made while the timeline is off the page is on it when it comes back.
    gui.click("#nav-signin").await.unwrap();
    gui.sign_in("someone@example.com", "not-checked-2B")
        .await
        .unwrap();
    gui.visible("#error").await.unwrap();
    gui.click("#nav-timeline").await.unwrap();
    gui.visible(rows).await.unwrap();
    let mut second = 0;
    for _ in 0..50 {
        second = gui
            .client
            .find_all(fantoccini::Locator::Css(rows))
            .await
            .unwrap()
            .len();
        if second > first {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        second > first,
        "{second} rows after a second sign-in, {first} before"
    );
    // Built once more, with its controls wired: "ok" hides every row (all failed).
    gui.client
        .execute(
            "const s = document.querySelector('#timeline-outcome'); s.value = 'ok'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    let shown = gui
        .client
        .find_all(fantoccini::Locator::Css(rows))
        .await
        .unwrap()
        .len();
    assert_eq!(shown, 0, "the outcome filter works on the rebuilt page");
    gui.finish().await;
}
