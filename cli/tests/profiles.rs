//! The profile commands as a script meets them: every bad input is one line naming the
//! option (or the file's key) and the fix, with a documented exit code, and the
//! profiles file unchanged byte for byte; a secret is refused as an argument and goes
//! from stdin straight to the keychain; an export carries no secret and imports on
//! another computer; a removal takes the profile's keychain entries and says which.

mod common;

use cognito_desk_core::ids::{ProfileId, Username};
use cognito_desk_core::vault::{OsKeychain, Vault, SERVICE_ENV};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{repo_root, temp_dir};
use common::{cli_in, USER};
use std::path::{Path, PathBuf};

const GOOD: [&str; 8] = [
    "--region",
    "us-east-1",
    "--user-pool-id",
    "us-east-1_Abc123",
    "--client-id",
    "abc123",
    "--endpoint",
    "http://127.0.0.1:9",
];

fn fixture(path: &str) -> String {
    repo_root()
        .join("src-tauri/core/fixtures")
        .join(path)
        .display()
        .to_string()
}

fn own_keychain(dir: &Path) {
    std::env::set_var(SERVICE_ENV, format!("cognito-desk-test-{}", dir.display()));
}

/// `profile add NAME` with `extra`, and the good settings for the options it leaves out.
fn add_args<'a>(name: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["profile", "add", name];
    for pair in GOOD.chunks(2) {
        if !extra.contains(&pair[0]) {
            args.extend(pair);
        }
    }
    args.extend(extra);
    args
}

