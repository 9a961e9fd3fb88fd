//! The command line, as clap reads it. Passwords and client secrets are never
//! arguments: they come from an environment variable, stdin or a hidden prompt. The
//! shell completions and the man pages are generated from these definitions.

use crate::profile_args::ProfileArgs;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Cognito Desk from a shell or CI: the app's profiles and keychain, without a window.
#[derive(Debug, Parser)]
#[command(name = "cognito-desk-cli", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Print the command's data as one JSON document on stdout (README: "JSON output").
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

pub const EXIT_CODES: &str = "Exit codes:
  0  success
  1  the service failed or answered unexpectedly
  2  bad usage or missing input (an unknown option, a secret given as an argument,
     no password, stdin closed, no terminal to ask on, a file that cannot be read)
  3  no session for the profile (sign in first), or it was revoked or expired
  4  refused: wrong password or code, user disabled, access denied
  5  configuration: unknown profile, no identity pool, profile settings that are not
     valid (profile add, set and import name every problem at once), a profile file
     that is not one
  6  the OS keychain (Secret Service) cannot be used
  7  the endpoint cannot be reached
  8  the test authenticator already answered with this 30-second step's code and
     --no-wait was given: run again in the seconds the message names";

// Parsed once per process: boxing the profile options would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the profiles (the window's Profiles page); `*` marks the selected one.
    Profiles,
    /// Show, add, change, remove, select, export or import a profile.
    Profile(ProfileArgs),
    /// Sign in and keep the session in the OS keychain (the window restores it too).
    SignIn(SignInArgs),
    /// Print the current ID or access token (refreshed through the keychain).
    Token {
        #[command(flatten)]
        profile: ProfileArg,
        /// Which token.
        #[arg(long, value_enum, default_value_t = TokenKind::Id)]
        kind: TokenKind,
    },
    /// Print `export` lines with temporary AWS credentials from the identity pool.
    Env {
        #[command(flatten)]
        profile: ProfileArg,
    },
    /// Print the JSON of an AWS CLI/SDK `credential_process` (Version 1).
    CredentialProcess {
        #[command(flatten)]
        profile: ProfileArg,
    },
    /// STS GetCallerIdentity with the identity pool's credentials.
    Whoami {
        #[command(flatten)]
        profile: ProfileArg,
    },
    /// Sign out: revoke the refresh token and remove it from the keychain.
    SignOut {
        #[command(flatten)]
        profile: ProfileArg,
        /// GlobalSignOut: end every session of the user, on every device.
        #[arg(long)]
        everywhere: bool,
    },
    /// The walkthrough in one command: sign in, the MFA challenge, GetId,
    /// GetCredentialsForIdentity, S3 ListBuckets; each step with its duration. Keeps no
    /// session (the profile's kept one is left as it was).
    Check {
        #[command(flatten)]
        signin: SignInArgs,
    },
    /// The authenticator app of the signed-in user, and the test authenticator.
    #[command(subcommand)]
    Mfa(MfaCommand),
    /// The signed-in user's devices (ListDevices); `*` marks this computer.
    Devices {
        #[command(flatten)]
        profile: ProfileArg,
        #[command(subcommand)]
        action: Option<DevicesCommand>,
    },
    /// The signed-in user's passkeys (ListWebAuthnCredentials); register one (on a
    /// security key, or a test passkey) or delete one.
    Passkey {
        #[command(flatten)]
        profile: ProfileArg,
        #[command(subcommand)]
        action: Option<PasskeyCommand>,
    },
    /// A test setup from nothing (a user pool, app client, identity pool with its role,
    /// bucket, test users and a profile) and back to nothing.
    #[command(subcommand)]
    Setup(SetupCommand),
    /// Print a shell's completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the man pages (cognito-desk-cli.1 and one per subcommand) into a folder.
    Man {
        /// The folder to write them into (created when missing).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum DevicesCommand {
    /// Forget a device (ForgetDevice); forgetting this computer also removes its
    /// keychain entry, so the next sign-in here is a new device.
    Forget {
        /// The device key (the first column of `devices`).
        key: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    /// Create a test setup with the admin credentials named; every resource is recorded
    /// (config dir, setups/NAME.json) as soon as it exists. The users' password comes
    /// from --password-stdin, COGNITO_DESK_PASSWORD or a hidden prompt.
    Create(SetupCreateArgs),
    /// Delete exactly what the setup's record lists (resumable after a failure).
    Destroy {
        /// The setup's name.
        name: String,
    },
    /// The setups made on this computer and not torn down.
    List,
    /// Print the same setup as an AWS CloudFormation template (YAML) for a team's own
    /// deployment tools.
    Template,
}

#[derive(Debug, Args)]
pub struct SetupCreateArgs {
    /// 3–40 lowercase letters, digits and hyphens: every resource is named after it.
    pub name: String,
    #[arg(long)]
    pub region: String,
    /// An emulator's endpoint, e.g. http://127.0.0.1:4566.
    #[arg(long)]
    pub endpoint: Option<String>,
    /// Where the admin credentials come from.
    #[arg(long, value_enum)]
    pub admin_credentials: crate::profile_args::AdminArg,
    /// With --admin-credentials shared-profile: the profile's name in ~/.aws/config.
    #[arg(long)]
    pub admin_profile: Option<String>,
    /// Read the test users' password from the first line of stdin.
    #[arg(long)]
    pub password_stdin: bool,
    /// How the new profile signs in [default: srp; user-auth with --passkeys].
    #[arg(long, value_enum)]
    pub sign_in_flow: Option<crate::profile_args::FlowArg>,
    /// MFA required (the pool's MfaConfiguration ON) instead of optional.
    #[arg(long)]
    pub mfa_required: bool,
    /// SMS as an MFA method: an IAM role `NAME-sms` (sns:Publish only) that Cognito
    /// assumes to send texts.
    #[arg(long)]
    pub sms_mfa: bool,
    /// Email as an MFA method, sent through this verified SES identity (its ARN).
    #[arg(long, value_name = "SES_IDENTITY_ARN")]
    pub email_mfa: Option<String>,
    /// The pool remembers devices when the user chooses.
    #[arg(long)]
    pub device_tracking: bool,
    /// Passkeys with this relying party id (and a test passkey for the MFA user).
    #[arg(long, value_name = "RELYING_PARTY")]
    pub passkeys: Option<String>,
    /// The app client gets a secret (kept in the keychain with the profile; never
    /// printed).
    #[arg(long = "with-client-secret")]
    pub client_secret: bool,
    /// Refresh-token rotation on the app client.
    #[arg(long)]
    pub refresh_rotation: bool,
    /// Managed login on this domain prefix, with the loopback callback.
    #[arg(long, value_name = "PREFIX")]
    pub managed_login: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PasskeyCommand {
    /// List the user's passkeys (the default).
    List,
    /// Register a passkey for the signed-in user (StartWebAuthnRegistration,
    /// CompleteWebAuthnRegistration).
    Register {
        /// On the plugged-in USB security key: touch it when it blinks, and type its
        /// PIN when it asks.
        #[arg(long, conflicts_with = "test_passkey")]
        security_key: bool,
        /// Test accounts only: a software passkey whose private key is kept in the OS
        /// keychain, so `sign-in --test-passkey` and `check --test-passkey` need no one
        /// at a security key.
        #[arg(long)]
        test_passkey: bool,
    },
    /// Delete a passkey (DeleteWebAuthnCredential); deleting the test passkey also
    /// removes its key from the keychain.
    Delete {
        /// The credential id (the first column of `passkey list`).
        credential_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MfaCommand {
    /// Enroll an authenticator app for the signed-in user.
    Enroll {
        #[command(flatten)]
        profile: ProfileArg,
        /// Test accounts only: keep the secret in the OS keychain and answer with codes
        /// computed here, now and at later sign-ins. Without it, the otpauth URI is
        /// printed and a code is asked for.
        #[arg(long)]
        test_authenticator: bool,
        /// The name Cognito keeps for the device.
        #[arg(long)]
        device_name: Option<String>,
        #[command(flatten)]
        wait: WaitArg,
    },
    /// Print the test authenticator's current code for a user.
    Code {
        #[command(flatten)]
        profile: ProfileArg,
        /// The user name Cognito knows [default: the user of the profile's session]
        #[arg(long, short)]
        username: Option<String>,
    },
    /// Remove a user's secret from the test authenticator.
    Forget {
        #[command(flatten)]
        profile: ProfileArg,
        /// The user name Cognito knows [default: the user of the profile's session]
        #[arg(long, short)]
        username: Option<String>,
    },
}

/// What the test authenticator does when it already answered in this 30-second step
/// (Cognito accepts each code once).
#[derive(Debug, Clone, Copy, Args)]
pub struct WaitArg {
    /// Fail (exit 8) instead of waiting for the next code when the test authenticator
    /// already answered with this step's code.
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ProfileArg {
    /// Profile name or id [default: the profile selected in the window]
    #[arg(long, short, env = "COGNITO_DESK_PROFILE")]
    pub profile: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct SignInArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    /// The user name (or an alias the pool accepts, such as the email).
    #[arg(long, short, env = "COGNITO_DESK_USERNAME")]
    pub username: Option<String>,
    /// Read the password from the first line of stdin (else COGNITO_DESK_PASSWORD,
    /// else a hidden prompt on a terminal).
    #[arg(long)]
    pub password_stdin: bool,
    /// The MFA code (authenticator app, SMS or email), for one challenge.
    #[arg(long)]
    pub code: Option<String>,
    /// Answer SOFTWARE_TOKEN_MFA with the test authenticator only (fail instead of
    /// prompting when it holds no secret for the user).
    #[arg(long)]
    pub test_authenticator: bool,
    /// Sign in with the test passkey kept for the user (USER_AUTH, WEB_AUTHN first);
    /// no password is read. The profile must use the choice-based flow.
    #[arg(long, conflicts_with = "password_stdin")]
    pub test_passkey: bool,
    /// Sign in with a passkey on the plugged-in USB security key (USER_AUTH, WEB_AUTHN
    /// first): touch it, and type its PIN when it asks. No password is read.
    #[arg(long, conflicts_with_all = ["password_stdin", "test_passkey"])]
    pub security_key: bool,
    /// When Cognito offers a choice of MFA: SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP.
    #[arg(long)]
    pub mfa_method: Option<String>,
    /// When the pool tracks devices and leaves it to the user: remember this computer
    /// (UpdateDeviceStatus), so later sign-ins here may skip MFA.
    #[arg(long)]
    pub remember_device: bool,
    #[command(flatten)]
    pub wait: WaitArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenKind {
    Id,
    Access,
}
