//! Creating a setup's AWS resources, in dependency order, each written to the manifest
//! the moment it exists: the SMS role (with SMS MFA), the user pool and its MFA
//! configuration, the app client (and
//! managed login's domain), the bucket, the identity pool, its role with the trust
//! conditions and the list-buckets policy, and two users with a permanent password.

use super::manifest::{Manifest, ManifestStore, Resource};
use super::progress::{Progress, SetupProgress, SetupStep, StepState};
use super::request::SetupRequest;
use crate::aws::{AdminClients, Call, CallLog, SdkError, Service};
use crate::error::{Error, Result};
use crate::profile::SignInFlow;
use crate::secret::{ClientSecret, Password};
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFactorType, DeletionProtectionType, DeviceConfigurationType,
    EmailConfigurationType, EmailMfaConfigType, EmailSendingAccountType, ExplicitAuthFlowsType,
    FeatureType, MessageActionType, OAuthFlowType, RefreshTokenRotationType, SignInPolicyType,
    SmsConfigurationType, SmsMfaConfigType, SoftwareTokenMfaConfigType, UserPoolMfaType,
    UserPoolPolicyType, UserVerificationType, UsernameAttributeType, VerifiedAttributeType,
    WebAuthnConfigurationType,
};
use std::future::Future;

/// What the rest of the setup (the profile, the enrollments) needs of the resources.
#[derive(Debug)]
pub struct CreatedResources {
    pub pool_id: String,
    pub client_id: String,
    pub client_secret: Option<ClientSecret>,
    pub identity_pool_id: String,
    pub bucket: String,
    /// `https://<prefix>.auth.<region>.amazoncognito.com`, with managed login.
    pub domain: Option<String>,
}

pub struct Creator<'a> {
    pub clients: &'a AdminClients,
    pub calls: &'a CallLog,
    pub store: &'a ManifestStore,
    pub request: &'a SetupRequest,
    pub progress: Progress<'a>,
    pub manifest: Manifest,
}

