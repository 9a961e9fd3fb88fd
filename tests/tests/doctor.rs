//! The pool doctor on ministack, which enforces the app client's flows, callback URLs
//! and scopes: for each misconfiguration the sign-in or managed login fails, the check
//! fails with its fix, and after "Fix" the same sign-in succeeds. Also: a change to the
//! app client keeps every field it was not asked to change (UpdateUserPoolClient resets
//! omitted fields to their defaults), on both emulators.

use cognito_desk_core::admin::doctor::{CheckId, CheckParam, DoctorReport, Verdict};
use cognito_desk_core::admin::{ClientChange, RotationSetting};
use cognito_desk_core::desk::Desk;
use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::error::Code;
use cognito_desk_core::profile::{AdminCredentials, Profile, SignInFlow};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::browser::Browser;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::identity::{create_identity_pool, IdentityOptions};
use cognito_desk_testbed::managed::{Server, World, USER};
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};

fn with_admin(desk: &Desk, profile: &Profile) -> Profile {
    let mut input = profile.to_input();
    input.settings.admin.admin_credentials = AdminCredentials::EmulatorTest;
    let saved = desk.profiles().save(input).expect("saved");
    desk.profiles().get(&saved.id).expect("profile")
}

fn verdict(report: &DoctorReport, id: CheckId) -> (Verdict, bool) {
    let check = report
        .check(id)
        .unwrap_or_else(|| panic!("{id:?} runs: {report:#?}"));
    assert!(!check.read.is_empty(), "{id:?} names what it read");
    (check.verdict, check.fixable)
}

#[tokio::test]
async fn ministack_a_client_without_srp_fails_until_the_doctor_fixes_it() {
    let opts = PoolOptions {
        srp_auth: false,
        ..PoolOptions::default()
    };
    let mut bed = Bed::new(Kind::Ministack, "doctor-flow", opts).await;
    bed.use_flow(SignInFlow::Srp);
    bed.profile = with_admin(&bed.desk, &bed.profile);
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let refused = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(refused.code, Code::AuthFlowNotEnabled);

    let doctor = bed.desk.admin();
    let before = doctor.diagnose(&bed.profile.id).await.expect("diagnosed");
    assert_eq!(verdict(&before, CheckId::SignInFlow), (Verdict::Fail, true));
    assert_eq!(
        before.check(CheckId::SignInFlow).unwrap().params["flag"],
        "ALLOW_USER_SRP_AUTH"
    );
    assert_eq!(verdict(&before, CheckId::Refresh).0, Verdict::Pass);
    assert_eq!(verdict(&before, CheckId::ClientSecret).0, Verdict::Pass);

    let after = doctor
        .fix(&bed.profile.id, CheckId::SignInFlow)
        .await
        .expect("fixed");
    assert_eq!(verdict(&after, CheckId::SignInFlow), (Verdict::Pass, false));
    let outcome = bed
        .sign_in(USER, DEMO_PASSWORD)
        .await
        .expect("SRP now works");
    assert!(matches!(outcome, SignInOutcome::SignedIn { .. }));
    let passing = doctor
        .fix(&bed.profile.id, CheckId::SignInFlow)
        .await
        .unwrap_err();
    assert_eq!(
        passing.code,
        Code::PoolSettingUnavailable,
        "no fix for a pass"
    );
}

