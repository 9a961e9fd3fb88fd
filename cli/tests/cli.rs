//! The CLI as scripts and CI use it, on both emulators: an MFA test account signed in
//! unattended by the test authenticator, the token refreshed through the keychain,
//! `env`, `credential-process` consumed by the real AWS CLI, `whoami`, sign-out; the
//! `check` smoke test green and red; and every bad input a one-line error with a
//! documented exit code and nothing on stdout.

mod common;

use cognito_desk_testbed::emulator::{venv_bin, Kind};
use cognito_desk_testbed::on_both;
use cognito_desk_testbed::proxy::CountingProxy;
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use common::*;

fn claims(jwt: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = jwt.trim().split('.').nth(1).unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap_or_default();
    serde_json::from_slice(&bytes).unwrap_or_default()
}

async fn unattended_mfa_sign_in_then_tokens_and_credentials(kind: Kind) {
    let bed = bed_with_identity_pool(kind, "cli-unattended").await;
    make_test_account(&bed).await;

    // No code given, no terminal: the test authenticator answers SOFTWARE_TOKEN_MFA.
    let password = [("COGNITO_DESK_PASSWORD", DEMO_PASSWORD)];
    let run = cli(
        &bed,
        &["sign-in", "-p", "Test", "-u", USER],
        &password,
        None,
    )
    .await
    .ok();
    assert!(run.stdout.is_empty(), "sign-in prints no secret: {run:#?}");
    assert!(
        run.stderr.contains("Signed in as demo@example.com"),
        "{run:#?}"
    );
    assert!(
        window_restores(&bed).await,
        "the window restores the CLI's session"
    );

    // The token: a fresh ID token of this user from the keychain's refresh token.
    let id = cli(&bed, &["token", "-p", "Test"], &[], None)
        .await
        .ok()
        .stdout;
    assert_eq!(claims(&id)["email"], USER);
    assert_eq!(claims(&id)["token_use"], "id");
    let access = cli(
        &bed,
        &["token", "-p", "Test", "--kind", "access"],
        &[],
        None,
    )
    .await
    .ok()
    .stdout;
    assert_eq!(claims(&access)["token_use"], "access");

    let env = cli(&bed, &["env", "-p", "Test"], &[], None)
        .await
        .ok()
        .stdout;
    for name in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_REGION",
    ] {
        assert!(env.contains(&format!("export {name}=")), "{env}");
    }
    let process = cli(&bed, &["credential-process", "-p", "Test"], &[], None)
        .await
        .ok()
        .stdout;
    let json: serde_json::Value = serde_json::from_str(&process).expect("JSON");
    assert_eq!(json["Version"], 1);
    for key in [
        "AccessKeyId",
        "SecretAccessKey",
        "SessionToken",
        "Expiration",
    ] {
        assert!(
            json[key].as_str().is_some_and(|v| !v.is_empty()),
            "{key}: {json}"
        );
    }

    let whoami = cli(&bed, &["whoami", "-p", "Test", "--json"], &[], None)
        .await
        .ok()
        .stdout;
    let caller: serde_json::Value = serde_json::from_str(&whoami).expect("JSON");
    // moto answers for its own fixed user; ministack for the identity pool's role.
    let role = if kind == Kind::Ministack {
        "assumed-role"
    } else {
        "arn:aws:"
    };
    assert!(
        caller["Arn"].as_str().is_some_and(|a| a.contains(role)),
        "{caller}"
    );

    // The test authenticator's code, and sign-out: then nothing is left to print.
    let code = cli(&bed, &["mfa", "code", "-p", "Test", "-u", USER], &[], None)
        .await
        .ok()
        .stdout;
    assert!(code.trim().len() == 6 && code.trim().chars().all(|c| c.is_ascii_digit()));
    cli(&bed, &["sign-out", "-p", "Test"], &[], None).await.ok();
    cli(&bed, &["token", "-p", "Test"], &[], None)
        .await
        .failed(3);
    assert!(!window_restores(&bed).await);
}

on_both!(unattended_mfa_sign_in_then_tokens_and_credentials);

