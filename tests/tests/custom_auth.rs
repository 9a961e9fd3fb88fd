//! CUSTOM_AUTH on ministack, whose local Lambda executor runs the pool's Define, Create
//! and Verify Auth Challenge triggers (tests/py/custom_auth_lambdas.py) for real: the
//! public challenge parameters reach the screen, a wrong answer brings the next round,
//! the right one tokens; three wrong answers fail the sign-in. The client has a secret,
//! so every request also carries SECRET_HASH.

use cognito_desk_core::dto::{ChallengeView, SignInOutcome};
use cognito_desk_core::profile::SignInFlow;
use cognito_desk_core::session::Factor;
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};

const USER: &str = "demo@example.com";

async fn custom_bed(name: &str) -> Bed {
    let opts = PoolOptions {
        custom_auth: true,
        client_secret: true,
        ..PoolOptions::default()
    };
    let mut bed = Bed::new(Kind::Ministack, name, opts).await;
    bed.use_flow(SignInFlow::Custom);
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    bed
}

/// The round and hint the Create Auth Challenge trigger made public.
fn round_of(outcome: &SignInOutcome) -> String {
    let SignInOutcome::Challenge {
        challenge: ChallengeView::CustomChallenge { parameters, .. },
        ..
    } = outcome
    else {
        panic!("expected CUSTOM_CHALLENGE, got {outcome:?}");
    };
    let get = |name: &str| {
        parameters
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("hint"), "say the magic word");
    get("round")
}

#[tokio::test]
async fn ministack_custom_challenge_rounds_until_the_right_answer() {
    let bed = custom_bed("custom").await;
    // CUSTOM_AUTH needs no password: the triggers ask.
    let outcome = bed.sign_in(USER, "").await.expect("CUSTOM_CHALLENGE");
    assert_eq!(round_of(&outcome), "1");
    let outcome = bed
        .desk
        .signin()
        .answer_custom("abracadabra")
        .await
        .expect("a second round");
    assert_eq!(round_of(&outcome), "2");
    let outcome = bed
        .desk
        .signin()
        .answer_custom("open-sesame")
        .await
        .expect("tokens");
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert_eq!(session.factors, [Factor::CustomChallenge]);
    let records = bed.desk.calls().records();
    let flow = records[0].params.iter().find(|p| p.name == "AuthFlow");
    assert_eq!(flow.map(|p| p.value.as_str()), Some("CUSTOM_AUTH"));
    assert!(records
        .iter()
        .all(|r| r.params.iter().any(|p| p.name == "SECRET_HASH")));
}

#[tokio::test]
async fn ministack_three_wrong_answers_end_the_sign_in() {
    let bed = custom_bed("custom-fail").await;
    bed.sign_in(USER, "").await.expect("CUSTOM_CHALLENGE");
    let signin = bed.desk.signin();
    signin.answer_custom("one").await.expect("round 2");
    signin.answer_custom("two").await.expect("round 3");
    let e = signin.answer_custom("three").await.unwrap_err();
    assert_eq!(e.code, Code::CustomChallengeFailed, "{e:?}");
    assert!(e.sign_in_ended, "the window must start over");
    // The attempt is over: nothing is left to answer.
    assert!(!signin.has_pending_challenge());
    assert_eq!(
        signin.answer_custom("open-sesame").await.unwrap_err().code,
        Code::NoPendingChallenge
    );
}
