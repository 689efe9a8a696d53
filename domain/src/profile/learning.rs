use serde::{Deserialize, Serialize};

use super::Cost;
use crate::values::{HttpUrl, Slug};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningResource {
    pub kind: ResourceKind,
    pub title: String,
    pub provider: String,
    pub url: HttpUrl,
    /// `None` when the resource is free of charge or its price is unknown: see `free`.
    #[serde(default)]
    pub cost: Option<Cost>,
    /// `Some(true)` free, `Some(false)` paid, `None` not known.
    #[serde(default)]
    pub free: Option<bool>,
    #[serde(default)]
    pub builds_skills: Vec<Slug>,
    pub editorial: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Framework,
    Standard,
    Tool,
    Course,
    Guide,
    Paper,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 6] =
        [Self::Framework, Self::Standard, Self::Tool, Self::Course, Self::Guide, Self::Paper];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Framework => "framework",
            Self::Standard => "standard",
            Self::Tool => "tool",
            Self::Course => "course",
            Self::Guide => "guide",
            Self::Paper => "paper",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}