/// `aws s3api list-buckets --profile cognito` with `credential_process` pointing at the
/// CLI: the real AWS CLI signs with the identity pool's credentials (ministack checks
/// the signature and the role's policy).
#[tokio::test]
async fn ministack_the_real_aws_cli_lists_buckets_through_credential_process() {
    let bed = bed_with_identity_pool(Kind::Ministack, "cli-awscli").await;
    let password = format!("{DEMO_PASSWORD}\n");
    cli(
        &bed,
        &["sign-in", "-p", "Test", "-u", USER, "--password-stdin"],
        &[],
        Some(&password),
    )
    .await
    .ok();
    let home = bed.dir.join("aws-home");
    std::fs::create_dir_all(&home).unwrap();
    let config = home.join("config");
    std::fs::write(
        &config,
        format!(
            "[profile cognito]\nregion = us-east-1\ncredential_process = {} credential-process --profile Test\n",
            binary()
        ),
    )
    .unwrap();
    let out = std::process::Command::new(venv_bin("aws"))
        .args([
            "s3api",
            "list-buckets",
            "--profile",
            "cognito",
            "--endpoint-url",
        ])
        .arg(bed.emu.endpoint())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("none"))
        .env("COGNITO_DESK_CONFIG_DIR", bed.dir.join("config"))
        .env(
            cognito_desk_core::vault::SERVICE_ENV,
            std::env::var(cognito_desk_core::vault::SERVICE_ENV).unwrap(),
        )
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default(),
        )
        .output()
        .expect("aws runs");
    assert!(
        out.status.success(),
        "aws failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let names: Vec<&str> = listed["Buckets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["Name"].as_str())
        .collect();
    for bucket in BUCKETS {
        assert!(names.contains(&bucket), "{names:?}");
    }
}

/// `check` passes on a healthy pool (each step listed with its duration) without keeping
/// a session, and fails with the unreachable exit when the emulator goes away after the
/// sign-in.
#[tokio::test]
async fn moto_check_passes_then_fails_when_the_emulator_stops_mid_run() {
    let mut bed = bed_with_identity_pool(Kind::Moto, "cli-check").await;
    make_test_account(&bed).await;
    let password = [("COGNITO_DESK_PASSWORD", DEMO_PASSWORD)];
    let args = ["check", "-p", "Test", "-u", USER];
    let run = cli(&bed, &args, &password, None).await.ok();
    let steps: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .map(|s| Box::leak(s.into_boxed_str()) as &str)
        .collect();
    assert_eq!(
        steps,
        [
            "ok InitiateAuth",
            "ok RespondToAuthChallenge",
            "ok GetId",
            "ok GetCredentialsForIdentity",
            "ok ListBuckets",
            "ok total"
        ],
        "{run:#?}"
    );
    assert!(run.stdout.lines().all(|l| l.contains(" ms")), "{run:#?}");
    // A smoke test keeps no session: the profile is still signed out afterwards.
    let token = cli(&bed, &["token", "-p", "Test"], &[], None).await;
    assert_eq!(token.code, 3, "{token:#?}");

    // The same through a proxy that lets the sign-in through and then is gone.
    let proxy = CountingProxy::start(&bed.emu.endpoint()).await.unwrap();
    bed.use_endpoint(&proxy.endpoint());
    proxy.cut_after(2);
    let run = cli(&bed, &args, &password, None).await;
    assert_eq!(run.code, 7, "{run:#?}");
    // The identity id is known from the first run: no GetId this time.
    assert!(!run.stdout.contains("GetId"), "{run:#?}");
    let first_failure = run.stdout.lines().find(|l| l.starts_with("FAIL"));
    assert!(
        first_failure.is_some_and(
            |l| l.contains("GetCredentialsForIdentity") && l.contains("NetworkUnreachable")
        ),
        "{run:#?}"
    );
    assert!(!run.stdout.contains("ListBuckets") && !run.stdout.contains("total"));
    assert!(run.stderr.contains("Fix: "), "{run:#?}");
}

