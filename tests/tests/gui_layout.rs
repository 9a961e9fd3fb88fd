//! The window at its default size (1100×760), in English, Japanese and dark mode, on
//! ministack: every view's primary action lies inside the window without scrolling,
//! the status line and the window title belong to the view on screen, an empty form
//! marks its fields and sends nothing, and an amplify_outputs.json fills the profile
//! form. Screenshots of every view land in `test-output/gui-layout-*`.

use cognito_desk_core::profile::{
    AdminAccess, AdminCredentials, ProfileInput, ProfileSettings, ProfileStore, SignInFlow,
};
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, repo_root, temp_dir, totp};
use serde_json::Value;
use std::path::{Path, PathBuf};

const USER: &str = "layout@example.com";
const PROFILE: &str = "Layout";

async fn world(name: &str) -> (Emulator, Pool, String, PathBuf) {
    let dir = temp_dir(name);
    let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("emulator starts");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .expect("pool");
    seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
        .await
        .expect("user");
    let secret = seed::enroll_totp(&pool, USER, DEMO_PASSWORD)
        .await
        .expect("enrolled");
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(ProfileInput::from(ProfileSettings {
            sign_in_flow: SignInFlow::Password,
            admin: AdminAccess {
                admin_credentials: AdminCredentials::EmulatorTest,
                admin_profile: None,
            },
            ..pool.profile_settings(PROFILE)
        }))
        .expect("profile");
    (emu, pool, secret, config)
}

async fn js(gui: &Gui, script: &str, args: Vec<Value>) -> Value {
    gui.client.execute(script, args).await.expect("script runs")
}

/// The element lies inside the window with the page scrolled to its top: a person
/// sees it without scrolling.
async fn in_viewport(gui: &Gui, css: &str) -> Result<(), String> {
    js(
        gui,
        "const scroller = document.querySelector('.content'); if (scroller) scroller.scrollTop = 0;",
        vec![],
    )
    .await;
    gui.inside_window(css).await
}

const TAB: &str = "\u{e004}";
const ENTER: &str = "\u{e007}";
const ESCAPE: &str = "\u{e00c}";

/// Keys sent to the element that has the focus, as a keyboard would.
async fn press(gui: &Gui, keys: &str) {
    let el = gui
        .client
        .active_element()
        .await
        .expect("a focused element");
    el.send_keys(keys).await.expect("keys sent");
}

/// The status line's text now (it clears itself after 4 s, so waiting would prove nothing).
async fn status(gui: &Gui) -> Value {
    js(
        gui,
        "return document.querySelector('#status').textContent;",
        vec![],
    )
    .await
}

async fn focused(gui: &Gui) -> Value {
    js(gui, "return document.activeElement.id;", vec![]).await
}

/// Opens a view from the sidebar.
async fn open(gui: &Gui, view: &str) {
    gui.click(&format!("#nav-{view}")).await.expect("nav");
    gui.visible(&format!("#view-{view}")).await.expect("view");
}

/// Each view of the list with its primary action: shot in the language on screen, the
/// action checked inside the window.
async fn check_views(
    gui: &mut Gui,
    views: &[(&str, &str)],
    lang: &str,
    failures: &mut Vec<String>,
) {
    for (view, primary) in views {
        open(gui, view).await;
        gui.visible(primary)
            .await
            .expect("the primary action is shown");
        gui.screenshot(&format!("{view}-{lang}")).await.unwrap();
        if let Err(e) = in_viewport(gui, primary).await {
            failures.push(format!("{lang} {view}: {e}"));
        }
    }
}

/// Before sign-in, then signed in: every view's primary action.
const SIGNED_OUT_VIEWS: [(&str, &str); 8] = [
    ("profiles", "#profile-save"),
    ("signin", "#signin-submit"),
    ("timeline", "#timeline-copy"),
    ("pool", "#pool-mfa-save"),
    ("users", "#users-new"),
    ("appclient", "#appclient-save"),
    ("doctor", "#doctor-run"),
    ("setups", "#setup-create"),
];
const SIGNED_IN_VIEWS: [(&str, &str); 4] = [
    ("session", "#signout"),
    ("tokens", "#tokens-reload"),
    ("mfa", "#mfa-disable"),
    ("credentials", "#credentials-go-profiles"),
];

