//! Tearing a setup down: exactly what its manifest lists, dependents first, each entry
//! taken out of the manifest on disk once it is deleted (or found gone), so a tear-down
//! stopped by a refusal or a dead endpoint resumes where it stopped. Nothing the
//! manifest does not list is looked at.

use super::manifest::{Manifest, ManifestStore, Resource};
use super::progress::{Progress, SetupProgress, SetupStep, StepState};
use crate::aws::{AdminClients, Call, CallLog, SdkError, Service};
use crate::error::{Code, Error, Result};
use crate::ids::ProfileId;
use std::future::Future;

/// What a tear-down did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TeardownReport {
    pub deleted: Vec<String>,
    /// Listed in the manifest but gone already (deleted by hand).
    pub already_gone: Vec<String>,
}

pub struct Destroyer<'a> {
    pub clients: &'a AdminClients,
    pub calls: &'a CallLog,
    pub store: &'a ManifestStore,
    pub progress: Progress<'a>,
    pub manifest: Manifest,
    /// Removes a profile and its keychain entries (the desk's removal).
    pub remove_profile: &'a (dyn Fn(&ProfileId) -> Result<()> + Send + Sync),
}

/// The answers that mean "not there" for a delete.
fn gone(e: &Error) -> bool {
    matches!(
        e.code.as_str(),
        "ResourceNotFoundException"
            | "UserNotFoundException"
            | "NoSuchEntity"
            | "NoSuchBucket"
            | "NotFound"
            | "NoProfile"
    )
}

