//! The session lifecycle with an in-memory vault: what is kept, restored, refreshed and
//! forgotten, and what a sign-out does when the server cannot be reached. The endpoint
//! is a closed port on 127.0.0.1, so every server call fails at once with a real
//! connection refusal; the behaviour around it is what is tested here (the scenario
//! tests drive the same code against emulators).

use super::Desk;
use crate::dto::{RestoreOutcome, WhichToken};
use crate::error::Code;
use crate::ids::{ClientId, PoolId, ProfileId, Username};
use crate::profile::{ProfileInput, ProfileSettings};
use crate::secret::{Jwt, RefreshToken};
use crate::session::{now_secs, Session};
use crate::signin::Tokens;
use crate::vault::{MemoryVault, Vault};
use base64::Engine;
use std::path::PathBuf;

const USER: &str = "demo@example.com";

struct World {
    desk: Desk,
    vault: MemoryVault,
    profile: ProfileId,
    dir: PathBuf,
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cognito-desk-core-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A desk on a profile whose endpoint refuses connections.
fn world_with(vault: MemoryVault) -> World {
    let dir = temp_dir();
    let desk = Desk::open(&dir, Box::new(vault.clone()));
    let profile = desk
        .profiles()
        .save(ProfileInput::from(ProfileSettings {
            name: "Closed port".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new("us-east-1_Test"),
            client_id: ClientId::new("client"),
            endpoint: Some(format!("http://127.0.0.1:{}", closed_port())),
            ..Default::default()
        }))
        .unwrap()
        .id;
    World {
        desk,
        vault,
        profile,
        dir,
    }
}

fn world() -> World {
    world_with(MemoryVault::default())
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// An unsigned JWT with these claims (the session decodes without verifying).
fn jwt(claims: serde_json::Value) -> Jwt {
    let b64 = |v: &serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
    };
    let header = serde_json::json!({"alg": "RS256", "kid": "k"});
    Jwt::new(format!("{}.{}.c2ln", b64(&header), b64(&claims)))
}

fn tokens(user: &str, expires_in: i64) -> Tokens {
    let exp = now_secs() + expires_in;
    Tokens {
        id: jwt(
            serde_json::json!({"sub": "s-1", "cognito:username": user, "email": user, "exp": exp, "token_use": "id"}),
        ),
        access: jwt(serde_json::json!({"username": user, "exp": exp, "token_use": "access"})),
        refresh: Some(RefreshToken::new(format!("refresh-of-{user}"))),
        expires_in_secs: expires_in,
        new_device: None,
    }
}

impl World {
    fn sign_in(&self, user: &str, expires_in: i64) {
        let profile = self.desk.profiles().get(&self.profile).unwrap();
        let session = Session::new(&profile, tokens(user, expires_in)).unwrap();
        self.desk.session().begin(session);
    }

    fn stored(&self, user: &str) -> Option<RefreshToken> {
        self.vault
            .load(&self.profile, &Username::new(user))
            .unwrap()
    }

