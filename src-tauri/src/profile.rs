//! Connection profiles: what they hold, how they are validated, and how they are kept
//! on disk (one JSON file in the OS config dir, written atomically, never overwritten
//! when it could not be read).

use crate::error::{Error, FieldError, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Environment variable that moves the config dir (tests and the sandbox use it so they
/// never touch the user's own profiles).
pub const CONFIG_DIR_ENV: &str = "COGNITO_DESK_CONFIG_DIR";
const FILE_NAME: &str = "profiles.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub region: String,
    pub user_pool_id: String,
    pub client_id: String,
    #[serde(default)]
    pub identity_pool_id: Option<String>,
    /// Managed-login domain, e.g. `https://<prefix>.auth.<region>.amazoncognito.com`.
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub redirect_uri: Option<String>,
    /// Managed-login scopes, space-separated; `None` means [`DEFAULT_SCOPES`].
    #[serde(default)]
    pub scopes: Option<String>,
    /// Endpoint override for emulators; `None` means the real AWS endpoint.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The issuer an authenticator app shows for this pool's accounts.
    #[serde(default)]
    pub totp_issuer: Option<String>,
}

pub const DEFAULT_TOTP_ISSUER: &str = "Cognito Desk";

/// The managed-login scopes when the profile names none. The last one lets the access
/// token call the user's own Cognito APIs (GetUser, the MFA page).
pub const DEFAULT_SCOPES: &str = "openid email profile aws.cognito.signin.user.admin";

/// The scope without which a managed-login access token cannot call GetUser or
/// AssociateSoftwareToken.
pub const ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

impl Profile {
    pub fn totp_issuer(&self) -> &str {
        self.totp_issuer.as_deref().unwrap_or(DEFAULT_TOTP_ISSUER)
    }

    /// The managed-login scopes, in order, without duplicates.
    pub fn scopes(&self) -> Vec<String> {
        let mut scopes: Vec<String> = Vec::new();
        for scope in self
            .scopes
            .as_deref()
            .unwrap_or(DEFAULT_SCOPES)
            .split_whitespace()
        {
            if !scopes.iter().any(|s| s == scope) {
                scopes.push(scope.to_owned());
            }
        }
        scopes
    }
}

/// What the profile form sends: like [`Profile`], but a new profile has no id yet and
/// optional fields may arrive as empty strings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub user_pool_id: String,
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub identity_pool_id: Option<String>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub redirect_uri: Option<String>,
    #[serde(default)]
    pub scopes: Option<String>,
    #[serde(default)]
    pub endpoint: Option<String>,
    #[serde(default)]
    pub totp_issuer: Option<String>,
}

fn optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn is_region(value: &str) -> bool {
    // e.g. us-east-1, ap-northeast-1, us-gov-west-1, eu-central-2
    let parts: Vec<&str> = value.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

fn check_url(field: &'static str, value: &str, errors: &mut Vec<FieldError>) -> Option<url::Url> {
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Some(u),
        _ => {
            errors.push(FieldError::new(
                field,
                "urlInvalid",
                "Enter a full URL starting with https:// (or http:// for a local emulator).",
            ));
            None
        }
    }
}

fn is_loopback(u: &url::Url) -> bool {
    matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
}

impl ProfileInput {
    /// Every problem with the input, in form order. Empty means valid.
    pub fn validate(&self, others: &[Profile]) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        let region = self.region.trim();
        let pool = self.user_pool_id.trim();
        let client = self.client_id.trim();

