//! `POST /graphql`: reads the body under the size limit, answers repeated
//! public queries from the response cache, checks the document before
//! execution (syntax, aliases), executes, and makes sure every error carries
//! a stable `extensions.code`.

use std::sync::Arc;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::dataloader::DataLoader;
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, ServerError, Value};
use futures_util::StreamExt;

use super::loader::ProfileLoader;
use super::response_cache::ResponseCache;
use super::{MAX_ALIASES, RoledexSchema};
use crate::auth::Learner;
use crate::error::ApiError;
use crate::http_cache::{Representations, accepts_gzip};
use crate::state::AppState;

pub async fn graphql(
    schema: web::Data<RoledexSchema>,
    state: web::Data<AppState>,
    responses: web::Data<ResponseCache>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> HttpResponse {
    let limit = state.config.body_limit;
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let Ok(chunk) = chunk else {
            return error_response(ApiError::InvalidBody("the request body could not be read".into()));
        };
        if body.len() + chunk.len() > limit {
            return actix_web::ResponseError::error_response(&ApiError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    let cacheable = state.cache.enabled() && ResponseCache::may_store(&req);
    let key = ResponseCache::key(&body);
    let generation = state.cache.generation();
    if cacheable
        && ResponseCache::may_read(&req)
        && let Some(hit) = responses.get(&key, generation)
    {
        return respond(&req, &hit, "hit");
    }
    let request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error_response(ApiError::InvalidBody(format!(
                "expected {{\"query\": \"...\", \"variables\": {{...}}}}: {e}"
            )));
        }
    };
    let document = match async_graphql::parser::parse_query(&request.query) {
        Ok(doc) => doc,
        Err(e @ async_graphql::parser::Error::RecursionLimitExceeded) => {
            return error_response(ApiError::QueryTooComplex(e.to_string()));
        }
        Err(e) => return error_response(ApiError::GraphqlParse(e.to_string())),
    };
    let aliases = count_aliases(&document);
    if aliases > MAX_ALIASES {
        return error_response(ApiError::QueryTooComplex(format!(
            "{aliases} aliases; at most {MAX_ALIASES} are allowed"
        )));
    }
    // A token, when sent, must be valid; without one only public fields resolve.
    let learner = match crate::auth::bearer_token(&req) {
        Ok(Some(token)) => match Learner::from_token(&state, &token).await {
            Ok(learner) => Some(learner),
            Err(err) => return error_response(err),
        },
        Ok(None) => None,
        Err(err) => return error_response(err),
    };
    let loader = DataLoader::new(ProfileLoader { cache: state.cache.clone() }, actix_web::rt::spawn);
    let mut request = request.data(loader);
    if let Some(learner) = learner {
        request = request.data(learner);
    }
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
    if status == StatusCode::OK
        && response.errors.is_empty()
        && cacheable
        && only_queries(&document)
        && let Ok(bytes) = serde_json::to_vec(&response)
    {
        let encoded = Arc::new(Representations::new(bytes.into()));
        responses.insert(key, generation, encoded.clone());
        return respond(&req, &encoded, "miss");
    }
    let mut reply = HttpResponse::build(status);
    reply.content_type("application/json");
    // Tokens and a learner's data must not be kept by browsers or proxies.
    if req.headers().contains_key(header::AUTHORIZATION) || !only_queries(&document) {
        reply.insert_header((header::CACHE_CONTROL, "no-store"));
    }
    reply.json(&response)
}

/// A successful response, gzip-encoded when the client accepts it.
fn respond(req: &HttpRequest, body: &Representations, cache: &'static str) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response
        .content_type("application/json")
        .insert_header((header::VARY, "Accept-Encoding"))
        .insert_header((header::HeaderName::from_static("x-roledex-cache"), cache));
    if accepts_gzip(req) {
        response.insert_header((header::CONTENT_ENCODING, "gzip")).body(body.gzip.clone())
    } else {
        response.body(body.identity.clone())
    }
}

fn only_queries(document: &ExecutableDocument) -> bool {
    document.operations.iter().all(|(_, op)| op.node.ty == OperationType::Query)
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

/// A request-level error in the GraphQL response shape, with its code.
fn error_response(err: ApiError) -> HttpResponse {
    let status = actix_web::ResponseError::status_code(&err);
    let body = serde_json::json!({
        "data": null,
        "errors": [{ "message": err.to_string(), "extensions": { "code": err.code() } }],
    });
    HttpResponse::build(status).content_type("application/json").json(body)
}

fn count_aliases(document: &ExecutableDocument) -> usize {
    fn in_set(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    usize::from(field.node.alias.is_some()) + in_set(&field.node.selection_set.node)
                }
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    let operations: usize = document.operations.iter().map(|(_, op)| in_set(&op.node.selection_set.node)).sum();
    let fragments: usize = document.fragments.values().map(|f| in_set(&f.node.selection_set.node)).sum();
    operations + fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_aliases_in_operations_and_fragments() {
        let doc = async_graphql::parser::parse_query(
            "query { a: role(slug: \"x\") { b: title } ...F } fragment F on QueryRoot { c: skills { name } }",
        );
        assert_eq!(doc.map(|d| count_aliases(&d)).ok(), Some(3));
    }
}
