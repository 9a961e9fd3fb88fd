//! "Copy as aws-cli", run for real: after a password sign-in and a refresh, the user's own GetUser and
//! the admin screens' calls on ministack, every recorded call's command is run with the
//! real AWS CLI (pinned in the test venv) with its shell variables filled in, and its
//! answer is compared with what the app got.

use cognito_desk_core::admin::UserFilter;
use cognito_desk_core::dto::WhichToken;
use cognito_desk_core::ids::Username;
use cognito_desk_core::profile::AdminCredentials;
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::{venv_bin, Kind};
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use serde_json::Value;

const USER: &str = "demo@example.com";

fn run_aws(command: &str, env: &[(&str, String)], home: &std::path::Path) -> Value {
    let bin = venv_bin("aws");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .env_clear()
        .env("PATH", path)
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("none"))
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "{command}\nfailed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

fn claim(token: &str, name: &str) -> Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap_or_default();
    serde_json::from_slice::<Value>(&bytes).unwrap_or(Value::Null)[name].clone()
}

#[tokio::test]
async fn ministack_copied_commands_run_with_the_real_aws_cli_and_answer_the_same() {
    let mut bed = Bed::new(Kind::Ministack, "aws-cli", PoolOptions::default()).await;
    bed.edit_profile(|s| s.admin.admin_credentials = AdminCredentials::EmulatorTest);
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let id = &bed.profile.id;

    let mark = bed.desk.calls().mark();
    bed.sign_in(USER, DEMO_PASSWORD).await.expect("signed in");
    bed.desk.session().refresh().await.expect("refreshed");
    let refresh_token = OsKeychain::default()
        .load(id, &Username::new(USER))
        .expect("keychain readable")
        .expect("the refresh token kept");
    let status = bed.desk.mfa().status().await.expect("GetUser");
    let pool = bed.desk.admin().pool(id).await.expect("pool");
    let user = bed.desk.admin().user(id, USER).await.expect("user");
    let filter = UserFilter {
        attribute: "email".into(),
        prefix: true,
        value: "demo".into(),
    };
    let page = bed
        .desk
        .admin()
        .list_users(id, &filter, None)
        .await
        .unwrap();
    // Email turned on beside the app: the copied command must carry its configuration.
    let mfa = bed
        .desk
        .admin()
        .set_mfa_config(
            id,
            &cognito_desk_core::admin::MfaConfig {
                mode: cognito_desk_core::admin::MfaMode::Optional,
                authenticator_app: true,
                sms: false,
                email: true,
                passkey_relying_party_id: None,
                passkey_user_verification_required: false,
            },
        )
        .await
        .expect("email MFA sent");
    // ministack accepts EmailMfaConfiguration and ignores it: the pool reports no email.
    assert!(mfa.authenticator_app && !mfa.email, "{mfa:?}");
    let client = bed
        .desk
        .admin()
        .update_client(
            id,
            &cognito_desk_core::admin::ClientChange {
                token_revocation: Some(true),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let env = [
        ("PASSWORD", DEMO_PASSWORD.to_owned()),
        ("REFRESH_TOKEN", refresh_token.expose().to_owned()),
        (
            "ACCESS_TOKEN",
            bed.desk.tokens().text(WhichToken::Access).unwrap(),
        ),
    ];
    let home = bed.dir.join("aws-home");
    std::fs::create_dir_all(&home).unwrap();

    let mut replayed = Vec::new();
    for record in bed.desk.calls().since(mark) {
        let Some(command) = bed.desk.calls().aws_cli(record.seq) else {
            continue;
        };
        assert!(!command.contains(DEMO_PASSWORD), "{command}");
        let answer = run_aws(&command, &env, &home);
        match record.operation {
            "InitiateAuth" => {
                let token = answer["AuthenticationResult"]["IdToken"].as_str().unwrap();
                assert_eq!(claim(token, "email"), USER);
            }
            "GetTokensFromRefreshToken" => {
                assert!(command.contains("\"$REFRESH_TOKEN\""), "{command}");
                let token = answer["AuthenticationResult"]["IdToken"].as_str().unwrap();
                assert_eq!(claim(token, "email"), USER);
            }
            "GetUser" => {
                assert_eq!(answer["Username"], Value::from(USER));
                let email = answer["UserAttributes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|a| a["Name"] == "email")
                    .map(|a| a["Value"].clone());
                assert_eq!(email, Some(Value::from(USER)));
                assert_eq!(
                    answer["UserMFASettingList"].as_array().map_or(0, Vec::len) > 0,
                    status.totp_enabled
                );
            }
            "DescribeUserPool" => {
                assert_eq!(answer["UserPool"]["Id"], Value::from(pool.id.clone()));
                assert_eq!(answer["UserPool"]["Name"].as_str(), pool.name.as_deref());
            }
            "GetUserPoolMfaConfig" => {
                assert_eq!(answer["MfaConfiguration"], "OPTIONAL");
            }
            "AdminGetUser" => {
                assert_eq!(answer["UserStatus"].as_str(), user.status.as_deref());
                assert_eq!(answer["Enabled"], Value::from(user.enabled));
            }
            "AdminListGroupsForUser" => {
                assert_eq!(
                    answer["Groups"].as_array().map(Vec::len),
                    Some(user.groups.len())
                );
            }
            "ListUsers" => {
                let names: Vec<&str> = answer["Users"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|u| u["Username"].as_str())
                    .collect();
                let ours: Vec<&str> = page.users.iter().map(|u| u.username.as_str()).collect();
                assert_eq!(names, ours);
            }
            "SetUserPoolMfaConfig" => {
                assert!(
                    command.contains("--email-mfa-configuration '{}'"),
                    "{command}"
                );
                assert_eq!(answer["MfaConfiguration"], "OPTIONAL");
                assert_eq!(answer["SoftwareTokenMfaConfiguration"]["Enabled"], true);
            }
            "DescribeUserPoolClient" => {
                assert_eq!(
                    answer["UserPoolClient"]["ClientId"],
                    Value::from(client.client_id.clone())
                );
            }
            "UpdateUserPoolClient" => {
                // Replayed, the complete configuration leaves the client as the app left it.
                let c = &answer["UserPoolClient"];
                assert_eq!(c["EnableTokenRevocation"], Value::from(true));
                let flows: Vec<&str> = c["ExplicitAuthFlows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                assert_eq!(flows, client.auth_flows);
                assert_eq!(
                    c["ReadAttributes"].as_array().map(Vec::len),
                    Some(client.read_attributes.len())
                );
            }
            other => panic!("no comparison for {other}: {command}"),
        }
        replayed.push(record.operation);
    }
    assert_eq!(
        replayed,
        [
            "InitiateAuth",
            "GetTokensFromRefreshToken",
            "GetUser",
            "DescribeUserPool",
            "GetUserPoolMfaConfig",
            "AdminGetUser",
            "AdminListGroupsForUser",
            "ListUsers",
            "GetUserPoolMfaConfig",
            "SetUserPoolMfaConfig",
            "DescribeUserPoolClient",
            "UpdateUserPoolClient"
        ]
    );
}

/// A shell whose default AWS profile is someone else (the emulator's admin keys in
/// `~/.aws/credentials`), with the variables "Copy as environment variables" sets: the
/// answer, or what the shell said when the command failed.
fn run_as_other_default(
    command: &str,
    env: &[(String, String)],
    home: &std::path::Path,
) -> Result<Value, String> {
    let bin = venv_bin("aws");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    std::fs::write(
        home.join(".aws/credentials"),
        "[default]\naws_access_key_id = test\naws_secret_access_key = test\n",
    )
    .unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .env_clear()
        .env("PATH", path)
        .env("HOME", home)
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .expect("sh runs");
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

/// S3 and STS calls made with the identity pool's temporary credentials replay as the
/// identity pool's role, though the shell's default profile is the admin: the copied
/// command names the credentials' variables. Without them the same call answers as
/// the default profile (ministack tells the two apart: GetCallerIdentity's ARN), so an
/// unset variable stops the shell instead.
#[tokio::test]
async fn ministack_a_replayed_s3_or_sts_call_answers_as_the_identity_pools_role() {
    use cognito_desk_testbed::identity::{create_buckets, IdentityOptions};
    let bed = Bed::with_identity_pool(
        Kind::Ministack,
        "aws-cli-role",
        USER,
        &IdentityOptions::default(),
    )
    .await;
    create_buckets(&bed.emu, &["replayed-bucket"])
        .await
        .unwrap();
    bed.sign_in(USER, DEMO_PASSWORD).await.expect("signed in");
    let mark = bed.desk.calls().mark();
    bed.desk.credentials().get().await.expect("credentials");
    let buckets = bed
        .desk
        .credentials()
        .list_s3_buckets()
        .await
        .expect("buckets");
    let caller = bed.desk.credentials().who_am_i().await.expect("caller");
    assert!(caller.arn.contains("assumed-role"), "{}", caller.arn);
    // What "Copy as environment variables" puts on the clipboard, as a shell has it.
    let env: Vec<(String, String)> = bed
        .desk
        .credentials()
        .env_text()
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let home = bed.dir.join("aws-home-role");
    let mut replayed = Vec::new();
    for record in bed.desk.calls().since(mark) {
        let command = match record.operation {
            "ListBuckets" | "GetCallerIdentity" => bed.desk.calls().aws_cli(record.seq).unwrap(),
            _ => continue,
        };
        assert!(
            command.starts_with("AWS_ACCESS_KEY_ID=\"${AWS_ACCESS_KEY_ID:?"),
            "{command}"
        );
        let answer = run_as_other_default(&command, &env, &home).expect("answered");
        match record.operation {
            "GetCallerIdentity" => {
                assert_eq!(answer["Arn"], Value::from(caller.arn.clone()));
                // Without the variables the shell stops and says why, where the bare
                // command would have answered as the default profile.
                let refused = run_as_other_default(&command, &[], &home).unwrap_err();
                assert!(
                    refused.contains("paste Copy as environment variables first"),
                    "{refused}"
                );
                let bare = command
                    .split_once("aws sts")
                    .map(|(_, rest)| format!("aws sts{rest}"))
                    .unwrap();
                let admin = run_as_other_default(&bare, &[], &home).expect("answered");
                assert_ne!(admin["Arn"], Value::from(caller.arn.clone()), "{admin}");
            }
            _ => {
                let names: Vec<&str> = answer["Buckets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|b| b["Name"].as_str())
                    .collect();
                for b in &buckets.buckets {
                    assert!(names.contains(&b.name.as_str()), "{names:?}");
                }
            }
        }
        replayed.push(record.operation);
    }
    assert_eq!(replayed, ["ListBuckets", "GetCallerIdentity"]);
}
