//! The small pages the loopback listener shows in the browser tab: what happened, in
//! words, and that the tab can be closed. No scripts, nothing loaded from elsewhere.

/// One answer to the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub status: u16,
    pub title: String,
    pub message: String,
}

impl Page {
    fn new(status: u16, title: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            title: title.to_owned(),
            message: message.into(),
        }
    }

    pub fn html(&self) -> String {
        let accent = if self.status < 400 {
            "#1d7a46"
        } else {
            "#b3261e"
        };
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width\"><title>{title} — Cognito Desk</title>\
<style>body{{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;color:#1f2328}}\
main{{max-width:32rem;padding:2rem;border-top:4px solid {accent}}}h1{{font-size:1.4rem;color:{accent}}}</style>\
</head><body><main><h1>{title}</h1><p>{message}</p><p>Cognito Desk</p></main></body></html>",
            title = escape(&self.title),
            message = escape(&self.message),
        )
    }
}

/// Text into HTML: the five characters that could open markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

pub fn signed_in() -> Page {
    Page::new(
        200,
        "Signed in",
        "Signed in — you can close this tab and return to Cognito Desk.",
    )
}

/// The sign-in failed after the redirect arrived (token exchange, ID token checks).
pub fn failed(message: &str) -> Page {
    Page::new(
        400,
        "Sign-in failed",
        format!("{message} Cognito Desk shows what to do next; you can close this tab."),
    )
}

pub fn refused(error: &str, description: Option<&str>) -> Page {
    let words = match description {
        Some(d) => format!("The sign-in page answered {error}: {d}."),
        None => format!("The sign-in page answered {error}."),
    };
    Page::new(
        400,
        "Sign-in not completed",
        format!("{words} You can close this tab."),
    )
}

pub fn cancelled() -> Page {
    Page::new(
        400,
        "Sign-in cancelled",
        "The sign-in was cancelled in Cognito Desk, so this code was not used. You can close this tab.",
    )
}

pub fn state_mismatch() -> Page {
    Page::new(
        400,
        "Sign-in rejected",
        "This redirect does not belong to the sign-in Cognito Desk started (state mismatch). Its code was discarded; Cognito Desk still waits for its own sign-in. You can close this tab.",
    )
}

pub fn incomplete() -> Page {
    Page::new(
        400,
        "Nothing to sign in with",
        "This address received neither a code nor an error. Cognito Desk is still waiting for the sign-in.",
    )
}

pub fn signed_out() -> Page {
    Page::new(
        200,
        "Signed out",
        "Signed out of managed login — you can close this tab.",
    )
}

pub fn not_the_callback() -> Page {
    Page::new(
        404,
        "Not found",
        "This is Cognito Desk's sign-in address; nothing is here.",
    )
}

pub fn no_longer_waiting() -> Page {
    Page::new(
        410,
        "No sign-in in progress",
        "Cognito Desk is no longer waiting for this sign-in. Start it again from the app.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_cannot_open_markup() {
        let html = refused("access_denied", Some("<script>x</script> & \"q\"")).html();
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;"));
        assert!(!html.contains("<script>"));
    }
}
