//! Fewest requests, one connection per endpoint, counted at a proxy between the app's
//! core and ministack (every service on one endpoint there, so the whole session should
//! ride on one kept-alive connection). Each flow sends exactly the requests it needs:
//! finishing an enrollment is VerifySoftwareToken + SetUserMFAPreference, a second
//! exchange skips GetId, and a second process (the CLI, the next start) reuses the
//! identity id it kept.

use cognito_desk_core::dto::{EnrollmentText, SignInOutcome};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::identity::{create_buckets, IdentityOptions};
use cognito_desk_testbed::proxy::CountingProxy;
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use cognito_desk_testbed::totp;

const USER: &str = "demo@example.com";

fn taken(proxy: &CountingProxy) -> Vec<String> {
    proxy.take_requests()
}

#[tokio::test]
async fn ministack_each_flow_sends_the_fewest_requests_on_one_connection() {
    Box::pin(scenario()).await;
}

async fn scenario() {
    let mut bed = Bed::with_identity_pool(
        Kind::Ministack,
        "requests",
        USER,
        &IdentityOptions::default(),
    )
    .await;
    create_buckets(&bed.emu, &["desk-requests"]).await.unwrap();
    let proxy = CountingProxy::start(&bed.emu.endpoint()).await.unwrap();
    bed.use_endpoint(&proxy.endpoint());

    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn { .. }));
    assert_eq!(taken(&proxy), ["InitiateAuth"]);

    // The MFA page: its status, then the enrollment in the order Cognito requires.
    bed.desk.mfa().status().await.unwrap();
    assert_eq!(taken(&proxy), ["GetUser"]);
    bed.desk.mfa().begin_totp_enrollment().await.unwrap();
    assert_eq!(taken(&proxy), ["AssociateSoftwareToken"]);
    let secret = bed.desk.enrollment_text(EnrollmentText::Secret).unwrap();
    let code = totp::fresh_code(&secret).await.unwrap();
    let status = bed
        .desk
        .mfa()
        .verify_totp_enrollment(&code, None, false)
        .await
        .unwrap();
    assert!(status.totp_enabled && status.totp_preferred, "{status:?}");
    assert_eq!(
        taken(&proxy),
        ["VerifySoftwareToken", "SetUserMFAPreference"],
        "finishing an enrollment: the minimum of two requests, no GetUser"
    );
    // What the page shows without asking is what Cognito says.
    assert_eq!(bed.desk.mfa().status().await.unwrap(), status);
    taken(&proxy);

    // Credentials and their proofs; the second exchange skips GetId.
    bed.desk.credentials().get().await.unwrap();
    assert_eq!(taken(&proxy), ["GetId", "GetCredentialsForIdentity"]);
    bed.desk.credentials().list_s3_buckets().await.unwrap();
    bed.desk.credentials().who_am_i().await.unwrap();
    bed.desk.credentials().list_s3_buckets().await.unwrap();
    assert_eq!(
        taken(&proxy),
        ["ListBuckets", "GetCallerIdentity", "ListBuckets"]
    );
    bed.desk.credentials().get().await.unwrap();
    assert_eq!(taken(&proxy), ["GetCredentialsForIdentity"]);

    assert_eq!(
        proxy.connections(),
        1,
        "the whole session (Cognito, the identity pool, S3 and STS: one endpoint here) on one connection"
    );
    proxy.reset();

    // A second process: one refresh, and the identity id from the file.
    let second = bed.second_start();
    let restored = second.session().restore().await;
    assert!(
        matches!(
            restored,
            cognito_desk_core::dto::RestoreOutcome::Restored { .. }
        ),
        "{restored:?}"
    );
    second.credentials().get().await.unwrap();
    assert_eq!(
        proxy.requests(),
        ["GetTokensFromRefreshToken", "GetCredentialsForIdentity"],
        "a new process refreshes once and reuses the identity id"
    );
    assert_eq!(proxy.connections(), 1, "one connection for the new process");
}
