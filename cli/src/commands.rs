//! The commands other than `check` and `profile …`: the profile list, sign-in, the
//! session's tokens and AWS credentials, sign-out, and the authenticator.

use crate::args::{ProfileArg, SignInArgs, TokenKind, WaitArg};
use crate::failure::{self, Failure};
use cognito_desk_core::credentials::Export;
use cognito_desk_core::dto::{RestoreOutcome, SessionView, WhichToken};
use cognito_desk_core::ids::Username;
use cognito_desk_core::profile::{default_config_dir, Profile};
use cognito_desk_core::testauth::{StepWait, UsedStep};
use cognito_desk_core::vault::OsKeychain;
use cognito_desk_core::Desk;

/// The core on the window's profiles and keychain.
pub fn open_desk() -> Result<Desk, Failure> {
    Ok(Desk::open(
        &default_config_dir()?,
        Box::new(OsKeychain::default()),
    ))
}

/// The profile named by `--profile` (name or id), else the one selected in the window,
/// else the only one.
pub fn profile(desk: &Desk, arg: &ProfileArg) -> Result<Profile, Failure> {
    let view = desk.profiles().view();
    if let Some(error) = view.load_error {
        return Err(error.into());
    }
    let names = || {
        let list: Vec<&str> = view
            .profiles
            .iter()
            .map(|p| p.settings.name.as_str())
            .collect();
        if list.is_empty() {
            "there are none yet: add one with `cognito-desk-cli profile add NAME --region … --user-pool-id … --client-id …`, or in the window".to_owned()
        } else {
            format!("profiles: {}", list.join(", "))
        }
    };
    let id = match &arg.profile {
        Some(wanted) => view
            .profiles
            .iter()
            .find(|p| p.settings.name == *wanted || p.id.as_str() == wanted)
            .map(|p| p.id.clone())
            .ok_or_else(|| {
                Failure::new(
                    failure::CONFIGURATION,
                    format!("There is no profile \"{wanted}\""),
                    format!("Pass a profile's name or id ({}).", names()),
                )
            })?,
        None => match (&view.selected_id, view.profiles.as_slice()) {
            (Some(id), _) => id.clone(),
            (None, [only]) => only.id.clone(),
            _ => {
                return Err(Failure::usage(
                    "No profile given",
                    format!(
                        "Pass --profile NAME or set COGNITO_DESK_PROFILE ({}).",
                        names()
                    ),
                ))
            }
        },
    };
    Ok(desk.profiles().get(&id)?)
}

/// The profile `name` (a name or an id).
pub fn profile_named(desk: &Desk, name: &str) -> Result<Profile, Failure> {
    profile(
        desk,
        &ProfileArg {
            profile: Some(name.to_owned()),
        },
    )
}

/// What the test authenticator does when it already answered in this step: wait for
/// the next one, saying so on stderr, or (with --no-wait) fail at once.
pub fn test_authenticator_waits(desk: &Desk, wait: WaitArg) {
    let used = if wait.no_wait {
        UsedStep::Fail
    } else {
        UsedStep::WaitForNext
    };
    let notice = std::sync::Arc::new(|w: StepWait| {
        eprintln!(
            "The test authenticator already answered with this 30-second step's code, and Cognito accepts a code once: waiting {} s for the next one (--no-wait fails instead).",
            w.seconds
        );
    });
    desk.test_authenticator().when_step_used(used, Some(notice));
}

pub fn profiles(desk: &Desk, json: bool) -> Result<(), Failure> {
    let view = desk.profiles().view();
    if let Some(error) = view.load_error {
        return Err(error.into());
    }
    if json {
        println!("{}", to_json(&view.profiles)?);
        return Ok(());
    }
    if view.profiles.is_empty() {
        eprintln!("There are no profiles yet. Add one with `cognito-desk-cli profile add NAME --region … --user-pool-id … --client-id …` or `profile import FILE`.");
    }
    for p in &view.profiles {
        let selected = if Some(&p.id) == view.selected_id.as_ref() {
            "*"
        } else {
            " "
        };
        println!(
            "{selected} {}\t{}\t{}\t{}",
            p.settings.name, p.settings.region, p.settings.user_pool_id, p.id
        );
    }
    Ok(())
}

