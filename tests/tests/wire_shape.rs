//! WIRE-SHAPE TESTS (not emulator tests): the flows no installable server speaks —
//! choice-based sign-in (USER_AUTH, SELECT_CHALLENGE, EMAIL_OTP, SMS_OTP), MFA setup by
//! email, SELECT_MFA_TYPE, a new password with required attributes — against
//! `wire::StandIn`, which replays AWS's documented answers and asserts every request
//! the app sends, byte for byte as JSON: flow, challenge name, response keys,
//! SECRET_HASH (the profile's client has a secret) and the Session echoed back. The
//! sessions' refresh tokens go to an in-memory vault: the keychain is not under test.

use cognito_desk_core::appclient::secret_hash;
use cognito_desk_core::dto::{ChallengeView, SignInOutcome};
use cognito_desk_core::ids::{ClientId, PoolId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::{ClientSecret, Password};
use cognito_desk_core::session::Factor;
use cognito_desk_core::vault::MemoryVault;
use cognito_desk_core::{Code, Desk};
use cognito_desk_testbed::wire::{authentication_result, Exchange, StandIn};
use serde_json::{json, Value};

const POOL: &str = "us-east-1_WireShape";
const CLIENT: &str = "wireshapeclient0000000001";
const SECRET: &str = "wire-shape-client-secret";
const USER: &str = "dana@example.com";

fn hash(username: &str) -> String {
    secret_hash(&ClientSecret::new(SECRET), username, CLIENT)
}

struct World {
    stand_in: StandIn,
    desk: Desk,
    profile: cognito_desk_core::ids::ProfileId,
}

async fn world(
    name: &str,
    flow: SignInFlow,
    preferred: Option<&str>,
    script: Vec<Exchange>,
) -> World {
    let dir = cognito_desk_testbed::temp_dir(&format!("wire-{name}"));
    let stand_in = StandIn::start(script).await;
    let desk = Desk::open(&dir.join("config"), Box::new(MemoryVault::default()));
    let mut input: ProfileInput = ProfileSettings {
        name: "Wire".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new(POOL),
        client_id: ClientId::new(CLIENT),
        sign_in_flow: flow,
        preferred_challenge: preferred.map(str::to_owned),
        has_client_secret: true,
        endpoint: Some(stand_in.endpoint.clone()),
        ..Default::default()
    }
    .into();
    input.client_secret = Some(ClientSecret::new(SECRET));
    let saved = desk.profiles().save(input).expect("profile saved");
    World {
        stand_in,
        desk,
        profile: saved.id,
    }
}

impl World {
    async fn sign_in(&self, password: &str) -> Result<SignInOutcome, cognito_desk_core::Error> {
        self.desk
            .signin()
            .sign_in(&self.profile, &Username::new(USER), Password::new(password))
            .await
    }
}

fn initiate(flow: &str, extra: Value) -> Value {
    let mut params = json!({"USERNAME": USER, "SECRET_HASH": hash(USER)});
    if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    json!({"AuthFlow": flow, "ClientId": CLIENT, "AuthParameters": params})
}

fn respond(challenge: &str, session: &str, extra: Value) -> Value {
    let mut responses = json!({"USERNAME": USER, "SECRET_HASH": hash(USER)});
    if let (Some(r), Some(e)) = (responses.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    json!({"ClientId": CLIENT, "ChallengeName": challenge, "Session": session, "ChallengeResponses": responses})
}

fn challenge(name: &str, session: &str, params: Value) -> Value {
    json!({"ChallengeName": name, "Session": session, "ChallengeParameters": params})
}

fn tokens() -> Value {
    authentication_result(POOL, CLIENT, USER)
}

/// Cognito's EMAIL_OTP challenge, as it documents it.
fn email_otp_challenge(session: &str) -> Value {
    challenge(
        "EMAIL_OTP",
        session,
        json!({"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "d***@e***"}),
    )
}

/// The last answer of a script: `responses` to `name`, and the tokens.
fn answered_with_tokens(name: &str, session: &str, responses: Value) -> Exchange {
    Exchange::new(
        "RespondToAuthChallenge",
        respond(name, session, responses),
        tokens(),
    )
}

/// MFA_SETUP's methods and the enrollment shown, or a panic naming what came instead.
fn mfa_setup_of(outcome: SignInOutcome) -> (Vec<String>, bool) {
    match outcome {
        SignInOutcome::Challenge {
            challenge:
                ChallengeView::MfaSetup {
                    allowed,
                    enrollment,
                    ..
                },
            ..
        } => (allowed, enrollment.is_some()),
        other => panic!("expected MFA_SETUP, got {other:?}"),
    }
}

fn signed_in_factors(outcome: SignInOutcome) -> Vec<Factor> {
    match outcome {
        SignInOutcome::SignedIn { session } => session.factors,
        other => panic!("expected tokens, got {other:?}"),
    }
}

#[tokio::test]
async fn user_auth_offers_the_choice_then_an_email_code() {
    let w = world(
        "select-email",
        SignInFlow::UserAuth,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_AUTH", json!({})),
                json!({"ChallengeName": "SELECT_CHALLENGE", "Session": "s1", "ChallengeParameters": {},
                       "AvailableChallenges": ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]}),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                respond("SELECT_CHALLENGE", "s1", json!({"ANSWER": "EMAIL_OTP"})),
                email_otp_challenge("s2"),
            ),
            answered_with_tokens("EMAIL_OTP", "s2", json!({"EMAIL_OTP_CODE": "12345678"})),
        ],
    )
    .await;
    // No password: the first factor is picked after Cognito lists them.
    let outcome = w.sign_in("").await.expect("SELECT_CHALLENGE");
    let SignInOutcome::Challenge {
        challenge: ChallengeView::SelectChallenge { available, .. },
        started_at,
    } = outcome
    else {
        panic!("expected SELECT_CHALLENGE, got {outcome:?}");
    };
    assert_eq!(
        available,
        ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]
    );
    assert!(started_at > 0);
    let outcome = w
        .desk
        .signin()
        .select_challenge("EMAIL_OTP", Password::new(""))
        .await
        .expect("EMAIL_OTP");
    let SignInOutcome::Challenge {
        challenge:
            ChallengeView::DeliveredCode {
                challenge,
                destination,
                medium,
                ..
            },
        ..
    } = outcome
    else {
        panic!("expected EMAIL_OTP, got {outcome:?}");
    };
    assert_eq!(challenge, "EMAIL_OTP");
    assert_eq!(destination.as_deref(), Some("d***@e***"));
    assert_eq!(medium.as_deref(), Some("EMAIL"));
    let outcome = w
        .desk
        .signin()
        .answer_code("1234 5678")
        .await
        .expect("tokens");
    assert_eq!(signed_in_factors(outcome), [Factor::EmailCode]);
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn user_auth_with_a_preferred_sms_code() {
    let w = world(
        "preferred-sms",
        SignInFlow::UserAuth,
        Some("SMS_OTP"),
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_AUTH", json!({"PREFERRED_CHALLENGE": "SMS_OTP"})),
                challenge("SMS_OTP", "s1", json!({
                    "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******0100"})),
            ),
            answered_with_tokens("SMS_OTP", "s1", json!({"SMS_OTP_CODE": "123456"})),
        ],
    )
    .await;
    let outcome = w.sign_in("").await.expect("SMS_OTP");
    assert!(
        matches!(&outcome, SignInOutcome::Challenge { challenge: ChallengeView::DeliveredCode { challenge, .. }, .. } if challenge == "SMS_OTP"),
        "{outcome:?}"
    );
    // A code pasted with a space is sent as its digits.
    let outcome = w
        .desk
        .signin()
        .answer_code("123 456")
        .await
        .expect("tokens");
    assert_eq!(signed_in_factors(outcome), [Factor::SmsCode]);
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn user_auth_choice_of_the_password() {
    let w = world(
        "select-password",
        SignInFlow::UserAuth,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_AUTH", json!({})),
                json!({"ChallengeName": "SELECT_CHALLENGE", "Session": "s1", "ChallengeParameters": {},
                       "AvailableChallenges": ["PASSWORD", "EMAIL_OTP"]}),
            ),
            answered_with_tokens("SELECT_CHALLENGE", "s1", json!({"ANSWER": "PASSWORD", "PASSWORD": "Demo-Passw0rd!"})),
        ],
    )
    .await;
    w.sign_in("").await.expect("SELECT_CHALLENGE");
    // The password factor needs a password: refused here, before any request.
    let e = w
        .desk
        .signin()
        .select_challenge("PASSWORD", Password::new(""))
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::MissingCredentials);
    // A choice Cognito did not offer is refused here too.
    let e = w
        .desk
        .signin()
        .select_challenge("SMS_OTP", Password::new("x"))
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::InvalidParameterException);
    let outcome = w
        .desk
        .signin()
        .select_challenge("PASSWORD", Password::new("Demo-Passw0rd!"))
        .await
        .expect("tokens");
    assert_eq!(signed_in_factors(outcome), [Factor::Password]);
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn mfa_setup_by_email_then_the_email_code() {
    let w = world(
        "setup-email",
        SignInFlow::Password,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_PASSWORD_AUTH", json!({"PASSWORD": "Demo-Passw0rd!"})),
                challenge(
                    "MFA_SETUP",
                    "s1",
                    json!({"MFAS_CAN_SETUP": "[\"EMAIL_OTP\"]"}),
                ),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                respond("MFA_SETUP", "s1", json!({"EMAIL": "dana@example.com"})),
                email_otp_challenge("s2"),
            ),
            answered_with_tokens("EMAIL_OTP", "s2", json!({"EMAIL_OTP_CODE": "87654321"})),
        ],
    )
    .await;
    let outcome = w.sign_in("Demo-Passw0rd!").await.expect("MFA_SETUP");
    let (allowed, enrollment_shown) = mfa_setup_of(outcome);
    assert_eq!(allowed, ["EMAIL_OTP"]);
    assert!(!enrollment_shown, "no authenticator offered, none set up");
    w.desk
        .signin()
        .answer_mfa_setup_email(" dana@example.com ")
        .await
        .expect("EMAIL_OTP");
    let outcome = w
        .desk
        .signin()
        .answer_code("87654321")
        .await
        .expect("tokens");
    assert_eq!(
        signed_in_factors(outcome),
        [Factor::Password, Factor::EmailCode]
    );
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn select_mfa_type_then_the_sms_code() {
    let w = world(
        "select-mfa",
        SignInFlow::Password,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_PASSWORD_AUTH", json!({"PASSWORD": "Demo-Passw0rd!"})),
                challenge("SELECT_MFA_TYPE", "s1", json!({
                    "MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]", "USER_ID_FOR_SRP": USER})),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                respond("SELECT_MFA_TYPE", "s1", json!({"ANSWER": "SMS_MFA"})),
                challenge("SMS_MFA", "s2", json!({
                    "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******0100"})),
            ),
            answered_with_tokens("SMS_MFA", "s2", json!({"SMS_MFA_CODE": "246810"})),
        ],
    )
    .await;
    let outcome = w.sign_in("Demo-Passw0rd!").await.expect("SELECT_MFA_TYPE");
    let SignInOutcome::Challenge {
        challenge: ChallengeView::SelectMfaType { options, .. },
        ..
    } = outcome
    else {
        panic!("expected SELECT_MFA_TYPE, got {outcome:?}");
    };
    assert_eq!(options, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    w.desk
        .signin()
        .select_mfa("SMS_MFA")
        .await
        .expect("SMS_MFA");
    let outcome = w
        .desk
        .signin()
        .answer_code("246-810")
        .await
        .expect("tokens");
    assert_eq!(
        signed_in_factors(outcome),
        [Factor::Password, Factor::SmsCode]
    );
    w.stand_in.assert_script_done();
}

