//! Temporary AWS credentials through the identity pool (GetId once per user, then
//! GetCredentialsForIdentity), and the proof that they work: S3 ListBuckets and STS
//! GetCallerIdentity signed with exactly those credentials.

use super::epoch::SessionSlot;
use super::session::{SessionService, SignedIn};
use super::{lock, Shared};
use crate::credentials::{self, AwsCredentials, Export};
use crate::dto::{BucketView, BucketsView, CallerView, CredentialsView, StepView};
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::profile::{write_atomically, Profile};
use crate::secret::masked_preview;
use crate::session::now_secs;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const IDENTITIES_FILE: &str = "identities.json";

fn read_identities(path: &Path) -> Option<HashMap<String, String>> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// GetCredentialsForIdentity's answers for an identity id that is not this user's any
/// more (identity_error's mapping of NotAuthorized and ResourceNotFound).
fn stale_identity(code: &Code) -> bool {
    matches!(
        code,
        Code::NotAuthorizedException | Code::OperationRefused | Code::ResourceNotFoundException
    )
}

/// An identity belongs to a user in one identity pool.
fn identity_key(profile_id: &ProfileId, username: &Username, profile: &Profile) -> String {
    let pool = profile
        .settings
        .identity_pool_id
        .as_deref()
        .unwrap_or_default();
    format!("{profile_id}/{username}@{pool}")
}

/// The calls a credentials page lists as its steps.
const CREDENTIAL_CALLS: [&str; 4] = [
    "GetId",
    "GetCredentialsForIdentity",
    "ListBuckets",
    "GetCallerIdentity",
];

#[derive(Debug)]
pub struct CredentialsService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    /// Identity ids per profile and user: later exchanges skip GetId. Kept in
    /// `identities.json` (ids, no secret), so the next process (a CLI call, the next
    /// start) skips it too.
    identity_ids: Mutex<HashMap<String, String>>,
    identities_file: PathBuf,
    /// The session's temporary AWS credentials, in memory only.
    held: SessionSlot<AwsCredentials>,
}

impl CredentialsService {
    pub(crate) fn new(
        shared: Arc<Shared>,
        sessions: Arc<SessionService>,
        config_dir: &Path,
    ) -> Self {
        let identities_file = config_dir.join(IDENTITIES_FILE);
        let known = read_identities(&identities_file).unwrap_or_default();
        Self {
            shared,
            sessions,
            identity_ids: Mutex::new(known),
            identities_file,
            held: SessionSlot::default(),
        }
    }

    /// Remembers an identity id, in memory and in the file (a failure to write only
    /// costs the next process one GetId).
    fn keep_identity(&self, key: String, identity_id: Option<&str>) {
        let mut ids = lock(&self.identity_ids);
        if ids.get(&key).map(String::as_str) == identity_id {
            return;
        }
        // Another process (the window, the CLI) may have kept ids since this one read
        // the file: merge them in, so neither loses the other's.
        if let Some(on_disk) = read_identities(&self.identities_file) {
            for (k, v) in on_disk {
                ids.entry(k).or_insert(v);
            }
        }
        match identity_id {
            Some(id) => ids.insert(key, id.to_owned()),
            None => ids.remove(&key),
        };
        let _ = write_atomically(&self.identities_file, &*ids);
    }

    /// Forgets the identity ids of a removed profile, in memory and in the file.
    pub(crate) fn forget_profile(&self, profile_id: &ProfileId) {
        let prefix = format!("{profile_id}/");
        let mut ids = lock(&self.identity_ids);
        if let Some(on_disk) = read_identities(&self.identities_file) {
            for (k, v) in on_disk {
                ids.entry(k).or_insert(v);
            }
        }
        let before = ids.len();
        ids.retain(|key, _| !key.starts_with(&prefix));
        if ids.len() != before {
            let _ = write_atomically(&self.identities_file, &*ids);
        }
    }

    /// Drops the credentials from memory (at sign-out).
    pub(crate) fn forget(&self) {
        self.held.clear();
    }

    /// "Get AWS credentials": a new exchange (GetId only the first time).
    pub async fn get(&self) -> Result<CredentialsView> {
        let (user, creds, steps) = self.credentials(true).await?;
        let profile = &user.profile;
        Ok(CredentialsView {
            identity_id: creds.identity_id.clone(),
            access_key_id: creds.access_key_id.clone(),
            secret_key_preview: masked_preview(creds.secret_key.expose()),
            session_token_preview: masked_preview(creds.session_token.expose()),
            expiration: creds.expiration,
            region: profile.settings.region.clone(),
            logins_key: credentials::logins_key(profile),
            steps,
        })
    }

