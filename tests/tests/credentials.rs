//! Identity pool → temporary AWS credentials → S3 ListBuckets and STS GetCallerIdentity,
//! through the app's core. moto fakes the identity pool's checks and the credentials;
//! ministack checks the Logins token, the signatures and the role's policy
//! (emulators.md), so the refusals are tested there.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::identity::{create_buckets, create_identity_pool, IdentityOptions};
use cognito_desk_testbed::on_both;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};

const USER: &str = "demo@example.com";
const BUCKETS: [&str; 2] = ["desk-demo-reports", "desk-demo-uploads"];

/// A signed-in user whose profile names `identity_pool_id`.
async fn signed_in(kind: Kind, name: &str, identity_pool_id: Option<String>) -> Bed {
    let mut bed = Bed::new(kind, name, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    bed.edit_profile(|s| s.identity_pool_id = identity_pool_id);
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn { .. }));
    bed
}

/// A signed-in user whose profile names a new identity pool trusting this user pool.
async fn signed_in_with_identity_pool(kind: Kind, name: &str, opts: IdentityOptions) -> Bed {
    let bed = Bed::with_identity_pool(kind, name, USER, &opts).await;
    bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    bed
}

fn operations(steps: &[cognito_desk_core::dto::StepView]) -> Vec<(&str, bool)> {
    steps.iter().map(|s| (s.operation, s.cached)).collect()
}

async fn exchange_then_list_buckets_and_ask_who_am_i(kind: Kind) {
    let bed = signed_in_with_identity_pool(kind, "credentials", IdentityOptions::default()).await;
    create_buckets(&bed.emu, &BUCKETS).await.unwrap();

    let first = bed.desk.credentials().get().await.expect("credentials");
    assert!(!first.identity_id.is_empty());
    assert!(!first.access_key_id.is_empty());
    assert!(first.expiration > cognito_desk_core::session::now_secs());
    assert_eq!(
        first.logins_key,
        format!("cognito-idp.us-east-1.amazonaws.com/{}", bed.pool.pool_id)
    );
    assert_eq!(
        operations(&first.steps),
        [("GetId", false), ("GetCredentialsForIdentity", false)]
    );
    assert!(first.steps.iter().all(|s| s.outcome == "ok"));

    // The identity id is cached: the second exchange makes no GetId request.
    let second = bed
        .desk
        .credentials()
        .get()
        .await
        .expect("credentials again");
    assert_eq!(second.identity_id, first.identity_id);
    assert_eq!(
        operations(&second.steps),
        [("GetId", true), ("GetCredentialsForIdentity", false)]
    );
    assert_eq!(bed.desk.calls().count("GetId"), 1);
    assert_eq!(bed.desk.calls().count("GetCredentialsForIdentity"), 2);
    // What the emulator itself received (moto records requests; ministack does not).
    if let Some(get_id) = bed.emu.received("GetId") {
        assert_eq!(get_id, 1, "the emulator saw one GetId");
        assert_eq!(bed.emu.received("GetCredentialsForIdentity"), Some(2));
    }

    let listed = bed
        .desk
        .credentials()
        .list_s3_buckets()
        .await
        .expect("ListBuckets");
    let mut names: Vec<&str> = listed.buckets.iter().map(|b| b.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, BUCKETS);
    assert_eq!(
        operations(&listed.steps),
        [("ListBuckets", false)],
        "held credentials reused"
    );

    let me = bed
        .desk
        .credentials()
        .who_am_i()
        .await
        .expect("GetCallerIdentity");
    assert!(!me.account.is_empty() && !me.arn.is_empty(), "{me:?}");
    if kind == Kind::Ministack {
        assert!(
            me.arn.contains("cognito-desk-authenticated"),
            "the assumed role: {me:?}"
        );
    }
    // The clipboard text carries exactly these credentials.
    let env = bed.desk.credentials().env_text().unwrap();
    assert!(env.contains(&format!("AWS_ACCESS_KEY_ID={}", second.access_key_id)));
    assert!(env.contains("AWS_REGION=us-east-1"));

    // A new sign-in starts without the previous session's credentials.
    bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    assert_eq!(
        bed.desk.credentials().env_text().unwrap_err().code,
        Code::CredentialsExpired
    );
}

async fn an_unknown_identity_pool_is_a_clear_error(kind: Kind) {
    let bed = signed_in(
        kind,
        "credentials-unknown",
        Some("us-east-1:00000000-0000-0000-0000-000000000000".into()),
    )
    .await;
    let e = bed.desk.credentials().get().await.unwrap_err();
    // ministack answers ResourceNotFoundException as AWS does; moto an HTTP 500.
    let expected = match kind {
        Kind::Moto => Code::InternalErrorException,
        _ => Code::ResourceNotFoundException,
    };
    assert_eq!(e.code, expected, "{e:?}");
    assert!(e.hint.contains("identity pool id"), "{e:?}");
    assert!(!e.message.contains("<html"), "no raw error page: {e:?}");
}

on_both!(
    exchange_then_list_buckets_and_ask_who_am_i,
    an_unknown_identity_pool_is_a_clear_error,
);

#[tokio::test]
async fn no_identity_pool_is_said_before_any_request() {
    let bed = signed_in(Kind::Moto, "credentials-none", None).await;
    let e = bed.desk.credentials().get().await.unwrap_err();
    assert_eq!(e.code, Code::NoIdentityPool);
    assert_eq!(bed.desk.calls().count("GetId"), 0);
}

/// ministack checks the Logins: a pool that trusts another user pool refuses ours, and
/// the message names the key that was sent.
#[tokio::test]
async fn ministack_identity_pool_of_another_user_pool_refuses_with_the_logins_key() {
    let mut bed = Bed::new(Kind::Ministack, "credentials-other", PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let other = seed::create_pool(&bed.emu, &PoolOptions::default())
        .await
        .unwrap();
    let identity_pool = create_identity_pool(&bed.emu, &other, &IdentityOptions::default())
        .await
        .unwrap();
    bed.edit_profile(|s| s.identity_pool_id = Some(identity_pool));
    bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    let e = bed.desk.credentials().get().await.unwrap_err();
    assert_eq!(e.code, Code::NotAuthorizedException, "{e:?}");
    let key = format!("cognito-idp.us-east-1.amazonaws.com/{}", bed.pool.pool_id);
    assert!(e.message.contains(&key), "{e:?}");
    assert!(e.hint.contains("authentication provider"), "{e:?}");
}

/// ministack evaluates the role's policy: without s3:ListAllMyBuckets, AccessDenied names it.
#[tokio::test]
async fn ministack_role_without_list_permission_is_access_denied() {
    let opts = IdentityOptions {
        may_list_buckets: false,
        ..Default::default()
    };
    let bed = signed_in_with_identity_pool(Kind::Ministack, "credentials-denied", opts).await;
    let e = bed.desk.credentials().list_s3_buckets().await.unwrap_err();
    assert_eq!(e.code, Code::AccessDenied, "{e:?}");
    assert!(e.hint.contains("s3:ListAllMyBuckets"), "{e:?}");
}

/// S3 unreachable after the exchange: the network error, not a hang.
#[tokio::test]
async fn s3_unreachable_gives_the_network_error() {
    let mut bed = signed_in_with_identity_pool(
        Kind::Moto,
        "credentials-offline",
        IdentityOptions::default(),
    )
    .await;
    bed.desk.credentials().get().await.expect("credentials");
    bed.emu.stop();
    let e = bed.desk.credentials().list_s3_buckets().await.unwrap_err();
    assert_eq!(e.code, Code::NetworkUnreachable, "{e:?}");
}
