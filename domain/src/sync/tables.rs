//! The tables a device keeps, and record ids.

use std::fmt;

use crate::values::ValueError;

/// A synced table, by its name on the wire (and in the device's schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SyncTable {
    Assessments,
    QualificationChecks,
    QuizAttempts,
    SprintPlans,
    SprintTasks,
    SavedItems,
}

impl SyncTable {
    /// In the order a push applies them: a plan is built from the
    /// assessments pushed with it, and its tasks exist once it does.
    pub const ALL: [SyncTable; 6] = [
        Self::Assessments,
        Self::QualificationChecks,
        Self::QuizAttempts,
        Self::SprintPlans,
        Self::SprintTasks,
        Self::SavedItems,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Assessments => "assessments",
            Self::QualificationChecks => "qualification_checks",
            Self::QuizAttempts => "quiz_attempts",
            Self::SprintPlans => "sprint_plans",
            Self::SprintTasks => "sprint_tasks",
            Self::SavedItems => "saved_items",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether a device may create records in this table. Tasks are made by
    /// the server when it builds their plan; a device only ticks them.
    pub fn device_creates(self) -> bool {
        self != Self::SprintTasks
    }
}

impl fmt::Display for SyncTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A record id, made by the device (WatermelonDB's are 16 letters and
/// digits) or by the server (a UUID, or a task's id): 1 to 160 ASCII
/// letters, digits, `-`, `_` and `.`, the characters WatermelonDB deems safe.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordId(String);

impl RecordId {
    pub const MAX_LEN: usize = 160;

    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let safe = raw.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if raw.is_empty() || raw.len() > Self::MAX_LEN || !safe {
            return Err(ValueError(format!(
                "`{}` is not a record id: use 1-{} ASCII letters, digits, `-`, `_` or `.`",
                raw.chars().take(80).collect::<String>(),
                Self::MAX_LEN
            )));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A sprint task's record id: its plan's id and its key within the plan
/// (`w01-skill-...`), so the same task has the same id on every device.
/// Plan ids and task keys use safe characters only, and together stay
/// within [`RecordId::MAX_LEN`] (a UUID, a dot and a key of at most 89).
pub fn task_record_id(plan_id: &str, task_key: &str) -> String {
    format!("{plan_id}.{task_key}")
}
