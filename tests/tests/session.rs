//! The session lifecycle against both emulators and a real Secret Service (the test
//! command runs inside dbus-run-session with an unlocked gnome-keyring): the refresh
//! token in the keychain, restore by a second app core, refresh, sign-out, and the
//! token page's checks.

use cognito_desk_core::aws::CallNote;
use cognito_desk_core::dto::WhichToken;
use cognito_desk_core::dto::{KeychainProblem, RestoreOutcome, SignInOutcome, TokenDetails};
use cognito_desk_core::ids::Username;
use cognito_desk_core::jwt::TokenUse;
use cognito_desk_core::secret::{Jwt, RefreshToken};
use cognito_desk_core::session::now_secs;
use cognito_desk_core::signin::RefreshPath;
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::on_both;
use cognito_desk_testbed::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};

const USER: &str = "demo@example.com";

/// A fresh pool and user, signed in through the app's core with its own keychain entries.
async fn bed(kind: Kind, name: &str) -> Bed {
    let bed = Bed::new(kind, &format!("session-{name}"), PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .expect("user");
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.expect("signed in");
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert!(session.keychain.stored, "{:?}", session.keychain);
    assert_eq!(session.keychain.problem, None);
    bed
}

fn stored_token(bed: &Bed) -> Option<RefreshToken> {
    OsKeychain::default()
        .load(&bed.profile.id, &Username::new(USER))
        .expect("keychain readable")
}

async fn keychain_restore_refresh_and_revoke(kind: Kind) {
    let bed = bed(kind, "lifecycle").await;
    let stored = stored_token(&bed).expect("refresh token in the keychain");

    let before = bed.desk.tokens().text(WhichToken::Access).unwrap();
    let refreshed = bed.desk.session().refresh().await.expect("refreshed");
    assert!(refreshed.refreshed_at.is_some());
    assert_ne!(
        bed.desk.tokens().text(WhichToken::Access).unwrap(),
        before,
        "new access token"
    );
    // GetTokensFromRefreshToken where the server has it (ministack); moto answers it
    // with HTTP 500, and the refresh falls back to REFRESH_TOKEN_AUTH.
    let report = refreshed.last_refresh.as_deref().expect("a refresh report");
    assert_eq!(bed.desk.calls().count("GetTokensFromRefreshToken"), 1);
    match kind {
        Kind::Ministack => {
            assert_eq!(report.path, RefreshPath::GetTokensFromRefreshToken);
            assert_eq!(bed.desk.calls().count("InitiateAuth"), 1);
        }
        Kind::Moto => {
            assert_eq!(report.path, RefreshPath::RefreshTokenAuth);
            assert_eq!(bed.desk.calls().count("InitiateAuth"), 2);
        }
    }
    assert_eq!(report.rotated, None, "no emulator rotates");
    let asked = bed
        .desk
        .calls()
        .records()
        .into_iter()
        .find(|r| r.operation == "GetTokensFromRefreshToken")
        .expect("recorded");
    if kind == Kind::Ministack {
        assert_eq!(asked.note, Some(CallNote::RefreshTokenKept));
    }
    // The refresh token's value is never in the log.
    assert!(asked
        .params
        .iter()
        .any(|p| p.name == "RefreshToken" && p.secret));

    // A second start restores without a password.
    let second = bed.second_start();
    let RestoreOutcome::Restored { session } = second.session().restore().await else {
        panic!("expected a restored session");
    };
    assert!(session.restored);
    assert_eq!(session.email.as_deref(), Some(USER));

    // "Sign out": RevokeToken, then the keychain entry goes.
    let report = second.sign_out(false).await;
    assert!(report.keychain_cleared);
    assert!(stored_token(&bed).is_none(), "nothing left in the keychain");
    assert!(matches!(
        bed.second_start().session().restore().await,
        RestoreOutcome::None
    ));
    let after = bed.conversation().await.refresh(&stored, USER, None).await;
    match kind {
        Kind::Ministack => {
            assert!(report.server_revoked, "{report:?}");
            assert_eq!(
                after.unwrap_err().code,
                Code::SessionRevoked,
                "the revoked token is dead"
            );
        }
        Kind::Moto => {
            // moto has no RevokeToken (HTTP 500): the app says the server refused, and
            // the local sign-out still completed.
            assert!(!report.server_revoked);
            let message = report.server_message.unwrap_or_default();
            assert!(message.contains("500"), "{message}");
        }
    }
}

/// The timer's rule: nothing while the tokens have more than a minute left; a refresh
/// within the last minute.
async fn the_timer_refreshes_only_within_the_last_minute(kind: Kind) {
    let bed = bed(kind, "timer").await;
    let expires = bed
        .desk
        .session()
        .current()
        .unwrap()
        .access_token_expires_at;
    assert_eq!(
        bed.desk
            .session()
            .refresh_if_due(expires - 600)
            .await
            .unwrap(),
        None
    );
    assert_eq!(bed.desk.calls().count("InitiateAuth"), 1, "no refresh yet");
    let refreshed = bed
        .desk
        .session()
        .refresh_if_due(expires - 30)
        .await
        .unwrap()
        .expect("refreshed within the last minute");
    assert!(refreshed.refreshed_at.is_some());
    let expected = match kind {
        Kind::Ministack => RefreshPath::GetTokensFromRefreshToken,
        Kind::Moto => RefreshPath::RefreshTokenAuth,
    };
    assert_eq!(refreshed.last_refresh.map(|r| r.path), Some(expected));
}

async fn global_sign_out_elsewhere_makes_the_restore_fail_cleanly(kind: Kind) {
    let bed = bed(kind, "global").await;
    // Signed out everywhere from another device, with this session's access token.
    let access = bed.desk.tokens().text(WhichToken::Access).unwrap();
    bed.pool
        .public_client()
        .await
        .global_sign_out()
        .access_token(access)
        .send()
        .await
        .expect("GlobalSignOut");
    let RestoreOutcome::Failed { error } = bed.second_start().session().restore().await else {
        panic!("the restore must fail");
    };
    assert_eq!(error.code, Code::SessionRevoked);
    assert!(error.message.contains("removed"), "{error:?}");
    assert!(stored_token(&bed).is_none(), "the dead entry was removed");
}

async fn sign_out_everywhere_kills_the_refresh_token(kind: Kind) {
    let bed = bed(kind, "everywhere").await;
    let stored = stored_token(&bed).expect("stored");
    let report = bed.desk.sign_out(true).await;
    assert!(report.server_revoked, "{report:?}");
    assert!(report.keychain_cleared);
    assert!(stored_token(&bed).is_none());
    let e = bed
        .conversation()
        .await
        .refresh(&stored, USER, None)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::SessionRevoked);
}

