//! WIRE-SHAPE TESTS (not emulator tests): passkeys. No installable server speaks
//! WebAuthn (emulators.md), so `wire::StandIn` replays AWS's documented answers and
//! asserts each request, and `passkey_server` verifies every registration and assertion
//! the app sends with py_webauthn (tests/py/webauthn_rp.py), a relying party other than
//! the app's passkey-rs: signature, challenge, RP ID hash, origin, user presence and
//! verification, sign counter. The last test shows that checker failing on a forged
//! signature, a wrong RP ID and a replayed challenge.

use cognito_desk_core::dto::{ChallengeView, SignInOutcome};
use cognito_desk_core::error::Code;
use cognito_desk_core::ids::{ClientId, PoolId, ProfileId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::session::Factor;
use cognito_desk_core::vault::{MemoryVault, Vault};
use cognito_desk_core::Desk;
use cognito_desk_testbed::passkey_server::PasskeyServer;
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use serde_json::{json, Value};

const POOL: &str = "us-east-1_Passkeys";
const CLIENT: &str = "passkeysclient00000000001";
const USER: &str = "dana@example.com";
const PASSWORD: &str = "Correct-Horse-3";
const RP_ID: &str = "auth.passkeys.example.com";

/// One AuthenticationResult per test: its tokens carry the second they were made in,
/// and every answer and check of a test must name the same access token.
fn tokens() -> (Value, String) {
    let answer = authentication_result(POOL, CLIENT, USER);
    let access = answer["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (answer, access)
}

/// The first sign-in of these tests: USER_AUTH with the password.
fn password_sign_in(tokens: &Value) -> Exchange {
    Exchange::new(
        "InitiateAuth",
        json!({"AuthFlow": "USER_AUTH", "ClientId": CLIENT,
               "AuthParameters": {"USERNAME": USER, "PASSWORD": PASSWORD, "PREFERRED_CHALLENGE": "PASSWORD"}}),
        tokens.clone(),
    )
}

fn revoke() -> Exchange {
    Exchange::new(
        "RevokeToken",
        json!({"Token": "wire-refresh-token", "ClientId": CLIENT}),
        json!({}),
    )
}

fn profile(stand_in: &StandIn) -> ProfileInput {
    ProfileSettings {
        name: "Passkeys".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        sign_in_flow: SignInFlow::UserAuth,
        endpoint: Some(stand_in.endpoint.clone()),
        ..Default::default()
    }
    .into()
}

fn open(name: &str, stand_in: &StandIn, vault: &MemoryVault) -> (Desk, ProfileId) {
    let dir = cognito_desk_testbed::temp_dir(name);
    let desk = Desk::open(&dir.join("config"), Box::new(vault.clone()));
    let profile = desk.profiles().save(profile(stand_in)).expect("saved").id;
    (desk, profile)
}

async fn sign_in(desk: &Desk, profile: &ProfileId, factor: &str, password: &str) -> SignInOutcome {
    desk.signin()
        .sign_in_preferring(
            profile,
            &Username::new(USER),
            Password::new(password),
            Some(factor),
        )
        .await
        .expect("sign-in answered")
}

#[tokio::test]
async fn a_test_passkey_is_registered_signs_in_verified_twice_and_is_deleted() {
    let server = PasskeyServer::new(RP_ID, USER, true);
    let (signed, access) = tokens();
    let stand_in = StandIn::start(vec![
        password_sign_in(&signed),
        server.start_registration(&access),
        server.complete_registration(&access),
        server.list(&access),
        revoke(),
        server.initiate(CLIENT, "w1"),
        server.respond(CLIENT, "w1", signed.clone()),
        revoke(),
        server.initiate(CLIENT, "w2"),
        server.respond(CLIENT, "w2", signed.clone()),
        server.delete(&access),
        Exchange::new(
            "ListWebAuthnCredentials",
            json!({"AccessToken": access}),
            json!({"Credentials": []}),
        ),
    ])
    .await;
    let vault = MemoryVault::default();
    let (desk, profile) = open("wire-passkeys-flow", &stand_in, &vault);

    assert!(matches!(
        sign_in(&desk, &profile, "PASSWORD", PASSWORD).await,
        SignInOutcome::SignedIn { .. }
    ));
    let rows = desk
        .passkeys()
        .register_test_passkey()
        .await
        .expect("registered");
    let registered = server.state.lock().unwrap().credential_id.clone();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].credential_id, registered);
    assert!(rows[0].test_passkey, "the kept passkey is marked");
    let kept = vault
        .load_test_passkey(&profile, &Username::new(USER))
        .unwrap()
        .expect("the test passkey in the keychain");
    assert_eq!(kept.credential_id(), registered);
    desk.sign_out(false).await;

    // Two passkey sign-ins: each a new challenge, each assertion verified, the counter
    // rising and kept.
    for round in 0..2 {
        let SignInOutcome::Challenge { challenge, .. } =
            sign_in(&desk, &profile, "WEB_AUTHN", "").await
        else {
            panic!("the WEB_AUTHN challenge");
        };
        assert_eq!(
            challenge,
            ChallengeView::WebAuthn {
                username: USER.into(),
                relying_party_id: RP_ID.into(),
                user_verification_required: true,
                test_passkey: true,
            }
        );
        let SignInOutcome::SignedIn { session } = desk
            .signin()
            .answer_with_test_passkey()
            .await
            .expect("answered")
        else {
            panic!("tokens after the passkey");
        };
        assert_eq!(session.factors, [Factor::Passkey]);
        let counter = vault
            .load_test_passkey(&profile, &Username::new(USER))
            .unwrap()
            .and_then(|k| k.counter());
        assert_eq!(
            u64::from(counter.unwrap_or_default()),
            server.state.lock().unwrap().sign_count
        );
        if round == 0 {
            desk.sign_out(false).await;
        }
    }
    let shown = format!("{:?}", desk.calls().records());
    assert!(
        !shown.contains("signature\""),
        "the assertion is not in the call log"
    );

    // The checker can fail: a forged signature, another RP ID, and the first sign-in's
    // assertion replayed against the second's challenge are each refused (checked
    // against no counter seen, so each refusal is for its own reason), and a replayed
    // assertion is refused by its counter too.
    let (first, second, challenge) = {
        let s = server.state.lock().unwrap();
        (
            s.assertions[0].clone(),
            s.assertions[1].clone(),
            s.challenges.last().cloned().unwrap(),
        )
    };
    let mut forged = second.clone();
    forged["response"]["signature"] = json!(flip_a_byte(
        forged["response"]["signature"].as_str().unwrap()
    ));
    assert!(
        server
            .check_assertion_after(&second, &challenge, RP_ID, 0)
            .is_ok(),
        "the control holds"
    );
    let refused = server
        .check_assertion_after(&forged, &challenge, RP_ID, 0)
        .unwrap_err();
    assert!(refused.to_lowercase().contains("signature"), "{refused}");
    let refused = server
        .check_assertion_after(&second, &challenge, "other.example.com", 0)
        .unwrap_err();
    assert!(refused.to_lowercase().contains("rp id"), "{refused}");
    let refused = server
        .check_assertion_after(&first, &challenge, RP_ID, 0)
        .unwrap_err();
    assert!(refused.to_lowercase().contains("challenge"), "{refused}");
    let refused = server
        .check_assertion(&second, &challenge, RP_ID)
        .unwrap_err();
    assert!(refused.to_lowercase().contains("sign count"), "{refused}");

    let rows = desk.passkeys().delete(&registered).await.expect("deleted");
    assert!(rows.is_empty());
    assert!(vault
        .load_test_passkey(&profile, &Username::new(USER))
        .unwrap()
        .is_none());
    stand_in.assert_script_done();
}

