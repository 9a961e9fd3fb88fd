//! `cognito-desk-cli`: the core of Cognito Desk behind a command line. It shares the
//! window's profiles file and keychain entries, so a session begun in one front is
//! used by the other. Data goes to stdout, everything else to stderr; secrets reach
//! stdout only from the commands that exist to print them (token, env,
//! credential-process, mfa code).

mod args;
mod check;
mod commands;
mod failure;
mod generated;
mod input;
mod profile_args;
mod profile_cmd;
mod security_key;
mod setup_cmd;
mod signin;
mod words;

use args::{Cli, Command, MfaCommand};
use clap::Parser;
use cognito_desk_core::credentials::Export;
use failure::Failure;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return failure::usage_error(e),
    };
    // Generated from the argument definitions: no profiles, no keychain.
    match &cli.command {
        Command::Completions { shell } => return finish(generated::completions(*shell)),
        Command::Man { dir } => return finish(generated::man_pages(dir)),
        _ => {}
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::from(failure::SERVICE);
        }
    };
    finish(runtime.block_on(run(cli.command, cli.json)))
}

fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.line());
            ExitCode::from(failure.exit)
        }
    }
}

async fn run(command: Command, json: bool) -> Result<(), Failure> {
    let desk = commands::open_desk()?;
    match command {
        Command::Profiles => commands::profiles(&desk, json),
        Command::Profile(args) => profile_cmd::run(&desk, args, json),
        Command::SignIn(args) => {
            commands::test_authenticator_waits(&desk, args.wait);
            commands::sign_in(&desk, &args, json).await
        }
        Command::Token { profile, kind } => commands::token(&desk, &profile, kind, json).await,
        Command::Env { profile } => {
            let how = if json { Export::EnvJson } else { Export::Env };
            commands::export(&desk, &profile, how).await
        }
        Command::CredentialProcess { profile } => {
            commands::export(&desk, &profile, Export::Process).await
        }
        Command::Whoami { profile } => commands::whoami(&desk, &profile, json).await,
        Command::SignOut {
            profile,
            everywhere,
        } => commands::sign_out(&desk, &profile, everywhere, json).await,
        Command::Check { signin } => {
            commands::test_authenticator_waits(&desk, signin.wait);
            check::run(&desk, &signin, json).await
        }
        Command::Mfa(MfaCommand::Enroll {
            profile,
            test_authenticator,
            device_name,
            wait,
        }) => {
            commands::test_authenticator_waits(&desk, wait);
            commands::enroll(
                &desk,
                &profile,
                test_authenticator,
                device_name.as_deref(),
                json,
            )
            .await
        }
        Command::Devices { profile, action } => {
            commands::devices(&desk, &profile, action, json).await
        }
        Command::Setup(command) => setup_cmd::run(&desk, command, json).await,
        Command::Passkey { profile, action } => {
            commands::passkeys(&desk, &profile, action, json).await
        }
        Command::Mfa(MfaCommand::Code { profile, username }) => {
            commands::test_code(&desk, &profile, username.as_deref(), json)
        }
        Command::Mfa(MfaCommand::Forget { profile, username }) => {
            commands::forget_test_secret(&desk, &profile, username.as_deref(), json)
        }
        // Answered before the desk opened.
        Command::Completions { .. } | Command::Man { .. } => Ok(()),
    }
}
