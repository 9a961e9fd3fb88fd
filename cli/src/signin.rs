//! Signing in from a shell: the password, then every challenge the core answers, from
//! the options given, the test authenticator, or a prompt when a person is there.

use crate::args::SignInArgs;
use crate::failure::Failure;
use crate::input;
use cognito_desk_core::desk::RememberChoice;
use cognito_desk_core::dto::{ChallengeView, SessionView, SignInOutcome};
use cognito_desk_core::ids::Username;
use cognito_desk_core::profile::{Profile, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::{Code, Desk};

/// Answers to give, taken once each.
struct Answers<'a> {
    args: &'a SignInArgs,
    code: Option<String>,
    password: Password,
}

pub async fn sign_in(
    desk: &Desk,
    profile: &Profile,
    args: &SignInArgs,
) -> Result<SessionView, Failure> {
    let username = match &args.username {
        Some(u) => u.clone(),
        None => input::visible(
            "Username: ",
            "the user name",
            "Pass --username or set COGNITO_DESK_USERNAME.",
        )?,
    };
    // A passkey sign-in reads no password: the passkey is the first factor.
    let by_passkey = args.test_passkey || args.security_key;
    let password = match by_passkey {
        true => Password::new(""),
        false => Password::new(input::password(args.password_stdin)?),
    };
    let mut answers = Answers {
        args,
        code: args.code.clone(),
        password: password.clone(),
    };
    // No one to ask at a terminal mid-script: the flag decides.
    desk.devices().set_remember_choice(if args.remember_device {
        RememberChoice::Remember
    } else {
        RememberChoice::DoNotRemember
    });
    let preferred = match by_passkey {
        true if profile.settings.sign_in_flow != SignInFlow::UserAuth => {
            return Err(Failure::new(
                crate::failure::CONFIGURATION,
                "Passkeys sign in through the choice-based flow (USER_AUTH), and this profile uses another",
                "Switch it: profile set NAME --sign-in-flow user-auth (the app client must allow ALLOW_USER_AUTH).",
            ));
        }
        true => Some("WEB_AUTHN"),
        false => None,
    };
    let mut outcome = desk
        .signin()
        .sign_in_preferring(&profile.id, &Username::new(username), password, preferred)
        .await?;
    // Cognito may ask more than once (a wrong custom answer, MFA after the new password).
    let mut answered = 0;
    loop {
        match outcome {
            SignInOutcome::SignedIn { session } => return Ok(session),
            SignInOutcome::Challenge { .. } if answered == MAX_CHALLENGES => {
                desk.signin().cancel();
                return Err(Failure::new(
                    crate::failure::SERVICE,
                    format!("Cognito asked more than {MAX_CHALLENGES} challenges"),
                    "Check the pool's custom-auth triggers.",
                ));
            }
            SignInOutcome::Challenge { challenge, .. } => {
                outcome = answer(desk, &challenge, &mut answers).await?;
                answered += 1;
            }
        }
    }
}

/// More rounds than any pool the app knows asks for.
const MAX_CHALLENGES: usize = 8;