pub fn show_profile(desk: &Desk, name: &str, json: bool) -> Result<(), Failure> {
    let profile = profile_named(desk, name)?;
    let view = desk
        .profiles()
        .view()
        .profiles
        .into_iter()
        .find(|p| p.id == profile.id)
        .ok_or_else(|| {
            Failure::new(failure::CONFIGURATION, "The profile vanished", "Try again.")
        })?;
    let value = serde_json::to_value(&view).map_err(internal)?;
    if json {
        println!("{value}");
        return Ok(());
    }
    if let Some(fields) = value.as_object() {
        for (key, v) in fields {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => "-".to_owned(),
                other => other.to_string(),
            };
            println!("{key}: {text}");
        }
    }
    Ok(())
}

pub async fn sign_in(desk: &Desk, args: &SignInArgs, json: bool) -> Result<(), Failure> {
    let profile = profile(desk, &args.profile)?;
    let session = crate::signin::sign_in(desk, &profile, args).await?;
    report_signed_in(&session);
    if json {
        print_json(&serde_json::json!({
            "profile": session.profile_name,
            "username": session.username,
            "email": session.email,
            "factors": session.factors,
            "idTokenExpiresAt": session.id_token_expires_at,
            "accessTokenExpiresAt": session.access_token_expires_at,
            "keptInKeychain": session.keychain.stored,
            "device": session.device,
            "staleDeviceForgotten": session.stale_device_forgotten,
        }))?;
    }
    Ok(())
}

pub fn report_signed_in(session: &SessionView) {
    eprintln!(
        "Signed in as {} on profile \"{}\" ({}).",
        session
            .email
            .as_deref()
            .unwrap_or(session.username.as_str()),
        session.profile_name,
        crate::words::factors(&session.factors)
    );
    for line in crate::words::device_lines(session) {
        eprintln!("{line}");
    }
    match &session.keychain.problem {
        Some(problem) => eprintln!("{problem}"),
        None if session.keychain.stored => {
            eprintln!(
                "The session is kept in the OS keychain; the window and later commands use it."
            )
        }
        None => {}
    }
}

/// The session kept for `profile`, with fresh tokens (a refresh through the keychain's
/// refresh token: ID and access tokens are never stored).
pub async fn session(desk: &Desk, profile: &Profile) -> Result<SessionView, Failure> {
    let sign_in_hint = format!(
        "Sign in first: cognito-desk-cli sign-in --profile \"{}\".",
        profile.settings.name
    );
    match desk.session().restore_profile(&profile.id).await {
        RestoreOutcome::Restored { session } => {
            // A rotated refresh token the keychain could not keep: the next command
            // will find only the old one, which Cognito refuses.
            if let Some(problem) = &session.keychain.problem {
                eprintln!("warning: {problem}");
            }
            Ok(*session)
        }
        RestoreOutcome::None => Err(Failure::new(
            failure::NO_SESSION,
            format!(
                "There is no session for profile \"{}\"",
                profile.settings.name
            ),
            sign_in_hint,
        )),
        RestoreOutcome::Failed { error } => {
            let mut f = Failure::from(error);
            if f.exit == failure::NO_SESSION {
                f.hint = sign_in_hint;
            }
            Err(f)
        }
    }
}

pub async fn token(
    desk: &Desk,
    arg: &ProfileArg,
    kind: TokenKind,
    json: bool,
) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    let session = session(desk, &profile).await?;
    let (which, name, expires_at) = match kind {
        TokenKind::Id => (WhichToken::Id, "id", session.id_token_expires_at),
        TokenKind::Access => (
            WhichToken::Access,
            "access",
            session.access_token_expires_at,
        ),
    };
    let token = desk.tokens().text(which)?;
    if json {
        return print_json(
            &serde_json::json!({"kind": name, "token": token, "expiresAt": expires_at}),
        );
    }
    println!("{token}");
    Ok(())
}