fn failing(details: &TokenDetails) -> Vec<&'static str> {
    details
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.check)
        .collect()
}

/// Changes one claim of a JWT's payload and keeps the old signature.
fn tampered(token: &str) -> Jwt {
    use base64::Engine;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&engine.decode(parts[1]).unwrap()).unwrap();
    claims["email"] = "mallory@example.com".into();
    let payload = engine.encode(serde_json::to_vec(&claims).unwrap());
    Jwt::new(format!("{}.{payload}.{}", parts[0], parts[2]))
}

/// The same token with another `kid` in its header.
fn with_kid(token: &str, kid: &str) -> Jwt {
    use base64::Engine;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = token.split('.').collect();
    let mut header: serde_json::Value =
        serde_json::from_slice(&engine.decode(parts[0]).unwrap()).unwrap();
    header["kid"] = kid.into();
    let header = engine.encode(serde_json::to_vec(&header).unwrap());
    Jwt::new(format!("{header}.{}.{}", parts[1], parts[2]))
}

async fn token_checks_pass_and_each_forgery_fails_its_row(kind: Kind) {
    let bed = bed(kind, "jwt").await;
    let report = bed.desk.tokens().report().await.expect("verified");
    for (name, details) in [("id", &report.id), ("access", &report.access)] {
        assert_eq!(details.checks.len(), 6, "{:?}", details.checks);
        assert!(failing(details).is_empty(), "{name}: {:?}", details.checks);
    }
    let fetches = bed.desk.verifier().fetch_count();
    assert_eq!(fetches, 1, "one JWKS download for both tokens");
    bed.desk.tokens().report().await.unwrap();
    assert_eq!(
        bed.desk.verifier().fetch_count(),
        fetches,
        "the JWKS is cached"
    );

    // Expired: seen two hours later, only the expiry rows fail.
    let later = bed
        .desk
        .tokens()
        .report_at(now_secs() + 7200)
        .await
        .unwrap();
    assert_eq!(failing(&later.id), ["expiry"]);
    assert_eq!(failing(&later.access), ["expiry"]);

    let verifier = bed.desk.verifier();
    let id = Jwt::new(bed.desk.tokens().text(WhichToken::Id).unwrap());
    let now = now_secs();
    // A changed payload: the signature no longer matches.
    let forged = verifier
        .details(
            bed.desk.calls(),
            &bed.profile,
            &tampered(id.expose()),
            TokenUse::Id,
            now,
        )
        .await
        .unwrap();
    assert_eq!(failing(&forged), ["signature"]);
    // A kid the pool does not have: the signature row fails, and the JWKS fetched a
    // moment ago is not downloaded again for it, however often it is offered.
    let fetches = verifier.fetch_count();
    for _ in 0..3 {
        let unknown = verifier
            .details(
                bed.desk.calls(),
                &bed.profile,
                &with_kid(id.expose(), "not-a-key-of-this-pool"),
                TokenUse::Id,
                now,
            )
            .await
            .unwrap();
        assert_eq!(failing(&unknown), ["signature"]);
    }
    assert_eq!(
        verifier.fetch_count(),
        fetches,
        "no download per unknown kid"
    );
    // An ID token offered as an access token: token_use fails (and it has no client_id).
    let wrong_use = verifier
        .details(bed.desk.calls(), &bed.profile, &id, TokenUse::Access, now)
        .await
        .unwrap();
    assert_eq!(failing(&wrong_use), ["tokenUse", "audience"]);

    // A token of another pool on the same emulator: the issuer is wrong.
    let other = seed::create_pool(&bed.emu, &PoolOptions::default())
        .await
        .unwrap();
    seed::create_user(&bed.emu, &other, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let other_id = other_pool_id_token(&other).await;
    let foreign = verifier
        .details(bed.desk.calls(), &bed.profile, &other_id, TokenUse::Id, now)
        .await
        .unwrap();
    let rows = failing(&foreign);
    assert!(rows.contains(&"issuer"), "{:?}", foreign.checks);
    assert!(
        !rows.contains(&"tokenUse") && !rows.contains(&"expiry"),
        "{rows:?}"
    );
}

async fn other_pool_id_token(pool: &Pool) -> Jwt {
    let out = pool
        .public_client()
        .await
        .initiate_auth()
        .auth_flow(aws_sdk_cognitoidentityprovider::types::AuthFlowType::UserPasswordAuth)
        .client_id(&pool.client_id)
        .auth_parameters("USERNAME", USER)
        .auth_parameters("PASSWORD", DEMO_PASSWORD)
        .send()
        .await
        .expect("other pool sign-in");
    Jwt::new(
        out.authentication_result()
            .and_then(|r| r.id_token())
            .expect("id token"),
    )
}

on_both!(
    keychain_restore_refresh_and_revoke,
    the_timer_refreshes_only_within_the_last_minute,
    global_sign_out_elsewhere_makes_the_restore_fail_cleanly,
    sign_out_everywhere_kills_the_refresh_token,
    token_checks_pass_and_each_forgery_fails_its_row,
);

/// Without a session bus there is no Secret Service: the sign-in still works, the
/// session is in memory only, the notice says so, and nothing is written elsewhere.
#[tokio::test]
async fn without_a_keychain_the_session_is_memory_only_and_says_so() {
    std::env::remove_var("DBUS_SESSION_BUS_ADDRESS");
    // No X11 autolaunch of a bus either.
    std::env::remove_var("DISPLAY");
    let bed = Bed::new(Kind::Moto, "session-no-keychain", PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens");
    };
    assert!(!session.keychain.stored);
    let problem = session.keychain.problem.expect("a problem said");
    assert!(
        matches!(problem, KeychainProblem::Unavailable { .. }),
        "{problem:?}"
    );
    let notice = problem.to_string();
    assert!(notice.contains("keychain is unavailable"), "{notice}");
    assert!(notice.contains("will not survive a restart"), "{notice}");
    assert!(
        bed.desk
            .session()
            .current()
            .is_some_and(|s| s.keychain.problem.is_some()),
        "the notice persists"
    );
    // Nothing to restore: no file fallback.
    assert!(matches!(
        bed.second_start().session().restore().await,
        RestoreOutcome::None
    ));
    let files: Vec<String> = std::fs::read_dir(bed.dir.join("config"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["profiles.json"]);
}

/// After sign-in, refresh, the token page, the MFA status and sign-out, no
/// token value appears in the config dir, the call log, or any payload the UI received.
#[tokio::test]
async fn no_token_reaches_disk_logs_or_ipc_payloads() {
    let bed = bed(Kind::Ministack, "leak").await;
    let mut payloads: Vec<String> = Vec::new();
    let mut seen = |v: &dyn erased::Json| payloads.push(v.json());
    seen(&bed.desk.session().current());
    seen(&bed.desk.session().refresh().await.unwrap());
    seen(&bed.desk.tokens().report().await.unwrap());
    seen(&bed.desk.profiles().view());
    seen(&bed.desk.mfa().status().await.unwrap());
    let secrets = [
        bed.desk.tokens().text(WhichToken::Id).unwrap(),
        bed.desk.tokens().text(WhichToken::Access).unwrap(),
        stored_token(&bed).unwrap().expose().to_owned(),
        DEMO_PASSWORD.to_owned(),
    ];
    seen(&bed.desk.sign_out(false).await);
    seen(&bed.desk.calls().records());
    let second = bed.second_start();
    seen(&second.session().restore().await);
    for entry in std::fs::read_dir(bed.dir.join("config")).unwrap() {
        payloads.push(std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
    }
    for secret in &secrets {
        for p in &payloads {
            assert!(!p.contains(secret.as_str()), "a secret leaked into {p}");
        }
    }
    assert!(payloads.len() >= 9);
}

mod erased {
    /// Any IPC payload, serialised the way Tauri sends it.
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}