    pub async fn list_s3_buckets(&self) -> Result<BucketsView> {
        let (user, creds, mut steps) = self.credentials(false).await?;
        let mark = self.shared.calls.mark();
        let s3 = self.shared.clients.proof(&user.profile, &creds).s3;
        let result = credentials::list_buckets(&s3, &self.shared.calls, &user.profile).await;
        steps.extend(self.steps_since(mark));
        Ok(BucketsView {
            buckets: result?
                .into_iter()
                .map(|b| BucketView {
                    name: b.name,
                    creation_date: b.creation_date,
                })
                .collect(),
            steps,
        })
    }

    pub async fn who_am_i(&self) -> Result<CallerView> {
        let (user, creds, mut steps) = self.credentials(false).await?;
        let mark = self.shared.calls.mark();
        let sts = self.shared.clients.proof(&user.profile, &creds).sts;
        let result = credentials::who_am_i(&sts, &self.shared.calls, &user.profile).await;
        steps.extend(self.steps_since(mark));
        let caller = result?;
        Ok(CallerView {
            account: caller.account,
            arn: caller.arn,
            user_id: caller.user_id,
            steps,
        })
    }

    /// The secret key, on an explicit reveal.
    pub fn secret_key(&self) -> Result<String> {
        Ok(self.held()?.1.secret_key.expose().to_owned())
    }

    /// The credentials for another program (the CLI's `env` and `credential-process`):
    /// the ones in memory while valid, else a new exchange.
    pub async fn export(&self, how: Export) -> Result<String> {
        let (user, creds, _) = self.credentials(false).await?;
        Ok(creds.export(how, &user.profile.settings.region))
    }

    /// The credentials as shell `export` lines, for the clipboard.
    pub fn env_text(&self) -> Result<String> {
        let (user, creds) = self.held()?;
        Ok(creds.env_lines(&user.profile.settings.region))
    }

    /// Credentials for an action: the ones in memory while valid, else a new exchange
    /// (with a refreshed ID token if it expired). `fresh` forces an exchange.
    async fn credentials(&self, fresh: bool) -> Result<(SignedIn, AwsCredentials, Vec<StepView>)> {
        let user = self.sessions.signed_in()?;
        credentials::identity_pool_id(&user.profile)?;
        let held = self
            .held
            .get(user.epoch)
            .filter(|c| !c.expired_at(now_secs()));
        if let (Some(creds), false) = (held, fresh) {
            return Ok((user, creds, Vec::new()));
        }
        let user = self.sessions.signed_in_fresh().await?;
        let key = identity_key(&user.profile.id, &user.username, &user.profile);
        let cached = lock(&self.identity_ids).get(&key).cloned();
        let mut steps = Vec::new();
        if cached.is_some() {
            steps.push(StepView {
                operation: "GetId",
                duration_ms: 0,
                outcome: "ok".into(),
                cached: true,
            });
        }
        let calls = &self.shared.calls;
        let mark = calls.mark();
        let client = self.shared.clients.identity_pool(&user.profile).await;
        let mut result =
            credentials::exchange(&client, calls, &user.profile, &user.id, cached.clone()).await;
        if cached.is_some() && result.as_ref().is_err_and(|e| stale_identity(&e.code)) {
            // The kept identity no longer answers (the user or the identity pool was
            // re-created): forget it and ask for the user's identity again, once.
            self.keep_identity(key.clone(), None);
            steps.clear();
            result = credentials::exchange(&client, calls, &user.profile, &user.id, None).await;
        }
        steps.extend(self.steps_since(mark));
        let creds = result?;
        self.keep_identity(key, Some(&creds.identity_id));
        self.held.set(user.epoch, creds.clone());
        Ok((user, creds, steps))
    }

    fn steps_since(&self, mark: u64) -> Vec<StepView> {
        self.shared
            .calls
            .since(mark)
            .into_iter()
            .filter(|r| CREDENTIAL_CALLS.contains(&r.operation))
            .map(|r| StepView {
                operation: r.operation,
                duration_ms: r.duration_ms,
                outcome: r.outcome,
                cached: false,
            })
            .collect()
    }

    fn held(&self) -> Result<(SignedIn, AwsCredentials)> {
        let user = self.sessions.signed_in()?;
        let creds = self.held.get(user.epoch).ok_or_else(|| {
            Error::new(
                Code::CredentialsExpired,
                "There are no AWS credentials yet.",
                "Press “Get AWS credentials” first.",
            )
        })?;
        Ok((user, creds))
    }
}
