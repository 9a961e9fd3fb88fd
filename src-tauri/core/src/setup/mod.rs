//! A test setup from nothing, and back to nothing: the walkthrough's wiring made in one
//! step with the admin credentials a tester names, every resource recorded as it comes
//! to exist, and a tear-down that deletes exactly what the record lists.
//!
//! | file | part |
//! |---|---|
//! | `request.rs` | what the tester asks for, checked before any call |
//! | `create.rs` | the AWS resources, in dependency order |
//! | `roles.rs` | the identity pool's role and the SMS role, with their policies |
//! | `policy.rs` | the roles' trust policies (aud, amr; the SMS external id) and their policies |
//! | `manifest.rs` | the record on disk (`setups/<name>.json`) |
//! | `destroy.rs` | the tear-down, resumable |
//! | `progress.rs` | the steps as values the window and the terminal word |
//! | `template.rs` | the same setup as a CloudFormation template |
//!
//! The profile, the test authenticator's enrollment and the test passkey are the desk's
//! (`desk/setup.rs`): they sign in as the setup's user like a tester would.

mod create;
mod destroy;
mod manifest;
mod policy;
mod progress;
mod request;
mod roles;
mod template;

pub use create::{CreatedResources, Creator};
pub use destroy::{Destroyer, TeardownReport};
pub use manifest::{Manifest, ManifestStore, Resource};
pub use policy::{role_policy, sms_role_policy, sms_trust_policy, trust_policy};
pub use progress::{Progress, SetupProgress, SetupStep, StepState};
pub use request::{ses_sender, SetupOptions, SetupRequest, CALLBACK_PORT};
pub use template::{manifest_kind, template, template_yaml, RESOURCE_KINDS};

use crate::error::{Code, Error};

/// A step's failure, with the refused action named when AWS refused the credentials'
/// permission, and the way back to nothing.
pub(crate) fn refused(
    e: Error,
    step: SetupStep,
    operation: &str,
    source: &str,
    setup: &str,
) -> Error {
    let back = format!(
        "What was made so far is in the setup's record: `cognito-desk-cli setup destroy {setup}` removes it."
    );
    let denied = matches!(
        e.code.as_str(),
        "AccessDenied"
            | "AccessDeniedException"
            | "UnauthorizedOperation"
            | "NotAuthorizedException"
    );
    if denied {
        return Error::new(
            Code::SetupPermissionRefused,
            format!(
                "AWS refused {operation} to the admin credentials from {source} ({step:?}): {}",
                e.message
            ),
            format!("Allow {operation} to these credentials (their IAM policy), then create the setup again under a new name. {back}"),
        )
        .with("operation", operation)
        .with("setup", setup);
    }
    let exists = matches!(
        e.code.as_str(),
        "EntityAlreadyExists" | "BucketAlreadyExists" | "BucketAlreadyOwnedByYou"
    ) || (operation == "CreateUserPoolDomain"
        && e.code.as_str() == "InvalidParameterException");
    let hint = match exists {
        true => format!("A resource of that name exists already: choose another setup name (or domain prefix). {back}"),
        false => format!("{} {back}", e.hint),
    };
    Error::new(
        e.code.clone(),
        format!("{operation} failed: {}", e.message),
        hint,
    )
}

/// An emulator answering an operation it does not have: moto 5.2.5 answers
/// SetIdentityPoolRoles with HTTP 500 and an HTML page (InternalErrorException here).
/// Asked only with an endpoint override, never of AWS.
pub(crate) fn not_implemented(e: &Error) -> bool {
    matches!(
        e.code.as_str(),
        "UnexpectedResponse"
            | "NotImplemented"
            | "InternalFailure"
            | "InternalErrorException"
            | "UnknownOperationException"
    )
}

