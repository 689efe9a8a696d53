//! Rules every operation of the OpenAPI document follows, applied to the
//! whole document once the routes have described themselves, so no route can
//! forget them:
//!
//! - a `servers` entry (this server, relative);
//! - public operations say so (`security: []`);
//! - secured operations document 401 with the authentication codes;
//! - operations with a JSON body document 400 `invalid_body`, 413 and 415;
//!   operations with query parameters document 400 `invalid_parameter`;
//! - every response has a description (the status's reason phrase when the
//!   route gave none).

use actix_web::http::StatusCode;
use strum::IntoEnumIterator;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{OpenApi, Ref, RefOr, Response, ResponseBuilder, ServerBuilder, content::ContentBuilder};

use crate::error::AuthFailure;

pub fn apply(openapi: &mut OpenApi) {
    openapi.servers = Some(vec![ServerBuilder::new().url("/").description(Some("This server")).build()]);
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            complete(operation);
        }
    }
}

fn problem(description: &str) -> RefOr<Response> {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
    RefOr::T(ResponseBuilder::new().description(description).content("application/problem+json", content).build())
}

fn complete(operation: &mut Operation) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    if !secured {
        operation.security = Some(Vec::new());
    }
    let responses = &mut operation.responses.responses;
    let mut add = |status: u16, description: String| {
        responses.entry(status.to_string()).or_insert_with(|| problem(&description));
    };
    if secured {
        let codes: Vec<String> = AuthFailure::iter()
            .filter(|f| {
                !matches!(
                    f,
                    AuthFailure::InvalidCredentials
                        | AuthFailure::RefreshTokenInvalid
                        | AuthFailure::RefreshTokenReused
                )
            })
            .map(|f| format!("`{}`", f.code()))
            .collect();
        add(401, format!("No valid bearer token: {}", codes.join(", ")));
    }
    if operation.request_body.is_some() {
        add(400, "`invalid_body`: the body is not JSON of the documented shape".into());
        add(413, "`payload_too_large`: the body is larger than the configured limit".into());
        add(415, "`unsupported_media_type`: the body must be `application/json`".into());
    }
    let has_query = operation
        .parameters
        .as_ref()
        .is_some_and(|ps| ps.iter().any(|p| matches!(p, RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Query))));
    if has_query {
        add(400, "`invalid_parameter`: a query parameter is missing or out of range".into());
    }
    for (status, response) in responses.iter_mut() {
        if let RefOr::T(response) = response
            && response.description.is_empty()
        {
            let reason = status.parse::<u16>().ok().and_then(|s| StatusCode::from_u16(s).ok());
            response.description = reason.and_then(|s| s.canonical_reason()).unwrap_or("Response").to_owned();
        }
    }
}
