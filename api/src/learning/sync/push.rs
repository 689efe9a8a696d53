//! The push: a device's changes, checked, graded and applied in one
//! transaction by the same rules as the online endpoints.

use std::collections::{BTreeMap, BTreeSet};

use roledex_domain::guidance::assessment::{AssessmentResult, SkillGap};
use roledex_domain::sync::{RecordId, SavedKind, SavedTarget, SyncTable, note, task_record_id};
use roledex_persistence::learners::{Deletion, Page, PushBatch, PushRefusal, SavedItem, TaskTick, now_millis};
use serde_json::{Map, Value};

use super::changes::{self, DeviceChanges, DeviceRecord, invalid};
use crate::dto;
use crate::error::ApiError;
use crate::learning::plans;
use crate::learning::role_profile;
use crate::learning::submissions::{self, QualificationCheck, QuizAttempt, SelfAssessment, SubmissionRule};
use crate::state::AppState;

/// Applies a device's changes, made against its pull at `last_pulled_at`.
/// Answers the learner's change sequence after the push.
pub async fn push(state: &AppState, user_id: &str, last_pulled_at: i64, body: Value) -> Result<i64, ApiError> {
    let changes = changes::parse(body)?;
    for (table, entry) in &changes.0 {
        if let Some(record) = entry.created.first().filter(|_| !table.device_creates()) {
            return Err(invalid(table, &record.id, "made by the server with their plan: pull them, then tick them"));
        }
    }
    let now = now_millis();
    let mut batch = PushBatch::default();
    let mut gaps = BTreeMap::new();
    grade::<SelfAssessment>(state, user_id, &changes, now, &mut batch, |graded, role| {
        if let Ok(result) = serde_json::from_str::<AssessmentResult>(graded) {
            gaps.insert(role.to_owned(), result.gaps);
        }
    })
    .await?;
    grade::<QualificationCheck>(state, user_id, &changes, now, &mut batch, |_, _| {}).await?;
    check_attempts(state, user_id, &changes).await?;
    grade::<QuizAttempt>(state, user_id, &changes, now, &mut batch, |_, _| {}).await?;
    build_plans(state, user_id, &changes, now, &mut batch, gaps).await?;
    ticks(state, user_id, &changes, &mut batch).await?;
    saved_items(user_id, &changes, now, &mut batch)?;
    deletions(state, user_id, &changes, &mut batch).await?;
    match state.learners.push(user_id, last_pulled_at, &batch, now).await? {
        Ok(seq) => Ok(seq),
        Err(PushRefusal::Conflict(records)) => Err(ApiError::SyncConflict {
            records: records.into_iter().map(|(table, id)| format!("{table}/{id}")).collect(),
        }),
        Err(PushRefusal::Immutable(table, id)) => {
            Err(invalid(table, id, "a graded submission or built plan does not change: delete it and create another"))
        }
        Err(PushRefusal::IdTaken(table, id)) => Err(invalid(table, id, "this id is taken: give the record another id")),
    }
}

/// A rule's refusal of a device record, said of that record.
fn refused(record: &DeviceRecord, err: ApiError) -> ApiError {
    let detail = match err.input_problems() {
        Some(problems) => problems.iter().map(|p| format!("{}: {}", p.item, p.message)).collect::<Vec<_>>().join("; "),
        None => err.to_string(),
    };
    invalid(record.table, &record.id, detail)
}

/// The input a device record stands for: `role`, the input column and the
/// kind's other columns, read as the online endpoint reads its body.
fn input<R: SubmissionRule>(record: &DeviceRecord) -> Result<R::Input, ApiError> {
    let mut body = Map::new();
    body.insert("role".into(), Value::String(record.text("role")?.to_owned()));
    body.insert(R::INPUT_COLUMN.into(), record.json(R::INPUT_COLUMN, None)?);
    for column in R::OTHER_COLUMNS {
        body.insert((*column).into(), record.raw(column).cloned().unwrap_or(Value::Null));
    }
    serde_json::from_value(Value::Object(body)).map_err(|e| invalid(record.table, &record.id, e.to_string()))
}

/// Grades every submission of the rule's table, as the online endpoint would.
async fn grade<R: SubmissionRule>(
    state: &AppState,
    user_id: &str,
    changes: &DeviceChanges,
    now: i64,
    batch: &mut PushBatch,
    mut graded: impl FnMut(&str, &str),
) -> Result<(), ApiError> {
    let Some(table) = changes.table(super::table_of(R::KIND)) else { return Ok(()) };
    for record in table.written() {
        let input = input::<R>(record)?;
        let profile = role_profile(state, R::role(&input)).await.map_err(|e| refused(record, e))?;
        let (submission, _) = submissions::graded::<R>(&profile.profile, user_id, record.id.to_string(), &input, now)
            .map_err(|e| refused(record, e))?;
        graded(&submission.result, &submission.role_slug);
        batch.submissions.push(submission);
    }
    Ok(())
}

/// Each knowledge-check attempt is graded once: an attempt id already
/// graded under another record (online or from another device) is refused.
async fn check_attempts(state: &AppState, user_id: &str, changes: &DeviceChanges) -> Result<(), ApiError> {
    let Some(table) = changes.table(SyncTable::QuizAttempts) else { return Ok(()) };
    let mut graded: BTreeMap<(String, String), String> = BTreeMap::new();
    let roles: BTreeSet<String> = table.written().filter_map(|r| r.text("role").ok().map(str::to_owned)).collect();
    for role in roles {
        let stored =
            state.learners.submissions(QuizAttempt::KIND, user_id, Some(&role), Page::first(u64::MAX >> 1)).await?;
        for record in stored {
            let id = record.id.clone();
            let view = submissions::read::<QuizAttempt>(state, record).await?;
            if let Some(attempt) = view.outcome.attempt {
                graded.insert((role.clone(), attempt), id);
            }
        }
    }
    for record in table.written() {
        let attempt = input::<QuizAttempt>(record)?;
        let key = (attempt.role.clone(), attempt.attempt.clone());
        match graded.get(&key) {
            Some(id) if id != record.id.as_str() => {
                return Err(invalid(
                    record.table,
                    &record.id,
                    format!("attempt `{}` is already graded as record `{id}`: each attempt is graded once", key.1),
                ));
            }
            _ => {
                graded.insert(key, record.id.to_string());
            }
        }
    }
    Ok(())
}

