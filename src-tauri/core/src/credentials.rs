//! Temporary AWS credentials through an identity pool (the enhanced flow: GetId, then
//! GetCredentialsForIdentity, both with `Logins = {"cognito-idp.<region>.amazonaws.com/
//! <poolId>": <ID token>}`), and the two checks testers run with them: S3 ListBuckets
//! and STS GetCallerIdentity, signed with exactly those credentials.

use crate::aws::{Call, CallLog, Service};
use crate::error::{Code, Error, Result};
use crate::profile::Profile;
use crate::secret::{AwsSecretKey, AwsSessionToken, Jwt};
use aws_sdk_cognitoidentity as identity;
use aws_sdk_s3 as s3;
use aws_sdk_sts as sts;

/// Temporary credentials of one identity.
#[derive(Debug, Clone)]
pub struct AwsCredentials {
    pub identity_id: String,
    pub access_key_id: String,
    pub secret_key: AwsSecretKey,
    pub session_token: AwsSessionToken,
    /// Unix seconds.
    pub expiration: i64,
}

impl AwsCredentials {
    pub fn expired_at(&self, now: i64) -> bool {
        // A minute of margin: a request signed now must still be valid when it lands.
        self.expiration.saturating_sub(now) < 60
    }

    /// `export`-style lines for a shell.
    pub fn env_lines(&self, region: &str) -> String {
        format!(
            "export AWS_ACCESS_KEY_ID={}\nexport AWS_SECRET_ACCESS_KEY={}\nexport AWS_SESSION_TOKEN={}\nexport AWS_REGION={region}\n",
            self.access_key_id,
            self.secret_key.expose(),
            self.session_token.expose()
        )
    }
}

/// How a front hands the credentials to other programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// Shell `export` lines.
    Env,
    /// The JSON an AWS CLI/SDK `credential_process` prints (Version 1).
    Process,
    /// The variables of [`Export::Env`] as one JSON object, with
    /// `AWS_CREDENTIAL_EXPIRATION` (RFC 3339), for a CI step that sets them.
    EnvJson,
}

impl AwsCredentials {
    pub fn export(&self, how: Export, region: &str) -> String {
        match how {
            Export::Env => self.env_lines(region),
            Export::Process => self.process_json(),
            Export::EnvJson => self.env_json(region),
        }
    }

    fn expiration_rfc3339(&self) -> String {
        aws_smithy_types::DateTime::from_secs(self.expiration)
            .fmt(aws_smithy_types::date_time::Format::DateTime)
            .unwrap_or_default()
    }

    fn env_json(&self, region: &str) -> String {
        serde_json::json!({
            "AWS_ACCESS_KEY_ID": self.access_key_id,
            "AWS_SECRET_ACCESS_KEY": self.secret_key.expose(),
            "AWS_SESSION_TOKEN": self.session_token.expose(),
            "AWS_REGION": region,
            "AWS_CREDENTIAL_EXPIRATION": self.expiration_rfc3339(),
        })
        .to_string()
    }

    /// `{"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":…}`
    /// with the expiration in RFC 3339, as the AWS CLI and SDKs read it.
    pub fn process_json(&self) -> String {
        let expiration = self.expiration_rfc3339();
        serde_json::json!({
            "Version": 1,
            "AccessKeyId": self.access_key_id,
            "SecretAccessKey": self.secret_key.expose(),
            "SessionToken": self.session_token.expose(),
            "Expiration": expiration,
        })
        .to_string()
    }
}

/// The key of the `Logins` map: the user pool as an identity provider.
pub fn logins_key(profile: &Profile) -> String {
    format!(
        "cognito-idp.{}.amazonaws.com/{}",
        profile.settings.region, profile.settings.user_pool_id
    )
}

pub fn identity_pool_id(profile: &Profile) -> Result<&str> {
    profile.settings.identity_pool_id.as_deref().ok_or_else(|| {
        Error::new(
            Code::NoIdentityPool,
            format!(
                "The profile \"{}\" has no identity pool.",
                profile.settings.name
            ),
            "Add the identity pool id (<region>:<uuid>) on the Profiles page.",
        )
    })
}

/// The log's name for the `Logins` map parameter (its key is in the record's endpoint
/// and the profile; its value is the ID token).
/// The map parameter that carries the ID token to the identity pool.
const LOGINS: &str = "Logins";