#[tokio::test]
async fn every_bad_input_is_one_line_with_its_exit_and_leaves_the_file_as_it_was() {
    let dir = temp_dir("cli-profile-bad");
    own_keychain(&dir);
    let config = dir.join("config");
    cli_in(&config, &add_args("Good", &[]), &[], None)
        .await
        .ok();
    let file = config.join("profiles.json");
    let before = std::fs::read(&file).unwrap();

    // Each field's bad value, named by its option with the form's own words.
    let long_name = "x".repeat(65);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["profile", "add", "Empty"],
            "--region: Enter the AWS region",
        ),
        (
            vec!["profile", "add", "Empty"],
            "--user-pool-id: Enter the user pool id",
        ),
        (
            vec!["profile", "add", "Empty"],
            "--client-id: Enter the app client id",
        ),
        (
            add_args(&long_name, &[]),
            "NAME: Keep the name under 64 characters",
        ),
        (
            add_args("good", &[]),
            "NAME: Another profile already has this name",
        ),
        (
            add_args("X", &["--region", "tokyo"]),
            "--region: This is not a region name",
        ),
        (
            add_args("X", &["--user-pool-id", "Abc123"]),
            "--user-pool-id: A user pool id is <region>_<id>",
        ),
        (
            add_args("X", &["--user-pool-id", "eu-west-1_Abc"]),
            "--user-pool-id: This pool lives in eu-west-1",
        ),
        (
            add_args("X", &["--client-id", "has spaces"]),
            "--client-id: An app client id has only letters",
        ),
        (
            add_args("X", &["--identity-pool-id", "nope"]),
            "--identity-pool-id: An identity pool id is",
        ),
        (
            add_args(
                "X",
                &[
                    "--identity-pool-id",
                    "eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789",
                ],
            ),
            "--identity-pool-id: This identity pool lives in eu-west-1",
        ),
        (
            add_args(
                "X",
                &["--sign-in-flow", "user-auth", "--first-factor", "PASSKEY"],
            ),
            "--first-factor: Choose one of",
        ),
        (
            add_args(
                "X",
                &[
                    "--domain",
                    "http://example.com",
                    "--redirect-uri",
                    "http://127.0.0.1:53682/cb",
                ],
            ),
            "--domain: Managed login needs https://",
        ),
        (
            add_args(
                "X",
                &[
                    "--domain",
                    "https://d.example.com/login",
                    "--redirect-uri",
                    "http://127.0.0.1:53682/cb",
                ],
            ),
            "--domain: Enter the domain only",
        ),
        (
            add_args(
                "X",
                &[
                    "--domain",
                    "https://d.example.com",
                    "--redirect-uri",
                    "http://0.0.0.0:53682/cb",
                ],
            ),
            "--redirect-uri: Use a loopback address",
        ),
        (
            add_args(
                "X",
                &[
                    "--domain",
                    "https://d.example.com",
                    "--redirect-uri",
                    "http://127.0.0.1:53682/cb?x=1",
                ],
            ),
            "--redirect-uri: The redirect URI cannot carry a query",
        ),
        (
            add_args("X", &["--domain", "https://d.example.com"]),
            "--redirect-uri: Managed login needs a redirect URI too",
        ),
        (
            add_args("X", &["--redirect-uri", "http://127.0.0.1:53682/cb"]),
            "--domain: Managed login needs the pool's domain too",
        ),
        (
            add_args("X", &["--scopes", "email profile"]),
            "--scopes: Include openid",
        ),
        (
            add_args("X", &["--scopes", "openid \"email\""]),
            "--scopes: Separate scopes with spaces",
        ),
        (
            add_args("X", &["--endpoint", "not a url"]),
            "--endpoint: Enter a full URL",
        ),
        (
            add_args("X", &["--endpoint", "http://10.0.0.5:4566"]),
            "--endpoint: Use https:// for an endpoint on another computer",
        ),
        (
            add_args("X", &["--totp-issuer", "Acme:Dev"]),
            "--totp-issuer: Authenticator apps cannot read a colon",
        ),
        (
            add_args("X", &["--admin-credentials", "shared-profile"]),
            "--admin-profile: Enter the name of a profile",
        ),
        (
            add_args(
                "X",
                &[
                    "--admin-credentials",
                    "shared-profile",
                    "--admin-profile",
                    "a b",
                ],
            ),
            "--admin-profile: A profile name has letters",
        ),
        (
            add_args(
                "X",
                &["--endpoint", "", "--admin-credentials", "emulator-test"],
            ),
            "--admin-credentials: The emulator's test credentials work only",
        ),
        (
            vec!["profile", "set", "Good", "--region", "tokyo"],
            "--region: This is not a region name",
        ),
        (
            vec!["profile", "set", "Good", "--rename", ""],
            "--rename: Give the profile a name",
        ),
        (
            vec!["profile", "remove", "Nope"],
            "There is no profile \"Nope\"",
        ),
        (
            vec!["profile", "set", "Nope", "--region", "us-east-1"],
            "There is no profile \"Nope\"",
        ),
        (
            vec!["profile", "export", "Nope"],
            "There is no profile \"Nope\"",
        ),
    ];
    for (args, said) in &cases {
        let run = cli_in(&config, args, &[], None).await.failed(5);
        assert!(run.stderr.contains(said), "{args:?}: {run:#?}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    // All of them at once: one line naming each.
    let all = add_args(
        "X",
        &[
            "--region",
            "tokyo",
            "--client-id",
            "a b",
            "--totp-issuer",
            "a:b",
        ],
    );
    let run = cli_in(&config, &all, &[], None).await.failed(5);
    assert!(
        run.stderr.contains("The profile has 3 problems: --region:"),
        "{run:#?}"
    );

    // Usage: options clap refuses, and secrets as arguments (never echoed).
    let usage: Vec<(Vec<&str>, &str)> = vec![
        (
            add_args("X", &["--client-secret", "s3cr3t-value"]),
            "A client secret is not taken as an argument",
        ),
        (
            vec!["sign-in", "-p", "Good", "--password", "s3cr3t-value"],
            "A password is not taken as an argument",
        ),
        (
            vec!["sign-in", "-p", "Good", "--password=s3cr3t-value"],
            "A password is not taken as an argument",
        ),
        (
            add_args("X", &["--sign-in-flow", "sso"]),
            "(one of: srp, password, user-auth, custom)",
        ),
        (
            add_args("X", &["--regoin", "us-east-1"]),
            "did you mean --region?",
        ),
        (
            vec!["profile", "import", "/nonexistent/profile.json"],
            "Could not read /nonexistent/profile.json",
        ),
        (
            vec![
                "profile",
                "add",
                "X",
                "--from-amplify",
                "/nonexistent/amplify_outputs.json",
            ],
            "Could not read",
        ),
        // A secret promised on stdin that never came: nothing is saved.
        (
            add_args("X", &["--client-secret-stdin"]),
            "stdin was closed before the client secret arrived",
        ),
    ];
    for (args, said) in &usage {
        let run = cli_in(&config, args, &[], None).await.failed(2);
        assert!(run.stderr.contains(said), "{args:?}: {run:#?}");
        assert!(
            !run.stderr.contains("s3cr3t-value"),
            "the secret is echoed: {run:#?}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }

    // Files that are not profile exports: where, what, every problem at once.
    let files: Vec<(Vec<String>, &str)> = vec![
        (
            vec![fixture("profile-export/not-json.json")],
            "This is not JSON (line 5, column 3)",
        ),
        (
            vec![fixture("profile-export/every-problem.json")],
            "The profile file has 9 problems",
        ),
        (
            vec![fixture("profile-export/every-problem.json")],
            "did you mean \"userPoolId\"?",
        ),
        (
            vec![fixture("profile-export/every-problem.json")],
            "\"region\": This is not a region name",
        ),
        (
            vec![fixture("amplify/complete.json")],
            "import it with --from-amplify",
        ),
        (
            vec![
                fixture("profile-export/minimal.json"),
                "--name".into(),
                "good".into(),
            ],
            "\"name\": Another profile already has this name",
        ),
    ];
    for (file_args, said) in &files {
        let mut args = vec!["profile", "import"];
        args.extend(file_args.iter().map(String::as_str));
        let run = cli_in(&config, &args, &[], None).await.failed(5);
        assert!(run.stderr.contains(said), "{args:?}: {run:#?}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
    let amplify_bad = fixture("amplify/malformed.json");
    let run = cli_in(
        &config,
        &add_args("X", &["--from-amplify", &amplify_bad]),
        &[],
        None,
    )
    .await
    .failed(5);
    assert!(run.stderr.contains("line 6, column 5"), "{run:#?}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

async fn show(config: &Path, name: &str) -> serde_json::Value {
    let run = cli_in(config, &["profile", "show", name, "--json"], &[], None)
        .await
        .ok();
    serde_json::from_str(&run.stdout).expect("JSON")
}

#[tokio::test]
async fn an_export_carries_no_secret_and_imports_on_another_computer() {
    let dir = temp_dir("cli-profile-exchange");
    own_keychain(&dir);
    let (here, there): (PathBuf, PathBuf) = (dir.join("here"), dir.join("there"));
    let args = add_args(
        "Shared",
        &[
            "--client-secret-stdin",
            "--identity-pool-id",
            "us-east-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        ],
    );
    let added = cli_in(&here, &args, &[], Some("first-s3cr3t\n")).await.ok();
    assert!(
        added
            .stderr
            .contains("The client secret is in the OS keychain"),
        "{added:#?}"
    );
    assert_eq!(show(&here, "Shared").await["clientSecretStored"], true);
    // The secret went to the keychain, never the file.
    let on_disk = std::fs::read_to_string(here.join("profiles.json")).unwrap();
    assert!(!on_disk.contains("first-s3cr3t"));

    let export = cli_in(&here, &["profile", "export", "Shared"], &[], None)
        .await
        .ok()
        .stdout;
    let value: serde_json::Value = serde_json::from_str(&export).expect("JSON");
    assert_eq!(
        value["$schema"],
        "https://cognitodesk.dev/schema/profile-export-v1.json"
    );
    assert_eq!(value["hasClientSecret"], true);
    assert!(
        !export.contains("first-s3cr3t") && value.get("id").is_none(),
        "{export}"
    );
    let file = dir.join("shared.json");
    std::fs::write(&file, &export).unwrap();
    let path = file.display().to_string();

    // Another computer: the file, and the secret handed over on its own.
    let imported = cli_in(
        &there,
        &[
            "profile",
            "import",
            &path,
            "--client-secret-stdin",
            "--json",
        ],
        &[],
        Some("first-s3cr3t\n"),
    )
    .await
    .ok();
    let view: serde_json::Value = serde_json::from_str(&imported.stdout).expect("JSON");
    assert_eq!(view["name"], "Shared");
    assert_eq!(view["clientSecretStored"], true);
    let mut a = show(&here, "Shared").await;
    let mut b = show(&there, "Shared").await;
    for v in [&mut a, &mut b] {
        v.as_object_mut().unwrap().remove("id");
    }
    assert_eq!(a, b, "the same settings on both computers");
    // Without the secret the import names it, and saves nothing.
    let run = cli_in(
        &there,
        &["profile", "import", &path, "--name", "Again"],
        &[],
        None,
    )
    .await
    .failed(5);
    assert!(
        run.stderr
            .contains("--client-secret-stdin: Enter the app client's secret"),
        "{run:#?}"
    );

    // `profile set` changes what it names and says what changed; select and schema.
    let set = cli_in(
        &there,
        &[
            "profile",
            "set",
            "Shared",
            "--identity-pool-id",
            "",
            "--rename",
            "Renamed",
        ],
        &[],
        None,
    )
    .await
    .ok();
    assert!(
        set.stderr.contains("changed: name, identityPoolId"),
        "{set:#?}"
    );
    assert!(show(&there, "Renamed").await["identityPoolId"].is_null());
    // An Amplify Gen 2 outputs file fills a new profile; its notes go to stderr, and the
    // options given beside it win.
    let amplify = fixture("amplify/complete.json");
    let from_amplify = [
        "profile",
        "add",
        "Gen2",
        "--from-amplify",
        &amplify,
        "--totp-issuer",
        "Acme",
    ];
    let run = cli_in(&there, &from_amplify, &[], None).await.ok();
    assert!(
        run.stderr
            .contains("note: redirect URI http://localhost:53682/callback"),
        "{run:#?}"
    );
    assert!(
        run.stderr
            .contains("note: the pool's MFA is OPTIONAL (TOTP, SMS)"),
        "{run:#?}"
    );
    let gen2 = show(&there, "Gen2").await;
    assert_eq!(gen2["userPoolId"], "eu-west-1_AbCdEf123");
    assert_eq!(gen2["totpIssuer"], "Acme");

    let schema = cli_in(&there, &["profile", "schema"], &[], None)
        .await
        .ok()
        .stdout;
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let committed: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("docs/schema/profile-export-v1.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(schema, committed);
}

/// `profile remove` on a profile with a client secret, a kept session and a test
/// account: all three leave the OS keychain (a real Secret Service), and it says so.
#[tokio::test]
async fn moto_remove_takes_the_keychain_entries_and_names_them() {
    let opts = PoolOptions {
        client_secret: true,
        ..Default::default()
    };
    let bed = Bed::new(Kind::Moto, "cli-profile-remove", opts).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let config = bed.dir.join("config");
    let password = format!("{DEMO_PASSWORD}\n");
    let sign_in = ["sign-in", "-p", "Test", "-u", USER, "--password-stdin"];
    let signed = cli_in(&config, &sign_in, &[], Some(&password)).await.ok();
    // The seed's profile uses the password flow: said as the window says it.
    assert!(signed.stderr.contains("(password)."), "{signed:#?}");
    cli_in(
        &config,
        &["mfa", "enroll", "-p", "Test", "--test-authenticator"],
        &[],
        None,
    )
    .await
    .ok();
    let keychain = OsKeychain::default();
    let (id, user) = (bed.profile.id.clone(), Username::new(USER));
    let held = |id: &ProfileId| {
        (
            keychain.load_client_secret(id).unwrap().is_some(),
            keychain.load(id, &user).unwrap().is_some(),
            keychain.load_totp_secret(id, &user).unwrap().is_some(),
        )
    };
    assert_eq!(held(&id), (true, true, true));

    let removed = cli_in(&config, &["profile", "remove", "Test"], &[], None)
        .await
        .ok();
    assert!(
        removed.stderr.contains(
            "Removed profile \"Test\" and, from the OS keychain, its app client's secret; the session of demo@example.com; the test authenticator's secret of demo@example.com."
        ),
        "{removed:#?}"
    );
    assert_eq!(held(&id), (false, false, false));
    cli_in(&config, &["profile", "remove", "Test"], &[], None)
        .await
        .failed(5);
    let list = cli_in(&config, &["profiles", "--json"], &[], None)
        .await
        .ok();
    assert_eq!(list.stdout.trim(), "[]");
}
