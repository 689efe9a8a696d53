//! The learner's own data on GraphQL: `me { ... }` and the submission
//! mutations. Every resolver takes the learner from the request's access
//! token; no argument can name another learner.

use async_graphql::{Context, ErrorExtensions, Object, Result};
use serde::de::DeserializeOwned;

use super::roles::gql_error;
use crate::auth::Learner;
use crate::dto;
use crate::error::{ApiError, AuthFailure};
use crate::learning::idempotency::{Reply, validate_key};
use crate::learning::{accounts, plans, submissions};
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

/// A stored reply (first run or idempotent replay) as the typed result, or its error.
fn typed<T: DeserializeOwned>(reply: Reply) -> Result<T> {
    if reply.status >= 400 {
        let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
        // A replayed client error: the same code, message and item list as the first answer.
        let code = body["code"].as_str().unwrap_or("internal_error").to_owned();
        let message = body["detail"].as_str().unwrap_or("request failed").to_owned();
        let items = async_graphql::Value::from_json(body["errors"].clone()).ok();
        return Err(async_graphql::Error::new(message).extend_with(|_, e| {
            e.set("code", code.clone());
            if let Some(items) = items.clone().filter(|v| !matches!(v, async_graphql::Value::Null)) {
                e.set("errors", items);
            }
        }));
    }
    serde_json::from_str(&reply.body).map_err(|_| gql_error(ApiError::Internal))
}

fn fail(err: ApiError) -> async_graphql::Error {
    let errors = err.field_errors();
    let mut gql = gql_error(err);
    if let Some(errors) = errors {
        let list: Vec<async_graphql::Value> = errors
            .iter()
            .map(|e| {
                let mut map = async_graphql::indexmap::IndexMap::new();
                map.insert(async_graphql::Name::new("item"), async_graphql::Value::from(e.item.clone()));
                map.insert(async_graphql::Name::new("message"), async_graphql::Value::from(e.message.clone()));
                async_graphql::Value::Object(map)
            })
            .collect();
        gql = gql.extend_with(|_, ext| ext.set("errors", async_graphql::Value::List(list.clone())));
    }
    gql
}

/// The signed-in learner.
pub struct Me;

#[Object]
impl Me {
    async fn account(&self, ctx: &Context<'_>) -> Result<dto::User> {
        accounts::me(state(ctx)?, &learner(ctx)?.user_id).await.map_err(fail)
    }

    /// Self-assessments, newest first.
    async fn assessments(&self, ctx: &Context<'_>, role: Option<String>) -> Result<Vec<dto::Assessment>> {
        submissions::assessments(state(ctx)?, &learner(ctx)?.user_id, role.as_deref()).await.map_err(fail)
    }

    async fn latest_assessment(&self, ctx: &Context<'_>, role: String) -> Result<Option<dto::Assessment>> {
        submissions::latest_assessment(state(ctx)?, &learner(ctx)?.user_id, &role).await.map_err(fail)
    }

    async fn qualification_checks(
        &self,
        ctx: &Context<'_>,
        role: Option<String>,
    ) -> Result<Vec<dto::QualificationCheck>> {
        submissions::qualification_checks(state(ctx)?, &learner(ctx)?.user_id, role.as_deref()).await.map_err(fail)
    }

    async fn quiz_attempts(&self, ctx: &Context<'_>, role: Option<String>) -> Result<Vec<dto::QuizAttempt>> {
        submissions::quiz_attempts(state(ctx)?, &learner(ctx)?.user_id, role.as_deref()).await.map_err(fail)
    }

    /// Overall readiness: 40% qualification checker, 40% skills, 20% knowledge check.
    async fn readiness(&self, ctx: &Context<'_>, role: String) -> Result<dto::ReadinessReport> {
        submissions::readiness_report(state(ctx)?, &learner(ctx)?.user_id, &role).await.map_err(fail)
    }