/// Every bad input: a one-line error naming the fix, the documented exit code, and
/// nothing on stdout.
#[tokio::test]
async fn moto_bad_input_is_one_line_with_the_fix_a_documented_exit_and_no_stdout() {
    let bed = bed_with_identity_pool(Kind::Moto, "cli-bad").await;
    let password = format!("{DEMO_PASSWORD}\n");
    let sign_in = ["sign-in", "-p", "Test", "-u", USER, "--password-stdin"];

    // The profiles, as data: no secret in them.
    let list = cli(&bed, &["profiles", "--json"], &[], None)
        .await
        .ok()
        .stdout;
    let list: serde_json::Value = serde_json::from_str(&list).expect("JSON");
    assert_eq!(list[0]["name"], "Test", "{list}");
    let shown = cli(&bed, &["profile", "Test"], &[], None).await.ok().stdout;
    assert!(
        shown.contains(&format!("clientId: {}", bed.pool.client_id)),
        "{shown}"
    );
    cli(&bed, &["profile", "Nope"], &[], None).await.failed(5);

    let run = cli(&bed, &["token", "-p", "Nope"], &[], None)
        .await
        .failed(5);
    assert!(
        run.stderr.contains("There is no profile \"Nope\""),
        "{run:#?}"
    );
    cli(&bed, &["token", "-p", "Test"], &[], None)
        .await
        .failed(3);
    // stdin closed before the password came.
    cli(&bed, &sign_in, &[], None).await.failed(2);
    // No terminal, no password anywhere.
    cli(&bed, &["sign-in", "-p", "Test", "-u", USER], &[], None)
        .await
        .failed(2);
    // A wrong password.
    cli(&bed, &sign_in, &[], Some("wrong-Passw0rd!\n"))
        .await
        .failed(4);

    // A profile without an identity pool: said before any request.
    let mut other = bed.profile.to_input();
    other.id = None;
    other.settings.name = "NoIdentity".into();
    other.settings.identity_pool_id = None;
    bed.desk.profiles().save(other).unwrap();
    cli(&bed, &["env", "-p", "NoIdentity"], &[], None)
        .await
        .failed(5);
    cli(&bed, &["credential-process", "-p", "NoIdentity"], &[], None)
        .await
        .failed(5);

    // A wrong --code for a test account.
    make_test_account(&bed).await;
    let now = cli(&bed, &["mfa", "code", "-p", "Test", "-u", USER], &[], None)
        .await
        .ok()
        .stdout;
    let now: u32 = now.trim().parse().unwrap();
    let wrong = format!("{:06}", (now + 500_000) % 1_000_000);
    let mut with_code: Vec<&str> = sign_in.to_vec();
    with_code.extend(["--code", &wrong]);
    cli(&bed, &with_code, &[], Some(&password)).await.failed(4);

    // The keychain cannot be reached.
    cli(&bed, &sign_in, &[], Some(&password)).await.ok();
    let no_bus = [("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")];
    let run = cli(&bed, &["token", "-p", "Test"], &no_bus, None)
        .await
        .failed(6);
    assert!(
        !run.stderr.contains("/nonexistent"),
        "a plain sentence: {run:#?}"
    );

    // A refresh token revoked by an admin (AdminUserGlobalSignOut).
    bed.emu
        .admin_client()
        .await
        .admin_user_global_sign_out()
        .user_pool_id(&bed.pool.pool_id)
        .username(USER)
        .send()
        .await
        .unwrap();
    cli(&bed, &["token", "-p", "Test"], &[], None)
        .await
        .failed(3);
    cli(
        &bed,
        &["mfa", "code", "-p", "Test", "-u", "nobody"],
        &[],
        None,
    )
    .await
    .failed(5);
}

/// A new user in a pool that requires MFA, unattended from the first sign-in: the new
/// password from the environment, MFA_SETUP answered by the test authenticator (only
/// moto issues MFA_SETUP, emulators.md), and the next sign-in's code made by it too.
#[tokio::test]
async fn moto_first_sign_in_sets_the_password_and_the_test_authenticator_up() {
    use cognito_desk_testbed::bed::Bed;
    use cognito_desk_testbed::seed::{self, PoolOptions};
    let opts = PoolOptions {
        mfa_required: true,
        ..Default::default()
    };
    let bed = Bed::new(Kind::Moto, "cli-mfa-setup", opts).await;
    seed::create_user_with_temporary_password(&bed.emu, &bed.pool, USER, "Temp-Passw0rd1")
        .await
        .unwrap();
    let args = ["sign-in", "-p", "Test", "-u", USER, "--test-authenticator"];
    let first = [
        ("COGNITO_DESK_PASSWORD", "Temp-Passw0rd1"),
        ("COGNITO_DESK_NEW_PASSWORD", DEMO_PASSWORD),
    ];
    let run = cli(&bed, &args, &first, None).await.ok();
    assert!(run.stderr.contains("Signed in as"), "{run:#?}");
    cli(&bed, &["sign-out", "-p", "Test"], &[], None).await.ok();
    let again = [("COGNITO_DESK_PASSWORD", DEMO_PASSWORD)];
    cli(&bed, &args, &again, None).await.ok();
    assert!(window_restores(&bed).await);
    // Without the test authenticator's secret, unattended is impossible: exit 5.
    let forget = ["mfa", "forget", "-p", "Test", "-u", USER];
    cli(&bed, &forget, &[], None).await.ok();
    cli(&bed, &args, &again, None).await.failed(5);
    // Nothing left to forget is said, not reported as done.
    cli(&bed, &forget, &[], None).await.failed(5);
}
