//! The IPC audit: a whole session on ministack through the values the window's commands
//! return (the commands are thin adapters over these core calls, serialised as JSON),
//! scanned for secrets. No password, refresh token, client secret, whole ID or access
//! token, AWS secret key or session token may appear in any of them, and the TOTP
//! secret only in the enrollment view (the screen must show it). The named reveal
//! commands are the exceptions, listed in `REVEALS` and not scanned: they exist to
//! hand one secret over on an explicit click.

use cognito_desk_core::dto::{EnrollmentText, WhichToken};
use cognito_desk_core::ids::{ClientId, PoolId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings};
use cognito_desk_core::secret::ClientSecret;
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::identity::{create_buckets, IdentityOptions};
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use cognito_desk_testbed::totp;
use serde::Serialize;

const USER: &str = "demo@example.com";
const CLIENT_SECRET: &str = "audit-client-secret-0123456789abcdef";

/// Commands that return a secret on purpose (copies go to the clipboard from Rust and
/// return only seconds; these return the value itself).
const REVEALS: [&str; 1] = ["reveal_aws_secret_key"];

#[derive(Default)]
struct Payloads(Vec<(&'static str, String)>);

impl Payloads {
    fn add<T: Serialize>(&mut self, command: &'static str, value: &T) {
        let json = serde_json::to_string(value).expect("serialisable");
        self.0.push((command, json));
    }

    fn add_result<T: Serialize>(
        &mut self,
        command: &'static str,
        value: &Result<T, cognito_desk_core::Error>,
    ) {
        match value {
            Ok(v) => self.add(command, v),
            Err(e) => self.add(command, e),
        }
    }
}

#[tokio::test]
async fn ministack_no_secret_crosses_ipc_outside_the_named_reveals() {
    Box::pin(scenario()).await;
}

async fn scenario() {
    let bed = Bed::with_identity_pool(
        Kind::Ministack,
        "ipc-audit",
        USER,
        &IdentityOptions::default(),
    )
    .await;
    create_buckets(&bed.emu, &["desk-audit"]).await.unwrap();
    let desk = &bed.desk;
    let mut seen = Payloads::default();

    // Profiles, one with a client secret in the keychain.
    let mut with_secret = ProfileInput::from(ProfileSettings {
        name: "Confidential".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new("us-east-1_Audit"),
        client_id: ClientId::new("auditclient"),
        has_client_secret: true,
        ..Default::default()
    });
    with_secret.client_secret = Some(ClientSecret::new(CLIENT_SECRET));
    let confidential = desk.profiles().save(with_secret);
    seen.add_result("save_profile", &confidential);
    seen.add("list_profiles", &desk.profiles().view());
    // Its export, as the window shows it and reads it back: the secret stays behind.
    let confidential = confidential.expect("saved").id;
    let export = desk.profiles().export_view(&confidential);
    seen.add_result("export_profile", &export);
    let text = export.expect("exported").json;
    seen.add_result(
        "read_profile_file",
        &cognito_desk_core::profile::read_export(&text),
    );

    // Sign-in, enrollment, a wrong and a right code.
    seen.add_result("sign_in", &bed.sign_in(USER, DEMO_PASSWORD).await);
    seen.add_result("mfa_status", &desk.mfa().status().await);
    let enrollment = desk.mfa().begin_totp_enrollment().await;
    let totp_secret = desk.enrollment_text(EnrollmentText::Secret).unwrap();
    let code = totp::fresh_code(&totp_secret).await.unwrap();
    seen.add_result(
        "verify_totp_enrollment",
        &desk.mfa().verify_totp_enrollment(&code, None, false).await,
    );
    seen.add("sign_out", &desk.sign_out(false).await);
    seen.add_result("sign_in", &bed.sign_in(USER, DEMO_PASSWORD).await);
    let wrong = totp::wrong_code(&totp_secret).unwrap();
    seen.add_result("answer_totp", &desk.signin().answer_totp(&wrong).await);
    let code = totp::fresh_code(&totp_secret).await.unwrap();
    seen.add_result("answer_totp", &desk.signin().answer_totp(&code).await);

    // The session, its tokens, a refresh, the credentials and their proofs.
    seen.add("current_session", &desk.session().current());
    seen.add_result("refresh_session", &desk.session().refresh().await);
    seen.add_result("token_report", &desk.tokens().report().await);
    seen.add_result("get_aws_credentials", &desk.credentials().get().await);
    seen.add_result(
        "list_s3_buckets",
        &desk.credentials().list_s3_buckets().await,
    );
    seen.add_result("who_am_i", &desk.credentials().who_am_i().await);
    seen.add("timeline", &desk.calls().records());
    seen.add("copy_timeline_json", &desk.calls().export_json());
    for seq in desk.calls().records().iter().map(|r| r.seq) {
        seen.add("copy_aws_cli", &desk.calls().aws_cli(seq));
    }

    // What the secrets are.
    let id = desk.tokens().text(WhichToken::Id).unwrap();
    let access = desk.tokens().text(WhichToken::Access).unwrap();
    let refresh = OsKeychain::default()
        .load(&bed.profile.id, &Username::new(USER))
        .unwrap()
        .expect("the refresh token is kept")
        .expose()
        .to_owned();
    let aws_secret = desk.credentials().secret_key().unwrap();
    let env = desk.credentials().env_text().unwrap();
    let session_token = env
        .lines()
        .find_map(|l| l.strip_prefix("export AWS_SESSION_TOKEN="))
        .map(|v| v.trim_matches(['\'', '"']).to_owned())
        .expect("a session token");

    // A second start restores the session; then sign-out, and the profile with the
    // client secret deleted (its keychain entries named, never their values).
    let second = bed.second_start();
    seen.add("restore_session", &second.session().restore().await);
    seen.add("sign_out", &second.sign_out(false).await);
    seen.add_result("delete_profile", &second.remove_profile(&confidential));

    let secrets = [
        ("password", DEMO_PASSWORD.to_owned()),
        ("refresh token", refresh),
        ("ID token", id),
        ("access token", access),
        ("client secret", CLIENT_SECRET.to_owned()),
        ("AWS secret key", aws_secret),
        ("AWS session token", session_token),
        ("TOTP secret", totp_secret.clone()),
    ];
    assert!(seen.0.len() > 20, "the scenario ran: {}", seen.0.len());
    for (command, json) in seen.0.iter().filter(|(c, _)| !REVEALS.contains(c)) {
        for (what, secret) in &secrets {
            assert!(
                !json.contains(secret.as_str()),
                "{command} carries the {what}: {json}"
            );
        }
    }
    // The enrollment view is the one place the TOTP secret is shown, grouped by four.
    let enrollment = serde_json::to_string(&enrollment.unwrap()).unwrap();
    assert!(!enrollment.contains(&totp_secret), "never whole");
    assert!(enrollment.contains(&totp_secret[..4]));
    for (what, secret) in &secrets[..7] {
        assert!(
            !enrollment.contains(secret.as_str()),
            "enrollment carries the {what}"
        );
    }
}
