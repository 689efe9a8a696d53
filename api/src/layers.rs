//! The middleware around every route, as two layers with CORS between them
//! (`startup/http.rs` wraps them):
//!
//! 1. [`edge`], outermost: telemetry (request id, span, log line, metrics),
//!    bare library rejections rewritten as problems, browser-protecting
//!    headers, in that order on the way out.
//! 2. actix-cors.
//! 3. [`admission`], innermost: the partner gate (caller, key scope and
//!    origin, quotas), then the `406` table. Its refusals carry the quota
//!    fields like any counted answer.
//!
//! Each concern keeps its rules in its own module; these two functions only
//! fix the order. One layer per group rather than one per concern, because
//! each `from_fn` layer boxes the rest of the chain's future on every request.

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use tracing::Instrument;

use crate::partner::gate;
use crate::telemetry::Observation;
use crate::{acceptable, rejections, security_headers};

/// Everything a response passes through last, and a request first.
pub async fn edge(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let observation = Observation::start(&req);
    let preflight = rejections::is_preflight(&req);
    let result = next.call(req).instrument(observation.span()).await.map(|response| {
        let mut response = rejections::as_problem(response, preflight);
        security_headers::add(response.headers_mut());
        response
    });
    observation.finish(result)
}

/// Whether the request may run at all: counted and scoped, then negotiable.
pub async fn admission(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let admitted = match gate::admit_request(&req).await {
        Ok(admitted) => admitted,
        Err(refusal) => return Ok(req.error_response(refusal).map_into_right_body()),
    };
    let mut response = match acceptable::refusal(&req) {
        Some(refusal) => req.error_response(refusal).map_into_right_body(),
        None => next.call(req).await?.map_into_left_body(),
    };
    admitted.report(&mut response);
    Ok(response)
}
