//! Self-assessments, qualification checks and quiz attempts: one use case.
//! Each kind is a `SubmissionRule` (how to grade its input against the role
//! and how to show the outcome); submitting, listing and reading back are the
//! same for all of them, as is the one table they are stored in. `compute`
//! is the stateless form: the same rule, the same outcome, nothing stored.

mod assessment;
mod qualification;
mod quiz;

pub use assessment::SelfAssessment;
pub use qualification::QualificationCheck;
pub use quiz::QuizAttempt;

use roledex_domain::guidance::record::{RECORD_FORMAT, readable};
use roledex_domain::profile::RoleProfile;
use roledex_persistence::PersistenceError;
use roledex_persistence::learners::{Submission, SubmissionKind, now_millis};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::idempotency::{self, Idempotency};
use super::pages::{PageRequest, Paged};
use super::{Stored, new_id, role_profile};
use crate::error::ApiError;
use crate::state::AppState;

/// Who submitted what, when: the part of a record every kind shares.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub role: String,
    pub created_at: i64,
}

/// One kind of submission.
pub trait SubmissionRule {
    const KIND: SubmissionKind;
    /// Names the operation in idempotency fingerprints.
    const OPERATION: &'static str;
    /// Whether `view` uses the role's current content (read records then look it up).
    const VIEW_USES_CONTENT: bool;
    /// The device column (sync) holding the accepted input as JSON text.
    const INPUT_COLUMN: &'static str;
    /// The device columns of the input besides `role` and `INPUT_COLUMN`.
    const OTHER_COLUMNS: &'static [&'static str] = &[];
    /// What the client sends.
    type Input: Serialize + DeserializeOwned;
    /// The input as accepted and stored.
    type Accepted: Serialize + DeserializeOwned;
    /// The computed result, stored beside it.
    type Graded: Serialize + DeserializeOwned;
    /// What a grading shows: the stored record without its id and time, and
    /// all that the stateless computation answers.
    type Outcome: Serialize;
    /// A stored record as the client sees it: id, time and outcome.
    type View: Serialize + DeserializeOwned;

    fn role(input: &Self::Input) -> &str;
    fn grade(profile: &RoleProfile, input: &Self::Input) -> Result<(Self::Accepted, Self::Graded), ApiError>;
    /// The record's id when the input decides it (one record per attempt);
    /// `None` for a fresh random id.
    fn submission_id(_user_id: &str, _input: &Self::Input) -> Option<String> {
        None
    }
    fn score(graded: &Self::Graded) -> u8;
    fn outcome(
        role: String,
        accepted: Self::Accepted,
        graded: Self::Graded,
        profile: Option<&RoleProfile>,
    ) -> Self::Outcome;
    fn record(id: String, created_at: chrono::DateTime<chrono::Utc>, outcome: Self::Outcome) -> Self::View;

    fn view(meta: Meta, accepted: Self::Accepted, graded: Self::Graded, profile: Option<&RoleProfile>) -> Self::View {
        let created_at = crate::dto::timestamp::from_millis(meta.created_at);
        Self::record(meta.id, created_at, Self::outcome(meta.role, accepted, graded, profile))
    }
}

/// Grades `input` by the same rule as `submit`, and stores nothing: what an
/// anonymous visitor (or a partner) gets for the same input.
pub async fn compute<R: SubmissionRule>(state: &AppState, input: R::Input) -> Result<R::Outcome, ApiError> {
    let profile = role_profile(state, R::role(&input)).await?;
    let (accepted, graded) = R::grade(&profile.profile, &input)?;
    Ok(R::outcome(profile.profile.document.slug.to_string(), accepted, graded, Some(&profile.profile)))
}

fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::internal("serializing a submission", e))
}

