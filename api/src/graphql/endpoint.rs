//! `POST /graphql`: reads the body under the size limit, answers repeated
//! public queries from the response cache, checks the document before
//! execution (syntax, aliases), executes, and makes sure every error carries
//! a stable `extensions.code`.

use std::sync::Arc;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::dataloader::DataLoader;
use async_graphql::{ErrorExtensionValues, ServerError, Value};
use futures_util::StreamExt;

use super::RoledexSchema;
use super::documents::DocumentCache;
use super::loader::ProfileLoader;
use super::operation_key::OperationKey;
use super::response_cache::{CachedResponse, ResponseCache};
use crate::auth::Learner;
use crate::error::ApiError;
use crate::http_cache::accepts_gzip;
use crate::state::AppState;

/// The body of `POST /graphql`, read up to the configured limit.
async fn read_body(payload: &mut web::Payload, limit: usize) -> Result<web::Bytes, ApiError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::InvalidBody("the request body could not be read".into()))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// An executed operation, serialized once.
struct Executed {
    status: StatusCode,
    body: web::Bytes,
    /// Only complete answers to public queries may be cached.
    cacheable: bool,
}

impl Executed {
    fn into_response(self, no_store: bool) -> HttpResponse {
        let mut reply = HttpResponse::build(self.status);
        reply.content_type("application/json");
        // Tokens and a learner's data must not be kept by browsers or proxies.
        if no_store {
            reply.insert_header((header::CACHE_CONTROL, "no-store"));
        }
        reply.body(self.body)
    }
}

async fn execute(schema: &RoledexSchema, request: async_graphql::Request) -> Executed {
    let mut response = schema.execute(request).await;
    let data_missing = matches!(response.data, Value::Null);
    for error in &mut response.errors {
        classify(error, data_missing);
    }
    let status = if data_missing && !response.errors.is_empty() && response.errors.iter().all(|e| e.path.is_empty()) {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    match serde_json::to_vec(&response) {
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

pub async fn graphql(
    schema: web::Data<RoledexSchema>,
    state: web::Data<AppState>,
    responses: web::Data<ResponseCache>,
    documents: web::Data<DocumentCache>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> HttpResponse {
    let body = match read_body(&mut payload, state.config.body_limit).await {
        Ok(body) => body,
        // Refused before it is read as GraphQL: answered like any other oversized body.
        Err(err @ ApiError::PayloadTooLarge { .. }) => return actix_web::ResponseError::error_response(&err),
        Err(err) => return error_response(err),
    };
    let cacheable = state.cache.enabled() && ResponseCache::may_store(&req);
    let may_read = cacheable && ResponseCache::may_read(&req);
    let generation = state.cache.generation();
    // A request seen before is answered without parsing it.
    if may_read
        && let Some(key) = responses.key_of_body(&body)
        && let Some(hit) = responses.get(&key, generation).await
    {
        return respond(&req, &hit, "hit");
    }
    let mut request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error_response(ApiError::InvalidBody(format!(
                "expected {{\"query\": \"...\", \"variables\": {{...}}}}: {e}"
            )));
        }
    };
    // Parsed once per distinct text: checked here, then handed to the executor.
    let parsed = match documents.parse(&request.query) {
        Ok(parsed) => parsed,
        Err(err) => return error_response(err),
    };
    let public_query = parsed.public_query;
    // A token, when sent, must be valid; without one only public fields resolve.
    let learner = match crate::auth::bearer_token(&req) {
        Ok(Some(token)) => match Learner::from_token(&state, &token).await {
            Ok(learner) => Some(learner),
            Err(err) => return error_response(err),
        },
        Ok(None) => None,
        Err(err) => return error_response(err),
    };
    let key = (cacheable && public_query).then(|| {
        let variables = serde_json::to_value(&request.variables).unwrap_or_default();
        Arc::new(OperationKey::new(&request.query, request.operation_name.as_deref(), &variables))
    });
    if let Some(key) = &key {
        responses.remember_body(body, key.clone());
    }
    request.set_parsed_query(parsed.document.clone());
    let loader = DataLoader::new(ProfileLoader { cache: state.cache.clone() }, actix_web::rt::spawn);
    let mut request = request.data(loader);
    if let Some(learner) = learner {
        request = request.data(learner);
    }
    let no_store = req.headers().contains_key(header::AUTHORIZATION) || !public_query;
    let Some(key) = key else { return execute(&schema, request).await.into_response(no_store) };
    let executed_here = std::sync::atomic::AtomicBool::new(false);
    let run = async {
        executed_here.store(true, std::sync::atomic::Ordering::Relaxed);
        let executed = execute(&schema, request).await;
        if executed.cacheable { Ok(Arc::new(CachedResponse::new(generation, executed.body))) } else { Err(executed) }
    };
    let outcome = if may_read {
        // Concurrent requests for one operation share one execution.
        responses.get_or_execute(key, generation, run).await
    } else {
        // `no-cache`: run it again and refresh the entry.
        match run.await {
            Ok(fresh) => {
                responses.insert(key, fresh.clone()).await;
                Ok(fresh)
            }
            Err(executed) => Err(Arc::new(executed)),
        }
    };
    match outcome {
        Ok(response) if executed_here.load(std::sync::atomic::Ordering::Relaxed) => respond(&req, &response, "miss"),
        // Cached meanwhile, or answered by a concurrent execution of the same operation.
        Ok(response) => respond(&req, &response, "hit"),
        Err(executed) => {
            Executed { status: executed.status, body: executed.body.clone(), cacheable: false }.into_response(no_store)
        }
    }
}

/// A cached or cacheable response, gzip-encoded when the client accepts it.
fn respond(req: &HttpRequest, body: &CachedResponse, cache: &'static str) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response
        .content_type("application/json")
        .insert_header((header::VARY, "Accept-Encoding"))
        .insert_header((header::HeaderName::from_static("x-roledex-cache"), cache));
    match accepts_gzip(req).then(|| body.gzip()).flatten() {
        Some(gzip) => response.insert_header((header::CONTENT_ENCODING, "gzip")).body(gzip.clone()),
        None => response.body(body.identity.clone()),
    }
}

/// Gives every error without a code the one that fits. Resolver errors carry
/// their `ApiError` code already; what is left comes from async-graphql:
/// limit and validation failures (no data, no path), or a defect.
fn classify(error: &mut ServerError, data_missing: bool) {
    let has_code = error.extensions.as_ref().is_some_and(|ext| ext.get("code").is_some());
    if has_code {
        return;
    }
    // async-graphql reports its limits only as text: "Query is too complex.",
    // "Query is nested too deep.", "The number of directives ... exceeds ...".
    let message = error.message.to_lowercase();
    let code = if message.contains("too complex") || message.contains("too deep") || message.contains("directives") {
        ApiError::QueryTooComplex(String::new()).code()
    } else if data_missing && error.path.is_empty() {
        ApiError::GraphqlValidation(String::new()).code()
    } else {
        tracing::error!(message = %error.message, "unclassified GraphQL error");
        ApiError::Internal(Default::default()).code()
    };
    error.extensions.get_or_insert_with(ErrorExtensionValues::default).set("code", code);
}

fn error_body(err: &ApiError) -> serde_json::Value {
    serde_json::json!({
        "data": null,
        "errors": [{ "message": err.to_string(), "extensions": { "code": err.code() } }],
    })
}

/// A request-level error in the GraphQL response shape, with its code.
fn error_response(err: ApiError) -> HttpResponse {
    err.log();
    let status = actix_web::ResponseError::status_code(&err);
    HttpResponse::build(status).content_type("application/json").json(error_body(&err))
}
