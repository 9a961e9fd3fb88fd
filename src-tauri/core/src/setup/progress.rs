//! A setup's progress as values the window and the terminal word: which step, and
//! whether it runs, is done (with what it made), was skipped, or is not offered where
//! the setup runs.

use serde::Serialize;

/// The steps of creating and tearing down, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SetupStep {
    UserPool,
    MfaConfig,
    AppClient,
    Domain,
    Bucket,
    IdentityPool,
    Role,
    RolePolicy,
    IdentityPoolRoles,
    User,
    Profile,
    TestAuthenticator,
    TestPasskey,
    /// Tear-down: one resource of the manifest.
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(
    tag = "state",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum StepState {
    Running,
    /// Finished; `resource` names what it made or deleted.
    Done {
        resource: Option<String>,
    },
    /// Tear-down: the resource was gone already (deleted by hand).
    AlreadyGone {
        resource: String,
    },
    /// The region or the emulator does not offer the operation; the setup went on.
    NotOffered {
        operation: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetupProgress {
    pub step: SetupStep,
    #[serde(flatten)]
    pub state: StepState,
    /// Tear-down: the kind of resource the step deletes (the record's `kind`, e.g.
    /// `userPool`), for the window's wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
}

impl SetupProgress {
    pub fn new(step: SetupStep, state: StepState) -> Self {
        Self {
            step,
            state,
            kind: None,
        }
    }

    pub fn of_kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }
}

/// Where progress goes (the window's events, the terminal's lines).
pub type Progress<'a> = &'a (dyn Fn(SetupProgress) + Send + Sync);
