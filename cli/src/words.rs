//! The CLI's English for the values the core sends (the window words the same values in
//! its own language): the factors a sign-in proved, an Amplify import's notes, the
//! keychain entries a removal took.

use cognito_desk_core::dto::KeychainEntry;
use cognito_desk_core::profile::ImportNote;
use cognito_desk_core::session::Factor;

/// "SRP + authenticator app", as the window's session page says it.
pub fn factors(factors: &[Factor]) -> String {
    factors
        .iter()
        .map(|f| match f {
            Factor::Password => "password",
            Factor::Srp => "SRP",
            Factor::AuthenticatorApp => "authenticator app",
            Factor::SmsCode => "SMS code",
            Factor::EmailCode => "email code",
            Factor::CustomChallenge => "custom challenge",
            Factor::ManagedLogin => "managed login",
            Factor::RememberedDevice => "this computer (remembered device)",
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

pub fn amplify_note(note: &ImportNote) -> String {
    let detail = &note.detail;
    match note.code {
        "redirectChosen" => format!(
            "redirect URI {detail}: the file's first loopback address (this app listens there)"
        ),
        "noRedirect" => "the file names no redirect URI; add one such as http://127.0.0.1:53682/callback to the app client and with --redirect-uri".into(),
        "noLoopbackRedirect" => format!(
            "no redirect URI of the file is a loopback address with a port ({detail}); add one such as http://127.0.0.1:53682/callback to the app client and with --redirect-uri"
        ),
        "identityProviders" => format!("social sign-in ({detail}) works through managed login only"),
        "implicitGrant" => "the file asks for response type \"token\"; this app signs in with a code and PKCE, so the app client must allow the authorization code grant".into(),
        other => format!("{other}: {detail}"),
    }
}

/// "its client secret; the session of demo@example.com; …", or `None` for no entries.
pub fn keychain_entries(entries: &[KeychainEntry]) -> Option<String> {
    let words: Vec<String> = entries
        .iter()
        .map(|e| match e {
            KeychainEntry::ClientSecret => "its app client's secret".to_owned(),
            KeychainEntry::Session { username } => format!("the session of {username}"),
            KeychainEntry::TestAuthenticator { username } => {
                format!("the test authenticator's secret of {username}")
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_read_as_the_window_says_them() {
        assert_eq!(
            factors(&[Factor::Srp, Factor::AuthenticatorApp]),
            "SRP + authenticator app"
        );
        assert_eq!(factors(&[Factor::Password]), "password");
        assert_eq!(factors(&[Factor::CustomChallenge]), "custom challenge");
        assert_eq!(factors(&[Factor::ManagedLogin]), "managed login");
    }
}