impl Destroyer<'_> {
    fn call(&self, service: Service, operation: &'static str) -> Call {
        let m = &self.manifest;
        crate::aws::signed_call(service, operation, &m.region, m.endpoint.as_deref())
    }

    async fn run<T, E>(
        &self,
        call: Call,
        fut: impl Future<Output = std::result::Result<T, SdkError<E>>>,
    ) -> Result<()>
    where
        T: aws_types::request_id::RequestId,
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    {
        self.calls.call(call, fut).await.map(drop)
    }

    /// Refuses credentials of another account than the one the setup was made in:
    /// there every delete would answer "not found" and the record would be emptied.
    async fn same_account(&self) -> Result<()> {
        let Some(account) = &self.manifest.account else {
            return Ok(());
        };
        let call = self.call(Service::Sts, "GetCallerIdentity");
        let me = self
            .calls
            .call(call, self.clients.sts.get_caller_identity().send())
            .await?;
        match me.account() {
            Some(now) if now != account => Err(Error::new(
                Code::SetupOtherAccount,
                format!(
                    "The setup \"{}\" was made in AWS account {account}; the admin credentials from {} are account {now}'s.",
                    self.manifest.name, self.clients.source
                ),
                "Tear down with credentials of the setup's account (the admin profile or environment it was made with).",
            )
            .with("account", account.as_str())
            .with("now", now)),
            _ => Ok(()),
        }
    }

    /// Deletes every resource of the manifest; the manifest goes when it is empty.
    pub async fn destroy(mut self) -> Result<TeardownReport> {
        let name = self.manifest.name.clone();
        self.same_account().await.map_err(|e| {
            Error::new(
                e.code.clone(),
                e.message,
                format!(
                    "{} Nothing was deleted: run `cognito-desk-cli setup destroy {name}` again once this is fixed.",
                    e.hint
                ),
            )
        })?;
        let mut report = TeardownReport::default();
        for resource in self.manifest.teardown_order() {
            let label = resource.label();
            let kind = resource.kind();
            let say =
                |state| (self.progress)(SetupProgress::new(SetupStep::Delete, state).of_kind(kind));
            say(StepState::Running);
            match self.delete(&resource).await {
                Ok(()) => {
                    report.deleted.push(label.clone());
                    say(StepState::Done {
                        resource: Some(label),
                    });
                }
                Err(e) if gone(&e) => {
                    report.already_gone.push(label.clone());
                    say(StepState::AlreadyGone { resource: label });
                }
                Err(e) => return Err(self.stopped(e, &resource)),
            }
            self.manifest.resources.retain(|r| *r != resource);
            self.store.save(&self.manifest)?;
        }
        self.store.remove(&self.manifest.name)?;
        Ok(report)
    }

    fn stopped(&self, e: Error, resource: &Resource) -> Error {
        let name = &self.manifest.name;
        let hint = match e.code.as_str() {
            "BucketNotEmpty" => format!(
                "The bucket holds objects the setup did not put there: empty it, then run `cognito-desk-cli setup destroy {name}` again."
            ),
            _ => format!(
                "{} What is left stays in the setup's record: run `cognito-desk-cli setup destroy {name}` again once this is fixed.",
                e.hint
            ),
        };
        Error::new(
            e.code.clone(),
            format!(
                "The tear-down stopped at {} ({}): {}",
                resource.label(),
                kind(resource),
                e.message
            ),
            hint,
        )
    }

    async fn delete(&self, resource: &Resource) -> Result<()> {
        let c = self.clients;
        match resource {
            Resource::Profile { id, .. } => (self.remove_profile)(id),
            Resource::IdentityPool { id } => {
                let call = self
                    .call(Service::CognitoIdentity, "DeleteIdentityPool")
                    .param("IdentityPoolId", id);
                self.run(
                    call,
                    c.identity
                        .delete_identity_pool()
                        .identity_pool_id(id)
                        .send(),
                )
                .await
            }
            Resource::RolePolicy {
                role_name,
                policy_name,
            } => {
                let call = self
                    .call(Service::Iam, "DeleteRolePolicy")
                    .param("RoleName", role_name)
                    .param("PolicyName", policy_name);
                let send = c
                    .iam
                    .delete_role_policy()
                    .role_name(role_name)
                    .policy_name(policy_name)
                    .send();
                self.run(call, send).await
            }
            Resource::Role { name, .. } => {
                let call = self
                    .call(Service::Iam, "DeleteRole")
                    .param("RoleName", name);
                self.run(call, c.iam.delete_role().role_name(name).send())
                    .await
            }
            Resource::Bucket { name } => {
                let call = self.call(Service::S3, "DeleteBucket").param("Bucket", name);
                self.run(call, c.s3.delete_bucket().bucket(name).send())
                    .await
            }
            Resource::UserPoolDomain {
                user_pool_id,
                domain,
            } => {
                let call = self
                    .call(Service::CognitoIdp, "DeleteUserPoolDomain")
                    .param("Domain", domain)
                    .param("UserPoolId", user_pool_id);
                let send = c
                    .idp
                    .delete_user_pool_domain()
                    .domain(domain)
                    .user_pool_id(user_pool_id)
                    .send();
                self.run(call, send).await
            }
            Resource::User {
                user_pool_id,
                username,
            } => {
                let call = self
                    .call(Service::CognitoIdp, "AdminDeleteUser")
                    .param("UserPoolId", user_pool_id)
                    .param("Username", username);
                let send = c
                    .idp
                    .admin_delete_user()
                    .user_pool_id(user_pool_id)
                    .username(username)
                    .send();
                self.run(call, send).await
            }
            Resource::AppClient {
                user_pool_id,
                client_id,
            } => {
                let call = self
                    .call(Service::CognitoIdp, "DeleteUserPoolClient")
                    .param("UserPoolId", user_pool_id)
                    .param("ClientId", client_id);
                let send = c
                    .idp
                    .delete_user_pool_client()
                    .user_pool_id(user_pool_id)
                    .client_id(client_id)
                    .send();
                self.run(call, send).await
            }
            Resource::UserPool { id, .. } => {
                let call = self
                    .call(Service::CognitoIdp, "DeleteUserPool")
                    .param("UserPoolId", id);
                self.run(call, c.idp.delete_user_pool().user_pool_id(id).send())
                    .await
            }
        }
    }
}

/// The kind of a resource, in the words of the AWS console.
fn kind(resource: &Resource) -> &'static str {
    match resource {
        Resource::UserPool { .. } => "user pool",
        Resource::AppClient { .. } => "app client",
        Resource::UserPoolDomain { .. } => "user pool domain",
        Resource::User { .. } => "user",
        Resource::Bucket { .. } => "S3 bucket",
        Resource::Role { .. } => "IAM role",
        Resource::RolePolicy { .. } => "IAM role policy",
        Resource::IdentityPool { .. } => "identity pool",
        Resource::Profile { .. } => "Cognito Desk profile",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_answers_of_every_service_count_as_gone() {
        for code in [
            "ResourceNotFoundException",
            "NoSuchEntity",
            "NoSuchBucket",
            "UserNotFoundException",
        ] {
            assert!(gone(&Error::new(Code::parse(code), "m", "h")), "{code}");
        }
        assert!(!gone(&Error::new(Code::parse("AccessDenied"), "m", "h")));
        assert!(!gone(&Error::new(Code::parse("BucketNotEmpty"), "m", "h")));
    }
}
