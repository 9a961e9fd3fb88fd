//! The sandbox's seeding: the walkthrough's three users with their MFA settings, a
//! scannable otpauth URI, and a second start (same state dir) that keeps everything.

use cognito_desk_core::desk::Desk;
use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::ids::Username;
use cognito_desk_core::secret::Password;
use cognito_desk_core::vault::OsKeychain;
use cognito_desk_testbed::browser::Browser;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::sandbox::{
    ensure_seeded, secret_of, BUCKETS, ISSUER, MFA_USER, PLAIN_USERS, REDIRECT_URI,
};
use cognito_desk_testbed::seed::{self, DEMO_PASSWORD};
use cognito_desk_testbed::{temp_dir, totp};

#[tokio::test]
async fn seeds_three_users_and_a_second_start_keeps_them() {
    let dir = temp_dir("sandbox");
    let port = cognito_desk_testbed::free_port();
    let mut emu = Emulator::start_on(Kind::Ministack, &dir, port).expect("ministack");
    let first = ensure_seeded(&emu, &dir).await.expect("seeded");
    assert!(first.created);
    for user in PLAIN_USERS {
        let (enabled, preferred) = seed::mfa_settings(&emu, &first.pool, user).await.unwrap();
        assert!(enabled.is_empty(), "{user} has MFA {enabled:?}");
        assert_eq!(preferred, None);
    }
    let (enabled, preferred) = seed::mfa_settings(&emu, &first.pool, MFA_USER)
        .await
        .unwrap();
    assert_eq!(enabled, ["SOFTWARE_TOKEN_MFA"]);
    assert_eq!(preferred.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    let issuer = ISSUER.replace(' ', "%20");
    assert!(
        first.mfa_uri.starts_with(&format!(
            "otpauth://totp/{issuer}:demo-with-mfa%40example.com?secret="
        )),
        "{}",
        first.mfa_uri
    );
    let secret = secret_of(&first.mfa_uri).expect("secret in the URI");
    assert_eq!(
        secret.len(),
        32,
        "ministack hands out phone-scannable 32-char secrets"
    );

    // Stop (SIGTERM: ministack saves its state) and start again on the same folder.
    emu.stop();
    let emu = Emulator::start_on(Kind::Ministack, &dir, port).expect("ministack again");
    let second = ensure_seeded(&emu, &dir).await.expect("found again");
    assert!(!second.created, "the pool survived the restart");
    assert_eq!(second.pool.pool_id, first.pool.pool_id);
    assert_eq!(second.pool.client_id, first.pool.client_id);
    assert_eq!(second.mfa_uri, first.mfa_uri);
    assert_eq!(second.identity_pool_id, first.identity_pool_id);

    // The kept secret still signs the MFA user in through the app's core.
    let desk = Desk::open(&dir.join("config"), Box::new(OsKeychain::default()));
    let profile = desk
        .profiles()
        .save(second.pool.profile_input("Sandbox"))
        .unwrap();
    let outcome = desk
        .signin()
        .sign_in(
            &profile.id,
            &Username::new(MFA_USER),
            Password::new(DEMO_PASSWORD),
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, SignInOutcome::Challenge { .. }),
        "{outcome:?}"
    );
    let code = totp::fresh_code(&secret).await.unwrap();
    let outcome = desk.signin().answer_totp(&code).await.unwrap();
    assert!(
        matches!(outcome, SignInOutcome::SignedIn { .. }),
        "{outcome:?}"
    );

    // The sandbox's identity pool hands the user credentials that list its buckets.
    let mut input = second.pool.profile_input("Sandbox");
    input.id = Some(profile.id.clone());
    input.settings.identity_pool_id = Some(second.identity_pool_id.clone());
    desk.profiles().save(input).unwrap();
    let listed = desk.credentials().list_s3_buckets().await.expect("buckets");
    let mut names: Vec<String> = listed.buckets.into_iter().map(|b| b.name).collect();
    names.sort();
    assert_eq!(names, BUCKETS);
    desk.sign_out(false).await;

    // The Sandbox profile offers managed login through ministack's hosted UI. Its page
    // asks no TOTP code even for this enrolled user (real Cognito would: emulators.md);
    // the session then works on the other pages.
    let mut input = second.pool.profile_input("Sandbox");
    input.id = Some(profile.id.clone());
    input.settings.identity_pool_id = Some(second.identity_pool_id.clone());
    input.settings.domain = Some(emu.endpoint());
    input.settings.redirect_uri = Some(REDIRECT_URI.into());
    desk.profiles().save(input).unwrap();
    // The sandbox's redirect port is fixed; another test's listener on an ephemeral
    // port may hold it for a moment (a CI run saw it): wait for it, as a person would.
    let mut start = desk.managed().begin(&profile.id).await;
    for _ in 0..40 {
        match &start {
            Err(e) if e.code == cognito_desk_core::Code::RedirectPortInUse => {
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                start = desk.managed().begin(&profile.id).await;
            }
            _ => break,
        }
    }
    let start = start.expect("begins");
    assert!(start.emulated);
    let browser = Browser::new(REDIRECT_URI, MFA_USER, DEMO_PASSWORD).unwrap();
    let (outcome, tab) = tokio::join!(
        desk.managed().finish(),
        browser.sign_in(&start.authorize_url)
    );
    assert!(tab.unwrap().body.contains("Signed in"));
    let SignInOutcome::SignedIn { session } = outcome.expect("managed login") else {
        panic!("expected tokens");
    };
    assert_eq!(session.sign_in_method, "managedLogin");
    assert!(desk.mfa().status().await.expect("MFA page").totp_enabled);
    assert!(desk
        .tokens()
        .report()
        .await
        .expect("token page")
        .id
        .checks
        .iter()
        .all(|c| c.passed));
    assert_eq!(
        desk.credentials()
            .list_s3_buckets()
            .await
            .expect("buckets")
            .buckets
            .len(),
        BUCKETS.len()
    );
    desk.sign_out(false).await;
}
