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
//!   route gave none);
//! - every operation is counted against a quota: 429 with `Retry-After`, and
//!   the `RateLimit-Policy` / `RateLimit` fields on its responses;
//! - public operations take an optional API key (`X-Api-Key`): 401 for an
//!   unknown or revoked key, 403 for a missing scope or page origin;
//! - operations that answer with a body document 406 `not_acceptable`
//!   (`Accept` names none of their media types; see `acceptable.rs`).

use actix_web::http::StatusCode;
use strum::IntoEnumIterator;
use utoipa::openapi::header::{Header, HeaderBuilder};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{
    ObjectBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder, Schema, ServerBuilder, Type, content::ContentBuilder,
};

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

fn header(description: &str) -> RefOr<Header> {
    let text = Schema::Object(ObjectBuilder::new().schema_type(Type::String).build());
    RefOr::T(HeaderBuilder::new().schema(Some(text)).description(Some(description)).build())
}

const POLICY: &str = "The quotas this request counts under (IETF draft-ietf-httpapi-ratelimit-headers):     `\"name\";q=requests;w=seconds`, one item per quota (`api-key`, `anonymous`, `anonymous-compute`, `learner`)";
const STANDING: &str = "Where the request leaves each quota: `\"name\";r=remaining;t=seconds until the burst is whole`";

fn rate_limit_headers(response: &mut Response) {
    response.headers.entry("RateLimit-Policy".into()).or_insert_with(|| header(POLICY));
    response.headers.entry("RateLimit".into()).or_insert_with(|| header(STANDING));
}

fn complete(operation: &mut Operation) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    if !secured {
        // No credential needed; a partner's key is taken (and then checked).
        operation.security =
            Some(vec![SecurityRequirement::default(), SecurityRequirement::new("apiKey", Vec::<String>::new())]);
    }
    let responses = &mut operation.responses.responses;
    responses.entry("429".into()).or_insert_with(|| {
        let mut refused = problem("`too_many_requests`: a quota is spent; retry after `Retry-After` seconds");
        if let RefOr::T(response) = &mut refused {
            response.headers.insert("Retry-After".into(), header("Seconds until the request would be admitted"));
        }
        refused
    });
    for (status, response) in responses.iter_mut() {
        if let RefOr::T(response) = response
            && (status.starts_with('2') || status == "429")
        {
            rate_limit_headers(response);
        }
    }
    let answers_with_body = operation
        .responses
        .responses
        .iter()
        .any(|(status, r)| status.starts_with('2') && matches!(r, RefOr::T(r) if !r.content.is_empty()));
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
        add(
            401,
            format!(
                "No valid bearer token: {}; or `invalid_api_key`: an API key sent with it is unknown, malformed or revoked",
                codes.join(", ")
            ),
        );
        add(403, "`origin_not_allowed`: an API key sent with the request does not allow the page's origin".into());
    } else {
        add(401, "`invalid_api_key`: the API key sent is unknown, malformed or revoked".into());
        add(403, "`insufficient_scope`: the API key lacks the operation's scope; `origin_not_allowed`: the page's origin is not one of the key's".into());
    }
    if operation.request_body.is_some() {
        add(400, "`invalid_body`: the body is not JSON of the documented shape".into());
        add(413, "`payload_too_large`: the body is larger than the configured limit".into());
        add(415, "`unsupported_media_type`: the body must be `application/json`".into());
    }
    if answers_with_body {
        add(406, "`not_acceptable`: `Accept` names none of the media types this operation answers with".into());
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
