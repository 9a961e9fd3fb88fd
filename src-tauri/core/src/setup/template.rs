//! The same setup as an AWS CloudFormation template a team deploys with its own tools:
//! the resources `create.rs` makes, named from a `SetupName` parameter (nothing names a
//! region), the options as parameters and conditions. Intrinsic functions are written
//! in their long form (`Ref`, `Fn::GetAtt`, `Fn::Sub`), which any YAML reader takes.
//!
//! What a template cannot do is said in its Outputs: the users' passwords (AdminSetUser-
//! Password) and the test authenticator's enrollment happen after the deployment.

use super::manifest::Resource;
use super::policy::{sms_role_policy, sms_trust_policy, trust_policy_document};
use crate::error::{Error, Result};
use serde_json::{json, Value};

/// The template's resources and the kind of manifest entry each one stands for (the
/// setup's RolePolicy is the role's inline policy here; the role attachment is what
/// SetIdentityPoolRoles does, no resource of the manifest).
pub const RESOURCE_KINDS: &[(&str, &str, Option<&str>)] = &[
    ("UserPool", "AWS::Cognito::UserPool", Some("userPool")),
    (
        "AppClient",
        "AWS::Cognito::UserPoolClient",
        Some("appClient"),
    ),
    (
        "Domain",
        "AWS::Cognito::UserPoolDomain",
        Some("userPoolDomain"),
    ),
    ("Bucket", "AWS::S3::Bucket", Some("bucket")),
    (
        "IdentityPool",
        "AWS::Cognito::IdentityPool",
        Some("identityPool"),
    ),
    ("AuthenticatedRole", "AWS::IAM::Role", Some("role")),
    ("SmsRole", "AWS::IAM::Role", Some("role")),
    (
        "RoleAttachment",
        "AWS::Cognito::IdentityPoolRoleAttachment",
        None,
    ),
    ("PlainUser", "AWS::Cognito::UserPoolUser", Some("user")),
    ("MfaUser", "AWS::Cognito::UserPoolUser", Some("user")),
];

/// The manifest kind of `resource` as [`RESOURCE_KINDS`] names it (the profile is this
/// computer's, not AWS's: none).
pub fn manifest_kind(resource: &Resource) -> Option<&'static str> {
    match resource {
        // The inline policy of AuthenticatedRole.
        Resource::RolePolicy { .. } => Some("role"),
        Resource::Profile { .. } => None,
        other => Some(other.kind()),
    }
}

fn r(name: &str) -> Value {
    json!({"Ref": name})
}

fn att(resource: &str, attribute: &str) -> Value {
    json!({"Fn::GetAtt": [resource, attribute]})
}

fn sub(text: &str) -> Value {
    json!({"Fn::Sub": text})
}

/// `value` when the template has a domain, else no value at all.
fn with_domain(value: Value) -> Value {
    only_if("HasDomain", value)
}

/// `value` when `condition` holds, else no value at all.
fn only_if(condition: &str, value: Value) -> Value {
    json!({"Fn::If": [condition, value, r("AWS::NoValue")]})
}

