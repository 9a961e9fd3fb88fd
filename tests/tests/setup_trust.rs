//! Which of the setup role's trust conditions an emulator enforces (README, "A test
//! setup from nothing"). The setup's role trusts its identity pool (`aud`) and
//! authenticated identities (`amr`); here each condition is changed in turn to one the
//! sign-in cannot meet (UpdateAssumeRolePolicy), and the credentials call says whether
//! the emulator noticed. The assertions are the measured behaviour: when an emulator
//! starts (or stops) enforcing a condition, this fails and the README must change.
//! moto is not measured: it has no SetIdentityPoolRoles, so no role is attached at all.

use cognito_desk_core::ids::Username;
use cognito_desk_core::secret::Password;
use cognito_desk_core::setup::{trust_policy, SetupOptions, SetupProgress};
use cognito_desk_core::vault::OsKeychain;
use cognito_desk_core::Desk;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::setups::emulator_request;
use cognito_desk_testbed::temp_dir;

const PASSWORD: &str = "Setup-Passw0rd!";

/// Whether the credentials call succeeds with the role's trust policy set to `trust`.
async fn credentials_with_trust(desk: &Desk, emu: &Emulator, role: &str, trust: &str) -> bool {
    aws_sdk_iam::Client::new(&emu.admin_config())
        .update_assume_role_policy()
        .role_name(role)
        .policy_document(trust)
        .send()
        .await
        .expect("UpdateAssumeRolePolicy");
    let before = desk.calls().count("GetCredentialsForIdentity");
    let ok = desk.credentials().get().await.is_ok();
    // A new exchange each time, never credentials held from the last one.
    assert_eq!(desk.calls().count("GetCredentialsForIdentity"), before + 1);
    ok
}

/// What `kind` does with each condition: (the policy as made, aud wrong, amr wrong).
async fn measured(kind: Kind) -> (bool, bool, bool) {
    let dir = temp_dir(&format!("setup-trust-{}", kind.name()));
    std::env::set_var(
        cognito_desk_core::vault::SERVICE_ENV,
        format!("cognito-desk-test-{}", dir.display()),
    );
    let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator");
    let options = SetupOptions::default();
    let request = emulator_request("trust-probe", &emu, options);
    let desk = Desk::open(&dir.join("config"), Box::new(OsKeychain::default()));
    let quiet = |_: SetupProgress| {};
    let made = desk
        .create_setup(&request, &Password::new(PASSWORD), &quiet)
        .await
        .expect("setup");
    desk.signin()
        .sign_in_preferring(
            &made.profile_id,
            &Username::new(&made.plain_user),
            Password::new(PASSWORD),
            None,
        )
        .await
        .expect("sign-in");
    let identity_pool = desk
        .profiles()
        .get(&made.profile_id)
        .unwrap()
        .settings
        .identity_pool_id
        .unwrap();
    let role = request.role_name();
    let as_made = trust_policy(&identity_pool);
    let mut wrong_aud = as_made.clone();
    wrong_aud["Statement"][0]["Condition"]["StringEquals"]["cognito-identity.amazonaws.com:aud"] =
        "us-east-1:00000000-0000-0000-0000-000000000000".into();
    let mut wrong_amr = as_made.clone();
    wrong_amr["Statement"][0]["Condition"]["ForAnyValue:StringLike"]
        ["cognito-identity.amazonaws.com:amr"] = "unauthenticated".into();
    let result = (
        credentials_with_trust(&desk, &emu, &role, &as_made.to_string()).await,
        credentials_with_trust(&desk, &emu, &role, &wrong_aud.to_string()).await,
        credentials_with_trust(&desk, &emu, &role, &wrong_amr.to_string()).await,
    );
    desk.destroy_setup(&request.name, &quiet)
        .await
        .expect("tear-down");
    result
}

#[tokio::test]
async fn ministack_trust_conditions_as_measured() {
    let (as_made, wrong_aud, wrong_amr) = measured(Kind::Ministack).await;
    assert!(as_made, "the setup's own trust policy gives credentials");
    println!("ministack: wrong aud gives credentials: {wrong_aud}; wrong amr: {wrong_amr}");
    assert_eq!(
        (wrong_aud, wrong_amr),
        (true, true),
        "README: ministack enforces neither"
    );
}
