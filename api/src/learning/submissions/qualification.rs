//! The qualification checker: the role's ten cards rated 0-3; a score, a band and an explanation.

use roledex_domain::guidance::qualification::{QualificationResult, check_qualification};
use roledex_domain::profile::RoleProfile;
use roledex_persistence::learners::SubmissionKind;

use super::SubmissionRule;
use crate::dto;
use crate::error::ApiError;

#[derive(Debug)]
pub struct QualificationCheck;

impl SubmissionRule for QualificationCheck {
    const KIND: SubmissionKind = SubmissionKind::QualificationCheck;
    const OPERATION: &'static str = "qualification";
    const VIEW_USES_CONTENT: bool = false;
    const INPUT_COLUMN: &'static str = "ratings";
    type Input = dto::QualificationInput;
    type Accepted = Vec<dto::CardRating>;
    type Graded = QualificationResult;
    type Outcome = dto::QualificationOutcome;
    type View = dto::QualificationCheck;

    fn role(input: &Self::Input) -> &str {
        &input.role
    }

    fn grade(profile: &RoleProfile, input: &Self::Input) -> Result<(Self::Accepted, QualificationResult), ApiError> {
        let raw: Vec<(String, i64)> = input.ratings.iter().map(|r| (r.card.clone(), r.rating)).collect();
        let result = check_qualification(&profile.document.qualification_cards, &raw)?;
        Ok((input.ratings.clone(), result))
    }

    fn score(graded: &QualificationResult) -> u8 {
        graded.score
    }

    fn outcome(role: String, _: Self::Accepted, result: QualificationResult, _: Option<&RoleProfile>) -> Self::Outcome {
        dto::QualificationOutcome::new(role, &result)
    }

    fn record(id: String, created_at: chrono::DateTime<chrono::Utc>, outcome: Self::Outcome) -> Self::View {
        dto::QualificationCheck { id, created_at, outcome }
    }
}
