//! `scripts/real-pool-check`, the conformance kit for a real AWS account, run as its dry
//! run against moto and ministack (the same script with an endpoint override): every
//! flow it prints must pass, and the setup must be gone afterwards.

use cognito_desk_testbed::emulator::{Emulator, Kind};
use std::process::Command;

async fn dry_run(kind: Kind) {
    let dir = cognito_desk_testbed::temp_dir(&format!("real-pool-check-{}", kind.name()));
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/real-pool-check");
    let out = Command::new("bash")
        .args([
            script,
            "--region",
            "us-east-1",
            "--emulator",
            kind.name(),
            "--endpoint",
            &emu.endpoint(),
            "--name",
            "kit-dry-run",
            "--cli",
            env!("CARGO_BIN_EXE_cognito-desk-cli"),
        ])
        .output()
        .expect("bash runs the kit");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    for flow in [
        "setup create",
        "password sign-in",
        "refresh",
        "credentials",
        "STS GetCallerIdentity",
        "revoked refresh token refused",
        "S3 ListBuckets",
        "MFA challenge",
        "sign-out",
        "tear down",
    ] {
        let row = stdout
            .lines()
            .find(|l| l.starts_with(flow))
            .unwrap_or_else(|| panic!("no row for {flow}:\n{stdout}"));
        assert!(row.contains(" ok "), "{row}\n{stdout}\n{stderr}");
    }
    assert!(stdout.contains("every flow passed"), "{stdout}");
    // Nothing of the setup is left at the emulator.
    let conf = emu.admin_config();
    let pools = aws_sdk_cognitoidentityprovider::Client::new(&conf)
        .list_user_pools()
        .max_results(60)
        .send()
        .await
        .unwrap();
    assert!(
        pools
            .user_pools()
            .iter()
            .all(|p| p.name() != Some("kit-dry-run")),
        "{pools:?}"
    );
    let role = aws_sdk_iam::Client::new(&conf)
        .get_role()
        .role_name("kit-dry-run-authenticated")
        .send()
        .await;
    assert!(role.is_err(), "the role is gone: {role:?}");
}

#[tokio::test]
async fn moto_the_kit_passes_its_dry_run() {
    dry_run(Kind::Moto).await;
}

#[tokio::test]
async fn ministack_the_kit_passes_its_dry_run() {
    dry_run(Kind::Ministack).await;
}
