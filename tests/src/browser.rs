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
        let mut response = self.http.get(authorize_url).send().await?;
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
                    return Ok(next);
                }
                response = self.http.get(next).send().await?;
                continue;
            }
            let status = response.status();
            let body = response.text().await?;
            if !status.is_success() {
                bail!("the server answered {status} at {here}: {}", excerpt(&body));
            }
            response = self.submit_form(&here, &body).await?;
        }
        bail!("no redirect to the app after {MAX_STEPS} steps")
    }

    /// The page a URL ends on after the server's redirects (not followed to the app).
    pub async fn page(&self, url: &str) -> Result<String> {
        let mut response = self.http.get(url).send().await?;
        for _ in 0..MAX_STEPS {
            if !response.status().is_redirection() {
                return Ok(response.text().await?);
            }
            let here = response.url().clone();
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .context("redirect without Location")?;
            let next = here.join(location)?;
            if next.origin() == self.app_origin {
                bail!("redirected to the app without a page: {next}");
            }
            response = self.http.get(next).send().await?;
        }
        bail!("more than {MAX_STEPS} redirects")
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
    /// A page with a "cancel"/"abort" link and no password field is a consent page.
    async fn submit_form(&self, here: &Url, body: &str) -> Result<reqwest::Response> {
        let (action, fields) = read_form(body, &self.user, &self.password)
            .ok_or_else(|| anyhow!("no form on {here}: {}", excerpt(body)))?;
        let target = here.join(&action)?;
        Ok(self.http.post(target).form(&fields).send().await?)
    }

    /// Follows the page's link whose text contains `text` (e.g. oidc-provider's
    /// "Cancel" on its sign-in page), then the redirects, up to the app.
    pub async fn click_link_until_redirect(&self, authorize_url: &str, text: &str) -> Result<Url> {
        let mut response = self.http.get(authorize_url).send().await?;
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
                    return Ok(next);
                }
                response = self.http.get(next).send().await?;
                continue;
            }
            let body = response.text().await?;
            let href = find_link(&body, text)
                .ok_or_else(|| anyhow!("no link {text:?} on {here}: {}", excerpt(&body)))?;
            response = self.http.get(here.join(&href)?).send().await?;
        }
        bail!("no redirect to the app after {MAX_STEPS} steps")
    }
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
