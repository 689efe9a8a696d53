//! `/api/v1/me`: the authenticated learner's own data. Every handler takes
//! the `Learner` from the access token and passes only its id down, so a
//! learner can reach no one else's data.

use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::body::Json;
use super::problem::Problem;
use crate::auth::Learner;
use crate::dto;
use crate::error::ApiError;
use crate::learning::idempotency::validate_key;
use crate::learning::pages::Paged;
use crate::learning::submissions::{QualificationCheck, QuizAttempt, SelfAssessment, SubmissionRule};
use crate::learning::{Stored, guidance, submissions};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryParams {
    /// Only this role's records.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub role: Option<String>,
    /// Page size, 1 to 100 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub first: Option<String>,
    /// Cursor from a previous page's `next_cursor`.
    #[param(pattern = "^c[0-7]?[0-9a-f]{1,15}\\.[A-Za-z0-9_.-]{1,160}$")]
    pub after: Option<String>,
}

/// A page of the learner's records of one kind, as its list type.
async fn history<R: SubmissionRule, L: From<Paged<R::View>> + Serialize>(
    state: &AppState,
    user_id: &str,
    query: &HistoryParams,
) -> Result<HttpResponse, ApiError> {
    let request = super::params::learner_page(query.first.as_deref(), query.after.as_deref())?;
    let role = super::params::role_filter(query.role.as_deref())?;
    Ok(private(&L::from(submissions::history::<R>(state, user_id, role, &request).await?)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoleParam {
    /// The role slug.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub role: String,
}

/// Declares the page type of one of the learner's lists (named in the
/// contract as `AssessmentList`, ...), made from a use case's page.
macro_rules! list_page {
    ($name:ident, $item:ty) => {
        /// A page of the learner's records, newest first.
        #[derive(Debug, Serialize, ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Pass as `after` for the next page; `null` on the last page.
            pub next_cursor: Option<String>,
        }

        impl From<Paged<$item>> for $name {
            fn from(paged: Paged<$item>) -> Self {
                let next_cursor = paged.next_cursor();
                Self { items: paged.into_items(), next_cursor }
            }
        }
    };
}

list_page!(AssessmentList, dto::Assessment);
list_page!(QualificationCheckList, dto::QualificationCheck);
list_page!(QuizAttemptList, dto::QuizAttempt);
list_page!(PlanList, dto::Plan);
list_page!(SavedItemList, dto::SavedItem);

pub(super) fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    match req.headers().get("Idempotency-Key") {
        None => Ok(None),
        Some(value) => value.to_str().map_err(|_| ApiError::InvalidIdempotencyKey).and_then(validate_key).map(Some),
    }
}

/// A stored submission: 201 with the JSON that was (or, on a replay, had been) answered.
pub(super) fn created<T>(stored: Stored<T>) -> HttpResponse {
    HttpResponse::Created()
        .content_type("application/json")
        .insert_header(("Cache-Control", "no-store"))
        .body(stored.into_json())
}

pub(super) fn private<T: Serialize>(body: &T) -> HttpResponse {
    HttpResponse::Ok().insert_header(("Cache-Control", "private, no-store")).json(body)
}

/// The signed-in account.
#[utoipa::path(tag = "learner", security(("bearer" = [])), responses(
    (status = 200, body = dto::User),
    (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, learner: Learner) -> Result<HttpResponse, ApiError> {
    Ok(private(&crate::learning::accounts::me(&state, &learner.user_id).await?))
}

/// Submit a self-assessment: ratings 1-5 on the role's skills. Answers the radar, the gaps and the skills score.
#[utoipa::path(tag = "learner", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1 to 255 visible ASCII characters", pattern = "^[!-~]{1,255}$")),
    request_body = dto::SelfAssessmentInput,
    responses(
        (status = 201, body = dto::Assessment),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`idempotency_in_progress`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` (unknown or duplicate skills, levels out of range), `idempotency_key_reused` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/assessments")]
pub async fn submit_assessment(
    state: web::Data<AppState>,
    learner: Learner,
    req: HttpRequest,
    body: Json<dto::SelfAssessmentInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    Ok(created(submissions::submit::<SelfAssessment>(&state, &learner.user_id, body.into_inner(), key).await?))
}

/// The learner's self-assessments, newest first.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(HistoryParams), responses((status = 200, body = AssessmentList)))]
#[get("/me/assessments")]
pub async fn assessments(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<HistoryParams>,
) -> Result<HttpResponse, ApiError> {
    history::<SelfAssessment, AssessmentList>(&state, &learner.user_id, &query).await
}

/// The latest self-assessment for a role.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(RoleParam), responses(
    (status = 200, body = dto::Assessment),
    (status = 404, description = "`assessment_not_found`", body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/assessments/latest")]
pub async fn latest_assessment(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<RoleParam>,
) -> Result<HttpResponse, ApiError> {
    let latest = submissions::latest::<SelfAssessment>(&state, &learner.user_id, &query.role).await?;
    Ok(private(&latest.ok_or_else(|| ApiError::AssessmentNotFound(query.role.chars().take(80).collect()))?))
}

/// Rate yourself on the role's ten qualification cards: a readiness score, a band and an explanation.
#[utoipa::path(tag = "learner", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1 to 255 visible ASCII characters", pattern = "^[!-~]{1,255}$")),
    request_body = dto::QualificationInput,
    responses(
        (status = 201, body = dto::QualificationCheck),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission`: missing, unknown or duplicate cards, ratings out of range; `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/qualification-checks")]
pub async fn submit_qualification(
    state: web::Data<AppState>,
    learner: Learner,
    req: HttpRequest,
    body: Json<dto::QualificationInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    Ok(created(submissions::submit::<QualificationCheck>(&state, &learner.user_id, body.into_inner(), key).await?))
}

/// The learner's qualification checks, newest first.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(HistoryParams), responses((status = 200, body = QualificationCheckList)))]
#[get("/me/qualification-checks")]
pub async fn qualification_checks(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<HistoryParams>,
) -> Result<HttpResponse, ApiError> {
    history::<QualificationCheck, QualificationCheckList>(&state, &learner.user_id, &query).await
}

/// Submit a knowledge-check attempt, graded on the server.
#[utoipa::path(tag = "learner", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1 to 255 visible ASCII characters", pattern = "^[!-~]{1,255}$")),
    request_body = dto::QuizAttemptInput,
    responses(
        (status = 201, description = "Score, band and message; for each answered question its correctness, key and explanation", body = dto::QuizAttempt),
        (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`attempt_already_graded`: each attempt is graded once; start a new one", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_submission` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/quiz-attempts")]
pub async fn submit_quiz(
    state: web::Data<AppState>,
    learner: Learner,
    req: HttpRequest,
    body: Json<dto::QuizAttemptInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    Ok(created(submissions::submit::<QuizAttempt>(&state, &learner.user_id, body.into_inner(), key).await?))
}

/// The learner's quiz attempts, newest first.
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(HistoryParams), responses((status = 200, body = QuizAttemptList)))]
#[get("/me/quiz-attempts")]
pub async fn quiz_attempts(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<HistoryParams>,
) -> Result<HttpResponse, ApiError> {
    history::<QuizAttempt, QuizAttemptList>(&state, &learner.user_id, &query).await
}