#[tokio::test]
async fn a_passkey_deleted_at_the_server_is_said_and_another_way_is_offered() {
    let server = PasskeyServer::new(RP_ID, USER, false);
    let (signed, access) = tokens();
    let stand_in = StandIn::start(vec![
        password_sign_in(&signed),
        server.start_registration(&access),
        server.complete_registration(&access),
        server.list(&access),
        revoke(),
        // Cognito allows only a credential this computer does not hold.
        Exchange::checked("InitiateAuth", {
            let server = server.clone();
            move |_| Ok(server.web_authn_challenge("w1", Some("b3RoZXItY3JlZGVudGlhbA")))
        }),
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_AUTH", "ClientId": CLIENT, "AuthParameters": {"USERNAME": USER}}),
            json!({"ChallengeName": "SELECT_CHALLENGE", "Session": "s2",
                   "AvailableChallenges": ["PASSWORD", "WEB_AUTHN"]}),
        ),
    ])
    .await;
    let vault = MemoryVault::default();
    let (desk, profile) = open("wire-passkeys-deleted", &stand_in, &vault);
    sign_in(&desk, &profile, "PASSWORD", PASSWORD).await;
    desk.passkeys()
        .register_test_passkey()
        .await
        .expect("registered");
    desk.sign_out(false).await;

    sign_in(&desk, &profile, "WEB_AUTHN", "").await;
    let e = desk.signin().answer_with_test_passkey().await.unwrap_err();
    assert_eq!(e.code, Code::PasskeyNotFound);
    assert!(!e.sign_in_ended, "nothing was sent: the sign-in waits");
    let SignInOutcome::Challenge { challenge, .. } = desk
        .signin()
        .choose_another_way()
        .await
        .expect("the choice")
    else {
        panic!("SELECT_CHALLENGE");
    };
    assert!(
        matches!(challenge, ChallengeView::SelectChallenge { available, .. } if available.contains(&"PASSWORD".to_owned()))
    );
    stand_in.assert_script_done();
}

