//! `/api/v1/me/sprint-plans`: the learner's 90-day plans, their tasks'
//! done state (with `If-Match` on the plan's `ETag`) and iCalendar export.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};

use super::body::Json;
use super::me::{PlanList, created, idempotency_key, private};
use super::problem::Problem;
use crate::auth::Learner;
use crate::dto;
use crate::error::ApiError;
use crate::learning::plans;
use crate::state::AppState;

/// Build a 90-day sprint plan from the latest self-assessment's gaps and chosen certifications.
#[utoipa::path(tag = "learner", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1 to 255 visible ASCII characters", pattern = "^[!-~]{1,255}$")),
    request_body = dto::SprintPlanInput,
    responses(
        (status = 201, body = dto::Plan),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` (for example nothing to plan) or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/sprint-plans")]
pub async fn build_plan(
    state: web::Data<AppState>,
    learner: Learner,
    req: HttpRequest,
    body: Json<dto::SprintPlanInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    Ok(created(plans::build_plan(&state, &learner.user_id, body.into_inner(), key).await?))
}

/// The learner's sprint plans, newest first.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(super::params::PageParams), responses((status = 200, body = PlanList)))]
#[get("/me/sprint-plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<super::params::PageParams>,
) -> Result<HttpResponse, ApiError> {
    let request = super::params::learner_page(query.first.as_deref(), query.after.as_deref())?;
    Ok(private(&PlanList::from(plans::plans(&state, &learner.user_id, &request).await?)))
}

/// A sprint plan as an iCalendar (RFC 5545) file: one all-day event per task.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(("id" = String, Path)), responses(
    (status = 200, body = String, content_type = "text/calendar"),
    (status = 404, description = "`plan_not_found`", body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/sprint-plans/{id}.ics")]
pub async fn plan_calendar(
    state: web::Data<AppState>,
    learner: Learner,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let text = plans::calendar(&state, &learner.user_id, &id).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"sprint-plan.ics\""))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(text))
}

/// A plan answered with its `ETag` (its revision), for `If-Match` on task updates.
fn revised_plan(revised: plans::Revised<dto::Plan>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-store"))
        .insert_header((header::ETAG, plans::plan_etag(revised.revision)))
        .json(revised.value)
}

/// A sprint plan with its tasks' done state and progress. Its `ETag` changes
/// with every tick: send it as `If-Match` when ticking a task.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(("id" = String, Path)), responses(
    (status = 200, body = dto::Plan, headers(("ETag" = String, description = "The plan's revision, for `If-Match`"))),
    (status = 404, description = "`plan_not_found` (also for another learner's plan)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/sprint-plans/{id}")]
pub async fn plan(
    state: web::Data<AppState>,
    learner: Learner,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(revised_plan(plans::plan_with_revision(&state, &learner.user_id, &id).await?))
}

/// Tick a task done (or undone). With `If-Match` (the plan's `ETag`), only if
/// the plan has not changed since: 412 otherwise, so a client holding an old
/// copy cannot overwrite a newer tick.
#[utoipa::path(tag = "learner", security(("bearer" = [])),
    params(
        ("id" = String, Path),
        ("key" = String, Path),
        ("If-Match" = Option<String>, Header, description = "The plan's `ETag` as last read (or `*`)"),
    ),
    request_body = dto::TaskUpdate,
    responses(
        (status = 200, description = "The plan with its progress", body = dto::Plan, headers(("ETag" = String, description = "The plan's new revision"))),
        (status = 404, description = "`plan_not_found` or `task_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`precondition_failed`: the plan changed since the `If-Match` revision", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/me/sprint-plans/{id}/tasks/{key}")]
pub async fn set_task(
    state: web::Data<AppState>,
    learner: Learner,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Json<dto::TaskUpdate>,
) -> Result<HttpResponse, ApiError> {
    let (id, key) = path.into_inner();
    let expected = match req.headers().get(header::IF_MATCH) {
        None => None,
        // A field that is not visible ASCII names no revision: it matches nothing.
        Some(value) => plans::revisions_from_if_match(value.to_str().unwrap_or("")),
    };
    let revised = plans::set_task(&state, &learner.user_id, &id, &key, body.done, expected.as_deref()).await?;
    Ok(revised_plan(revised))
}
