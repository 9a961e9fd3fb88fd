//! The tester's workbench on both emulators: the walkthrough's admin steps done through
//! the app's core with signed calls (the profile's admin credentials), each change read
//! back independently with the test bed's own admin client, and the effect on a
//! sign-in checked where a sign-in shows it.

use base64::Engine;
use cognito_desk_core::admin::{
    MfaConfig, MfaMethod, MfaMode, MfaPreferenceInput, NewUser, UserFilter,
};
use cognito_desk_core::dto::{SignInOutcome, WhichToken};
use cognito_desk_core::error::Code;
use cognito_desk_core::profile::{AdminCredentials, ProfileInput};
use cognito_desk_core::secret::Password;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};

async fn admin_bed(kind: Kind, name: &str) -> Bed {
    let mut bed = Bed::new(kind, name, PoolOptions::default()).await;
    let mut input: ProfileInput = bed.profile.to_input();
    input.settings.admin.admin_credentials = AdminCredentials::EmulatorTest;
    bed.desk.profiles().save(input).expect("profile saved");
    bed.profile = bed.desk.profiles().get(&bed.profile.id).expect("profile");
    bed
}

fn new_user(username: &str, permanent: bool) -> NewUser {
    NewUser {
        username: username.into(),
        email: Some(username.into()),
        email_verified: true,
        password: Password::new(DEMO_PASSWORD),
        permanent,
    }
}

fn totp(enabled: bool) -> MfaPreferenceInput {
    MfaPreferenceInput {
        method: MfaMethod::SoftwareTokenMfa,
        enabled,
        preferred: enabled,
    }
}

