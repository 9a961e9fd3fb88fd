//! Enrolling an authenticator app through the app's own code path (the test reads the
//! secret the app received and computes codes as a phone would), against both
//! emulators: ministack hands out per-user 32-character secrets, moto a fixed short one.

use cognito_desk_core::dto::EnrollmentText;
use cognito_desk_core::dto::{ChallengeView, SignInOutcome};
use cognito_desk_core::secret::Password;
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::on_both;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::totp;

const USER: &str = "new-mfa+user@example.com";

async fn bed(kind: Kind, opts: PoolOptions) -> Bed {
    Bed::new(kind, "mfa", opts).await
}

async fn sign_in(bed: &Bed) -> SignInOutcome {
    bed.sign_in(USER, DEMO_PASSWORD)
        .await
        .expect("sign-in answered")
}

async fn totp_on(bed: &Bed) -> (bool, bool) {
    let s = bed.desk.mfa().status().await.expect("GetUser");
    (s.totp_enabled, s.totp_preferred)
}

async fn enroll_in_the_app_then_sign_in_needs_the_code_until_disabled(kind: Kind) {
    let bed = bed(kind, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    assert!(matches!(
        sign_in(&bed).await,
        SignInOutcome::SignedIn { .. }
    ));
    assert_eq!(totp_on(&bed).await, (false, false));

    let view = bed
        .desk
        .mfa()
        .begin_totp_enrollment()
        .await
        .expect("associated");
    let secret = bed.desk.enrollment_text(EnrollmentText::Secret).unwrap();
    assert_eq!(view.secret_groups.concat(), secret);
    assert!(view.secret_groups.iter().all(|g| g.len() <= 4));
    assert_eq!(view.issuer, "Cognito Desk");
    assert_eq!(view.account, USER);
    assert_eq!(
        bed.desk.enrollment_text(EnrollmentText::Uri).unwrap(),
        format!("otpauth://totp/Cognito%20Desk:new-mfa%2Buser%40example.com?secret={secret}&issuer=Cognito%20Desk")
    );
    assert!(view
        .qr_svg_data_url
        .starts_with("data:image/svg+xml;base64,"));
    match kind {
        Kind::Ministack => assert_eq!(secret.len(), 32),
        Kind::Moto => assert_eq!(secret, "ASDFASDFASDF"),
    }

    // A wrong code enables nothing and keeps the enrollment for another try.
    let e = bed
        .desk
        .mfa()
        .verify_totp_enrollment(&totp::wrong_code(&secret).unwrap(), None, false)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::CodeMismatchException);
    assert!(bed.desk.has_enrollment());
    assert_eq!(totp_on(&bed).await, (false, false));

    let code = totp::fresh_code(&secret).await.unwrap();
    let status = bed
        .desk
        .mfa()
        .verify_totp_enrollment(&code, Some("Pixel 8"), false)
        .await
        .expect("verified");
    assert!(status.totp_enabled && status.totp_preferred, "{status:?}");
    assert!(
        !bed.desk.has_enrollment(),
        "the secret leaves memory after success"
    );
    assert_eq!(
        bed.desk
            .enrollment_text(EnrollmentText::Secret)
            .unwrap_err()
            .code,
        Code::NoEnrollment
    );
    // Verify succeeded strictly before the preference was set.
    let ops: Vec<(String, String)> = bed
        .desk
        .calls()
        .records()
        .into_iter()
        .filter(|r| r.operation != "GetUser")
        .map(|r| (r.operation.to_string(), r.outcome))
        .collect();
    let tail: Vec<(&str, &str)> = ops
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|(o, r)| (o.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        tail,
        [
            ("AssociateSoftwareToken", "ok"),
            ("VerifySoftwareToken", "CodeMismatchException"),
            ("VerifySoftwareToken", "ok"),
            ("SetUserMFAPreference", "ok"),
        ]
    );

    bed.desk.sign_out(false).await;
    let outcome = sign_in(&bed).await;
    assert!(
        matches!(
            &outcome,
            SignInOutcome::Challenge {
                challenge: ChallengeView::SoftwareTokenMfa { .. },
                ..
            }
        ),
        "{outcome:?}"
    );
    let code = totp::fresh_code(&secret).await.unwrap();
    assert!(matches!(
        bed.desk.signin().answer_totp(&code).await.unwrap(),
        SignInOutcome::SignedIn { .. }
    ));

    // Not preferred, then off: the next sign-in needs no code.
    let status = bed
        .desk
        .mfa()
        .set_totp_preference(true, false)
        .await
        .unwrap();
    assert!(status.totp_enabled, "{status:?}");
    // ministack clears the preference only when TOTP is turned off; moto (like AWS) on request.
    if kind == Kind::Moto {
        assert!(!status.totp_preferred, "{status:?}");
    }
    let status = bed
        .desk
        .mfa()
        .set_totp_preference(false, false)
        .await
        .unwrap();
    assert!(!status.totp_enabled, "{status:?}");
    bed.desk.sign_out(false).await;
    assert!(matches!(
        sign_in(&bed).await,
        SignInOutcome::SignedIn { .. }
    ));
}

