//! `setup create` → sign-in → credentials → S3 → `setup destroy`, on moto and on
//! ministack, with a pool and a role made beforehand that the setup must never touch.
//! After the tear-down the test bed's own admin clients look for every resource the
//! record listed (gone) and for the ones made beforehand (still there). On ministack the
//! identity pool is deleted by hand first (said as already gone, skipped); on moto the
//! tear-down stops at a bucket holding an object the setup did not put there and
//! resumes once it is emptied; and a tear-down against a stopped emulator keeps the
//! record until the endpoint answers again.

mod common;

use cognito_desk_core::setup::{Manifest, Resource};
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::seed::{self, PoolOptions};
use cognito_desk_testbed::setups::{exists, made, pre_existing_role};
use common::cli_in;

const PASSWORD: &str = "Setup-Passw0rd!";
const NAME: &str = "desk-e2e";

/// The pool sends SMS through the setup's SMS role (with its external id) and email
/// through the SES identity, as the test bed's own admin client reads it; the role is
/// in the record, to be torn down.
async fn sms_and_email_are_configured(emu: &Emulator, manifest: &Manifest, ses: &str) {
    let pool_id = made(manifest, "userPool");
    let sms_role = manifest
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::Role { name, arn } if name == &format!("{NAME}-sms") => Some(arn.clone()),
            _ => None,
        })
        .expect("the SMS role is in the record");
    let idp = aws_sdk_cognitoidentityprovider::Client::new(&emu.admin_config());
    let pool = idp
        .describe_user_pool()
        .user_pool_id(&pool_id)
        .send()
        .await
        .unwrap();
    let pool = pool.user_pool().unwrap();
    let sms = pool.sms_configuration().expect("an SMS configuration");
    assert_eq!(sms.sns_caller_arn(), sms_role);
    assert_eq!(sms.external_id(), Some(format!("{NAME}-sms").as_str()));
    let email = pool.email_configuration().expect("an email configuration");
    assert_eq!(email.source_arn(), Some(ses));
    assert_eq!(email.from(), Some("no-reply@example.com"));
}

/// `setup create NAME` at the emulator's `endpoint`, with its test credentials and the
/// password on stdin.
fn create_args(endpoint: &str) -> Vec<&str> {
    vec![
        "setup",
        "create",
        NAME,
        "--region",
        "us-east-1",
        "--endpoint",
        endpoint,
        "--admin-credentials",
        "emulator-test",
        "--password-stdin",
    ]
}

async fn round_trip(kind: Kind) {
    let dir = cognito_desk_testbed::temp_dir(&format!("cli-setup-{}", kind.name()));
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator");
    let before = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .unwrap();
    let role_before = pre_existing_role(&emu).await;
    let config = dir.join("config");
    let endpoint = emu.endpoint();

    let mut create = create_args(&endpoint);
    if kind == Kind::Moto {
        // moto fakes SRP (its secret block is not base64): the password flow there.
        create.extend(["--sign-in-flow", "password"]);
    }
    // SMS and email as MFA methods: the SMS role and the pool's configurations.
    let ses = "arn:aws:ses:us-east-1:000000000000:identity/example.com";
    create.extend(["--sms-mfa", "--email-mfa", ses]);
    let created = cli_in(&config, &create, &[], Some(PASSWORD)).await.ok();
    assert!(created.stdout.contains("is ready"), "{created:#?}");
    for step in [
        "user pool",
        "app client",
        "identity pool",
        "IAM role",
        "test authenticator enrolled",
    ] {
        assert!(created.stderr.contains(step), "{step}: {created:#?}");
    }
    let record = std::fs::read(config.join("setups").join(format!("{NAME}.json"))).unwrap();
    let manifest: Manifest = serde_json::from_slice(&record).unwrap();
    assert!(manifest.complete, "{manifest:#?}");
    let record_text = String::from_utf8_lossy(&record);
    assert!(!record_text.contains(PASSWORD), "no secret in the record");
    sms_and_email_are_configured(&emu, &manifest, ses).await;

    // The plain user: password sign-in, credentials from the identity pool, S3.
    let plain = format!("plain-user@{NAME}.example.com");
    let check = ["check", "-p", NAME, "-u", &plain, "--password-stdin"];
    let checked = cli_in(&config, &check, &[], Some(PASSWORD)).await.ok();
    for step in ["GetCredentialsForIdentity", "ListBuckets"] {
        assert!(checked.stdout.contains(step), "{step}: {checked:#?}");
    }
    if kind == Kind::Ministack {
        // The enrolled user: the test authenticator answers SOFTWARE_TOKEN_MFA (it
        // waits for the step after the enrollment's, when needed).
        let mfa = format!("mfa-user@{NAME}.example.com");
        let check = ["check", "-p", NAME, "-u", &mfa, "--password-stdin"];
        let checked = cli_in(&config, &check, &[], Some(PASSWORD)).await.ok();
        assert!(
            checked.stdout.contains("(SOFTWARE_TOKEN_MFA)"),
            "{checked:#?}"
        );
    }

    let identity_pool = made(&manifest, "identityPool");
    let bucket = made(&manifest, "bucket");
    let destroy = ["setup", "destroy", NAME];
    let gone_by_hand = match kind {
        Kind::Ministack => {
            aws_sdk_cognitoidentity::Client::new(&emu.admin_config())
                .delete_identity_pool()
                .identity_pool_id(&identity_pool)
                .send()
                .await
                .unwrap();
            1
        }
        Kind::Moto => {
            put_object(&emu, &bucket, Some("left by a tester")).await;
            let stopped = cli_in(&config, &destroy, &[], None).await;
            assert_eq!(stopped.code, 1, "{stopped:#?}");
            assert!(
                stopped.stderr.contains(&bucket) && stopped.stderr.contains("empty it"),
                "{stopped:#?}"
            );
            let left: Manifest = serde_json::from_slice(
                &std::fs::read(config.join("setups").join(format!("{NAME}.json"))).unwrap(),
            )
            .unwrap();
            assert!(
                left.resources.contains(&Resource::Bucket {
                    name: bucket.clone()
                }) && !left
                    .resources
                    .iter()
                    .any(|r| matches!(r, Resource::IdentityPool { .. })),
                "the record keeps what is left, and only that: {left:#?}"
            );
            put_object(&emu, &bucket, None).await;
            0
        }
    };
    let destroyed = cli_in(&config, &destroy, &[], None).await.ok();
    assert!(
        destroyed
            .stdout
            .contains(&format!(" deleted, {gone_by_hand} already gone")),
        "{destroyed:#?}"
    );
    if gone_by_hand > 0 {
        assert!(
            destroyed.stderr.contains(&format!("gone  {identity_pool}")),
            "{destroyed:#?}"
        );
    }
    for resource in &manifest.resources {
        if matches!(resource, Resource::Profile { .. }) {
            continue;
        }
        assert!(!exists(&emu, resource).await, "{resource:?} remains");
    }
    let untouched = [
        Resource::UserPool {
            id: before.pool_id.clone(),
            arn: None,
        },
        Resource::Role {
            name: role_before,
            arn: String::new(),
        },
    ];
    for resource in &untouched {
        assert!(exists(&emu, resource).await, "{resource:?} was deleted");
    }
    assert!(!config.join("setups").join(format!("{NAME}.json")).exists());
    let profiles = cli_in(&config, &["profiles"], &[], None).await.ok();
    assert!(!profiles.stdout.contains(NAME), "{profiles:#?}");
    let listed = cli_in(&config, &["setup", "list"], &[], None).await.ok();
    assert!(listed.stdout.is_empty(), "{listed:#?}");
}