    /// Whether sessions.json names a session of the profile (no secret in it).
    fn names_a_session(&self) -> bool {
        std::fs::read(self.dir.join("sessions.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .is_some_and(|v| !v["sessions"][self.profile.as_str()].is_null())
    }

    fn second_start(&self) -> Desk {
        Desk::open(&self.dir, Box::new(self.vault.clone()))
    }
}

#[tokio::test]
async fn a_new_session_keeps_its_refresh_token_in_the_vault_and_names_it_for_restore() {
    let w = world();
    w.sign_in(USER, 3600);
    let view = w.desk.session().current().unwrap();
    assert!(view.keychain.stored, "{:?}", view.keychain);
    assert_eq!(
        w.stored(USER).unwrap().expose(),
        "refresh-of-demo@example.com"
    );
    let pointer = std::fs::read_to_string(w.dir.join("sessions.json")).unwrap();
    assert!(
        pointer.contains(USER) && !pointer.contains("refresh-of"),
        "{pointer}"
    );
}

#[tokio::test]
async fn nothing_to_restore_without_a_saved_session() {
    let w = world();
    assert_eq!(w.desk.session().restore().await, RestoreOutcome::None);
    assert!(w.desk.calls().records().is_empty(), "no call was made");
}

#[tokio::test]
async fn an_unreachable_server_at_restore_fails_but_keeps_the_saved_session() {
    let w = world();
    w.sign_in(USER, 3600);
    let second = w.second_start();
    let RestoreOutcome::Failed { error } = second.session().restore().await else {
        panic!("restore cannot succeed against a closed port");
    };
    assert_eq!(error.code, Code::NetworkUnreachable);
    assert!(second.session().current().is_none());
    // Not revoked, only unreachable: the next start may try again.
    assert!(w.stored(USER).is_some());
    assert!(w.names_a_session());
    assert_eq!(second.calls().count("GetTokensFromRefreshToken"), 1);
}

#[tokio::test]
async fn a_saved_session_of_a_deleted_profile_is_forgotten() {
    let w = world();
    w.sign_in(USER, 3600);
    w.desk.remove_profile(&w.profile).unwrap();
    let second = w.second_start();
    assert_eq!(second.session().restore().await, RestoreOutcome::None);
    assert!(w.stored(USER).is_none());
    assert!(!w.names_a_session());
}

#[tokio::test]
async fn a_locked_keychain_leaves_the_session_in_memory_with_a_notice() {
    let w = world_with(MemoryVault::unavailable());
    w.sign_in(USER, 3600);
    let view = w.desk.session().current().unwrap();
    assert!(!view.keychain.stored);
    let problem = view.keychain.problem.unwrap();
    assert_eq!(
        problem,
        crate::dto::KeychainProblem::Unavailable {
            trouble: crate::vault::VaultError::LockedOrNotRunning
        }
    );
    assert!(problem.to_string().contains("locked"), "{problem}");
    assert!(!w.names_a_session());
}

#[tokio::test]
async fn sign_out_completes_here_when_the_server_is_unreachable() {
    let w = world();
    w.sign_in(USER, 3600);
    let report = w.desk.sign_out(false).await;
    assert!(!report.server_revoked);
    assert!(report.keychain_cleared);
    let message = report.server_message.unwrap();
    assert!(message.contains("could not reach"), "{message}");
    assert!(w.desk.session().current().is_none());
    assert!(w.vault.is_empty());
    assert!(!w.names_a_session());
    assert_eq!(w.desk.calls().count("RevokeToken"), 1);
    let e = w.desk.tokens().text(WhichToken::Id).unwrap_err();
    assert_eq!(e.code, Code::NotSignedIn);
}

#[tokio::test]
async fn the_refresh_timer_waits_until_a_minute_before_expiry() {
    let w = world();
    w.sign_in(USER, 3600);
    let now = now_secs();
    assert_eq!(w.desk.session().refresh_if_due(now).await, Ok(None));
    assert!(
        w.desk.calls().records().is_empty(),
        "nothing sent while not due"
    );
    // Due, but the server is unreachable: an error, and the session stays.
    let e = w
        .desk
        .session()
        .refresh_if_due(now + 3600 - 30)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::NetworkUnreachable);
    assert!(w.desk.session().current().is_some());
    assert!(w.stored(USER).is_some());

    // After a failure the timer backs off: 30 s, then 60 s, … (no request before).
    let tries = || w.desk.calls().count("GetTokensFromRefreshToken");
    let failed_at = now + 3600 - 30;
    assert_eq!(tries(), 1);
    for (after, expect_try) in [
        (15, false),
        (29, false),
        (30, true),
        (60, false),
        (90, true),
    ] {
        let result = w.desk.session().refresh_if_due(failed_at + after).await;
        assert_eq!(result.is_err(), expect_try, "{after} s after: {result:?}");
    }
    assert_eq!(tries(), 3, "two more tries in 90 s, not six");
    // A new session starts the pace over.
    w.sign_in(USER, 20);
    assert!(w
        .desk
        .session()
        .refresh_if_due(failed_at + 91)
        .await
        .is_err());
}

#[tokio::test]
async fn another_users_sign_in_replaces_the_session_and_its_state() {
    let w = world();
    w.sign_in(USER, 3600);
    let first = w.desk.session().epoch();
    w.sign_in("other@example.com", 3600);
    assert!(w.desk.session().epoch() > first);
    let view = w.desk.session().current().unwrap();
    assert_eq!(view.username.as_str(), "other@example.com");
    assert!(w.desk.managed().report().is_none());
    assert_eq!(
        w.desk.credentials().secret_key().unwrap_err().code,
        Code::CredentialsExpired
    );
}

#[tokio::test]
async fn the_test_authenticator_keeps_a_secret_beside_the_session_and_forgets_it() {
    let w = world();
    w.sign_in(USER, 3600);
    let user = Username::new(USER);
    let tests = w.desk.test_authenticator();
    assert!(!tests.has(&w.profile, &user));
    assert_eq!(
        tests.code(&w.profile, &user).unwrap_err().code,
        Code::NoTestSecret
    );
    let secret = crate::secret::TotpSecret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    tests.remember(&w.profile, &user, &secret).unwrap();
    // Its own entry: the refresh token beside it is untouched.
    assert_eq!(
        w.stored(USER),
        Some(RefreshToken::new(format!("refresh-of-{USER}")))
    );
    let at = |t: i64| {
        crate::testauth::code_at(&secret, u64::try_from(t).unwrap())
            .unwrap()
            .code
    };
    let before = at(now_secs());
    let code = tests.code(&w.profile, &user).unwrap().code;
    // The 30-s step may turn between the two readings.
    assert!(
        code == before || code == at(now_secs()),
        "{code} vs {before}"
    );
    assert!(
        w.desk.mfa().test_code().is_ok(),
        "the signed-in user's code"
    );
    let status = w.desk.mfa().forget_test_secret().unwrap();
    assert!(!status.test_account);
    assert!(!tests.has(&w.profile, &user));
    assert_eq!(
        w.stored(USER),
        Some(RefreshToken::new(format!("refresh-of-{USER}")))
    );
    // A locked keychain: a clear error, not "no secret".
    let locked = world_with(MemoryVault::unavailable());
    assert_eq!(
        locked
            .desk
            .test_authenticator()
            .code(&locked.profile, &user)
            .unwrap_err()
            .code,
        Code::KeychainUnavailable
    );
}

#[tokio::test]
async fn a_new_user_on_the_profile_replaces_the_kept_session_and_its_entry() {
    let w = world();
    w.sign_in(USER, 3600);
    w.sign_in("other@example.com", 3600);
    assert!(
        w.stored(USER).is_none(),
        "the first user's entry is not orphaned"
    );
    assert!(w.stored("other@example.com").is_some());
    assert_eq!(w.vault.len(), 1);
    // Forgotten without the server (the CLI's sign-out when offline).
    assert!(w.desk.session().forget_saved(&w.profile).unwrap());
    assert!(w.vault.is_empty());
    assert!(!w.names_a_session());
    assert!(!w.desk.session().forget_saved(&w.profile).unwrap());
}

#[tokio::test]
async fn a_session_not_kept_leaves_the_kept_one_alone_through_sign_out() {
    let w = world();
    w.sign_in(USER, 3600);
    // A second desk on the same files and keychain (the CLI's `check` beside the window).
    let check = w.second_start();
    check.session().keep_sessions(false);
    let profile = check.profiles().get(&w.profile).unwrap();
    let session = Session::new(&profile, tokens("tester@example.com", 3600)).unwrap();
    let (view, _) = check.session().begin(session);
    assert!(!view.keychain.stored && view.keychain.problem.is_none());
    assert!(w.stored("tester@example.com").is_none());
    assert_eq!(
        check
            .session()
            .saved_user(&w.profile)
            .map(|u| u.to_string()),
        Some(USER.to_owned()),
        "sessions.json still names the kept user"
    );
    check.sign_out(false).await;
    assert!(w.stored(USER).is_some(), "the kept entry survives");
    assert!(w.names_a_session());
}

#[tokio::test]
async fn a_test_secret_is_kept_before_verification_and_put_back_when_it_fails() {
    use crate::secret::TotpSecret;
    let w = world();
    let user = Username::new(USER);
    let tests = w.desk.test_authenticator();
    let kept = |expected: Option<&str>| {
        let now = w.vault.load_totp_secret(&w.profile, &user).unwrap();
        assert_eq!(now.as_ref().map(TotpSecret::expose), expected);
    };
    let refused = || async { Err::<(), _>(crate::Error::internal("refused")) };
    let (old, new) = (TotpSecret::new("OLDOLDOLD"), TotpSecret::new("NEWNEWNEW"));

    // None before: a failed verification leaves none.
    tests
        .keep_while(&w.profile, &user, &new, refused())
        .await
        .unwrap_err();
    kept(None);
    // The secret being verified (here the first one) is in the keychain while the
    // verification runs.
    tests
        .keep_while(&w.profile, &user, &old, async {
            kept(Some("OLDOLDOLD"));
            Ok(())
        })
        .await
        .unwrap();
    kept(Some("OLDOLDOLD"));
    // A failed re-enrollment puts the old one back.
    tests
        .keep_while(&w.profile, &user, &new, refused())
        .await
        .unwrap_err();
    kept(Some("OLDOLDOLD"));
}

/// A vault whose reads wait while the test holds the gate shut (a keychain showing an
/// unlock prompt); everything else is a [`MemoryVault`].
#[derive(Debug, Clone, Default)]
struct GatedVault {
    inner: MemoryVault,
    shut: std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
}

impl GatedVault {
    fn set_shut(&self, shut: bool) {
        let (flag, changed) = &*self.shut;
        *flag.lock().unwrap() = shut;
        changed.notify_all();
    }
}

impl Vault for GatedVault {
    fn put(
        &self,
        entry: crate::vault::Entry<'_>,
        value: &str,
    ) -> Result<(), crate::vault::VaultError> {
        self.inner.put(entry, value)
    }
    fn get(
        &self,
        entry: crate::vault::Entry<'_>,
    ) -> Result<Option<String>, crate::vault::VaultError> {
        let (flag, changed) = &*self.shut;
        drop(
            changed
                .wait_while(flag.lock().unwrap(), |shut| *shut)
                .unwrap(),
        );
        self.inner.get(entry)
    }
    fn remove(&self, entry: crate::vault::Entry<'_>) -> Result<bool, crate::vault::VaultError> {
        self.inner.remove(entry)
    }
}

#[test]
fn a_keychain_that_waits_blocks_no_other_profile_call() {
    let vault = GatedVault::default();
    let dir = temp_dir();
    let desk = std::sync::Arc::new(Desk::open(&dir, Box::new(vault.clone())));
    let mut input = ProfileInput::from(ProfileSettings {
        name: "With a secret".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new("us-east-1_Test"),
        client_id: ClientId::new("client"),
        has_client_secret: true,
        ..Default::default()
    });
    input.client_secret = Some(crate::secret::ClientSecret::new("s3cret"));
    let id = desk.profiles().save(input).unwrap().id;

    // The profile list asks the keychain whether the secret is stored, and waits there.
    vault.set_shut(true);
    let listing = {
        let desk = desk.clone();
        std::thread::spawn(move || desk.profiles().view())
    };
    std::thread::sleep(std::time::Duration::from_millis(100));
    let (done, answered) = std::sync::mpsc::channel();
    {
        let desk = desk.clone();
        let id = id.clone();
        std::thread::spawn(move || {
            let _ = done.send(desk.profiles().get(&id).is_ok());
        });
    }
    let answer = answered.recv_timeout(std::time::Duration::from_secs(2));
    vault.set_shut(false);
    assert_eq!(answer, Ok(true), "another call waited for the keychain");
    let view = listing.join().unwrap();
    assert!(view.profiles[0].client_secret_stored);
}

#[tokio::test]
async fn a_hand_edited_clear_text_endpoint_is_refused_before_any_request() {
    let dir = temp_dir();
    let file = r#"{"selectedId":"p","profiles":[{"id":"p","name":"Edited","region":"us-east-1","userPoolId":"us-east-1_X","clientId":"c","endpoint":"http://10.0.0.5:4566"}]}"#;
    std::fs::write(dir.join("profiles.json"), file).unwrap();
    let desk = Desk::open(&dir, Box::new(MemoryVault::default()));
    let e = desk
        .signin()
        .sign_in(
            &ProfileId::new("p"),
            &Username::new(USER),
            crate::secret::Password::new("pw"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::InvalidProfile);
    assert_eq!(e.fields[0].code, "endpointNeedsHttps");
    assert!(desk.calls().records().is_empty(), "nothing was sent");
    // Still listed, so it can be fixed on the Profiles page.
    assert_eq!(desk.profiles().view().profiles.len(), 1);
}