impl Creator<'_> {
    pub(super) fn call(&self, service: Service, operation: &'static str) -> Call {
        let request = self.request;
        crate::aws::signed_call(
            service,
            operation,
            &request.region,
            request.endpoint.as_deref(),
        )
    }

    /// One step: said as running, run and logged, said as done with what it made.
    pub(super) async fn step<T, E>(
        &self,
        step: SetupStep,
        call: Call,
        fut: impl Future<Output = std::result::Result<T, SdkError<E>>>,
    ) -> Result<T>
    where
        T: aws_types::request_id::RequestId,
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    {
        (self.progress)(SetupProgress::new(step, StepState::Running));
        let operation = call.operation();
        self.calls.call(call, fut).await.map_err(|e| {
            super::refused(e, step, operation, &self.clients.source, &self.request.name)
        })
    }

    pub(super) fn done(&self, step: SetupStep, resource: Option<String>) {
        (self.progress)(SetupProgress::new(step, StepState::Done { resource }));
    }

    /// The resource goes into the manifest on disk before anything else happens.
    pub(super) fn record(&mut self, resource: Resource) -> Result<()> {
        self.manifest.resources.push(resource);
        self.store.save(&self.manifest)
    }

    /// Every AWS resource of the setup; the users get `password`.
    pub async fn create(&mut self, password: &Password) -> Result<CreatedResources> {
        let sms_role = match self.request.options.sms_mfa {
            true => Some(self.sms_role().await?),
            false => None,
        };
        let pool_id = self.user_pool(sms_role.as_deref()).await?;
        self.mfa_config(&pool_id, sms_role.as_deref()).await?;
        let (client_id, client_secret) = self.app_client(&pool_id).await?;
        let domain = self.domain(&pool_id).await?;
        let bucket = self.bucket().await?;
        let identity_pool_id = self.identity_pool(&pool_id, &client_id).await?;
        self.role(&identity_pool_id, &bucket).await?;
        for username in [self.request.plain_user(), self.request.mfa_user()] {
            self.user(&pool_id, &username, password).await?;
        }
        Ok(CreatedResources {
            pool_id,
            client_id,
            client_secret,
            identity_pool_id,
            bucket,
            domain,
        })
    }

    async fn user_pool(&mut self, sms_role: Option<&str>) -> Result<String> {
        let o = &self.request.options;
        let mut create = self
            .clients
            .idp
            .create_user_pool()
            .pool_name(&self.request.name)
            .username_attributes(UsernameAttributeType::Email)
            .auto_verified_attributes(VerifiedAttributeType::Email)
            .deletion_protection(DeletionProtectionType::Inactive);
        if o.device_tracking {
            create = create.device_configuration(
                DeviceConfigurationType::builder()
                    .challenge_required_on_new_device(false)
                    .device_only_remembered_on_user_prompt(true)
                    .build(),
            );
        }
        if o.passkey_relying_party.is_some() {
            let factors = SignInPolicyType::builder()
                .allowed_first_auth_factors(AuthFactorType::Password)
                .allowed_first_auth_factors(AuthFactorType::WebAuthn)
                .build();
            create = create.policies(
                UserPoolPolicyType::builder()
                    .sign_in_policy(factors)
                    .build(),
            );
        }
        if let Some(role) = sms_role {
            create = create.sms_configuration(self.sms_configuration(role));
        }
        if let Some(identity) = &o.email_mfa_identity {
            let from = super::ses_sender(identity)
                .ok_or_else(|| Error::internal("an SES identity that validate() refuses"))?;
            create = create.email_configuration(
                EmailConfigurationType::builder()
                    .email_sending_account(EmailSendingAccountType::Developer)
                    .source_arn(identity)
                    .from(from)
                    .build(),
            );
        }
        let made = self.create_pool(create).await?;
        let pool = made.user_pool();
        let id = pool
            .and_then(|p| p.id())
            .ok_or_else(|| Error::internal("CreateUserPool returned no pool id"))?
            .to_owned();
        let arn = pool.and_then(|p| p.arn()).map(str::to_owned);
        // arn:aws:cognito-idp:<region>:<account>:userpool/<id>: the tear-down checks
        // that its credentials are this account's.
        self.manifest.account = arn
            .as_deref()
            .and_then(|a| a.split(':').nth(4))
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
        self.record(Resource::UserPool {
            id: id.clone(),
            arn,
        })?;
        self.done(SetupStep::UserPool, Some(id.clone()));
        Ok(id)
    }

    /// CreateUserPool. A role made seconds ago may not be trusted yet where IAM is
    /// eventually consistent (AWS): Cognito says so, and the call is tried again, for
    /// half a minute at most.
    async fn create_pool(
        &self,
        create: aws_sdk_cognitoidentityprovider::operation::create_user_pool::builders::CreateUserPoolFluentBuilder,
    ) -> Result<aws_sdk_cognitoidentityprovider::operation::create_user_pool::CreateUserPoolOutput>
    {
        let mut tries = 0;
        loop {
            tries += 1;
            let call = self
                .call(Service::CognitoIdp, "CreateUserPool")
                .param("PoolName", &self.request.name)
                .param("UsernameAttributes", "email");
            match self
                .step(SetupStep::UserPool, call, create.clone().send())
                .await
            {
                Err(e)
                    if tries < 7
                        && e.code.as_str() == "InvalidSmsRoleTrustRelationshipException" =>
                {
                    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                }
                answer => return answer,
            }
        }
    }

    fn sms_configuration(&self, role_arn: &str) -> SmsConfigurationType {
        SmsConfigurationType::builder()
            .sns_caller_arn(role_arn)
            .external_id(self.request.sms_role_name())
            .sns_region(&self.request.region)
            .build()
    }

    async fn mfa_config(&self, pool_id: &str, sms_role: Option<&str>) -> Result<()> {
        let o = &self.request.options;
        let mode = match o.mfa_required {
            true => UserPoolMfaType::On,
            false => UserPoolMfaType::Optional,
        };
        let mut set = self
            .clients
            .idp
            .set_user_pool_mfa_config()
            .user_pool_id(pool_id)
            .software_token_mfa_configuration(
                SoftwareTokenMfaConfigType::builder().enabled(true).build(),
            )
            .mfa_configuration(mode.clone());
        if let Some(role) = sms_role {
            set = set.sms_mfa_configuration(
                SmsMfaConfigType::builder()
                    .sms_configuration(self.sms_configuration(role))
                    .build(),
            );
        }
        if o.email_mfa_identity.is_some() {
            set = set.email_mfa_configuration(EmailMfaConfigType::builder().build());
        }
        if let Some(rp) = &o.passkey_relying_party {
            set = set.web_authn_configuration(
                WebAuthnConfigurationType::builder()
                    .relying_party_id(rp)
                    .user_verification(UserVerificationType::Required)
                    .build(),
            );
        }
        let call = self
            .call(Service::CognitoIdp, "SetUserPoolMfaConfig")
            .param("UserPoolId", pool_id)
            .param("MfaConfiguration", mode.as_str());
        self.step(SetupStep::MfaConfig, call, set.send()).await?;
        // The mode and the methods, as Cognito names them.
        let methods = [
            Some("SOFTWARE_TOKEN_MFA"),
            sms_role.map(|_| "SMS_MFA"),
            o.email_mfa_identity.as_ref().map(|_| "EMAIL_OTP"),
            o.passkey_relying_party.as_ref().map(|_| "WEB_AUTHN"),
        ];
        let methods: Vec<&str> = methods.into_iter().flatten().collect();
        let said = format!("{} · {}", mode.as_str(), methods.join(" "));
        self.done(SetupStep::MfaConfig, Some(said));
        Ok(())
    }

    async fn app_client(&mut self, pool_id: &str) -> Result<(String, Option<ClientSecret>)> {
        let o = &self.request.options;
        let mut flows = vec![
            ExplicitAuthFlowsType::AllowUserSrpAuth,
            ExplicitAuthFlowsType::AllowUserPasswordAuth,
            ExplicitAuthFlowsType::AllowRefreshTokenAuth,
        ];
        if o.passkey_relying_party.is_some() || o.sign_in_flow == SignInFlow::UserAuth {
            flows.push(ExplicitAuthFlowsType::AllowUserAuth);
        }
        let mut create = self
            .clients
            .idp
            .create_user_pool_client()
            .user_pool_id(pool_id)
            .client_name(self.request.client_name())
            .generate_secret(o.client_secret)
            .set_explicit_auth_flows(Some(flows));
        if o.managed_login_prefix.is_some() {
            create = create
                .supported_identity_providers("COGNITO")
                .callback_urls(self.request.callback_url())
                .allowed_o_auth_flows(OAuthFlowType::Code)
                .allowed_o_auth_flows_user_pool_client(true)
                .allowed_o_auth_scopes("openid")
                .allowed_o_auth_scopes("email")
                .allowed_o_auth_scopes("profile")
                .allowed_o_auth_scopes("aws.cognito.signin.user.admin");
        }
        if o.refresh_rotation {
            let rotation = RefreshTokenRotationType::builder()
                .feature(FeatureType::Enabled)
                .retry_grace_period_seconds(10)
                .build()
                .map_err(|e| Error::internal(e.to_string()))?;
            create = create.refresh_token_rotation(rotation);
        }
        let call = self
            .call(Service::CognitoIdp, "CreateUserPoolClient")
            .param("UserPoolId", pool_id)
            .param("ClientName", self.request.client_name())
            .param("GenerateSecret", o.client_secret.to_string());
        let made = self.step(SetupStep::AppClient, call, create.send()).await?;
        let client = made.user_pool_client();
        let id = client
            .and_then(|c| c.client_id())
            .ok_or_else(|| Error::internal("CreateUserPoolClient returned no client id"))?
            .to_owned();
        let secret = client
            .and_then(|c| c.client_secret())
            .map(ClientSecret::new);
        self.record(Resource::AppClient {
            user_pool_id: pool_id.to_owned(),
            client_id: id.clone(),
        })?;
        self.done(SetupStep::AppClient, Some(id.clone()));
        Ok((id, secret))
    }

    async fn domain(&mut self, pool_id: &str) -> Result<Option<String>> {
        let Some(prefix) = self.request.options.managed_login_prefix.clone() else {
            return Ok(None);
        };
        let create = self
            .clients
            .idp
            .create_user_pool_domain()
            .domain(&prefix)
            .user_pool_id(pool_id)
            // The classic pages: version 2 shows nothing until a branding style is made.
            .managed_login_version(1);
        let call = self
            .call(Service::CognitoIdp, "CreateUserPoolDomain")
            .param("Domain", &prefix)
            .param("UserPoolId", pool_id);
        self.step(SetupStep::Domain, call, create.send()).await?;
        self.record(Resource::UserPoolDomain {
            user_pool_id: pool_id.to_owned(),
            domain: prefix.clone(),
        })?;
        let url = format!(
            "https://{prefix}.auth.{}.amazoncognito.com",
            self.request.region
        );
        self.done(SetupStep::Domain, Some(url.clone()));
        Ok(Some(url))
    }

    async fn bucket(&mut self) -> Result<String> {
        // Bucket names are global: a random tail keeps two setups of one name apart.
        let tail = uuid::Uuid::new_v4().simple().to_string();
        let name = format!("{}-{}", self.request.name, &tail[..8]);
        let mut create = self.clients.s3.create_bucket().bucket(&name);
        if self.request.region != "us-east-1" {
            use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};
            create = create.create_bucket_configuration(
                CreateBucketConfiguration::builder()
                    .location_constraint(BucketLocationConstraint::from(
                        self.request.region.as_str(),
                    ))
                    .build(),
            );
        }
        let call = self
            .call(Service::S3, "CreateBucket")
            .param("Bucket", &name);
        self.step(SetupStep::Bucket, call, create.send()).await?;
        self.record(Resource::Bucket { name: name.clone() })?;
        self.done(SetupStep::Bucket, Some(name.clone()));
        Ok(name)
    }

    async fn identity_pool(&mut self, pool_id: &str, client_id: &str) -> Result<String> {
        use aws_sdk_cognitoidentity::types::CognitoIdentityProvider;
        let provider = format!(
            "cognito-idp.{}.amazonaws.com/{pool_id}",
            self.request.region
        );
        let create = self
            .clients
            .identity
            .create_identity_pool()
            .identity_pool_name(self.request.identity_pool_name())
            .allow_unauthenticated_identities(false)
            .cognito_identity_providers(
                CognitoIdentityProvider::builder()
                    .provider_name(&provider)
                    .client_id(client_id)
                    .server_side_token_check(false)
                    .build(),
            );
        let call = self
            .call(Service::CognitoIdentity, "CreateIdentityPool")
            .param("IdentityPoolName", self.request.identity_pool_name())
            .param("ProviderName", &provider)
            .param("ClientId", client_id);
        let made = self
            .step(SetupStep::IdentityPool, call, create.send())
            .await?;
        let id = made.identity_pool_id().to_owned();
        self.record(Resource::IdentityPool { id: id.clone() })?;
        self.done(SetupStep::IdentityPool, Some(id.clone()));
        Ok(id)
    }

    async fn user(&mut self, pool_id: &str, username: &str, password: &Password) -> Result<()> {
        let step = SetupStep::User;
        let email = AttributeType::builder()
            .name("email")
            .value(username)
            .build()
            .map_err(|e| Error::internal(e.to_string()))?;
        let verified = AttributeType::builder()
            .name("email_verified")
            .value("true")
            .build()
            .map_err(|e| Error::internal(e.to_string()))?;
        let create = self
            .clients
            .idp
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(username)
            .user_attributes(email)
            .user_attributes(verified)
            .message_action(MessageActionType::Suppress);
        let call = self
            .call(Service::CognitoIdp, "AdminCreateUser")
            .param("UserPoolId", pool_id)
            .param("Username", username)
            .param("MessageAction", "SUPPRESS");
        self.step(step, call, create.send()).await?;
        self.record(Resource::User {
            user_pool_id: pool_id.to_owned(),
            username: username.to_owned(),
        })?;
        let set = self
            .clients
            .idp
            .admin_set_user_password()
            .user_pool_id(pool_id)
            .username(username)
            .password(password.expose())
            .permanent(true);
        let call = self
            .call(Service::CognitoIdp, "AdminSetUserPassword")
            .param("UserPoolId", pool_id)
            .param("Username", username)
            .secret("Password", "PASSWORD")
            .param("Permanent", "true");
        self.step(step, call, set.send()).await?;
        self.done(step, Some(username.to_owned()));
        Ok(())
    }
}