/// Managed login with a redirect URI the client does not list, and a scope it does not
/// allow: each fails, the doctor names it, "Fix" registers it, and the login completes.
#[tokio::test]
async fn ministack_callback_and_scopes_fixed_then_managed_login_completes() {
    let world = World::new(
        Server::Ministack,
        "doctor-managed",
        Some("openid email phone aws.cognito.signin.user.admin"),
    )
    .await;
    let unregistered = format!(
        "http://127.0.0.1:{}/callback",
        cognito_desk_testbed::free_port()
    );
    let mut input = world.profile.to_input();
    input.settings.redirect_uri = Some(unregistered.clone());
    input.settings.admin.admin_credentials = AdminCredentials::EmulatorTest;
    world.desk.profiles().save(input).expect("saved");
    let id = &world.profile.id;
    let mismatch = world.desk.managed().begin(id).await.unwrap_err();
    assert_eq!(mismatch.code, Code::RedirectMismatch, "{mismatch:?}");

    let doctor = world.desk.admin();
    let before = doctor.diagnose(id).await.expect("diagnosed");
    assert_eq!(
        verdict(&before, CheckId::CallbackUrl),
        (Verdict::Fail, true)
    );
    assert_eq!(
        verdict(&before, CheckId::SignOutUrl),
        (Verdict::Warning, true)
    );
    assert_eq!(verdict(&before, CheckId::Scopes), (Verdict::Fail, true));
    assert_eq!(
        before.check(CheckId::Scopes).unwrap().params["missing"],
        "phone"
    );
    assert_eq!(verdict(&before, CheckId::CodeGrant).0, Verdict::Pass);
    assert_eq!(
        verdict(&before, CheckId::ManagedLoginDomain).0,
        Verdict::Skipped
    );

    for check in [CheckId::CallbackUrl, CheckId::SignOutUrl, CheckId::Scopes] {
        doctor.fix(id, check).await.expect("fixed");
    }
    let after = doctor.diagnose(id).await.unwrap();
    for check in [CheckId::CallbackUrl, CheckId::SignOutUrl, CheckId::Scopes] {
        assert_eq!(verdict(&after, check), (Verdict::Pass, false), "{check:?}");
    }

    let start = world
        .desk
        .managed()
        .begin(id)
        .await
        .expect("the redirect is registered now");
    let browser = Browser::new(&unregistered, USER, DEMO_PASSWORD).unwrap();
    let (outcome, tab) = tokio::join!(
        world.desk.managed().finish(),
        browser.sign_in(&start.authorize_url)
    );
    let tab = tab.expect("browser side");
    assert!(
        matches!(outcome, Ok(SignInOutcome::SignedIn { .. })),
        "{outcome:?} {}",
        tab.body
    );
}

/// Token revocation off, MFA ON without a method, an identity pool trusting another
/// client: the doctor says so; the first two are fixed in place.
#[tokio::test]
async fn ministack_revocation_mfa_and_identity_pool_trust() {
    let bed = Bed::new(Kind::Ministack, "doctor-pool", PoolOptions::default()).await;
    let admin = bed.emu.admin_client().await;
    let other = admin
        .create_user_pool_client()
        .user_pool_id(&bed.pool.pool_id)
        .client_name("another")
        .send()
        .await
        .unwrap()
        .user_pool_client()
        .and_then(|c| c.client_id())
        .unwrap()
        .to_owned();
    let identity = create_identity_pool(
        &bed.emu,
        &seed::Pool {
            client_id: other,
            ..bed.pool.clone()
        },
        &IdentityOptions::default(),
    )
    .await
    .unwrap();
    let mut input = bed.profile.to_input();
    input.settings.identity_pool_id = Some(identity);
    bed.desk.profiles().save(input).unwrap();
    let profile = with_admin(
        &bed.desk,
        &bed.desk.profiles().get(&bed.profile.id).unwrap(),
    );
    let doctor = bed.desk.admin();
    doctor
        .update_client(
            &profile.id,
            &ClientChange {
                token_revocation: Some(false),
                ..ClientChange::default()
            },
        )
        .await
        .unwrap();
    admin
        .set_user_pool_mfa_config()
        .user_pool_id(&bed.pool.pool_id)
        .mfa_configuration(aws_sdk_cognitoidentityprovider::types::UserPoolMfaType::On)
        .software_token_mfa_configuration(
            aws_sdk_cognitoidentityprovider::types::SoftwareTokenMfaConfigType::builder()
                .enabled(false)
                .build(),
        )
        .send()
        .await
        .unwrap();

    let before = doctor.diagnose(&profile.id).await.expect("diagnosed");
    assert_eq!(
        verdict(&before, CheckId::TokenRevocation),
        (Verdict::Warning, true)
    );
    assert_eq!(verdict(&before, CheckId::MfaMethods), (Verdict::Fail, true));
    assert_eq!(
        verdict(&before, CheckId::IdentityPoolTrust),
        (Verdict::Fail, false)
    );
    assert_eq!(verdict(&before, CheckId::IdentityPoolRole).0, Verdict::Pass);

    doctor
        .fix(&profile.id, CheckId::TokenRevocation)
        .await
        .unwrap();
    let after = doctor.fix(&profile.id, CheckId::MfaMethods).await.unwrap();
    assert_eq!(verdict(&after, CheckId::TokenRevocation).0, Verdict::Pass);
    assert_eq!(verdict(&after, CheckId::MfaMethods).0, Verdict::Pass);
    let described = admin
        .describe_user_pool_client()
        .user_pool_id(&bed.pool.pool_id)
        .client_id(&bed.pool.client_id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        described
            .user_pool_client()
            .unwrap()
            .enable_token_revocation(),
        Some(true)
    );
}

