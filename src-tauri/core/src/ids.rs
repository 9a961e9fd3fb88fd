//! Names of things that are all strings on the wire but must never be swapped: a
//! profile id, a user name, a user pool id, an app client id. Each is its own type, so
//! `vault.store(username, profile_id, …)` does not compile.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

string_id!(
    /// A profile's id (a UUID given at creation).
    ProfileId
);

impl ProfileId {
    /// A new, random id.
    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}
string_id!(
    /// The name a user signs in with, or the canonical one Cognito returns (`USER_ID_FOR_SRP`, `sub`).
    Username
);
string_id!(
    /// A user pool id, `<region>_<id>`.
    PoolId
);
string_id!(
    /// An app client id.
    ClientId
);