#[tokio::test]
async fn a_new_password_with_the_attributes_the_pool_requires() {
    let w = world(
        "new-password-attributes",
        SignInFlow::Password,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_PASSWORD_AUTH", json!({"PASSWORD": "Temp-Passw0rd1"})),
                challenge(
                    "NEW_PASSWORD_REQUIRED",
                    "s1",
                    json!({
                    "requiredAttributes": "[\"userAttributes.name\"]",
                    "userAttributes": "{\"email\":\"dana@example.com\"}"}),
                ),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                respond(
                    "NEW_PASSWORD_REQUIRED",
                    "s1",
                    json!({
                    "NEW_PASSWORD": "Demo-Passw0rd!", "userAttributes.name": "Dana Example"}),
                ),
                tokens(),
            ),
        ],
    )
    .await;
    let outcome = w
        .sign_in("Temp-Passw0rd1")
        .await
        .expect("NEW_PASSWORD_REQUIRED");
    let SignInOutcome::Challenge {
        challenge:
            ChallengeView::NewPasswordRequired {
                required_attributes,
                ..
            },
        ..
    } = outcome
    else {
        panic!("expected NEW_PASSWORD_REQUIRED, got {outcome:?}");
    };
    assert_eq!(required_attributes, ["name"]);
    // Without the attribute: refused here, the challenge stays open.
    let e = w
        .desk
        .signin()
        .answer_new_password(Password::new("Demo-Passw0rd!"), &[])
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::MissingAttributes);
    assert!(e.message.contains("name"));
    let attributes = [("name".to_owned(), " Dana Example ".to_owned())];
    w.desk
        .signin()
        .answer_new_password(Password::new("Demo-Passw0rd!"), &attributes)
        .await
        .expect("tokens");
    w.stand_in.assert_script_done();
}