/// Overall readiness for a role: 40% qualification checker, 40% skills, 20% knowledge check (latest attempt).
#[utoipa::path(tag = "learner", security(("bearer" = [])), params(RoleParam), responses(
    (status = 200, body = dto::ReadinessReport),
    (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`role_is_outline`: readiness is for full profiles", body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/readiness")]
pub async fn readiness(
    state: web::Data<AppState>,
    learner: Learner,
    query: web::Query<RoleParam>,
) -> Result<HttpResponse, ApiError> {
    Ok(private(&guidance::readiness_report(&state, &learner.user_id, &query.role).await?))
}

/// Plan certifications within a budget and weekly hours: in published rank order (or by value score when
/// asked), skipping what is held, what the learner cannot take yet and what does not fit; each says why.
#[utoipa::path(tag = "learner", security(("bearer" = [])), request_body = dto::TimelineInput, responses(
    (status = 200, body = dto::Timeline),
    (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`invalid_submission` or `role_is_outline`", body = Problem, content_type = "application/problem+json"),
))]
#[post("/me/certification-timeline")]
pub async fn timeline(
    state: web::Data<AppState>,
    _learner: Learner,
    body: Json<dto::TimelineInput>,
) -> Result<HttpResponse, ApiError> {
    Ok(private(&guidance::timeline(&state, &body).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttemptParams {
    /// The attempt's id (a UUID fits). Without it, a new attempt gets a random id.
    #[param(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    pub attempt: Option<String>,
}

/// The questions of one knowledge-check attempt (up to 12, drawn from the role's bank by the attempt id).
/// The answer key is never sent; submit the attempt to be graded.
#[utoipa::path(tag = "roles", params(("slug" = String, Path), AttemptParams), responses(
    (status = 200, body = dto::KnowledgeCheck),
    (status = 400, description = "`invalid_parameter`: a malformed attempt id", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "`role_not_found`", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`role_is_outline`: an outline profile has no knowledge check", body = Problem, content_type = "application/problem+json"),
))]
#[get("/roles/{slug}/knowledge-check")]
pub async fn knowledge_check(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<AttemptParams>,
) -> Result<HttpResponse, ApiError> {
    let check = guidance::knowledge_check(&state, &slug, query.attempt.as_deref()).await?;
    // A given attempt always asks the same questions; a fresh one is this client's alone.
    let cache =
        if query.attempt.is_some() { state.cache_control().clone() } else { HeaderValue::from_static("no-store") };
    Ok(HttpResponse::Ok().insert_header((CACHE_CONTROL, cache)).json(check))
}
