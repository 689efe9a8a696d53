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
    /// The attempt's id, as given to (or chosen for) `GET /roles/{slug}/knowledge-check?attempt=`:
    /// it decides which questions the attempt asks. Each attempt is graded once.
    #[schema(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    pub attempt: String,
    /// At least one of the role's questions, each once.
    #[schema(min_items = 1)]
    pub answers: Vec<QuizAnswer>,
}

/// The questions of one knowledge-check attempt, without their answers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct KnowledgeCheck {
    pub role: String,
    /// The attempt's id: submit it with the answers. The same id always asks
    /// the same questions; each attempt is graded once.
    pub attempt: String,
    /// How many questions the role's bank holds (an attempt asks up to 12 of them).
    pub bank_size: i32,
    pub questions: Vec<crate::dto::QuizQuestion>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct GradedQuestion {
    pub key: String,
    pub prompt: String,
    pub chosen_option: Option<u32>,
    /// Revealed only for a question the learner answered.
    pub correct_option: Option<u32>,
    pub correct: bool,
    /// Revealed only for a question the learner answered.
    pub explanation: Option<String>,
    pub source: String,
}

/// A graded attempt: what a stored attempt holds besides its id and time, and
/// what the stateless computation answers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QuizOutcome {
    pub role: String,
    /// The attempt id its questions were drawn from; `null` for attempts made before attempts had ids.
    pub attempt: Option<String>,
    /// 0-100: correct answers over the attempt's questions (skipped ones count as wrong).
    pub score: u8,
    pub correct: u32,
    pub total: u32,
    /// starting (0-49), developing (50-79) or strong (80-100).
    pub band: QuizBand,
    /// What the score means and what to do next.
    pub message: String,
    pub questions: Vec<GradedQuestion>,
}

/// A stored quiz attempt: its id and time, and the outcome.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QuizAttempt {
    pub id: String,
    /// When it was made (RFC 3339, UTC).
    #[serde(deserialize_with = "crate::dto::timestamp::lenient")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[serde(flatten)]
    #[graphql(flatten)]
    pub outcome: QuizOutcome,
}

/// The body of `POST /roles/{slug}/compute/quiz-attempt`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ComputeQuizAttemptInput")]
#[serde(deny_unknown_fields)]
pub struct QuizAttemptBody {
    /// The attempt's id, as given to `GET /roles/{slug}/knowledge-check?attempt=`.
    #[schema(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    pub attempt: String,
    /// At least one of the attempt's questions, each once.
    #[schema(min_items = 1)]
    pub answers: Vec<QuizAnswer>,
}

impl QuizAttemptBody {
    pub fn for_role(self, role: String) -> QuizAttemptInput {
        QuizAttemptInput { role, attempt: self.attempt, answers: self.answers }
    }
}

/// Where a knowledge-check score places the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, async_graphql::Enum)]
#[serde(rename_all = "snake_case")]
pub enum QuizBand {
    Starting,
    Developing,
    Strong,
}

impl From<roledex_domain::guidance::quiz::QuizBand> for QuizBand {
    fn from(band: roledex_domain::guidance::quiz::QuizBand) -> Self {
        use roledex_domain::guidance::quiz::QuizBand as Domain;
        match band {
            Domain::Starting => Self::Starting,
            Domain::Developing => Self::Developing,
            Domain::Strong => Self::Strong,
        }
    }
}

impl QuizOutcome {
    pub fn new(role: String, result: &QuizResult) -> Self {
        Self {
            role,
            attempt: result.attempt.clone(),
            score: result.score,
            correct: result.correct,
            total: result.total,
            band: result.band.into(),
            message: result.band.message().to_owned(),
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