on_both!(enroll_in_the_app_then_sign_in_needs_the_code_until_disabled);

/// Turning TOTP on before the authenticator is verified is refused by the app itself:
/// GetUser lists no authenticator, so no proof exists and SetUserMFAPreference is never
/// sent. (Cognito would refuse it too; `cognito_errors` words that answer.)
async fn totp_cannot_be_turned_on_before_verification(kind: Kind) {
    let bed = bed(kind, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    sign_in(&bed).await;
    bed.desk
        .mfa()
        .begin_totp_enrollment()
        .await
        .expect("associated");
    let e = bed
        .desk
        .mfa()
        .set_totp_preference(true, true)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::TotpNotVerified, "{e:?}");
    assert!(e.hint.contains("code"));
    assert_eq!(bed.desk.calls().count("SetUserMFAPreference"), 0);
    assert_eq!(totp_on(&bed).await, (false, false));
}

on_both!(totp_cannot_be_turned_on_before_verification);

/// A user created with a temporary password in a pool that requires MFA: the first
/// sign-in asks for a new password, then MFA_SETUP, answered with the same enrollment
/// screen on the challenge session (only moto issues MFA_SETUP, emulators.md).
#[tokio::test]
async fn moto_new_password_then_mfa_setup_ends_with_tokens() {
    let bed = bed(
        Kind::Moto,
        PoolOptions {
            mfa_required: true,
            ..Default::default()
        },
    )
    .await;
    seed::create_user_with_temporary_password(&bed.emu, &bed.pool, USER, "Temp-Passw0rd1")
        .await
        .unwrap();
    let outcome = bed.sign_in(USER, "Temp-Passw0rd1").await.unwrap();
    assert!(
        matches!(
            &outcome,
            SignInOutcome::Challenge {
                challenge: ChallengeView::NewPasswordRequired { .. },
                ..
            }
        ),
        "{outcome:?}"
    );
    let weak = bed
        .desk
        .signin()
        .answer_new_password(Password::new("short"), &[])
        .await
        .unwrap_err();
    assert_eq!(weak.code, Code::InvalidPasswordException, "{weak:?}");
    let outcome = bed
        .desk
        .signin()
        .answer_new_password(Password::new(DEMO_PASSWORD), &[])
        .await
        .unwrap();
    let SignInOutcome::Challenge {
        challenge:
            ChallengeView::MfaSetup {
                username,
                enrollment: Some(enrollment),
                ..
            },
        ..
    } = outcome
    else {
        panic!("expected MFA_SETUP, got {outcome:?}");
    };
    assert_eq!(username, USER);
    assert_eq!(enrollment.secret_groups.concat(), "ASDFASDFASDF");
    let uri = bed.desk.enrollment_text(EnrollmentText::Uri).unwrap();
    assert!(uri.contains("secret=ASDFASDFASDF"), "{uri}");
    let secret = bed.desk.enrollment_text(EnrollmentText::Secret).unwrap();
    let e = bed
        .desk
        .signin()
        .answer_mfa_setup(&totp::wrong_code(&secret).unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::CodeMismatchException);
    let code = totp::fresh_code(&secret).await.unwrap();
    let outcome = bed
        .desk
        .signin()
        .answer_mfa_setup(&code, Some("testbed"))
        .await
        .unwrap();
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert_eq!(session.email.as_deref(), Some(USER));
    assert!(!bed.desk.has_enrollment());
    let ops: Vec<&str> = bed
        .desk
        .calls()
        .records()
        .iter()
        .map(|r| r.operation)
        .collect();
    assert_eq!(
        ops,
        [
            "InitiateAuth",
            "RespondToAuthChallenge",
            "RespondToAuthChallenge",
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "VerifySoftwareToken",
            "RespondToAuthChallenge",
        ]
    );
}