#[tokio::test]
async fn every_view_fits_the_default_window_in_english_and_japanese() {
    let (_emu, _pool, secret, config) = world("gui-layout").await;
    let mut gui = Gui::start(&config, &output_dir("gui-layout"))
        .await
        .expect("window");
    gui.visible("#signin-form").await.unwrap();
    let size = js(&gui, "return [innerWidth, innerHeight];", vec![]).await;
    assert_eq!(
        size,
        serde_json::json!([1100, 760]),
        "the default window size"
    );

    // The title says the view and the profile.
    assert_eq!(
        js(&gui, "return document.title;", vec![]).await,
        format!("Sign in — {PROFILE} — Cognito Desk")
    );

    // An empty sign-in marks both fields, focuses the first and sends nothing.
    gui.click("#signin-submit").await.unwrap();
    gui.text_until("#signin-username-required", |t| {
        t.contains("Username or email")
    })
    .await
    .unwrap();
    gui.text_until("#signin-password-required", |t| t.contains("Password"))
        .await
        .unwrap();
    let marked = js(
        &gui,
        "return [document.activeElement.id, \
                 document.querySelector('#signin-username').getAttribute('aria-invalid'), \
                 document.querySelector('#error').hidden];",
        vec![],
    )
    .await;
    assert_eq!(marked, serde_json::json!(["signin-username", "true", true]));
    // Nothing reached Cognito: the core's call log is empty.
    let calls = gui
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.__TAURI__.core.invoke('timeline').then((r) => done(r.length), (e) => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(calls, serde_json::json!(0), "calls sent for an empty form");
    gui.screenshot("signin-empty-en").await.unwrap();
    gui.set_lang("ja").await.unwrap();
    gui.text_until("#signin-username-required", |t| {
        t.contains("を入力してください")
    })
    .await
    .unwrap();
    gui.screenshot("signin-empty-ja").await.unwrap();
    gui.set_lang("en").await.unwrap();
    // Typing clears the mark.
    gui.type_into("#signin-username", USER).await.unwrap();
    gui.text_until("#signin-username-required", str::is_empty)
        .await
        .unwrap();

    let mut failures = Vec::new();
    for lang in ["en", "ja"] {
        gui.set_lang(lang).await.unwrap();
        check_views(&mut gui, &SIGNED_OUT_VIEWS, lang, &mut failures).await;
    }
    gui.set_lang("en").await.unwrap();

    // Keyboard only: a dialog opened with Enter takes the focus to its safe choice, and
    // Escape closes it and gives the focus back.
    open(&gui, "profiles").await;
    js(
        &gui,
        "document.querySelector('#profile-delete').focus();",
        vec![],
    )
    .await;
    press(&gui, ENTER).await;
    gui.visible("#delete-confirm").await.unwrap();
    assert_eq!(focused(&gui).await, "delete-confirm-no");
    press(&gui, ESCAPE).await;
    gui.text_until("#delete-confirm", str::is_empty)
        .await
        .unwrap();
    assert_eq!(focused(&gui).await, "profile-delete");

    // Tab from the username to the password, with a visible focus ring; Enter signs in;
    // Escape cancels the TOTP step.
    open(&gui, "signin").await;
    gui.type_into("#signin-username", USER).await.unwrap();
    press(&gui, TAB).await;
    assert_eq!(focused(&gui).await, "signin-password");
    // A focus ring: a :focus-visible rule draws one, and the field shows it whenever
    // this window has the keyboard (GUI tests run side by side on one X display, so it
    // may not).
    let focus = js(
        &gui,
        "const rule = [...document.styleSheets].flatMap((s) => [...s.cssRules]) \
           .some((r) => r.selectorText?.includes(':focus-visible') && r.style.boxShadow); \
         return [rule, document.hasFocus(), getComputedStyle(document.activeElement).boxShadow];",
        vec![],
    )
    .await;
    assert_eq!(focus[0], true, "a :focus-visible rule draws a ring");
    if focus[1] == true {
        assert_ne!(focus[2], "none", "the focused field shows it");
    }
    press(&gui, &format!("{DEMO_PASSWORD}{ENTER}")).await;
    gui.visible("#totp-submit").await.unwrap();
    press(&gui, ESCAPE).await;
    gui.visible("#signin-form").await.unwrap();

    // The TOTP step of the sign-in, then signed in.
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.visible("#totp-submit").await.unwrap();
    for lang in ["en", "ja"] {
        gui.set_lang(lang).await.unwrap();
        gui.screenshot(&format!("totp-{lang}")).await.unwrap();
        if let Err(e) = in_viewport(&gui, "#totp-submit").await {
            failures.push(format!("{lang} totp: {e}"));
        }
    }
    gui.set_lang("en").await.unwrap();
    gui.type_into("#totp-code", &totp::fresh_code(&secret).await.unwrap())
        .await
        .unwrap();
    gui.click("#totp-submit").await.ok(); // the view may already have auto-submitted
    gui.visible("#view-session").await.unwrap();
    let title = format!("Session — {PROFILE} — Cognito Desk");
    assert_eq!(js(&gui, "return document.title;", vec![]).await, title);
    // The window manager sees it too: the X window's name (capabilities/default.json
    // grants the one window call that sets it).
    let windows = std::process::Command::new("xwininfo")
        .args(["-root", "-tree"])
        // It escapes what the locale cannot print: the title's dashes need UTF-8.
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("xwininfo runs");
    let windows = String::from_utf8_lossy(&windows.stdout);
    assert!(windows.contains(&format!("\"{title}\"")), "{windows}");
    for lang in ["en", "ja"] {
        gui.set_lang(lang).await.unwrap();
        check_views(&mut gui, &SIGNED_IN_VIEWS, lang, &mut failures).await;
    }

    // A status line said on one view is gone on the next, and in the other language.
    gui.set_lang("en").await.unwrap();
    open(&gui, "timeline").await;
    gui.click("#timeline-copy").await.unwrap();
    gui.text_until("#status", |t| t.contains("clipboard"))
        .await
        .unwrap();
    open(&gui, "tokens").await;
    assert_eq!(status(&gui).await, "", "the status line stayed");
    open(&gui, "timeline").await;
    gui.click("#timeline-copy").await.unwrap();
    gui.text_until("#status", |t| t.contains("clipboard"))
        .await
        .unwrap();
    gui.set_lang("ja").await.unwrap();
    assert_eq!(status(&gui).await, "", "the status line stayed");
    gui.set_lang("en").await.unwrap();

    gui.finish().await;
    assert!(failures.is_empty(), "outside the window: {failures:#?}");
}

#[tokio::test]
async fn dark_mode_follows_the_os() {
    let (_emu, _pool, _secret, config) = world("gui-layout-dark").await;
    let mut gui = Gui::start_with_env(
        &config,
        &output_dir("gui-layout-dark"),
        &[("GTK_THEME", "Adwaita:dark")],
    )
    .await
    .expect("window");
    gui.visible("#signin-form").await.unwrap();
    let seen = js(
        &gui,
        "return [matchMedia('(prefers-color-scheme: dark)').matches, getComputedStyle(document.body).backgroundColor];",
        vec![],
    )
    .await;
    assert_eq!(
        seen[0],
        Value::Bool(true),
        "the OS's dark preference: {seen}"
    );
    assert_eq!(seen[1], Value::String("rgb(21, 24, 30)".into()));
    let mut failures = Vec::new();
    for lang in ["en", "ja"] {
        gui.set_lang(lang).await.unwrap();
        check_views(
            &mut gui,
            &SIGNED_OUT_VIEWS,
            &format!("dark-{lang}"),
            &mut failures,
        )
        .await;
    }
    gui.finish().await;
    assert!(failures.is_empty(), "outside the window: {failures:#?}");
}

fn fixture(name: &str) -> String {
    repo_root()
        .join("src-tauri/core/fixtures/amplify")
        .join(name)
        .display()
        .to_string()
}

async fn import(gui: &Gui, file: &str) {
    gui.choose_file("#profile-import-file", Path::new(&fixture(file)))
        .await
        .expect("a file chosen");
}

#[tokio::test]
async fn an_amplify_outputs_file_fills_the_profile_form_for_review() {
    let (_emu, _pool, _secret, config) = world("gui-layout-amplify").await;
    let mut gui = Gui::start(&config, &output_dir("gui-layout-amplify"))
        .await
        .expect("window");
    gui.visible("#signin-form").await.unwrap();
    open(&gui, "profiles").await;
    gui.click("#new-profile").await.unwrap();

    // A malformed file: where it breaks, and the form untouched.
    import(&gui, "malformed.json").await;
    gui.text_until("#profile-import-notes", |t| t.contains("line 6, column 5"))
        .await
        .unwrap();
    gui.text_until("#profile-import-summary", |t| {
        t.contains("(AmplifyOutputsMalformed)")
    })
    .await
    .unwrap();
    gui.text_until("#profile-import-hint", |t| t.starts_with("Hint:"))
        .await
        .unwrap();
    // Said once, beside the form: not again in the error box above the page.
    gui.text_until("#error", str::is_empty).await.unwrap();
    let region = js(
        &gui,
        "return document.querySelector('#profile-region').value;",
        vec![],
    )
    .await;
    assert_eq!(region, Value::String(String::new()));
    gui.screenshot("import-malformed").await.unwrap();

    // A partial file: every missing key named at once.
    import(&gui, "partial.json").await;
    gui.text_until("#profile-import-notes", |t| {
        t.contains("auth.user_pool_id, auth.user_pool_client_id")
    })
    .await
    .unwrap();
    gui.set_lang("ja").await.unwrap();
    gui.text_until("#profile-import-notes", |t| t.contains("不足しているキー"))
        .await
        .unwrap();
    gui.screenshot("import-partial-ja").await.unwrap();
    gui.set_lang("en").await.unwrap();

    // The complete Gen 2 file: the form filled, the notes to review, nothing saved yet.
    import(&gui, "complete.json").await;
    gui.text_until("#profile-import-summary", |t| t.contains("version 1.4"))
        .await
        .unwrap();
    let filled = js(
        &gui,
        "return ['name', 'region', 'user-pool-id', 'client-id', 'identity-pool-id', 'domain', 'redirect-uri', 'scopes'] \
           .map((f) => document.querySelector('#profile-' + f).value);",
        vec![],
    )
    .await;
    assert_eq!(
        filled,
        serde_json::json!([
            "Amplify eu-west-1_AbCdEf123",
            "eu-west-1",
            "eu-west-1_AbCdEf123",
            "3n4b5c6d7e8f9g0h1i2j3k4l5m",
            "eu-west-1:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "https://walkthrough-test.auth.eu-west-1.amazoncognito.com",
            "http://localhost:53682/callback",
            "openid email profile aws.cognito.signin.user.admin"
        ])
    );
    let notes = gui
        .text_until("#profile-import-notes", |t| t.contains("OPTIONAL"))
        .await
        .unwrap();
    assert!(notes.contains("TOTP, SMS"), "{notes}");
    assert!(notes.contains("GOOGLE, SIGN_IN_WITH_APPLE"), "{notes}");
    // The identity pool id is shown whole (the field is wide enough for it).
    let fits = js(
        &gui,
        "const f = document.querySelector('#profile-identity-pool-id'); return f.scrollWidth <= f.clientWidth;",
        vec![],
    )
    .await;
    assert_eq!(fits, Value::Bool(true), "the identity pool id is cut");
    gui.screenshot("import-complete").await.unwrap();
    assert_eq!(
        ProfileStore::open(&config).profiles().len(),
        1,
        "nothing saved yet"
    );
    gui.click("#profile-save").await.unwrap();
    gui.visible("#profile-saved").await.unwrap();
    let names: Vec<String> = ProfileStore::open(&config)
        .profiles()
        .iter()
        .map(|p| p.settings.name.clone())
        .collect();
    assert_eq!(names, [PROFILE, "Amplify eu-west-1_AbCdEf123"]);
    gui.finish().await;
}
