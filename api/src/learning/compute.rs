//! Every guidance widget without an account: the stateless forms of the
//! learner computations. Each runs the same rule as its stored form on the
//! same input and stores nothing; the role comes from the path.

use std::collections::BTreeSet;

use roledex_domain::guidance::assessment::{SkillRatings, assess, attach_resources};
use roledex_domain::guidance::ical::{CalendarExport, UtcStamp, render};
use roledex_domain::guidance::readiness::{ReadinessInputs, readiness};
use roledex_domain::guidance::sprint::{SprintPlan, build_sprint_plan};
use roledex_persistence::learners::now_millis;
use sha2::{Digest, Sha256};

use super::plans::sprint_request;
use super::role_profile;
use super::submissions::{QualificationCheck, QuizAttempt, SelfAssessment, SubmissionRule, compute};
use crate::dto;
use crate::error::ApiError;
use crate::state::AppState;

pub async fn self_assessment(
    state: &AppState,
    role: &str,
    body: dto::SelfAssessmentBody,
) -> Result<dto::AssessmentOutcome, ApiError> {
    compute::<SelfAssessment>(state, body.for_role(role.to_owned())).await
}

pub async fn qualification_check(
    state: &AppState,
    role: &str,
    body: dto::QualificationBody,
) -> Result<dto::QualificationOutcome, ApiError> {
    compute::<QualificationCheck>(state, body.for_role(role.to_owned())).await
}

pub async fn quiz_attempt(
    state: &AppState,
    role: &str,
    body: dto::QuizAttemptBody,
) -> Result<dto::QuizOutcome, ApiError> {
    compute::<QuizAttempt>(state, body.for_role(role.to_owned())).await
}

/// Readiness from the three components' inputs, graded as their stored forms
/// are; a component left out counts as not completed.
pub async fn readiness_report(
    state: &AppState,
    role: &str,
    body: dto::ReadinessBody,
) -> Result<dto::ReadinessReport, ApiError> {
    let profile = role_profile(state, role).await?;
    let role = profile.profile.document.slug.to_string();
    let skills = match body.self_assessment {
        Some(b) => Some(SelfAssessment::score(&SelfAssessment::grade(&profile.profile, &b.for_role(role.clone()))?.1)),
        None => None,
    };
    let qualification = match body.qualification_check {
        Some(b) => {
            Some(QualificationCheck::score(&QualificationCheck::grade(&profile.profile, &b.for_role(role.clone()))?.1))
        }
        None => None,
    };
    let knowledge = match body.quiz_attempt {
        Some(b) => Some(QuizAttempt::score(&QuizAttempt::grade(&profile.profile, &b.for_role(role.clone()))?.1)),
        None => None,
    };
    Ok(dto::ReadinessReport::new(role, &readiness(ReadinessInputs { qualification, skills, knowledge })))
}

pub async fn certification_timeline(
    state: &AppState,
    role: &str,
    body: dto::TimelineBody,
) -> Result<dto::Timeline, ApiError> {
    super::guidance::timeline(state, &body.for_role(role.to_owned())).await
}

/// A sprint plan from ratings given in the request rather than a stored self-assessment.
async fn sprint(
    state: &AppState,
    role: &str,
    body: &dto::SprintPlanBody,
) -> Result<(String, String, SprintPlan), ApiError> {
    let profile = role_profile(state, role).await?;
    let mut gaps = if body.ratings.is_empty() {
        Vec::new()
    } else {
        let raw: Vec<(String, i64)> = body.ratings.iter().map(|r| (r.skill.clone(), r.level)).collect();
        assess(&profile.profile, &SkillRatings::new(&profile.profile, &raw)?).gaps
    };
    attach_resources(&mut gaps, &profile.profile);
    let request = sprint_request(body.hours_per_week, &body.start, &body.certifications, &body.study_hours)?;
    let plan = build_sprint_plan(&profile.profile, &gaps, &request)?;
    Ok((profile.profile.document.slug.to_string(), profile.profile.document.title.clone(), plan))
}

pub async fn sprint_plan(
    state: &AppState,
    role: &str,
    body: &dto::SprintPlanBody,
) -> Result<dto::PlanOutcome, ApiError> {
    let (role, _, plan) = sprint(state, role, body).await?;
    Ok(dto::PlanOutcome::new(role, &plan, &BTreeSet::new()))
}

/// The computed plan as an iCalendar document. Its UIDs derive from the
/// request, so importing the same plan twice updates rather than duplicates.
pub async fn sprint_plan_calendar(
    state: &AppState,
    role: &str,
    body: &dto::SprintPlanBody,
) -> Result<String, ApiError> {
    let (role, title, plan) = sprint(state, role, body).await?;
    let request = serde_json::to_vec(body).map_err(|e| ApiError::internal("serializing a plan request", e))?;
    let digest = Sha256::digest([role.as_bytes(), b"\n", &request].concat());
    let plan_id = format!("computed-{}", hex::encode(&digest[..16]));
    let now = UtcStamp::from_unix_seconds(now_millis().div_euclid(1000));
    Ok(render(&CalendarExport {
        plan: &plan,
        plan_id: &plan_id,
        role_title: &title,
        created: now.clone(),
        exported: now,
        done: &BTreeSet::new(),
        modified: &Default::default(),
    }))
}
