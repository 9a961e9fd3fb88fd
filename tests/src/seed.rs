//! Seeding a pool the way the walkthrough did, through the SDK's admin calls: MFA
//! OPTIONAL with TOTP as the only method, an app client with USER_PASSWORD_AUTH +
//! REFRESH_TOKEN_AUTH + USER_SRP_AUTH, users created with SUPPRESS and a permanent
//! password.

use crate::emulator::{Emulator, REGION};
use anyhow::{bail, Context, Result};
use aws_sdk_cognitoidentityprovider as idp;
use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::ClientSecret;
use idp::types::{
    AliasAttributeType, AttributeType, AuthFlowType, ExplicitAuthFlowsType, LambdaConfigType,
    MessageActionType, OAuthFlowType, PasswordPolicyType, SoftwareTokenMfaConfigType,
    SoftwareTokenMfaSettingsType, UserPoolMfaType, UserPoolPolicyType,
    VerifySoftwareTokenResponseType,
};

pub const DEMO_PASSWORD: &str = "Demo-Passw0rd!";

#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub name: String,
    /// ALLOW_USER_PASSWORD_AUTH on the app client (the walkthrough's flow).
    pub password_auth: bool,
    /// ALLOW_USER_SRP_AUTH on the app client.
    pub srp_auth: bool,
    /// Loopback redirect for managed login, if the client should allow it.
    pub managed_login_redirect: Option<String>,
    /// MFA "ON" (required) instead of the walkthrough's OPTIONAL.
    pub mfa_required: bool,
    /// An app client with a client secret (GenerateSecret).
    pub client_secret: bool,
    /// Users sign in with their email as an alias of a plain username (AliasAttributes),
    /// so the name they type differs from `cognito:username`.
    pub email_alias: bool,
    /// CUSTOM_AUTH triggers (see [`custom_auth_triggers`], ministack only), and
    /// ALLOW_CUSTOM_AUTH on the client.
    pub custom_auth: bool,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            name: "cognito-desk-test".into(),
            password_auth: true,
            srp_auth: true,
            managed_login_redirect: None,
            mfa_required: false,
            client_secret: false,
            email_alias: false,
            custom_auth: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Pool {
    pub pool_id: String,
    pub client_id: String,
    pub endpoint: String,
    /// The app client's secret, when it has one.
    pub client_secret: Option<String>,
}

impl Pool {
    /// A profile pointing the app at this pool on the emulator.
    pub fn profile_input(&self, name: &str) -> ProfileInput {
        let mut input: ProfileInput = self.profile_settings(name).into();
        input.client_secret = self.client_secret.as_deref().map(ClientSecret::new);
        input
    }

    /// SECRET_HASH for `username`, when the client has a secret.
    pub fn secret_hash(&self, username: &str) -> Option<String> {
        self.client_secret.as_deref().map(|secret| {
            cognito_desk_core::appclient::secret_hash(
                &ClientSecret::new(secret),
                username,
                &self.client_id,
            )
        })
    }

    /// The settings of a profile for this pool, with the walkthrough's password flow
    /// (moto fakes SRP: a scenario that needs a real password check sets SRP itself).
    pub fn profile_settings(&self, name: &str) -> ProfileSettings {
        ProfileSettings {
            name: name.into(),
            region: REGION.into(),
            user_pool_id: PoolId::new(&self.pool_id),
            client_id: ClientId::new(&self.client_id),
            sign_in_flow: SignInFlow::Password,
            has_client_secret: self.client_secret.is_some(),
            endpoint: Some(self.endpoint.clone()),
            ..Default::default()
        }
    }

    /// An unsigned client, as the app builds it.
    pub async fn public_client(&self) -> idp::Client {
        idp::Client::new(&cognito_desk_core::aws::public_config(REGION, Some(&self.endpoint)).await)
    }
}

