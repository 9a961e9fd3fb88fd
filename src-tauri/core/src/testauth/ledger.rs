//! What the test authenticator remembers outside the keychain, in a file of the config
//! dir with no secret in it: for each profile, the users whose TOTP secret it holds
//! (so removing a profile finds their keychain entries) and the last 30-second step
//! whose code it gave out for each user.
//!
//! Real Cognito refuses a code that was already used in its step; no emulator here
//! does. Two processes (two `check` runs in one step, the CLI beside the window) must
//! never both answer with one step's code, so every change happens under an exclusive
//! lock on a file beside it, and the step is claimed before the code is made.

use crate::error::Result;
use crate::ids::{ProfileId, Username};
use crate::profile::{io_error, private_dir, private_file, write_atomically};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FILE: &str = "test-authenticator.json";
const LOCK: &str = "test-authenticator.lock";

/// A claimed step this far ahead of the clock is not believed: the clock was set back,
/// and waiting for that step could take hours.
const STALE_AHEAD_STEPS: u64 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LedgerFile {
    #[serde(default)]
    profiles: BTreeMap<ProfileId, BTreeMap<Username, UserRecord>>,
}

impl LedgerFile {
    /// The user's record, made empty when there is none yet.
    fn record(&mut self, profile: &ProfileId, user: &Username) -> &mut UserRecord {
        self.profiles
            .entry(profile.clone())
            .or_default()
            .entry(user.clone())
            .or_default()
    }
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserRecord {
    /// The keychain holds this user's TOTP secret.
    #[serde(default)]
    holds_secret: bool,
    /// The keychain holds this user's test passkey.
    #[serde(default)]
    holds_passkey: bool,
    /// The last step (Unix time / 30) whose code was given out.
    #[serde(default)]
    last_step: Option<u64>,
    /// Other names the user signs in with (the email of a pool that signs in by
    /// email, whose Cognito username is a UUID): a challenge naming the user by one of
    /// them finds this record, its secret and its used step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<Username>,
}

/// What the keychain may hold for a user, as the ledger notes it.
#[derive(Debug, Clone, Copy)]
enum Held {
    TotpSecret,
    TestPasskey,
}

impl Held {
    fn flag(self, record: &mut UserRecord) -> &mut bool {
        match self {
            Held::TotpSecret => &mut record.holds_secret,
            Held::TestPasskey => &mut record.holds_passkey,
        }
    }

    fn in_record(self, record: &UserRecord) -> bool {
        match self {
            Held::TotpSecret => record.holds_secret,
            Held::TestPasskey => record.holds_passkey,
        }
    }
}

/// Whether a step was free to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The step is now this user's used one.
    Claimed,
    /// Its code was given out already.
    Used,
}

#[derive(Debug)]
pub struct Ledger {
    dir: PathBuf,
}

