//! Knowledge-check attempts, graded on the server against the role's answer key.

use roledex_domain::guidance::quiz::{QuizResult, grade};
use roledex_domain::profile::RoleProfile;
use roledex_persistence::learners::SubmissionKind;

use super::SubmissionRule;
use crate::dto;
use crate::error::ApiError;

#[derive(Debug)]
pub struct QuizAttempt;

impl SubmissionRule for QuizAttempt {
    const KIND: SubmissionKind = SubmissionKind::QuizAttempt;
    const OPERATION: &'static str = "quiz";
    const VIEW_USES_CONTENT: bool = false;
    const INPUT_COLUMN: &'static str = "answers";
    const OTHER_COLUMNS: &'static [&'static str] = &["attempt"];
    type Input = dto::QuizAttemptInput;
    type Accepted = Vec<dto::QuizAnswer>;
    type Graded = QuizResult;
    type Outcome = dto::QuizOutcome;
    type View = dto::QuizAttempt;

    fn role(input: &Self::Input) -> &str {
        &input.role
    }

    fn grade(profile: &RoleProfile, input: &Self::Input) -> Result<(Self::Accepted, QuizResult), ApiError> {
        let raw: Vec<(String, i64)> = input.answers.iter().map(|a| (a.question.clone(), a.option)).collect();
        let result = grade(&profile.document.knowledge_check, &input.attempt, &raw)?;
        Ok((input.answers.clone(), result))
    }

    /// One record per learner, role and attempt: grading an attempt again is refused.
    fn submission_id(user_id: &str, input: &Self::Input) -> Option<String> {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("{user_id}\n{}\n{}", input.role, input.attempt));
        Some(format!("quiz-{}", hex::encode(&digest[..16])))
    }

    fn score(graded: &QuizResult) -> u8 {
        graded.score
    }

    fn outcome(role: String, _: Self::Accepted, result: QuizResult, _: Option<&RoleProfile>) -> Self::Outcome {
        dto::QuizOutcome::new(role, &result)
    }

    fn record(id: String, created_at: chrono::DateTime<chrono::Utc>, outcome: Self::Outcome) -> Self::View {
        dto::QuizAttempt { id, created_at, outcome }
    }
}
