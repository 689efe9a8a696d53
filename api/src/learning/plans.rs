//! The 90-day sprint plan: build from the latest self-assessment, read, tick
//! tasks, export as iCalendar.

use std::collections::BTreeSet;

use roledex_domain::guidance::assessment::{AssessmentResult, SkillGap, attach_resources};
use roledex_domain::guidance::ical::{CalendarExport, UtcStamp, render};
use roledex_domain::guidance::record::{RECORD_FORMAT, readable};
use roledex_domain::guidance::sprint::{SprintPlan, SprintRequest, build_sprint_plan};
use roledex_domain::profile::RoleProfile;
use roledex_persistence::learners::{StoredPlan, SubmissionKind, TaskWrite, now_millis};

use super::guidance::parse_date;
use super::idempotency;
use super::pages::{PageRequest, Paged};
use super::{Stored, new_id, role_profile};
use crate::dto;
use crate::error::ApiError;
use crate::state::AppState;

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::internal("serializing a sprint plan", e))
}

/// The gaps of the learner's latest self-assessment for the role, with the
/// role's current resources (no assessment: no gaps, certifications only).
async fn latest_gaps(state: &AppState, user_id: &str, profile: &RoleProfile) -> Result<Vec<SkillGap>, ApiError> {
    let role = profile.document.slug.as_str();
    let Some(latest) = state.learners.latest_submission(SubmissionKind::Assessment, user_id, role).await? else {
        return Ok(Vec::new());
    };
    let mut gaps = serde_json::from_str::<AssessmentResult>(&latest.result)
        .map_err(|e| ApiError::internal(&format!("reading assessment {}", latest.id), e))?
        .gaps;
    attach_resources(&mut gaps, profile);
    Ok(gaps)
}

/// A plan request from its fields as the API takes them (stored and stateless forms alike).
pub(super) fn sprint_request(
    hours_per_week: i64,
    start: &str,
    certifications: &[String],
    study_hours: &[dto::StudyHours],
) -> Result<SprintRequest, ApiError> {
    Ok(SprintRequest {
        hours_per_week,
        start: parse_date("start", start)?,
        certifications: certifications.to_vec(),
        study_hours: study_hours.iter().map(|s| (s.certification.clone(), s.hours)).collect(),
    })
}

/// Builds a plan for the learner and makes the record to store, with the
/// answer the client sees: the one path for online and synced plans. The
/// gaps are those of the learner's latest self-assessment for the role
/// (`gaps`, when the caller has it at hand, or else the stored one).
pub(crate) async fn built(
    state: &AppState,
    user_id: &str,
    id: String,
    input: &dto::SprintPlanInput,
    gaps: Option<Vec<SkillGap>>,
    now: i64,
) -> Result<(StoredPlan, dto::Plan), ApiError> {
    let profile = role_profile(state, &input.role).await?;
    let gaps = match gaps {
        Some(mut gaps) => {
            attach_resources(&mut gaps, &profile.profile);
            gaps
        }
        None => latest_gaps(state, user_id, &profile.profile).await?,
    };
    let request = sprint_request(input.hours_per_week, &input.start, &input.certifications, &input.study_hours)?;
    let plan = build_sprint_plan(&profile.profile, &gaps, &request)?;
    let role = profile.profile.document.slug.to_string();
    let view = dto::Plan::new(id.clone(), role.clone(), now, &plan, &BTreeSet::new());
    let stored = StoredPlan {
        id,
        user_id: user_id.to_owned(),
        role_slug: role,
        request: to_json(input)?,
        plan: to_json(&plan)?,
        format_version: RECORD_FORMAT,
        created_at: now,
    };
    Ok((stored, view))
}

pub async fn build_plan(
    state: &AppState,
    user_id: &str,
    input: dto::SprintPlanInput,
    key: Option<String>,
) -> Result<Stored<dto::Plan>, ApiError> {
    let hash = idempotency::fingerprint("sprint_plan", &input);
    idempotency::run(state, user_id, key, hash, |idem| async move {
        let (stored, view) = built(state, user_id, new_id(), &input, None, now_millis()).await?;
        let answer = Stored::new(view)?;
        let completion = idem.map(|i| i.answered(&answer));
        state.learners.save_plan(&stored, completion.as_ref()).await?;
        Ok(answer)
    })
    .await
}

pub(crate) struct LoadedPlan {
    pub stored: StoredPlan,
    pub plan: SprintPlan,
    done: BTreeSet<String>,
    /// When each task with a stored state last changed (ms).
    changed: std::collections::BTreeMap<String, i64>,
    /// The latest change to the plan or its tasks: its `ETag`.
    revision: i64,
}

