//! Knowledge-check attempts.

use async_graphql::{InputObject, SimpleObject};
use roledex_domain::guidance::quiz::QuizResult;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "QuizAnswerInput")]
#[serde(deny_unknown_fields)]
pub struct QuizAnswer {
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub question: String,
    /// Zero-based index of the chosen option.
    #[schema(minimum = 0, maximum = 2147483647)]
    #[serde(deserialize_with = "crate::dto::number::integer")]
    pub option: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct QuizAttemptInput {
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub role: String,
    /// At least one of the role's questions, each once.
    #[schema(min_items = 1)]
    pub answers: Vec<QuizAnswer>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct GradedQuestion {
    pub key: String,
    pub prompt: String,
    pub chosen_option: Option<u32>,
    pub correct_option: u32,
    pub correct: bool,
    pub explanation: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QuizAttempt {
    pub id: String,
    pub role: String,
    /// When it was made (RFC 3339, UTC).
    #[serde(deserialize_with = "crate::dto::timestamp::lenient")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// 0-100: correct answers over all questions (skipped ones count as wrong).
    pub score: u8,
    pub correct: u32,
    pub total: u32,
    pub questions: Vec<GradedQuestion>,
}

impl QuizAttempt {
    pub fn new(id: String, role: String, created_at: i64, result: &QuizResult) -> Self {
        Self {
            id,
            role,
            created_at: crate::dto::timestamp::from_millis(created_at),
            score: result.score,
            correct: result.correct,
            total: result.total,
            questions: result
                .questions
                .iter()
                .map(|q| GradedQuestion {
                    key: q.key.to_string(),
                    prompt: q.prompt.clone(),
                    chosen_option: q.chosen_option,
                    correct_option: q.correct_option,
                    correct: q.correct,
                    explanation: q.explanation.clone(),
                    source: q.source.clone(),
                })
                .collect(),
        }
    }
}
