//! `/graphql` over HTTP: POST and GET (see `http` for what each accepts),
//! persisted queries, the response cache for repeated public queries and the
//! checks before execution (`execution` runs the request and shapes errors).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::http::{Method, header};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use async_graphql::dataloader::DataLoader;

use super::documents::DocumentCache;
use super::execution::{Executed, error_response, execute};
use super::http::{Media, Params, check_post_content_type};
use super::loader::ProfileLoader;
use super::operation_key::OperationKey;
use super::persisted::PersistedQueries;
use super::response_cache::{CachedResponse, ResponseCache};
use super::{RoledexSchema, Schemas};
use crate::auth::Learner;
use crate::error::ApiError;
use crate::http_cache::accepts_gzip;
use crate::state::AppState;

/// Everything `/graphql` keeps between requests.
pub struct GraphqlService {
    pub schemas: Schemas,
    pub responses: ResponseCache,
    pub documents: DocumentCache,
    pub persisted: PersistedQueries,
}

pub async fn graphql_post(
    service: web::Data<GraphqlService>,
    state: web::Data<AppState>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> HttpResponse {
    let media = match Media::negotiate(&req) {
        Ok(media) => media,
        Err(err) => return err.error_response(),
    };
    if let Err(err) = check_post_content_type(&req) {
        return err.error_response();
    }
    let body = match crate::rest::body::read_limited(&mut payload, state.config.body_limit).await {
        Ok(body) => body,
        Err(err) => return error_response(err, media),
    };
    let exchange = Exchange { service: &service, state: &state, req: &req, media, method: Method::POST };
    if let Some(hit) = exchange.cached(&body).await {
        return hit;
    }
    match Params::from_body(&body) {
        // Boxed: an execution's future is large, and a hit should not carry it.
        Ok(params) => Box::pin(exchange.run(params, body)).await,
        Err(err) => error_response(err, media),
    }
}

/// GET runs query operations from the query string; a browser opening the
/// bare URL gets GraphiQL.
pub async fn graphql_get(
    service: web::Data<GraphqlService>,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> HttpResponse {
    if req.query_string().is_empty() && wants_html(&req) {
        return super::graphiql_page().await;
    }
    let media = match Media::negotiate(&req) {
        Ok(media) => media,
        Err(err) => return err.error_response(),
    };
    // Remembered apart from POST bodies: a query string is never a JSON body.
    let raw = web::Bytes::from(format!("GET {}", req.query_string()));
    let exchange = Exchange { service: &service, state: &state, req: &req, media, method: Method::GET };
    if let Some(hit) = exchange.cached(&raw).await {
        return hit;
    }
    match Params::from_query_string(req.query_string()) {
        Ok(params) => Box::pin(exchange.run(params, raw)).await,
        Err(err) => error_response(err, media),
    }
}

fn wants_html(req: &HttpRequest) -> bool {
    req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// One request on its way through.
struct Exchange<'a> {
    service: &'a GraphqlService,
    state: &'a AppState,
    req: &'a HttpRequest,
    media: Media,
    method: Method,
}

impl Exchange<'_> {
    fn cache_enabled(&self) -> bool {
        self.state.cache.enabled() && ResponseCache::may_store(self.req)
    }

    fn may_read_cache(&self) -> bool {
        self.cache_enabled() && ResponseCache::may_read(self.req)
    }

    /// A request seen before, answered without parsing it.
    async fn cached(&self, raw: &web::Bytes) -> Option<HttpResponse> {
        if !self.may_read_cache() {
            return None;
        }
        let hit = self.service.responses.get_by_body(raw, self.state.cache.generation()).await?;
        if let Err(err) = self.admit(hit.needs).await {
            return Some(error_response(err, self.media));
        }
        Some(self.respond(&hit, Served::Hit))
    }

    async fn run(&self, params: Params, raw: web::Bytes) -> HttpResponse {
        let (media, service) = (self.media, self.service);
        let query = match service.persisted.resolve(params.query, params.extensions.as_ref()) {
            Ok(query) => query,
            Err(err) => return error_response(err, media),
        };
        // Parsed once per distinct text: checked here, then handed to the executor.
        let parsed = match service.documents.parse(&query) {
            Ok(parsed) => parsed,
            Err(err) => return error_response(err, media),
        };
        if self.method == Method::GET && !parsed.public_query {
            let err = ApiError::MethodNotAllowed { method: "GET".into(), allowed: "POST".into() };
            return err.error_response();
        }
        if let Err(err) = self.admit(parsed.needs).await {
            return error_response(err, media);
        }
        // A token, when sent, must be valid; without one only public fields resolve.
        let learner = match crate::auth::bearer_token(self.req) {
            // A partner's key sent as a bearer credential was checked by the gate.
            Ok(Some(token)) if roledex_domain::partner::is_key_shaped(&token) => None,
            Ok(Some(token)) => match Learner::from_token(self.state, &token).await {
                Ok(learner) => Some(learner),
                Err(err) => return error_response(err, media),
            },
            Ok(None) => None,
            Err(err) => return error_response(err, media),
        };
        let variables = serde_json::Value::Object(params.variables.unwrap_or_default());
        if let Err(err) = service.documents.input_types.check_variables(&parsed.document, &variables) {
            return error_response(err, media);
        }
        let key = (self.cache_enabled() && parsed.public_query)
            .then(|| Arc::new(OperationKey::new(&query, params.operation_name.as_deref(), &variables)));
        let mut request = async_graphql::Request::new(query.as_ref())
            .variables(async_graphql::Variables::from_json(variables))
            .data(DataLoader::new(ProfileLoader { cache: self.state.cache.clone() }, actix_web::rt::spawn))
            .data(crate::learning::throttle::ClientAddress::of(self.req));
        if let Some(name) = params.operation_name {
            request = request.operation_name(name);
        }
        if let Some(learner) = learner {
            request = request.data(learner);
        }
        request.set_parsed_query(parsed.document.clone());
        let schema = if parsed.introspects { &service.schemas.introspection } else { &service.schemas.data };
        let Some(key) = key else {
            let executed = execute(schema, request, media).await;
            return self.executed_response(executed, !parsed.public_query);
        };
        self.run_cached(schema, request, raw, key, parsed.needs).await
    }

    /// What the caller's key must allow, and the quota of an anonymous computation.
    async fn admit(&self, needs: super::scopes::Needs) -> Result<(), ApiError> {
        use roledex_domain::partner::Scope;
        let charge = {
            let extensions = self.req.extensions();
            let Some(caller) = extensions.get::<crate::partner::Caller>() else { return Ok(()) };
            if needs.content {
                caller.require(Scope::ContentRead)?;
            }
            if needs.compute == 0 {
                return Ok(());
            }
            caller.require(Scope::GuidanceCompute)?;
            caller.compute_quota(&self.state.partners.limits)
        };
        if let Some(charge) = charge {
            // Each computation in the document counts (aliases included).
            let standing = crate::partner::gate::spend_times(self.state, &[charge], needs.compute).await;
            if let Some(refusal) = standing.refusal() {
                return Err(refusal);
            }
            self.req.extensions_mut().insert(standing);
        }
        Ok(())
    }

    /// Runs a public query through the response cache; the raw request body
    /// is then remembered with its answer.
    async fn run_cached(
        &self,
        schema: &RoledexSchema,
        request: async_graphql::Request,
        raw: web::Bytes,
        key: Arc<OperationKey>,
        needs: super::scopes::Needs,
    ) -> HttpResponse {
        let generation = self.state.cache.generation();
        let executed_here = AtomicBool::new(false);
        let run = async {
            executed_here.store(true, Ordering::Relaxed);
            let executed = execute(schema, request, self.media).await;
            if executed.cacheable {
                Ok(Arc::new(CachedResponse::new(generation, executed.body, needs)))
            } else {
                Err(executed)
            }
        };
        let responses = &self.service.responses;
        let outcome = if self.may_read_cache() {
            // Concurrent requests for one operation share one execution.
            responses.get_or_execute(Arc::clone(&key), generation, run).await
        } else {
            // `no-cache`: run it again and refresh the entry.
            match run.await {
                Ok(fresh) => {
                    responses.insert(Arc::clone(&key), fresh.clone()).await;
                    Ok(fresh)
                }
                Err(executed) => Err(Arc::new(executed)),
            }
        };
        if let Ok(response) = &outcome {
            responses.remember_body(raw, key, response).await;
        }
        match outcome {
            Ok(response) if executed_here.load(Ordering::Relaxed) => self.respond(&response, Served::Executed),
            // Cached meanwhile, or answered by a concurrent execution of the same operation.
            Ok(response) => self.respond(&response, Served::Hit),
            Err(executed) => self.executed_response((*executed).clone(), false),
        }
    }

    /// An answer that did not go through the response cache. Tokens, a
    /// learner's data and errors must not be kept by browsers or proxies.
    fn executed_response(&self, executed: Executed, private: bool) -> HttpResponse {
        let mut reply = HttpResponse::build(executed.status);
        reply.content_type(self.media.content_type());
        if private || !executed.cacheable || self.req.headers().contains_key(header::AUTHORIZATION) {
            reply.insert_header((header::CACHE_CONTROL, "no-store"));
        } else if self.method == Method::GET {
            reply.insert_header((header::CACHE_CONTROL, self.state.cache_control().clone()));
        }
        reply.body(executed.body)
    }

    /// A complete answer to a public query, gzip-encoded when the client
    /// accepts it. Over GET, shared caches may keep it like any content.
    fn respond(&self, body: &CachedResponse, cache: Served) -> HttpResponse {
        let mut response = HttpResponse::Ok();
        response
            .content_type(self.media.content_type())
            .insert_header((header::VARY, "Accept, Accept-Encoding"))
            .insert_header((header::HeaderName::from_static("x-roledex-cache"), cache.label()));
        if self.method == Method::GET {
            response.insert_header((header::CACHE_CONTROL, self.state.cache_control().clone()));
        }
        let gzip = match cache {
            _ if !accepts_gzip(self.req) => None,
            Served::Hit => body.gzip().cloned(),
            Served::Executed => body.gzip_once(),
        };
        match gzip {
            Some(gzip) => response.insert_header((header::CONTENT_ENCODING, "gzip")).body(gzip),
            None => response.body(body.identity.clone()),
        }
    }
}

/// How a public query's answer was come by.
#[derive(Debug, Clone, Copy)]
enum Served {
    /// From the response cache (or a concurrent request's execution).
    Hit,
    /// Executed for this request.
    Executed,
}

impl Served {
    /// The `X-Roledex-Cache` value.
    fn label(self) -> &'static str {
        match self {
            Self::Hit => "hit",
            Self::Executed => "miss",
        }
    }
}
