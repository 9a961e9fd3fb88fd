//! Where a profile's admin (IAM) credentials come from. The app never stores them: it
//! names a source, and aws-config's standard provider chain resolves it at the moment
//! an admin screen needs it.

use crate::error::FieldError;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The source of the credentials that sign admin calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum AdminCredentials {
    /// No admin screens for this profile (the sign-in side works without them).
    #[default]
    None,
    /// aws-config's default chain: `AWS_ACCESS_KEY_ID`…, `AWS_PROFILE`, the default
    /// profile, SSO, container and instance credentials.
    Environment,
    /// A named profile of `~/.aws/config` / `~/.aws/credentials` (static keys, SSO,
    /// `credential_process`, assumed roles).
    SharedProfile,
    /// The emulators' fixed test credentials (`test` / `test`); only with an endpoint
    /// override, so they can never be sent to AWS.
    EmulatorTest,
}

/// The admin part of a profile's settings (flattened into [`super::ProfileSettings`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AdminAccess {
    /// The source of the credentials that sign the workbench's admin calls.
    #[serde(default)]
    pub admin_credentials: AdminCredentials,
    /// With `sharedProfile`: the profile's name in `~/.aws/config`.
    #[serde(default)]
    pub admin_profile: Option<String>,
}

impl AdminAccess {
    /// Problems with the admin fields, given whether the profile has an endpoint override.
    pub fn validate(&self, has_endpoint: bool, errors: &mut Vec<FieldError>) {
        match self.admin_credentials {
            AdminCredentials::SharedProfile => match self.profile_name() {
                None => errors.push(FieldError::new(
                    "adminProfile",
                    "adminProfileRequired",
                    "Enter the name of a profile in ~/.aws/config, e.g. dev-admin.",
                )),
                Some(name) if !name.chars().all(is_profile_char) => errors.push(FieldError::new(
                    "adminProfile",
                    "adminProfileInvalid",
                    "A profile name has letters, digits and - _ . @ + only.",
                )),
                Some(_) => {}
            },
            AdminCredentials::EmulatorTest if !has_endpoint => errors.push(FieldError::new(
                "adminCredentials",
                "adminEmulatorNeedsEndpoint",
                "The emulator's test credentials work only with an endpoint override; choose a named AWS profile or the environment for AWS.",
            )),
            _ => {}
        }
    }

    /// The shared-config profile name, trimmed; `None` when blank.
    pub fn profile_name(&self) -> Option<&str> {
        self.admin_profile
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
    }

    /// How it is kept: the profile name only where it is used.
    pub fn normalised(&self) -> AdminAccess {
        AdminAccess {
            admin_credentials: self.admin_credentials,
            admin_profile: match self.admin_credentials {
                AdminCredentials::SharedProfile => self.profile_name().map(str::to_owned),
                _ => None,
            },
        }
    }
}

fn is_profile_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '+')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(access: &AdminAccess, has_endpoint: bool) -> Vec<&'static str> {
        let mut errors = Vec::new();
        access.validate(has_endpoint, &mut errors);
        errors.iter().map(|e| e.code).collect()
    }

    #[test]
    fn a_named_profile_needs_a_usable_name() {
        let mut access = AdminAccess {
            admin_credentials: AdminCredentials::SharedProfile,
            admin_profile: Some("  ".into()),
        };
        assert_eq!(codes(&access, false), ["adminProfileRequired"]);
        access.admin_profile = Some("dev admin".into());
        assert_eq!(codes(&access, false), ["adminProfileInvalid"]);
        access.admin_profile = Some(" dev-admin ".into());
        assert!(codes(&access, false).is_empty());
        assert_eq!(
            access.normalised().admin_profile.as_deref(),
            Some("dev-admin")
        );
    }

    #[test]
    fn test_credentials_only_go_to_an_emulator() {
        let access = AdminAccess {
            admin_credentials: AdminCredentials::EmulatorTest,
            admin_profile: Some("left over".into()),
        };
        assert_eq!(codes(&access, false), ["adminEmulatorNeedsEndpoint"]);
        assert!(codes(&access, true).is_empty());
        assert_eq!(access.normalised().admin_profile, None);
    }

    #[test]
    fn profiles_saved_before_admin_access_have_none() {
        let access: AdminAccess = serde_json::from_str("{}").unwrap();
        assert_eq!(access.admin_credentials, AdminCredentials::None);
    }
}