/// Explains an identity-pool refusal with what was sent.
fn identity_error(e: Error, profile: &Profile, pool: &str) -> Error {
    match &e.code {
        Code::NotAuthorizedException | Code::OperationRefused => Error::new(Code::NotAuthorizedException,
            format!(
                "The identity pool {pool} refused the ID token sent as Logins[\"{}\"]. {}",
                logins_key(profile),
                e.message
            ),
            format!(
                "Add the user pool {} with app client {} as an authentication provider of the identity pool.",
                profile.settings.user_pool_id, profile.settings.client_id
            ),
        ),
        Code::ResourceNotFoundException | Code::UnexpectedResponse => Error::new(Code::ResourceNotFoundException,
            format!("The identity pool {pool} could not be used in {}: {}", profile.settings.region, e.message),
            "Check the identity pool id and the region in the profile.",
        ),
        // A 5xx: the service failed, or an emulator answered an unknown pool that way
        // (moto does).
        Code::InternalErrorException => Error::new(Code::InternalErrorException,
            format!("The identity pool {pool} did not answer in {}: {}", profile.settings.region, e.message),
            "Check the identity pool id and the region in the profile; if they are right, try again in a moment.",
        ),
        _ => e,
    }
}

/// GetId (skipped when `cached_identity` is known) and GetCredentialsForIdentity.
pub async fn exchange(
    client: &identity::Client,
    calls: &CallLog,
    profile: &Profile,
    id_token: &Jwt,
    cached_identity: Option<String>,
) -> Result<AwsCredentials> {
    let pool = identity_pool_id(profile)?.to_owned();
    let endpoint = profile.settings.endpoint.clone().unwrap_or_else(|| {
        format!(
            "https://cognito-identity.{}.amazonaws.com",
            profile.settings.region
        )
    });
    let key = logins_key(profile);
    let identity_id = match cached_identity {
        Some(id) => id,
        None => calls
            .call(
                Call::new(Service::CognitoIdentity, "GetId", &endpoint)
                    .region(profile.settings.region.clone())
                    .param("IdentityPoolId", pool.as_str())
                    .secret_entry(LOGINS, &key, "ID_TOKEN"),
                client
                    .get_id()
                    .identity_pool_id(&pool)
                    .logins(&key, id_token.expose())
                    .send(),
            )
            .await
            .map_err(|e| identity_error(e, profile, &pool))?
            .identity_id()
            .map(str::to_owned)
            .ok_or_else(|| {
                Error::new(
                    Code::UnexpectedResponse,
                    "GetId answered without an identity id.",
                    "Try again.",
                )
            })?,
    };
    let out = calls
        .call(
            Call::new(
                Service::CognitoIdentity,
                "GetCredentialsForIdentity",
                &endpoint,
            )
            .region(profile.settings.region.clone())
            .param("IdentityId", identity_id.as_str())
            .secret_entry(LOGINS, &key, "ID_TOKEN"),
            client
                .get_credentials_for_identity()
                .identity_id(&identity_id)
                .logins(&key, id_token.expose())
                .send(),
        )
        .await
        .map_err(|e| identity_error(e, profile, &pool))?;
    let missing = || {
        Error::new(
            Code::UnexpectedResponse,
            "GetCredentialsForIdentity answered without credentials.",
            "Check the identity pool's authenticated role.",
        )
    };
    let c = out.credentials().ok_or_else(missing)?;
    Ok(AwsCredentials {
        identity_id,
        access_key_id: c.access_key_id().ok_or_else(missing)?.to_owned(),
        secret_key: AwsSecretKey::new(c.secret_key().ok_or_else(missing)?),
        session_token: AwsSessionToken::new(c.session_token().ok_or_else(missing)?),
        expiration: c.expiration().map(|d| d.secs()).unwrap_or_default(),
    })
}

