//! The window's craft, checked in the real window on ministack with every view full of
//! content (a TOTP sign-in, AWS credentials with S3 and STS, two users compared, the
//! doctor, the timeline):
//! - in Japanese, no word split across lines in any table header or cell (or a box of
//!   the credentials picture), no English
//!   prose outside what is marked technical (identifiers, code), no date in another
//!   language's format; the timeline without sideways scrolling at 1100×760;
//! - axe-core (pinned in tests/ui) on every view in both languages and both color
//!   schemes: no serious or critical violation (names, contrast, ARIA). The reports
//!   land in test-output/gui-craft/.

use cognito_desk_core::profile::{
    AdminAccess, AdminCredentials, ProfileInput, ProfileSettings, ProfileStore, SignInFlow,
};
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::identity::{create_buckets, create_identity_pool, IdentityOptions};
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{output_dir, repo_root, temp_dir, totp};
use serde_json::Value;
use std::path::{Path, PathBuf};

const USER: &str = "demo@example.com";
const OTHER: &str = "other@example.com";

/// Every view, with what shows it is filled.
const VIEWS: [(&str, &str); 12] = [
    ("profiles", "#profile-save"),
    ("session", "#session-email"),
    ("tokens", "table.checks tbody tr"),
    ("mfa", "#mfa-status"),
    ("credentials", "#cred-identity-id"),
    ("timeline", "#timeline-rows tr"),
    ("pool", "#pool-summary dd"),
    ("users", "#users-rows tr"),
    ("appclient", "#appclient-facts dd"),
    ("doctor", "#doctor-checks li"),
    ("setups", "#setup-create"),
    ("signin", "#view-signin"),
];

struct World {
    _emu: Emulator,
    secret: String,
    config: PathBuf,
}

async fn world(name: &str) -> World {
    let dir = temp_dir(name);
    let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("emulator starts");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .expect("pool");
    for user in [USER, OTHER] {
        seed::create_user(&emu, &pool, user, DEMO_PASSWORD)
            .await
            .expect("user");
    }
    let secret = seed::enroll_totp(&pool, USER, DEMO_PASSWORD)
        .await
        .expect("enrolled");
    let identity = create_identity_pool(&emu, &pool, &IdentityOptions::default())
        .await
        .expect("identity pool");
    create_buckets(&emu, &["craft-reports"]).await.unwrap();
    let config = dir.join("config");
    ProfileStore::open(&config)
        .save(ProfileInput::from(ProfileSettings {
            sign_in_flow: SignInFlow::Srp,
            identity_pool_id: Some(identity),
            admin: AdminAccess {
                admin_credentials: AdminCredentials::EmulatorTest,
                admin_profile: None,
            },
            ..pool.profile_settings("Craft")
        }))
        .expect("profile");
    World {
        _emu: emu,
        secret,
        config,
    }
}

async fn js(gui: &Gui, script: &str) -> Value {
    gui.client
        .execute(script, vec![])
        .await
        .expect("script runs")
}

/// Signs in with the TOTP code and fills the views that need an action.
async fn fill(gui: &mut Gui, secret: &str) {
    gui.visible("#signin-form").await.unwrap();
    gui.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    gui.visible("#totp-code").await.unwrap();
    gui.type_into("#totp-code", &totp::fresh_code(secret).await.unwrap())
        .await
        .unwrap();
    gui.click("#totp-submit").await.ok(); // the view may already have auto-submitted
    gui.visible("#view-session").await.unwrap();
    open(gui, "credentials").await;
    for button in ["#get-credentials", "#list-buckets", "#who-am-i"] {
        gui.enabled(button).await.unwrap();
        gui.click(button).await.unwrap();
    }
    gui.text_until("#caller-arn", |t| t.contains("assumed-role"))
        .await
        .unwrap();
    open(gui, "users").await;
    gui.visible("#users-rows tr").await.unwrap();
    for user in [USER, OTHER] {
        gui.click(&format!("tr[data-username='{user}'] input.compare"))
            .await
            .unwrap();
        // The rows are drawn again when a card opens: wait for it before the next tick.
        gui.visible(&format!(".user-card[data-username='{user}']"))
            .await
            .unwrap();
    }
    gui.visible("#user-cards.two").await.unwrap();
    open(gui, "doctor").await;
    gui.visible("#doctor-checks li").await.unwrap();
}

async fn open(gui: &Gui, view: &str) {
    gui.click(&format!("#nav-{view}")).await.expect("nav");
    gui.visible(&format!("#view-{view}")).await.expect("view");
}

