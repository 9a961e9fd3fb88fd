//! Faults: a server that never answers, throttling and failing answers, an emulator
//! that goes away between the password and the code or restarts mid-session, a locked
//! keychain, a read-only config folder. Each case ends in a clear error within a
//! bounded time, with the core alive and nothing lost (the profile, the challenge
//! waiting for its code, the saved session). The throttling and status answers come from small
//! stand-ins — WIRE-SHAPE, not emulator tests: no emulator produces them.

use cognito_desk_core::dto::{RestoreOutcome, SignInOutcome};
use cognito_desk_core::ids::{ClientId, PoolId, ProfileId, Username};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::vault::{MemoryVault, OsKeychain};
use cognito_desk_core::{Code, Desk, Error};
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::keychain::PrivateKeychain;
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

/// Runs `case` as an ordinary user meets file permissions: root skips them
/// (CAP_DAC_OVERRIDE), so the thread that runs the case gives those capabilities up
/// first (capabilities belong to a thread). Without root it changes nothing.
fn without_root_overrides<T: Send>(case: impl FnOnce() -> T + Send) -> T {
    use caps::{CapSet, Capability};
    std::thread::scope(|s| {
        s.spawn(|| {
            for cap in [
                Capability::CAP_DAC_OVERRIDE,
                Capability::CAP_DAC_READ_SEARCH,
            ] {
                caps::drop(None, CapSet::Effective, cap).expect("drop a capability");
            }
            case()
        })
        .join()
        .expect("the case's thread")
    })
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_config_folder_refuses_a_save_in_words_and_loses_nothing() {
    let config = temp_dir("faults-read-only").join("config");
    let desk = Desk::open(&config, Box::new(MemoryVault::default()));
    let settings = |name: &str| ProfileSettings {
        name: name.into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new("us-east-1_ReadOnly"),
        client_id: ClientId::new("readonlyclient"),
        ..Default::default()
    };
    desk.profiles()
        .save(ProfileInput::from(settings("Kept")))
        .unwrap();
    let file = config.join("profiles.json");
    let before = std::fs::read(&file).unwrap();
    set_mode(&file, 0o400);
    set_mode(&config, 0o500);

    let (refused, listed, reopened) = without_root_overrides(|| {
        let refused = desk
            .profiles()
            .save(ProfileInput::from(settings("New")))
            .unwrap_err();
        let listed = desk.profiles().view().profiles.len();
        // A window started on the read-only folder still reads it.
        let reopened = Desk::open(&config, Box::new(MemoryVault::default()))
            .profiles()
            .view()
            .profiles
            .len();
        (refused, listed, reopened)
    });
    assert_eq!(refused.code, Code::ProfilesWriteFailed, "{refused:?}");
    assert!(
        refused.message.contains("Permission denied"),
        "{}",
        refused.message
    );
    assert!(refused.hint.contains("writable"), "{}", refused.hint);
    assert_eq!(listed, 1, "the refused profile is not listed as if saved");
    assert_eq!(reopened, 1);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is unchanged"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&config).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    // Writable again: the same core saves.
    set_mode(&config, 0o700);
    set_mode(&file, 0o600);
    desk.profiles()
        .save(ProfileInput::from(settings("New")))
        .unwrap();
    assert_eq!(desk.profiles().view().profiles.len(), 2);
}

/// A moto bed with the demo user signed in (no MFA): its session kept in the keychain.
async fn signed_in_on_moto(name: &str) -> Bed {
    let bed = Bed::new(Kind::Moto, name, PoolOptions::default()).await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let outcome = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap();
    assert!(
        matches!(outcome, SignInOutcome::SignedIn { .. }),
        "{outcome:?}"
    );
    bed
}

#[tokio::test]
async fn moto_restarted_mid_session_is_said_in_words_and_the_session_is_kept() {
    let mut bed = signed_in_on_moto("faults-restart").await;
    let port = bed.emu.port;

    // Down: the refresh fails as a network error; the session stays.
    bed.emu.stop();
    let e = bed.desk.session().refresh().await.unwrap_err();
    assert_eq!(e.code, Code::NetworkUnreachable, "{e:?}");
    assert!(bed.desk.session().current().is_some());

    // Back with none of its state (moto keeps nothing across a restart): the pool the
    // profile names is gone, which is said as such, not as a revoked session.
    bed.emu = Emulator::start_on(Kind::Moto, &bed.dir.join("restarted"), port).unwrap();
    let e = bed.desk.session().refresh().await.unwrap_err();
    assert_eq!(e.code, Code::ResourceNotFoundException, "{e:?}");
    assert!(!e.hint.is_empty(), "{e:?}");
    assert!(
        bed.desk.session().current().is_some(),
        "the session is kept"
    );
    assert_eq!(
        bed.desk.session().saved_user(&bed.profile.id),
        Some(Username::new(USER)),
        "the keychain entry is kept"
    );
    assert!(bed.desk.profiles().get(&bed.profile.id).is_ok());

    // The core goes on: a sign-in on the restarted emulator is refused in words too.
    let e = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(e.code, Code::ResourceNotFoundException, "{e:?}");
}

#[tokio::test]
async fn a_locked_keychain_is_said_as_locked_and_the_saved_session_waits_for_it() {
    let keychain = PrivateKeychain::start(&temp_dir("faults-locked-keychain")).unwrap();
    let bed = signed_in_on_moto("faults-locked").await;
    let next_start = || Desk::open(&bed.dir.join("config"), Box::new(OsKeychain::default()));

    keychain.lock().unwrap();
    let locked = next_start();
    let RestoreOutcome::Failed { error } = locked.session().restore().await else {
        panic!("a locked keychain restored a session");
    };
    assert_eq!(error.code, Code::KeychainUnavailable, "{error:?}");
    assert!(error.message.contains("locked"), "{}", error.message);
    assert!(
        !error.message.contains("Bus"),
        "no D-Bus words: {}",
        error.message
    );
    assert!(error.hint.contains("unlock"), "{}", error.hint);
    assert_eq!(
        locked.session().saved_user(&bed.profile.id),
        Some(Username::new(USER)),
        "the saved session waits for the keychain"
    );
    assert!(locked.profiles().get(&bed.profile.id).is_ok());

    keychain.unlock().unwrap();
    let unlocked = next_start();
    let outcome = unlocked.session().restore().await;
    assert!(
        matches!(outcome, RestoreOutcome::Restored { .. }),
        "{outcome:?}"
    );
}
