//! `setup create | destroy | list`: a test setup from nothing and back. Each step is a
//! line on stderr as it happens; the result (the profile, the users) on stdout.

use crate::args::{SetupCommand, SetupCreateArgs};
use crate::failure::Failure;
use crate::input;
use crate::profile_args::{AdminArg, FlowArg};
use cognito_desk_core::profile::{AdminAccess, AdminCredentials, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::setup::{SetupOptions, SetupProgress, SetupRequest, SetupStep, StepState};
use cognito_desk_core::Desk;

pub async fn run(desk: &Desk, command: SetupCommand, json: bool) -> Result<(), Failure> {
    match command {
        SetupCommand::Create(args) => create(desk, args, json).await,
        SetupCommand::Destroy { name } => {
            let report = desk.destroy_setup(&name, &say).await?;
            if json {
                return crate::commands::print_json(&report);
            }
            println!(
                "Tore down \"{name}\": {} deleted, {} already gone.",
                report.deleted.len(),
                report.already_gone.len()
            );
            Ok(())
        }
        SetupCommand::Template => {
            if json {
                return crate::commands::print_json(&cognito_desk_core::setup::template());
            }
            print!("{}", cognito_desk_core::setup::template_yaml()?);
            Ok(())
        }
        SetupCommand::List => {
            let setups = desk.setups();
            if json {
                return crate::commands::print_json(&setups);
            }
            if setups.is_empty() {
                eprintln!("No test setups on this computer.");
            }
            for s in &setups {
                let state = if s.complete { "complete" } else { "incomplete" };
                println!(
                    "{}\t{}\t{} resources\t{state}",
                    s.name,
                    s.region,
                    s.resources.len()
                );
            }
            Ok(())
        }
    }
}

async fn create(desk: &Desk, args: SetupCreateArgs, json: bool) -> Result<(), Failure> {
    let admin = AdminAccess {
        admin_credentials: match args.admin_credentials {
            AdminArg::None => AdminCredentials::None,
            AdminArg::SharedProfile => AdminCredentials::SharedProfile,
            AdminArg::Environment => AdminCredentials::Environment,
            AdminArg::EmulatorTest => AdminCredentials::EmulatorTest,
        },
        admin_profile: args.admin_profile.clone(),
    };
    let request = SetupRequest {
        name: args.name.clone(),
        region: args.region.clone(),
        endpoint: args.endpoint.clone(),
        admin,
        options: SetupOptions {
            sign_in_flow: match args.sign_in_flow {
                None | Some(FlowArg::Srp) => SignInFlow::Srp,
                Some(FlowArg::Password) => SignInFlow::Password,
                Some(FlowArg::UserAuth) => SignInFlow::UserAuth,
                Some(FlowArg::Custom) => SignInFlow::Custom,
            },
            mfa_required: args.mfa_required,
            sms_mfa: args.sms_mfa,
            email_mfa_identity: args.email_mfa.clone(),
            device_tracking: args.device_tracking,
            passkey_relying_party: args.passkeys.clone(),
            client_secret: args.client_secret,
            refresh_rotation: args.refresh_rotation,
            managed_login_prefix: args.managed_login.clone(),
        },
    };
    // Checked before a password is asked for.
    request.validate()?;
    let password = Password::new(input::password(args.password_stdin)?);
    let outcome = desk.create_setup(&request, &password, &say).await?;
    if json {
        return crate::commands::print_json(&outcome);
    }
    println!(
        "Test setup \"{}\" is ready in {}.",
        request.name, request.region
    );
    println!("  profile:  {}", request.name);
    println!("  users:    {} (password only)", outcome.plain_user);
    println!(
        "            {} (the test authenticator answers its MFA)",
        outcome.mfa_user
    );
    println!(
        "Sign in:   cognito-desk-cli sign-in -p {} -u {} --test-authenticator",
        request.name, outcome.mfa_user
    );
    println!("Tear down: cognito-desk-cli setup destroy {}", request.name);
    Ok(())
}

/// One progress line on stderr.
fn say(p: SetupProgress) {
    let what = step_words(p.step);
    match p.state {
        StepState::Running => {}
        StepState::Done { resource: Some(r) } => eprintln!("  done  {what}: {r}"),
        StepState::Done { resource: None } => eprintln!("  done  {what}"),
        StepState::AlreadyGone { resource } => {
            eprintln!("  gone  {resource} (deleted outside the setup already; skipped)")
        }
        StepState::NotOffered { operation } => eprintln!(
            "  skip  {what}: the endpoint does not offer {operation}; the setup goes on without it"
        ),
    }
}

fn step_words(step: SetupStep) -> &'static str {
    match step {
        SetupStep::UserPool => "user pool",
        SetupStep::MfaConfig => "MFA configuration",
        SetupStep::AppClient => "app client",
        SetupStep::Domain => "managed login domain",
        SetupStep::Bucket => "S3 bucket",
        SetupStep::IdentityPool => "identity pool",
        SetupStep::Role => "IAM role",
        SetupStep::RolePolicy => "role policy",
        SetupStep::IdentityPoolRoles => "identity pool roles",
        SetupStep::User => "test user",
        SetupStep::Profile => "profile",
        SetupStep::TestAuthenticator => "test authenticator enrolled",
        SetupStep::TestPasskey => "test passkey registered",
        SetupStep::Delete => "deleted",
    }
}
