//! `/api/v1/auth`: accounts and tokens.

use actix_web::{HttpRequest, HttpResponse, post, web};
use roledex_domain::account::UserRole;

use super::body::Json;
use super::problem::Problem;
use crate::dto;
use crate::error::ApiError;
use crate::learning::accounts;
use crate::learning::throttle::ClientAddress;
use crate::state::AppState;

/// Create a learner account.
#[utoipa::path(
    tag = "auth",
    request_body = dto::Credentials,
    responses(
        (status = 201, description = "The account", body = dto::User),
        (status = 400, description = "`invalid_email`, `weak_password`, `password_too_long` or `invalid_body`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_requests`: this address has made `registrations_per_hour` registrations within the hour", body = Problem, content_type = "application/problem+json",
        headers(
            ("Retry-After" = u64, description = "Seconds until an attempt is admitted again"),
            ("RateLimit-Policy" = String, description = "The policy that refused it, for example `\"login-account\";q=5;w=900`"),
            ("RateLimit" = String, description = "Its state: `\"login-account\";r=0;t=SECONDS`"),
        )),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<dto::Credentials>,
) -> Result<HttpResponse, ApiError> {
    let address = ClientAddress::of(&req);
    let user = accounts::register(&state, &body, UserRole::Learner, &address.0).await?;
    Ok(HttpResponse::Created().json(user))
}

/// Log in: an access token and a refresh token (OAuth 2.0 token response).
#[utoipa::path(
    tag = "auth",
    request_body = dto::Credentials,
    responses(
        (status = 200, description = "Tokens", body = dto::TokenResponse),
        (status = 401, description = "`invalid_credentials` (the same whether or not the email exists)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_requests`: 5 failed logins for the account, or 20 from this address, within 15 minutes; refused whatever the password until the oldest failure is 15 minutes old", body = Problem, content_type = "application/problem+json",
        headers(
            ("Retry-After" = u64, description = "Seconds until an attempt is admitted again"),
            ("RateLimit-Policy" = String, description = "The policy that refused it, for example `\"login-account\";q=5;w=900`"),
            ("RateLimit" = String, description = "Its state: `\"login-account\";r=0;t=SECONDS`"),
        )),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<dto::Credentials>,
) -> Result<HttpResponse, ApiError> {
    let address = ClientAddress::of(&req);
    let tokens = accounts::login(&state, &body, &address.0).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(tokens))
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
