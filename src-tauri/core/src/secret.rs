//! Redacting newtypes for every secret the app handles.
//!
//! `Debug`, `Display` and `Serialize` never print the value, so a secret cannot leak
//! through a log line, an error message or an IPC payload by accident. Reading the
//! value is an explicit `expose()` at the one place that needs it (an SDK call).

use std::fmt;

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The raw value, for the call that must send it.
            pub fn expose(&self) -> &str {
                &self.0
            }

            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("[redacted]")
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str("[redacted]")
            }
        }

        /// Text on the wire (the window types a password in, never reads one).
        #[cfg(feature = "specta")]
        impl specta::Type for $name {
            fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
                <str as specta::Type>::definition(types)
            }
        }
    };
}

secret_type!(
    /// A user's password, from the sign-in form to InitiateAuth.
    Password
);
/// The window sends the password typed in the sign-in form; it becomes a [`Password`]
/// as it is parsed, so no plain `String` holds it.
impl<'de> serde::Deserialize<'de> for Password {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Password)
    }
}

secret_type!(
    /// An app client's secret: typed once in the profile form, then kept in the keychain.
    ClientSecret
);
impl<'de> serde::Deserialize<'de> for ClientSecret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(ClientSecret)
    }
}
secret_type!(
    /// A security key's PIN, from the window's or the terminal's prompt to the key.
    SecurityKeyPin
);
impl<'de> serde::Deserialize<'de> for SecurityKeyPin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SecurityKeyPin)
    }
}
secret_type!(
    /// A JWT (ID or access token).
    Jwt
);
secret_type!(
    /// The refresh token: never leaves the Rust process except towards Cognito and the keychain.
    RefreshToken
);
secret_type!(
    /// The opaque challenge `Session` Cognito hands out between challenge steps.
    ChallengeSession
);
secret_type!(
    /// A TOTP shared secret (base32).
    TotpSecret
);
secret_type!(
    /// The secret access key of temporary AWS credentials.
    AwsSecretKey
);
secret_type!(
    /// The session token of temporary AWS credentials.
    AwsSessionToken
);

/// The characters of a secret a preview shows, at most: its last four.
pub const PREVIEW_CHARS: usize = 4;

/// A secret as a view may show it: its last four characters and its length, enough to
/// tell two apart, useless to an attacker. Twelve characters or fewer show none (four
/// of them would be a third of the secret). The window words it in its language;
/// [`std::fmt::Display`] is the English form (`••••abcd (1023 chars)`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Masked {
    /// The last characters (none for a short secret).
    pub tail: String,
    /// The secret's length in characters.
    pub length: usize,
}

impl std::fmt::Display for Masked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.tail.is_empty() {
            return f.write_str(&"•".repeat(self.length.min(8)));
        }
        write!(f, "••••{} ({} chars)", self.tail, self.length)
    }
}

/// `value` masked for a view ([`Masked`]).
pub fn masked_preview(value: &str) -> Masked {
    let chars: Vec<char> = value.chars().collect();
    let tail = if chars.len() <= 12 {
        String::new()
    } else {
        chars[chars.len() - PREVIEW_CHARS..].iter().collect()
    };
    Masked {
        tail,
        length: chars.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_display_and_serialize_redact() {
        let p = Password::new("hunter2-very-secret");
        assert_eq!(format!("{p:?}"), "Password([redacted])");
        assert_eq!(format!("{p}"), "[redacted]");
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"[redacted]\"");
        assert_eq!(p.expose(), "hunter2-very-secret");
    }

    #[test]
    fn preview_hides_the_middle() {
        let jwt = "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.payload.signature-xyz1";
        let preview = masked_preview(jwt);
        assert_eq!(preview.to_string(), "••••xyz1 (59 chars)");
        assert_eq!(
            serde_json::to_value(&preview).unwrap(),
            serde_json::json!({"tail": "xyz1", "length": 59})
        );
        assert_eq!(masked_preview("short").to_string(), "•••••");
        assert_eq!(masked_preview("short").tail, "");
        // A 40-character AWS secret key: four of its characters, no more.
        let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert_eq!(masked_preview(key).to_string(), "••••EKEY (40 chars)");
    }
}
