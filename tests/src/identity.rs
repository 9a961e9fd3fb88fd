//! Seeding an identity pool the way the walkthrough's pool was set up: the user pool and
//! its app client as the authentication provider, an authenticated role allowed to list
//! buckets, and a couple of buckets to list.

use crate::emulator::{Emulator, Kind, REGION};
use crate::seed::Pool;
use anyhow::{Context, Result};
use aws_sdk_cognitoidentity::types::CognitoIdentityProvider;

#[derive(Debug, Clone)]
pub struct IdentityOptions {
    /// Whether the authenticated role may call s3:ListAllMyBuckets.
    pub may_list_buckets: bool,
    pub role_name: String,
    pub pool_name: String,
}

impl Default for IdentityOptions {
    fn default() -> Self {
        Self {
            may_list_buckets: true,
            role_name: "cognito-desk-authenticated".into(),
            pool_name: "cognito_desk_test".into(),
        }
    }
}

/// Creates the role and the identity pool trusting `provider` (a user pool + client);
/// returns the identity pool id.
pub async fn create_identity_pool(
    emu: &Emulator,
    provider: &Pool,
    opts: &IdentityOptions,
) -> Result<String> {
    let conf = emu.admin_config();
    let iam = aws_sdk_iam::Client::new(&conf);
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#;
    let role = iam
        .create_role()
        .role_name(&opts.role_name)
        .assume_role_policy_document(trust)
        .send()
        .await
        .context("CreateRole")?;
    let role_arn = role
        .role()
        .map(|r| r.arn().to_owned())
        .context("CreateRole returned no role")?;
    let action = if opts.may_list_buckets {
        "s3:ListAllMyBuckets"
    } else {
        "s3:GetObject"
    };
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":["{action}"],"Resource":"*"}}]}}"#
    );
    iam.put_role_policy()
        .role_name(&opts.role_name)
        .policy_name("desk-test")
        .policy_document(policy)
        .send()
        .await
        .context("PutRolePolicy")?;
    let identity = aws_sdk_cognitoidentity::Client::new(&conf);
    let pool = identity
        .create_identity_pool()
        .identity_pool_name(&opts.pool_name)
        .allow_unauthenticated_identities(false)
        .cognito_identity_providers(
            CognitoIdentityProvider::builder()
                .provider_name(format!(
                    "cognito-idp.{REGION}.amazonaws.com/{}",
                    provider.pool_id
                ))
                .client_id(&provider.client_id)
                .build(),
        )
        .send()
        .await
        .context("CreateIdentityPool")?;
    if emu.kind == Kind::Moto {
        // moto has no SetIdentityPoolRoles (it answers with an HTML page) and hands out
        // fixed credentials whatever the role: nothing to attach there.
        return Ok(pool.identity_pool_id().to_owned());
    }
    identity
        .set_identity_pool_roles()
        .identity_pool_id(pool.identity_pool_id())
        .roles("authenticated", role_arn)
        .send()
        .await
        .context("SetIdentityPoolRoles")?;
    Ok(pool.identity_pool_id().to_owned())
}

pub async fn create_buckets(emu: &Emulator, names: &[&str]) -> Result<()> {
    let conf = aws_sdk_s3::config::Builder::from(&emu.admin_config())
        .force_path_style(true)
        .build();
    let s3 = aws_sdk_s3::Client::from_conf(conf);
    for name in names {
        s3.create_bucket()
            .bucket(*name)
            .send()
            .await
            .with_context(|| format!("CreateBucket {name}"))?;
    }
    Ok(())
}

/// The id of the identity pool named `name`, if it exists.
pub async fn find_identity_pool(emu: &Emulator, name: &str) -> Result<Option<String>> {
    let identity = aws_sdk_cognitoidentity::Client::new(&emu.admin_config());
    let pools = identity
        .list_identity_pools()
        .max_results(60)
        .send()
        .await
        .context("ListIdentityPools")?;
    Ok(pools
        .identity_pools()
        .iter()
        .find(|p| p.identity_pool_name() == Some(name))
        .and_then(|p| p.identity_pool_id())
        .map(str::to_owned))
}
