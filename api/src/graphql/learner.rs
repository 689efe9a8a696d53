//! The learner's own data on GraphQL: `me { ... }` and the submission
//! mutations. Every resolver takes the learner from the request's access
//! token; no argument can name another learner.

use async_graphql::{Context, Object, Result};

use super::error::gql_error;
use super::learner_pages::{
    AssessmentConnection, QualificationCheckConnection, QuizAttemptConnection, SavedItemConnection,
    SprintPlanConnection, page_request,
};
use crate::auth::Learner;
use crate::dto;
use crate::error::{ApiError, AuthFailure};
use crate::learning::idempotency::validate_key;
use crate::learning::pages::Paged;
use crate::learning::submissions::{QualificationCheck, QuizAttempt, SelfAssessment, SubmissionRule};
use crate::learning::throttle::ClientAddress;
use crate::learning::{Stored, accounts, guidance, plans, privacy, saved, submissions};
use crate::state::AppState;

/// The learner of this request, or `missing_token`.
pub(super) fn learner<'a>(ctx: &'a Context<'_>) -> Result<&'a Learner> {
    ctx.data_opt::<Learner>().ok_or_else(|| gql_error(ApiError::Unauthorized(AuthFailure::MissingToken)))
}

fn state<'a>(ctx: &'a Context<'_>) -> Result<&'a AppState> {
    ctx.data::<AppState>()
}

fn key(raw: Option<String>) -> Result<Option<String>> {
    raw.map(|k| validate_key(&k)).transpose().map_err(gql_error)
}

/// Any submission: the stored answer as its typed value (first run or replay).
async fn submit<R: SubmissionRule>(ctx: &Context<'_>, input: R::Input, key_raw: Option<String>) -> Result<R::View> {
    let stored = submissions::submit::<R>(state(ctx)?, &learner(ctx)?.user_id, input, key(key_raw)?).await;
    stored.and_then(Stored::into_value).map_err(gql_error)
}

/// A page of the learner's records of one kind.
async fn history<R: SubmissionRule>(
    ctx: &Context<'_>,
    role: Option<String>,
    first: Option<i32>,
    after: Option<&str>,
) -> Result<Paged<R::View>> {
    let request = page_request(first, after)?;
    submissions::history::<R>(state(ctx)?, &learner(ctx)?.user_id, role.as_deref(), &request).await.map_err(gql_error)
}

/// The signed-in learner.
pub struct Me;

#[Object]
impl Me {
    async fn account(&self, ctx: &Context<'_>) -> Result<dto::User> {
        accounts::me(state(ctx)?, &learner(ctx)?.user_id).await.map_err(gql_error)
    }

    /// Self-assessments, newest first (the first 50; `assessmentsConnection` pages through all).
    async fn assessments(&self, ctx: &Context<'_>, role: Option<String>) -> Result<Vec<dto::Assessment>> {
        Ok(history::<SelfAssessment>(ctx, role, None, None).await?.into_items())
    }

