//! The setup's IAM roles: the authenticated role of the identity pool (trusting it,
//! listing buckets) and, with SMS MFA, the role Cognito assumes to send texts. Each role
//! and its inline policy is recorded as it comes to exist.

use super::create::Creator;
use super::manifest::Resource;
use super::policy::{partition, role_policy, sms_role_policy, sms_trust_policy, trust_policy};
use super::progress::{SetupProgress, SetupStep, StepState};
use crate::aws::Service;
use crate::error::Result;
use serde_json::{json, Value};

impl Creator<'_> {
    /// The role Cognito assumes to send SMS, with its sns:Publish policy; its ARN.
    pub(super) async fn sms_role(&mut self) -> Result<String> {
        let name = self.request.sms_role_name();
        let trust = sms_trust_policy(json!(name));
        let description = format!("Cognito Desk test setup {}: SMS for MFA", self.request.name);
        self.role_with_policy(&name, &trust, &description, "send-sms", &sms_role_policy())
            .await
    }

    /// The authenticated role (trusting this identity pool), its policy, and the
    /// identity pool's roles.
    pub(super) async fn role(&mut self, identity_pool_id: &str, bucket: &str) -> Result<()> {
        let description = format!(
            "Cognito Desk test setup {}: authenticated identities",
            self.request.name
        );
        let policy = role_policy(&self.request.region, bucket);
        let arn = self
            .role_with_policy(
                &self.request.role_name(),
                &trust_policy(identity_pool_id),
                &description,
                "list-buckets",
                &policy,
            )
            .await?;
        let set = self
            .clients
            .identity
            .set_identity_pool_roles()
            .identity_pool_id(identity_pool_id)
            .roles("authenticated", &arn);
        let call = self
            .call(Service::CognitoIdentity, "SetIdentityPoolRoles")
            .param("IdentityPoolId", identity_pool_id)
            .param("Roles", format!("authenticated={arn}"));
        match self
            .step(SetupStep::IdentityPoolRoles, call, set.send())
            .await
        {
            Ok(_) => self.done(SetupStep::IdentityPoolRoles, Some(arn)),
            // An emulator without the operation (moto): said, and the setup goes on.
            Err(e) if self.request.endpoint.is_some() && super::not_implemented(&e) => {
                (self.progress)(SetupProgress::new(
                    SetupStep::IdentityPoolRoles,
                    StepState::NotOffered {
                        operation: "SetIdentityPoolRoles".into(),
                    },
                ));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// A role trusting `trust`, with the inline policy `policy_name`; both recorded as
    /// they come to exist. Its ARN.
    async fn role_with_policy(
        &mut self,
        role_name: &str,
        trust: &Value,
        description: &str,
        policy_name: &str,
        policy: &Value,
    ) -> Result<String> {
        let trust = trust.to_string();
        let create = self
            .clients
            .iam
            .create_role()
            .role_name(role_name)
            .assume_role_policy_document(&trust)
            .description(description);
        let call = self
            .call(Service::Iam, "CreateRole")
            .param("RoleName", role_name)
            .param("AssumeRolePolicyDocument", &trust);
        let made = self.step(SetupStep::Role, call, create.send()).await?;
        let arn = made.role().map(|r| r.arn().to_owned()).unwrap_or_else(|| {
            format!(
                "arn:{}:iam::000000000000:role/{role_name}",
                partition(&self.request.region)
            )
        });
        self.record(Resource::Role {
            name: role_name.to_owned(),
            arn: arn.clone(),
        })?;
        self.done(SetupStep::Role, Some(arn.clone()));

        let document = policy.to_string();
        let put = self
            .clients
            .iam
            .put_role_policy()
            .role_name(role_name)
            .policy_name(policy_name)
            .policy_document(&document);
        let call = self
            .call(Service::Iam, "PutRolePolicy")
            .param("RoleName", role_name)
            .param("PolicyName", policy_name)
            .param("PolicyDocument", &document);
        self.step(SetupStep::RolePolicy, call, put.send()).await?;
        self.record(Resource::RolePolicy {
            role_name: role_name.to_owned(),
            policy_name: policy_name.to_owned(),
        })?;
        self.done(SetupStep::RolePolicy, Some(policy_name.to_owned()));
        Ok(arn)
    }
}
