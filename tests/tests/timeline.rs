//! The timeline after the walkthrough's whole scenario on ministack — a TOTP sign-in
//! with one wrong code, then the identity pool's credentials, S3 and STS: every call in
//! order, the failure included, and no secret value anywhere in the JSON export (the
//! password, the TOTP secret and codes, the three tokens, the AWS secret key and
//! session token).

use cognito_desk_core::dto::{SignInOutcome, WhichToken};
use cognito_desk_core::ids::Username;
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::identity::{create_buckets, create_identity_pool, IdentityOptions};
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::totp;

const USER: &str = "demo-with-mfa@example.com";

#[tokio::test]
async fn ministack_the_whole_scenario_in_order_with_no_secret_in_the_export() {
    let mut bed = Bed::new(Kind::Ministack, "timeline", PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let secret = seed::enroll_totp(&bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let identity_pool = create_identity_pool(&bed.emu, &bed.pool, &IdentityOptions::default())
        .await
        .unwrap();
    create_buckets(&bed.emu, &["desk-timeline"]).await.unwrap();
    bed.edit_profile(|s| s.identity_pool_id = Some(identity_pool));

    let mark = bed.desk.calls().mark();
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    assert!(matches!(outcome, SignInOutcome::Challenge { .. }));
    let wrong = totp::wrong_code(&secret).unwrap();
    bed.desk.signin().answer_totp(&wrong).await.unwrap_err();
    let code = totp::fresh_code(&secret).await.unwrap();
    bed.desk
        .signin()
        .answer_totp(&code)
        .await
        .expect("signed in");
    bed.desk.credentials().get().await.expect("credentials");
    bed.desk.credentials().list_s3_buckets().await.expect("S3");
    bed.desk.credentials().who_am_i().await.expect("STS");

    let calls: Vec<(&str, String)> = bed
        .desk
        .calls()
        .since(mark)
        .into_iter()
        .map(|r| (r.operation, r.outcome))
        .collect();
    let ops: Vec<&str> = calls.iter().map(|(op, _)| *op).collect();
    assert_eq!(
        ops,
        [
            "InitiateAuth",
            "RespondToAuthChallenge",
            "RespondToAuthChallenge",
            "GetId",
            "GetCredentialsForIdentity",
            "ListBuckets",
            "GetCallerIdentity"
        ]
    );
    assert_eq!(calls[1].1, "CodeMismatchException", "the failure is listed");
    assert!(calls
        .iter()
        .enumerate()
        .all(|(i, (_, o))| i == 1 || o == "ok"));

    let export = bed.desk.calls().export_json();
    let env = bed.desk.credentials().env_text().unwrap();
    let env_value = |name: &str| {
        env.lines()
            .find_map(|l| {
                l.split_once(&format!("{name}="))
                    .map(|(_, v)| v.trim_matches('\'').trim_matches('"').to_owned())
            })
            .unwrap_or_else(|| panic!("{name} in {env}"))
    };
    let secrets = [
        DEMO_PASSWORD.to_owned(),
        secret,
        wrong,
        code,
        bed.desk.tokens().text(WhichToken::Id).unwrap(),
        bed.desk.tokens().text(WhichToken::Access).unwrap(),
        OsKeychain::default()
            .load(&bed.profile.id, &Username::new(USER))
            .unwrap()
            .expect("refresh token")
            .expose()
            .to_owned(),
        env_value("AWS_SECRET_ACCESS_KEY"),
        env_value("AWS_SESSION_TOKEN"),
    ];
    for s in &secrets {
        assert!(s.len() >= 6, "a real secret to look for: {s:?}");
        assert!(!export.contains(s.as_str()), "a secret is in the export");
    }
    // The placeholders are what stands in their place.
    assert!(export.contains("$PASSWORD"));
    assert!(export.contains("$SOFTWARE_TOKEN_MFA_CODE"), "{export}");
}
