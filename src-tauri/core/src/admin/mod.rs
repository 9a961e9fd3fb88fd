//! The tester's workbench: the pool, its users and groups, read and changed with IAM
//! credentials (signed calls, [`crate::aws::AdminClients`]). Every call passes through
//! the call log like the sign-in calls do, so the timeline shows the admin steps too.
//!
//! | file | screen |
//! |---|---|
//! | `pool.rs` | the pool summary and its MFA configuration |
//! | `users.rs` | users: list, details, create, MFA preference, enable, reset, sign out, delete |
//! | `groups.rs` | groups and their members |
//! | `client.rs` | the app client, changed with its complete configuration |
//! | `identity.rs` | the identity pool: trusted providers and roles |
//! | `doctor/` | the pool doctor: checks of the profile against all three, and fixes |

mod client;
mod devices;
pub mod doctor;
mod groups;
mod identity;
mod pool;
mod users;

pub use client::{ClientChange, ClientView, RotationSetting};
pub use groups::GroupView;
pub use identity::{IdentityPoolView, TrustedProvider};
pub use pool::{MfaConfig, MfaMode, PasswordPolicyView, PoolSummary};
pub use users::{
    MfaMethod, MfaPreferenceInput, NewUser, UserDetail, UserFilter, UserPage, UserRow,
};

use crate::aws::{endpoint_label, AdminClients, Call, CallLog, SdkError, Service};
use crate::error::{Code, Error, Result};
use crate::profile::Profile;
use std::future::Future;

/// One profile's pool, administered with its admin clients.
pub struct Admin<'a> {
    clients: &'a AdminClients,
    calls: &'a CallLog,
    endpoint: String,
    region: String,
    pool_id: String,
}

impl<'a> Admin<'a> {
    /// The pool of `profile`, with its admin clients.
    pub fn new(clients: &'a AdminClients, calls: &'a CallLog, profile: &Profile) -> Self {
        Self {
            clients,
            calls,
            endpoint: endpoint_label(profile),
            region: profile.settings.region.clone(),
            pool_id: profile.settings.user_pool_id.as_str().to_owned(),
        }
    }

    /// A signed call of this profile's region.
    fn signed_call(&self, service: Service, operation: &'static str) -> Call {
        Call::new(service, operation, &self.endpoint)
            .region(&self.region)
            .signed()
    }

    /// A call on this pool, with its id as the first parameter.
    fn on_pool(&self, operation: &'static str) -> Call {
        self.signed_call(Service::CognitoIdp, operation)
            .param("UserPoolId", &self.pool_id)
    }

    /// A call on one user of this pool.
    fn on_user(&self, operation: &'static str, username: &str) -> Call {
        self.on_pool(operation).param("Username", username)
    }

    /// Runs and records one admin call; refusals of the credentials name their source.
    async fn run<T, E>(
        &self,
        call: Call,
        fut: impl Future<Output = std::result::Result<T, SdkError<E>>>,
    ) -> Result<T>
    where
        T: aws_types::request_id::RequestId,
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    {
        self.calls
            .call(call, fut)
            .await
            .map_err(|e| refine(e, &self.clients.source))
    }
}

/// Admin wording for errors the sign-in side words for a signed-in user.
fn refine(e: Error, source: &str) -> Error {
    let refused = matches!(
        e.code.as_str(),
        "UnrecognizedClientException"
            | "InvalidSignatureException"
            | "ExpiredTokenException"
            | "MissingAuthenticationTokenException"
            | "AccessDeniedException"
            | "InvalidClientTokenId"
            | "ExpiredToken"
    );
    if refused {
        return Error::new(
            Code::AdminAccessRefused,
            format!("AWS refused the admin credentials from {source}. {}", e.message),
            "Check that these credentials are current (aws sso login, or new keys) and that their IAM policy allows this cognito-idp action on the pool.",
        );
    }
    match e.code {
        Code::UsernameExistsException => Error::new(
            Code::UsernameExistsException,
            "A user with this name already exists in the pool.",
            "Choose another username, or open the existing user from the list.",
        ),
        Code::TotpNotVerified => Error::new(
            Code::TotpNotVerified,
            "This user has no verified authenticator app, so Cognito cannot turn TOTP on for them.",
            "The order matters: the user signs in, sets up the app (AssociateSoftwareToken) and enters a code (VerifySoftwareToken); only then can TOTP be enabled or preferred.",
        ),
        _ => e,
    }
}

/// The SDK's enum values as the wire spells them.
fn text(value: &impl AsRef<str>) -> String {
    value.as_ref().to_owned()
}

fn texts<T: AsRef<str>>(values: &[T]) -> Vec<String> {
    values.iter().map(text).collect()
}

/// Seconds since the epoch of an SDK timestamp.
fn secs(t: Option<&aws_smithy_types::DateTime>) -> Option<i64> {
    t.map(aws_smithy_types::DateTime::secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_credentials_name_their_source() {
        let e = refine(
            Error::new(Code::parse("UnrecognizedClientException"), "bad key", "h"),
            "the AWS profile “dev”",
        );
        assert_eq!(e.code, Code::AdminAccessRefused);
        assert!(e.message.contains("the AWS profile “dev”"), "{}", e.message);
    }

    #[test]
    fn totp_before_verification_explains_the_order() {
        let e = refine(Error::new(Code::TotpNotVerified, "m", "h"), "s");
        assert!(e.hint.contains("AssociateSoftwareToken"), "{}", e.hint);
        let other = refine(Error::new(Code::UserNotFoundException, "m", "h"), "s");
        assert_eq!(other.message, "m");
    }
}
