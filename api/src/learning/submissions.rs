//! Self-assessments, qualification checks, quiz attempts, readiness and the
//! certification timeline.

use roledex_domain::guidance::InvalidSubmission;
use roledex_domain::guidance::assessment::{AssessmentResult, SkillRatings, assess, attach_resources};
use roledex_domain::guidance::calendar::CalendarDate;
use roledex_domain::guidance::qualification::{QualificationResult, check_qualification};
use roledex_domain::guidance::quiz::{QuizResult, grade};
use roledex_domain::guidance::readiness::{ReadinessInputs, readiness};
use roledex_domain::guidance::timeline::{TimelineRequest, plan_certifications};
use roledex_persistence::learners::{Submission, SubmissionKind, now_millis};

use super::idempotency::{self, Idempotency, Reply};
use super::{new_id, role_profile};
use crate::dto;
use crate::error::ApiError;
use crate::state::AppState;

/// How many past submissions a list returns (newest first).
pub const HISTORY_LIMIT: u64 = 50;

fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value).map_err(|_| ApiError::Internal)
}

fn to_text<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|_| ApiError::Internal)
}

/// A graded submission ready to store.
struct Record {
    id: String,
    role: String,
    input: serde_json::Value,
    result: serde_json::Value,
    score: u8,
    now: i64,
}

/// Stores a graded submission with its answer (and, for a keyed request, the
/// answer recorded against the key in the same transaction), then replies 201.
async fn store(
    state: &AppState,
    kind: SubmissionKind,
    user_id: &str,
    record: Record,
    body: String,
    idem: Option<Idempotency>,
) -> Result<Reply, ApiError> {
    let submission = Submission {
        id: record.id,
        user_id: user_id.to_owned(),
        role_slug: record.role,
        input: record.input,
        result: record.result,
        score: record.score,
        created_at: record.now,
    };
    let completion = idem.map(|i| i.completion(201, &body));
    state.learners.save_submission(kind, &submission, completion.as_ref()).await?;
    Ok(Reply { status: 201, body })
}

pub fn parse_date(field: &str, raw: &str) -> Result<CalendarDate, ApiError> {
    CalendarDate::parse(raw).map_err(|e| ApiError::InvalidSubmission(InvalidSubmission::single(field, e.0)))
}

pub async fn submit_assessment(
    state: &AppState,
    user_id: &str,
    input: dto::SelfAssessmentInput,
    key: Option<String>,
) -> Result<Reply, ApiError> {
    let hash = idempotency::fingerprint("assessment", &input);
    idempotency::run(state, user_id, key, hash, |idem| async move {
        let profile = role_profile(state, &input.role).await?;
        let raw: Vec<(String, i64)> = input.ratings.iter().map(|r| (r.skill.clone(), r.level)).collect();
        let ratings = SkillRatings::new(&profile.profile, &raw)?;
        let result = assess(&profile.profile, &ratings);
        let (id, now) = (new_id(), now_millis());
        let role = profile.profile.document.slug.to_string();
        let body = to_text(&dto::Assessment::new(id.clone(), role.clone(), now, input.ratings.clone(), &result))?;
        let record =
            Record { id, role, input: to_json(&ratings)?, result: to_json(&result)?, score: result.skills_score, now };
        store(state, SubmissionKind::Assessment, user_id, record, body, idem).await
    })
    .await
}

async fn assessment_dto(state: &AppState, s: &Submission) -> Result<dto::Assessment, ApiError> {
    let ratings: SkillRatings = serde_json::from_value(s.input.clone()).map_err(|_| ApiError::Internal)?;
    let mut result: AssessmentResult = serde_json::from_value(s.result.clone()).map_err(|_| ApiError::Internal)?;
    // A role removed from the content since keeps its record, without resources.
    if let Ok(profile) = role_profile(state, &s.role_slug).await {
        attach_resources(&mut result.gaps, &profile.profile);
    }
    let ratings = ratings
        .iter()
        .map(|(skill, level)| dto::SkillRating { skill: skill.to_string(), level: i64::from(level.get()) })
        .collect();
    Ok(dto::Assessment::new(s.id.clone(), s.role_slug.clone(), s.created_at, ratings, &result))
}

pub async fn assessments(
    state: &AppState,
    user_id: &str,
    role: Option<&str>,
) -> Result<Vec<dto::Assessment>, ApiError> {
    let rows = state.learners.submissions(SubmissionKind::Assessment, user_id, role, HISTORY_LIMIT).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        out.push(assessment_dto(state, row).await?);
    }
    Ok(out)
}

pub async fn latest_assessment(
    state: &AppState,
    user_id: &str,
    role: &str,
) -> Result<Option<dto::Assessment>, ApiError> {
    match state.learners.latest_submission(SubmissionKind::Assessment, user_id, role).await? {
        Some(row) => Ok(Some(assessment_dto(state, &row).await?)),
        None => Ok(None),
    }
}

