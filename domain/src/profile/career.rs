use serde::{Deserialize, Serialize};

use super::Source;
use crate::values::{Money, Slug};

/// A way into the role from another background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionPath {
    /// The background role (a `kind = "background"` role in the pack).
    pub from_role: Slug,
    pub fit: String,
    #[serde(default)]
    pub transferable_skills: Vec<String>,
    pub skills_to_add: Vec<SkillToAdd>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillToAdd {
    pub skill: Slug,
    #[serde(default)]
    pub detail: Option<String>,
}

/// A step up the ladder from the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderLevel {
    pub title: String,
    pub scope: String,
    #[serde(default)]
    pub growth: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// `None` means no source gives a figure: served as unknown, never guessed.
    #[serde(default)]
    pub compensation: Option<CompensationBand>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompensationBand {
    pub min: Money,
    pub max: Money,
    pub source: Source,
}