/// The template as a JSON value (see [`template_yaml`]).
pub fn template() -> Value {
    let flows = json!([
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH"
    ]);
    let user = |email: &str| {
        json!({
            "Type": "AWS::Cognito::UserPoolUser",
            "Properties": {
                "UserPoolId": r("UserPool"),
                "Username": sub(email),
                "MessageAction": "SUPPRESS",
                "UserAttributes": [
                    {"Name": "email", "Value": sub(email)},
                    {"Name": "email_verified", "Value": "true"}
                ]
            }
        })
    };
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Cognito Desk test setup: a user pool with authenticator-app MFA, an app client, an identity pool whose authenticated role may list buckets, a bucket and two test users.",
        "Parameters": {
            "SetupName": {
                "Type": "String",
                "Description": "Every resource is named after it (3-40 lowercase letters, digits and hyphens).",
                "AllowedPattern": "^[a-z][a-z0-9-]{1,38}[a-z0-9]$"
            },
            "MfaConfiguration": {
                "Type": "String",
                "Default": "OPTIONAL",
                "AllowedValues": ["OPTIONAL", "ON"],
                "Description": "OPTIONAL as in the walkthrough, or ON (required)."
            },
            "GenerateSecret": {
                "Type": "String",
                "Default": "false",
                "AllowedValues": ["false", "true"],
                "Description": "Whether the app client has a secret."
            },
            "DomainPrefix": {
                "Type": "String",
                "Default": "",
                "Description": "Managed login on <prefix>.auth.<region>.amazoncognito.com; empty for none."
            },
            "SmsMfa": {
                "Type": "String",
                "Default": "false",
                "AllowedValues": ["false", "true"],
                "Description": "SMS as an MFA method (a role Cognito assumes to publish through SNS)."
            },
            "EmailMfaIdentity": {
                "Type": "String",
                "Default": "",
                "Description": "Email as an MFA method, sent through this verified SES identity (its ARN); empty for none."
            },
            "EmailMfaFrom": {
                "Type": "String",
                "Default": "",
                "Description": "The From address of MFA email (an address of the SES identity)."
            }
        },
        "Conditions": {
            "HasDomain": {"Fn::Not": [{"Fn::Equals": [r("DomainPrefix"), ""]}]},
            "HasSms": {"Fn::Equals": [r("SmsMfa"), "true"]},
            "HasEmail": {"Fn::Not": [{"Fn::Equals": [r("EmailMfaIdentity"), ""]}]}
        },
        "Resources": {
            "UserPool": {
                "Type": "AWS::Cognito::UserPool",
                "Properties": {
                    "UserPoolName": r("SetupName"),
                    "UsernameAttributes": ["email"],
                    "AutoVerifiedAttributes": ["email"],
                    "MfaConfiguration": r("MfaConfiguration"),
                    "EnabledMfas": {"Fn::If": ["HasSms",
                        {"Fn::If": ["HasEmail", ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"], ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]]},
                        {"Fn::If": ["HasEmail", ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], ["SOFTWARE_TOKEN_MFA"]]}]},
                    "SmsConfiguration": only_if("HasSms", json!({
                        "SnsCallerArn": att("SmsRole", "Arn"),
                        "ExternalId": sub("${SetupName}-sms"),
                        "SnsRegion": r("AWS::Region")
                    })),
                    "EmailConfiguration": only_if("HasEmail", json!({
                        "EmailSendingAccount": "DEVELOPER",
                        "SourceArn": r("EmailMfaIdentity"),
                        "From": r("EmailMfaFrom")
                    })),
                    "DeletionProtection": "INACTIVE"
                }
            },
            "SmsRole": {
                "Type": "AWS::IAM::Role",
                "Condition": "HasSms",
                "Properties": {
                    "RoleName": sub("${SetupName}-sms"),
                    "AssumeRolePolicyDocument": sms_trust_policy(sub("${SetupName}-sms")),
                    "Policies": [{"PolicyName": "send-sms", "PolicyDocument": sms_role_policy()}]
                }
            },
            "AppClient": {
                "Type": "AWS::Cognito::UserPoolClient",
                "Properties": {
                    "UserPoolId": r("UserPool"),
                    "ClientName": sub("${SetupName}-client"),
                    "GenerateSecret": r("GenerateSecret"),
                    "ExplicitAuthFlows": flows,
                    // Managed login's settings only with a domain, as the setup does.
                    "SupportedIdentityProviders": with_domain(json!(["COGNITO"])),
                    "CallbackURLs": with_domain(json!([format!("http://127.0.0.1:{}/callback", super::CALLBACK_PORT)])),
                    "AllowedOAuthFlows": with_domain(json!(["code"])),
                    "AllowedOAuthFlowsUserPoolClient": with_domain(json!(true)),
                    "AllowedOAuthScopes": with_domain(json!(["openid", "email", "profile", "aws.cognito.signin.user.admin"]))
                }
            },
            "Domain": {
                "Type": "AWS::Cognito::UserPoolDomain",
                "Condition": "HasDomain",
                "Properties": {
                    "Domain": r("DomainPrefix"),
                    "UserPoolId": r("UserPool"),
                    "ManagedLoginVersion": 1
                }
            },
            "Bucket": {"Type": "AWS::S3::Bucket"},
            "IdentityPool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {
                    "IdentityPoolName": {"Fn::Join": ["_", {"Fn::Split": ["-", r("SetupName")]}]},
                    "AllowUnauthenticatedIdentities": false,
                    "CognitoIdentityProviders": [{
                        "ClientId": r("AppClient"),
                        "ProviderName": att("UserPool", "ProviderName"),
                        "ServerSideTokenCheck": false
                    }]
                }
            },
            "AuthenticatedRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": sub("${SetupName}-authenticated"),
                    "AssumeRolePolicyDocument": trust_policy_document(r("IdentityPool")),
                    "Policies": [{
                        "PolicyName": "list-buckets",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"},
                                {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": att("Bucket", "Arn")}
                            ]
                        }
                    }]
                }
            },
            "RoleAttachment": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {
                    "IdentityPoolId": r("IdentityPool"),
                    "Roles": {"authenticated": att("AuthenticatedRole", "Arn")}
                }
            },
            "PlainUser": user("plain-user@${SetupName}.example.com"),
            "MfaUser": user("mfa-user@${SetupName}.example.com")
        },
        "Outputs": {
            "UserPoolId": {"Value": r("UserPool")},
            "ClientId": {"Value": r("AppClient")},
            "IdentityPoolId": {"Value": r("IdentityPool")},
            "BucketName": {"Value": r("Bucket")},
            "RoleArn": {"Value": att("AuthenticatedRole", "Arn")},
            "NextSteps": {
                "Description": "What a template cannot do",
                "Value": "Give both users a permanent password (aws cognito-idp admin-set-user-password --permanent), then add a Cognito Desk profile with these outputs and enroll the MFA user's authenticator (cognito-desk-cli mfa enroll --test-authenticator)."
            }
        }
    })
}

