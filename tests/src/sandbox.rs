//! The offline sandbox: a ministack emulator (strict mode) seeded like the walkthrough's
//! pool, kept in `.sandbox/` so a second start finds what the first one made.

use crate::emulator::Emulator;
use crate::identity::{create_buckets, create_identity_pool, find_identity_pool, IdentityOptions};
use crate::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};
use anyhow::{Context, Result};
use cognito_desk_core::secret::TotpSecret;
use std::path::Path;

pub const POOL_NAME: &str = "cognito-desk-sandbox";
pub const PLAIN_USERS: [&str; 2] = ["demo@example.com", "admin@example.com"];
pub const MFA_USER: &str = "demo-with-mfa@example.com";
pub const ISSUER: &str = "Cognito Desk Sandbox";
pub const REDIRECT_URI: &str = "http://127.0.0.1:53682/callback";
const URI_FILE: &str = "demo-with-mfa.otpauth";

pub const IDENTITY_POOL_NAME: &str = "cognito_desk_sandbox";
pub const BUCKETS: [&str; 2] = [
    "cognito-desk-sandbox-reports",
    "cognito-desk-sandbox-uploads",
];

#[derive(Debug, Clone)]
pub struct Sandbox {
    pub pool: Pool,
    /// Trusts the sandbox's app client; its role may list buckets.
    pub identity_pool_id: String,
    /// The MFA user's otpauth URI (the sandbox's own throwaway secret).
    pub mfa_uri: String,
    /// Whether this start created the pool (false: found from an earlier start).
    pub created: bool,
}

/// Finds the sandbox pool or seeds it; idempotent.
pub async fn ensure_seeded(emu: &Emulator, dir: &Path) -> Result<Sandbox> {
    let admin = emu.admin_client().await;
    let pools = admin
        .list_user_pools()
        .max_results(60)
        .send()
        .await
        .context("ListUserPools")?;
    let existing = pools
        .user_pools()
        .iter()
        .find(|p| p.name() == Some(POOL_NAME))
        .and_then(|p| p.id())
        .map(str::to_owned);
    let (pool, created) = match existing {
        Some(pool_id) => {
            let clients = admin
                .list_user_pool_clients()
                .user_pool_id(&pool_id)
                .send()
                .await
                .context("ListUserPoolClients")?;
            let client_id = clients
                .user_pool_clients()
                .first()
                .and_then(|c| c.client_id())
                .context("the sandbox pool has no app client")?
                .to_owned();
            (
                Pool {
                    pool_id,
                    client_id,
                    endpoint: emu.endpoint(),
                    client_secret: None,
                },
                false,
            )
        }
        None => {
            let opts = PoolOptions {
                name: POOL_NAME.into(),
                managed_login_redirect: Some(REDIRECT_URI.into()),
                ..PoolOptions::default()
            };
            (seed::create_pool(emu, &opts).await?, true)
        }
    };
    for user in PLAIN_USERS {
        if !user_exists(emu, &pool, user).await? {
            seed::create_user(emu, &pool, user, DEMO_PASSWORD).await?;
        }
    }
    let uri_file = dir.join(URI_FILE);
    let saved_uri = std::fs::read_to_string(&uri_file).ok().filter(|_| !created);
    let mfa_uri = match saved_uri {
        Some(uri) if user_exists(emu, &pool, MFA_USER).await? => uri.trim().to_owned(),
        _ => {
            if user_exists(emu, &pool, MFA_USER).await? {
                admin
                    .admin_delete_user()
                    .user_pool_id(&pool.pool_id)
                    .username(MFA_USER)
                    .send()
                    .await
                    .context("AdminDeleteUser")?;
            }
            seed::create_user(emu, &pool, MFA_USER, DEMO_PASSWORD).await?;
            let secret = seed::enroll_totp(&pool, MFA_USER, DEMO_PASSWORD).await?;
            let uri =
                cognito_desk_core::mfa::otpauth_uri(ISSUER, MFA_USER, &TotpSecret::new(secret))
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            std::fs::write(&uri_file, &uri)?;
            uri
        }
    };
    let identity_pool_id = match find_identity_pool(emu, IDENTITY_POOL_NAME).await? {
        Some(id) => id,
        None => {
            let opts = IdentityOptions {
                may_list_buckets: true,
                role_name: "cognito-desk-sandbox-authenticated".into(),
                pool_name: IDENTITY_POOL_NAME.into(),
            };
            let id = create_identity_pool(emu, &pool, &opts).await?;
            create_buckets(emu, &BUCKETS).await?;
            id
        }
    };
    Ok(Sandbox {
        pool,
        identity_pool_id,
        mfa_uri,
        created,
    })
}

async fn user_exists(emu: &Emulator, pool: &Pool, user: &str) -> Result<bool> {
    let admin = emu.admin_client().await;
    match admin
        .admin_get_user()
        .user_pool_id(&pool.pool_id)
        .username(user)
        .send()
        .await
    {
        Ok(_) => Ok(true),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_user_not_found_exception()) =>
        {
            Ok(false)
        }
        Err(e) => Err(anyhow::Error::new(e).context("AdminGetUser")),
    }
}

/// The secret inside an otpauth URI (for tests and for printing).
pub fn secret_of(uri: &str) -> Option<String> {
    url::Url::parse(uri)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == "secret")
        .map(|(_, v)| v.into_owned())
}
