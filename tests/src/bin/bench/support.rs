//! The benchmark's other programs (the walkthrough's aws-cli chain and a boto3 script,
//! both the seed scenario), its statistics, and the memory of a process tree.

use anyhow::{Context, Result};
use cognito_desk_testbed::process_tree::{descendants, Process};

/// The walkthrough's way, as a shell script: aws-cli for each call, jq between them.
/// The code comes in `$CODE` (typed by a person in the walkthrough).
pub const CHAIN_SCRIPT: &str = r#"
set -euo pipefail
aws() { "$AWS" --endpoint-url "$ENDPOINT" --region "$REGION" --output json "$@"; }
SESSION=$(aws cognito-idp initiate-auth --client-id "$CLIENT_ID" \
  --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters USERNAME="$USERNAME",PASSWORD="$PASSWORD" | jq -r '.Session')
ID_TOKEN=$(aws cognito-idp respond-to-auth-challenge --client-id "$CLIENT_ID" \
  --challenge-name SOFTWARE_TOKEN_MFA --session "$SESSION" \
  --challenge-responses USERNAME="$USERNAME",SOFTWARE_TOKEN_MFA_CODE="$CODE" \
  | jq -r '.AuthenticationResult.IdToken')
LOGINS="cognito-idp.$REGION.amazonaws.com/$POOL_ID=$ID_TOKEN"
IDENTITY_ID=$(aws cognito-identity get-id --identity-pool-id "$IDENTITY_POOL_ID" \
  --logins "$LOGINS" | jq -r '.IdentityId')
CREDS=$(aws cognito-identity get-credentials-for-identity --identity-id "$IDENTITY_ID" \
  --logins "$LOGINS")
export AWS_ACCESS_KEY_ID=$(jq -r '.Credentials.AccessKeyId' <<<"$CREDS")
export AWS_SECRET_ACCESS_KEY=$(jq -r '.Credentials.SecretKey' <<<"$CREDS")
export AWS_SESSION_TOKEN=$(jq -r '.Credentials.SessionToken' <<<"$CREDS")
aws s3api list-buckets | jq -e '.Buckets | length > 0' >/dev/null
"#;

/// The same scenario in one Python process with boto3.
pub const BOTO3_SCRIPT: &str = r#"
import os, boto3
env = os.environ
kw = dict(endpoint_url=env["ENDPOINT"], region_name=env["REGION"])
idp = boto3.client("cognito-idp", **kw)
r = idp.initiate_auth(ClientId=env["CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
    AuthParameters={"USERNAME": env["USERNAME"], "PASSWORD": env["PASSWORD"]})
r = idp.respond_to_auth_challenge(ClientId=env["CLIENT_ID"], ChallengeName="SOFTWARE_TOKEN_MFA",
    Session=r["Session"],
    ChallengeResponses={"USERNAME": env["USERNAME"], "SOFTWARE_TOKEN_MFA_CODE": env["CODE"]})
logins = {"cognito-idp.%s.amazonaws.com/%s" % (env["REGION"], env["POOL_ID"]):
          r["AuthenticationResult"]["IdToken"]}
ci = boto3.client("cognito-identity", **kw)
identity = ci.get_id(IdentityPoolId=env["IDENTITY_POOL_ID"], Logins=logins)["IdentityId"]
c = ci.get_credentials_for_identity(IdentityId=identity, Logins=logins)["Credentials"]
s3 = boto3.client("s3", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretKey"],
    aws_session_token=c["SessionToken"], **kw)
assert s3.list_buckets()["Buckets"]
"#;

/// Median and spread of a set of times.
pub struct Summary {
    pub median: f64,
    pub p25: f64,
    pub p75: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    pub fn of(mut times: Vec<f64>) -> Self {
        times.sort_by(f64::total_cmp);
        // Linear interpolation between the closest ranks (the median of an even count
        // is the mean of the middle two).
        let at = |q: f64| {
            let pos = (times.len().saturating_sub(1)) as f64 * q;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            times[lo] + (times[hi] - times[lo]) * (pos - lo as f64)
        };
        Self {
            median: at(0.5),
            p25: at(0.25),
            p75: at(0.75),
            min: at(0.0),
            max: at(1.0),
        }
    }
}

/// One process of a window's tree: its name, PSS and RSS in kB.
pub struct ProcessMemory {
    pub name: String,
    pub pss_kb: f64,
    pub rss_kb: f64,
}

/// PSS and RSS (kB) summed over `pid` and every process below it, and how many.
pub fn memory_of_tree(pid: u32) -> Result<(f64, f64, usize)> {
    let processes = memory_by_process(pid)?;
    Ok((
        processes.iter().map(|p| p.pss_kb).sum(),
        processes.iter().map(|p| p.rss_kb).sum(),
        processes.len(),
    ))
}

/// `pid` and every process below it, each with its memory.
pub fn memory_by_process(pid: u32) -> Result<Vec<ProcessMemory>> {
    let root = Process::read(pid).with_context(|| format!("process {pid} is gone"))?;
    std::iter::once(root)
        .chain(descendants(pid))
        .map(|process| {
            let rollup = std::fs::read_to_string(format!("/proc/{}/smaps_rollup", process.pid))
                .with_context(|| format!("smaps_rollup of {}", process.pid))?;
            Ok(ProcessMemory {
                name: process.name,
                pss_kb: field_kb(&rollup, "Pss:"),
                rss_kb: field_kb(&rollup, "Rss:"),
            })
        })
        .collect()
}

fn field_kb(rollup: &str, name: &str) -> f64 {
    rollup
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}