/// The template as YAML.
pub fn template_yaml() -> Result<String> {
    let yaml = serde_norway::to_string(&template())
        .map_err(|e| Error::internal(format!("the template could not be written: {e}")))?;
    Ok(quote_yaml11_booleans(&yaml))
}

/// The words YAML 1.1 reads as booleans. serde_norway writes YAML 1.2, where `ON` is a
/// string, unquoted; CloudFormation and cfn-lint read YAML 1.1, where it is `true`.
const YAML11_BOOLEANS: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
    "OFF",
];

/// Quotes a plain scalar that YAML 1.1 would read as a boolean (a list item or a
/// mapping value standing alone at the end of its line).
fn quote_yaml11_booleans(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    for line in yaml.lines() {
        let split = line.rfind(": ").map(|i| i + 2).or_else(|| {
            line.trim_start()
                .starts_with("- ")
                .then(|| line.find("- ").map(|i| i + 2))
                .flatten()
        });
        match split {
            Some(i) if YAML11_BOOLEANS.contains(&&line[i..]) => {
                out.push_str(&line[..i]);
                out.push('\'');
                out.push_str(&line[i..]);
                out.push('\'');
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml11_booleans_are_quoted_and_nothing_else_is() {
        let yaml = "a: ON\nb: ONE\nlist:\n- OFF\n- 'yes'\n- Yes please\nc: x: no\n";
        assert_eq!(
            quote_yaml11_booleans(yaml),
            "a: 'ON'\nb: ONE\nlist:\n- 'OFF'\n- 'yes'\n- Yes please\nc: x: 'no'\n"
        );
    }

    #[test]
    fn every_resource_of_the_template_is_named_in_the_kind_table() {
        let t = template();
        let resources = t["Resources"].as_object().unwrap();
        assert_eq!(resources.len(), RESOURCE_KINDS.len());
        for (name, kind, _) in RESOURCE_KINDS {
            assert_eq!(resources[*name]["Type"], *kind, "{name}");
        }
    }

    #[test]
    fn the_roles_trust_carries_the_same_conditions_as_the_setups() {
        let t = template();
        let condition = &t["Resources"]["AuthenticatedRole"]["Properties"]
            ["AssumeRolePolicyDocument"]["Statement"][0]["Condition"];
        assert_eq!(
            condition["StringEquals"]["cognito-identity.amazonaws.com:aud"],
            json!({"Ref": "IdentityPool"})
        );
        assert_eq!(
            condition["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"],
            "authenticated"
        );
        let yaml = template_yaml().unwrap();
        assert!(yaml.contains("AWS::IAM::Role"), "{yaml}");
        // YAML 1.1 (CloudFormation's) would read a bare ON as true.
        assert!(
            yaml.contains("- 'ON'") && !yaml.contains("- ON\n"),
            "{yaml}"
        );
        assert!(
            !yaml.contains("us-east-1") && !yaml.contains("eu-"),
            "no region named"
        );
    }
}
