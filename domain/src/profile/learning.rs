use serde::{Deserialize, Serialize};

use super::Cost;
use crate::values::{HttpUrl, Slug};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningResource {
    pub kind: ResourceKind,
    pub title: String,
    /// Who publishes it: an organization, a journal or a preprint server.
    pub provider: String,
    /// The authors or editors as the resource credits them, where it has any.
    #[serde(default)]
    pub authors: Option<String>,
    /// The year of publication, where the facts give one.
    #[serde(default)]
    pub year: Option<u16>,
    /// For papers and standards, the arXiv or DOI address, which never moves.
    pub url: HttpUrl,
    /// `None` when the resource is free of charge or its price is unknown: see `free`.
    #[serde(default)]
    pub cost: Option<Cost>,
    /// `Some(true)` free, `Some(false)` paid, `None` not known.
    #[serde(default)]
    pub free: Option<bool>,
    #[serde(default)]
    pub builds_skills: Vec<Slug>,
    /// Taxonomy items this resource covers (`atlas/AML.T0051`, `owasp-llm/LLM01:2025`).
    #[serde(default)]
    pub taxonomy_items: Vec<crate::taxonomy::TaxonomyRef>,
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
    Book,
    Database,
    Policy,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 9] = [
        Self::Framework,
        Self::Standard,
        Self::Tool,
        Self::Course,
        Self::Guide,
        Self::Paper,
        Self::Book,
        Self::Database,
        Self::Policy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Framework => "framework",
            Self::Standard => "standard",
            Self::Tool => "tool",
            Self::Course => "course",
            Self::Guide => "guide",
            Self::Paper => "paper",
            Self::Book => "book",
            Self::Database => "database",
            Self::Policy => "policy",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}