/// MFA_SETUP offering the app and email: nothing is set up before the user picks. Picking
/// the app runs AssociateSoftwareToken, which uses the challenge's session up; going for
/// email after all answers with the session Associate returned.
#[tokio::test]
async fn mfa_setup_offering_both_waits_for_the_choice_and_answers_with_the_newest_session() {
    let w = world(
        "setup-both",
        SignInFlow::Password,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_PASSWORD_AUTH", json!({"PASSWORD": "Demo-Passw0rd!"})),
                challenge(
                    "MFA_SETUP",
                    "s1",
                    json!({
                    "MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"}),
                ),
            ),
            Exchange::new(
                "AssociateSoftwareToken",
                json!({"Session": "s1"}),
                json!({"SecretCode": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "Session": "s2"}),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                respond("MFA_SETUP", "s2", json!({"EMAIL": USER})),
                email_otp_challenge("s3"),
            ),
            answered_with_tokens("EMAIL_OTP", "s3", json!({"EMAIL_OTP_CODE": "24681357"})),
        ],
    )
    .await;
    let outcome = w.sign_in("Demo-Passw0rd!").await.expect("MFA_SETUP");
    let (allowed, enrollment_shown) = mfa_setup_of(outcome);
    assert_eq!(allowed, ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]);
    assert!(!enrollment_shown, "nothing set up before the choice");
    assert_eq!(w.stand_in.received().len(), 1);
    let outcome = w
        .desk
        .signin()
        .setup_authenticator()
        .await
        .expect("enrollment");
    assert!(mfa_setup_of(outcome).1, "the app is set up once picked");
    w.desk
        .signin()
        .answer_mfa_setup_email(USER)
        .await
        .expect("EMAIL_OTP");
    let outcome = w
        .desk
        .signin()
        .answer_code("24681357")
        .await
        .expect("tokens");
    assert_eq!(
        signed_in_factors(outcome),
        [Factor::Password, Factor::EmailCode]
    );
    w.stand_in.assert_script_done();
}

