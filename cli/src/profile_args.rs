//! The `profile` commands' arguments: a flag for every field of the window's profile
//! form, and the client secret only from stdin or a hidden prompt.

use clap::{Args, Subcommand, ValueEnum};
use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{AdminCredentials, ProfileSettings, SignInFlow};
use std::path::PathBuf;

/// `profile NAME` shows a profile, as `profile show NAME` does.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: Option<ProfileCommand>,
    /// Show this profile (its name or id); the same as `profile show NAME`.
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List the profiles; `*` marks the selected one.
    List,
    /// Show one profile's settings (no secret: a client secret shows as stored or not).
    Show {
        /// Profile name or id.
        name: String,
    },
    /// Add a profile: the same fields and checks as the window's profile form.
    Add {
        /// The new profile's name.
        name: String,
        /// Fill the settings from an Amplify Gen 2 amplify_outputs.json first (the
        /// options given beside it win); its notes are printed on stderr.
        #[arg(long, value_name = "FILE")]
        from_amplify: Option<PathBuf>,
        #[command(flatten)]
        fields: ProfileFields,
    },
    /// Change the settings named by the options; the others stay. An empty value
    /// (`--identity-pool-id ""`) clears an optional setting.
    Set {
        /// Profile name or id.
        name: String,
        /// A new name for the profile.
        #[arg(long, value_name = "NEW_NAME")]
        rename: Option<String>,
        #[command(flatten)]
        fields: ProfileFields,
    },
    /// Remove a profile and its keychain entries (client secret, session, test
    /// authenticator secrets); says which went.
    Remove {
        /// Profile name or id.
        name: String,
    },
    /// Select the profile the window opens and commands use without --profile.
    Select {
        /// Profile name or id.
        name: String,
    },
    /// Print a profile as a file to hand on: JSON with a "$schema", no secret, no id.
    Export {
        /// Profile name or id.
        name: String,
    },
    /// Add a profile from a file `profile export` wrote (`-` reads stdin). Every problem
    /// of the file is named at once; nothing is saved unless all is well.
    Import {
        /// The profile file, or `-` for stdin.
        file: PathBuf,
        /// Save it under this name instead of the file's.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// Print the JSON Schema of a profile file (export) or of profiles.json.
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Export)]
        which: SchemaKind,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// What `profile export` prints and `profile import` reads.
    Export,
    /// The profiles file the window and the CLI share.
    Profiles,
}

/// Where the app client's secret comes from: stdin or a hidden prompt, never an
/// argument (`--client-secret VALUE` is refused by name: see `failure::usage_error`).
#[derive(Debug, Clone, Default, Args)]
pub struct SecretArgs {
    /// The app client has a secret: read it from the first line of stdin; it goes
    /// straight to the OS keychain.
    #[arg(long, conflicts_with = "client_secret_prompt")]
    pub client_secret_stdin: bool,
    /// The app client has a secret: ask for it with a hidden prompt on the terminal.
    #[arg(long)]
    pub client_secret_prompt: bool,
}