pub async fn submit_qualification(
    state: &AppState,
    user_id: &str,
    input: dto::QualificationInput,
    key: Option<String>,
) -> Result<Reply, ApiError> {
    let hash = idempotency::fingerprint("qualification", &input);
    idempotency::run(state, user_id, key, hash, |idem| async move {
        let profile = role_profile(state, &input.role).await?;
        let raw: Vec<(String, i64)> = input.ratings.iter().map(|r| (r.card.clone(), r.rating)).collect();
        let result = check_qualification(&profile.profile.document.qualification_cards, &raw)?;
        let (id, now) = (new_id(), now_millis());
        let role = profile.profile.document.slug.to_string();
        let body = to_text(&dto::QualificationCheck::new(id.clone(), role.clone(), now, &result))?;
        let record =
            Record { id, role, input: to_json(&input.ratings)?, result: to_json(&result)?, score: result.score, now };
        store(state, SubmissionKind::QualificationCheck, user_id, record, body, idem).await
    })
    .await
}

pub async fn qualification_checks(
    state: &AppState,
    user_id: &str,
    role: Option<&str>,
) -> Result<Vec<dto::QualificationCheck>, ApiError> {
    let rows = state.learners.submissions(SubmissionKind::QualificationCheck, user_id, role, HISTORY_LIMIT).await?;
    rows.iter()
        .map(|s| {
            let result: QualificationResult =
                serde_json::from_value(s.result.clone()).map_err(|_| ApiError::Internal)?;
            Ok(dto::QualificationCheck::new(s.id.clone(), s.role_slug.clone(), s.created_at, &result))
        })
        .collect()
}

pub async fn submit_quiz(
    state: &AppState,
    user_id: &str,
    input: dto::QuizAttemptInput,
    key: Option<String>,
) -> Result<Reply, ApiError> {
    let hash = idempotency::fingerprint("quiz", &input);
    idempotency::run(state, user_id, key, hash, |idem| async move {
        let profile = role_profile(state, &input.role).await?;
        let raw: Vec<(String, i64)> = input.answers.iter().map(|a| (a.question.clone(), a.option)).collect();
        let result = grade(&profile.profile.document.knowledge_check, &raw)?;
        let (id, now) = (new_id(), now_millis());
        let role = profile.profile.document.slug.to_string();
        let body = to_text(&dto::QuizAttempt::new(id.clone(), role.clone(), now, &result))?;
        let record =
            Record { id, role, input: to_json(&input.answers)?, result: to_json(&result)?, score: result.score, now };
        store(state, SubmissionKind::QuizAttempt, user_id, record, body, idem).await
    })
    .await
}

pub async fn quiz_attempts(
    state: &AppState,
    user_id: &str,
    role: Option<&str>,
) -> Result<Vec<dto::QuizAttempt>, ApiError> {
    let rows = state.learners.submissions(SubmissionKind::QuizAttempt, user_id, role, HISTORY_LIMIT).await?;
    rows.iter()
        .map(|s| {
            let result: QuizResult = serde_json::from_value(s.result.clone()).map_err(|_| ApiError::Internal)?;
            Ok(dto::QuizAttempt::new(s.id.clone(), s.role_slug.clone(), s.created_at, &result))
        })
        .collect()
}

pub async fn readiness_report(state: &AppState, user_id: &str, role: &str) -> Result<dto::ReadinessReport, ApiError> {
    let profile = role_profile(state, role).await?;
    let role = profile.profile.document.slug.to_string();
    let latest = |kind| state.learners.latest_submission(kind, user_id, &role);
    let qualification = latest(SubmissionKind::QualificationCheck).await?.map(|s| s.score);
    let skills = latest(SubmissionKind::Assessment).await?.map(|s| s.score);
    let knowledge = state.learners.best_quiz_score(user_id, &role).await?;
    Ok(dto::ReadinessReport::new(role.clone(), &readiness(ReadinessInputs { qualification, skills, knowledge })))
}

pub async fn timeline(state: &AppState, input: &dto::TimelineInput) -> Result<dto::Timeline, ApiError> {
    let profile = role_profile(state, &input.role).await?;
    let request = TimelineRequest {
        budget_usd: input.budget_usd,
        hours_per_week: input.hours_per_week,
        start: parse_date("start", &input.start)?,
        held: input.held.clone(),
        study_hours: input.study_hours.iter().map(|s| (s.certification.clone(), s.hours)).collect(),
    };
    let result = plan_certifications(&profile.profile, &request)?;
    Ok(dto::Timeline::new(profile.profile.document.slug.to_string(), &result))
}

/// The public knowledge-check questions of a role (no answer key).
pub async fn knowledge_check(state: &AppState, role: &str) -> Result<Vec<dto::QuizQuestion>, ApiError> {
    Ok(role_profile(state, role).await?.dto.knowledge_check.clone())
}