    /// A certification plan within a budget and weekly hours (computed, not stored).
    async fn certification_timeline(&self, ctx: &Context<'_>, input: dto::TimelineInput) -> Result<dto::Timeline> {
        learner(ctx)?;
        submissions::timeline(state(ctx)?, &input).await.map_err(fail)
    }

    async fn sprint_plans(&self, ctx: &Context<'_>) -> Result<Vec<dto::Plan>> {
        plans::plans(state(ctx)?, &learner(ctx)?.user_id).await.map_err(fail)
    }

    async fn sprint_plan(&self, ctx: &Context<'_>, id: String) -> Result<dto::Plan> {
        plans::plan(state(ctx)?, &learner(ctx)?.user_id, &id).await.map_err(fail)
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

    /// A role's knowledge-check questions, without the answer key.
    async fn knowledge_check(&self, ctx: &Context<'_>, role_slug: String) -> Result<Vec<dto::QuizQuestion>> {
        submissions::knowledge_check(state(ctx)?, &role_slug).await.map_err(fail)
    }
}

#[derive(Default)]
pub struct LearnerMutation;

#[Object]
impl LearnerMutation {
    async fn register(&self, ctx: &Context<'_>, input: dto::Credentials) -> Result<dto::User> {
        accounts::register(state(ctx)?, &input, roledex_persistence::learners::UserRole::Learner).await.map_err(fail)
    }

    async fn login(&self, ctx: &Context<'_>, input: dto::Credentials) -> Result<dto::TokenResponse> {
        accounts::login(state(ctx)?, &input).await.map_err(fail)
    }

    async fn refresh(&self, ctx: &Context<'_>, input: dto::RefreshRequest) -> Result<dto::TokenResponse> {
        accounts::refresh(state(ctx)?, &input).await.map_err(fail)
    }

    async fn logout(&self, ctx: &Context<'_>, input: dto::RefreshRequest) -> Result<bool> {
        accounts::logout(state(ctx)?, &input).await.map_err(fail)?;
        Ok(true)
    }

    /// Rate yourself 1-5 on the role's skills; answers radar, gaps and skills score.
    async fn submit_self_assessment(
        &self,
        ctx: &Context<'_>,
        input: dto::SelfAssessmentInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::Assessment> {
        let reply = submissions::submit_assessment(state(ctx)?, &learner(ctx)?.user_id, input, key(idempotency_key)?)
            .await
            .map_err(fail)?;
        typed(reply)
    }

    async fn submit_qualification_check(
        &self,
        ctx: &Context<'_>,
        input: dto::QualificationInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::QualificationCheck> {
        let reply =
            submissions::submit_qualification(state(ctx)?, &learner(ctx)?.user_id, input, key(idempotency_key)?)
                .await
                .map_err(fail)?;
        typed(reply)
    }

    async fn submit_quiz_attempt(
        &self,
        ctx: &Context<'_>,
        input: dto::QuizAttemptInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::QuizAttempt> {
        let reply = submissions::submit_quiz(state(ctx)?, &learner(ctx)?.user_id, input, key(idempotency_key)?)
            .await
            .map_err(fail)?;
        typed(reply)
    }

    async fn build_sprint_plan(
        &self,
        ctx: &Context<'_>,
        input: dto::SprintPlanInput,
        idempotency_key: Option<String>,
    ) -> Result<dto::Plan> {
        let reply =
            plans::build_plan(state(ctx)?, &learner(ctx)?.user_id, input, key(idempotency_key)?).await.map_err(fail)?;
        typed(reply)
    }

    async fn set_sprint_task_done(
        &self,
        ctx: &Context<'_>,
        plan_id: String,
        task_key: String,
        done: bool,
    ) -> Result<dto::Plan> {
        plans::set_task(state(ctx)?, &learner(ctx)?.user_id, &plan_id, &task_key, done).await.map_err(fail)
    }
}
