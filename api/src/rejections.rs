//! Rejections made by library layers (a CORS preflight actix-cors refuses, a
//! file Swagger UI does not have) come back with a bare text or empty body.
//! They are rewritten here as the problem documents every other error is,
//! with a stable code. Errors already in JSON pass through untouched.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};

use crate::error::ApiError;

/// A CORS preflight: read before the request is handed on, since only its
/// refusal (a bare 400) tells it apart afterwards.
pub fn is_preflight(req: &ServiceRequest) -> bool {
    req.method() == Method::OPTIONS
        && req.headers().contains_key(header::ORIGIN)
        && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}

/// The response, or the problem document a bare library rejection stands for.
pub fn as_problem<B: MessageBody>(response: ServiceResponse<B>, preflight: bool) -> ServiceResponse<EitherBody<B>> {
    let status = response.status();
    let json =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    let err = match status.as_u16() {
        _ if json || !status.is_client_error() => None,
        400 if preflight => Some(ApiError::CorsRefused),
        404 => Some(ApiError::RouteNotFound(response.request().path().chars().take(200).collect())),
        _ => None,
    };
    match err {
        None => response.map_into_left_body(),
        Some(err) => {
            let (req, _) = response.into_parts();
            ServiceResponse::new(req, actix_web::ResponseError::error_response(&err)).map_into_right_body()
        }
    }
}