impl Error {
    pub fn invalid_setup(fields: Vec<crate::error::FieldError>) -> Self {
        let mut e = Self::new(
            Code::InvalidSetup,
            "The setup has fields that need fixing.",
            "Correct the fields marked, then create again.",
        );
        e.fields = fields;
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{AdminAccess, AdminCredentials};

    #[test]
    fn a_refused_permission_names_the_action_the_source_and_the_way_back() {
        let e = refused(
            Error::new(
                Code::parse("AccessDenied"),
                "not authorized to perform: iam:CreateRole",
                "h",
            ),
            SetupStep::Role,
            "CreateRole",
            "the AWS profile “dev”",
            "team-a",
        );
        assert_eq!(e.code, Code::SetupPermissionRefused);
        assert!(
            e.message.contains("CreateRole") && e.message.contains("“dev”"),
            "{}",
            e.message
        );
        assert!(e.hint.contains("setup destroy team-a"), "{}", e.hint);
        // The window words it in its language from the values.
        assert_eq!(
            e.params.get("operation").map(String::as_str),
            Some("CreateRole")
        );
        assert_eq!(e.params.get("setup").map(String::as_str), Some("team-a"));
        let taken = refused(
            Error::new(Code::parse("EntityAlreadyExists"), "Role exists", "h"),
            SetupStep::Role,
            "CreateRole",
            "s",
            "team-a",
        );
        assert!(taken.hint.contains("another setup name"), "{}", taken.hint);
    }

    fn request(name: &str) -> SetupRequest {
        SetupRequest {
            name: name.into(),
            region: "eu-west-1".into(),
            endpoint: None,
            admin: AdminAccess {
                admin_credentials: AdminCredentials::Environment,
                admin_profile: None,
            },
            options: SetupOptions::default(),
        }
    }

    #[test]
    fn names_regions_prefixes_and_relying_parties_are_checked_before_any_call() {
        assert!(request("team-a").validate().is_ok());
        for bad in ["ab", "Team", "1team", "team_a", "team-"] {
            let e = request(bad).validate().unwrap_err();
            assert_eq!(e.fields[0].field, "name", "{bad}");
        }
        let mut r = request("team-a");
        r.region = "europe".into();
        r.options.managed_login_prefix = Some("my-cognito".into());
        r.options.passkey_relying_party = Some("localhost".into());
        let fields: Vec<&str> = r
            .validate()
            .unwrap_err()
            .fields
            .iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(
            fields,
            ["region", "managedLoginPrefix", "passkeyRelyingParty"]
        );
        // The emulator's test credentials only with an endpoint override.
        let mut r = request("team-a");
        r.admin.admin_credentials = AdminCredentials::EmulatorTest;
        assert!(r.validate().is_err());
        r.endpoint = Some("http://127.0.0.1:4566".into());
        assert!(r.validate().is_ok());
        // The users' password would travel in clear text to another computer; and a
        // profile with that endpoint could not be saved after every resource was made.
        let codes = |endpoint: &str| {
            let mut r = request("team-a");
            r.endpoint = Some(endpoint.into());
            r.validate()
                .map_or_else(|e| e.fields.iter().map(|f| f.code).collect(), |()| vec![])
        };
        assert_eq!(codes("http://10.0.0.5:4566"), ["endpointNeedsHttps"]);
        assert_eq!(codes("localhost:4566"), ["urlInvalid"]);
        assert!(codes("https://cognito-idp.example.com").is_empty());
    }

    #[test]
    fn mfa_email_is_sent_from_the_ses_identity_the_arn_names() {
        let arn =
            |identity: &str| format!("arn:aws:ses:eu-west-1:111122223333:identity/{identity}");
        assert_eq!(
            ses_sender(&arn("tester@example.com")).as_deref(),
            Some("tester@example.com")
        );
        assert_eq!(
            ses_sender(&arn("example.com")).as_deref(),
            Some("no-reply@example.com")
        );
        for bad in [
            "example.com",
            "arn:aws:sns:eu-west-1:111122223333:identity/example.com",
            "arn:aws:ses:eu-west-1:1111:identity/example.com",
            "arn:aws:ses:europe:111122223333:identity/example.com",
            "arn:aws:ses:eu-west-1:111122223333:configuration-set/x",
            "arn:aws:ses:eu-west-1:111122223333:identity/",
        ] {
            assert_eq!(ses_sender(bad), None, "{bad}");
            let mut r = request("team-a");
            r.options.email_mfa_identity = Some(bad.into());
            let e = r.validate().unwrap_err();
            assert_eq!(e.fields[0].field, "emailMfaIdentity", "{bad}");
        }
    }
}
