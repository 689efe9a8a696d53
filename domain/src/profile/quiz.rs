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
}
