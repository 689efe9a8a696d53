//! Every guidance computation without an account, on GraphQL: the same use
//! cases as REST's `/api/v1/roles/{slug}/compute/...`. They store nothing,
//! so they are queries (and cacheable like any other).

use async_graphql::{Context, Object, Result};

use super::error::gql_error;
use crate::dto;
use crate::learning::compute;
use crate::state::AppState;

#[derive(Default)]
pub struct ComputeQuery;

#[Object]
impl ComputeQuery {
    /// A self-assessment's radar, gaps and skills score, as a stored one would hold; nothing is stored.
    async fn compute_self_assessment(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        input: dto::SelfAssessmentBody,
    ) -> Result<dto::AssessmentOutcome> {
        compute::self_assessment(ctx.data::<AppState>()?, &role_slug, input).await.map_err(gql_error)
    }

    /// The ten-card qualification check; nothing is stored.
    async fn compute_qualification_check(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        input: dto::QualificationBody,
    ) -> Result<dto::QualificationOutcome> {
        compute::qualification_check(ctx.data::<AppState>()?, &role_slug, input).await.map_err(gql_error)
    }

    /// A knowledge-check attempt, graded; nothing is stored.
    async fn compute_quiz_attempt(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        input: dto::QuizAttemptBody,
    ) -> Result<dto::QuizOutcome> {
        compute::quiz_attempt(ctx.data::<AppState>()?, &role_slug, input).await.map_err(gql_error)
    }

    /// Readiness from the three components' inputs (each optional).
    async fn compute_readiness(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        input: dto::ReadinessBody,
    ) -> Result<dto::ReadinessReport> {
        compute::readiness_report(ctx.data::<AppState>()?, &role_slug, input).await.map_err(gql_error)
    }

    /// A certification timeline within a budget, weekly hours and entry requirements.
    async fn compute_certification_timeline(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        input: dto::TimelineBody,
    ) -> Result<dto::Timeline> {
        compute::certification_timeline(ctx.data::<AppState>()?, &role_slug, input).await.map_err(gql_error)
    }

    /// A 90-day sprint plan from self-ratings and chosen certifications; nothing is stored.
    async fn compute_sprint_plan(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        input: dto::SprintPlanBody,
    ) -> Result<dto::PlanOutcome> {
        compute::sprint_plan(ctx.data::<AppState>()?, &role_slug, &input).await.map_err(gql_error)
    }
}