/// Grades `input` for the learner and makes the record to store, with the
/// answer the client sees: the one path for online and synced submissions.
pub(crate) fn graded<R: SubmissionRule>(
    profile: &RoleProfile,
    user_id: &str,
    id: String,
    input: &R::Input,
    now: i64,
) -> Result<(Submission, R::View), ApiError> {
    let (accepted, graded) = R::grade(profile, input)?;
    let submission = Submission {
        id,
        user_id: user_id.to_owned(),
        kind: R::KIND,
        role_slug: profile.document.slug.to_string(),
        input: to_json(&accepted)?,
        result: to_json(&graded)?,
        score: R::score(&graded),
        format_version: RECORD_FORMAT,
        created_at: now,
    };
    let meta = Meta { id: submission.id.clone(), role: submission.role_slug.clone(), created_at: now };
    Ok((submission, R::view(meta, accepted, graded, Some(profile))))
}

/// Grades and stores a submission; a keyed retry gets the first answer.
pub async fn submit<R: SubmissionRule>(
    state: &AppState,
    user_id: &str,
    input: R::Input,
    key: Option<String>,
) -> Result<Stored<R::View>, ApiError> {
    let hash = idempotency::fingerprint(R::OPERATION, &input);
    idempotency::run(state, user_id, key, hash, |idem: Option<Idempotency>| async move {
        let profile = role_profile(state, R::role(&input)).await?;
        let id = R::submission_id(user_id, &input).unwrap_or_else(new_id);
        let (submission, view) = graded::<R>(&profile.profile, user_id, id, &input, now_millis())?;
        let answer = Stored::new(view)?;
        let completion = idem.map(|i| i.answered(&answer));
        match state.learners.save_submission(&submission, completion.as_ref()).await {
            Err(PersistenceError::Duplicate(_)) => {
                return Err(ApiError::AttemptAlreadyGraded { record: submission.id.clone() });
            }
            other => other?,
        }
        Ok(answer)
    })
    .await
}

/// A stored record as the client sees it.
pub(crate) async fn read<R: SubmissionRule>(state: &AppState, record: Submission) -> Result<R::View, ApiError> {
    if !readable(record.format_version) {
        return Err(ApiError::internal(
            "reading a submission",
            format!(
                "record {} has format {}; this build reads up to {RECORD_FORMAT}",
                record.id, record.format_version
            ),
        ));
    }
    let context = |what: &str| format!("reading submission {} ({what})", record.id);
    let accepted: R::Accepted =
        serde_json::from_str(&record.input).map_err(|e| ApiError::internal(&context("input"), e))?;
    let graded: R::Graded =
        serde_json::from_str(&record.result).map_err(|e| ApiError::internal(&context("result"), e))?;
    // A role removed from the content since keeps its records, without its content.
    let profile = if R::VIEW_USES_CONTENT { role_profile(state, &record.role_slug).await.ok() } else { None };
    let meta = Meta { id: record.id, role: record.role_slug, created_at: record.created_at };
    Ok(R::view(meta, accepted, graded, profile.as_ref().map(|p| &p.profile)))
}

/// A page of the learner's records of one kind, newest first, optionally for one role.
pub async fn history<R: SubmissionRule>(
    state: &AppState,
    user_id: &str,
    role: Option<&str>,
    request: &PageRequest,
) -> Result<Paged<R::View>, ApiError> {
    let records = state.learners.submissions(R::KIND, user_id, role, request.page()).await?;
    let keys: Vec<(i64, String)> = records.iter().map(|r| (r.created_at, r.id.clone())).collect();
    let mut views = Vec::with_capacity(records.len());
    for (record, key) in records.into_iter().zip(keys) {
        views.push((key, read::<R>(state, record).await?));
    }
    Ok(request.finish(views, |(key, _)| (key.0, key.1.as_str())).map(|(_, view)| view))
}

/// The learner's latest record of one kind for a role.
pub async fn latest<R: SubmissionRule>(
    state: &AppState,
    user_id: &str,
    role: &str,
) -> Result<Option<R::View>, ApiError> {
    match state.learners.latest_submission(R::KIND, user_id, role).await? {
        Some(record) => Ok(Some(read::<R>(state, record).await?)),
        None => Ok(None),
    }
}
