//! The README's "In CI" recipe as a new user runs it on a bare runner, on both
//! emulators: a fresh HOME where the window never ran and no profiles.json exists,
//! `profile add` → `sign-in --password-stdin` (SRP, said as such) → `mfa enroll
//! --test-authenticator` → `check` three times within TOTP steps (the second, with
//! --no-wait, refused at once because the step's code was used; the third waits for
//! the next step and says so) → `credential-process` consumed by the real AWS CLI →
//! `sign-out`.

mod common;

use cognito_desk_core::vault::SERVICE_ENV;
use cognito_desk_testbed::emulator::{venv_bin, Emulator, Kind, REGION};
use cognito_desk_testbed::identity::{create_buckets, create_identity_pool, IdentityOptions};
use cognito_desk_testbed::on_both;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::temp_dir;
use common::{binary, cli_home, Run, BUCKETS, USER};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Sleeps into the next 30-second step, half a second after it begins.
async fn next_step() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let into = now.as_millis() % 30_000;
    tokio::time::sleep(Duration::from_millis((30_000 - into + 500) as u64)).await;
}

fn steps(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect()
}

async fn ci_recipe(kind: Kind) {
    let dir = temp_dir(&format!("cli-recipe-{}", kind.name()));
    // nextest runs each test in its own process: the keychain entries are this test's.
    std::env::set_var(SERVICE_ENV, format!("cognito-desk-test-{}", dir.display()));
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator");
    let pool = seed::create_pool(&emu, &PoolOptions::default())
        .await
        .unwrap();
    seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let identity_pool = create_identity_pool(&emu, &pool, &IdentityOptions::default())
        .await
        .unwrap();
    create_buckets(&emu, &BUCKETS).await.unwrap();
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let cli = |args: &'static [&'static str]| cli_home(&home, args, &[], None);

    // A bare runner: no profile yet, and the way to make one is named.
    let none = cli(&["profiles"]).await.ok();
    assert!(none.stdout.is_empty(), "{none:#?}");
    assert!(none.stderr.contains("profile add NAME"), "{none:#?}");
    assert!(!home.join(".config/cognito-desk/profiles.json").exists());

    let endpoint = emu.endpoint();
    // SRP, a new profile's flow, where the emulator speaks it: moto's SECRET_BLOCK is
    // not base64 (it fakes SRP, emulators.md), so there the walkthrough's password flow.
    let (flow, said) = match kind {
        Kind::Ministack => ("srp", "SRP"),
        Kind::Moto => ("password", "password"),
    };
    let add = [
        "profile",
        "add",
        "Staging",
        "--region",
        REGION,
        "--user-pool-id",
        &pool.pool_id,
        "--client-id",
        &pool.client_id,
        "--identity-pool-id",
        &identity_pool,
        "--endpoint",
        &endpoint,
        "--sign-in-flow",
        flow,
    ];
    let added = cli_home(&home, &add, &[], None).await.ok();
    assert!(
        added.stderr.contains("Profile \"Staging\" added"),
        "{added:#?}"
    );
    assert!(home.join(".config/cognito-desk/profiles.json").exists());

    // The CLI says the flow as the window does.
    let password = format!("{DEMO_PASSWORD}\n");
    let sign_in = ["sign-in", "-p", "Staging", "-u", USER, "--password-stdin"];
    let signed = cli_home(&home, &sign_in, &[], Some(&password)).await.ok();
    let line = format!("Signed in as demo@example.com on profile \"Staging\" ({said}).");
    assert!(signed.stderr.contains(&line), "{signed:#?}");
    cli(&["mfa", "enroll", "-p", "Staging", "--test-authenticator"])
        .await
        .ok();
    // What a script reads: one JSON document per command (README: JSON output).
    let json = |run: Run| -> serde_json::Value {
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:#?}"))
    };
    let token = json(cli(&["token", "-p", "Staging", "--json"]).await.ok());
    assert_eq!(token["kind"], "id");
    assert!(
        token["expiresAt"].as_i64().is_some_and(|t| t > 0),
        "{token}"
    );
    let env_vars = json(cli(&["--json", "env", "-p", "Staging"]).await.ok());
    for key in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION",
    ] {
        assert!(
            env_vars[key].as_str().is_some_and(|v| !v.is_empty()),
            "{key}: {env_vars}"
        );
    }
    assert_eq!(env_vars["AWS_REGION"], REGION);
    let code = json(cli(&["mfa", "code", "-p", "Staging", "--json"]).await.ok());
    assert!(
        code["code"].as_str().is_some_and(|c| c.len() == 6),
        "{code}"
    );

    // Three smoke tests in a row. Real Cognito refuses a code used twice in its step:
    // the test authenticator never sends one twice.
    let env = [("COGNITO_DESK_PASSWORD", DEMO_PASSWORD)];
    let check = ["check", "-p", "Staging", "-u", USER];
    next_step().await;
    let first = cli_home(&home, &check, &env, None).await.ok();
    let mut expected = vec!["ok InitiateAuth", "ok RespondToAuthChallenge"];
    if flow == "srp" {
        // PASSWORD_VERIFIER, then SOFTWARE_TOKEN_MFA.
        expected.push("ok RespondToAuthChallenge");
    }
    // No GetId: `env` above kept the identity id (identities.json).
    expected.extend(["ok GetCredentialsForIdentity", "ok ListBuckets", "ok total"]);
    assert_eq!(steps(&first), expected, "{first:#?}");
    assert!(first.stdout.contains("(SOFTWARE_TOKEN_MFA)"), "{first:#?}");
    let no_wait = [&check[..], &["--no-wait"]].concat();
    let refused = cli_home(&home, &no_wait, &env, None).await;
    assert_eq!(refused.code, 8, "{refused:#?}");
    assert_eq!(refused.stderr.trim_end().lines().count(), 1, "{refused:#?}");
    assert!(
        refused.stderr.contains("(TestCodeUsed)") && refused.stderr.contains("Fix: Run again in"),
        "{refused:#?}"
    );
    // The password (or its proof) went, the code did not.
    assert!(
        refused.stdout.starts_with("ok    InitiateAuth"),
        "{refused:#?}"
    );
    assert!(
        !refused.stdout.contains("SOFTWARE_TOKEN_MFA"),
        "{refused:#?}"
    );
    let started = std::time::Instant::now();
    let third = cli_home(&home, &check, &env, None).await.ok();
    assert!(
        third
            .stderr
            .contains("already answered with this 30-second step's code")
            && third.stderr.contains("waiting"),
        "{third:#?}"
    );
    assert!(
        started.elapsed() > Duration::from_secs(20),
        "it waited for the next step"
    );
    assert!(third.stdout.contains("ok    total"), "{third:#?}");

    // `aws s3api list-buckets` signed with the identity pool's credentials.
    let buckets = aws_through_credential_process(&home, &endpoint);
    for bucket in BUCKETS {
        assert!(buckets.iter().any(|b| b == bucket), "{buckets:?}");
    }

    cli(&["sign-out", "-p", "Staging"]).await.ok();
    cli(&["token", "-p", "Staging"]).await.failed(3);
}

/// The real AWS CLI with a profile whose `credential_process` is this CLI, HOME being
/// the runner's fresh one; the buckets it lists.
fn aws_through_credential_process(home: &Path, endpoint: &str) -> Vec<String> {
    let config = home.join(".aws/config");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!(
            "[profile cognito]\nregion = {REGION}\ncredential_process = {} credential-process --profile Staging\n",
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
            endpoint,
        ])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env(SERVICE_ENV, std::env::var(SERVICE_ENV).unwrap())
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
    listed["Buckets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["Name"].as_str().map(str::to_owned))
        .collect()
}

on_both!(ci_recipe);
