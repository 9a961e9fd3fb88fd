//! What a doctor check read, as values: where (an API operation and its field, or a
//! setting of the profile) and what it held. The window words the values in its
//! language; operation, field, flag and URL names stay as AWS spells them.

use serde::Serialize;

/// The source of a reading that is the profile's own setting, not an AWS answer.
pub const PROFILE: &str = "profile";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Reading {
    /// The operation (`DescribeUserPoolClient`), or [`PROFILE`].
    pub source: &'static str,
    /// The field read (`ExplicitAuthFlows`), or the profile's setting (`redirectUri`).
    pub field: &'static str,
    pub value: ReadValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ReadValue {
    /// Identifiers (flags, URLs, scopes, providers); empty when none is listed.
    List { items: Vec<String> },
    /// None is listed, so AWS applies these.
    Defaults { items: Vec<String> },
    /// On or off; there or not.
    Flag { on: bool },
    /// One identifier or name; none when it is not set.
    Value { value: Option<String> },
    /// How many users were read, and which of them matched.
    Users { read: usize, matching: Vec<String> },
    /// The call failed: its error code (a technical identifier).
    Failed { code: String },
}

impl Reading {
    pub fn new(source: &'static str, field: &'static str, value: ReadValue) -> Self {
        Self {
            source,
            field,
            value,
        }
    }

    pub fn list(source: &'static str, field: &'static str, items: &[String]) -> Self {
        Self::new(
            source,
            field,
            ReadValue::List {
                items: items.to_vec(),
            },
        )
    }

    pub fn flag(source: &'static str, field: &'static str, on: bool) -> Self {
        Self::new(source, field, ReadValue::Flag { on })
    }

    pub fn value(source: &'static str, field: &'static str, value: Option<&str>) -> Self {
        Self::new(
            source,
            field,
            ReadValue::Value {
                value: value.map(str::to_owned),
            },
        )
    }
}
