//! What a tester asks a new test setup to be: a name every resource's name starts with,
//! where (region, an emulator's endpoint), whose admin credentials, and the options.

use crate::error::{Error, FieldError, Result};
use crate::profile::{AdminAccess, SignInFlow};
use serde::{Deserialize, Serialize};

/// The options beyond the walkthrough's pool (email as username, MFA optional with an
/// authenticator app).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetupOptions {
    /// How the profile signs in (SRP by default; choice-based when passkeys are on).
    #[serde(default)]
    pub sign_in_flow: SignInFlow,
    /// MFA required (MfaConfiguration ON) instead of optional.
    #[serde(default)]
    pub mfa_required: bool,
    /// The pool remembers devices (on the user's choice).
    #[serde(default)]
    pub device_tracking: bool,
    /// SMS as an MFA method: an IAM role Cognito assumes to send texts through SNS
    /// (`<name>-sms`, sns:Publish only) and the pool's SMS configuration.
    #[serde(default)]
    pub sms_mfa: bool,
    /// Email as an MFA method, sent through this SES identity (its ARN; Cognito sends
    /// MFA email only from the account's own verified SES identity).
    #[serde(default)]
    pub email_mfa_identity: Option<String>,
    /// Passkeys with this relying party id (WEB_AUTHN a first factor, choice-based
    /// sign-in allowed on the client, a test passkey for the MFA user).
    #[serde(default)]
    pub passkey_relying_party: Option<String>,
    /// The app client has a secret (kept in the keychain with the profile).
    #[serde(default)]
    pub client_secret: bool,
    /// Refresh-token rotation on the app client.
    #[serde(default)]
    pub refresh_rotation: bool,
    /// Managed login on this domain prefix (`<prefix>.auth.<region>.amazoncognito.com`)
    /// with a loopback callback.
    #[serde(default)]
    pub managed_login_prefix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetupRequest {
    /// 3–40 lowercase letters, digits and hyphens, starting with a letter: the pool, the
    /// client, the role, the bucket and the profile are named after it.
    pub name: String,
    pub region: String,
    #[serde(default)]
    pub endpoint: Option<String>,
    pub admin: AdminAccess,
    #[serde(default)]
    pub options: SetupOptions,
}

/// The loopback port managed login redirects to (a fixed one: Cognito compares the
/// callback URL exactly).
pub const CALLBACK_PORT: u16 = 53682;

impl SetupRequest {
    /// Every problem with the request, as field errors the form marks.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        let name = &self.name;
        let name_ok = (3..=40).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.ends_with('-');
        if !name_ok {
            errors.push(FieldError::new(
                "name",
                "setupNameInvalid",
                "3 to 40 lowercase letters, digits and hyphens, starting with a letter.",
            ));
        }
        if !crate::profile::is_region(&self.region) {
            errors.push(
                FieldError::new("region", "regionInvalid", "A region such as eu-west-1.")
                    .with("region", &self.region),
            );
        }
        if let Some(endpoint) = &self.endpoint {
            crate::profile::check_endpoint(endpoint, &mut errors);
        }
        self.admin.validate(self.endpoint.is_some(), &mut errors);
        if self.options.sign_in_flow == SignInFlow::Custom {
            errors.push(FieldError::new(
                "signInFlow",
                "customFlowUnsupported",
                "A setup has no Lambda triggers to ask custom questions: choose SRP, password or choice-based sign-in.",
            ));
        }
        if let Some(prefix) = &self.options.managed_login_prefix {
            let ok = (1..=63).contains(&prefix.len())
                && prefix
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !prefix.starts_with('-')
                && !prefix.contains("aws")
                && !prefix.contains("amazon")
                && !prefix.contains("cognito");
            if !ok {
                errors.push(FieldError::new(
                    "managedLoginPrefix",
                    "domainPrefixInvalid",
                    "Lowercase letters, digits and hyphens; Cognito refuses the words aws, amazon and cognito in a prefix.",
                ));
            }
        }
        if let Some(arn) = &self.options.email_mfa_identity {
            if ses_sender(arn).is_none() {
                errors.push(FieldError::new(
                    "emailMfaIdentity",
                    "sesIdentityInvalid",
                    "The ARN of a verified SES identity, e.g. arn:aws:ses:eu-west-1:111122223333:identity/example.com.",
                ));
            }
        }
        if let Some(rp) = &self.options.passkey_relying_party {
            if crate::passkey::origin_for(rp).is_err() || !rp.contains('.') {
                errors.push(FieldError::new(
                    "passkeyRelyingParty",
                    "relyingPartyInvalid",
                    "A domain name, e.g. auth.example.com.",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid_setup(errors))
        }
    }

    /// The identity pool's name: letters, digits, spaces and underscores only.
    pub fn identity_pool_name(&self) -> String {
        self.name.replace('-', "_")
    }

    pub fn client_name(&self) -> String {
        format!("{}-client", self.name)
    }

    pub fn role_name(&self) -> String {
        format!("{}-authenticated", self.name)
    }

    /// The role Cognito assumes to send SMS.
    pub fn sms_role_name(&self) -> String {
        format!("{}-sms", self.name)
    }

    pub fn plain_user(&self) -> String {
        format!("plain-user@{}.example.com", self.name)
    }

    pub fn mfa_user(&self) -> String {
        format!("mfa-user@{}.example.com", self.name)
    }

    pub fn callback_url(&self) -> String {
        format!("http://127.0.0.1:{CALLBACK_PORT}/callback")
    }
}

/// The From address of MFA email sent through the SES identity `arn`: the identity when
/// it is an address, `no-reply@` the identity when it is a domain. None when `arn` is not
/// an SES identity's ARN.
pub fn ses_sender(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [scheme, partition, "ses", region, account, resource] = parts.as_slice() else {
        return None;
    };
    let identity = resource.strip_prefix("identity/")?;
    let ok = *scheme == "arn"
        && partition.starts_with("aws")
        && crate::profile::is_region(region)
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && !identity.is_empty()
        && !identity.contains(char::is_whitespace);
    match (ok, identity.contains('@')) {
        (false, _) => None,
        (true, true) => Some(identity.to_owned()),
        (true, false) => Some(format!("no-reply@{identity}")),
    }
}
