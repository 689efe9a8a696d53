//! Rejections made by library layers (a CORS preflight actix-cors refuses, a
//! file Swagger UI does not have) come back with a bare text or empty body.
//! They are rewritten here as the problem documents every other error is,
//! with a stable code. Errors already in JSON pass through untouched.

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;

use crate::error::ApiError;

pub async fn as_problems(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let preflight = req.method() == Method::OPTIONS
        && req.headers().contains_key(header::ORIGIN)
        && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let response = next.call(req).await?;
    let status = response.status();
    let json =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    let err = match status.as_u16() {
        _ if json || !status.is_client_error() => None,
        400 if preflight => Some(ApiError::CorsRefused),
        404 => Some(ApiError::RouteNotFound(response.request().path().chars().take(200).collect())),
        _ => None,
    };
    Ok(match err {
        None => response.map_into_left_body(),
        Some(err) => {
            let (req, _) = response.into_parts();
            ServiceResponse::new(req, actix_web::ResponseError::error_response(&err)).map_into_right_body()
        }
    })
}