    /// Self-assessments, newest first, a page at a time.
    async fn assessments_connection(
        &self,
        ctx: &Context<'_>,
        role: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<AssessmentConnection> {
        let paged = history::<SelfAssessment>(ctx, role, first, after.as_deref()).await?;
        Ok(AssessmentConnection::new(paged, after.as_deref()))
    }

    async fn latest_assessment(&self, ctx: &Context<'_>, role: String) -> Result<Option<dto::Assessment>> {
        submissions::latest::<SelfAssessment>(state(ctx)?, &learner(ctx)?.user_id, &role).await.map_err(gql_error)
    }

    /// Qualification checks, newest first (the first 50).
    async fn qualification_checks(
        &self,
        ctx: &Context<'_>,
        role: Option<String>,
    ) -> Result<Vec<dto::QualificationCheck>> {
        Ok(history::<QualificationCheck>(ctx, role, None, None).await?.into_items())
    }

    async fn qualification_checks_connection(
        &self,
        ctx: &Context<'_>,
        role: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<QualificationCheckConnection> {
        let paged = history::<QualificationCheck>(ctx, role, first, after.as_deref()).await?;
        Ok(QualificationCheckConnection::new(paged, after.as_deref()))
    }

    /// Knowledge-check attempts, newest first (the first 50).
    async fn quiz_attempts(&self, ctx: &Context<'_>, role: Option<String>) -> Result<Vec<dto::QuizAttempt>> {
        Ok(history::<QuizAttempt>(ctx, role, None, None).await?.into_items())
    }

    async fn quiz_attempts_connection(
        &self,
        ctx: &Context<'_>,
        role: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<QuizAttemptConnection> {
        let paged = history::<QuizAttempt>(ctx, role, first, after.as_deref()).await?;
        Ok(QuizAttemptConnection::new(paged, after.as_deref()))
    }

    /// Saved roles, certifications and learning resources, newest first.
    async fn saved_items(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<SavedItemConnection> {
        let request = page_request(first, after.as_deref())?;
        let paged = saved::list(state(ctx)?, &learner(ctx)?.user_id, &request).await.map_err(gql_error)?;
        Ok(SavedItemConnection::new(paged, after.as_deref()))
    }

    /// Overall readiness: 40% qualification checker, 40% skills, 20% knowledge check.
    async fn readiness(&self, ctx: &Context<'_>, role: String) -> Result<dto::ReadinessReport> {
        guidance::readiness_report(state(ctx)?, &learner(ctx)?.user_id, &role).await.map_err(gql_error)
    }

    /// A certification plan within a budget and weekly hours (computed, not stored).
    async fn certification_timeline(&self, ctx: &Context<'_>, input: dto::TimelineInput) -> Result<dto::Timeline> {
        learner(ctx)?;
        guidance::timeline(state(ctx)?, &input).await.map_err(gql_error)
    }

    /// Sprint plans, newest first (the first 50).
    async fn sprint_plans(&self, ctx: &Context<'_>) -> Result<Vec<dto::Plan>> {
        let request = page_request(None, None)?;
        Ok(plans::plans(state(ctx)?, &learner(ctx)?.user_id, &request).await.map_err(gql_error)?.into_items())
    }

    async fn sprint_plans_connection(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<SprintPlanConnection> {
        let request = page_request(first, after.as_deref())?;
        let paged = plans::plans(state(ctx)?, &learner(ctx)?.user_id, &request).await.map_err(gql_error)?;
        Ok(SprintPlanConnection::new(paged, after.as_deref()))
    }

    /// Everything Roledex holds about the learner (as `GET /me/export`).
    async fn export(&self, ctx: &Context<'_>) -> Result<dto::LearnerExport> {
        privacy::export(state(ctx)?, &learner(ctx)?.user_id).await.map_err(gql_error)
    }

    async fn sprint_plan(&self, ctx: &Context<'_>, id: String) -> Result<dto::Plan> {
        plans::plan(state(ctx)?, &learner(ctx)?.user_id, &id).await.map_err(gql_error)
    }
}

#[derive(Default)]
pub struct LearnerQuery;

#[Object]
impl LearnerQuery {
    /// The signed-in learner's data (needs `Authorization: Bearer`).
    async fn me(&self, ctx: &Context<'_>) -> Result<Me> {
        learner(ctx)?;
        Ok(Me)
    }

    /// The questions of one knowledge-check attempt (up to 12, drawn from the role's bank by
    /// `attempt`, an id the client makes, such as a UUID), without the answer key. The same
    /// id always asks the same questions, so the answer may be cached like any content.
    async fn knowledge_check(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        attempt: String,
    ) -> Result<dto::KnowledgeCheck> {
        guidance::knowledge_check(state(ctx)?, &role_slug, Some(&attempt)).await.map_err(gql_error)
    }
}

#[derive(Default)]
pub struct LearnerMutation;

#[Object]
impl LearnerMutation {
    async fn register(&self, ctx: &Context<'_>, input: dto::Credentials) -> Result<dto::User> {
        let address = ctx.data::<ClientAddress>().map(|a| a.0.clone()).unwrap_or_else(|_| "unknown".into());
        accounts::register(state(ctx)?, &input, roledex_domain::account::UserRole::Learner, &address)
            .await
            .map_err(gql_error)
    }

    async fn login(&self, ctx: &Context<'_>, input: dto::Credentials) -> Result<dto::TokenResponse> {
        let address = ctx.data::<ClientAddress>().map(|a| a.0.clone()).unwrap_or_else(|_| "unknown".into());
        accounts::login(state(ctx)?, &input, &address).await.map_err(gql_error)
    }

    async fn refresh(&self, ctx: &Context<'_>, input: dto::RefreshRequest) -> Result<dto::TokenResponse> {
        accounts::refresh(state(ctx)?, &input).await.map_err(gql_error)
    }

    async fn logout(&self, ctx: &Context<'_>, input: dto::RefreshRequest) -> Result<bool> {
        accounts::logout(state(ctx)?, &input).await.map_err(gql_error)?;
        Ok(true)
    }

    /// Rate yourself 1-5 on the role's skills; answers radar, gaps and skills score.
    async fn submit_self_assessment(
        &self,
        ctx: &Context<'_>,
        input: dto::SelfAssessmentInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::Assessment> {
        submit::<SelfAssessment>(ctx, input, idempotency_key).await
    }

    async fn submit_qualification_check(
        &self,
        ctx: &Context<'_>,
        input: dto::QualificationInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::QualificationCheck> {
        submit::<QualificationCheck>(ctx, input, idempotency_key).await
    }

    async fn submit_quiz_attempt(
        &self,
        ctx: &Context<'_>,
        input: dto::QuizAttemptInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::QuizAttempt> {
        submit::<QuizAttempt>(ctx, input, idempotency_key).await
    }

    async fn build_sprint_plan(
        &self,
        ctx: &Context<'_>,
        input: dto::SprintPlanInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::Plan> {
        let stored = plans::build_plan(state(ctx)?, &learner(ctx)?.user_id, input, key(idempotency_key)?).await;
        stored.and_then(Stored::into_value).map_err(gql_error)
    }

    async fn set_sprint_task_done(
        &self,
        ctx: &Context<'_>,
        plan_id: String,
        task_key: String,
        done: bool,
    ) -> Result<dto::Plan> {
        plans::set_task(state(ctx)?, &learner(ctx)?.user_id, &plan_id, &task_key, done, None)
            .await
            .map(|plan| plan.value)
            .map_err(gql_error)
    }

    /// Save a role, certification or learning resource (saving one twice answers the first).
    async fn save_item(&self, ctx: &Context<'_>, input: dto::SaveItemInput) -> Result<dto::SavedItem> {
        let (item, _) = saved::save(state(ctx)?, &learner(ctx)?.user_id, input).await.map_err(gql_error)?;
        Ok(item)
    }

    async fn remove_saved_item(&self, ctx: &Context<'_>, id: String) -> Result<bool> {
        saved::remove(state(ctx)?, &learner(ctx)?.user_id, &id).await.map_err(gql_error)?;
        Ok(true)
    }

    /// Delete the account and everything held about it (as `DELETE /me`): the current
    /// `password`, or an access token from a sign-in in the last five minutes.
    async fn delete_account(&self, ctx: &Context<'_>, input: Option<dto::DeleteAccount>) -> Result<bool> {
        let password = input.and_then(|i| i.password);
        privacy::delete_account(state(ctx)?, learner(ctx)?, password).await.map_err(gql_error)?;
        Ok(true)
    }
}
