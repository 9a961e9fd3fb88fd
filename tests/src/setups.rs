//! Test setups on an emulator: the request the tests make one with, and the test bed's
//! own look at what a setup made (with the emulator's admin clients, not the app's).

use crate::emulator::Emulator;
use aws_sdk_iam::error::ProvideErrorMetadata;
use cognito_desk_core::profile::{AdminAccess, AdminCredentials};
use cognito_desk_core::setup::{Manifest, Resource, SetupOptions, SetupRequest};

/// A setup named `name` at the emulator, signed with its test credentials.
pub fn emulator_request(name: &str, emu: &Emulator, options: SetupOptions) -> SetupRequest {
    SetupRequest {
        name: name.into(),
        region: "us-east-1".into(),
        endpoint: Some(emu.endpoint()),
        admin: AdminAccess {
            admin_credentials: AdminCredentials::EmulatorTest,
            admin_profile: None,
        },
        options,
    }
}

/// The id or name of the first resource of `kind` (the record's `kind` tag) the record
/// lists, as `Resource::label` gives it: a pool's or identity pool's id, a bucket's name.
pub fn made(manifest: &Manifest, kind: &str) -> String {
    manifest
        .resources
        .iter()
        .find(|r| r.kind() == kind)
        .map(Resource::label)
        .unwrap_or_else(|| panic!("the record lists no {kind}: {manifest:#?}"))
}

/// A role the setup did not make: it must still exist after the tear-down.
pub async fn pre_existing_role(emu: &Emulator) -> String {
    let iam = aws_sdk_iam::Client::new(&emu.admin_config());
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#;
    iam.create_role()
        .role_name("made-before-the-setup")
        .assume_role_policy_document(trust)
        .send()
        .await
        .expect("CreateRole");
    "made-before-the-setup".to_owned()
}

/// A "not there" answer; any other error fails the test (it would say nothing about
/// whether the resource exists).
pub fn not_found(e: &impl ProvideErrorMetadata) -> bool {
    let code = e.code().unwrap_or_default();
    assert!(
        matches!(
            code,
            "ResourceNotFoundException"
                | "UserNotFoundException"
                | "NoSuchEntity"
                | "NotFound"
                | "NoSuchBucket"
        ),
        "an answer that is not \"not found\": {code} {:?}",
        e.message()
    );
    true
}

/// Whether `resource` still exists at the emulator, asked with the test bed's clients.
pub async fn exists(emu: &Emulator, resource: &Resource) -> bool {
    let conf = emu.admin_config();
    match resource {
        Resource::UserPool { id, .. } => aws_sdk_cognitoidentityprovider::Client::new(&conf)
            .describe_user_pool()
            .user_pool_id(id)
            .send()
            .await
            .map_or_else(|e| !not_found(&e), |_| true),
        Resource::AppClient {
            user_pool_id,
            client_id,
        } => aws_sdk_cognitoidentityprovider::Client::new(&conf)
            .describe_user_pool_client()
            .user_pool_id(user_pool_id)
            .client_id(client_id)
            .send()
            .await
            .map_or_else(|e| !not_found(&e), |_| true),
        Resource::User {
            user_pool_id,
            username,
        } => aws_sdk_cognitoidentityprovider::Client::new(&conf)
            .admin_get_user()
            .user_pool_id(user_pool_id)
            .username(username)
            .send()
            .await
            .map_or_else(|e| !not_found(&e), |_| true),
        Resource::IdentityPool { id } => aws_sdk_cognitoidentity::Client::new(&conf)
            .describe_identity_pool()
            .identity_pool_id(id)
            .send()
            .await
            .map_or_else(|e| !not_found(&e), |_| true),
        Resource::Role { name, .. } => aws_sdk_iam::Client::new(&conf)
            .get_role()
            .role_name(name)
            .send()
            .await
            .map_or_else(|e| !not_found(&e), |_| true),
        Resource::RolePolicy {
            role_name,
            policy_name,
        } => aws_sdk_iam::Client::new(&conf)
            .get_role_policy()
            .role_name(role_name)
            .policy_name(policy_name)
            .send()
            .await
            .map_or_else(|e| !not_found(&e), |_| true),
        Resource::Bucket { name } => {
            let s3 = aws_sdk_s3::config::Builder::from(&conf)
                .force_path_style(true)
                .build();
            aws_sdk_s3::Client::from_conf(s3)
                .head_bucket()
                .bucket(name)
                .send()
                .await
                .map_or_else(|e| !not_found(&e), |_| true)
        }
        Resource::UserPoolDomain { .. } | Resource::Profile { .. } => {
            unreachable!("not made here")
        }
    }
}
