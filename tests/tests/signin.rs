//! The walkthrough's sign-in sequence through the app's own core (`Desk`), written once
//! and run against both moto and ministack, each test with its own emulator and a fresh
//! pool seeded through the SDK's admin calls.

use cognito_desk_core::dto::{ChallengeView, SignInOutcome};
use cognito_desk_core::profile::SignInFlow;
use cognito_desk_core::secret::ChallengeSession;
use cognito_desk_core::signin::{Challenge, ChallengeKind};
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::on_both;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::totp;
use std::time::Duration;

const PLAIN_USER: &str = "demo@example.com";
const MFA_USER: &str = "demo-with-mfa@example.com";

async fn bed(kind: Kind, opts: PoolOptions) -> Bed {
    Bed::new(kind, "signin", opts).await
}

fn email_of(outcome: &SignInOutcome) -> Option<String> {
    match outcome {
        SignInOutcome::SignedIn { session } => session.email.clone(),
        SignInOutcome::Challenge { .. } => None,
    }
}

async fn existing_user_signs_in_without_mfa(kind: Kind) {
    let bed = bed(kind, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, PLAIN_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed
        .sign_in(PLAIN_USER, DEMO_PASSWORD)
        .await
        .expect("signed in");
    let SignInOutcome::SignedIn { session } = &outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert_eq!(session.email.as_deref(), Some(PLAIN_USER));
    assert_eq!(session.username.as_str(), PLAIN_USER);
    assert!(!session.sub.is_empty());
    assert!(session.id_token_expires_at > session.signed_in_at);
    assert!(session
        .id_claims
        .iter()
        .any(|c| c.name == "exp" && c.is_time));
    assert_eq!(
        bed.desk.session().current().map(|s| s.sub),
        Some(session.sub.clone())
    );
    // The access token is a real one: the SDK's AssociateSoftwareToken accepts it.
    let token = seed::access_token(&bed.pool, PLAIN_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    assert!(token.split('.').count() == 3);
}

async fn totp_user_gets_the_challenge_and_only_the_right_code_passes(kind: Kind) {
    let bed = bed(kind, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let secret = seed::enroll_totp(&bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let (enabled, preferred) = seed::mfa_settings(&bed.emu, &bed.pool, MFA_USER)
        .await
        .unwrap();
    assert_eq!(enabled, ["SOFTWARE_TOKEN_MFA"]);
    assert_eq!(preferred.as_deref(), Some("SOFTWARE_TOKEN_MFA"));

    let outcome = bed
        .sign_in(MFA_USER, DEMO_PASSWORD)
        .await
        .expect("challenge");
    assert!(
        matches!(
            &outcome,
            SignInOutcome::Challenge {
                challenge: ChallengeView::SoftwareTokenMfa { .. },
                ..
            }
        ),
        "expected SOFTWARE_TOKEN_MFA, got {outcome:?}"
    );
    assert!(bed.desk.session().current().is_none());

    let wrong = bed
        .desk
        .signin()
        .answer_totp(&totp::wrong_code(&secret).unwrap())
        .await
        .unwrap_err();
    assert_eq!(wrong.code, Code::CodeMismatchException);
    assert!(wrong.hint.contains("clock"));
    assert!(
        bed.desk.signin().has_pending_challenge(),
        "a wrong code may be retried"
    );

    let code = totp::fresh_code(&secret).await.unwrap();
    let outcome = bed
        .desk
        .signin()
        .answer_totp(&code)
        .await
        .expect("tokens after the right code");
    assert_eq!(email_of(&outcome).as_deref(), Some(MFA_USER));
    assert!(!bed.desk.signin().has_pending_challenge());

    // Every call went through the one recorder, on one reused client.
    let calls = bed.desk.calls();
    assert_eq!(calls.count("InitiateAuth"), 1);
    assert_eq!(calls.count("RespondToAuthChallenge"), 2);
    let outcomes: Vec<String> = calls.records().into_iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, ["ok", "CodeMismatchException", "ok"]);
    assert_eq!(bed.desk.clients().built(), 1);
}

async fn wrong_password_and_unknown_user_are_told_apart(kind: Kind) {
    let bed = bed(kind, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, PLAIN_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let e = bed.sign_in(PLAIN_USER, "Wrong-Passw0rd").await.unwrap_err();
    assert_eq!(e.code, Code::NotAuthorizedException);
    assert!(e.message.contains("password"), "{e:?}");
    let e = bed
        .sign_in("nobody@example.com", DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::UserNotFoundException);
    assert!(bed.desk.session().current().is_none());
}

async fn emulator_stopped_mid_flow_gives_the_network_error(kind: Kind) {
    let mut bed = bed(kind, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let secret = seed::enroll_totp(&bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    bed.sign_in(MFA_USER, DEMO_PASSWORD)
        .await
        .expect("challenge");
    bed.emu.stop();
    let code = totp::fresh_code(&secret).await.unwrap();
    // A hang would trip this guard; the app's own timeouts are far shorter.
    let result = tokio::time::timeout(
        Duration::from_secs(90),
        bed.desk.signin().answer_totp(&code),
    )
    .await
    .expect("the app gives up by itself instead of hanging");
    let e = result.unwrap_err();
    assert_eq!(e.code, Code::NetworkUnreachable);
    assert!(e.message.contains(&bed.pool.endpoint), "{e:?}");
    assert!(e.hint.contains("running"), "{e:?}");
}

on_both!(
    existing_user_signs_in_without_mfa,
    totp_user_gets_the_challenge_and_only_the_right_code_passes,
    wrong_password_and_unknown_user_are_told_apart,
    emulator_stopped_mid_flow_gives_the_network_error,
);

/// A client that does not allow the profile's flow: the error names the flag to enable,
/// and nothing falls back to another flow (one InitiateAuth). ministack enforces the
/// app client's ExplicitAuthFlows; moto does not (emulators.md).
async fn a_client_without_the_flow_names_its_flag(flow: SignInFlow, opts: PoolOptions, flag: &str) {
    let mut bed = bed(Kind::Ministack, opts).await;
    bed.use_flow(flow);
    seed::create_user(&bed.emu, &bed.pool, PLAIN_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let e = bed.sign_in(PLAIN_USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(e.code, Code::AuthFlowNotEnabled);
    assert!(e.hint.contains(flag), "{e:?}");
    assert_eq!(
        bed.desk.calls().count("InitiateAuth"),
        1,
        "no second attempt"
    );
}

#[tokio::test]
async fn ministack_client_without_password_auth_names_the_flag() {
    let opts = PoolOptions {
        password_auth: false,
        ..Default::default()
    };
    a_client_without_the_flow_names_its_flag(
        SignInFlow::Password,
        opts,
        "ALLOW_USER_PASSWORD_AUTH",
    )
    .await;
}

#[tokio::test]
async fn ministack_client_without_srp_names_the_flag() {
    let opts = PoolOptions {
        srp_auth: false,
        ..Default::default()
    };
    a_client_without_the_flow_names_its_flag(SignInFlow::Srp, opts, "ALLOW_USER_SRP_AUTH").await;
}

/// moto checks the challenge Session (ministack does not, emulators.md): a session
/// Cognito does not know reads as an expired sign-in, with the hint to start again.
#[tokio::test]
async fn moto_rejects_a_lost_session_as_expired() {
    let bed = bed(Kind::Moto, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let secret = seed::enroll_totp(&bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let forged = Challenge {
        username: MFA_USER.into(),
        session: ChallengeSession::new("a-session-cognito-never-issued"),
        kind: ChallengeKind::SoftwareTokenMfa,
    };
    let code = totp::fresh_code(&secret).await.unwrap();
    let e = bed
        .conversation()
        .await
        .answer_software_token(&forged, &code)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::SessionExpired, "{e:?}");
    assert!(e.hint.contains("Sign in again"));
}
