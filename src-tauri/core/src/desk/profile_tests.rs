//! The profiles as both fronts change them: a client secret stored before the profile
//! is, the selection kept by the CLI's saves, and a removal that takes the profile's
//! keychain entries and records with it (an in-memory vault stands in for the keychain).

use super::Desk;
use crate::dto::KeychainEntry;
use crate::error::Code;
use crate::ids::{ClientId, PoolId, ProfileId, Username};
use crate::profile::{ProfileInput, ProfileSettings, Selection};
use crate::secret::{ClientSecret, Jwt, RefreshToken, TotpSecret};
use crate::session::{now_secs, Session};
use crate::signin::Tokens;
use crate::vault::{MemoryVault, Vault};
use base64::Engine;
use std::path::PathBuf;

const USER: &str = "demo@example.com";

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cognito-desk-profiles-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn input(name: &str, secret: Option<&str>) -> ProfileInput {
    ProfileInput {
        id: None,
        settings: ProfileSettings {
            name: name.into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new("us-east-1_Test"),
            client_id: ClientId::new("client"),
            has_client_secret: secret.is_some(),
            endpoint: Some("http://127.0.0.1:9".into()),
            ..Default::default()
        },
        client_secret: secret.map(ClientSecret::new),
    }
}

fn jwt(claims: serde_json::Value) -> Jwt {
    let b64 = |v: &serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
    };
    Jwt::new(format!(
        "{}.{}.c2ln",
        b64(&serde_json::json!({"alg": "RS256"})),
        b64(&claims)
    ))
}

fn sign_in(desk: &Desk, profile: &ProfileId) {
    let exp = now_secs() + 3600;
    let tokens = Tokens {
        id: jwt(serde_json::json!({"cognito:username": USER, "email": USER, "exp": exp})),
        access: jwt(serde_json::json!({"username": USER, "exp": exp})),
        refresh: Some(RefreshToken::new("refresh")),
        expires_in_secs: 3600,
        new_device: None,
    };
    let profile = desk.profiles().get(profile).unwrap();
    desk.session()
        .begin(Session::new(&profile, tokens).unwrap());
}

#[test]
fn removing_a_profile_takes_its_keychain_entries_and_records_with_it() {
    let (dir, vault) = (temp_dir(), MemoryVault::default());
    let desk = Desk::open(&dir, Box::new(vault.clone()));
    let other = desk
        .profiles()
        .save(input("Other", Some("other-secret")))
        .unwrap()
        .id;
    let gone = desk
        .profiles()
        .save(input("Gone", Some("gone-secret")))
        .unwrap()
        .id;
    sign_in(&desk, &gone);
    let user = Username::new(USER);
    desk.test_authenticator()
        .remember(&gone, &user, &TotpSecret::new("JBSWY3DPEHPK3PXP"))
        .unwrap();
    desk.test_authenticator()
        .remember(&other, &user, &TotpSecret::new("JBSWY3DPEHPK3PXP"))
        .unwrap();
    assert_eq!(vault.len(), 5);

    let removed = desk.remove_profile(&gone).unwrap();
    assert_eq!(removed.name, "Gone");
    assert_eq!(
        removed.keychain,
        [
            KeychainEntry::ClientSecret,
            KeychainEntry::Session {
                username: user.clone()
            },
            KeychainEntry::TestAuthenticator {
                username: user.clone()
            },
        ]
    );
    // The other profile keeps its secret and its test account; nothing of "Gone" stays.
    assert_eq!(vault.len(), 2);
    assert!(vault.load_client_secret(&other).unwrap().is_some());
    assert_eq!(
        desk.test_authenticator().users(&other),
        std::slice::from_ref(&user)
    );
    for file in ["profiles.json", "sessions.json", "test-authenticator.json"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(!text.contains(gone.as_str()), "{file}: {text}");
    }
    let e = desk.remove_profile(&gone).unwrap_err();
    assert_eq!(e.code, Code::NoProfile);
}

#[test]
fn a_locked_keychain_stops_what_needs_it_and_changes_nothing() {
    let dir = temp_dir();
    let open = Desk::open(&dir, Box::new(MemoryVault::default()));
    let plain = open.profiles().save(input("Plain", None)).unwrap().id;
    let with_secret = open.profiles().save(input("Secret", Some("s"))).unwrap().id;
    let before = std::fs::read(dir.join("profiles.json")).unwrap();

    let locked = Desk::open(&dir, Box::new(MemoryVault::unavailable()));
    let e = locked.remove_profile(&with_secret).unwrap_err();
    assert_eq!(e.code, Code::KeychainUnavailable);
    // A secret the keychain refuses: the profile is not saved either.
    let e = locked.profiles().save(input("New", Some("s"))).unwrap_err();
    assert_eq!(e.code, Code::KeychainUnavailable);
    assert!(e.message.contains("not saved"), "{}", e.message);
    assert_eq!(std::fs::read(dir.join("profiles.json")).unwrap(), before);
    // A profile the keychain holds nothing of goes without it.
    let removed = locked.remove_profile(&plain).unwrap();
    assert!(removed.keychain.is_empty());
}

#[test]
fn the_clis_saves_keep_the_windows_selection_and_exports_carry_no_secret() {
    let (dir, vault) = (temp_dir(), MemoryVault::default());
    let desk = Desk::open(&dir, Box::new(vault));
    // The first profile is selected whatever the save asked.
    let first = desk
        .profiles()
        .save_as(input("First", None), Selection::Keep)
        .unwrap()
        .id;
    assert_eq!(desk.profiles().view().selected_id, Some(first.clone()));
    let second = desk
        .profiles()
        .save_as(input("Second", Some("shh")), Selection::Keep)
        .unwrap();
    assert_eq!(desk.profiles().view().selected_id, Some(first));
    assert!(second.client_secret_stored);
    let export = desk.profiles().export(&second.id).unwrap();
    assert!(export.contains("\"hasClientSecret\": true"), "{export}");
    assert!(
        !export.contains("shh") && !export.contains(second.id.as_str()),
        "{export}"
    );
    desk.profiles().save(input("Third", None)).unwrap();
    assert_ne!(desk.profiles().view().selected_id, Some(second.id));
}
