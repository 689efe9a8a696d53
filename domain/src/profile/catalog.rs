use serde::{Deserialize, Serialize};

use super::Source;
use crate::values::{HttpUrl, Slug, YearMonth};

/// A skill in the shared catalog; roles reference skills by slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub slug: Slug,
    pub name: String,
    pub category: SkillCategory,
    pub description: String,
    /// Where the role's sources name this skill (provenance of the entry).
    #[serde(default)]
    pub named_in: Option<String>,
    /// Taxonomy items this skill covers (`atlas/AML.T0051`, `owasp-llm/LLM01:2025`).
    #[serde(default)]
    pub taxonomy_items: Vec<crate::taxonomy::TaxonomyRef>,
}

/// The radar dimension a skill is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillCategory {
    Evaluation,
    AdversarialSecurity,
    Alignment,
    Operations,
    Governance,
    Foundations,
    Leadership,
}

impl SkillCategory {
    pub const ALL: [SkillCategory; 7] = [
        Self::Evaluation,
        Self::AdversarialSecurity,
        Self::Alignment,
        Self::Operations,
        Self::Governance,
        Self::Foundations,
        Self::Leadership,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Evaluation => "evaluation",
            Self::AdversarialSecurity => "adversarial_security",
            Self::Alignment => "alignment",
            Self::Operations => "operations",
            Self::Governance => "governance",
            Self::Foundations => "foundations",
            Self::Leadership => "leadership",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    /// The name a reader sees on a chart axis.
    pub fn label(self) -> &'static str {
        match self {
            Self::Evaluation => "Evaluation",
            Self::AdversarialSecurity => "Adversarial security",
            Self::Alignment => "Alignment",
            Self::Operations => "Operations",
            Self::Governance => "Governance",
            Self::Foundations => "Foundations",
            Self::Leadership => "Leadership",
        }
    }
}

/// How much a skill matters for a role; weights the gap analysis and the value score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    Supporting,
    Important,
    Critical,
}

impl Importance {
    /// Weight used by scoring rules: critical skills count three times a supporting one.
    pub fn weight(self) -> u32 {
        match self {
            Self::Supporting => 1,
            Self::Important => 2,
            Self::Critical => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Supporting => "supporting",
            Self::Important => "important",
            Self::Critical => "critical",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Supporting, Self::Important, Self::Critical].into_iter().find(|i| i.as_str() == raw)
    }
}

/// A reference framework or taxonomy the role works with (MITRE ATLAS, NIST AI RMF...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub slug: Slug,
    pub name: String,
    #[serde(default)]
    pub full_name: Option<String>,
    pub publisher: String,
    pub url: HttpUrl,
    pub summary: String,
    #[serde(default)]
    pub as_of: Option<YearMonth>,
    /// Counted facts (for example the number of ATLAS techniques) as `source`
    /// published them on the `as_of` date: dated, historical figures. The
    /// current counts come from the imported release of `taxonomy`.
    #[serde(default)]
    pub facts: Vec<FrameworkFact>,
    /// The taxonomy whose imported release describes this framework item by item.
    #[serde(default)]
    pub taxonomy: Option<crate::taxonomy::TaxonomyKind>,
    #[serde(default)]
    pub tools: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFact {
    pub label: String,
    pub count: u32,
}
