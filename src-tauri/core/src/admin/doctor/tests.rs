use super::checks::all;
use super::*;
use crate::admin::{MfaMode, TrustedProvider};
use crate::ids::{ClientId, PoolId, ProfileId};
use crate::profile::{ProfileSettings, SignInFlow};

fn profile() -> Profile {
    Profile {
        id: ProfileId::new("p"),
        settings: ProfileSettings {
            name: "Dev".into(),
            region: "us-east-1".into(),
            user_pool_id: PoolId::new("us-east-1_Abc"),
            client_id: ClientId::new("client1"),
            sign_in_flow: SignInFlow::Srp,
            domain: Some("https://demo.auth.us-east-1.amazoncognito.com".into()),
            redirect_uri: Some("http://127.0.0.1:53682/callback".into()),
            identity_pool_id: Some("us-east-1:0000".into()),
            ..Default::default()
        },
    }
}

fn healthy() -> Facts {
    Facts {
        client: ClientView {
            client_id: "client1".into(),
            name: None,
            has_secret: false,
            auth_flows: vec![
                "ALLOW_USER_SRP_AUTH".into(),
                "ALLOW_REFRESH_TOKEN_AUTH".into(),
            ],
            callback_urls: vec!["http://127.0.0.1:53682/callback".into()],
            logout_urls: vec!["http://127.0.0.1:53682/callback".into()],
            oauth_flows: vec!["code".into()],
            oauth_scopes: ["openid", "email", "profile", ADMIN_SCOPE]
                .map(String::from)
                .to_vec(),
            oauth_enabled: true,
            identity_providers: vec!["COGNITO".into()],
            access_token_validity: None,
            id_token_validity: None,
            refresh_token_validity: None,
            token_revocation: true,
            auth_session_validity: None,
            prevent_user_existence_errors: None,
            read_attributes: vec![],
            write_attributes: vec![],
            refresh_token_rotation: Default::default(),
        },
        pool_domain: Some("demo".into()),
        custom_domain: None,
        mfa: MfaConfig {
            mode: MfaMode::Optional,
            authenticator_app: true,
            sms: false,
            email: false,
            passkey_relying_party_id: None,
            passkey_user_verification_required: false,
        },
        totp_users: (0, vec![]),
        identity: Some(Ok(IdentityPoolView {
            id: "us-east-1:0000".into(),
            name: "ids".into(),
            allow_unauthenticated: false,
            classic_flow: false,
            providers: vec![TrustedProvider {
                provider_name: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc".into(),
                client_id: "client1".into(),
                server_side_token_check: false,
            }],
            authenticated_role: Some("arn:aws:iam::1:role/auth".into()),
            unauthenticated_role: None,
            role_mappings: vec![],
        })),
    }
}

fn verdict(facts: &Facts, id: CheckId) -> (Verdict, bool) {
    let checks = all(&profile(), facts);
    let c = checks.iter().find(|c| c.id == id).expect("the check runs");
    (c.verdict, c.fixable)
}

#[test]
fn a_healthy_setup_passes_every_check() {
    let checks = all(&profile(), &healthy());
    let failing: Vec<_> = checks
        .iter()
        .filter(|c| c.verdict != Verdict::Pass)
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
    assert!(checks.len() >= 12);
    assert!(checks.iter().all(|c| !c.read.is_empty()));
}

#[test]
fn each_misconfiguration_fails_its_check_with_the_fix_offered_where_safe() {
    let mut f = healthy();
    f.client.auth_flows = vec!["ALLOW_USER_PASSWORD_AUTH".into()];
    assert_eq!(verdict(&f, CheckId::SignInFlow), (Verdict::Fail, true));
    assert_eq!(verdict(&f, CheckId::Refresh), (Verdict::Fail, true));

    let mut f = healthy();
    f.client.has_secret = true;
    assert_eq!(verdict(&f, CheckId::ClientSecret), (Verdict::Fail, false));

    let mut f = healthy();
    f.pool_domain = None;
    assert_eq!(
        verdict(&f, CheckId::ManagedLoginDomain),
        (Verdict::Fail, false)
    );

    let mut f = healthy();
    // Exactly: another port is another URI.
    f.client.callback_urls = vec!["http://127.0.0.1:53683/callback".into()];
    f.client.logout_urls = vec![];
    assert_eq!(verdict(&f, CheckId::CallbackUrl), (Verdict::Fail, true));
    assert_eq!(verdict(&f, CheckId::SignOutUrl), (Verdict::Warning, true));

    let mut f = healthy();
    f.client.oauth_scopes = vec!["openid".into()];
    let checks = all(&profile(), &f);
    let scopes = checks.iter().find(|c| c.id == CheckId::Scopes).unwrap();
    assert_eq!(scopes.verdict, Verdict::Fail);
    assert_eq!(
        scopes.params["missing"],
        format!("email profile {ADMIN_SCOPE}")
    );

    let mut f = healthy();
    f.client.oauth_flows = vec!["implicit".into()];
    assert_eq!(verdict(&f, CheckId::CodeGrant), (Verdict::Fail, true));

    let mut f = healthy();
    f.mfa = MfaConfig {
        mode: MfaMode::On,
        authenticator_app: false,
        sms: false,
        email: false,
        passkey_relying_party_id: None,
        passkey_user_verification_required: false,
    };
    f.totp_users = (2, vec!["a@example.com".into()]);
    assert_eq!(verdict(&f, CheckId::MfaMethods), (Verdict::Fail, true));
    assert_eq!(verdict(&f, CheckId::TotpUsers), (Verdict::Fail, true));

    let mut f = healthy();
    f.client.token_revocation = false;
    assert_eq!(
        verdict(&f, CheckId::TokenRevocation),
        (Verdict::Warning, true)
    );

    let mut f = healthy();
    if let Some(Ok(pool)) = &mut f.identity {
        pool.providers[0].client_id = "another".into();
        pool.authenticated_role = None;
    }
    assert_eq!(
        verdict(&f, CheckId::IdentityPoolTrust),
        (Verdict::Fail, false)
    );
    assert_eq!(
        verdict(&f, CheckId::IdentityPoolRole),
        (Verdict::Fail, false)
    );
}

#[test]
fn flows_follow_aws_defaults_and_legacy_names() {
    let mut f = healthy();
    f.client.auth_flows = vec![];
    assert_eq!(verdict(&f, CheckId::SignInFlow).0, Verdict::Pass);
    f.client.auth_flows = vec!["USER_SRP_AUTH".into(), "REFRESH_TOKEN_AUTH".into()];
    assert_eq!(verdict(&f, CheckId::SignInFlow).0, Verdict::Pass);
    assert_eq!(verdict(&f, CheckId::Refresh).0, Verdict::Pass);
}

#[test]
fn what_a_profile_does_not_use_is_skipped() {
    let mut p = profile();
    p.settings.domain = None;
    p.settings.redirect_uri = None;
    p.settings.identity_pool_id = None;
    let checks = all(&p, &healthy());
    let skipped: Vec<_> = checks
        .iter()
        .filter(|c| c.verdict == Verdict::Skipped)
        .map(|c| c.id)
        .collect();
    assert_eq!(skipped, [CheckId::ManagedLogin, CheckId::IdentityPoolTrust]);
    assert!(checks.iter().all(|c| c.id != CheckId::CallbackUrl));
}
