//! The learner's data is theirs: an export of everything held about them,
//! and deletion of the account with all of it.

use roledex_domain::account::signed_in_recently;
use roledex_persistence::learners::now_millis;

use super::accounts::password_matches;
use super::pages::PageRequest;
use super::submissions::{self, QualificationCheck, QuizAttempt, SelfAssessment, SubmissionRule};
use super::throttle::{self, Counter};
use super::{plans, saved};
use crate::auth::Learner;
use crate::dto::{self, timestamp::from_millis};
use crate::error::{ApiError, AuthFailure};
use crate::state::AppState;

fn gone() -> ApiError {
    ApiError::Unauthorized(AuthFailure::InvalidToken("the account no longer exists".into()))
}

/// The failure windows kept about the account (sign-in failures by e-mail).
fn failure_keys(email: Option<&str>) -> Vec<String> {
    email.map(|e| vec![Counter::login_account(e).key]).unwrap_or_default()
}

/// Every page of a list, for the export.
async fn all<T, F, Fut>(mut page: F) -> Result<Vec<T>, ApiError>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: std::future::Future<Output = Result<super::pages::Paged<T>, ApiError>>,
{
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let paged = page(PageRequest::new(Some(super::pages::MAX_SIZE as i64), after.as_deref())?).await?;
        after = paged.next_cursor();
        out.extend(paged.into_items());
        if after.is_none() {
            return Ok(out);
        }
    }
}

async fn history<R: SubmissionRule>(state: &AppState, user_id: &str) -> Result<Vec<R::View>, ApiError> {
    all(|request| async move { submissions::history::<R>(state, user_id, None, &request).await }).await
}

pub async fn export(state: &AppState, user_id: &str) -> Result<dto::LearnerExport, ApiError> {
    let user = state.learners.user(user_id).await?.ok_or_else(gone)?;
    let keys = failure_keys(user.email.as_deref());
    let records = state.learners.learner_records(user_id, &keys).await?.ok_or_else(gone)?;
    let mut failed_sign_ins = Vec::new();
    for (_, times) in &records.failure_windows {
        let times: Vec<i64> =
            serde_json::from_str(times).map_err(|e| ApiError::internal("reading a failure window", e))?;
        failed_sign_ins.extend(times.into_iter().map(from_millis));
    }
    Ok(dto::LearnerExport {
        exported_at: from_millis(now_millis()),
        account: dto::ExportedAccount {
            id: user.id.clone(),
            email: user.email.clone(),
            role: user.role.into(),
            created_at: from_millis(records.created_at),
            external_issuer: records.external_issuer,
            change_sequence: records.change_seq,
        },
        sessions: records
            .sessions
            .into_iter()
            .map(|s| dto::ExportedSession {
                session: s.family_id,
                issued_at: from_millis(s.created_at),
                expires_at: from_millis(s.expires_at),
                used_at: s.used_at.map(from_millis),
                revoked_at: s.revoked_at.map(from_millis),
            })
            .collect(),
        assessments: history::<SelfAssessment>(state, user_id).await?,
        qualification_checks: history::<QualificationCheck>(state, user_id).await?,
        quiz_attempts: history::<QuizAttempt>(state, user_id).await?,
        sprint_plans: all(|request| async move { plans::plans(state, user_id, &request).await }).await?,
        saved_items: all(|request| async move { saved::list(state, user_id, &request).await }).await?,
        request_keys: records
            .request_keys
            .into_iter()
            .map(|(key, at)| dto::ExportedRequestKey { key, first_used_at: from_millis(at) })
            .collect(),
        deleted_records: records
            .deleted_records
            .into_iter()
            .map(|(table, id, at)| dto::ExportedDeletion { table, id, deleted_at: from_millis(at) })
            .collect(),
        failed_sign_ins,
        api_keys_made: records.api_keys_made,
    })
}

/// Deletes the account and everything held about it. Needs the current
/// password, or (for an account without one, or instead of it) an access
/// token from a sign-in in the last five minutes. Wrong passwords count
/// against the account like failed sign-ins.
pub async fn delete_account(state: &AppState, learner: &Learner, password: Option<String>) -> Result<(), ApiError> {
    let user = state.learners.user(&learner.user_id).await?.ok_or_else(gone)?;
    let now_secs = u64::try_from(now_millis() / 1000).unwrap_or(0);
    match (password, &user.email) {
        (Some(password), Some(email)) => {
            let account = Counter::login_account(email);
            throttle::check(state, &[&account], "failed password checks").await?;
            if !password_matches(&user, password).await? {
                throttle::count(state, &[&account]).await?;
                return Err(ApiError::Unauthorized(AuthFailure::InvalidCredentials));
            }
        }
        _ if signed_in_recently(learner.auth_time, now_secs) => {}
        _ => return Err(ApiError::ReauthenticationRequired { minutes: 5 }),
    }
    state.learners.delete_learner(&user.id, &failure_keys(user.email.as_deref())).await?;
    state.accounts.forget(&user.id);
    Ok(())
}