/// Puts an object in `bucket` (None: deletes it again).
async fn put_object(emu: &Emulator, bucket: &str, body: Option<&str>) {
    let conf = aws_sdk_s3::config::Builder::from(&emu.admin_config())
        .force_path_style(true)
        .build();
    let s3 = aws_sdk_s3::Client::from_conf(conf);
    match body {
        Some(text) => {
            s3.put_object()
                .bucket(bucket)
                .key("left")
                .body(text.as_bytes().to_vec().into())
                .send()
                .await
                .expect("PutObject");
        }
        None => {
            s3.delete_object()
                .bucket(bucket)
                .key("left")
                .send()
                .await
                .expect("DeleteObject");
        }
    }
}

/// The emulator stops between the creation and the tear-down: the tear-down says the
/// endpoint cannot be reached and keeps the record; once an emulator answers on that
/// endpoint again (a new moto, which remembers nothing) it finishes: the profile on this
/// computer deleted, every AWS entry said as already gone.
#[tokio::test]
async fn moto_a_tear_down_against_a_stopped_emulator_resumes_later() {
    let dir = cognito_desk_testbed::temp_dir("cli-setup-resume");
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    let mut emu = Emulator::start(Kind::Moto, &dir.join("emulator")).expect("moto");
    let config = dir.join("config");
    let endpoint = emu.endpoint();
    let mut create = create_args(&endpoint);
    create.extend(["--sign-in-flow", "password"]);
    cli_in(&config, &create, &[], Some(PASSWORD)).await.ok();
    let record = config.join("setups").join(format!("{NAME}.json"));
    let made: Manifest = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    let port: u16 = endpoint.rsplit(':').next().unwrap().parse().unwrap();
    emu.stop();

    let destroy = ["setup", "destroy", NAME];
    // Progress lines on stderr, then the error naming the way on.
    let unreachable = cli_in(&config, &destroy, &[], None).await;
    assert_eq!(unreachable.code, 7, "{unreachable:#?}");
    assert!(
        unreachable.stderr.contains("(NetworkUnreachable)")
            && unreachable.stderr.contains("setup destroy desk-e2e` again"),
        "{unreachable:#?}"
    );
    let kept: Manifest = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    // Nothing was deleted: the account check found no endpoint first.
    assert_eq!(kept.resources, made.resources);

    let _again = Emulator::start_on(Kind::Moto, &dir.join("emulator-again"), port).expect("moto");
    let finished = cli_in(&config, &destroy, &[], None).await.ok();
    assert!(
        finished.stdout.contains(&format!(
            "1 deleted, {} already gone",
            kept.resources.len() - 1
        )),
        "{finished:#?}"
    );
    assert!(!record.exists());
}

#[tokio::test]
async fn moto_setup_create_sign_in_credentials_and_destroy() {
    round_trip(Kind::Moto).await;
}

#[tokio::test]
async fn ministack_setup_create_sign_in_credentials_and_destroy() {
    round_trip(Kind::Ministack).await;
}
