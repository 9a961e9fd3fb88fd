//! Driving the real window: `tauri-driver` (WebDriver) in front of `WebKitWebDriver`,
//! started per test on free ports, with the app's config dir pointed at a test folder.

use crate::process_tree::{descendants, Process};
use anyhow::{bail, Context, Result};
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The app binary the GUI tests drive (`cargo build -p cognito-desk`).
pub fn app_binary() -> PathBuf {
    std::env::var_os("COGNITO_DESK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::repo_root().join("target/debug/cognito-desk"))
}

fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|d| d.join("bin/tauri-driver"));
    match in_cargo_home {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// A directory beside the test's config dir for the webview's own files.
fn webview_home(config_dir: &Path, what: &str) -> PathBuf {
    let base = config_dir.parent().unwrap_or(config_dir);
    base.join(format!("webview-{what}"))
}

pub struct Gui {
    /// The WebDriver session. Take screenshots with [`Gui::screenshot`], never with
    /// `client.screenshot()`: on a page that does not change, that one waits for ever
    /// (see [`Gui::capture`]).
    pub client: Client,
    driver: Child,
    shots: PathBuf,
    shot_count: usize,
}

impl Gui {
    /// Starts the app in a real window with its profiles in `config_dir`; screenshots go
    /// to `shots`.
    pub async fn start(config_dir: &Path, shots: &Path) -> Result<Self> {
        Self::start_with_env(config_dir, shots, &[]).await
    }

    /// [`Gui::start`] with extra environment variables for the app.
    pub async fn start_with_env(
        config_dir: &Path,
        shots: &Path,
        env: &[(&str, &str)],
    ) -> Result<Self> {
        let app = app_binary();
        if !app.exists() {
            bail!(
                "{} is missing: build it with `cargo build -p cognito-desk`",
                app.display()
            );
        }
        let port = crate::free_port();
        let native_port = crate::free_port();
        let log = std::fs::File::create(shots.join("tauri-driver.log"))?;
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("COGNITO_DESK_CONFIG_DIR", config_dir)
            // Keychain entries of this test only, in the test session's Secret Service.
            .env(
                cognito_desk_core::vault::SERVICE_ENV,
                format!("cognito-desk-test-{}", config_dir.display()),
            )
            .env("NO_AT_BRIDGE", "1")
            // WebKit's storage (the language choice in localStorage) of this test only:
            // tests run side by side, and one switching to Japanese must not start
            // another in it.
            .env("XDG_DATA_HOME", webview_home(config_dir, "data"))
            .env("XDG_CACHE_HOME", webview_home(config_dir, "cache"))
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("starting tauri-driver (run scripts/setup first?)")?;
        // tauri-driver answers before the WebKitWebDriver it starts is listening: wait
        // for both ports, or the new-session request is refused.
        let deadline = Instant::now() + Duration::from_secs(30);
        for p in [port, native_port] {
            while std::net::TcpStream::connect(("127.0.0.1", p)).is_err() {
                if Instant::now() > deadline {
                    bail!("tauri-driver / WebKitWebDriver did not listen on {p}");
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app.display().to_string() }),
        );
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session attempt {attempt} failed ({e}); retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => return Err(anyhow::Error::new(e).context("WebDriver session")),
            }
        };
        Ok(Self {
            client,
            driver,
            shots: shots.to_owned(),
            shot_count: 0,
        })
    }

    /// Waits until an element matching `css` is displayed, and returns it.
    pub async fn visible(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(found) = self.client.find_all(Locator::Css(css)).await {
                for el in found {
                    if el.is_displayed().await.unwrap_or(false) {
                        return Ok(el);
                    }
                }
            }
            if Instant::now() > deadline {
                bail!(
                    "{css} did not become visible within 30 s; {}",
                    self.whereabouts().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the rendered text of the first element matching `css` satisfies
    /// `pred` (a hidden element's rendered text is empty).
    pub async fn text_until(&self, css: &str, pred: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = None;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                // The window puts zero-width spaces between Japanese words (its line
                // breaks): a person reads the text without them.
                let text = el.text().await.unwrap_or_default().replace('\u{200b}', "");
                if pred(&text) {
                    return Ok(text);
                }
                last = Some(text);
            }
            if Instant::now() > deadline {
                bail!(
                    "{css} shows {last:?}, not what the test waited for; {}",
                    self.whereabouts().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the window shows when a wait times out: the view on screen, the status line
    /// and the error box, plus a screenshot, so a failure in CI can be read from its log.
    async fn whereabouts(&self) -> String {
        let asked = self.client.execute(
            "const shown = [...document.querySelectorAll('section.view')].filter((v) => !v.hidden).map((v) => v.id); \
             const text = (id) => (document.getElementById(id)?.innerText ?? '').trim(); \
             return `views on screen: ${shown.join(', ') || 'none'}; status: \"${text('status')}\"; error: \"${text('error')}\"`;",
            vec![],
        );
        let state = tokio::time::timeout(Duration::from_secs(10), asked)
            .await
            .ok()
            .and_then(|answer| answer.ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "the window did not answer".to_owned());
        let shot = self
            .shots
            .join(format!("timeout-{}.png", std::process::id()));
        match self.capture().await {
            Ok(png) if std::fs::write(&shot, &png).is_ok() => {
                format!("{state}; screenshot {}", shot.display())
            }
            _ => state,
        }
    }

    /// Switches the window's language (the select in the top bar), as a user would.
    pub async fn set_lang(&self, lang: &str) -> Result<()> {
        self.client
            .execute(
                "const s = document.querySelector('#lang-select'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
                vec![serde_json::Value::String(lang.to_owned())],
            )
            .await?;
        Ok(())
    }

    /// Fills in the sign-in form and submits it.
    pub async fn sign_in(&self, user: &str, password: &str) -> Result<()> {
        self.type_into("#signin-username", user).await?;
        if password.is_empty() {
            // WebDriver refuses to send no keys: an empty password is a cleared field.
            self.visible("#signin-password").await?.clear().await?;
        } else {
            self.type_into("#signin-password", password).await?;
        }
        self.click("#signin-submit").await
    }

    /// Chooses `path` in the file input `css` (hidden ones too), as a person does in the
    /// file dialog its button opens.
    pub async fn choose_file(&self, css: &str, path: &Path) -> Result<()> {
        let input = self.client.find(Locator::Css(css)).await?;
        input.send_keys(&path.display().to_string()).await?;
        Ok(())
    }

    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let el = self.visible(css).await?;
        el.clear().await?;
        el.send_keys(text).await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self.enabled(css).await?;
        el.click().await?;
        Ok(())
    }

    /// Waits until the element is visible and enabled (a form's Save button is enabled
    /// once its validation has settled, so the layout no longer moves under a click).
    pub async fn enabled(&self, css: &str) -> Result<Element> {
        let el = self.visible(css).await?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !el.is_enabled().await.unwrap_or(false) {
            if Instant::now() > deadline {
                bail!("{css} stayed disabled; {}", self.whereabouts().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(el)
    }

    /// Saves a PNG of the window as `NN-name.png` and returns its path.
    pub async fn screenshot(&mut self, name: &str) -> Result<PathBuf> {
        // A screenshot taken right after a DOM change can show an earlier frame
        // (machine-notes.md): let two animation frames pass, and throw the first capture away.
        let frames = self.client.execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            vec![],
        );
        // Its answer does not matter, but a call left waiting would hold up every later one.
        tokio::time::timeout(Duration::from_secs(10), frames)
            .await
            .context("two animation frames did not pass within 10 s")?
            .ok();
        // An error stops here: after a screenshot that got no frame, every later WebDriver
        // command waits behind it.
        self.capture().await?;
        tokio::time::sleep(Duration::from_millis(250)).await;
        self.shot_count += 1;
        let path = self
            .shots
            .join(format!("{:02}-{name}.png", self.shot_count));
        std::fs::write(&path, self.capture().await?)?;
        Ok(path)
    }

    /// WebDriver's screenshot of the window, as PNG bytes.
    ///
    /// WebKitWebDriver answers a screenshot only after the view's next painted frame.
    /// The app renders without hardware acceleration (src-tauri/src/webkit.rs), and then
    /// a page where nothing changes (no caret, no spinner) paints no frame, and the
    /// request waits for ever. So while the screenshot is taken, a 1×1 px dot in the
    /// bottom-left corner changes its alpha between 1 % and 2 % every 50 ms (for at most
    /// 60 s), and goes once the screenshot came: frames come, and the screenshot is the
    /// view as last presented, the dot a shade darker in one pixel.
    async fn capture(&self) -> Result<Vec<u8>> {
        let bound = Duration::from_secs(20);
        let start = self.client.execute(
                "let dot = document.getElementById('webdriver-frame-dot'); \
                 if (!dot) { \
                   dot = document.createElement('div'); dot.id = 'webdriver-frame-dot'; \
                   dot.setAttribute('aria-hidden', 'true'); \
                   dot.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647'; \
                   document.documentElement.appendChild(dot); \
                 } \
                 clearInterval(dot.frames); \
                 let n = 0; \
                 dot.frames = setInterval(() => { \
                   n += 1; dot.style.background = `rgba(0, 0, 0, ${n % 2 ? 0.02 : 0.01})`; \
                   if (n >= 1200) clearInterval(dot.frames); \
                 }, 50);",
                vec![],
            );
        tokio::time::timeout(bound, start)
            .await
            .context("the window did not answer within 20 s")?
            .context("starting the frames a screenshot waits for")?;
        let png = tokio::time::timeout(bound, self.client.screenshot())
            .await
            .context("WebDriver's screenshot waited 20 s for a painted frame")??;
        let stop = self.client.execute(
            "const dot = document.getElementById('webdriver-frame-dot'); \
             if (dot) { clearInterval(dot.frames); dot.remove(); }",
            vec![],
        );
        // The screenshot is in hand: a dot left behind is only reported.
        match tokio::time::timeout(bound, stop).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => eprintln!("the frame dot stayed: {e}"),
            Err(_) => bail!("the window did not answer within 20 s after a screenshot"),
        }
        Ok(png)
    }

    /// A screenshot in English (`name-en`), the same screen in Japanese (`name-ja`), then
    /// back to English. Returns the English one.
    pub async fn screenshot_both_languages(&mut self, name: &str) -> Result<PathBuf> {
        let en = self.screenshot(&format!("{name}-en")).await?;
        self.set_lang("ja").await?;
        self.screenshot(&format!("{name}-ja")).await?;
        self.set_lang("en").await?;
        Ok(en)
    }

    /// Whether the element's rectangle lies inside the window at the page's current
    /// scroll: displayed, and not cut at any edge. Err says where it is instead.
    pub async fn inside_window(&self, css: &str) -> std::result::Result<(), String> {
        let found = self
            .client
            .execute(
                "const el = document.querySelector(arguments[0]); \
                 if (!el) return 'missing'; \
                 const r = el.getBoundingClientRect(); \
                 return [r.left, r.top, r.right, r.bottom, r.width, r.height, innerWidth, innerHeight];",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .map_err(|e| format!("{css}: {e}"))?;
        let Some(r) = found.as_array().filter(|r| r.len() == 8) else {
            return Err(format!("{css}: {found}"));
        };
        let n: Vec<f64> = r.iter().map(|v| v.as_f64().unwrap_or(f64::NAN)).collect();
        let (left, top, right, bottom, width, height, vw, vh) =
            (n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
        if width > 0.0 && height > 0.0 && left >= 0.0 && top >= 0.0 && right <= vw && bottom <= vh {
            Ok(())
        } else {
            Err(format!(
                "{css} at ({left}, {top})–({right}, {bottom}) in a {vw}×{vh} window"
            ))
        }
    }

    /// Ends the test's window: the session must end cleanly ([`Gui::end`]).
    pub async fn finish(self) {
        if let Err(e) = self.end().await {
            panic!("the WebDriver session did not end cleanly: {e:#}");
        }
    }

    /// Ends the WebDriver session and checks that it ended cleanly: the end-session
    /// request answers within 10 s, and the app with its WebKit web and network
    /// processes exits within 10 s more (machine-notes.md records a hang there with
    /// WebKit's compositing turned off by environment variable). Leftovers are killed
    /// before the error, so they cannot disturb other tests.
    pub async fn end(mut self) -> Result<()> {
        let app_processes: Vec<Process> = descendants(self.driver.id())
            .into_iter()
            .filter(|p| p.name != "WebKitWebDriver")
            .collect();
        let ended = self.end_session(&app_processes).await;
        if ended.is_err() {
            for p in app_processes.iter().filter(|p| p.running()) {
                if let Ok(pid) = i32::try_from(p.pid) {
                    // SAFETY: a process of this test's window, checked alive just now.
                    unsafe {
                        libc::kill(pid, libc::SIGKILL);
                    }
                }
            }
        }
        self.stop_driver();
        ended
    }

    async fn end_session(&self, app_processes: &[Process]) -> Result<()> {
        // Names as the kernel keeps them: cut to 15 bytes.
        for expected in ["cognito-desk", "WebKitWebProces", "WebKitNetworkPr"] {
            if !app_processes.iter().any(|p| p.name == expected) {
                bail!("no {expected} process under tauri-driver: {app_processes:?}");
            }
        }
        tokio::time::timeout(Duration::from_secs(10), self.client.clone().close())
            .await
            .context("ending the WebDriver session took more than 10 s")?
            .context("ending the WebDriver session")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let running: Vec<&Process> = app_processes.iter().filter(|p| p.running()).collect();
            if running.is_empty() {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("still running 10 s after the session ended: {running:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn stop_driver(&mut self) {
        if let Ok(Some(_)) = self.driver.try_wait() {
            return; // stopped already: its pid may be another process's by now
        }
        if let Ok(pid) = i32::try_from(self.driver.id()) {
            // SIGTERM, never SIGKILL: a killed tauri-driver orphans WebKitWebDriver (machine-notes.md).
            // SAFETY: signalling our own child, not yet reaped.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Gui {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

/// Reads every QR code in a PNG screenshot, as a phone camera would: the test proves
/// the code the app drew scans, not just that an image is there.
pub fn read_qr_codes(png: &Path) -> Result<Vec<String>> {
    let image = image::open(png)
        .with_context(|| format!("reading {}", png.display()))?
        .to_luma8();
    let (width, height) = image.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(width as usize, height as usize, |x, y| {
            image.get_pixel(x as u32, y as u32).0[0]
        });
    let mut found = Vec::new();
    for grid in prepared.detect_grids() {
        if let Ok((_, content)) = grid.decode() {
            found.push(content);
        }
    }
    Ok(found)
}