pub async fn create_pool(emu: &Emulator, opts: &PoolOptions) -> Result<Pool> {
    let admin = emu.admin_client().await;
    let policy = PasswordPolicyType::builder()
        .minimum_length(8)
        .require_uppercase(true)
        .require_lowercase(true)
        .require_numbers(true)
        .require_symbols(false)
        .build();
    let mut pool = admin.create_user_pool().pool_name(&opts.name);
    if opts.email_alias {
        pool = pool.alias_attributes(AliasAttributeType::Email);
    }
    if opts.custom_auth {
        pool = pool.lambda_config(custom_auth_triggers(emu)?);
    }
    let pool = pool
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(policy)
                .build(),
        )
        .send()
        .await
        .context("CreateUserPool")?;
    let pool_id = pool
        .user_pool()
        .and_then(|p| p.id())
        .context("CreateUserPool returned no id")?
        .to_owned();
    admin
        .set_user_pool_mfa_config()
        .user_pool_id(&pool_id)
        .software_token_mfa_configuration(
            SoftwareTokenMfaConfigType::builder().enabled(true).build(),
        )
        .mfa_configuration(if opts.mfa_required {
            UserPoolMfaType::On
        } else {
            UserPoolMfaType::Optional
        })
        .send()
        .await
        .context("SetUserPoolMfaConfig")?;
    let mut client = admin
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("cognito-desk")
        .generate_secret(opts.client_secret)
        // The ID token carries only readable attributes (moto applies this strictly).
        .read_attributes("email")
        .read_attributes("email_verified")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth);
    if opts.srp_auth {
        client = client.explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth);
    }
    if opts.password_auth {
        client = client.explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth);
    }
    if opts.custom_auth {
        client = client.explicit_auth_flows(ExplicitAuthFlowsType::AllowCustomAuth);
    }
    if let Some(redirect) = &opts.managed_login_redirect {
        client = client
            .allowed_o_auth_flows_user_pool_client(true)
            .allowed_o_auth_flows(OAuthFlowType::Code)
            .allowed_o_auth_scopes("openid")
            .allowed_o_auth_scopes("email")
            .allowed_o_auth_scopes("profile")
            .allowed_o_auth_scopes("aws.cognito.signin.user.admin")
            .callback_urls(redirect)
            .logout_urls(redirect)
            .supported_identity_providers("COGNITO");
    }
    let client = client.send().await.context("CreateUserPoolClient")?;
    let created = client.user_pool_client();
    let client_id = created
        .and_then(|c| c.client_id())
        .context("CreateUserPoolClient returned no id")?
        .to_owned();
    Ok(Pool {
        pool_id,
        client_id,
        endpoint: emu.endpoint(),
        client_secret: created.and_then(|c| c.client_secret()).map(str::to_owned),
    })
}

/// The CUSTOM_AUTH triggers of `tests/py/custom_auth_lambdas.py` ("say the magic word",
/// answer `open-sesame`, three tries), created in ministack's Lambda service by
/// `tests/py/seed_custom_auth.py` (boto3: the test bed has no Lambda SDK of its own).
pub fn custom_auth_triggers(emu: &Emulator) -> Result<LambdaConfigType> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/py/seed_custom_auth.py");
    let out = std::process::Command::new(crate::emulator::venv_bin("python"))
        .arg(script)
        .arg(emu.endpoint())
        .output()
        .context("running seed_custom_auth.py")?;
    if !out.status.success() {
        bail!(
            "seed_custom_auth.py failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let arns: std::collections::HashMap<String, String> =
        serde_json::from_slice(&out.stdout).context("seed_custom_auth.py output")?;
    let arn = |k: &str| arns.get(k).cloned().context(format!("no {k} ARN"));
    Ok(LambdaConfigType::builder()
        .define_auth_challenge(arn("DefineAuthChallenge")?)
        .create_auth_challenge(arn("CreateAuthChallenge")?)
        .verify_auth_challenge_response(arn("VerifyAuthChallengeResponse")?)
        .build())
}

/// admin-create-user (SUPPRESS, verified email) + admin-set-user-password --permanent.
pub async fn create_user(emu: &Emulator, pool: &Pool, email: &str, password: &str) -> Result<()> {
    create_named_user(emu, pool, email, email, password).await
}

/// [`create_user`] with a username apart from the email (for pools where the email is
/// an alias).
pub async fn create_named_user(
    emu: &Emulator,
    pool: &Pool,
    username: &str,
    email: &str,
    password: &str,
) -> Result<()> {
    admin_create_user(emu, pool, username, email, None).await?;
    emu.admin_client()
        .await
        .admin_set_user_password()
        .user_pool_id(&pool.pool_id)
        .username(username)
        .password(password)
        .permanent(true)
        .send()
        .await
        .context("AdminSetUserPassword")?;
    Ok(())
}

/// admin-create-user with a temporary password: the first sign-in must choose a new one.
pub async fn create_user_with_temporary_password(
    emu: &Emulator,
    pool: &Pool,
    email: &str,
    temporary: &str,
) -> Result<()> {
    admin_create_user(emu, pool, email, email, Some(temporary)).await
}

async fn admin_create_user(
    emu: &Emulator,
    pool: &Pool,
    username: &str,
    email: &str,
    temporary: Option<&str>,
) -> Result<()> {
    emu.admin_client()
        .await
        .admin_create_user()
        .user_pool_id(&pool.pool_id)
        .username(username)
        .set_temporary_password(temporary.map(str::to_owned))
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value(email)
                .build()?,
        )
        .user_attributes(
            AttributeType::builder()
                .name("email_verified")
                .value("true")
                .build()?,
        )
        .message_action(MessageActionType::Suppress)
        .send()
        .await
        .context("AdminCreateUser")?;
    Ok(())
}

