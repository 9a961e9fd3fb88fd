//! Where admin credentials come from, on ministack (it refuses admin calls signed with
//! an access key other than `test`; it does not check the secret): a named profile of an AWS shared config with
//! static keys, one with `credential_process`, the environment — each resolved by
//! aws-config's provider chain — and the failures a person can make: an unknown profile
//! name, a wrong secret. The files are this test's own (AWS_CONFIG_FILE,
//! AWS_SHARED_CREDENTIALS_FILE); nextest runs the test in a process of its own.

use cognito_desk_core::error::Code;
use cognito_desk_core::profile::AdminCredentials;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::seed::PoolOptions;

fn use_source(bed: &mut Bed, source: AdminCredentials, name: Option<&str>) {
    bed.edit_profile(|s| {
        s.admin.admin_credentials = source;
        s.admin.admin_profile = name.map(str::to_owned);
    });
}

#[tokio::test]
async fn ministack_admin_credentials_from_named_profiles_and_the_environment() {
    let mut bed = Bed::new(Kind::Ministack, "admin-sources", PoolOptions::default()).await;
    let aws = bed.dir.join("aws");
    std::fs::create_dir_all(&aws).unwrap();
    let process = aws.join("creds.sh");
    std::fs::write(
        &process,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"test\", \"SecretAccessKey\": \"test\"}'\n",
    )
    .unwrap();
    std::fs::write(
        aws.join("config"),
        format!(
            "[profile desk-static]\nregion = eu-west-1\n\n[profile desk-process]\ncredential_process = sh {}\n\n[profile desk-wrong]\n",
            process.display()
        ),
    )
    .unwrap();
    std::fs::write(
        aws.join("credentials"),
        "[desk-static]\naws_access_key_id = test\naws_secret_access_key = test\n\n\
         [desk-wrong]\naws_access_key_id = AKIAWRONGKEY\naws_secret_access_key = not-the-secret\n",
    )
    .unwrap();
    for name in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("AWS_CONFIG_FILE", aws.join("config"));
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", aws.join("credentials"));
    // No instance metadata probing on a machine without it.
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");

    // Static keys; the profile's region (eu-west-1) does not move the pool's.
    use_source(
        &mut bed,
        AdminCredentials::SharedProfile,
        Some("desk-static"),
    );
    let pool = bed
        .desk
        .admin()
        .pool(&bed.profile.id)
        .await
        .expect("desk-static");
    assert_eq!(pool.id, bed.pool.pool_id);

    use_source(
        &mut bed,
        AdminCredentials::SharedProfile,
        Some("desk-process"),
    );
    bed.desk
        .admin()
        .pool(&bed.profile.id)
        .await
        .expect("desk-process");

    use_source(
        &mut bed,
        AdminCredentials::SharedProfile,
        Some("desk-wrong"),
    );
    let wrong = bed.desk.admin().pool(&bed.profile.id).await.unwrap_err();
    assert_eq!(wrong.code, Code::AdminAccessRefused, "{wrong:?}");
    assert!(wrong.message.contains("desk-wrong"), "{}", wrong.message);
    assert!(!wrong.message.contains("not-the-secret"));

    use_source(
        &mut bed,
        AdminCredentials::SharedProfile,
        Some("no-such-profile"),
    );
    let unknown = bed.desk.admin().pool(&bed.profile.id).await.unwrap_err();
    assert_eq!(
        unknown.code,
        Code::AdminCredentialsUnavailable,
        "{unknown:?}"
    );
    assert!(unknown.hint.contains("no-such-profile"), "{}", unknown.hint);

    use_source(&mut bed, AdminCredentials::Environment, None);
    let nothing = bed.desk.admin().pool(&bed.profile.id).await.unwrap_err();
    assert_eq!(
        nothing.code,
        Code::AdminCredentialsUnavailable,
        "{nothing:?}"
    );
    std::env::set_var("AWS_PROFILE", "desk-static");
    // A failed resolution is not kept: the next action resolves again.
    bed.desk
        .admin()
        .pool(&bed.profile.id)
        .await
        .expect("AWS_PROFILE from the environment");
}
