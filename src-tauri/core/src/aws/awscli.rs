//! "Copy as aws-cli": a logged SDK call as the AWS CLI command that repeats it. Secrets
//! stay the shell variables the log already holds (`"$PASSWORD"`), so the command can
//! be shared and is run by setting those variables first. A call signed with the
//! identity pool's temporary credentials names them as the variables "Copy as
//! environment variables" sets, so the replay answers as the identity pool's role
//! whatever the shell's default profile is. Plain HTTP calls (the JWKS, the
//! managed-login endpoints) have no aws-cli form.

use super::{CallRecord, Param, Service};

/// Top-level parameters that are booleans: `--flag` / `--no-flag`.
const BOOLEANS: &[&str] = &[
    "Permanent",
    "EnableTokenRevocation",
    "AllowedOAuthFlowsUserPoolClient",
    "EnablePropagateAdditionalUserContextData",
];

/// Top-level parameters that are lists, logged space-separated.
const LISTS: &[&str] = &[
    "ExplicitAuthFlows",
    "CallbackURLs",
    "LogoutURLs",
    "AllowedOAuthFlows",
    "AllowedOAuthScopes",
    "ReadAttributes",
    "WriteAttributes",
    "SupportedIdentityProviders",
];

/// Map parameters the AWS CLI takes as a list of `Name=…,Value=…` structures.
const ATTRIBUTE_LISTS: &[&str] = &["UserAttributes"];

/// The identity pool's credentials as the variables `export` lines set
/// ([`crate::credentials::AwsCredentials::env_lines`]). Unset, the shell stops with the
/// reason instead of running the command as the default profile (an empty variable
/// would let the AWS CLI fall back to it).
const TEMPORARY_CREDENTIALS: &str = concat!(
    "AWS_ACCESS_KEY_ID=\"${AWS_ACCESS_KEY_ID:?",
    "paste Copy as environment variables first}\" ",
    "AWS_SECRET_ACCESS_KEY=\"${AWS_SECRET_ACCESS_KEY:?",
    "paste Copy as environment variables first}\" ",
    "AWS_SESSION_TOKEN=\"${AWS_SESSION_TOKEN:?",
    "paste Copy as environment variables first}\" "
);

/// The command, or `None` for a call that is not an AWS API call.
pub fn command(record: &CallRecord) -> Option<String> {
    let service = match record.service {
        Service::CognitoIdp => "cognito-idp",
        Service::CognitoIdentity => "cognito-identity",
        Service::S3 => "s3api",
        Service::Sts => "sts",
        Service::Iam => "iam",
        Service::Http => return None,
    };
    // Environment variables beat a default profile (and AWS_PROFILE) in the AWS CLI's
    // credential chain; only --profile would override them, and none is written.
    let credentials = if record.temporary_credentials {
        TEMPORARY_CREDENTIALS
    } else {
        ""
    };
    let mut words = vec![format!(
        "{credentials}aws {service} {}",
        kebab(record.operation)
    )];
    for p in record.params.iter().filter(|p| p.map.is_none()) {
        words.push(top_level(p));
    }
    let mut maps: Vec<&'static str> = Vec::new();
    for map in record.params.iter().filter_map(|p| p.map) {
        if !maps.contains(&map) {
            maps.push(map);
        }
    }
    for map in maps {
        let entries: Vec<&Param> = record
            .params
            .iter()
            .filter(|p| p.map == Some(map))
            .collect();
        words.push(if ATTRIBUTE_LISTS.contains(&map) {
            let items: Vec<String> = entries
                .iter()
                .map(|e| single_quoted(&format!("Name={},Value={}", e.name, e.value)))
                .collect();
            format!("--{} {}", kebab(map), items.join(" "))
        } else {
            format!("--{} {}", kebab(map), json_object(&entries))
        });
    }
    // The CLI would fetch every page; the app asked for one.
    if record.operation.starts_with("List") && record.service == Service::CognitoIdp {
        words.push("--no-paginate".to_owned());
    }
    if let Some(region) = &record.region {
        words.push(format!("--region {}", single_quoted(region)));
    }
    if !is_aws_endpoint(&record.endpoint) {
        words.push(format!(
            "--endpoint-url {}",
            single_quoted(&record.endpoint)
        ));
    }
    if !record.signed {
        words.push("--no-sign-request".to_owned());
    }
    Some(words.join(" \\\n  "))
}

fn top_level(p: &Param) -> String {
    let flag = kebab(&p.name);
    if p.secret {
        return format!("--{flag} \"{}\"", p.value);
    }
    if BOOLEANS.contains(&p.name.as_str()) {
        return match p.value.as_str() {
            "true" => format!("--{flag}"),
            _ => format!("--no-{flag}"),
        };
    }
    if LISTS.contains(&p.name.as_str()) {
        let items: Vec<String> = p.value.split_whitespace().map(single_quoted).collect();
        return format!("--{flag} {}", items.join(" "));
    }
    format!("--{flag} {}", single_quoted(&p.value))
}

/// A JSON object in shell double quotes: plain values JSON- and shell-escaped, secrets
/// as `"$VARIABLE"` so the shell fills them in.
fn json_object(entries: &[&Param]) -> String {
    let body: Vec<String> = entries
        .iter()
        .map(|e| {
            let key = double_quoted_body(&json_string(&e.name));
            let value = if e.secret {
                format!("\\\"{}\\\"", e.value)
            } else {
                double_quoted_body(&json_string(&e.value))
            };
            format!("{key}:{value}")
        })
        .collect();
    format!("\"{{{}}}\"", body.join(","))
}