/// What a person reads in the view on screen that is not in its language: words split
/// across lines in table cells, English prose outside technical elements (identifiers,
/// code: `.mono`, `code`, `pre`, `[data-technical]`), dates in an English format.
const LANGUAGE_PROBE: &str = r#"
const view = document.querySelector('.view:not([hidden])');
const technical = (el) => !!el.closest('.mono, code, pre, kbd, [data-technical], input, textarea, select, [hidden]');
const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const texts = [];
const walk = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
while (walk.nextNode()) {
  const node = walk.currentNode;
  const el = node.parentElement;
  if (!node.textContent.trim() || !el || !shown(el)) continue;
  texts.push(node);
}
const problems = [];
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
for (const node of texts) {
  const el = node.parentElement;
  const text = node.textContent;
  // A word split across two lines of a table cell or a box of the credentials picture.
  if (el.closest('th, td, .exchange-node, .exchange-edge') && !technical(el)) {
    for (const s of segmenter.segment(text)) {
      if (!s.isWordLike || s.segment.length < 2) continue;
      const range = document.createRange();
      range.setStart(node, s.index);
      range.setEnd(node, s.index + s.segment.length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) problems.push(`split word "${s.segment}" in "${text.trim()}"`);
    }
  }
  if (technical(el)) continue;
  // English prose: three English words in a row, one of them a word only prose has.
  const prose = /\b(the|a|an|of|to|is|are|in|for|with|and|or|not|no|yes|this|your|be|by|on|at|from|as|true|false|none|expires|expected|signature|verified|read|users?)\b/i;
  for (const m of text.matchAll(/[A-Za-z][A-Za-z']+(?:[ ,]+[A-Za-z0-9][\w']*){2,}/g)) {
    if (prose.test(m[0])) problems.push(`English "${m[0]}" in "${text.trim()}"`);
  }
  // A date in an English format (month names, AM/PM).
  if (/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d|\b\d{1,2}:\d{2}(:\d{2})? ?[AP]M\b/.test(text)) {
    problems.push(`English date in "${text.trim()}"`);
  }
}
return problems;
"#;

fn axe_source() -> String {
    let path = repo_root().join("tests/ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (scripts/setup installs tests/ui)", path.display()))
}

/// axe-core on the whole window as it is now; the serious and critical violations, and
/// the whole report written beside the screenshots.
async fn axe(gui: &Gui, axe: &str, report: &Path) -> Vec<String> {
    let loaded = js(gui, "return typeof window.axe === 'object';").await;
    if loaded != Value::Bool(true) {
        js(gui, axe).await;
    }
    let result = gui
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] }) \
               .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, \
                 nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) }))), \
                 (e) => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("axe runs");
    std::fs::write(report, serde_json::to_vec_pretty(&result).unwrap()).unwrap();
    let violations = result.as_array().cloned().unwrap_or_else(|| {
        panic!("axe failed: {result}");
    });
    violations
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| format!("{} ({}): {}", v["id"], v["impact"], v["nodes"]))
        .collect()
}

async fn audit(gui: &mut Gui, scheme: &str, out: &Path, failures: &mut Vec<String>) {
    let axe_js = axe_source();
    for lang in ["en", "ja"] {
        gui.set_lang(lang).await.unwrap();
        for (view, ready) in VIEWS {
            open(gui, view).await;
            gui.visible(ready).await.unwrap();
            gui.screenshot(&format!("{view}-{lang}-{scheme}"))
                .await
                .unwrap();
            let report = out.join(format!("axe-{view}-{lang}-{scheme}.json"));
            for v in axe(gui, &axe_js, &report).await {
                failures.push(format!("{scheme} {lang} {view}: {v}"));
            }
            if lang == "ja" {
                let problems = js(gui, LANGUAGE_PROBE).await;
                for p in problems.as_array().into_iter().flatten() {
                    failures.push(format!(
                        "{scheme} ja {view}: {}",
                        p.as_str().unwrap_or_default()
                    ));
                }
            }
        }
        // The timeline fits the default window: no sideways scrolling, a row opened.
        open(gui, "timeline").await;
        // Opened by script: live rows may be drawn again under a WebDriver click.
        let open_row = "document.querySelector('#timeline-rows tr[data-seq]').click();";
        js(gui, open_row).await;
        let fits = js(
            gui,
            "const p = document.querySelector('.timeline-panel'); return [p.scrollWidth, p.clientWidth];",
        )
        .await;
        if fits[0].as_i64() > fits[1].as_i64().map(|w| w + 1) {
            failures.push(format!(
                "{scheme} {lang} timeline: scrolls sideways ({fits})"
            ));
        }
        js(gui, open_row).await;
    }
    gui.set_lang("en").await.unwrap();
}

/// A filled window in `scheme` (the OS's color preference), audited.
async fn scenario(scheme: &str, env: &[(&str, &str)]) {
    let w = world(&format!("gui-craft-{scheme}")).await;
    let out = output_dir(&format!("gui-craft-{scheme}"));
    let mut gui = Gui::start_with_env(&w.config, &out, env)
        .await
        .expect("window");
    let dark = js(
        &gui,
        "return matchMedia('(prefers-color-scheme: dark)').matches;",
    )
    .await;
    assert_eq!(
        dark,
        Value::Bool(scheme == "dark"),
        "the OS's color preference"
    );
    let size = js(&gui, "return [innerWidth, innerHeight];").await;
    assert_eq!(
        size,
        serde_json::json!([1100, 760]),
        "the default window size"
    );
    fill(&mut gui, &w.secret).await;
    let mut failures = Vec::new();
    audit(&mut gui, scheme, &out, &mut failures).await;
    gui.finish().await;
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_view_reads_in_japanese_and_passes_axe_in_the_light() {
    Box::pin(scenario("light", &[])).await;
}

#[tokio::test]
async fn every_view_reads_in_japanese_and_passes_axe_in_the_dark() {
    Box::pin(scenario("dark", &[("GTK_THEME", "Adwaita:dark")])).await;
}
