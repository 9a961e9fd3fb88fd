//! "Copy as aws-cli", run for real: after a password sign-in, the user's own GetUser and
//! the admin screens' calls on ministack, every recorded call's command is run with the
//! real AWS CLI (pinned in the test venv) with its shell variables filled in, and its
//! answer is compared with what the app got.

use cognito_desk_core::admin::UserFilter;
use cognito_desk_core::dto::WhichToken;
use cognito_desk_core::profile::AdminCredentials;
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