async fn build_plans(
    state: &AppState,
    user_id: &str,
    changes: &DeviceChanges,
    now: i64,
    batch: &mut PushBatch,
    gaps: BTreeMap<String, Vec<SkillGap>>,
) -> Result<(), ApiError> {
    let Some(table) = changes.table(SyncTable::SprintPlans) else { return Ok(()) };
    for record in table.written() {
        let input = dto::SprintPlanInput {
            role: record.text("role")?.to_owned(),
            hours_per_week: record.integer("hours_per_week")?,
            start: record.text("start")?.to_owned(),
            certifications: serde_json::from_value(record.json("certifications", Some(Value::Array(vec![])))?)
                .map_err(|e| invalid(record.table, &record.id, format!("`certifications`: {e}")))?,
            study_hours: serde_json::from_value(record.json("study_hours", Some(Value::Array(vec![])))?)
                .map_err(|e| invalid(record.table, &record.id, format!("`study_hours`: {e}")))?,
        };
        // Built from an assessment pushed with it, if any, as from the latest stored one.
        let pushed = gaps.get(&input.role).cloned();
        let (stored, _) = plans::built(state, user_id, record.id.to_string(), &input, pushed, now)
            .await
            .map_err(|e| refused(record, e))?;
        batch.plans.push(stored);
    }
    Ok(())
}

/// A task record's plan and key (`plan id.task key`; keys hold no dot).
fn task_of(id: &RecordId) -> Option<(&str, &str)> {
    id.as_str().rsplit_once('.')
}

async fn ticks(
    state: &AppState,
    user_id: &str,
    changes: &DeviceChanges,
    batch: &mut PushBatch,
) -> Result<(), ApiError> {
    let Some(table) = changes.table(SyncTable::SprintTasks) else { return Ok(()) };
    for record in &table.updated {
        let (plan_id, key) = task_of(&record.id)
            .ok_or_else(|| invalid(record.table, &record.id, "not a task id (`plan id.task key`)"))?;
        let done = record.boolean("done")?;
        // A plan the learner still has must hold the task; a deleted one is the store's to judge.
        if let Some(loaded) = plans::find(state, user_id, plan_id).await?
            && !loaded.plan.tasks().any(|t| t.key == key)
        {
            return Err(invalid(record.table, &record.id, format!("plan `{plan_id}` has no task `{key}`")));
        }
        batch.ticks.push(TaskTick {
            plan_id: plan_id.to_owned(),
            task_key: key.to_owned(),
            record_id: record.id.to_string(),
            done,
        });
    }
    Ok(())
}

fn saved_items(user_id: &str, changes: &DeviceChanges, now: i64, batch: &mut PushBatch) -> Result<(), ApiError> {
    let Some(table) = changes.table(SyncTable::SavedItems) else { return Ok(()) };
    for record in table.written() {
        let bad = |message: String| invalid(record.table, &record.id, message);
        let kind_name = record.text("kind")?;
        let kind = SavedKind::parse(kind_name).ok_or_else(|| {
            let kinds: Vec<&str> = SavedKind::ALL.iter().map(|k| k.as_str()).collect();
            bad(format!("`kind` is one of {}", kinds.join(", ")))
        })?;
        let target = SavedTarget::parse(kind, record.text("target")?).map_err(|e| bad(e.0))?;
        batch.saved.push(SavedItem {
            id: record.id.to_string(),
            user_id: user_id.to_owned(),
            kind,
            target: target.target().to_owned(),
            note: note(record.optional_text("note")?).map_err(|e| bad(e.0))?,
            created_at: now,
        });
    }
    Ok(())
}

async fn deletions(
    state: &AppState,
    user_id: &str,
    changes: &DeviceChanges,
    batch: &mut PushBatch,
) -> Result<(), ApiError> {
    let deleted_plans: BTreeSet<&str> = changes
        .table(SyncTable::SprintPlans)
        .map(|t| t.deleted.iter().map(RecordId::as_str).collect())
        .unwrap_or_default();
    for (table, entry) in &changes.0 {
        for id in &entry.deleted {
            let mut descendants = Vec::new();
            match table {
                SyncTable::SprintTasks => {
                    // Tasks go with their plan: deleted with it, or already gone.
                    let plan_id = task_of(id).map_or("", |(plan, _)| plan);
                    if deleted_plans.contains(plan_id) || plans::find(state, user_id, plan_id).await?.is_none() {
                        continue;
                    }
                    return Err(invalid(table, id, "a task is deleted with its plan: delete the plan"));
                }
                SyncTable::SprintPlans => {
                    if let Some(loaded) = plans::find(state, user_id, id.as_str()).await? {
                        descendants = loaded
                            .plan
                            .tasks()
                            .map(|t| (SyncTable::SprintTasks, task_record_id(id.as_str(), &t.key)))
                            .collect();
                    }
                }
                _ => {}
            }
            batch.deletions.push(Deletion { table: *table, id: id.to_string(), descendants });
        }
    }
    Ok(())
}
