//! `sandbox`: starts the offline Sandbox (ministack on 127.0.0.1, state kept in
//! `.sandbox/`), seeds it like the walkthrough's pool, writes the "Sandbox" profile,
//! prints the demo accounts and the MFA user's otpauth URI and QR code, then opens the
//! app and stops the emulator (saving its state) when the app closes.
//!
//! `--seed-only` seeds and prints without opening the app.

use anyhow::{bail, Context, Result};
use cognito_desk_core::profile::{
    default_config_dir, AdminAccess, AdminCredentials, ProfileInput, ProfileSettings, ProfileStore,
    SignInFlow,
};
use cognito_desk_testbed::emulator::{Emulator, Kind};
use cognito_desk_testbed::sandbox::{self, ensure_seeded, MFA_USER, PLAIN_USERS};
use cognito_desk_testbed::seed::DEMO_PASSWORD;
use qrcode::render::unicode::Dense1x2;
use qrcode::QrCode;

const DEFAULT_PORT: u16 = 4566;

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("sandbox: {e:#}");
        std::process::exit(1);
    }
}

async fn run() -> Result<()> {
    let seed_only = std::env::args().any(|a| a == "--seed-only");
    let port: u16 = match std::env::var("COGNITO_DESK_SANDBOX_PORT") {
        Ok(p) => p
            .parse()
            .context("COGNITO_DESK_SANDBOX_PORT is not a port number")?,
        Err(_) => DEFAULT_PORT,
    };
    if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
        bail!(
            "port {port} on 127.0.0.1 is in use (another emulator or an earlier sandbox?). \
             Stop that program, or choose another port with COGNITO_DESK_SANDBOX_PORT=<port>."
        );
    }
    let dir = cognito_desk_testbed::repo_root().join(".sandbox");
    println!(
        "Starting ministack on 127.0.0.1:{port} (state in {}) …",
        dir.display()
    );
    let emu = Emulator::start_on(Kind::Ministack, &dir, port)?;
    let sandbox = ensure_seeded(&emu, &dir).await?;
    let profile = upsert_profile(&sandbox)?;
    print_welcome(&sandbox, &profile);
    if seed_only {
        return Ok(());
    }
    let app = cognito_desk_testbed::gui::app_binary();
    println!(
        "Opening {} … (close the window to stop the sandbox)",
        app.display()
    );
    let status = std::process::Command::new(&app)
        .status()
        .with_context(|| format!("starting {}", app.display()))?;
    drop(emu); // SIGTERM: ministack saves its state for the next start
    if !status.success() {
        bail!("the app exited with {status}");
    }
    Ok(())
}

/// Creates or updates the "Sandbox" profile in the app's config dir and selects it.
fn upsert_profile(sandbox: &sandbox::Sandbox) -> Result<String> {
    let pool = &sandbox.pool;
    let dir = default_config_dir().map_err(|e| anyhow::anyhow!("{} {}", e.message, e.hint))?;
    let mut store = ProfileStore::open(&dir);
    if let Some(e) = store.load_error() {
        bail!("{} {}", e.message, e.hint);
    }
    let input = ProfileInput {
        id: store.find_by_name("Sandbox").map(|p| p.id.clone()),
        settings: ProfileSettings {
            domain: Some(pool.endpoint.clone()),
            redirect_uri: Some(sandbox::REDIRECT_URI.into()),
            identity_pool_id: Some(sandbox.identity_pool_id.clone()),
            totp_issuer: Some(sandbox::ISSUER.into()),
            // ministack checks SRP for real: the sandbox signs in as new profiles do.
            sign_in_flow: SignInFlow::Srp,
            // Every workbench page works on the sandbox out of the box.
            admin: AdminAccess {
                admin_credentials: AdminCredentials::EmulatorTest,
                admin_profile: None,
            },
            ..pool.profile_settings("Sandbox")
        },
        client_secret: None,
    };
    let saved = store
        .save(input)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.message, e.hint))?;
    Ok(saved.settings.name)
}

fn print_welcome(sandbox: &sandbox::Sandbox, profile: &str) {
    println!();
    println!(
        "Sandbox ready ({}): profile \"{profile}\", user pool {}, app client {}",
        if sandbox.created {
            "seeded now"
        } else {
            "kept from the last start"
        },
        sandbox.pool.pool_id,
        sandbox.pool.client_id
    );
    println!();
    println!("Demo accounts (password for all: {DEMO_PASSWORD})");
    for user in PLAIN_USERS {
        println!("  {user:<28} no MFA");
    }
    println!("  {MFA_USER:<28} TOTP enrolled and preferred");
    println!();
    println!(
        "Identity pool {} (its role may list buckets: {})",
        sandbox.identity_pool_id,
        sandbox::BUCKETS.join(", ")
    );
    println!();
    println!(
        "Managed login: domain {} (ministack's hosted UI), redirect {}",
        sandbox.pool.endpoint,
        sandbox::REDIRECT_URI
    );
    println!("  Note: ministack's hosted UI skips the TOTP page that real Cognito shows to enrolled users.");
    println!();
    println!("Add {MFA_USER} to an authenticator app with this URI or the QR code below:");
    println!("  {}", sandbox.mfa_uri);
    match QrCode::new(sandbox.mfa_uri.as_bytes()) {
        Ok(code) => println!("{}", code.render::<Dense1x2>().quiet_zone(true).build()),
        Err(e) => println!("  (no QR code: {e})"),
    }
}
