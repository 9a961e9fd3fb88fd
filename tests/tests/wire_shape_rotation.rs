//! WIRE-SHAPE TESTS (not emulator tests): refresh-token rotation. No installable server
//! rotates (ministack answers GetTokensFromRefreshToken without rotating, moto not at
//! all: emulators.md), so `wire::StandIn` replays AWS's documented answers — a new
//! RefreshToken in the AuthenticationResult, RefreshTokenReuseException, the revoked
//! token's NotAuthorizedException — and asserts every request exactly: the operation,
//! the token sent, the client secret (this client has one). Two app cores share one
//! vault and one config folder, as the window and the CLI share the OS keychain.

use cognito_desk_core::aws::CallNote;
use cognito_desk_core::dto::{KeychainProblem, RestoreOutcome, SessionView, SignInOutcome};
use cognito_desk_core::ids::{ClientId, PoolId, ProfileId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::{masked_preview, ClientSecret, Password};
use cognito_desk_core::signin::RefreshPath;
use cognito_desk_core::vault::{Entry, MemoryVault, Vault, VaultError};
use cognito_desk_core::{Code, Desk};
use cognito_desk_testbed::wire::{authentication_result, with_refresh_token, Exchange, StandIn};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const POOL: &str = "us-east-1_Rotation";
const CLIENT: &str = "rotationclient00000000001";
const SECRET: &str = "rotation-client-secret";
const USER: &str = "rene@example.com";
const PASSWORD: &str = "Correct-Horse-1";

/// A vault whose writes can be made to fail, as a keychain locked mid-session does.
#[derive(Debug, Clone, Default)]
struct Keychain {
    entries: MemoryVault,
    refuse_writes: Arc<AtomicBool>,
}

impl Vault for Keychain {
    fn put(&self, entry: Entry<'_>, value: &str) -> Result<(), VaultError> {
        if self.refuse_writes.load(Ordering::Relaxed) {
            return Err(VaultError::Locked);
        }
        self.entries.put(entry, value)
    }
    fn get(&self, entry: Entry<'_>) -> Result<Option<String>, VaultError> {
        self.entries.get(entry)
    }
    fn remove(&self, entry: Entry<'_>) -> Result<bool, VaultError> {
        self.entries.remove(entry)
    }
}

struct World {
    stand_in: StandIn,
    keychain: Keychain,
    config: PathBuf,
    profile: ProfileId,
}

impl World {
    async fn new(name: &str, script: Vec<Exchange>) -> (Self, Desk) {
        let dir = cognito_desk_testbed::temp_dir(&format!("wire-rotation-{name}"));
        let stand_in = StandIn::start(script).await;
        let keychain = Keychain::default();
        let config = dir.join("config");
        let desk = Desk::open(&config, Box::new(keychain.clone()));
        let mut input: ProfileInput = ProfileSettings {
            name: "Rotation".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new(POOL),
            client_id: ClientId::new(CLIENT),
            sign_in_flow: SignInFlow::Password,
            has_client_secret: true,
            endpoint: Some(stand_in.endpoint.clone()),
            ..Default::default()
        }
        .into();
        input.client_secret = Some(ClientSecret::new(SECRET));
        let profile = desk.profiles().save(input).expect("profile saved").id;
        let world = Self {
            stand_in,
            keychain,
            config,
            profile,
        };
        (world, desk)
    }

    /// Another app core on the same config folder and keychain: the CLI beside the window.
    fn second_process(&self) -> Desk {
        Desk::open(&self.config, Box::new(self.keychain.clone()))
    }

    async fn sign_in(&self, desk: &Desk) -> SessionView {
        match desk
            .signin()
            .sign_in(&self.profile, &Username::new(USER), Password::new(PASSWORD))
            .await
            .expect("signed in")
        {
            SignInOutcome::SignedIn { session } => session,
            other => panic!("expected tokens, got {other:?}"),
        }
    }

    fn kept(&self) -> Option<String> {
        self.keychain
            .load(&self.profile, &Username::new(USER))
            .expect("readable")
            .map(|t| t.expose().to_owned())
    }
}

fn sign_in_exchange(refresh: &str) -> Exchange {
    let hash = cognito_desk_core::appclient::secret_hash(&ClientSecret::new(SECRET), USER, CLIENT);
    Exchange::new(
        "InitiateAuth",
        json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
               "AuthParameters": {"USERNAME": USER, "PASSWORD": PASSWORD, "SECRET_HASH": hash}}),
        tokens_with(Some(refresh)),
    )
}

