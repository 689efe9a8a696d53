//! `Learner`: the authenticated caller, extracted from `Authorization: Bearer`.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};

use super::jwt::TokenSubject;
use crate::error::{ApiError, AuthFailure};
use crate::state::AppState;

/// The learner a request acts for. Handlers that take one are reachable
/// only with a valid token, and read or change only this learner's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learner {
    pub user_id: String,
    pub role: String,
    /// When the token's holder signed in (a login's token, not a refreshed one).
    pub auth_time: Option<u64>,
}

/// The bearer token of a request, if it carries one.
pub fn bearer_token(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else { return Ok(None) };
    let value = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized(AuthFailure::InvalidToken("unreadable Authorization header".into())))?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(Some(token.trim().to_owned()))
        }
        _ => {
            Err(ApiError::Unauthorized(AuthFailure::InvalidToken("use `Authorization: Bearer <access token>`".into())))
        }
    }
}

impl Learner {
    /// Resolves a token to a learner (creating the local account of an
    /// external identity on first use).
    pub async fn from_token(state: &AppState, token: &str) -> Result<Self, ApiError> {
        match state.tokens.verify(token).map_err(ApiError::Unauthorized)? {
            TokenSubject::Local { user_id, role, auth_time } => {
                state.accounts.check(&state.learners, &user_id).await?;
                Ok(Self { user_id, role, auth_time })
            }
            TokenSubject::External { issuer, subject, auth_time } => {
                let now = roledex_persistence::learners::now_millis();
                let user = state
                    .learners
                    .external_user(&issuer, &subject, uuid::Uuid::new_v4().to_string(), now)
                    .await
                    .map_err(ApiError::from)?;
                Ok(Self { user_id: user.id, role: user.role.as_str().to_owned(), auth_time })
            }
        }
    }
}

impl FromRequest for Learner {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .cloned()
                .ok_or_else(|| ApiError::internal("authenticating", "the application state is missing"))?;
            let token = bearer_token(&req)?.ok_or(ApiError::Unauthorized(AuthFailure::MissingToken))?;
            Learner::from_token(&state, &token).await
        })
    }
}
