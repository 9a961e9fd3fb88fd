//! The setup as a CloudFormation template: cfn-lint (AWS's linter, pinned in
//! tests/py/requirements.txt) finds nothing in it, and its resources are the ones a
//! setup makes (a setup with managed login and SMS MFA on moto, its record compared kind
//! by kind).

use cognito_desk_core::profile::SignInFlow;
use cognito_desk_core::secret::Password;
use cognito_desk_core::setup::{
    manifest_kind, template_yaml, Resource, SetupOptions, SetupProgress, RESOURCE_KINDS,
};
use cognito_desk_core::vault::OsKeychain;
use cognito_desk_core::Desk;
use cognito_desk_testbed::emulator::{venv_bin, Emulator, Kind};
use cognito_desk_testbed::setups::emulator_request;
use cognito_desk_testbed::temp_dir;
use std::collections::BTreeMap;

#[test]
fn cfn_lint_finds_nothing_in_the_template() {
    let dir = temp_dir("setup-template-lint");
    let file = dir.join("cognito-desk-setup.yaml");
    std::fs::write(&file, template_yaml().unwrap()).unwrap();
    let out = std::process::Command::new(venv_bin("cfn-lint"))
        .arg(&file)
        .output()
        .expect("cfn-lint runs (scripts/setup installs it)");
    assert!(
        out.status.success(),
        "cfn-lint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn moto_the_template_makes_the_kinds_a_setup_makes() {
    let dir = temp_dir("setup-template-kinds");
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    let emu = Emulator::start(Kind::Moto, &dir.join("emulator")).expect("moto");
    let request = emulator_request(
        "template-check",
        &emu,
        SetupOptions {
            sign_in_flow: SignInFlow::Password,
            managed_login_prefix: Some("template-check".into()),
            // The template's conditional resources, made: the SMS role.
            sms_mfa: true,
            ..Default::default()
        },
    );
    let desk = Desk::open(&dir.join("config"), Box::new(OsKeychain::default()));
    let quiet = |_: SetupProgress| {};
    let made = desk
        .create_setup(&request, &Password::new("Setup-Passw0rd!"), &quiet)
        .await
        .expect("setup");
    let count = |kinds: &mut dyn Iterator<Item = &'static str>| {
        let mut counted = BTreeMap::new();
        for kind in kinds {
            *counted.entry(kind).or_insert(0) += 1;
        }
        counted
    };
    // A role's inline policy is an entry of its own in the record, part of the role in
    // the template.
    let from_setup = count(
        &mut made
            .manifest
            .resources
            .iter()
            .filter(|r| !matches!(r, Resource::RolePolicy { .. }))
            .filter_map(manifest_kind),
    );
    let from_template = count(&mut RESOURCE_KINDS.iter().filter_map(|(_, _, k)| *k));
    assert_eq!(from_setup, from_template);
    desk.destroy_setup(&request.name, &quiet)
        .await
        .expect("tear-down");
}
