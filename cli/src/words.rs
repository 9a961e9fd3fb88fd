//! The CLI's English for the values the core sends (the window words the same values in
//! its own language): the factors a sign-in proved, an Amplify import's notes, the
//! keychain entries a removal took.

use cognito_desk_core::desk::DeviceRow;
use cognito_desk_core::dto::KeychainEntry;
use cognito_desk_core::dto::SessionView;
use cognito_desk_core::profile::ImportNote;
use cognito_desk_core::session::{DeviceStatus, Factor};

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
            Factor::ThisComputer => "this computer (a device of the user)",
            Factor::Passkey => "passkey",
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
            KeychainEntry::Device { username } => {
                format!("this computer as a device of {username}")
            }
            KeychainEntry::TestAuthenticator { username } => {
                format!("the test authenticator's secret of {username}")
            }
            KeychainEntry::TestPasskey { username } => {
                format!("the test passkey of {username}")
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join("; "))
}

/// What the sign-in did with this computer as a device, a line each (stderr).
pub fn device_lines(session: &SessionView) -> Vec<String> {
    let mut lines = Vec::new();
    if session.stale_device_forgotten {
        lines.push("The user pool no longer knew this computer's device (forgotten by an administrator or another computer): it was forgotten here and the sign-in went on in full.".to_owned());
    }
    let Some(device) = session.device.as_deref() else {
        return lines;
    };
    if session.factors.contains(&Factor::ThisComputer)
        && !session.factors.iter().any(|f| {
            matches!(
                f,
                Factor::AuthenticatorApp | Factor::SmsCode | Factor::EmailCode
            )
        })
    {
        lines.push("This computer is remembered: Cognito asked for no MFA code.".to_owned());
    }
    lines.push(match &device.status {
        DeviceStatus::Remembered => format!("This computer is remembered for the user (device {}).", device.key),
        DeviceStatus::NotRemembered | DeviceStatus::AskUser => format!(
            "This computer is a device of the user ({}), not remembered: sign in with --remember-device to remember it.",
            device.key
        ),
        DeviceStatus::Known => format!("This computer is a device of the user ({}).", device.key),
        DeviceStatus::ConfirmFailed { code, message } => format!(
            "warning: Cognito did not confirm this computer as a device ({code}: {message}); the sign-in stands."
        ),
    });
    lines
}

/// `KEY  NAME  last used …  remembered|not remembered  *` (the `*` marks this computer).
pub fn device_row(row: &DeviceRow) -> String {
    let when = |t: Option<i64>| {
        t.map(cognito_desk_core::session::utc_text)
            .unwrap_or_else(|| "-".to_owned())
    };
    let remembered = match row.remembered {
        Some(true) => "remembered",
        Some(false) => "not remembered",
        None => "-",
    };
    format!(
        "{}\t{}\tlast used {}\t{}{}",
        row.key,
        row.name.as_deref().unwrap_or("-"),
        when(row.last_authenticated_at),
        remembered,
        if row.this_computer {
            "\t* this computer"
        } else {
            ""
        }
    )
}

/// One passkey, tab-separated like `devices`: its credential id, name, relying party,
/// attachment and creation time; "* test passkey" marks the one kept on this computer.
pub fn passkey_row(row: &cognito_desk_core::passkey::PasskeyRow) -> String {
    format!(
        "{}\t{}\t{}\t{}\tcreated {}{}",
        row.credential_id,
        row.name,
        row.relying_party_id,
        row.attachment.as_deref().unwrap_or("-"),
        cognito_desk_core::session::utc_text(row.created_at),
        if row.test_passkey {
            "\t* test passkey"
        } else {
            ""
        }
    )
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
