//! `/api/v1/auth`: accounts and tokens.

use actix_web::{HttpResponse, post, web};
use roledex_domain::account::UserRole;

use super::body::Json;
use super::problem::Problem;
use crate::dto;
use crate::error::ApiError;
use crate::learning::accounts;
use crate::state::AppState;

/// Create a learner account.
#[utoipa::path(
    tag = "auth",
    request_body = dto::Credentials,
    responses(
        (status = 201, description = "The account", body = dto::User),
        (status = 400, description = "`invalid_email`, `weak_password`, `password_too_long` or `invalid_body`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
pub async fn register(state: web::Data<AppState>, body: Json<dto::Credentials>) -> Result<HttpResponse, ApiError> {
    let user = accounts::register(&state, &body, UserRole::Learner).await?;
    Ok(HttpResponse::Created().json(user))
}

/// Log in: an access token and a refresh token (OAuth 2.0 token response).
#[utoipa::path(
    tag = "auth",
    request_body = dto::Credentials,
    responses(
        (status = 200, description = "Tokens", body = dto::TokenResponse),
        (status = 401, description = "`invalid_credentials` (the same whether or not the email exists)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, body: Json<dto::Credentials>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(accounts::login(&state, &body).await?))
}

/// Exchange a refresh token for new tokens. Each refresh token works once.
#[utoipa::path(
    tag = "auth",
    request_body = dto::RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = dto::TokenResponse),
        (status = 401, description = "`refresh_token_invalid` or `refresh_token_reused` (the session is then revoked)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, body: Json<dto::RefreshRequest>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(accounts::refresh(&state, &body).await?))
}

/// Log out: revoke the session of this refresh token.
#[utoipa::path(tag = "auth", request_body = dto::RefreshRequest, responses((status = 204, description = "Logged out")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, body: Json<dto::RefreshRequest>) -> Result<HttpResponse, ApiError> {
    accounts::logout(&state, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
