use serde::{Deserialize, Serialize};

use crate::values::Slug;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterviewQuestion {
    pub question: String,
    /// What the interviewer learns from the answer.
    pub tests: String,
    pub key_points: Vec<String>,
    #[serde(default)]
    pub skills: Vec<Slug>,
    /// Taxonomy items this question covers (`atlas/AML.T0051`, `owasp-llm/LLM01:2025`).
    #[serde(default)]
    pub taxonomy_items: Vec<crate::taxonomy::TaxonomyRef>,
}

/// One card of the qualification checker; a role has exactly ten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualificationCard {
    pub key: Slug,
    pub title: String,
    /// The statement the learner rates themself against.
    pub prompt: String,
    #[serde(default)]
    pub skill: Option<Slug>,
    /// True: the card was written by the content team from the role's
    /// responsibilities and skills; the source page names no cards.
    pub editorial: bool,
}