fn access_error(e: Error, permission: &str) -> Error {
    match &e.code {
        Code::AccessDenied | Code::AccessDeniedException => Error::new(
            Code::AccessDenied,
            format!("The identity pool's role may not call this: {}", e.message),
            format!("Allow {permission} in the policy of the identity pool's authenticated role."),
        ),
        Code::InvalidAccessKeyId
        | Code::SignatureDoesNotMatch
        | Code::ExpiredToken
        | Code::InvalidClientTokenId => Error::new(
            e.code.clone(),
            format!(
                "AWS did not accept the temporary credentials: {}",
                e.message
            ),
            "Get new credentials; if it persists, check the identity pool's role trust.",
        ),
        _ => e,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    pub creation_date: Option<i64>,
}

/// S3 ListBuckets signed with the temporary credentials.
pub async fn list_buckets(
    client: &s3::Client,
    calls: &CallLog,
    profile: &Profile,
) -> Result<Vec<Bucket>> {
    let endpoint = profile
        .settings
        .endpoint
        .clone()
        .unwrap_or_else(|| "https://s3.amazonaws.com".into());
    let out = calls
        .call(
            Call::new(Service::S3, "ListBuckets", &endpoint)
                .region(profile.settings.region.clone())
                .signed_with_temporary_credentials(),
            client.list_buckets().send(),
        )
        .await
        .map_err(|e| access_error(e, "s3:ListAllMyBuckets"))?;
    Ok(out
        .buckets()
        .iter()
        .map(|b| Bucket {
            name: b.name().unwrap_or_default().to_owned(),
            creation_date: b.creation_date().map(|d| d.secs()),
        })
        .collect())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

/// STS GetCallerIdentity signed with the temporary credentials.
pub async fn who_am_i(
    client: &sts::Client,
    calls: &CallLog,
    profile: &Profile,
) -> Result<CallerIdentity> {
    let endpoint = profile
        .settings
        .endpoint
        .clone()
        .unwrap_or_else(|| format!("https://sts.{}.amazonaws.com", profile.settings.region));
    let out = calls
        .call(
            Call::new(Service::Sts, "GetCallerIdentity", &endpoint)
                .region(profile.settings.region.clone())
                .signed_with_temporary_credentials(),
            client.get_caller_identity().send(),
        )
        .await
        .map_err(|e| access_error(e, "sts:GetCallerIdentity"))?;
    Ok(CallerIdentity {
        account: out.account().unwrap_or_default().to_owned(),
        arn: out.arn().unwrap_or_default().to_owned(),
        user_id: out.user_id().unwrap_or_default().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ClientId, PoolId, ProfileId};
    use crate::profile::ProfileSettings;

    #[test]
    fn logins_key_names_the_user_pool_as_provider() {
        let profile = Profile {
            id: ProfileId::new("p"),
            settings: ProfileSettings {
                name: "Dev".into(),
                region: "ap-northeast-1".into(),
                user_pool_id: PoolId::new("ap-northeast-1_AbC123"),
                client_id: ClientId::new("c"),
                ..Default::default()
            },
        };
        assert_eq!(
            logins_key(&profile),
            "cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbC123"
        );
        assert_eq!(
            identity_pool_id(&profile).unwrap_err().code,
            Code::NoIdentityPool
        );
        let e = identity_error(
            Error::new(Code::NotAuthorizedException, "Invalid login token.", ""),
            &profile,
            "ap-northeast-1:0000",
        );
        assert!(
            e.message.contains(
                "Logins[\"cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbC123\"]"
            ),
            "{}",
            e.message
        );
        assert!(e.hint.contains("ap-northeast-1_AbC123"));
    }

    #[test]
    fn access_denied_names_the_permission() {
        let e = access_error(
            Error::new(Code::AccessDenied, "Access Denied", ""),
            "s3:ListAllMyBuckets",
        );
        assert_eq!(e.code, Code::AccessDenied);
        assert!(e.hint.contains("s3:ListAllMyBuckets"));
    }

    #[test]
    fn env_lines_hold_all_four_variables() {
        let c = AwsCredentials {
            identity_id: "id".into(),
            access_key_id: "ASIAEXAMPLE".into(),
            secret_key: AwsSecretKey::new("sk"),
            session_token: AwsSessionToken::new("st"),
            expiration: 100,
        };
        assert_eq!(
            c.env_lines("us-east-1"),
            "export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=sk\nexport AWS_SESSION_TOKEN=st\nexport AWS_REGION=us-east-1\n"
        );
        assert!(c.expired_at(50));
        assert!(!c.expired_at(0));
        let process: serde_json::Value = serde_json::from_str(&c.process_json()).unwrap();
        assert_eq!(
            process,
            serde_json::json!({"Version": 1, "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "sk",
                "SessionToken": "st", "Expiration": "1970-01-01T00:01:40Z"})
        );
        let env: serde_json::Value =
            serde_json::from_str(&c.export(Export::EnvJson, "us-east-1")).unwrap();
        assert_eq!(
            env,
            serde_json::json!({"AWS_ACCESS_KEY_ID": "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "sk",
                "AWS_SESSION_TOKEN": "st", "AWS_REGION": "us-east-1",
                "AWS_CREDENTIAL_EXPIRATION": "1970-01-01T00:01:40Z"})
        );
    }
}
