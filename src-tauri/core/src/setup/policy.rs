//! The IAM documents of a setup's role: who may assume it (Cognito's identity pool, for
//! this pool's authenticated identities only) and what it may do (list buckets).

use serde_json::{json, Value};

/// The partition an ARN in `region` names.
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// The role's trust policy, with the conditions Cognito's documentation puts on an
/// identity pool role (Amazon Cognito Developer Guide, "Role trust and permissions"):
/// `aud` is this identity pool, and `amr` says the identity is authenticated.
pub fn trust_policy(identity_pool_id: &str) -> Value {
    trust_policy_document(json!(identity_pool_id))
}

/// [`trust_policy`] with the identity pool given as any JSON value (a CloudFormation
/// `Ref` in the template).
pub fn trust_policy_document(identity_pool: Value) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
            "Condition": {
                "StringEquals": {"cognito-identity.amazonaws.com:aud": identity_pool},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}
            }
        }]
    })
}

/// What the role allows: listing the account's buckets, and the setup's bucket's keys.
pub fn role_policy(region: &str, bucket: &str) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"},
            {"Effect": "Allow", "Action": "s3:ListBucket",
             "Resource": format!("arn:{}:s3:::{bucket}", partition(region))}
        ]
    })
}

/// The SMS role's trust policy: Cognito's user pools service, and only with the
/// external id the pool's SMS configuration names (the confused-deputy guard AWS's
/// documentation asks for).
pub fn sms_trust_policy(external_id: Value) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "cognito-idp.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": external_id}}
        }]
    })
}

/// What the SMS role allows: sending a text through SNS, nothing else.
pub fn sms_role_policy() -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trust_policy_names_the_identity_pool_and_authenticated_identities_only() {
        let p = trust_policy("eu-west-1:1111");
        let condition = &p["Statement"][0]["Condition"];
        assert_eq!(
            condition["StringEquals"]["cognito-identity.amazonaws.com:aud"],
            "eu-west-1:1111"
        );
        assert_eq!(
            condition["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"],
            "authenticated"
        );
    }

    #[test]
    fn only_cognito_with_the_setups_external_id_may_assume_the_sms_role() {
        let p = sms_trust_policy(json!("team-a-sms"));
        let statement = &p["Statement"][0];
        assert_eq!(
            statement["Principal"]["Service"],
            "cognito-idp.amazonaws.com"
        );
        assert_eq!(
            statement["Condition"]["StringEquals"]["sts:ExternalId"],
            "team-a-sms"
        );
        assert_eq!(sms_role_policy()["Statement"][0]["Action"], "sns:Publish");
    }

    #[test]
    fn the_bucket_arn_is_in_the_regions_partition() {
        assert_eq!(
            role_policy("cn-north-1", "b")["Statement"][1]["Resource"],
            "arn:aws-cn:s3:::b"
        );
        assert_eq!(
            role_policy("eu-west-1", "b")["Statement"][1]["Resource"],
            "arn:aws:s3:::b"
        );
    }
}