async fn answer(
    desk: &Desk,
    challenge: &ChallengeView,
    answers: &mut Answers<'_>,
) -> Result<SignInOutcome, Failure> {
    let signin = desk.signin();
    let outcome = match challenge {
        ChallengeView::SoftwareTokenMfa { .. } => match answers.code.take() {
            Some(code) => signin.answer_totp(&code).await,
            None => return totp_unattended_or_asked(desk, answers.args.test_authenticator).await,
        },
        ChallengeView::DeliveredCode {
            destination,
            medium,
            ..
        } => {
            let code = match answers.code.take() {
                Some(code) => code,
                None => input::visible(
                    &format!(
                        "Code sent by {} to {}: ",
                        medium.as_deref().unwrap_or("message"),
                        destination.as_deref().unwrap_or("the user")
                    ),
                    "the code Cognito sent",
                    "Pass it with --code.",
                )?,
            };
            signin.answer_code(&code).await
        }
        ChallengeView::SelectMfaType { options, .. } => {
            let method = choose(answers.args.mfa_method.as_deref(), options, "--mfa-method")?;
            signin.select_mfa(&method).await
        }
        // The key when asked for, or when no test passkey is kept for the user.
        ChallengeView::WebAuthn { test_passkey, .. }
            if answers.args.security_key || (!answers.args.test_passkey && !test_passkey) =>
        {
            signin
                .answer_with_security_key(crate::security_key::person())
                .await
        }
        ChallengeView::WebAuthn { .. } => signin.answer_with_test_passkey().await,
        ChallengeView::SelectChallenge { available, .. } => {
            // The password is at hand: prefer the factors that use it (the passkey
            // when --test-passkey asked for it).
            let preferred: &[&str] = match answers.args.test_passkey || answers.args.security_key {
                true => &["WEB_AUTHN"],
                false => &["PASSWORD_SRP", "PASSWORD"],
            };
            let factor = preferred
                .iter()
                .copied()
                .find(|f| available.iter().any(|a| a == f))
                .map(str::to_owned);
            let factor = match factor {
                Some(f) => f,
                None => choose(
                    None,
                    available,
                    "the window (no password factor is offered)",
                )?,
            };
            signin
                .select_challenge(&factor, answers.password.clone())
                .await
        }
        ChallengeView::MfaSetup { allowed, .. } => {
            if !allowed.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
                return Err(Failure::new(
                    crate::failure::CONFIGURATION,
                    format!("The pool asks to set up MFA by {}", allowed.join(", ")),
                    "Finish the setup in the window; the CLI sets up authenticator apps only.",
                ));
            }
            if !answers.args.test_authenticator {
                return Err(Failure::usage(
                    "The pool asks to set up an authenticator app first",
                    "Finish the setup in the window, or for a test account pass --test-authenticator.",
                ));
            }
            desk.answer_mfa_setup_unattended(Some("cognito-desk-cli"))
                .await
        }
        ChallengeView::NewPasswordRequired {
            required_attributes,
            ..
        } => {
            if !required_attributes.is_empty() {
                return Err(Failure::usage(
                    format!(
                        "The pool requires {} with the new password",
                        required_attributes.join(", ")
                    ),
                    "Set the new password in the window, which asks for these attributes.",
                ));
            }
            let new = match std::env::var(input::NEW_PASSWORD_ENV) {
                Ok(p) if !p.is_empty() => p,
                _ => input::hidden("New password: ", "a new password").map_err(|mut f| {
                    f.hint = format!("Set {} for the new password.", input::NEW_PASSWORD_ENV);
                    f
                })?,
            };
            signin.answer_new_password(Password::new(new), &[]).await
        }
        ChallengeView::CustomChallenge { parameters, .. } => {
            for p in parameters {
                eprintln!("{}: {}", p.name, p.value);
            }
            let reply = match answers.code.take() {
                Some(code) => code,
                None => input::visible("Answer: ", "the answer", "Pass it with --code.")?,
            };
            signin.answer_custom(&reply).await
        }
    };
    Ok(outcome?)
}

/// SOFTWARE_TOKEN_MFA without `--code`: the test authenticator; when it holds no
/// secret (or the keychain cannot be read) and more than the test authenticator may
/// answer, a person on the terminal, else the missing code is missing input.
async fn totp_unattended_or_asked(
    desk: &Desk,
    only_test_authenticator: bool,
) -> Result<SignInOutcome, Failure> {
    let e = match desk.answer_totp_unattended().await {
        Err(e) if matches!(e.code, Code::NoTestSecret | Code::KeychainUnavailable) => e,
        other => return Ok(other?),
    };
    if only_test_authenticator {
        return Err(e.into());
    }
    if !input::interactive() {
        return Err(Failure::usage(
            "An authenticator code is needed and there is no terminal to ask on",
            "Pass --code, or make the user a test account: mfa enroll --test-authenticator.",
        ));
    }
    let code = input::visible(
        "Code from the authenticator app: ",
        "a code",
        "Pass it with --code.",
    )?;
    Ok(desk.signin().answer_totp(&code).await?)
}

fn choose(given: Option<&str>, options: &[String], option_name: &str) -> Result<String, Failure> {
    if let Some(given) = given {
        if options.iter().any(|o| o == given) {
            return Ok(given.to_owned());
        }
        return Err(Failure::usage(
            format!("Cognito offers {}, not {given}", options.join(", ")),
            format!("Pass one of them with {option_name}."),
        ));
    }
    input::visible(
        &format!("Choose one of {}: ", options.join(", ")),
        "a choice",
        &format!("Pass one of {} with {option_name}.", options.join(", ")),
    )
}