fn json_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// Text for inside shell double quotes.
fn double_quoted_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn is_aws_endpoint(endpoint: &str) -> bool {
    url::Url::parse(endpoint)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.ends_with(".amazonaws.com")))
        .unwrap_or(false)
}

/// An API name as the AWS CLI spells it (botocore's xform_name): `InitiateAuth` →
/// `initiate-auth`, `AdminSetUserMFAPreference` → `admin-set-user-mfa-preference`,
/// `CallbackURLs` → `callback-urls`, `AllowedOAuthFlows` → `allowed-o-auth-flows`.
pub fn kebab(name: &str) -> String {
    // A plural acronym at the end (URLs, ARNs) is one word.
    let (stem, plural) = match name.strip_suffix('s') {
        Some(stem)
            if stem.len() >= 3
                && stem[stem.len() - 3..]
                    .chars()
                    .all(|c| c.is_ascii_uppercase()) =>
        {
            (stem, true)
        }
        _ => (name, false),
    };
    let chars: Vec<char> = stem.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let boundary = prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower);
            if boundary && !out.ends_with('-') {
                out.push('-');
            }
        }
        if c == '_' {
            out.push('-');
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    if plural {
        out.push('s');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::Call;

    #[test]
    fn names_are_spelled_like_the_aws_cli() {
        for (api, cli) in [
            ("InitiateAuth", "initiate-auth"),
            ("RespondToAuthChallenge", "respond-to-auth-challenge"),
            ("AdminSetUserMFAPreference", "admin-set-user-mfa-preference"),
            ("SMSMfaSettings", "sms-mfa-settings"),
            ("GetUserPoolMfaConfig", "get-user-pool-mfa-config"),
            ("CallbackURLs", "callback-urls"),
            (
                "AllowedOAuthFlowsUserPoolClient",
                "allowed-o-auth-flows-user-pool-client",
            ),
            ("GetCredentialsForIdentity", "get-credentials-for-identity"),
            ("GetId", "get-id"),
            ("IdentityPoolId", "identity-pool-id"),
        ] {
            assert_eq!(kebab(api), cli, "{api}");
        }
    }

    fn record(call: Call) -> CallRecord {
        call.into_record_for_test()
    }

    #[test]
    fn a_public_call_is_unsigned_with_its_secrets_as_variables() {
        let r = record(
            Call::cognito("InitiateAuth", "http://127.0.0.1:4566")
                .region("us-east-1")
                .param("AuthFlow", "USER_PASSWORD_AUTH")
                .param("ClientId", "abc")
                .entry("AuthParameters", "USERNAME", "o'neil@example.com")
                .secret_entry("AuthParameters", "PASSWORD", "PASSWORD"),
        );
        let cmd = command(&r).unwrap();
        assert_eq!(
            cmd,
            "aws cognito-idp initiate-auth \\\n  --auth-flow 'USER_PASSWORD_AUTH' \\\n  --client-id 'abc' \\\n  \
             --auth-parameters \"{\\\"USERNAME\\\":\\\"o'neil@example.com\\\",\\\"PASSWORD\\\":\\\"$PASSWORD\\\"}\" \\\n  \
             --region 'us-east-1' \\\n  --endpoint-url 'http://127.0.0.1:4566' \\\n  --no-sign-request"
        );
    }

    #[test]
    fn signed_aws_calls_have_no_endpoint_and_keep_booleans_and_lists() {
        let r = record(
            Call::cognito(
                "UpdateUserPoolClient",
                "https://cognito-idp.eu-west-1.amazonaws.com",
            )
            .region("eu-west-1")
            .signed()
            .param(
                "ExplicitAuthFlows",
                "ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH",
            )
            .param("EnableTokenRevocation", "false"),
        );
        let cmd = command(&r).unwrap();
        assert!(
            cmd.contains("--explicit-auth-flows 'ALLOW_USER_SRP_AUTH' 'ALLOW_REFRESH_TOKEN_AUTH'"),
            "{cmd}"
        );
        assert!(cmd.contains("--no-enable-token-revocation"), "{cmd}");
        assert!(
            !cmd.contains("--endpoint-url") && !cmd.contains("--no-sign-request"),
            "{cmd}"
        );
        let http = record(Call::new(Service::Http, "GetJwks", "https://x"));
        assert_eq!(command(&http), None);
    }

    #[test]
    fn a_call_with_the_identity_pools_credentials_names_them() {
        let sts = record(
            Call::new(
                Service::Sts,
                "GetCallerIdentity",
                "https://sts.us-east-1.amazonaws.com",
            )
            .region("us-east-1")
            .signed_with_temporary_credentials(),
        );
        let cmd = command(&sts).unwrap();
        for name in [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
        ] {
            assert!(cmd.contains(&format!("{name}=\"${{{name}:?")), "{cmd}");
        }
        assert!(
            cmd.lines()
                .next()
                .unwrap()
                .contains("\" aws sts get-caller-identity"),
            "{cmd}"
        );
        // An admin call is signed with what the shell has: nothing is named.
        let admin = record(
            Call::cognito("ListUsers", "https://cognito-idp.us-east-1.amazonaws.com").signed(),
        );
        assert!(command(&admin)
            .unwrap()
            .starts_with("aws cognito-idp list-users"));
    }
}
