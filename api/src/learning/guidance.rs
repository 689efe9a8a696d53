//! Readiness, the certification timeline and the public knowledge check:
//! guidance computed on request from content and the learner's records.

use roledex_domain::guidance::InvalidSubmission;
use roledex_domain::guidance::calendar::CalendarDate;
use roledex_domain::guidance::quiz::{check_attempt_id, draw};
use roledex_domain::guidance::readiness::{ReadinessInputs, latest_attempt, readiness};
use roledex_domain::guidance::timeline::{TimelineRequest, plan_certifications};
use roledex_persistence::learners::SubmissionKind;

use super::role_profile;
use crate::dto;
use crate::error::ApiError;
use crate::state::AppState;

pub fn parse_date(field: &str, raw: &str) -> Result<CalendarDate, ApiError> {
    CalendarDate::parse(raw).map_err(|e| ApiError::InvalidSubmission(InvalidSubmission::single(field, e.0)))
}

pub async fn readiness_report(state: &AppState, user_id: &str, role: &str) -> Result<dto::ReadinessReport, ApiError> {
    let profile = role_profile(state, role).await?;
    let role = profile.profile.document.slug.to_string();
    let latest = |kind| state.learners.latest_submission(kind, user_id, &role);
    let qualification = latest(SubmissionKind::QualificationCheck).await?.map(|s| s.score);
    let skills = latest(SubmissionKind::Assessment).await?.map(|s| s.score);
    let knowledge = latest_attempt(&state.learners.scores(SubmissionKind::QuizAttempt, user_id, &role).await?);
    Ok(dto::ReadinessReport::new(role.clone(), &readiness(ReadinessInputs { qualification, skills, knowledge })))
}

pub async fn timeline(state: &AppState, input: &dto::TimelineInput) -> Result<dto::Timeline, ApiError> {
    let profile = role_profile(state, &input.role).await?;
    let plan = input;
    let request = TimelineRequest {
        budget_usd: plan.budget_usd,
        hours_per_week: plan.hours_per_week,
        start: parse_date("start", &plan.start)?,
        held: plan.held.clone(),
        study_hours: plan.study_hours.iter().map(|s| (s.certification.clone(), s.hours)).collect(),
        order: plan.order.into(),
        years_experience: plan.years_experience,
    };
    let result = plan_certifications(&profile.profile, &request)?;
    Ok(dto::Timeline::new(profile.profile.document.slug.to_string(), &result))
}

/// The questions one knowledge-check attempt asks (no answer key), drawn
/// from the role's bank by the attempt id; a new random id when none is given.
pub async fn knowledge_check(
    state: &AppState,
    role: &str,
    attempt: Option<&str>,
) -> Result<dto::KnowledgeCheck, ApiError> {
    let attempt = match attempt {
        Some(id) => {
            check_attempt_id(id).map_err(|message| ApiError::invalid("attempt", message))?;
            id.to_owned()
        }
        None => uuid::Uuid::new_v4().to_string(),
    };
    let profile = role_profile(state, role).await?;
    let bank = &profile.profile.document.knowledge_check;
    let asked = draw(bank, &attempt);
    let questions = asked
        .iter()
        .filter_map(|q| profile.dto.knowledge_check.iter().find(|public| public.key == q.key.as_str()).cloned())
        .collect();
    Ok(dto::KnowledgeCheck {
        role: profile.profile.document.slug.to_string(),
        attempt,
        bank_size: i32::try_from(bank.len()).unwrap_or(i32::MAX),
        questions,
    })
}
