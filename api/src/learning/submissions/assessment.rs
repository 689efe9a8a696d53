//! Self-assessment: ratings 1-5 on the role's skills; the radar, the gaps
//! (with the resources and certifications that close them) and the skills score.

use roledex_domain::guidance::assessment::{AssessmentResult, SkillRatings, assess, attach_resources};
use roledex_domain::profile::RoleProfile;
use roledex_persistence::learners::SubmissionKind;

use super::SubmissionRule;
use crate::dto;
use crate::error::ApiError;

#[derive(Debug)]
pub struct SelfAssessment;

impl SubmissionRule for SelfAssessment {
    const KIND: SubmissionKind = SubmissionKind::Assessment;
    const OPERATION: &'static str = "assessment";
    const VIEW_USES_CONTENT: bool = true;
    const INPUT_COLUMN: &'static str = "ratings";
    type Input = dto::SelfAssessmentInput;
    type Accepted = SkillRatings;
    type Graded = AssessmentResult;
    type Outcome = dto::AssessmentOutcome;
    type View = dto::Assessment;

    fn role(input: &Self::Input) -> &str {
        &input.role
    }

    fn grade(profile: &RoleProfile, input: &Self::Input) -> Result<(SkillRatings, AssessmentResult), ApiError> {
        let raw: Vec<(String, i64)> = input.ratings.iter().map(|r| (r.skill.clone(), r.level)).collect();
        let ratings = SkillRatings::new(profile, &raw)?;
        let result = assess(profile, &ratings);
        Ok((ratings, result))
    }

    fn score(graded: &AssessmentResult) -> u8 {
        graded.skills_score
    }

    fn outcome(
        role: String,
        ratings: SkillRatings,
        mut result: AssessmentResult,
        profile: Option<&RoleProfile>,
    ) -> dto::AssessmentOutcome {
        // Resources are content, not part of the record: attached from the role as it is now.
        if let Some(profile) = profile {
            attach_resources(&mut result.gaps, profile);
        }
        let ratings = ratings
            .iter()
            .map(|(skill, level)| dto::SkillRating { skill: skill.to_string(), level: i64::from(level.get()) })
            .collect();
        dto::AssessmentOutcome::new(role, ratings, &result)
    }

    fn record(id: String, created_at: chrono::DateTime<chrono::Utc>, outcome: Self::Outcome) -> dto::Assessment {
        dto::Assessment { id, created_at, outcome }
    }
}
