//! `/api/v1/me/export` and `DELETE /api/v1/me`: the learner's data is theirs.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, web};

use super::body::read_limited;
use super::problem::Problem;
use crate::auth::Learner;
use crate::dto;
use crate::error::ApiError;
use crate::learning::privacy;
use crate::state::AppState;

/// Everything Roledex holds about the signed-in learner, as one JSON document:
/// the account, sessions (without tokens), submissions, plans, saved items,
/// idempotency keys, sync tombstones and counted failed sign-ins.
#[utoipa::path(tag = "learner", security(("bearer" = [])), responses(
    (status = 200, body = dto::LearnerExport, headers(("Content-Disposition" = String, description = "`attachment; filename=\"roledex-export.json\"`"))),
))]
#[get("/me/export")]
pub async fn export(state: web::Data<AppState>, learner: Learner) -> Result<HttpResponse, ApiError> {
    let document = privacy::export(&state, &learner.user_id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"roledex-export.json\""))
        .json(document))
}

/// Delete the account and everything held about it, at once and for good:
/// sessions are revoked, and no table keeps anything of the learner. Send the
/// current `password`, or call with an access token from a sign-in in the
/// last five minutes (the body may then be empty).
#[utoipa::path(tag = "learner", security(("bearer" = [])),
    request_body(content = Option<dto::DeleteAccount>, description = "`{\"password\": \"...\"}`, or nothing after a fresh sign-in"),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "`reauthentication_required`: no password and no sign-in in the last five minutes", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/me")]
pub async fn delete_account(
    state: web::Data<AppState>,
    learner: Learner,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = read_limited(&mut payload, 4096).await?;
    let request: dto::DeleteAccount = if body.iter().all(u8::is_ascii_whitespace) {
        dto::DeleteAccount::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::InvalidBody(format!("send `{{\"password\": \"...\"}}` or nothing: {e}")))?
    };
    privacy::delete_account(&state, &learner, request.password).await?;
    Ok(HttpResponse::NoContent().finish())
}