impl Ledger {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            dir: config_dir.to_owned(),
        }
    }

    /// Runs `change` on the file's contents under the lock and writes them back when it
    /// says they changed. A file that cannot be parsed counts as empty: it holds no
    /// secret, and the worst that follows is one wait that was not needed.
    fn locked<T>(&self, change: impl FnOnce(&mut LedgerFile) -> (T, bool)) -> Result<T> {
        let lock_path = self.dir.join(LOCK);
        private_dir(&self.dir).map_err(|e| io_error(&self.dir, e))?;
        let lock = private_file(&lock_path).map_err(|e| io_error(&lock_path, e))?;
        lock.lock().map_err(|e| io_error(&lock_path, e))?;
        let mut file = self.read();
        let (out, changed) = change(&mut file);
        if changed {
            file.profiles.retain(|_, users| !users.is_empty());
            write_atomically(&self.dir.join(FILE), &file)?;
        }
        // Dropping the handle releases the lock.
        drop(lock);
        Ok(out)
    }

    fn read(&self) -> LedgerFile {
        std::fs::read(self.dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Takes `step` for the user unless its code was given out already.
    pub fn claim(&self, profile: &ProfileId, user: &Username, step: u64) -> Result<Claim> {
        self.locked(|file| {
            let record = file.record(profile, user);
            match record.last_step {
                Some(last) if last >= step && last <= step + STALE_AHEAD_STEPS => {
                    (Claim::Used, false)
                }
                _ => {
                    record.last_step = Some(step);
                    (Claim::Claimed, true)
                }
            }
        })
    }

    /// Notes whether the keychain holds the user's secret. The used step stays when the
    /// secret goes: a new enrollment in the same step must still wait.
    pub fn set_holds_secret(
        &self,
        profile: &ProfileId,
        user: &Username,
        holds: bool,
    ) -> Result<()> {
        self.set_holds(profile, user, Held::TotpSecret, holds)
    }

    /// Notes whether the keychain holds the user's test passkey.
    pub fn set_holds_passkey(
        &self,
        profile: &ProfileId,
        user: &Username,
        holds: bool,
    ) -> Result<()> {
        self.set_holds(profile, user, Held::TestPasskey, holds)
    }

    fn set_holds(
        &self,
        profile: &ProfileId,
        user: &Username,
        what: Held,
        holds: bool,
    ) -> Result<()> {
        self.locked(|file| {
            let users = file.profiles.entry(profile.clone()).or_default();
            let record = users.entry(user.clone()).or_default();
            *what.flag(record) = holds;
            // A record with nothing kept and no used step says nothing any more.
            if !record.holds_secret && !record.holds_passkey && record.last_step.is_none() {
                users.remove(user);
            }
            ((), true)
        })
    }

    /// The users of `profile` whose secret the keychain holds.
    pub fn users_with_secret(&self, profile: &ProfileId) -> Vec<Username> {
        self.users_holding(profile, Held::TotpSecret)
    }

    /// The users of `profile` whose test passkey the keychain holds.
    pub fn users_with_passkey(&self, profile: &ProfileId) -> Vec<Username> {
        self.users_holding(profile, Held::TestPasskey)
    }

    fn users_holding(&self, profile: &ProfileId, what: Held) -> Vec<Username> {
        self.read()
            .profiles
            .get(profile)
            .map(|users| {
                users
                    .iter()
                    .filter(|(_, r)| what.in_record(r))
                    .map(|(u, _)| u.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Notes `alias` as another name of `user`, whose secret the keychain holds.
    pub fn add_alias(&self, profile: &ProfileId, user: &Username, alias: &Username) -> Result<()> {
        self.locked(|file| {
            let record = file.record(profile, user);
            let new = alias != user && !record.aliases.contains(alias);
            if new {
                record.aliases.push(alias.clone());
            }
            ((), new)
        })
    }

    /// The name the user's record is kept under: `name` itself, or the user it is an
    /// alias of.
    pub fn resolve(&self, profile: &ProfileId, name: &Username) -> Username {
        let file = self.read();
        let Some(users) = file.profiles.get(profile) else {
            return name.clone();
        };
        if users.contains_key(name) {
            return name.clone();
        }
        users
            .iter()
            .find(|(_, r)| r.aliases.contains(name))
            .map_or_else(|| name.clone(), |(u, _)| u.clone())
    }

    /// Forgets everything of a removed profile.
    pub fn remove_profile(&self, profile: &ProfileId) -> Result<()> {
        self.locked(|file| {
            let had = file.profiles.remove(profile).is_some();
            ((), had)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cognito-desk-ledger-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A pool that signs in by email names the user by a UUID; a challenge may name
    /// them by the email. The alias finds the record, so the used step is shared too.
    #[test]
    fn an_alias_finds_the_users_record_and_its_used_step() {
        let ledger = Ledger::new(&dir());
        let profile = ProfileId::new("p");
        let (uuid, email) = (
            Username::new("0b7e-uuid"),
            Username::new("dana@example.com"),
        );
        ledger.set_holds_secret(&profile, &uuid, true).unwrap();
        assert_eq!(ledger.resolve(&profile, &email), email, "no alias yet");
        ledger.add_alias(&profile, &uuid, &email).unwrap();
        assert_eq!(ledger.resolve(&profile, &email), uuid);
        assert_eq!(ledger.resolve(&profile, &uuid), uuid);
        assert_eq!(ledger.claim(&profile, &uuid, 100).unwrap(), Claim::Claimed);
        let through_alias = ledger.resolve(&profile, &email);
        assert_eq!(
            ledger.claim(&profile, &through_alias, 100).unwrap(),
            Claim::Used
        );
        assert_eq!(ledger.users_with_secret(&profile), [uuid]);
    }

    #[test]
    fn a_step_is_given_out_once_per_user_across_ledgers_on_one_folder() {
        let dir = dir();
        let (p, alice, bob) = (
            ProfileId::new("p"),
            Username::new("alice"),
            Username::new("bob"),
        );
        // Two ledgers on one folder stand for two processes.
        let (one, two) = (Ledger::new(&dir), Ledger::new(&dir));
        assert_eq!(one.claim(&p, &alice, 100).unwrap(), Claim::Claimed);
        assert_eq!(two.claim(&p, &alice, 100).unwrap(), Claim::Used);
        assert_eq!(two.claim(&p, &bob, 100).unwrap(), Claim::Claimed);
        assert_eq!(
            two.claim(&ProfileId::new("q"), &alice, 100).unwrap(),
            Claim::Claimed
        );
        // An earlier step is used up too; the next one is free.
        assert_eq!(one.claim(&p, &alice, 99).unwrap(), Claim::Used);
        assert_eq!(one.claim(&p, &alice, 101).unwrap(), Claim::Claimed);
        // A step far ahead of the clock (it was set back) does not block for hours.
        assert_eq!(one.claim(&p, &alice, 50).unwrap(), Claim::Claimed);
        // No secret in the file: names and numbers only.
        let text = std::fs::read_to_string(dir.join(FILE)).unwrap();
        assert!(text.contains("\"lastStep\": 50"), "{text}");
    }

    #[test]
    fn many_threads_claiming_one_step_get_it_once() {
        let dir = dir();
        let claimed: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        Ledger::new(&dir)
                            .claim(&ProfileId::new("p"), &Username::new("u"), 7)
                            .unwrap()
                    })
                })
                .collect();
            handles
                .into_iter()
                .filter_map(|h| h.join().ok())
                .filter(|claim| *claim == Claim::Claimed)
                .count()
        });
        assert_eq!(claimed, 1);
    }

    #[test]
    fn the_users_with_a_secret_are_listed_until_forgotten_and_the_step_outlives_the_secret() {
        let dir = dir();
        let ledger = Ledger::new(&dir);
        let (p, u) = (ProfileId::new("p"), Username::new("u"));
        ledger.set_holds_secret(&p, &u, true).unwrap();
        assert_eq!(ledger.users_with_secret(&p), std::slice::from_ref(&u));
        ledger.claim(&p, &u, 5).unwrap();
        ledger.set_holds_secret(&p, &u, false).unwrap();
        assert!(ledger.users_with_secret(&p).is_empty());
        assert_eq!(ledger.claim(&p, &u, 5).unwrap(), Claim::Used);
        ledger.remove_profile(&p).unwrap();
        assert_eq!(ledger.claim(&p, &u, 5).unwrap(), Claim::Claimed);
    }
}