        if name.is_empty() {
            errors.push(FieldError::new(
                "name",
                "nameRequired",
                "Give the profile a name.",
            ));
        } else if name.chars().count() > 64 {
            errors.push(FieldError::new(
                "name",
                "nameTooLong",
                "Keep the name under 64 characters.",
            ));
        } else if others
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(name) && Some(&p.id) != self.id.as_ref())
        {
            errors.push(FieldError::new(
                "name",
                "nameTaken",
                "Another profile already has this name.",
            ));
        }

        let region_ok = is_region(region);
        if region.is_empty() {
            errors.push(FieldError::new(
                "region",
                "regionRequired",
                "Enter the AWS region of the user pool, e.g. ap-northeast-1.",
            ));
        } else if !region_ok {
            errors.push(FieldError::new(
                "region",
                "regionInvalid",
                "This is not a region name; it looks like ap-northeast-1 or us-east-1.",
            ));
        }

        match pool.split_once('_') {
            _ if pool.is_empty() => errors.push(FieldError::new(
                "userPoolId",
                "userPoolIdRequired",
                "Enter the user pool id, e.g. ap-northeast-1_AbC123xyz.",
            )),
            Some((prefix, id))
                if is_region(prefix)
                    && !id.is_empty()
                    && id.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                if region_ok && prefix != region {
                    errors.push(
                        FieldError::new(
                            "userPoolId",
                            "userPoolRegionMismatch",
                            format!(
                                "This pool lives in {prefix}, but the region above is {region}."
                            ),
                        )
                        .with("poolRegion", prefix)
                        .with("region", region),
                    );
                }
            }
            _ => errors.push(FieldError::new(
                "userPoolId",
                "userPoolIdInvalid",
                "A user pool id is <region>_<id>, e.g. ap-northeast-1_AbC123xyz.",
            )),
        }

        if client.is_empty() {
            errors.push(FieldError::new(
                "clientId",
                "clientIdRequired",
                "Enter the app client id.",
            ));
        } else if client.len() > 128
            || !client
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '+')
        {
            errors.push(FieldError::new(
                "clientId",
                "clientIdInvalid",
                "An app client id has only letters and digits (26 characters on AWS).",
            ));
        }

        if let Some(idp) = optional(&self.identity_pool_id) {
            match idp.split_once(':') {
                Some((prefix, uuid))
                    if is_region(prefix)
                        && !uuid.is_empty()
                        && uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-') =>
                {
                    if region_ok && prefix != region {
                        errors.push(
                            FieldError::new(
                                "identityPoolId",
                                "identityPoolRegionMismatch",
                                format!("This identity pool lives in {prefix}, but the region above is {region}."),
                            )
                            .with("poolRegion", prefix)
                            .with("region", region),
                        );
                    }
                }
                _ => errors.push(FieldError::new(
                    "identityPoolId",
                    "identityPoolIdInvalid",
                    "An identity pool id is <region>:<uuid>, e.g. ap-northeast-1:0a1b2c3d-….",
                )),
            }
        }

        self.validate_managed_login(&mut errors);
        if let Some(endpoint) = optional(&self.endpoint) {
            check_url("endpoint", &endpoint, &mut errors);
        }
        if optional(&self.totp_issuer).is_some_and(|i| i.contains(':')) {
            errors.push(FieldError::new(
                "totpIssuer",
                "issuerHasColon",
                "Authenticator apps cannot read a colon (:) in the issuer.",
            ));
        }
        errors
    }

    /// Domain, redirect URI and scopes: all or nothing, and each usable as RFC 8252
    /// asks (a loopback redirect on a fixed port, an https domain).
    fn validate_managed_login(&self, errors: &mut Vec<FieldError>) {
        let domain = optional(&self.domain);
        let redirect = optional(&self.redirect_uri);
        if let Some(domain) = &domain {
            if let Some(u) = check_url("domain", domain, errors) {
                if u.scheme() == "http" && !is_loopback(&u) {
                    errors.push(FieldError::new(
                        "domain",
                        "domainNeedsHttps",
                        "Managed login needs https:// (http:// only for a local emulator).",
                    ));
                } else if u.path() != "/" || u.query().is_some() {
                    errors.push(FieldError::new(
                        "domain",
                        "domainHasPath",
                        "Enter the domain only, e.g. https://demo.auth.ap-northeast-1.amazoncognito.com, without a path.",
                    ));
                }
            }
        }
        if let Some(redirect) = &redirect {
            if let Some(u) = check_url("redirectUri", redirect, errors) {
                if u.scheme() != "http"
                    || !matches!(u.host_str(), Some("127.0.0.1" | "localhost"))
                    || u.port().is_none()
                {
                    errors.push(FieldError::new(
                        "redirectUri",
                        "redirectNotLoopback",
                        "Use a loopback address with a fixed port, e.g. http://127.0.0.1:53682/callback.",
                    ));
                } else if u.query().is_some() || u.fragment().is_some() {
                    errors.push(FieldError::new(
                        "redirectUri",
                        "redirectHasQuery",
                        "The redirect URI cannot carry a query or fragment: Cognito adds ?code=… to it.",
                    ));
                }
            }
        }
        match (&domain, &redirect) {
            (Some(_), None) => errors.push(FieldError::new(
                "redirectUri",
                "redirectRequired",
                "Managed login needs a redirect URI too, e.g. http://127.0.0.1:53682/callback.",
            )),
            (None, Some(_)) => errors.push(FieldError::new(
                "domain",
                "domainRequired",
                "Managed login needs the pool's domain too, e.g. https://<prefix>.auth.<region>.amazoncognito.com.",
            )),
            _ => {}
        }
        if let Some(scopes) = optional(&self.scopes) {
            let invalid = scopes.split_whitespace().any(|s| {
                !s.chars()
                    .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
            });
            if invalid {
                errors.push(FieldError::new(
                    "scopes",
                    "scopesInvalid",
                    "Separate scopes with spaces; a scope has no quotes or backslashes.",
                ));
            } else if !scopes.split_whitespace().any(|s| s == "openid") {
                errors.push(FieldError::new(
                    "scopes",
                    "scopesNeedOpenid",
                    "Include openid: without it Cognito sends no ID token.",
                ));
            }
        }
    }

    fn into_profile(self, id: String) -> Profile {
        Profile {
            id,
            name: self.name.trim().to_owned(),
            region: self.region.trim().to_owned(),
            user_pool_id: self.user_pool_id.trim().to_owned(),
            client_id: self.client_id.trim().to_owned(),
            identity_pool_id: optional(&self.identity_pool_id),
            domain: optional(&self.domain),
            redirect_uri: optional(&self.redirect_uri),
            scopes: optional(&self.scopes)
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
            endpoint: optional(&self.endpoint),
            totp_issuer: optional(&self.totp_issuer),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfilesFile {
    #[serde(default)]
    selected_id: Option<String>,
    #[serde(default)]
    profiles: Vec<Profile>,
}

/// The profiles on disk. When the file could not be read, the store remembers why and
/// refuses every write until the user moves the broken file aside.
#[derive(Debug)]
pub struct ProfileStore {
    path: PathBuf,
    data: ProfilesFile,
    load_error: Option<Error>,
}

pub fn default_config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV) {
        return PathBuf::from(dir);
    }
    dirs::config_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("cognito-desk")
}

