//! The window's boundaries, from inside the page as an injected script would try them:
//! the capabilities grant the backend's events and the app's own commands, nothing of
//! core's window, path or app APIs; the CSP refuses eval and inline script. And a copied
//! secret leaves the clipboard after its time, unless something else was copied since.

use cognito_desk_core::profile::ProfileStore;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, temp_dir};
use std::time::Duration;

/// Runs `invoke(command, args)` in the page; the error text, or "ok".
async fn invoke(gui: &Gui, command: &str, args: serde_json::Value) -> String {
    let script = "const done = arguments[arguments.length - 1]; \
        window.__TAURI__.core.invoke(arguments[0], arguments[1]) \
          .then(() => done('ok'), (e) => done(String(e)));";
    gui.client
        .execute_async(script, vec![command.into(), args])
        .await
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .unwrap_or_else(|e| format!("webdriver: {e}"))
}

#[tokio::test]
async fn the_page_gets_its_commands_and_events_and_nothing_else_of_core() {
    let dir = temp_dir("gui-hardening");
    let shots = output_dir("gui-hardening");
    let gui = Gui::start(&dir.join("config"), &shots).await.unwrap();
    gui.visible("#view-profiles, #view-signin").await.unwrap();

    // The app's own command and the event listener work.
    assert_eq!(
        invoke(&gui, "list_profiles", serde_json::json!({})).await,
        "ok"
    );
    let listened = gui
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.__TAURI__.event.listen('call-recorded', () => {}) \
               .then(() => done('ok'), (e) => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(listened, "ok");

    // The one window call granted: the title says the view and the profile.
    assert_eq!(
        invoke(
            &gui,
            "plugin:window|set_title",
            serde_json::json!({"label": "main", "value": "Profiles — Cognito Desk"}),
        )
        .await,
        "ok"
    );
    // core:default granted these; the page uses none of them.
    for (command, args) in [
        (
            "plugin:window|set_size",
            serde_json::json!({"label": "main", "value": {"Logical": {"width": 10, "height": 10}}}),
        ),
        ("plugin:window|close", serde_json::json!({"label": "main"})),
        (
            "plugin:path|resolve_directory",
            serde_json::json!({"directory": 13}),
        ),
        ("plugin:app|version", serde_json::json!({})),
        (
            "plugin:event|emit",
            serde_json::json!({"event": "session-refreshed", "payload": null}),
        ),
    ] {
        let answer = invoke(&gui, command, args).await;
        assert!(answer.contains("not allowed"), "{command}: {answer}");
    }

    // The CSP: no eval, no inline script.
    let csp = gui
        .client
        .execute(
            "let evaluated = 'refused'; \
             try { evaluated = String(eval('1 + 1')); } catch (e) {} \
             const s = document.createElement('script'); \
             s.textContent = 'window.__inline = 1;'; \
             document.body.append(s); \
             return [evaluated, String(window.__inline)];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(csp, serde_json::json!(["refused", "undefined"]));
    gui.finish().await;
}

/// The X clipboard's text, as another program reads it ("" when it holds nothing); a
/// clipboard that cannot be read fails the test rather than passing for empty.
fn clipboard_text() -> String {
    let mut clipboard = arboard::Clipboard::new().expect("the X clipboard");
    match clipboard.get_text() {
        Ok(text) => text,
        Err(arboard::Error::ContentNotAvailable) => String::new(),
        Err(e) => panic!("the clipboard cannot be read: {e}"),
    }
}

#[tokio::test]
async fn a_copied_token_leaves_the_clipboard_unless_something_else_was_copied() {
    const USER: &str = "demo@example.com";
    let dir = temp_dir("gui-clipboard");
    let emu = Emulator::start(Kind::Moto, &dir.join("emulator")).expect("emulator");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .unwrap();
    seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(pool.profile_input("Emulator"))
        .unwrap();
    let shots = output_dir("gui-clipboard");
    let env = [("COGNITO_DESK_CLIPBOARD_CLEAR_SECS", "3")];
    let gui = Gui::start_with_env(&config, &shots, &env).await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.text_until("#session-email", |t| t == USER)
        .await
        .unwrap();

    gui.click("#copy-id-token").await.unwrap();
    let note = gui
        .text_until("#copy-id-token + .copied-note", |t| !t.is_empty())
        .await
        .unwrap();
    assert!(note.contains("3 s"), "{note}");
    let copied = clipboard_text();
    assert!(
        copied.starts_with("eyJ") && copied.split('.').count() == 3,
        "{copied}"
    );
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(clipboard_text(), "", "the token was cleared");

    // Copied again, then the user copies something else: that stays.
    gui.click("#copy-id-token").await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(clipboard_text().starts_with("eyJ"));
    let mut own = arboard::Clipboard::new().unwrap();
    own.set_text("the user's own text").unwrap();
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(clipboard_text(), "the user's own text");
    drop(own);
    gui.finish().await;
}
