//! The test playing the user's browser in a managed login: it follows the authorize
//! redirects with a cookie jar, fills and posts the sign-in (and consent) forms the
//! server shows, and stops where the server sends the browser to the app's loopback
//! redirect — then, like a browser, requests that URL so the app's listener answers.

use anyhow::{anyhow, bail, Context, Result};
use reqwest::header::LOCATION;
use scraper::{Html, Selector};
use url::Url;

/// What the browser tab ends up showing.
#[derive(Debug, Clone)]
pub struct Tab {
    pub status: u16,
    pub body: String,
}

pub struct Browser {
    http: reqwest::Client,
    /// Redirects to this origin (the app's loopback) end the server's part.
    app_origin: url::Origin,
    user: String,
    password: String,
}

/// Pages and redirects a sign-in may take before the redirect to the app.
const MAX_STEPS: usize = 20;

impl Browser {
    pub fn new(redirect_uri: &str, user: &str, password: &str) -> Result<Self> {
        // reqwest is built with the app's TLS stack, whose provider is set at run time.
        cognito_desk_core::http::install_crypto_provider();
        Ok(Self {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .timeout(std::time::Duration::from_secs(20))
                .build()?,
            app_origin: Url::parse(redirect_uri)?.origin(),
            user: user.into(),
            password: password.into(),
        })
    }

    /// Signs in on the server's pages and returns the URL the server sends the browser
    /// to (the app's redirect URI with `code`/`state` or `error`), without visiting it.
    pub async fn sign_in_until_redirect(&self, authorize_url: &str) -> Result<Url> {
        match self.walk(authorize_url, OnPage::SubmitForm).await? {
            Landing::App(url) => Ok(url),
            Landing::Page(_) => bail!("the sign-in stopped on a page"),
        }
    }

    /// The page a URL ends on after the server's redirects (not followed to the app).
    pub async fn page(&self, url: &str) -> Result<String> {
        match self.walk(url, OnPage::Stop).await? {
            Landing::Page(body) => Ok(body),
            Landing::App(next) => bail!("redirected to the app without a page: {next}"),
        }
    }

    /// Opens a URL the way the browser does when the server redirects there.
    pub async fn visit(&self, url: &Url) -> Result<Tab> {
        let response = self.http.get(url.clone()).send().await?;
        Ok(Tab {
            status: response.status().as_u16(),
            body: response.text().await?,
        })
    }

    /// The whole sign-in: the server's pages, then the app's loopback answer.
    pub async fn sign_in(&self, authorize_url: &str) -> Result<Tab> {
        let redirect = self.sign_in_until_redirect(authorize_url).await?;
        self.visit(&redirect).await
    }

    /// Follows a URL's redirects (e.g. the domain's `/logout`) to the app's loopback and
    /// opens that last URL there.
    pub async fn follow_to_app(&self, url: &str) -> Result<Tab> {
        let redirect = self.sign_in_until_redirect(url).await?;
        self.visit(&redirect).await
    }

    /// The page's first form, filled in: username/login and password fields get the
    /// user's, every other field keeps its value (hidden fields, a consent prompt).
    async fn submit_form(&self, here: &Url, body: &str) -> Result<reqwest::Response> {
        let (action, fields) = read_form(body, &self.user, &self.password)
            .ok_or_else(|| anyhow!("no form on {here}: {}", excerpt(body)))?;
        let target = here.join(&action)?;
        Ok(self.http.post(target).form(&fields).send().await?)
    }

    /// Follows the page's link whose text contains `text` (e.g. oidc-provider's
    /// "Cancel" on its sign-in page), then the redirects, up to the app.
    pub async fn click_link_until_redirect(&self, authorize_url: &str, text: &str) -> Result<Url> {
        match self.walk(authorize_url, OnPage::ClickLink(text)).await? {
            Landing::App(url) => Ok(url),
            Landing::Page(_) => bail!("the click stopped on a page"),
        }
    }

    /// Opens `url` and follows the server's redirects, acting on each page as `on_page`
    /// says, until the server sends the browser to the app (or a page, for `Stop`).
    async fn walk(&self, url: &str, on_page: OnPage<'_>) -> Result<Landing> {
        let mut response = self.http.get(url).send().await?;
        for _ in 0..MAX_STEPS {
            let here = response.url().clone();
            if response.status().is_redirection() {
                let location = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .context("redirect without Location")?;
                let next = here.join(location)?;
                if next.origin() == self.app_origin {
                    return Ok(Landing::App(next));
                }
                response = self.http.get(next).send().await?;
                continue;
            }
            let status = response.status();
            let body = response.text().await?;
            response = match on_page {
                OnPage::Stop => return Ok(Landing::Page(body)),
                OnPage::SubmitForm if !status.is_success() => {
                    bail!("the server answered {status} at {here}: {}", excerpt(&body))
                }
                OnPage::SubmitForm => self.submit_form(&here, &body).await?,
                OnPage::ClickLink(text) => {
                    let href = find_link(&body, text)
                        .ok_or_else(|| anyhow!("no link {text:?} on {here}: {}", excerpt(&body)))?;
                    self.http.get(here.join(&href)?).send().await?
                }
            };
        }
        bail!("no redirect to the app after {MAX_STEPS} steps")
    }
}

/// What the browser does with a page (not a redirect) on its way.
#[derive(Clone, Copy)]
enum OnPage<'a> {
    /// Show it: the walk ends there.
    Stop,
    /// Fill in and post its form.
    SubmitForm,
    /// Follow the link with this text.
    ClickLink(&'a str),
}

/// Where a walk ended.
enum Landing {
    /// The server sent the browser to the app's loopback redirect (not visited).
    App(Url),
    /// A page's body.
    Page(String),
}

fn read_form(body: &str, user: &str, password: &str) -> Option<(String, Vec<(String, String)>)> {
    let doc = Html::parse_document(body);
    let form_sel = Selector::parse("form").ok()?;
    let input_sel = Selector::parse("input").ok()?;
    let form = doc.select(&form_sel).next()?;
    let action = form.value().attr("action").unwrap_or("").to_owned();
    let mut fields = Vec::new();
    for input in form.select(&input_sel) {
        let Some(name) = input.value().attr("name") else {
            continue;
        };
        let value = match (name, input.value().attr("type").unwrap_or("text")) {
            ("username" | "login" | "email", _) => user.to_owned(),
            (_, "password") => password.to_owned(),
            _ => input.value().attr("value").unwrap_or("").to_owned(),
        };
        fields.push((name.to_owned(), value));
    }
    Some((action, fields))
}

fn find_link(body: &str, text: &str) -> Option<String> {
    let doc = Html::parse_document(body);
    let sel = Selector::parse("a").ok()?;
    let needle = text.to_lowercase();
    doc.select(&sel)
        .find(|a| {
            a.text()
                .collect::<String>()
                .to_lowercase()
                .contains(&needle)
        })
        .and_then(|a| a.value().attr("href").map(str::to_owned))
}

fn excerpt(body: &str) -> String {
    body.chars().take(300).collect()
}

/// A query parameter of a URL.
pub fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `url` with one query parameter replaced.
pub fn with_param(url: &Url, name: &str, value: &str) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                value.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    let mut out = url.clone();
    out.query_pairs_mut().clear().extend_pairs(pairs);
    out
}
