//! SMS_MFA and SELECT_MFA_TYPE on cognito-local, which generates the SMS code, prints it
//! on its console (read back here as a person reads their phone) and compares the
//! answer: a wrong code is refused, the printed one accepted.

use cognito_desk_core::dto::{ChallengeView, SignInOutcome};
use cognito_desk_core::ids::{ProfileId, Username};
use cognito_desk_core::profile::ProfileInput;
use cognito_desk_core::secret::Password;
use cognito_desk_core::session::Factor;
use cognito_desk_core::vault::MemoryVault;
use cognito_desk_core::{Code, Desk};
use cognito_desk_testbed::cognito_local::{self, CognitoLocal, BOTH_USER, PHONE, SMS_USER};

struct World {
    emu: CognitoLocal,
    desk: Desk,
    profile: ProfileId,
}

fn world(name: &str) -> World {
    let dir = cognito_desk_testbed::temp_dir(&format!("cognito-local-{name}"));
    let emu = CognitoLocal::start(&dir.join("emulator")).expect("cognito-local starts");
    let desk = Desk::open(&dir.join("config"), Box::new(MemoryVault::default()));
    let saved = desk
        .profiles()
        .save(ProfileInput::from(emu.profile_settings("cognito-local")))
        .expect("profile");
    World {
        emu,
        desk,
        profile: saved.id,
    }
}

impl World {
    async fn sign_in(&self, user: &str) -> SignInOutcome {
        self.desk
            .signin()
            .sign_in(
                &self.profile,
                &Username::new(user),
                Password::new(cognito_local::PASSWORD),
            )
            .await
            .expect("an answer")
    }
}

fn assert_sms_challenge(outcome: &SignInOutcome) {
    let SignInOutcome::Challenge {
        challenge:
            ChallengeView::DeliveredCode {
                challenge,
                destination,
                medium,
                ..
            },
        ..
    } = outcome
    else {
        panic!("expected SMS_MFA, got {outcome:?}");
    };
    assert_eq!(challenge, "SMS_MFA");
    // cognito-local does not mask the number as Cognito does; the screen shows what came.
    assert_eq!(destination.as_deref(), Some(PHONE));
    assert_eq!(medium.as_deref(), Some("SMS"));
}

#[tokio::test]
async fn cognito_local_sms_mfa_with_the_code_from_its_console() {
    let w = world("sms");
    let seen = w.emu.codes().len();
    let outcome = w.sign_in(SMS_USER).await;
    assert_sms_challenge(&outcome);
    let code = w.emu.code_after(seen).await.unwrap();
    // A wrong code is refused, and the same challenge may be answered again.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let e = w.desk.signin().answer_code(wrong).await.unwrap_err();
    assert_eq!(e.code, Code::DeliveredCodeMismatch, "{e:?}");
    assert!(w.desk.signin().has_pending_challenge());
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let outcome = w.desk.signin().answer_code(&spaced).await.expect("tokens");
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert_eq!(session.factors, [Factor::Password, Factor::SmsCode]);
}

#[tokio::test]
async fn cognito_local_select_mfa_type_then_the_sms_code() {
    let w = world("select");
    let outcome = w.sign_in(BOTH_USER).await;
    let SignInOutcome::Challenge {
        challenge: ChallengeView::SelectMfaType { options, .. },
        ..
    } = outcome
    else {
        panic!("expected SELECT_MFA_TYPE, got {outcome:?}");
    };
    assert_eq!(options, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    let seen = w.emu.codes().len();
    let outcome = w
        .desk
        .signin()
        .select_mfa("SMS_MFA")
        .await
        .expect("SMS_MFA");
    assert_sms_challenge(&outcome);
    let code = w.emu.code_after(seen).await.unwrap();
    let outcome = w.desk.signin().answer_code(&code).await.expect("tokens");
    assert!(
        matches!(outcome, SignInOutcome::SignedIn { .. }),
        "{outcome:?}"
    );
}
