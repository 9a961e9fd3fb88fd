//! Which sessions the keychain holds: one per profile (whose refresh token it is, how
//! the session began, what it proved), and which profile the window restores at its
//! next start. No secret in it. The window and the CLI share the file, so each one's
//! sessions are found by the other, and signing in on one profile never touches
//! another profile's session.

use crate::ids::{ProfileId, Username};
use crate::profile::write_atomically;
use crate::session::{Factor, SignInMethod};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FILE: &str = "sessions.json";
/// The single pointer of earlier versions, read when `sessions.json` is absent.
const LEGACY_FILE: &str = "last-session.json";

/// One profile's kept session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SavedSession {
    pub username: Username,
    /// How the session began (decides how it refreshes).
    #[serde(default)]
    pub method: SignInMethod,
    /// What that sign-in proved, for the restored session's view.
    #[serde(default)]
    pub factors: Vec<Factor>,
    /// This computer's device key for the user, sent with every refresh (not a secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SavedFile {
    /// The profile of the most recent sign-in: the window restores it.
    last: Option<ProfileId>,
    sessions: BTreeMap<ProfileId, SavedSession>,
    /// The sign-in names this computer is a device of, per profile: the keychain has an
    /// entry for each (removing the profile removes them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    devices: BTreeMap<ProfileId, std::collections::BTreeSet<Username>>,
}

/// The pointer of earlier versions: one session, the last.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LegacyPointer {
    profile_id: ProfileId,
    #[serde(flatten)]
    session: SavedSession,
}

#[derive(Debug)]
pub(crate) struct SavedSessions {
    dir: PathBuf,
}

impl SavedSessions {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            dir: config_dir.to_owned(),
        }
    }

    /// Read on every call, never cached: the other front (window or CLI) may have
    /// changed it since.
    fn read(&self) -> SavedFile {
        if let Ok(bytes) = std::fs::read(self.dir.join(FILE)) {
            return serde_json::from_slice(&bytes).unwrap_or_default();
        }
        let Ok(bytes) = std::fs::read(self.dir.join(LEGACY_FILE)) else {
            return SavedFile::default();
        };
        match serde_json::from_slice::<LegacyPointer>(&bytes) {
            Ok(old) => SavedFile {
                last: Some(old.profile_id.clone()),
                sessions: BTreeMap::from([(old.profile_id, old.session)]),
                devices: BTreeMap::new(),
            },
            Err(_) => SavedFile::default(),
        }
    }

    fn write(&self, file: &SavedFile) -> crate::error::Result<()> {
        write_atomically(&self.dir.join(FILE), file)?;
        let _ = std::fs::remove_file(self.dir.join(LEGACY_FILE));
        Ok(())
    }

    /// The session the window restores at its start.
    pub fn last(&self) -> Option<(ProfileId, SavedSession)> {
        let file = self.read();
        let profile = file.last?;
        let session = file.sessions.get(&profile)?.clone();
        Some((profile, session))
    }

    /// The session kept for `profile`.
    pub fn of(&self, profile: &ProfileId) -> Option<SavedSession> {
        self.read().sessions.remove(profile)
    }

    /// Records `session` as `profile`'s and the one to restore next. Returns the user
    /// whose session it replaces, when another user's: the caller removes that user's
    /// keychain entry, so none is left behind with nothing naming it.
    pub fn keep(
        &self,
        profile: &ProfileId,
        session: SavedSession,
    ) -> crate::error::Result<Option<Username>> {
        let mut file = self.read();
        let unchanged =
            file.last.as_ref() == Some(profile) && file.sessions.get(profile) == Some(&session);
        if unchanged {
            // The same user signing in again (a CI job's every run): no disk write.
            return Ok(None);
        }
        let replaced = file
            .sessions
            .insert(profile.clone(), session.clone())
            .map(|old| old.username)
            .filter(|old| *old != session.username);
        file.last = Some(profile.clone());
        self.write(&file)?;
        Ok(replaced)
    }

    /// Records that the keychain keeps a device for `login` on `profile`.
    pub fn add_device_login(
        &self,
        profile: &ProfileId,
        login: &Username,
    ) -> crate::error::Result<()> {
        let mut file = self.read();
        if file
            .devices
            .entry(profile.clone())
            .or_default()
            .insert(login.clone())
        {
            self.write(&file)?;
        }
        Ok(())
    }

    /// Forgets that record (the device was forgotten).
    pub fn remove_device_login(&self, profile: &ProfileId, login: &Username) {
        let mut file = self.read();
        let Some(logins) = file.devices.get_mut(profile) else {
            return;
        };
        if logins.remove(login) {
            if logins.is_empty() {
                file.devices.remove(profile);
            }
            let _ = self.write(&file);
        }
    }

    /// The sign-in names with a device kept for `profile`.
    pub fn device_logins(&self, profile: &ProfileId) -> Vec<Username> {
        self.read()
            .devices
            .remove(profile)
            .map(|set| set.into_iter().collect())
            .unwrap_or_default()
    }

    /// Forgets `profile`'s session if it is `username`'s.
    pub fn forget(&self, profile: &ProfileId, username: &Username) {
        let mut file = self.read();
        if file.sessions.get(profile).map(|s| &s.username) != Some(username) {
            return;
        }
        file.sessions.remove(profile);
        if file.last.as_ref() == Some(profile) {
            file.last = None;
        }
        let _ = self.write(&file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(user: &str) -> SavedSession {
        SavedSession {
            username: Username::new(user),
            method: SignInMethod::default(),
            factors: vec![],
            device_key: None,
        }
    }

    #[test]
    fn one_session_per_profile_and_the_last_one_restored() {
        let dir = std::env::temp_dir().join(format!("saved-{}", uuid::Uuid::new_v4()));
        let s = SavedSessions::new(&dir);
        let (a, b) = (ProfileId::new("a"), ProfileId::new("b"));
        assert_eq!(s.keep(&a, saved("ann")).unwrap(), None);
        assert_eq!(s.keep(&b, saved("bob")).unwrap(), None);
        assert_eq!(s.last().unwrap().0, b);
        assert_eq!(s.of(&a), Some(saved("ann")));
        // Another user on profile a: ann's entry is named for removal.
        assert_eq!(
            s.keep(&a, saved("amy")).unwrap(),
            Some(Username::new("ann"))
        );
        assert_eq!(s.keep(&a, saved("amy")).unwrap(), None);
        // Forgetting someone else changes nothing; forgetting amy keeps bob.
        s.forget(&a, &Username::new("ann"));
        assert_eq!(s.of(&a), Some(saved("amy")));
        s.forget(&a, &Username::new("amy"));
        assert_eq!(s.of(&a), None);
        assert_eq!(s.of(&b), Some(saved("bob")));
        assert_eq!(s.last(), None, "the last one was a's");
    }

    #[test]
    fn the_pointer_of_earlier_versions_is_read() {
        let dir = std::env::temp_dir().join(format!("saved-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(LEGACY_FILE),
            r#"{"profileId":"p","username":"u","method":"password","factors":["password"]}"#,
        )
        .unwrap();
        let s = SavedSessions::new(&dir);
        let (profile, session) = s.last().unwrap();
        assert_eq!(profile, ProfileId::new("p"));
        assert_eq!(session.username, Username::new("u"));
        s.keep(&ProfileId::new("q"), saved("v")).unwrap();
        assert!(
            !dir.join(LEGACY_FILE).exists(),
            "rewritten as sessions.json"
        );
        assert_eq!(
            s.of(&ProfileId::new("p")).unwrap().username,
            Username::new("u")
        );
    }
}