/// The name Cognito answers with (USER_ID_FOR_SRP) is the one every later answer sends
/// and hashes, not the alias that was typed.
#[tokio::test]
async fn answers_use_and_hash_the_name_cognito_gave() {
    let canonical = "8d1c5f2e-wire-user";
    let w = world(
        "canonical",
        SignInFlow::Password,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_PASSWORD_AUTH", json!({"PASSWORD": "Demo-Passw0rd!"})),
                challenge(
                    "SMS_MFA",
                    "s1",
                    json!({
                    "USER_ID_FOR_SRP": canonical, "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                    "CODE_DELIVERY_DESTINATION": "+*******0100"}),
                ),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                json!({"ClientId": CLIENT, "ChallengeName": "SMS_MFA", "Session": "s1",
                       "ChallengeResponses": {"USERNAME": canonical, "SMS_MFA_CODE": "112233",
                                              "SECRET_HASH": hash(canonical)}}),
                authentication_result(POOL, CLIENT, canonical),
            ),
        ],
    )
    .await;
    w.sign_in("Demo-Passw0rd!").await.expect("SMS_MFA");
    w.desk.signin().answer_code("112233").await.expect("tokens");
    w.stand_in.assert_script_done();
}

/// A wrong code leaves the challenge open (the same session may answer again); an
/// answer Cognito refuses for the whole sign-in ends it.
#[tokio::test]
async fn a_wrong_code_keeps_the_challenge_and_a_refusal_ends_it() {
    let w = world(
        "retry",
        SignInFlow::Password,
        None,
        vec![
            Exchange::new(
                "InitiateAuth",
                initiate("USER_PASSWORD_AUTH", json!({"PASSWORD": "Demo-Passw0rd!"})),
                challenge("SMS_MFA", "s1", json!({})),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                respond("SMS_MFA", "s1", json!({"SMS_MFA_CODE": "000000"})),
                json!({"__type": "CodeMismatchException", "message": "Invalid code or auth state for the user."}),
            ),
            Exchange::new(
                "RespondToAuthChallenge",
                respond("SMS_MFA", "s1", json!({"SMS_MFA_CODE": "111111"})),
                json!({"__type": "NotAuthorizedException", "message": "Invalid session for the user, session is expired."}),
            ),
        ],
    )
    .await;
    w.sign_in("Demo-Passw0rd!").await.expect("SMS_MFA");
    let signin = w.desk.signin();
    // Refused here, before any request: still open.
    assert_eq!(
        signin.answer_code("12").await.unwrap_err().code,
        Code::InvalidDeliveredCode
    );
    let e = signin.answer_code("000000").await.unwrap_err();
    assert_eq!(e.code, Code::DeliveredCodeMismatch);
    assert!(!e.sign_in_ended);
    assert!(signin.has_pending_challenge());
    let e = signin.answer_code("111111").await.unwrap_err();
    assert_eq!(e.code, Code::SessionExpired);
    assert!(e.sign_in_ended);
    assert!(!signin.has_pending_challenge());
    w.stand_in.assert_script_done();
}
