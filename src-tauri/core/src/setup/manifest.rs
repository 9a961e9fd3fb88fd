//! What a test setup created, written to the config dir as each resource comes to exist
//! (`setups/<name>.json`: ids, names and ARNs, never a secret). Tearing down reads it and
//! deletes exactly what it lists, taking each entry out as it goes, so a tear-down that
//! stopped half-way (a refused permission, an emulator stopped) resumes where it was.

use crate::error::{Code, Error, Result};
use crate::ids::ProfileId;
use crate::profile::{io_error, write_atomically, AdminAccess};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One resource a setup created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Resource {
    UserPool {
        id: String,
        arn: Option<String>,
    },
    AppClient {
        user_pool_id: String,
        client_id: String,
    },
    UserPoolDomain {
        user_pool_id: String,
        domain: String,
    },
    User {
        user_pool_id: String,
        username: String,
    },
    Bucket {
        name: String,
    },
    Role {
        name: String,
        arn: String,
    },
    RolePolicy {
        role_name: String,
        policy_name: String,
    },
    IdentityPool {
        id: String,
    },
    Profile {
        id: ProfileId,
        name: String,
    },
}

impl Resource {
    /// Tear-down order: what depends on another goes first (the profile and its
    /// keychain entries, the identity pool before its role, a role's inline policy
    /// before the role, a pool's domain, clients and users before the pool).
    pub fn teardown_rank(&self) -> u8 {
        match self {
            Resource::Profile { .. } => 0,
            Resource::IdentityPool { .. } => 1,
            Resource::RolePolicy { .. } => 2,
            Resource::Role { .. } => 3,
            Resource::Bucket { .. } => 4,
            Resource::UserPoolDomain { .. } => 5,
            Resource::User { .. } => 6,
            Resource::AppClient { .. } => 7,
            Resource::UserPool { .. } => 8,
        }
    }

    /// The name or id a person recognises it by.
    /// The record's `kind` tag (`userPool`, `appClient`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Resource::UserPool { .. } => "userPool",
            Resource::AppClient { .. } => "appClient",
            Resource::UserPoolDomain { .. } => "userPoolDomain",
            Resource::User { .. } => "user",
            Resource::Bucket { .. } => "bucket",
            Resource::Role { .. } => "role",
            Resource::RolePolicy { .. } => "rolePolicy",
            Resource::IdentityPool { .. } => "identityPool",
            Resource::Profile { .. } => "profile",
        }
    }

    pub fn label(&self) -> String {
        match self {
            Resource::UserPool { id, .. } | Resource::IdentityPool { id } => id.clone(),
            Resource::AppClient { client_id, .. } => client_id.clone(),
            Resource::UserPoolDomain { domain, .. } => domain.clone(),
            Resource::User { username, .. } => username.clone(),
            Resource::Bucket { name } | Resource::Role { name, .. } => name.clone(),
            Resource::RolePolicy {
                role_name,
                policy_name,
            } => format!("{role_name}/{policy_name}"),
            Resource::Profile { name, .. } => name.clone(),
        }
    }
}

/// A setup's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub name: String,
    pub region: String,
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Where the admin credentials came from (a source, never the credentials).
    pub admin: AdminAccess,
    /// The AWS account the resources are in (from the pool's ARN): a tear-down with
    /// credentials of another account would find nothing and forget everything.
    #[serde(default)]
    pub account: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// In the order they were created.
    pub resources: Vec<Resource>,
    /// Every step of the creation finished.
    #[serde(default)]
    pub complete: bool,
}

impl Manifest {
    /// The resources in the order a tear-down deletes them.
    pub fn teardown_order(&self) -> Vec<Resource> {
        let mut order: Vec<(usize, &Resource)> = self.resources.iter().enumerate().collect();
        // Later-created first among equals (a second user before the first).
        order.sort_by_key(|(i, r)| (r.teardown_rank(), std::cmp::Reverse(*i)));
        order.into_iter().map(|(_, r)| r.clone()).collect()
    }
}

/// The setups' folder in the config dir.
#[derive(Debug, Clone)]
pub struct ManifestStore {
    dir: PathBuf,
}

