//! Running a checked GraphQL request, and the GraphQL-shaped answers to
//! requests that fail before it: a stable `extensions.code` on every error.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError, web};
use async_graphql::{ErrorExtensionValues, ServerError, Value};

use super::RoledexSchema;
use super::http::Media;
use crate::error::ApiError;

/// An executed operation, serialized once.
#[derive(Clone)]
pub(super) struct Executed {
    pub status: StatusCode,
    pub body: web::Bytes,
    /// Only complete answers to public queries may be cached.
    pub cacheable: bool,
}

pub(super) async fn execute(schema: &RoledexSchema, request: async_graphql::Request, media: Media) -> Executed {
    let mut response = schema.execute(request).await;
    // Errors with no data and no path come from before execution: the
    // document did not validate or a variable did not coerce.
    let rejected = matches!(response.data, Value::Null)
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    for error in &mut response.errors {
        classify(error, rejected);
    }
    let (status, body) = if rejected {
        // No execution, so no `data` entry (GraphQL over HTTP).
        (media.request_error_status(), serde_json::to_vec(&serde_json::json!({ "errors": response.errors })))
    } else {
        (StatusCode::OK, serde_json::to_vec(&response))
    };
    match body {
        Ok(body) => {
            Executed { status, cacheable: status == StatusCode::OK && response.errors.is_empty(), body: body.into() }
        }
        Err(e) => {
            let err = ApiError::internal("serializing a GraphQL response", e);
            err.log();
            let body = serde_json::to_vec(&error_body(&err)).unwrap_or_default();
            Executed { status: StatusCode::INTERNAL_SERVER_ERROR, body: body.into(), cacheable: false }
        }
    }
}

/// Gives every error without a code the one that fits, by where it arose:
/// resolver errors carry their `ApiError` code already, the limits are
/// checked before execution with their own code, so an uncoded error before
/// execution is a validation failure and one during execution a defect.
fn classify(error: &mut ServerError, rejected: bool) {
    let has_code = error.extensions.as_ref().is_some_and(|ext| ext.get("code").is_some());
    if has_code {
        return;
    }
    let code = if rejected {
        ApiError::GraphqlValidation(String::new()).code()
    } else {
        tracing::error!(message = %error.message, "unclassified GraphQL error");
        ApiError::Internal(Default::default()).code()
    };
    error.extensions.get_or_insert_with(ErrorExtensionValues::default).set("code", code);
}

fn error_body(err: &ApiError) -> serde_json::Value {
    serde_json::json!({ "errors": [{ "message": err.to_string(), "extensions": { "code": err.code() } }] })
}

/// A request that fails before execution, in the GraphQL response shape.
/// Failures of the document itself follow the media type's status rule;
/// the rest (a body that is not JSON, a bad token) keep their own status.
pub(super) fn error_response(err: ApiError, media: Media) -> HttpResponse {
    let status = match err {
        ApiError::PayloadTooLarge { .. } => return err.error_response(),
        ApiError::GraphqlParse(_)
        | ApiError::GraphqlValidation(_)
        | ApiError::QueryTooComplex(_)
        | ApiError::PersistedQueryNotFound
        | ApiError::PersistedQueryMismatch
            if media == Media::Json =>
        {
            StatusCode::OK
        }
        _ => err.status_code(),
    };
    err.log();
    let mut reply = HttpResponse::build(status);
    reply.content_type(media.content_type()).insert_header((header::CACHE_CONTROL, "no-store"));
    if let Some(challenge) = crate::rest::problem::www_authenticate(&err) {
        reply.insert_header((header::WWW_AUTHENTICATE, challenge));
    }
    if let ApiError::TooManyRequests { retry_after_secs, policy, standing, .. } = &err {
        reply.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        reply.insert_header(("RateLimit-Policy", policy.as_str()));
        reply.insert_header(("RateLimit", standing.as_str()));
    }
    reply.json(error_body(&err))
}
