//! `check`: the walkthrough's scenario as a pool smoke test. Sign in (answering the MFA
//! challenge), GetId, GetCredentialsForIdentity, S3 ListBuckets; every request printed
//! with its duration as it finishes, and a non-zero exit at the first failure. The
//! profile's kept session (the keychain entry) is left as it was.

use crate::args::SignInArgs;
use crate::commands;
use crate::failure::Failure;
use cognito_desk_core::aws::CallRecord;
use cognito_desk_core::Desk;
use std::time::Instant;

pub async fn run(desk: &Desk, args: &SignInArgs, json: bool) -> Result<(), Failure> {
    let profile = commands::profile(desk, &args.profile)?;
    // Before any request: a profile without an identity pool cannot pass.
    cognito_desk_core::credentials::identity_pool_id(&profile)?;
    // A smoke test uses its tokens once: it neither replaces the profile's kept session
    // (a tester's own) nor pays for a keychain write.
    desk.session().keep_sessions(false);
    let started = Instant::now();
    desk.calls()
        .observe(std::sync::Arc::new(move |record| print_step(record, json)));
    let result = steps(desk, &profile, args).await;
    let printed = desk.calls().since(0).len();
    let total_ms = started.elapsed().as_millis();
    let buckets = result?;
    if json {
        println!(
            "{}",
            serde_json::json!({"step": "total", "outcome": "ok", "durationMs": total_ms,
                "requests": printed, "buckets": buckets})
        );
    } else {
        println!(
            "ok    {:<40} {total_ms:>6} ms  ({printed} requests, {} buckets)",
            "total",
            buckets.len()
        );
    }
    Ok(())
}

/// Sign-in, credentials, buckets; the bucket names.
async fn steps(
    desk: &Desk,
    profile: &cognito_desk_core::profile::Profile,
    args: &SignInArgs,
) -> Result<Vec<String>, Failure> {
    crate::signin::sign_in(desk, profile, args).await?;
    desk.credentials().get().await?;
    let buckets = desk.credentials().list_s3_buckets().await?;
    Ok(buckets.buckets.into_iter().map(|b| b.name).collect())
}

fn print_step(record: &CallRecord, json: bool) {
    let name = match record.params.iter().find(|p| p.name == "ChallengeName") {
        Some(challenge) => format!("{} ({})", record.operation, challenge.value),
        None => record.operation.to_owned(),
    };
    if json {
        println!(
            "{}",
            serde_json::json!({"step": name, "service": record.service, "outcome": record.outcome,
                "durationMs": record.duration_ms, "httpStatus": record.http_status})
        );
    } else {
        let outcome = if record.outcome == "ok" { "ok" } else { "FAIL" };
        let detail = if record.outcome == "ok" {
            String::new()
        } else {
            format!("  {}", record.outcome)
        };
        println!(
            "{outcome:<5} {name:<40} {:>6} ms{detail}",
            record.duration_ms
        );
    }
}
