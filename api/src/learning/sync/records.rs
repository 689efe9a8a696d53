//! Stored records as a device's raw records: snake_case columns, strings,
//! numbers and booleans only (nested values as JSON text), times in
//! milliseconds since the Unix epoch.

use std::collections::BTreeSet;

use roledex_domain::guidance::sprint::SprintPlan;
use roledex_domain::sync::task_record_id;
use roledex_persistence::learners::{SavedItem, StoredPlan, Submission, SubmissionKind, SyncedTaskState};
use serde_json::{Map, Value, json};

use crate::dto;
use crate::error::ApiError;
use crate::learning::submissions::{self, QualificationCheck, QuizAttempt, SelfAssessment, SubmissionRule};
use crate::state::AppState;

pub type RawRecord = Map<String, Value>;

fn object(value: Value) -> RawRecord {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A graded submission: the device's columns as accepted, then the grade:
/// `score` and `result` (the record as `GET /me/...` shows it, as JSON text).
pub async fn submission(state: &AppState, record: Submission) -> Result<RawRecord, ApiError> {
    match record.kind {
        SubmissionKind::Assessment => graded::<SelfAssessment>(state, record).await,
        SubmissionKind::QualificationCheck => graded::<QualificationCheck>(state, record).await,
        SubmissionKind::QuizAttempt => graded::<QuizAttempt>(state, record).await,
    }
}

async fn graded<R: SubmissionRule>(state: &AppState, record: Submission) -> Result<RawRecord, ApiError> {
    let (id, role, input, score, created_at) =
        (record.id.clone(), record.role_slug.clone(), record.input.clone(), record.score, record.created_at);
    let view = serde_json::to_value(submissions::read::<R>(state, record).await?)
        .map_err(|e| ApiError::internal("serializing a synced record", e))?;
    // The input column in the shape the device sent it: the record's own
    // list where it shows one (ratings), else the stored input (answers).
    let input = match view.get(R::INPUT_COLUMN) {
        Some(list @ Value::Array(_)) => list.to_string(),
        _ => input,
    };
    let mut raw = object(json!({ "id": id, "role": role, R::INPUT_COLUMN: input }));
    for column in R::OTHER_COLUMNS {
        raw.insert((*column).to_owned(), view.get(*column).cloned().unwrap_or(Value::Null));
    }
    raw.insert("score".into(), json!(score));
    raw.insert("result".into(), Value::String(view.to_string()));
    raw.insert("created_at".into(), json!(created_at));
    Ok(raw)
}

/// A plan: the request it was built from (the device's columns) and when.
pub fn plan(stored: &StoredPlan) -> Result<RawRecord, ApiError> {
    let request: dto::SprintPlanInput = serde_json::from_str(&stored.request)
        .map_err(|e| ApiError::internal(&format!("reading sprint plan {}", stored.id), e))?;
    Ok(object(json!({
        "id": stored.id,
        "role": stored.role_slug,
        "hours_per_week": request.hours_per_week,
        "start": request.start,
        "certifications": json_text(&request.certifications)?,
        "study_hours": json_text(&request.study_hours)?,
        "created_at": stored.created_at,
    })))
}

/// The tasks of a plan, each a record of its own (`plan id.task key`), with
/// its key.
pub fn tasks(stored: &StoredPlan, plan: &SprintPlan, states: &[&SyncedTaskState]) -> Vec<(String, RawRecord)> {
    let done: BTreeSet<String> = states.iter().filter(|s| s.done).map(|s| s.task_key.clone()).collect();
    let outcome = dto::PlanOutcome::new(stored.role_slug.clone(), plan, &done);
    outcome
        .weeks
        .iter()
        .flat_map(|week| week.tasks.iter().map(move |task| (week, task)))
        .map(|(week, task)| {
            let done_at = states.iter().find(|s| s.task_key == task.key && s.done).map(|s| s.updated_at);
            let record = object(json!({
                "id": task_record_id(&stored.id, &task.key),
                "sprint_plan_id": stored.id,
                "key": task.key,
                "week": task.week,
                "starts_on": week.starts_on,
                "kind": task.kind,
                "title": task.title,
                "detail": task.detail,
                "skill": task.skill,
                "certification": task.certification,
                "hours": task.hours,
                "done": task.done,
                "done_at": done_at,
            }));
            (task.key.clone(), record)
        })
        .collect()
}

pub fn saved(item: &SavedItem) -> RawRecord {
    object(json!({
        "id": item.id,
        "kind": item.kind.as_str(),
        "target": item.target,
        "note": item.note,
        "created_at": item.created_at,
    }))
}

/// JSON text of a list (a device column holding one).
fn json_text<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::internal("serializing a synced record", e))
}
