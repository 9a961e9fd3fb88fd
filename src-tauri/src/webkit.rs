//! WebKitGTK settings for a forms app, set in code on the window's web view (not by
//! environment variables, which also reach WebDriver's browser):
//!
//! - Cache model "document viewer": one local page, nothing fetched from the network,
//!   so no memory cache of resources to keep warm.
//! - No page cache (back/forward snapshots: the app never navigates) and no WebGL.
//! - No hardware acceleration: a page of forms needs no GPU compositing, and without
//!   it the web process holds about 85 MB less (README, Performance: with it the
//!   window took more memory than an empty Tauri window). Without a GPU, as under
//!   Xvfb, "accelerated" meant Mesa's software GL anyway.
//!
//! One cost, to the tests only: WebKitWebDriver answers a screenshot after the next
//! painted frame, and without acceleration a page where nothing changes paints none.
//! The test bed's `Gui::capture` makes one (tests/src/gui.rs).
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
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_enable_page_cache(false);
            settings.set_enable_webgl(false);
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
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