/// The walkthrough in its order: MFA OFF → OPTIONAL with the authenticator app; a test
/// user created without mail and given a permanent password; TOTP preferred before the
/// user enrolled (the trap), then after; the two users compared; TOTP off again.
async fn walkthrough(kind: Kind) {
    let bed = admin_bed(kind, "admin-walkthrough").await;
    let admin = bed.desk.admin();
    let id = &bed.profile.id;

    let off = MfaConfig {
        mode: MfaMode::Off,
        authenticator_app: false,
        sms: false,
        email: false,
        passkey_relying_party_id: None,
        passkey_user_verification_required: false,
    };
    assert_eq!(admin.set_mfa_config(id, &off).await.expect("MFA off"), off);
    let optional = MfaConfig {
        mode: MfaMode::Optional,
        authenticator_app: true,
        ..off.clone()
    };
    assert_eq!(
        admin.set_mfa_config(id, &optional).await.expect("OPTIONAL"),
        optional
    );
    let independent = bed
        .emu
        .admin_client()
        .await
        .get_user_pool_mfa_config()
        .user_pool_id(&bed.pool.pool_id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        independent.mfa_configuration().map(|m| m.as_str()),
        Some("OPTIONAL")
    );
    assert!(independent
        .software_token_mfa_configuration()
        .unwrap()
        .enabled());
    let summary = admin.pool(id).await.expect("DescribeUserPool");
    assert_eq!(summary.id, bed.pool.pool_id);
    assert_eq!(summary.mfa, optional);
    assert!(summary.password_policy.is_some(), "{summary:?}");

    let user = "walk@example.com";
    let created = admin
        .create_user(id, &new_user(user, true))
        .await
        .expect("created");
    assert_eq!(created.status.as_deref(), Some("CONFIRMED"));
    assert!(created
        .attributes
        .contains(&("email_verified".to_owned(), "true".to_owned())));
    let (methods, preferred) = seed::mfa_settings(&bed.emu, &bed.pool, user).await.unwrap();
    assert!(methods.is_empty() && preferred.is_none());
    let again = admin
        .create_user(id, &new_user(user, true))
        .await
        .unwrap_err();
    assert_eq!(again.code, Code::UsernameExistsException);

    // A permanent password: the first sign-in gives tokens, no NEW_PASSWORD_REQUIRED.
    let outcome = bed.sign_in(user, DEMO_PASSWORD).await.expect("signed in");
    assert!(
        matches!(outcome, SignInOutcome::SignedIn { .. }),
        "{outcome:?}"
    );
    bed.desk.sign_out(false).await;

    let early = admin.set_user_mfa(id, user, &totp(true)).await;
    match kind {
        // moto refuses TOTP for a user who never verified an authenticator app.
        Kind::Moto => assert_eq!(early.unwrap_err().code, Code::TotpNotVerified),
        // ministack accepts it (real Cognito refuses); the state it records is read
        // back below, so the screen shows what the emulator did.
        Kind::Ministack => {
            early.expect("ministack accepts it");
            admin.set_user_mfa(id, user, &totp(false)).await.unwrap();
        }
    }

    let secret = seed::enroll_totp(&bed.pool, user, DEMO_PASSWORD)
        .await
        .unwrap();
    assert!(!secret.is_empty());
    let enrolled = admin.user(id, user).await.unwrap();
    assert_eq!(
        enrolled.preferred_mfa.as_deref(),
        Some("SOFTWARE_TOKEN_MFA")
    );
    assert!(enrolled
        .mfa_methods
        .iter()
        .any(|m| m == "SOFTWARE_TOKEN_MFA"));
    seed::create_user(&bed.emu, &bed.pool, "plain@example.com", DEMO_PASSWORD)
        .await
        .unwrap();
    let plain = admin.user(id, "plain@example.com").await.unwrap();
    assert!(
        plain.mfa_methods.is_empty() && plain.preferred_mfa.is_none(),
        "{plain:?}"
    );

    let challenged = bed.sign_in(user, DEMO_PASSWORD).await.unwrap();
    assert!(
        matches!(challenged, SignInOutcome::Challenge { .. }),
        "{challenged:?}"
    );
    bed.desk.signin().cancel();

    let off_again = admin
        .set_user_mfa(id, user, &totp(false))
        .await
        .expect("TOTP off");
    assert!(
        !off_again
            .mfa_methods
            .iter()
            .any(|m| m == "SOFTWARE_TOKEN_MFA"),
        "{off_again:?}"
    );
    let (methods, _) = seed::mfa_settings(&bed.emu, &bed.pool, user).await.unwrap();
    assert!(methods.is_empty(), "{methods:?}");
    let outcome = bed.sign_in(user, DEMO_PASSWORD).await.unwrap();
    assert!(
        matches!(outcome, SignInOutcome::SignedIn { .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn moto_the_walkthrough_admin_steps_in_order() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(walkthrough(Kind::Moto)).await;
}

#[tokio::test]
async fn ministack_the_walkthrough_admin_steps_in_order() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(walkthrough(Kind::Ministack)).await;
}

/// Disable / enable, reset the password, sign out everywhere, delete: each seen by a
/// sign-in or a refresh.
async fn user_lifecycle(kind: Kind) {
    let bed = admin_bed(kind, "admin-lifecycle").await;
    let admin = bed.desk.admin();
    let id = &bed.profile.id;
    let user = "life@example.com";
    admin.create_user(id, &new_user(user, true)).await.unwrap();

    let disabled = admin.set_enabled(id, user, false).await.unwrap();
    assert!(!disabled.enabled);
    let independent = bed
        .emu
        .admin_client()
        .await
        .admin_get_user()
        .user_pool_id(&bed.pool.pool_id)
        .username(user)
        .send()
        .await
        .unwrap();
    assert!(!independent.enabled());
    let refused = bed.sign_in(user, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(refused.code, Code::UserDisabled);
    assert!(refused.message.contains("disabled"), "{}", refused.message);
    assert!(admin.set_enabled(id, user, true).await.unwrap().enabled);

    bed.sign_in(user, DEMO_PASSWORD)
        .await
        .expect("enabled again");
    admin
        .global_sign_out(id, user)
        .await
        .expect("signed out everywhere");
    let refresh = bed.desk.session().refresh().await.unwrap_err();
    assert_eq!(refresh.code, Code::SessionRevoked, "{refresh:?}");
    bed.desk.sign_out(false).await;

    let reset = admin.reset_password(id, user).await.unwrap();
    assert_eq!(reset.status.as_deref(), Some("RESET_REQUIRED"));
    let attempt = bed.sign_in(user, DEMO_PASSWORD).await;
    match kind {
        Kind::Ministack => {
            let needs_reset = attempt.unwrap_err();
            assert_eq!(needs_reset.code, Code::PasswordResetRequiredException);
        }
        // moto records RESET_REQUIRED but still accepts the old password.
        Kind::Moto => {
            attempt.expect("moto ignores RESET_REQUIRED at sign-in");
            bed.desk.sign_out(false).await;
        }
    }

    // A temporary password after the reset: the next sign-in must choose a new one.
    let temporary = admin
        .set_password(id, user, &Password::new("Temp-Passw0rd!"), false)
        .await
        .unwrap();
    assert_eq!(temporary.status.as_deref(), Some("FORCE_CHANGE_PASSWORD"));

    admin.delete_user(id, user).await.expect("deleted");
    let gone = admin.user(id, user).await.unwrap_err();
    assert_eq!(gone.code, Code::UserNotFoundException);
}

#[tokio::test]
async fn moto_disable_reset_sign_out_everywhere_and_delete() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(user_lifecycle(Kind::Moto)).await;
}

#[tokio::test]
async fn ministack_disable_reset_sign_out_everywhere_and_delete() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(user_lifecycle(Kind::Ministack)).await;
}

/// 23 users: a filter narrows them, and pages of 20 carry on with the token.
async fn list_filter_and_page(kind: Kind) {
    let bed = admin_bed(kind, "admin-list").await;
    let admin = bed.desk.admin();
    let id = &bed.profile.id;
    for i in 0..22 {
        seed::create_user(
            &bed.emu,
            &bed.pool,
            &format!("page-{i:02}@example.com"),
            DEMO_PASSWORD,
        )
        .await
        .unwrap();
    }
    seed::create_user(&bed.emu, &bed.pool, "other@example.com", DEMO_PASSWORD)
        .await
        .unwrap();
    let all = UserFilter::default();
    let first = admin.list_users(id, &all, None).await.unwrap();
    assert_eq!(first.users.len(), 20);
    let next = first.next.clone().expect("a second page");
    let second = admin.list_users(id, &all, Some(next)).await.unwrap();
    assert_eq!(second.users.len(), 3);
    assert!(second.next.is_none());
    let mut names: Vec<_> = first
        .users
        .iter()
        .chain(&second.users)
        .map(|u| u.username.clone())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 23, "no user twice, none missing");

    let filtered = UserFilter {
        attribute: "email".into(),
        prefix: true,
        value: "page-1".into(),
    };
    let page = admin.list_users(id, &filtered, None).await.unwrap();
    let mut found: Vec<_> = page.users.iter().filter_map(|u| u.email.clone()).collect();
    found.sort();
    assert_eq!(found.len(), 10, "{found:?}");
    assert!(found.iter().all(|e| e.starts_with("page-1")));
    let exact = UserFilter {
        attribute: "email".into(),
        prefix: false,
        value: "other@example.com".into(),
    };
    let one = admin.list_users(id, &exact, None).await.unwrap();
    assert_eq!(one.users.len(), 1);
    assert_eq!(one.users[0].status.as_deref(), Some("CONFIRMED"));
    assert!(one.users[0].enabled);
}

