//! WebKitGTK settings for a forms app, set in code on the window's web view (not by
//! environment variables, which also reach WebDriver's browser):
//!
//! - Cache model "document viewer": one local page, nothing fetched from the network,
//!   so no memory cache of resources to keep warm.
//! - No page cache (back/forward snapshots: the app never navigates) and no WebGL.
//!
//! Hardware acceleration stays on WebKit's default. Turning it off ("never") would
//! save the most memory (README, Performance), but with it WebKitWebDriver stops
//! answering in the middle of a GUI test — the hang machine-notes.md records for
//! `WEBKIT_DISABLE_COMPOSITING_MODE` — so the app could no longer be tested as it ships.
//!
//! `COGNITO_DESK_WEBKIT_DEFAULTS` set (to any value) keeps WebKit's defaults: the benchmark measures
//! both, side by side.

/// The benchmark's switch back to WebKit's own settings.
pub const DEFAULTS_ENV: &str = "COGNITO_DESK_WEBKIT_DEFAULTS";

#[cfg(target_os = "linux")]
pub fn tune(window: &tauri::WebviewWindow) {
    if std::env::var_os(DEFAULTS_ENV).is_some() {
        return;
    }
    let tuned = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebViewExt};
        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_enable_page_cache(false);
            settings.set_enable_webgl(false);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
    if let Err(e) = tuned {
        eprintln!(
            "cognito-desk: WebKit settings not applied ({e}); the window works with its defaults"
        );
    }
}

/// Other platforms' web views keep their defaults.
#[cfg(not(target_os = "linux"))]
pub fn tune(_window: &tauri::WebviewWindow) {}