impl ManifestStore {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            dir: config_dir.join("setups"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    pub fn save(&self, manifest: &Manifest) -> Result<()> {
        write_atomically(&self.path(&manifest.name), manifest)
    }

    pub fn load(&self, name: &str) -> Result<Manifest> {
        // A name is a file name here: nothing that could leave the folder.
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(Error::new(
                Code::SetupNotFound,
                format!("\"{name}\" is not a setup name."),
                "List the setups with `cognito-desk-cli setup list`.",
            )
            .with("name", name));
        }
        let path = self.path(name);
        let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::new(
                Code::SetupNotFound,
                format!("There is no test setup named \"{name}\" on this computer."),
                "List the setups with `cognito-desk-cli setup list`; a setup is known only where it was created.",
            )
            .with("name", name),
            _ => io_error(&path, e),
        })?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::new(
                Code::SetupManifestDamaged,
                format!("The record of the setup \"{name}\" cannot be read ({e})."),
                format!(
                    "Repair {} by hand, or delete the setup's resources in the console.",
                    path.display()
                ),
            )
        })
    }

    /// Every setup's record, by name (damaged ones left out).
    pub fn list(&self) -> Vec<Manifest> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut all: Vec<Manifest> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
            .collect();
        all.sort_by(|a: &Manifest, b| a.name.cmp(&b.name));
        all
    }

    /// The record goes once nothing is left in it.
    pub fn remove(&self, name: &str) -> Result<()> {
        let path = self.path(name);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(resources: Vec<Resource>) -> Manifest {
        Manifest {
            name: "desk-test".into(),
            region: "us-east-1".into(),
            endpoint: None,
            admin: AdminAccess::default(),
            account: None,
            created_at: 0,
            resources,
            complete: false,
        }
    }

    #[test]
    fn teardown_deletes_dependents_first_whatever_the_creation_order() {
        let pool = Resource::UserPool {
            id: "p".into(),
            arn: None,
        };
        let role = Resource::Role {
            name: "r".into(),
            arn: "arn".into(),
        };
        let policy = Resource::RolePolicy {
            role_name: "r".into(),
            policy_name: "p".into(),
        };
        let identity = Resource::IdentityPool { id: "i".into() };
        let user = |u: &str| Resource::User {
            user_pool_id: "p".into(),
            username: u.into(),
        };
        let m = manifest(vec![
            pool.clone(),
            role.clone(),
            policy.clone(),
            identity.clone(),
            user("a"),
            user("b"),
        ]);
        assert_eq!(
            m.teardown_order(),
            [identity, policy, role, user("b"), user("a"), pool]
        );
    }

    #[test]
    fn a_record_round_trips_and_holds_no_secret_fields() {
        let dir = tempfile::tempdir().unwrap();
        let store = ManifestStore::new(dir.path());
        let m = manifest(vec![Resource::Bucket { name: "b".into() }]);
        store.save(&m).unwrap();
        assert_eq!(store.load("desk-test").unwrap(), m);
        assert_eq!(store.list(), [m]);
        let text = std::fs::read_to_string(store.path("desk-test")).unwrap();
        assert!(text.contains("\"kind\": \"bucket\""), "{text}");
        store.remove("desk-test").unwrap();
        assert_eq!(
            store.load("desk-test").unwrap_err().code,
            Code::SetupNotFound
        );
    }

    #[test]
    fn a_resource_names_its_kind_as_the_record_does() {
        let all = [
            Resource::UserPool {
                id: "p".into(),
                arn: None,
            },
            Resource::AppClient {
                user_pool_id: "p".into(),
                client_id: "c".into(),
            },
            Resource::UserPoolDomain {
                user_pool_id: "p".into(),
                domain: "d".into(),
            },
            Resource::User {
                user_pool_id: "p".into(),
                username: "u".into(),
            },
            Resource::Bucket { name: "b".into() },
            Resource::Role {
                name: "r".into(),
                arn: "a".into(),
            },
            Resource::RolePolicy {
                role_name: "r".into(),
                policy_name: "p".into(),
            },
            Resource::IdentityPool { id: "i".into() },
            Resource::Profile {
                id: ProfileId::new("x"),
                name: "n".into(),
            },
        ];
        for r in all {
            let json = serde_json::to_value(&r).unwrap();
            assert_eq!(json["kind"], r.kind(), "{r:?}");
        }
    }
}