/// USER_PASSWORD_AUTH for a user without MFA; returns the access token.
pub async fn access_token(pool: &Pool, email: &str, password: &str) -> Result<String> {
    let client = pool.public_client().await;
    let mut request = client
        .initiate_auth()
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .client_id(&pool.client_id)
        .auth_parameters("USERNAME", email)
        .auth_parameters("PASSWORD", password);
    if let Some(hash) = pool.secret_hash(email) {
        request = request.auth_parameters("SECRET_HASH", hash);
    }
    let out = request.send().await.context("InitiateAuth")?;
    Ok(out
        .authentication_result()
        .and_then(|r| r.access_token())
        .context("InitiateAuth returned no access token (is MFA already on?)")?
        .to_owned())
}

/// The walkthrough's enrollment through the SDK: AssociateSoftwareToken →
/// VerifySoftwareToken with a computed code → SetUserMFAPreference (enabled +
/// preferred). Returns the TOTP secret.
pub async fn enroll_totp(pool: &Pool, email: &str, password: &str) -> Result<String> {
    let token = access_token(pool, email, password).await?;
    let client = pool.public_client().await;
    let secret = client
        .associate_software_token()
        .access_token(&token)
        .send()
        .await
        .context("AssociateSoftwareToken")?
        .secret_code()
        .context("AssociateSoftwareToken returned no secret")?
        .to_owned();
    let code = crate::totp::fresh_code(&secret).await?;
    let verified = client
        .verify_software_token()
        .access_token(&token)
        .user_code(code)
        .friendly_device_name("testbed")
        .send()
        .await
        .context("VerifySoftwareToken")?;
    if verified.status() != Some(&VerifySoftwareTokenResponseType::Success) {
        bail!("VerifySoftwareToken answered {:?}", verified.status());
    }
    client
        .set_user_mfa_preference()
        .access_token(&token)
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .context("SetUserMFAPreference")?;
    Ok(secret)
}

/// admin-set-user-mfa-preference with SMS enabled and preferred (moto then answers the
/// password with SMS_MFA, and accepts any code: it sends no text message).
pub async fn prefer_sms_mfa(emu: &Emulator, pool: &Pool, username: &str) -> Result<()> {
    emu.admin_client()
        .await
        .admin_set_user_mfa_preference()
        .user_pool_id(&pool.pool_id)
        .username(username)
        .sms_mfa_settings(
            idp::types::SmsMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .context("AdminSetUserMFAPreference")?;
    Ok(())
}

/// The user's MFA settings as admin-get-user reports them: (enabled methods, preferred).
pub async fn mfa_settings(
    emu: &Emulator,
    pool: &Pool,
    email: &str,
) -> Result<(Vec<String>, Option<String>)> {
    let admin = emu.admin_client().await;
    let user = admin
        .admin_get_user()
        .user_pool_id(&pool.pool_id)
        .username(email)
        .send()
        .await
        .context("AdminGetUser")?;
    Ok((
        user.user_mfa_setting_list().to_vec(),
        // ministack reports "no preference" as an empty string, moto and AWS omit it.
        user.preferred_mfa_setting()
            .filter(|p| !p.is_empty())
            .map(str::to_owned),
    ))
}
