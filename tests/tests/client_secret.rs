//! App clients with a client secret. ministack (AUTH=true) checks SECRET_HASH on every
//! flow as Cognito does, including the username a refresh must hash (the canonical
//! `cognito:username`, not the alias typed at sign-in); moto checks it on refresh and
//! on MFA answers only. The secret itself is kept in the keychain, never in the
//! profiles file.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::profile::SignInFlow;
use cognito_desk_core::secret::ClientSecret;
use cognito_desk_core::session::Factor;
use cognito_desk_core::vault::{OsKeychain, Vault};
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::on_both;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::totp;

const USER: &str = "demo@example.com";

fn with_secret() -> PoolOptions {
    PoolOptions {
        client_secret: true,
        ..PoolOptions::default()
    }
}

/// Every InitiateAuth and RespondToAuthChallenge so far carried a SECRET_HASH.
fn assert_every_auth_call_has_a_secret_hash(bed: &Bed) {
    let records = bed.desk.calls().records();
    let auth: Vec<_> = records
        .iter()
        .filter(|r| matches!(r.operation, "InitiateAuth" | "RespondToAuthChallenge"))
        .collect();
    assert!(!auth.is_empty());
    for r in auth {
        assert!(
            r.params.iter().any(|p| p.name == "SECRET_HASH"),
            "no SECRET_HASH in {r:?}"
        );
    }
}

/// SRP with the email typed as an alias of the username "carol": SECRET_HASH over the
/// typed name on InitiateAuth, over USER_ID_FOR_SRP on PASSWORD_VERIFIER, over
/// `cognito:username` on refresh (at once and at the next start), and the secret
/// itself on RevokeToken.
#[tokio::test]
async fn ministack_srp_with_a_secret_signs_in_by_alias_refreshes_and_revokes() {
    let opts = PoolOptions {
        email_alias: true,
        ..with_secret()
    };
    let mut bed = Bed::new(Kind::Ministack, "secret-srp", opts).await;
    bed.use_flow(SignInFlow::Srp);
    seed::create_named_user(&bed.emu, &bed.pool, "carol", USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.expect("signed in");
    let SignInOutcome::SignedIn { session } = outcome else {
        panic!("expected tokens, got {outcome:?}");
    };
    assert_eq!(session.username.as_str(), "carol");
    assert_eq!(session.factors, [Factor::Srp]);
    assert_every_auth_call_has_a_secret_hash(&bed);
    bed.desk.session().refresh().await.expect("refreshed");
    let second = bed.second_start();
    assert!(matches!(
        second.session().restore().await,
        cognito_desk_core::dto::RestoreOutcome::Restored { .. }
    ));
    let report = second.sign_out(false).await;
    assert!(report.server_revoked, "{report:?}");
}

/// The password flow with a secret, then the TOTP challenge (an MFA answer with
/// SECRET_HASH), then a refresh.
async fn password_flow_with_a_secret_and_totp(kind: Kind) {
    let bed = Bed::new(kind, "secret-totp", with_secret()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let secret = seed::enroll_totp(&bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.expect("challenge");
    assert!(
        matches!(outcome, SignInOutcome::Challenge { .. }),
        "{outcome:?}"
    );
    let code = totp::fresh_code(&secret).await.unwrap();
    let outcome = bed.desk.signin().answer_totp(&code).await.expect("tokens");
    assert!(
        matches!(outcome, SignInOutcome::SignedIn { .. }),
        "{outcome:?}"
    );
    assert_every_auth_call_has_a_secret_hash(&bed);
    bed.desk.session().refresh().await.expect("refreshed");
}

on_both!(password_flow_with_a_secret_and_totp);

/// A client with a secret the profile does not know of: its own code, and a hint to
/// enter the secret (not "the password is incorrect").
#[tokio::test]
async fn ministack_a_secret_the_profile_lacks_is_named() {
    let mut bed = Bed::new(Kind::Ministack, "secret-missing", with_secret()).await;
    let mut input = bed.profile.to_input();
    input.settings.has_client_secret = false;
    bed.desk.profiles().save(input).unwrap();
    bed.profile = bed.desk.profiles().get(&bed.profile.id).unwrap();
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let e = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(e.code, Code::ClientSecretRequired, "{e:?}");
    assert!(e.hint.contains("secret"), "{}", e.hint);
}

#[tokio::test]
async fn ministack_a_wrong_secret_is_named_on_both_flows() {
    let mut bed = Bed::new(Kind::Ministack, "secret-wrong", with_secret()).await;
    let mut input = bed.profile.to_input();
    input.client_secret = Some(ClientSecret::new("not-the-secret"));
    bed.desk.profiles().save(input).unwrap();
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    for flow in [SignInFlow::Password, SignInFlow::Srp] {
        bed.use_flow(flow);
        let e = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err();
        assert_eq!(e.code, Code::ClientSecretWrong, "{flow:?}: {e:?}");
        assert!(e.message.contains("client secret is wrong"));
    }
}

/// The secret goes to the keychain and nowhere else; the window learns only that one
/// is stored; a blank field keeps it; a client without a secret drops it.
#[tokio::test]
async fn the_secret_lives_in_the_keychain_only() {
    let bed = Bed::new(Kind::Moto, "secret-store", with_secret()).await;
    let secret = bed.pool.client_secret.clone().expect("a generated secret");
    let file = std::fs::read_to_string(bed.dir.join("config").join("profiles.json")).unwrap();
    assert!(!file.contains(&secret), "the secret is in profiles.json");
    assert!(file.contains("\"hasClientSecret\": true"), "{file}");
    let view = bed.desk.profiles().view();
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains(&secret), "the secret reached the window");
    assert!(view.profiles[0].client_secret_stored);
    let keychain = OsKeychain::default();
    let stored = keychain.load_client_secret(&bed.profile.id).unwrap();
    assert_eq!(stored.map(|s| s.expose().to_owned()), Some(secret));

    // Saving again with a blank field keeps the stored secret.
    let mut input = bed.profile.to_input();
    input.client_secret = Some(ClientSecret::new(""));
    assert!(bed.desk.profiles().validate(&input).is_empty());
    bed.desk.profiles().save(input).unwrap();
    assert!(keychain
        .load_client_secret(&bed.profile.id)
        .unwrap()
        .is_some());

    // A new profile that says "has a secret" without one is marked at the field.
    let mut fresh = bed.pool.profile_input("Other");
    fresh.client_secret = None;
    let errors = bed.desk.profiles().validate(&fresh);
    assert_eq!(
        errors.iter().map(|e| e.code).collect::<Vec<_>>(),
        ["clientSecretRequired"]
    );

    // No secret any more: the keychain entry goes.
    let mut input = bed.profile.to_input();
    input.settings.has_client_secret = false;
    bed.desk.profiles().save(input).unwrap();
    assert!(keychain
        .load_client_secret(&bed.profile.id)
        .unwrap()
        .is_none());
}
