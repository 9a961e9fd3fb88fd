//! `cognito-desk-cli`: the core of Cognito Desk behind a command line. It shares the
//! window's profiles file and keychain entries, so a session begun in one front is
//! used by the other. Data goes to stdout, everything else to stderr; secrets reach
//! stdout only from the commands that exist to print them (token, env,
//! credential-process, mfa code).

mod args;
mod check;
mod commands;
mod failure;
mod input;
mod signin;

use args::{Cli, Command, MfaCommand};
use clap::Parser;
use failure::Failure;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.line());
            ExitCode::from(failure.exit)
        }
    }
}

async fn run(command: Command) -> Result<(), Failure> {
    let desk = commands::open_desk()?;
    match command {
        Command::Profiles { json } => commands::profiles(&desk, json),
        Command::Profile { name, json } => commands::show_profile(&desk, &name, json),
        Command::SignIn(args) => commands::sign_in(&desk, &args).await,
        Command::Token { profile, kind } => commands::token(&desk, &profile, kind).await,
        Command::Env { profile } => {
            commands::export(&desk, &profile, cognito_desk_core::credentials::Export::Env).await
        }
        Command::CredentialProcess { profile } => {
            commands::export(
                &desk,
                &profile,
                cognito_desk_core::credentials::Export::Process,
            )
            .await
        }
        Command::Whoami { profile, json } => commands::whoami(&desk, &profile, json).await,
        Command::SignOut {
            profile,
            everywhere,
        } => commands::sign_out(&desk, &profile, everywhere).await,
        Command::Check { signin, json } => check::run(&desk, &signin, json).await,
        Command::Mfa(MfaCommand::Enroll {
            profile,
            test_authenticator,
            device_name,
        }) => commands::enroll(&desk, &profile, test_authenticator, device_name.as_deref()).await,
        Command::Mfa(MfaCommand::Code { profile, username }) => {
            commands::test_code(&desk, &profile, username.as_deref())
        }
        Command::Mfa(MfaCommand::Forget { profile, username }) => {
            commands::forget_test_secret(&desk, &profile, username.as_deref())
        }
    }
}
