//! WIRE-SHAPE TEST (not an emulator test): neither moto nor ministack checks that an
//! identity id exists — both hand out credentials for any id — so the recovery from a
//! stale kept identity id (an identity pool or user re-created since) is proven against
//! `wire::StandIn`, which answers GetCredentialsForIdentity for the stale id the way
//! AWS documents it (ResourceNotFoundException) and asserts every request exactly.

use cognito_desk_core::ids::{ClientId, PoolId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::vault::MemoryVault;
use cognito_desk_core::Desk;
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use serde_json::json;

const POOL: &str = "us-east-1_WireShape";
const CLIENT: &str = "wireshapeclient0000000001";
const USER: &str = "dana@example.com";
const IDENTITY_POOL: &str = "us-east-1:11111111-2222-3333-4444-555555555555";
const STALE: &str = "us-east-1:00000000-0000-0000-0000-000000000000";
const FRESH: &str = "us-east-1:99999999-8888-7777-6666-555555555555";

#[tokio::test]
async fn a_stale_kept_identity_id_is_dropped_and_asked_for_again_once() {
    let dir = cognito_desk_testbed::temp_dir("wire-identity");
    let config = dir.join("config");
    let auth = authentication_result(POOL, CLIENT, USER);
    let id_token = auth["AuthenticationResult"]["IdToken"].clone();
    let logins = json!({ format!("cognito-idp.us-east-1.amazonaws.com/{POOL}"): id_token });
    let credentials = json!({"IdentityId": FRESH, "Credentials": {
        "AccessKeyId": "ASIAWIRESHAPE", "SecretKey": "wire-secret", "SessionToken": "wire-session",
        "Expiration": 4102444800.0}});
    let stand_in = StandIn::start(vec![
        Exchange::new(
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                "AuthParameters": {"USERNAME": USER, "PASSWORD": "Demo-Passw0rd!"}}),
            auth,
        ),
        Exchange::new(
            "GetCredentialsForIdentity",
            json!({"IdentityId": STALE, "Logins": logins}),
            json!({"__type": "ResourceNotFoundException", "message": format!("Identity '{STALE}' not found.")}),
        ),
        Exchange::new(
            "GetId",
            json!({"IdentityPoolId": IDENTITY_POOL, "Logins": logins}),
            json!({"IdentityId": FRESH}),
        ),
        Exchange::new(
            "GetCredentialsForIdentity",
            json!({"IdentityId": FRESH, "Logins": logins}),
            credentials,
        ),
    ])
    .await;

    let desk = Desk::open(&config, Box::new(MemoryVault::default()));
    let input: ProfileInput = ProfileSettings {
        name: "Wire".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        sign_in_flow: SignInFlow::Password,
        identity_pool_id: Some(IDENTITY_POOL.into()),
        endpoint: Some(stand_in.endpoint.clone()),
        ..Default::default()
    }
    .into();
    let profile = desk.profiles().save(input).expect("profile saved").id;
    // What an earlier process kept, before the identity pool was re-created.
    let key = format!("{profile}/{USER}@{IDENTITY_POOL}");
    std::fs::write(
        config.join("identities.json"),
        json!({ key.clone(): STALE }).to_string(),
    )
    .unwrap();

    let desk = Desk::open(&config, Box::new(MemoryVault::default()));
    desk.signin()
        .sign_in(
            &profile,
            &Username::new(USER),
            Password::new("Demo-Passw0rd!"),
        )
        .await
        .expect("signed in");
    let creds = desk.credentials().get().await.expect("recovered");
    stand_in.assert_script_done();
    assert_eq!(creds.identity_id, FRESH);
    let kept: serde_json::Value =
        serde_json::from_slice(&std::fs::read(config.join("identities.json")).unwrap()).unwrap();
    assert_eq!(
        kept,
        json!({ key: FRESH }),
        "the fresh id replaces the stale one"
    );
}
