//! `/api/v1/roles/{slug}/compute/...`: every guidance widget without an
//! account. The same rules and answers as the learner's stored forms; nothing
//! is stored, and the answers are never cached by shared caches.

use actix_web::http::header::{ACCEPT, CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::Serialize;

use super::body::Json;
use super::problem::Problem;
use crate::dto;
use crate::error::ApiError;
use crate::learning::compute;
use crate::state::AppState;

/// A computed answer: JSON, for this request only.
fn computed<T: Serialize>(body: &T) -> HttpResponse {
    HttpResponse::Ok().insert_header((CACHE_CONTROL, HeaderValue::from_static("no-store"))).json(body)
}

/// A self-assessment's radar, gaps (with what closes each) and skills score; nothing is stored.
#[utoipa::path(tag = "compute", operation_id = "compute_self_assessment", params(("slug" = String, Path, description = "A full profile's slug")),
    request_body = dto::SelfAssessmentBody,
    responses(
        (status = 200, description = "The outcome a stored self-assessment would hold", body = dto::AssessmentOutcome),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/roles/{slug}/compute/self-assessment")]
pub async fn self_assessment(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: Json<dto::SelfAssessmentBody>,
) -> Result<HttpResponse, ApiError> {
    Ok(computed(&compute::self_assessment(&state, &slug, body.into_inner()).await?))
}

/// The ten-card qualification check: score, band and explanation; nothing is stored.
#[utoipa::path(tag = "compute", operation_id = "compute_qualification_check", params(("slug" = String, Path, description = "A full profile's slug")),
    request_body = dto::QualificationBody,
    responses(
        (status = 200, description = "The outcome a stored check would hold", body = dto::QualificationOutcome),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/roles/{slug}/compute/qualification-check")]
pub async fn qualification_check(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: Json<dto::QualificationBody>,
) -> Result<HttpResponse, ApiError> {
    Ok(computed(&compute::qualification_check(&state, &slug, body.into_inner()).await?))
}

/// A knowledge-check attempt, graded: the key and explanation of each answered question; nothing is stored.
#[utoipa::path(tag = "compute", operation_id = "compute_quiz_attempt", params(("slug" = String, Path, description = "A full profile's slug")),
    request_body = dto::QuizAttemptBody,
    responses(
        (status = 200, description = "The outcome a stored attempt would hold", body = dto::QuizOutcome),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/roles/{slug}/compute/quiz-attempt")]
pub async fn quiz_attempt(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: Json<dto::QuizAttemptBody>,
) -> Result<HttpResponse, ApiError> {
    Ok(computed(&compute::quiz_attempt(&state, &slug, body.into_inner()).await?))
}

/// Readiness (40% qualification checker, 40% skills, 20% knowledge check) from the components' inputs.
#[utoipa::path(tag = "compute", operation_id = "compute_readiness", params(("slug" = String, Path, description = "A full profile's slug")),
    request_body = dto::ReadinessBody,
    responses(
        (status = 200, description = "Readiness with every component explained", body = dto::ReadinessReport),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/roles/{slug}/compute/readiness")]
pub async fn readiness(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: Json<dto::ReadinessBody>,
) -> Result<HttpResponse, ApiError> {
    Ok(computed(&compute::readiness_report(&state, &slug, body.into_inner()).await?))
}

/// A certification timeline within a budget, weekly hours and entry requirements.
#[utoipa::path(tag = "compute", operation_id = "compute_certification_timeline", params(("slug" = String, Path, description = "A full profile's slug")),
    request_body = dto::TimelineBody,
    responses(
        (status = 200, description = "The timeline, with why each certification is in or out", body = dto::Timeline),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/roles/{slug}/compute/certification-timeline")]
pub async fn certification_timeline(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: Json<dto::TimelineBody>,
) -> Result<HttpResponse, ApiError> {
    Ok(computed(&compute::certification_timeline(&state, &slug, body.into_inner()).await?))
}

/// A 90-day sprint plan from self-ratings and chosen certifications, as JSON or, with
/// `Accept: text/calendar`, as an iCalendar (RFC 5545) file; nothing is stored.
#[utoipa::path(tag = "compute", operation_id = "compute_sprint_plan", params(("slug" = String, Path, description = "A full profile's slug")),
    request_body = dto::SprintPlanBody,
    responses(
        (status = 200, description = "The plan (JSON), or its calendar with `Accept: text/calendar`",
            content((dto::PlanOutcome = "application/json"), (String = "text/calendar"))),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` (for example nothing to plan) or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/roles/{slug}/compute/sprint-plan")]
pub async fn sprint_plan(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    body: Json<dto::SprintPlanBody>,
) -> Result<HttpResponse, ApiError> {
    let wants_calendar = req
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.split(',').any(|m| m.trim().starts_with("text/calendar")));
    if wants_calendar {
        let text = compute::sprint_plan_calendar(&state, &slug, &body).await?;
        return Ok(HttpResponse::Ok()
            .content_type("text/calendar; charset=utf-8")
            .insert_header(("Content-Disposition", "attachment; filename=\"sprint-plan.ics\""))
            .insert_header((CACHE_CONTROL, HeaderValue::from_static("no-store")))
            .insert_header(("Vary", "Accept"))
            .body(text));
    }
    let plan = compute::sprint_plan(&state, &slug, &body).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .insert_header(("Vary", "Accept"))
        .json(plan))
}