impl ProfileStore {
    pub fn open(dir: &Path) -> Self {
        let path = dir.join(FILE_NAME);
        let (data, load_error) = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<ProfilesFile>(&bytes) {
                Ok(data) => (data, None),
                Err(e) => (
                    ProfilesFile::default(),
                    Some(Error::new(
                        "ProfilesCorrupt",
                        format!("The profiles file {} could not be read: {e}.", path.display()),
                        "Fix the file by hand, or move it aside and start with no profiles. Cognito Desk will not overwrite it.",
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (ProfilesFile::default(), None),
            Err(e) => (
                ProfilesFile::default(),
                Some(Error::new(
                    "ProfilesUnreadable",
                    format!("The profiles file {} could not be opened: {e}.", path.display()),
                    "Check the file's permissions.",
                )),
            ),
        };
        Self {
            path,
            data,
            load_error,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load_error(&self) -> Option<&Error> {
        self.load_error.as_ref()
    }

    pub fn profiles(&self) -> &[Profile] {
        &self.data.profiles
    }

    pub fn selected_id(&self) -> Option<&str> {
        self.data.selected_id.as_deref()
    }

    pub fn get(&self, id: &str) -> Result<&Profile> {
        self.data
            .profiles
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| {
                Error::new(
                    "NoProfile",
                    "That profile does not exist any more.",
                    "Choose another profile or create one on the Profiles page.",
                )
            })
    }

    pub fn find_by_name(&self, name: &str) -> Option<&Profile> {
        self.data.profiles.iter().find(|p| p.name == name)
    }

    pub fn validate(&self, input: &ProfileInput) -> Vec<FieldError> {
        input.validate(&self.data.profiles)
    }

    /// Creates (no id) or replaces (known id) a profile and selects it.
    pub fn save(&mut self, input: ProfileInput) -> Result<Profile> {
        let errors = self.validate(&input);
        if !errors.is_empty() {
            return Err(Error::invalid_profile(errors));
        }
        let id = match input.id.clone() {
            Some(id) => {
                self.get(&id)?;
                id
            }
            None => uuid::Uuid::new_v4().to_string(),
        };
        let profile = input.into_profile(id.clone());
        let mut next = self.data.profiles.clone();
        match next.iter_mut().find(|p| p.id == id) {
            Some(slot) => *slot = profile.clone(),
            None => next.push(profile.clone()),
        }
        self.commit(next, Some(id))?;
        Ok(profile)
    }

    pub fn delete(&mut self, id: &str) -> Result<()> {
        self.get(id)?;
        let next: Vec<Profile> = self
            .data
            .profiles
            .iter()
            .filter(|p| p.id != id)
            .cloned()
            .collect();
        let selected = self.data.selected_id.clone().filter(|s| s != id);
        self.commit(next, selected)
    }

    pub fn select(&mut self, id: &str) -> Result<()> {
        self.get(id)?;
        self.commit(self.data.profiles.clone(), Some(id.to_owned()))
    }

    /// Renames a broken profiles file to `profiles.json.broken-<unix time>` and starts empty.
    pub fn move_broken_file_aside(&mut self) -> Result<PathBuf> {
        if self.load_error.is_none() {
            return Err(Error::new(
                "ProfilesNotBroken",
                "The profiles file is fine; nothing was moved.",
                "",
            ));
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let target = self
            .path
            .with_file_name(format!("{FILE_NAME}.broken-{stamp}"));
        std::fs::rename(&self.path, &target).map_err(|e| io_error(&self.path, e))?;
        self.load_error = None;
        self.data = ProfilesFile::default();
        Ok(target)
    }

    fn commit(&mut self, profiles: Vec<Profile>, selected_id: Option<String>) -> Result<()> {
        if let Some(e) = &self.load_error {
            return Err(e.clone());
        }
        let next = ProfilesFile {
            selected_id,
            profiles,
        };
        write_atomically(&self.path, &next)?;
        self.data = next;
        Ok(())
    }
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(
        "ProfilesWriteFailed",
        format!("Could not write {}: {e}.", path.display()),
        "Check that the folder exists and is writable, and that the disk is not full.",
    )
}

/// Writes to a temporary file beside the target, flushes it to disk, then renames it
/// over the target: a crash leaves either the old file or the new one, never half.
pub(crate) fn write_atomically<T: Serialize>(path: &Path, data: &T) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let json = serde_json::to_vec_pretty(data).map_err(|e| Error::internal(e.to_string()))?;
    let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&json)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProfileInput {
        ProfileInput {
            name: "Dev".into(),
            region: "ap-northeast-1".into(),
            user_pool_id: "ap-northeast-1_AbC123xyz".into(),
            client_id: "1example23456789abcdefghij".into(),
            ..Default::default()
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&'static str> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_profile_is_valid() {
        assert!(input().validate(&[]).is_empty());
    }

    #[test]
    fn region_must_match_the_pool_prefix() {
        let mut i = input();
        i.region = "us-east-1".into();
        let errors = i.validate(&[]);
        assert_eq!(fields(&errors), ["userPoolId"]);
        assert_eq!(errors[0].code, "userPoolRegionMismatch");
        assert!(errors[0].message.contains("ap-northeast-1"));
        assert_eq!(
            errors[0].params.get("poolRegion").map(String::as_str),
            Some("ap-northeast-1")
        );
    }

    #[test]
    fn malformed_fields_are_each_reported() {
        let i = ProfileInput {
            name: " ".into(),
            region: "tokyo".into(),
            user_pool_id: "AbC123".into(),
            client_id: "has spaces".into(),
            identity_pool_id: Some("nope".into()),
            domain: Some("http://example.com".into()),
            redirect_uri: Some("https://example.com/cb".into()),
            endpoint: Some("not a url".into()),
            totp_issuer: Some("Acme:Dev".into()),
            ..Default::default()
        };
        assert_eq!(
            fields(&i.validate(&[])),
            [
                "name",
                "region",
                "userPoolId",
                "clientId",
                "identityPoolId",
                "domain",
                "redirectUri",
                "endpoint",
                "totpIssuer"
            ]
        );
    }

    #[test]
    fn optional_fields_accept_blank_and_good_values() {
        let mut i = input();
        i.identity_pool_id = Some("ap-northeast-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789".into());
        i.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com".into());
        i.redirect_uri = Some("http://127.0.0.1:53682/callback".into());
        i.endpoint = Some("  ".into());
        assert!(i.validate(&[]).is_empty());
    }

    #[test]
    fn managed_login_fields_come_together_and_stay_loopback() {
        let codes = |i: &ProfileInput| -> Vec<&'static str> {
            i.validate(&[]).iter().map(|e| e.code).collect()
        };
        let mut i = input();
        i.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com".into());
        assert_eq!(codes(&i), ["redirectRequired"]);
        i.domain = None;
        i.redirect_uri = Some("http://127.0.0.1:53682/callback".into());
        assert_eq!(codes(&i), ["domainRequired"]);
        i.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com/login".into());
        assert_eq!(codes(&i), ["domainHasPath"]);
        i.domain = Some("https://demo.auth.ap-northeast-1.amazoncognito.com".into());
        i.redirect_uri = Some("http://0.0.0.0:53682/callback".into());
        assert_eq!(codes(&i), ["redirectNotLoopback"]);
        i.redirect_uri = Some("http://localhost/callback".into());
        assert_eq!(codes(&i), ["redirectNotLoopback"]);
        i.redirect_uri = Some("http://localhost:53682/callback?x=1".into());
        assert_eq!(codes(&i), ["redirectHasQuery"]);
        i.redirect_uri = Some("http://localhost:53682/callback".into());
        i.scopes = Some("email profile".into());
        assert_eq!(codes(&i), ["scopesNeedOpenid"]);
        i.scopes = Some("openid \"email\"".into());
        assert_eq!(codes(&i), ["scopesInvalid"]);
        i.scopes = Some("  openid   email ".into());
        assert!(codes(&i).is_empty());
        let saved = i.into_profile("p".into());
        assert_eq!(saved.scopes.as_deref(), Some("openid email"));
        assert_eq!(saved.scopes(), ["openid", "email"]);
    }

    #[test]
    fn scopes_default_to_the_four_cognito_needs() {
        let profile = input().into_profile("p".into());
        assert_eq!(
            profile.scopes(),
            ["openid", "email", "profile", ADMIN_SCOPE]
        );
    }

    #[test]
    fn names_are_unique_but_a_profile_may_keep_its_own() {
        let dir = tempdir();
        let mut store = ProfileStore::open(&dir);
        let saved = store.save(input()).unwrap();
        assert_eq!(fields(&store.validate(&input())), ["name"]);
        let mut same = input();
        same.id = Some(saved.id.clone());
        assert!(store.validate(&same).is_empty());
    }

    #[test]
    fn save_select_delete_round_trip_through_the_file() {
        let dir = tempdir();
        let mut store = ProfileStore::open(&dir);
        let saved = store.save(input()).unwrap();
        let reopened = ProfileStore::open(&dir);
        assert_eq!(reopened.profiles(), std::slice::from_ref(&saved));
        assert_eq!(reopened.selected_id(), Some(saved.id.as_str()));
        store.delete(&saved.id).unwrap();
        assert!(ProfileStore::open(&dir).profiles().is_empty());
        assert!(ProfileStore::open(&dir).selected_id().is_none());
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from(FILE_NAME)]);
    }

    #[test]
    fn a_corrupt_file_is_reported_and_never_overwritten() {
        let dir = tempdir();
        std::fs::write(dir.join(FILE_NAME), b"{ not json").unwrap();
        let mut store = ProfileStore::open(&dir);
        assert_eq!(
            store.load_error().map(|e| e.code.as_str()),
            Some("ProfilesCorrupt")
        );
        let err = store.save(input()).unwrap_err();
        assert_eq!(err.code, "ProfilesCorrupt");
        assert_eq!(std::fs::read(dir.join(FILE_NAME)).unwrap(), b"{ not json");
        let moved = store.move_broken_file_aside().unwrap();
        assert_eq!(std::fs::read(&moved).unwrap(), b"{ not json");
        store.save(input()).unwrap();
        assert_eq!(ProfileStore::open(&dir).profiles().len(), 1);
    }

    fn tempdir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "cognito-desk-profile-test-{}",
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