pub async fn export(desk: &Desk, arg: &ProfileArg, how: Export) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    // Said before any request: a missing identity pool needs no session to be reported.
    cognito_desk_core::credentials::identity_pool_id(&profile)?;
    session(desk, &profile).await?;
    let text = desk.credentials().export(how).await?;
    print!("{text}");
    if !text.ends_with('\n') {
        println!();
    }
    Ok(())
}

pub async fn whoami(desk: &Desk, arg: &ProfileArg, json: bool) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    cognito_desk_core::credentials::identity_pool_id(&profile)?;
    session(desk, &profile).await?;
    let caller = desk.credentials().who_am_i().await?;
    if json {
        let value = serde_json::json!({
            "Account": caller.account, "Arn": caller.arn, "UserId": caller.user_id,
        });
        println!("{value}");
    } else {
        println!("{}", caller.arn);
    }
    Ok(())
}

pub async fn sign_out(
    desk: &Desk,
    arg: &ProfileArg,
    everywhere: bool,
    json: bool,
) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    let said = |server_revoked: bool| match json {
        true => print_json(&serde_json::json!({
            "profile": profile.settings.name, "serverRevoked": server_revoked,
            "everywhere": everywhere && server_revoked, "keychainCleared": true,
        })),
        false => Ok(()),
    };
    if let Err(unusable) = session(desk, &profile).await {
        // The server cannot be asked (offline, keychain trouble): the session still
        // leaves this computer.
        return match desk.session().forget_saved(&profile.id)? {
            true => {
                eprintln!(
                    "Signed out here; the server was not told ({}).",
                    unusable.message
                );
                said(false)
            }
            false => Err(unusable),
        };
    }
    let report = desk.sign_out(everywhere).await;
    if !report.keychain_cleared {
        return Err(Failure::new(
            failure::KEYCHAIN,
            "Signed out here, but the keychain entry could not be removed",
            "Unlock the OS keychain and run sign-out again.",
        ));
    }
    match (report.server_revoked, report.server_message) {
        (true, _) if everywhere => eprintln!("Signed out everywhere (GlobalSignOut)."),
        (true, _) => eprintln!("Signed out; the refresh token was revoked."),
        (false, message) => eprintln!(
            "Signed out here; the server did not confirm: {}",
            message.unwrap_or_default()
        ),
    }
    said(report.server_revoked)
}

pub async fn enroll(
    desk: &Desk,
    arg: &ProfileArg,
    test_authenticator: bool,
    device_name: Option<&str>,
    json: bool,
) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    session(desk, &profile).await?;
    let status = if test_authenticator {
        desk.mfa().enroll_test_authenticator(device_name).await?
    } else {
        let enrollment = desk.mfa().begin_totp_enrollment().await?;
        eprintln!("Add this to your authenticator app (or open the URI on the phone):");
        eprintln!("  key: {}", enrollment.secret_groups.join(" "));
        let uri = desk.enrollment_text(cognito_desk_core::dto::EnrollmentText::Uri)?;
        eprintln!("  uri: {uri}");
        let code = crate::input::visible(
            "Code from the app: ",
            "a code from the authenticator app",
            "Run mfa enroll in a terminal, or use --test-authenticator for a test account.",
        )?;
        desk.mfa()
            .verify_totp_enrollment(&code, device_name, false)
            .await?
    };
    eprintln!(
        "The authenticator app is on and preferred{}.",
        if status.test_account {
            "; the test authenticator keeps its secret in the OS keychain"
        } else {
            ""
        }
    );
    if json {
        print_json(&status)?;
    }
    Ok(())
}

/// `-u`, else the user of the profile's kept session (the name Cognito knows, under
/// which the secret is kept).
fn test_user(desk: &Desk, profile: &Profile, username: Option<&str>) -> Result<Username, Failure> {
    match username {
        Some(u) => Ok(Username::new(u)),
        None => desk.session().saved_user(&profile.id).ok_or_else(|| {
            Failure::usage(
                format!("No user given and no session kept for profile \"{}\"", profile.settings.name),
                "Pass --username (the user name Cognito knows, e.g. from `token` claims cognito:username).",
            )
        }),
    }
}