#[tokio::test]
async fn moto_list_users_with_a_filter_and_pages() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(list_filter_and_page(Kind::Moto)).await;
}

#[tokio::test]
async fn ministack_list_users_with_a_filter_and_pages() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(list_filter_and_page(Kind::Ministack)).await;
}

/// A group created and a user added: the next ID token carries `cognito:groups`.
async fn groups_reach_the_id_token(kind: Kind) {
    let bed = admin_bed(kind, "admin-groups").await;
    let admin = bed.desk.admin();
    let id = &bed.profile.id;
    let user = "grouped@example.com";
    admin.create_user(id, &new_user(user, true)).await.unwrap();
    let groups = admin.create_group(id, "testers").await.unwrap();
    assert!(groups.iter().any(|g| g.name == "testers"));
    let member = admin
        .set_membership(id, user, "testers", true)
        .await
        .unwrap();
    assert_eq!(member.groups, ["testers"]);

    bed.sign_in(user, DEMO_PASSWORD).await.unwrap();
    let token = bed.desk.tokens().text(WhichToken::Id).unwrap();
    let payload = token.split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        claims["cognito:groups"],
        serde_json::json!(["testers"]),
        "{claims}"
    );

    let removed = admin
        .set_membership(id, user, "testers", false)
        .await
        .unwrap();
    assert!(removed.groups.is_empty());
}

#[tokio::test]
async fn moto_groups_reach_the_id_token() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(groups_reach_the_id_token(Kind::Moto)).await;
}

#[tokio::test]
async fn ministack_groups_reach_the_id_token() {
    // Boxed: the scenario's future is too large for the test thread's stack.
    Box::pin(groups_reach_the_id_token(Kind::Ministack)).await;
}

/// No admin source: each admin call says what is missing, and signing in still works.
#[tokio::test]
async fn moto_without_admin_credentials_the_screens_say_what_is_missing() {
    let bed = Bed::new(Kind::Moto, "admin-none", PoolOptions::default()).await;
    let e = bed.desk.admin().pool(&bed.profile.id).await.unwrap_err();
    assert_eq!(e.code, Code::AdminCredentialsMissing);
    assert!(e.hint.contains("~/.aws/config"), "{}", e.hint);
    seed::create_user(&bed.emu, &bed.pool, "demo@example.com", DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed
        .sign_in("demo@example.com", DEMO_PASSWORD)
        .await
        .unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn { .. }));
    assert_eq!(
        bed.desk.calls().count("DescribeUserPool"),
        0,
        "nothing was sent"
    );
}