/// The profile form's fields. Every one is optional here: a missing required one is
/// named by the same check as the form's, with the others' problems.
#[derive(Debug, Clone, Default, Args)]
pub struct ProfileFields {
    /// The AWS region of the user pool, e.g. ap-northeast-1.
    #[arg(long)]
    pub region: Option<String>,
    /// The user pool id, <region>_<id>.
    #[arg(long, visible_alias = "pool")]
    pub user_pool_id: Option<String>,
    /// The app client id.
    #[arg(long, visible_alias = "client")]
    pub client_id: Option<String>,
    /// How a password sign-in starts [new profiles: srp].
    #[arg(long, value_enum)]
    pub sign_in_flow: Option<FlowArg>,
    /// With --sign-in-flow user-auth: the first factor to ask for (PASSWORD_SRP,
    /// PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN); empty lets Cognito offer the choice.
    #[arg(long, value_name = "FACTOR")]
    pub first_factor: Option<String>,
    /// The identity pool id, <region>:<uuid> (for env, credential-process, whoami, check).
    #[arg(long)]
    pub identity_pool_id: Option<String>,
    /// Managed login: the pool's domain, e.g. https://<prefix>.auth.<region>.amazoncognito.com.
    #[arg(long)]
    pub domain: Option<String>,
    /// Managed login: a loopback redirect URI with a fixed port, e.g. http://127.0.0.1:53682/callback.
    #[arg(long)]
    pub redirect_uri: Option<String>,
    /// Managed login: the scopes, space-separated, openid among them.
    #[arg(long)]
    pub scopes: Option<String>,
    /// An endpoint override for a local emulator, e.g. http://127.0.0.1:4566.
    #[arg(long)]
    pub endpoint: Option<String>,
    /// The issuer an authenticator app shows (no colon) [default: Cognito Desk].
    #[arg(long)]
    pub totp_issuer: Option<String>,
    /// This computer's name in the user's device list, when the pool tracks devices
    /// [default: the host name].
    #[arg(long)]
    pub device_name: Option<String>,
    /// Where the workbench's admin credentials come from (the window's workbench).
    #[arg(long, value_enum)]
    pub admin_credentials: Option<AdminArg>,
    /// With --admin-credentials shared-profile: the profile's name in ~/.aws/config.
    #[arg(long)]
    pub admin_profile: Option<String>,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The app client has no secret (any stored one is removed from the keychain).
    #[arg(long, conflicts_with_all = ["client_secret_stdin", "client_secret_prompt"])]
    pub no_client_secret: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowArg {
    /// USER_SRP_AUTH: only a proof of the password is sent.
    Srp,
    /// USER_PASSWORD_AUTH: the password is sent to Cognito (over TLS).
    Password,
    /// USER_AUTH: choice-based sign-in.
    UserAuth,
    /// CUSTOM_AUTH: the pool's Lambda triggers.
    Custom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AdminArg {
    /// No admin screens.
    None,
    /// A named profile of ~/.aws/config (with --admin-profile).
    SharedProfile,
    /// The environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, …).
    Environment,
    /// The emulator's test credentials (only with --endpoint).
    EmulatorTest,
}

impl ProfileFields {
    /// The settings with the options given written over them.
    pub fn apply(&self, s: &mut ProfileSettings) {
        let text = |value: &Option<String>, slot: &mut String| {
            if let Some(v) = value {
                *slot = v.clone();
            }
        };
        let optional = |value: &Option<String>, slot: &mut Option<String>| {
            if let Some(v) = value {
                *slot = Some(v.clone());
            }
        };
        text(&self.region, &mut s.region);
        if let Some(pool) = &self.user_pool_id {
            s.user_pool_id = PoolId::new(pool);
        }
        if let Some(client) = &self.client_id {
            s.client_id = ClientId::new(client);
        }
        if let Some(flow) = self.sign_in_flow {
            s.sign_in_flow = match flow {
                FlowArg::Srp => SignInFlow::Srp,
                FlowArg::Password => SignInFlow::Password,
                FlowArg::UserAuth => SignInFlow::UserAuth,
                FlowArg::Custom => SignInFlow::Custom,
            };
        }
        optional(&self.first_factor, &mut s.preferred_challenge);
        optional(&self.identity_pool_id, &mut s.identity_pool_id);
        optional(&self.domain, &mut s.domain);
        optional(&self.redirect_uri, &mut s.redirect_uri);
        optional(&self.scopes, &mut s.scopes);
        optional(&self.endpoint, &mut s.endpoint);
        optional(&self.totp_issuer, &mut s.totp_issuer);
        optional(&self.device_name, &mut s.device_name);
        if let Some(admin) = self.admin_credentials {
            s.admin.admin_credentials = match admin {
                AdminArg::None => AdminCredentials::None,
                AdminArg::SharedProfile => AdminCredentials::SharedProfile,
                AdminArg::Environment => AdminCredentials::Environment,
                AdminArg::EmulatorTest => AdminCredentials::EmulatorTest,
            };
        }
        optional(&self.admin_profile, &mut s.admin.admin_profile);
        if self.secret.client_secret_stdin || self.secret.client_secret_prompt {
            s.has_client_secret = true;
        }
        if self.no_client_secret {
            s.has_client_secret = false;
        }
    }
}

/// The option that sets a profile field (for the errors the core names by field).
pub fn flag_of(field: &str) -> &'static str {
    match field {
        "name" => "NAME",
        "region" => "--region",
        "userPoolId" => "--user-pool-id",
        "clientId" => "--client-id",
        "signInFlow" => "--sign-in-flow",
        "preferredChallenge" => "--first-factor",
        "hasClientSecret" | "clientSecret" => "--client-secret-stdin",
        "identityPoolId" => "--identity-pool-id",
        "domain" => "--domain",
        "redirectUri" => "--redirect-uri",
        "scopes" => "--scopes",
        "endpoint" => "--endpoint",
        "totpIssuer" => "--totp-issuer",
        "adminCredentials" => "--admin-credentials",
        "adminProfile" => "--admin-profile",
        _ => "the profile",
    }
}
