use serde::{Deserialize, Serialize};

use crate::values::Slug;

/// A knowledge-check question. The answer key (`correct_option`) and the
/// explanation stay on the server until an attempt is graded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizQuestion {
    pub key: Slug,
    pub prompt: String,
    pub options: Vec<String>,
    /// Zero-based index into `options`.
    pub correct_option: u32,
    pub explanation: String,
    /// The fact this question is written from.
    pub source: String,
    /// The skills the question checks: at least one, so the bank can be
    /// shown to cover every skill group.
    pub skills: Vec<Slug>,
    /// Taxonomy items this question covers (`atlas/AML.T0051`, `owasp-llm/LLM01:2025`).
    #[serde(default)]
    pub taxonomy_items: Vec<crate::taxonomy::TaxonomyRef>,
    /// Set when the answer is a count of a taxonomy release: the pack is
    /// checked against the imported release (the correct option must be the
    /// count, and the prompt must name the release's version).
    #[serde(default)]
    pub checked_against: Option<crate::taxonomy::CountCheck>,
}