pub fn test_code(
    desk: &Desk,
    arg: &ProfileArg,
    username: Option<&str>,
    json: bool,
) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    let user = test_user(desk, &profile, username)?;
    let code = desk.test_authenticator().code(&profile.id, &user)?;
    if json {
        return print_json(&code);
    }
    println!("{}", code.code);
    eprintln!("(valid for {} more seconds)", code.seconds_left);
    Ok(())
}

pub fn forget_test_secret(
    desk: &Desk,
    arg: &ProfileArg,
    username: Option<&str>,
    json: bool,
) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    let user = test_user(desk, &profile, username)?;
    desk.test_authenticator().forget_kept(&profile.id, &user)?;
    eprintln!("The test authenticator no longer holds a secret for \"{user}\".");
    if json {
        print_json(&serde_json::json!({"profile": profile.settings.name, "forgotten": user}))?;
    }
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(internal)
}

/// `value` as one line of JSON on stdout.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    println!("{}", to_json(value)?);
    Ok(())
}

pub fn internal(e: serde_json::Error) -> Failure {
    Failure::new(
        failure::SERVICE,
        format!("Could not write JSON: {e}"),
        "Report this as a bug.",
    )
}

/// `devices`: the signed-in user's devices; `devices forget KEY`.
pub async fn devices(
    desk: &Desk,
    arg: &ProfileArg,
    action: Option<crate::args::DevicesCommand>,
    json: bool,
) -> Result<(), Failure> {
    let profile = profile(desk, arg)?;
    session(desk, &profile).await?;
    let rows = match action {
        None => desk.devices().list().await?,
        Some(crate::args::DevicesCommand::Forget { key }) => {
            let rows = desk.devices().forget(&key).await?;
            eprintln!("Forgot device {key}.");
            rows
        }
    };
    if json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        eprintln!("The user has no devices in this pool.");
    }
    for row in &rows {
        println!("{}", crate::words::device_row(row));
    }
    Ok(())
}

/// `passkey`: the signed-in user's passkeys; `passkey register --security-key` or
/// `--test-passkey`; `passkey delete ID`.
pub async fn passkeys(
    desk: &Desk,
    arg: &ProfileArg,
    action: Option<crate::args::PasskeyCommand>,
    json: bool,
) -> Result<(), Failure> {
    use crate::args::PasskeyCommand;
    // Asked before the session is restored: a usage error costs no call.
    if let Some(PasskeyCommand::Register {
        security_key: false,
        test_passkey: false,
    }) = action
    {
        return Err(Failure::usage(
            "Say which authenticator makes the passkey",
            "Pass --security-key (a USB key) or --test-passkey (test accounts: its key is kept in the OS keychain).",
        ));
    }
    let profile = profile(desk, arg)?;
    session(desk, &profile).await?;
    let rows = match action {
        None | Some(PasskeyCommand::List) => desk.passkeys().list().await?,
        Some(PasskeyCommand::Register {
            security_key: true, ..
        }) => {
            let person = crate::security_key::person();
            let rows = desk.passkeys().register_security_key(person).await?;
            eprintln!("Registered a passkey on the security key.");
            rows
        }
        Some(PasskeyCommand::Register { .. }) => {
            let rows = desk.passkeys().register_test_passkey().await?;
            eprintln!("Registered a test passkey; its key is in the OS keychain.");
            rows
        }
        Some(PasskeyCommand::Delete { credential_id }) => {
            let rows = desk.passkeys().delete(&credential_id).await?;
            eprintln!("Deleted passkey {}.", credential_id.trim());
            rows
        }
    };
    if json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        eprintln!("The user has no passkeys.");
    }
    for row in &rows {
        println!("{}", crate::words::passkey_row(row));
    }
    Ok(())
}
