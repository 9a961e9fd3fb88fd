//! Faults: a server that never answers, throttling and failing answers, and an emulator
//! that goes away between the password and the code. Each case ends in a clear error
//! within a bounded time, with the core alive and nothing lost (the profile, the
//! challenge waiting for its code). The throttling and status answers come from small
//! stand-ins — WIRE-SHAPE, not emulator tests: no emulator produces them.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::ids::{ClientId, PoolId, ProfileId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::vault::MemoryVault;
use cognito_desk_core::{Code, Desk, Error};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::wire::{Exchange, StandIn};
use cognito_desk_testbed::{temp_dir, totp};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const USER: &str = "demo@example.com";

/// A core whose profile points at `endpoint`.
fn desk_on(endpoint: &str) -> (Desk, ProfileId) {
    let dir = temp_dir("faults");
    let desk = Desk::open(&dir.join("config"), Box::new(MemoryVault::default()));
    let input = ProfileInput::from(ProfileSettings {
        name: "Faulty".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new("us-east-1_Faults"),
        client_id: ClientId::new("faultsclient"),
        endpoint: Some(endpoint.to_owned()),
        sign_in_flow: SignInFlow::Password,
        ..Default::default()
    });
    let id = desk.profiles().save(input).expect("profile").id;
    (desk, id)
}

async fn sign_in(desk: &Desk, profile: &ProfileId) -> Result<SignInOutcome, Error> {
    desk.signin()
        .sign_in(profile, &Username::new(USER), Password::new(DEMO_PASSWORD))
        .await
}

/// A server on 127.0.0.1 that reads each request and answers it with `reply`, or never
/// answers at all (`None`).
async fn raw_server(reply: Option<&'static str>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = vec![0u8; 64 * 1024];
            let _ = socket.read(&mut request).await;
            match reply {
                Some(reply) => {
                    let _ = socket.write_all(reply.as_bytes()).await;
                }
                // Keep the connection open and silent.
                None => held.push(socket),
            }
        }
    });
    endpoint
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_with_a_message() {
    let endpoint = raw_server(None).await;
    let (desk, profile) = desk_on(&endpoint);
    let started = Instant::now();
    let e = sign_in(&desk, &profile).await.unwrap_err();
    let waited = started.elapsed();
    assert_eq!(e.code, Code::NetworkUnreachable, "{e:?}");
    assert!(e.message.contains(&endpoint), "{e:?}");
    assert!(waited < Duration::from_secs(40), "gave up after {waited:?}");
    // Alive, and the profile is still there.
    assert!(desk.profiles().get(&profile).is_ok());
    assert!(!desk.signin().has_pending_challenge());
}

#[tokio::test]
async fn throttling_and_failing_servers_are_said_in_words() {
    // Cognito's own throttling answer, as AWS documents it.
    let throttled = Exchange::new(
        "InitiateAuth",
        serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "faultsclient",
            "AuthParameters": {"USERNAME": USER, "PASSWORD": DEMO_PASSWORD}}),
        serde_json::json!({"__type": "TooManyRequestsException", "message": "Rate exceeded"}),
    );
    let stand_in = StandIn::start(vec![throttled.clone(), throttled]).await;
    let (desk, profile) = desk_on(&stand_in.endpoint);
    let e = sign_in(&desk, &profile).await.unwrap_err();
    assert_eq!(e.code, Code::TooManyRequestsException, "{e:?}");
    assert!(!e.hint.is_empty());
    stand_in.assert_script_done();

    // A proxy's bare 429 and 503 (no Cognito body).
    for (reply, code, said) in [
        (
            "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n",
            Code::TooManyRequestsException,
            "HTTP 429",
        ),
        (
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
            Code::InternalErrorException,
            "HTTP 503",
        ),
    ] {
        let (desk, profile) = desk_on(&raw_server(Some(reply)).await);
        let e = sign_in(&desk, &profile).await.unwrap_err();
        assert_eq!(e.code, code, "{e:?}");
        assert!(e.message.contains(said), "{e:?}");
        assert!(desk.profiles().get(&profile).is_ok());
    }
}

#[tokio::test]
async fn moto_gone_between_the_password_and_the_code_keeps_the_challenge() {
    let mut bed = Bed::new(Kind::Moto, "faults-totp", PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let secret = seed::enroll_totp(&bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    assert!(matches!(outcome, SignInOutcome::Challenge { .. }));
    bed.emu.stop();
    let code = totp::fresh_code(&secret).await.unwrap();
    let e = bed.desk.signin().answer_totp(&code).await.unwrap_err();
    assert_eq!(e.code, Code::NetworkUnreachable, "{e:?}");
    assert!(!e.sign_in_ended, "a network error keeps the challenge");
    assert!(bed.desk.signin().has_pending_challenge());
    assert!(bed.desk.session().current().is_none());
    assert!(bed.desk.profiles().get(&bed.profile.id).is_ok());
}
