//! USER_SRP_AUTH through the app's core. ministack runs the server side of SRP for real
//! (a second implementation, in Python): the proof from the right password is accepted
//! and one from a wrong password refused. moto fakes SRP (emulators.md): its
//! PASSWORD_VERIFIER carries a SECRET_BLOCK that is not even base64, which makes it a
//! bed for a malformed answer, not for the flow.

use cognito_desk_core::dto::{RestoreOutcome, SignInOutcome};
use cognito_desk_core::profile::SignInFlow;
use cognito_desk_core::session::Factor;
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::totp;

const PLAIN_USER: &str = "demo@example.com";
const MFA_USER: &str = "demo-with-mfa@example.com";

async fn srp_bed(kind: Kind, opts: PoolOptions) -> Bed {
    let mut bed = Bed::new(kind, "srp", opts).await;
    bed.use_flow(SignInFlow::Srp);
    bed
}

/// The two requests of SRP, and no password in either.
fn assert_srp_requests_without_the_password(bed: &Bed) {
    let records = bed.desk.calls().records();
    let ops: Vec<&str> = records.iter().map(|r| r.operation).collect();
    assert_eq!(ops[..2], ["InitiateAuth", "RespondToAuthChallenge"]);
    let flow = records[0].params.iter().find(|p| p.name == "AuthFlow");
    assert_eq!(flow.map(|p| p.value.as_str()), Some("USER_SRP_AUTH"));
    let challenge = records[1].params.iter().find(|p| p.name == "ChallengeName");
    assert_eq!(
        challenge.map(|p| p.value.as_str()),
        Some("PASSWORD_VERIFIER")
    );
    for r in &records {
        assert!(
            r.params
                .iter()
                .all(|p| p.name != "PASSWORD" && !p.value.contains(DEMO_PASSWORD)),
            "{r:?}"
        );
    }
}

#[tokio::test]
async fn ministack_srp_signs_in_without_sending_the_password() {
    let bed = srp_bed(Kind::Ministack, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, PLAIN_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed
        .sign_in(PLAIN_USER, DEMO_PASSWORD)
        .await
        .expect("signed in");
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert_eq!(session.email.as_deref(), Some(PLAIN_USER));
    assert_eq!(session.factors, [Factor::Srp]);
    assert!(session.keychain.stored, "{:?}", session.keychain);
    assert_srp_requests_without_the_password(&bed);
    // The refresh token of an SRP sign-in refreshes like any other.
    bed.desk.session().refresh().await.expect("refreshed");
}

#[tokio::test]
async fn ministack_srp_then_the_totp_challenge() {
    let bed = srp_bed(Kind::Ministack, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let secret = seed::enroll_totp(&bed.pool, MFA_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed
        .sign_in(MFA_USER, DEMO_PASSWORD)
        .await
        .expect("challenge");
    assert!(
        matches!(outcome, SignInOutcome::Challenge { .. }),
        "{outcome:?}"
    );
    assert_srp_requests_without_the_password(&bed);
    let code = totp::fresh_code(&secret).await.unwrap();
    let outcome = bed.desk.signin().answer_totp(&code).await.expect("tokens");
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert_eq!(session.factors, [Factor::Srp, Factor::AuthenticatorApp]);
    // The next start shows the factors of the sign-in it restores.
    let RestoreOutcome::Restored { session } = bed.second_start().session().restore().await else {
        panic!("the session is restored");
    };
    assert_eq!(session.factors, [Factor::Srp, Factor::AuthenticatorApp]);
}

/// moto's fake PASSWORD_VERIFIER cannot be answered: a clear error, no panic, no
/// session, and no fallback to sending the password.
#[tokio::test]
async fn moto_fake_srp_answer_is_a_clear_error() {
    let bed = srp_bed(Kind::Moto, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, PLAIN_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let e = bed.sign_in(PLAIN_USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(e.code, Code::UnexpectedResponse);
    assert!(e.message.contains("PASSWORD_VERIFIER"), "{e:?}");
    assert!(bed.desk.session().current().is_none());
    let ops: Vec<&str> = bed
        .desk
        .calls()
        .records()
        .iter()
        .map(|r| r.operation)
        .collect();
    assert_eq!(ops, ["InitiateAuth"], "nothing else was sent");
}

/// ministack checks the proof: a wrong password is refused in the words of a wrong
/// password (moto would sign this user in).
#[tokio::test]
async fn ministack_refuses_a_wrong_password_over_srp() {
    let bed = srp_bed(Kind::Ministack, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, PLAIN_USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let e = bed.sign_in(PLAIN_USER, "Wrong-Passw0rd").await.unwrap_err();
    assert_eq!(e.code, Code::NotAuthorizedException);
    assert!(e.message.contains("password is incorrect"), "{e:?}");
    assert!(bed.desk.session().current().is_none());
    let e = bed
        .sign_in("nobody@example.com", DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::UserNotFoundException);
}