pub(crate) async fn load(state: &AppState, user_id: &str, plan_id: &str) -> Result<LoadedPlan, ApiError> {
    let stored = state
        .learners
        .plan(user_id, plan_id)
        .await?
        .ok_or_else(|| ApiError::PlanNotFound(plan_id.chars().take(80).collect()))?;
    if !readable(stored.format_version) {
        return Err(ApiError::internal(
            "reading a sprint plan",
            format!("plan {} has format {}; this build reads up to {RECORD_FORMAT}", stored.id, stored.format_version),
        ));
    }
    let plan: SprintPlan = serde_json::from_str(&stored.plan)
        .map_err(|e| ApiError::internal(&format!("reading sprint plan {}", stored.id), e))?;
    let (states, revision) = state.learners.task_states(&stored.id).await?;
    let done = states.iter().filter(|(_, s)| s.done).map(|(k, _)| k.clone()).collect();
    let changed = states.into_iter().map(|(k, s)| (k, s.updated_at)).collect();
    Ok(LoadedPlan { stored, plan, done, changed, revision })
}

/// The learner's plan, or `None` when they have no such plan.
pub(crate) async fn find(state: &AppState, user_id: &str, plan_id: &str) -> Result<Option<LoadedPlan>, ApiError> {
    match load(state, user_id, plan_id).await {
        Ok(loaded) => Ok(Some(loaded)),
        Err(ApiError::PlanNotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

fn view(loaded: &LoadedPlan) -> dto::Plan {
    dto::Plan::new(
        loaded.stored.id.clone(),
        loaded.stored.role_slug.clone(),
        loaded.stored.created_at,
        &loaded.plan,
        &loaded.done,
    )
}

pub async fn plan(state: &AppState, user_id: &str, plan_id: &str) -> Result<dto::Plan, ApiError> {
    Ok(view(&load(state, user_id, plan_id).await?))
}

/// A page of the learner's plans, newest first.
pub async fn plans(state: &AppState, user_id: &str, request: &PageRequest) -> Result<Paged<dto::Plan>, ApiError> {
    let mut out = Vec::new();
    for stored in state.learners.plans(user_id, request.page()).await? {
        let key = (stored.created_at, stored.id.clone());
        out.push((key, view(&load(state, user_id, &stored.id).await?)));
    }
    Ok(request.finish(out, |(key, _)| (key.0, key.1.as_str())).map(|(_, plan)| plan))
}

/// A plan as the client sees it, with its revision (the `ETag` of its REST
/// form, for `If-Match`).
#[derive(Debug, Clone)]
pub struct Revised<T> {
    pub value: T,
    pub revision: i64,
}

pub async fn plan_with_revision(
    state: &AppState,
    user_id: &str,
    plan_id: &str,
) -> Result<Revised<dto::Plan>, ApiError> {
    let loaded = load(state, user_id, plan_id).await?;
    Ok(Revised { value: view(&loaded), revision: loaded.revision })
}

/// Ticks a task done or undone; answers the whole plan with its progress.
/// With `expected`, only if the plan is still at that revision: a client
/// holding an older copy gets `precondition_failed` instead of overwriting
/// a newer tick.
pub async fn set_task(
    state: &AppState,
    user_id: &str,
    plan_id: &str,
    task_key: &str,
    done: bool,
    expected: Option<&[i64]>,
) -> Result<Revised<dto::Plan>, ApiError> {
    let loaded = load(state, user_id, plan_id).await?;
    if !loaded.plan.tasks().any(|t| t.key == task_key) {
        return Err(ApiError::TaskNotFound(task_key.chars().take(80).collect()));
    }
    let written =
        state.learners.set_task_done(user_id, &loaded.stored.id, task_key, done, expected, now_millis()).await?;
    if let TaskWrite::Stale { revision } = written {
        return Err(ApiError::PreconditionFailed { etag: plan_etag(revision) });
    }
    plan_with_revision(state, user_id, plan_id).await
}

/// A plan's `ETag`: its revision, strong (the JSON is a function of it).
pub fn plan_etag(revision: i64) -> String {
    format!("\"r{revision}\"")
}

/// The revisions an `If-Match` field names (RFC 9110 §13.1.1): `None` for
/// `*` (any current plan), otherwise every plan `ETag` in the list. A value
/// that is no plan `ETag` (or a weak one, which never matches strongly)
/// names no revision.
pub fn revisions_from_if_match(field: &str) -> Option<Vec<i64>> {
    if field.trim() == "*" {
        return None;
    }
    Some(field.split(',').filter_map(|tag| tag.trim().strip_prefix("\"r")?.strip_suffix('"')?.parse().ok()).collect())
}

/// The plan as an iCalendar document.
pub async fn calendar(state: &AppState, user_id: &str, plan_id: &str) -> Result<String, ApiError> {
    let loaded = load(state, user_id, plan_id).await?;
    let role_title = match role_profile(state, &loaded.stored.role_slug).await {
        Ok(profile) => profile.profile.document.title.clone(),
        Err(_) => loaded.stored.role_slug.clone(),
    };
    Ok(render(&CalendarExport {
        plan: &loaded.plan,
        plan_id: &loaded.stored.id,
        role_title: &role_title,
        created: UtcStamp::from_unix_seconds(loaded.stored.created_at.div_euclid(1000)),
        exported: UtcStamp::from_unix_seconds(now_millis().div_euclid(1000)),
        done: &loaded.done,
        modified: &loaded
            .changed
            .iter()
            .map(|(k, ms)| (k.clone(), UtcStamp::from_unix_seconds(ms.div_euclid(1000))))
            .collect(),
    }))
}
