//! `/api/v1/admin/api-keys`: partner keys, for admins only.

use actix_web::{HttpResponse, delete, get, post, web};

use super::body::Json;
use super::problem::Problem;
use crate::auth::Admin;
use crate::dto;
use crate::error::ApiError;
use crate::state::AppState;

fn private<T: serde::Serialize>(status: actix_web::http::StatusCode, body: &T) -> HttpResponse {
    HttpResponse::build(status).insert_header(("Cache-Control", "no-store")).json(body)
}

/// Make an API key. The secret is in this answer only: it is stored as a hash.
#[utoipa::path(tag = "admin", operation_id = "create_api_key", security(("bearer" = [])),
    request_body = dto::ApiKeyRequest,
    responses(
        (status = 201, body = dto::CreatedApiKey, headers(("Location" = String, description = "The key's URL"))),
        (status = 400, description = "`invalid_parameter`: a name, scope, origin or quota that is not accepted", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: the account is not an admin", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/api-keys")]
pub async fn create_api_key(
    state: web::Data<AppState>,
    admin: Admin,
    body: Json<dto::ApiKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let created = state.partners.keys.create(&body.into_inner(), Some(&admin.user_id)).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/admin/api-keys/{}", created.key.id)))
        .insert_header(("Cache-Control", "no-store"))
        .json(created))
}

/// Every API key, newest first (never their secrets).
#[utoipa::path(tag = "admin", operation_id = "list_api_keys", security(("bearer" = [])), responses(
    (status = 200, body = [dto::ApiKeyView]),
    (status = 403, description = "`forbidden`: the account is not an admin", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/api-keys")]
pub async fn list_api_keys(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    Ok(private(actix_web::http::StatusCode::OK, &state.partners.keys.list().await?))
}

/// One API key.
#[utoipa::path(tag = "admin", operation_id = "get_api_key", security(("bearer" = [])),
    params(("id" = String, Path, description = "The key's id", max_length = 64)),
    responses(
        (status = 200, body = dto::ApiKeyView),
        (status = 403, description = "`forbidden`: the account is not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`api_key_not_found`", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/api-keys/{id}")]
pub async fn get_api_key(
    state: web::Data<AppState>,
    _admin: Admin,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(private(actix_web::http::StatusCode::OK, &state.partners.keys.get(&id).await?))
}

/// Revoke an API key: from now on it gets 401 `invalid_api_key` (other
/// instances within 5 seconds). Revoking a revoked key changes nothing.
#[utoipa::path(tag = "admin", operation_id = "revoke_api_key", security(("bearer" = [])),
    params(("id" = String, Path, description = "The key's id", max_length = 64)),
    responses(
        (status = 200, body = dto::ApiKeyView, description = "The key, revoked"),
        (status = 403, description = "`forbidden`: the account is not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`api_key_not_found`", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/admin/api-keys/{id}")]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    _admin: Admin,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(private(actix_web::http::StatusCode::OK, &state.partners.keys.revoke(&id).await?))
}