/// Cognito's documented AuthenticationResult; with rotation it carries a new RefreshToken.
fn tokens_with(refresh: Option<&str>) -> Value {
    with_refresh_token(authentication_result(POOL, CLIENT, USER), refresh)
}

/// GetTokensFromRefreshToken as the app must send it: the client secret itself (the
/// operation takes no SECRET_HASH), and the token.
fn get_tokens(sent: &str, answer: Value) -> Exchange {
    Exchange::new(
        "GetTokensFromRefreshToken",
        json!({"ClientId": CLIENT, "RefreshToken": sent, "ClientSecret": SECRET}),
        answer,
    )
}

fn reuse_refused() -> Value {
    json!({"__type": "RefreshTokenReuseException",
           "message": "The refresh token has already been used."})
}

fn revoked() -> Value {
    json!({"__type": "NotAuthorizedException", "message": "Refresh Token has been revoked"})
}

#[tokio::test]
async fn a_rotating_client_refreshes_with_get_tokens_and_the_new_token_is_kept() {
    let (w, desk) = World::new(
        "one",
        vec![
            sign_in_exchange("rt-one-0000000000001"),
            get_tokens(
                "rt-one-0000000000001",
                tokens_with(Some("rt-two-0000000000002")),
            ),
            // The next refresh sends the rotated token; this answer rotates no more.
            get_tokens("rt-two-0000000000002", tokens_with(None)),
        ],
    )
    .await;
    w.sign_in(&desk).await;
    assert_eq!(w.kept().as_deref(), Some("rt-one-0000000000001"));

    let view = desk.session().refresh().await.expect("refreshed");
    let report = view.last_refresh.as_deref().expect("report");
    assert_eq!(report.path, RefreshPath::GetTokensFromRefreshToken);
    let rotated = report.rotated.as_ref().expect("rotated");
    assert_eq!(rotated.old, masked_preview("rt-one-0000000000001"));
    assert_eq!(rotated.new, masked_preview("rt-two-0000000000002"));
    assert_eq!(
        (rotated.old.tail.as_str(), rotated.new.tail.as_str()),
        ("0001", "0002")
    );
    assert!(!report.took_newer_from_keychain);
    assert_eq!(w.kept().as_deref(), Some("rt-two-0000000000002"));
    assert!(view.keychain.stored);
    let note = desk
        .calls()
        .records()
        .into_iter()
        .rev()
        .find(|r| r.operation == "GetTokensFromRefreshToken")
        .and_then(|r| r.note);
    assert_eq!(
        note,
        Some(CallNote::RefreshTokenRotated {
            old: masked_preview("rt-one-0000000000001"),
            new: masked_preview("rt-two-0000000000002"),
        })
    );
    // Nothing of either token but its last characters reaches the log or the view.
    let shown = format!(
        "{:?}{}",
        desk.calls().records(),
        serde_json::to_string(&view).unwrap()
    );
    assert!(
        !shown.contains("rt-one-") && !shown.contains("rt-two-"),
        "{shown}"
    );

    let view = desk.session().refresh().await.expect("refreshed again");
    assert_eq!(
        view.last_refresh.as_deref().and_then(|r| r.rotated.clone()),
        None
    );
    assert_eq!(w.kept().as_deref(), Some("rt-two-0000000000002"));
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn the_process_whose_token_was_rotated_by_another_takes_the_newer_one() {
    let (w, window) = World::new(
        "race",
        vec![
            sign_in_exchange("rt-a-00000000000001"),
            // The CLI restores the kept session and rotates it.
            get_tokens(
                "rt-a-00000000000001",
                tokens_with(Some("rt-b-00000000000002")),
            ),
            // The window still holds the first token: refused, grace period over.
            get_tokens("rt-a-00000000000001", reuse_refused()),
            // It reads the keychain, finds the CLI's token, and goes on with it.
            get_tokens(
                "rt-b-00000000000002",
                tokens_with(Some("rt-c-00000000000003")),
            ),
            // Now the CLI's token is the old one: revoked once the grace period is over.
            get_tokens("rt-b-00000000000002", revoked()),
            get_tokens("rt-c-00000000000003", tokens_with(None)),
        ],
    )
    .await;
    w.sign_in(&window).await;
    let cli = w.second_process();
    let RestoreOutcome::Restored { session } = cli.session().restore_profile(&w.profile).await
    else {
        panic!("the CLI restores the window's session");
    };
    assert!(session
        .last_refresh
        .as_deref()
        .is_some_and(|r| r.rotated.is_some()));
    assert_eq!(w.kept().as_deref(), Some("rt-b-00000000000002"));

    let view = window.session().refresh().await.expect("not signed out");
    let report = view.last_refresh.as_deref().expect("report");
    assert!(report.took_newer_from_keychain, "{report:?}");
    assert_eq!(
        report.rotated.as_ref().map(|r| r.old.tail.as_str()),
        Some("0002")
    );
    assert_eq!(w.kept().as_deref(), Some("rt-c-00000000000003"));

    let view = cli.session().refresh().await.expect("the CLI goes on too");
    assert!(view
        .last_refresh
        .as_deref()
        .is_some_and(|r| r.took_newer_from_keychain));
    assert_eq!(w.kept().as_deref(), Some("rt-c-00000000000003"));
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn inside_the_grace_period_the_old_token_still_refreshes() {
    let (w, window) = World::new(
        "grace",
        vec![
            sign_in_exchange("rt-g-00000000000001"),
            get_tokens(
                "rt-g-00000000000001",
                tokens_with(Some("rt-g-00000000000002")),
            ),
            // Within RetryGracePeriodSeconds Cognito answers the old token once more.
            get_tokens(
                "rt-g-00000000000001",
                tokens_with(Some("rt-g-00000000000003")),
            ),
        ],
    )
    .await;
    w.sign_in(&window).await;
    let cli = w.second_process();
    assert!(matches!(
        cli.session().restore_profile(&w.profile).await,
        RestoreOutcome::Restored { .. }
    ));
    let view = window.session().refresh().await.expect("refreshed");
    assert!(
        !view
            .last_refresh
            .as_deref()
            .expect("report")
            .took_newer_from_keychain
    );
    assert_eq!(w.kept().as_deref(), Some("rt-g-00000000000003"));
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn a_reused_token_with_nothing_newer_ends_the_session_cleanly() {
    let (w, desk) = World::new(
        "reuse",
        vec![
            sign_in_exchange("rt-r-00000000000001"),
            get_tokens("rt-r-00000000000001", reuse_refused()),
        ],
    )
    .await;
    w.sign_in(&desk).await;
    let far = cognito_desk_core::session::now_secs() + 24 * 3600;
    let e = desk
        .session()
        .refresh_if_due(far)
        .await
        .expect_err("refused");
    assert_eq!(e.code, Code::RefreshTokenReuseException);
    assert!(e.message.contains("grace period"), "{e:?}");
    assert!(desk.session().current().is_none(), "the session ended");
    assert_eq!(w.kept(), None, "and its keychain entry went with it");
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn a_rotated_token_the_keychain_cannot_keep_leaves_the_session_usable() {
    let (w, desk) = World::new(
        "locked",
        vec![
            sign_in_exchange("rt-l-00000000000001"),
            get_tokens(
                "rt-l-00000000000001",
                tokens_with(Some("rt-l-00000000000002")),
            ),
            // The session here goes on with the new token it holds in memory.
            get_tokens("rt-l-00000000000002", tokens_with(None)),
        ],
    )
    .await;
    w.sign_in(&desk).await;
    w.keychain.refuse_writes.store(true, Ordering::Relaxed);
    let view = desk.session().refresh().await.expect("refreshed");
    assert!(!view.keychain.stored);
    assert_eq!(
        view.keychain.problem,
        Some(KeychainProblem::RotatedNotKept {
            trouble: VaultError::Locked
        })
    );
    assert!(view
        .keychain
        .problem
        .as_ref()
        .is_some_and(|p| p.to_string().contains("next start will ask for a sign-in")));
    assert_eq!(
        w.kept().as_deref(),
        Some("rt-l-00000000000001"),
        "the old entry stays"
    );
    desk.session().refresh().await.expect("still usable");
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn two_refreshes_at_once_in_one_process_send_each_token_once() {
    let (w, desk) = World::new(
        "together",
        vec![
            sign_in_exchange("rt-t-00000000000001"),
            get_tokens(
                "rt-t-00000000000001",
                tokens_with(Some("rt-t-00000000000002")),
            ),
            // The second waited for the first, and sends the token the first received.
            get_tokens("rt-t-00000000000002", tokens_with(None)),
        ],
    )
    .await;
    w.sign_in(&desk).await;
    // The timer's refresh and "Refresh now" at the same moment.
    let (first, second) = tokio::join!(desk.session().refresh(), desk.session().refresh());
    first.expect("first refreshed");
    second.expect("second refreshed");
    assert_eq!(w.kept().as_deref(), Some("rt-t-00000000000002"));
    w.stand_in.assert_script_done();
}
