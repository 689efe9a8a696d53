//! The qualification checker: the role's ten cards rated 0-3; a score, a band and an explanation.

use roledex_domain::guidance::qualification::{QualificationResult, check_qualification};
use roledex_domain::profile::RoleProfile;
use roledex_persistence::learners::SubmissionKind;

use super::{Meta, SubmissionRule};
use crate::dto;
use crate::error::ApiError;

#[derive(Debug)]
pub struct QualificationCheck;

impl SubmissionRule for QualificationCheck {
    const KIND: SubmissionKind = SubmissionKind::QualificationCheck;
    const OPERATION: &'static str = "qualification";
    const VIEW_USES_CONTENT: bool = false;
    type Input = dto::QualificationInput;
    type Accepted = Vec<dto::CardRating>;
    type Graded = QualificationResult;
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

    fn view(meta: Meta, _: Self::Accepted, result: QualificationResult, _: Option<&RoleProfile>) -> Self::View {
        dto::QualificationCheck::new(meta.id, meta.role, meta.created_at, &result)
    }
}