#[tokio::test]
async fn a_pool_without_passkeys_is_explained_and_a_refused_registration_keeps_nothing() {
    let server = PasskeyServer::new(RP_ID, USER, false);
    let (signed, access) = tokens();
    let stand_in = StandIn::start(vec![
        password_sign_in(&signed),
        Exchange::new(
            "StartWebAuthnRegistration",
            json!({"AccessToken": access}),
            json!({"__type": "WebAuthnNotEnabledException", "message": "WebAuthn is not enabled"}),
        ),
        server.start_registration(&access),
        Exchange::checked("CompleteWebAuthnRegistration", |_| {
            Ok(json!({"__type": "WebAuthnOriginNotAllowedException",
                      "message": "Origin not allowed for the relying party"}))
        }),
    ])
    .await;
    let vault = MemoryVault::default();
    let (desk, profile) = open("wire-passkeys-refused", &stand_in, &vault);
    sign_in(&desk, &profile, "PASSWORD", PASSWORD).await;
    let e = desk.passkeys().register_test_passkey().await.unwrap_err();
    assert_eq!(e.code, Code::WebAuthnNotEnabledException);
    assert!(e.hint.contains("WEB_AUTHN"), "{}", e.hint);
    assert!(vault
        .load_test_passkey(&profile, &Username::new(USER))
        .unwrap()
        .is_none());

    let e = desk.passkeys().register_test_passkey().await.unwrap_err();
    assert_eq!(e.code, Code::WebAuthnOriginNotAllowedException);
    assert!(
        vault
            .load_test_passkey(&profile, &Username::new(USER))
            .unwrap()
            .is_none(),
        "the key Cognito refused is not kept"
    );
    stand_in.assert_script_done();
}

fn flip_a_byte(b64url: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let mut bytes = URL_SAFE_NO_PAD.decode(b64url).expect("base64url");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    URL_SAFE_NO_PAD.encode(bytes)
}
