//! Errors that are really flows, on ministack (AUTH=true), whose codes are fixed — 123456
//! for sign-up, 654321 for a password reset — and checked: a forgotten password, a
//! password an administrator reset, and an account not confirmed yet. The app client
//! has a secret, so every call also proves SecretHash.

use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::ids::Username;
use cognito_desk_core::secret::Password;
use cognito_desk_core::Code;
use cognito_desk_testbed::bed::Bed;
use cognito_desk_testbed::emulator::Kind;
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};

const USER: &str = "demo@example.com";
const NEW_PASSWORD: &str = "Brand-new-Passw0rd";
const SIGN_UP_CODE: &str = "123456";
const RESET_CODE: &str = "654321";

async fn bed(name: &str) -> Bed {
    let opts = PoolOptions {
        client_secret: true,
        ..PoolOptions::default()
    };
    Bed::new(Kind::Ministack, name, opts).await
}

fn user() -> Username {
    Username::new(USER)
}

async fn signs_in(bed: &Bed, password: &str) -> bool {
    matches!(
        bed.sign_in(USER, password).await,
        Ok(SignInOutcome::SignedIn { .. })
    )
}

#[tokio::test]
async fn ministack_forgot_password_then_the_new_one_signs_in() {
    let bed = bed("forgot").await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    let signin = bed.desk.signin();
    let delivery = signin
        .forgot_password(&bed.profile.id, &user())
        .await
        .expect("a code is sent");
    assert_eq!(delivery.medium.as_deref(), Some("EMAIL"));
    let destination = delivery.destination.unwrap_or_default();
    assert!(
        destination.contains('*') && !destination.contains("demo@"),
        "{destination}"
    );
    let e = signin
        .confirm_forgot_password(
            &bed.profile.id,
            &user(),
            "111 111",
            Password::new(NEW_PASSWORD),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::DeliveredCodeMismatch, "{e:?}");
    signin
        .confirm_forgot_password(
            &bed.profile.id,
            &user(),
            RESET_CODE,
            Password::new(NEW_PASSWORD),
        )
        .await
        .expect("password set");
    assert!(signs_in(&bed, NEW_PASSWORD).await);
    assert_eq!(
        bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err().code,
        Code::NotAuthorizedException
    );
}

#[tokio::test]
async fn ministack_a_reset_by_the_administrator_is_a_flow() {
    let bed = bed("admin-reset").await;
    seed::create_user(&bed.emu, &bed.pool, USER, DEMO_PASSWORD)
        .await
        .unwrap();
    bed.emu
        .admin_client()
        .await
        .admin_reset_user_password()
        .user_pool_id(&bed.pool.pool_id)
        .username(USER)
        .send()
        .await
        .unwrap();
    let e = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(e.code, Code::PasswordResetRequiredException, "{e:?}");
    assert!(e.hint.contains("Forgot password"), "{}", e.hint);
    bed.desk
        .signin()
        .confirm_forgot_password(
            &bed.profile.id,
            &user(),
            RESET_CODE,
            Password::new(NEW_PASSWORD),
        )
        .await
        .expect("password set");
    assert!(signs_in(&bed, NEW_PASSWORD).await);
}

#[tokio::test]
async fn ministack_an_unconfirmed_account_is_confirmed_with_its_code() {
    let bed = bed("confirm").await;
    // SignUp as an app would do it (public call, with SecretHash).
    bed.pool
        .public_client()
        .await
        .sign_up()
        .client_id(&bed.pool.client_id)
        .username(USER)
        .password(DEMO_PASSWORD)
        .set_secret_hash(bed.pool.secret_hash(USER))
        .user_attributes(
            aws_sdk_cognitoidentityprovider::types::AttributeType::builder()
                .name("email")
                .value(USER)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("signed up");
    let e = bed.sign_in(USER, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(e.code, Code::UserNotConfirmedException);
    let signin = bed.desk.signin();
    let delivery = signin
        .resend_confirmation_code(&bed.profile.id, &user())
        .await
        .expect("a new code");
    assert_eq!(delivery.medium.as_deref(), Some("EMAIL"));
    let e = signin
        .confirm_sign_up(&bed.profile.id, &user(), "000000")
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::DeliveredCodeMismatch, "{e:?}");
    signin
        .confirm_sign_up(&bed.profile.id, &user(), SIGN_UP_CODE)
        .await
        .expect("confirmed");
    assert!(signs_in(&bed, DEMO_PASSWORD).await);
}