/// Every field of DescribeUserPoolClient but the one changed, before and after.
async fn update_keeps_the_rest(kind: Kind) {
    let redirect = "http://127.0.0.1:53682/callback";
    let opts = PoolOptions {
        managed_login_redirect: Some(redirect.into()),
        ..PoolOptions::default()
    };
    let bed = Bed::new(kind, "doctor-update", opts).await;
    let profile = with_admin(&bed.desk, &bed.profile);
    let sdk = bed.emu.admin_client().await;
    let describe = || async {
        sdk.describe_user_pool_client()
            .user_pool_id(&bed.pool.pool_id)
            .client_id(&bed.pool.client_id)
            .send()
            .await
            .unwrap()
            .user_pool_client()
            .cloned()
            .unwrap()
    };
    // A client with more than defaults: every field a lazy update would reset.
    use aws_sdk_cognitoidentityprovider::types::{
        ExplicitAuthFlowsType as Flow, FeatureType, OAuthFlowType, PreventUserExistenceErrorTypes,
        RefreshTokenRotationType, TimeUnitsType, TokenValidityUnitsType,
    };
    sdk.update_user_pool_client()
        .user_pool_id(&bed.pool.pool_id)
        .client_id(&bed.pool.client_id)
        .client_name("desk-update")
        .explicit_auth_flows(Flow::AllowUserSrpAuth)
        .explicit_auth_flows(Flow::AllowRefreshTokenAuth)
        .callback_urls(redirect)
        .logout_urls(redirect)
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .allowed_o_auth_scopes("email")
        .allowed_o_auth_flows_user_pool_client(true)
        .supported_identity_providers("COGNITO")
        .access_token_validity(2)
        .id_token_validity(3)
        .refresh_token_validity(10)
        .token_validity_units(
            TokenValidityUnitsType::builder()
                .access_token(TimeUnitsType::Hours)
                .id_token(TimeUnitsType::Hours)
                .refresh_token(TimeUnitsType::Days)
                .build(),
        )
        .read_attributes("email")
        .write_attributes("email")
        .enable_token_revocation(false)
        .auth_session_validity(7)
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
        .refresh_token_rotation(
            RefreshTokenRotationType::builder()
                .feature(FeatureType::Enabled)
                .retry_grace_period_seconds(15)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("the client set up");
    let before = describe().await;
    assert_eq!(before.callback_urls(), [redirect]);
    assert_eq!(before.auth_session_validity(), Some(7));
    let changed = bed
        .desk
        .admin()
        .update_client(
            &profile.id,
            &ClientChange {
                auth_flows: Some(vec![
                    "ALLOW_USER_PASSWORD_AUTH".into(),
                    "ALLOW_REFRESH_TOKEN_AUTH".into(),
                ]),
                ..ClientChange::default()
            },
        )
        .await
        .expect("updated");
    assert_eq!(
        changed.auth_flows,
        ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    );
    let after = describe().await;
    let without_flows = |c: &aws_sdk_cognitoidentityprovider::types::UserPoolClientType| {
        let mut c = c.clone();
        c.explicit_auth_flows = None;
        c.last_modified_date = None;
        c
    };
    assert_eq!(without_flows(&after), without_flows(&before));
    // moto keeps RefreshTokenRotation; ministack 1.5.33 drops it from
    // UpdateUserPoolClient (it reads back as off), so the change is checked on moto.
    if kind == Kind::Moto {
        assert_eq!(
            changed.refresh_token_rotation,
            RotationSetting {
                enabled: true,
                retry_grace_period_seconds: 15
            }
        );

        // The rotation setting itself, changed inside the same complete update.
        let off = RotationSetting {
            enabled: false,
            retry_grace_period_seconds: 0,
        };
        let changed = bed
            .desk
            .admin()
            .update_client(
                &profile.id,
                &ClientChange {
                    refresh_token_rotation: Some(off),
                    ..ClientChange::default()
                },
            )
            .await
            .expect("rotation changed");
        assert_eq!(changed.refresh_token_rotation, off);
        let rotation = describe().await.refresh_token_rotation().cloned();
        assert_eq!(
            rotation.map(|r| r.feature().clone()),
            Some(FeatureType::Disabled)
        );
    }
    // Outside Cognito's 0–60 seconds: refused before any request.
    let calls = bed.desk.calls().records().len();
    let e = bed
        .desk
        .admin()
        .update_client(
            &profile.id,
            &ClientChange {
                refresh_token_rotation: Some(RotationSetting {
                    enabled: true,
                    retry_grace_period_seconds: 61,
                }),
                ..ClientChange::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::GracePeriodOutOfRange);
    assert_eq!(bed.desk.calls().records().len(), calls, "nothing sent");
}

#[tokio::test]
async fn moto_an_app_client_change_keeps_every_other_field() {
    Box::pin(update_keeps_the_rest(Kind::Moto)).await;
}

#[tokio::test]
async fn ministack_an_app_client_change_keeps_every_other_field() {
    Box::pin(update_keeps_the_rest(Kind::Ministack)).await;
}

/// A client that lost ALLOW_REFRESH_TOKEN_AUTH: the doctor says so, and "Fix" adds the
/// flag back beside the others. (ministack refreshes without the flag, where Cognito
/// refuses, so the client is read back instead of a refresh being refused.)
#[tokio::test]
async fn ministack_refresh_flag_found_and_fixed() {
    let bed = Bed::new(Kind::Ministack, "doctor-refresh", PoolOptions::default()).await;
    let profile = with_admin(&bed.desk, &bed.profile);
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    bed.sign_in(USER, DEMO_PASSWORD).await.expect("signed in");
    let doctor = bed.desk.admin();
    doctor
        .update_client(
            &profile.id,
            &ClientChange {
                auth_flows: Some(vec!["ALLOW_USER_PASSWORD_AUTH".into()]),
                ..ClientChange::default()
            },
        )
        .await
        .unwrap();
    let before = doctor.diagnose(&profile.id).await.unwrap();
    assert_eq!(verdict(&before, CheckId::Refresh), (Verdict::Fail, true));
    assert_eq!(verdict(&before, CheckId::SignInFlow).0, Verdict::Pass);
    let after = doctor.fix(&profile.id, CheckId::Refresh).await.unwrap();
    assert_eq!(verdict(&after, CheckId::Refresh).0, Verdict::Pass);
    let flows = bed
        .emu
        .admin_client()
        .await
        .describe_user_pool_client()
        .user_pool_id(&bed.pool.pool_id)
        .client_id(&bed.pool.client_id)
        .send()
        .await
        .unwrap()
        .user_pool_client()
        .map(|c| {
            c.explicit_auth_flows()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    assert_eq!(
        flows,
        ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    );
    bed.desk.session().refresh().await.expect("refreshes");
}

/// Managed login switched off for the client (no code grant): the doctor names it and
/// "Fix" turns it on again.
#[tokio::test]
async fn ministack_code_grant_fixed() {
    let world = World::new(Server::Ministack, "doctor-code", None).await;
    let profile = with_admin(&world.desk, &world.profile);
    let doctor = world.desk.admin();
    doctor
        .update_client(
            &profile.id,
            &ClientChange {
                oauth_flows: Some(vec!["implicit".into()]),
                ..ClientChange::default()
            },
        )
        .await
        .unwrap();
    let before = doctor.diagnose(&profile.id).await.unwrap();
    assert_eq!(verdict(&before, CheckId::CodeGrant), (Verdict::Fail, true));
    let after = doctor.fix(&profile.id, CheckId::CodeGrant).await.unwrap();
    assert_eq!(verdict(&after, CheckId::CodeGrant).0, Verdict::Pass);
    let client = doctor.client(&profile.id).await.unwrap();
    assert!(client.oauth_flows.iter().any(|f| f == "code"), "{client:?}");
    assert!(
        client.oauth_flows.iter().any(|f| f == "implicit"),
        "kept: {client:?}"
    );
}

/// A profile that does not know its client has a secret: the sign-in says the secret is
/// required, and the doctor says the profile must be edited (no "Fix" for a secret).
#[tokio::test]
async fn ministack_a_secret_the_profile_does_not_know_of() {
    let opts = PoolOptions {
        client_secret: true,
        ..PoolOptions::default()
    };
    let bed = Bed::new(Kind::Ministack, "doctor-secret", opts).await;
    let mut input = bed.profile.to_input();
    input.settings.has_client_secret = false;
    input.settings.admin.admin_credentials = AdminCredentials::EmulatorTest;
    bed.desk.profiles().save(input).unwrap();
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let refused = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(refused.code, Code::ClientSecretRequired);
    let report = bed.desk.admin().diagnose(&bed.profile.id).await.unwrap();
    assert_eq!(
        verdict(&report, CheckId::ClientSecret),
        (Verdict::Fail, false)
    );
    let check = report.check(CheckId::ClientSecret).unwrap();
    // Values, not words: the window says them in its language.
    assert_eq!(
        (&check.params["client"], &check.params["profile"]),
        (&CheckParam::Flag(true), &CheckParam::Flag(false))
    );
}

/// Software tokens turned off while a user has TOTP: the doctor lists the user, and
/// "Fix" turns the authenticator app back on for the pool.
#[tokio::test]
async fn ministack_totp_users_in_a_pool_without_software_tokens() {
    let bed = Bed::new(Kind::Ministack, "doctor-totp", PoolOptions::default()).await;
    let profile = with_admin(&bed.desk, &bed.profile);
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    seed::enroll_totp(&bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let doctor = bed.desk.admin();
    let off = cognito_desk_core::admin::MfaConfig {
        mode: cognito_desk_core::admin::MfaMode::Off,
        authenticator_app: false,
        sms: false,
        email: false,
        passkey_relying_party_id: None,
        passkey_user_verification_required: false,
    };
    doctor.set_mfa_config(&profile.id, &off).await.unwrap();
    let before = doctor.diagnose(&profile.id).await.unwrap();
    assert_eq!(verdict(&before, CheckId::TotpUsers), (Verdict::Fail, true));
    assert_eq!(
        before.check(CheckId::TotpUsers).unwrap().params["users"],
        USER
    );
    let after = doctor.fix(&profile.id, CheckId::TotpUsers).await.unwrap();
    assert_eq!(verdict(&after, CheckId::TotpUsers).0, Verdict::Pass);
    let pool = doctor.pool(&profile.id).await.unwrap();
    assert!(pool.mfa.authenticator_app);
}
