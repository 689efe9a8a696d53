//! The quota gate, in front of every API route: who is calling (an API key,
//! a learner's access token, or an anonymous client address), whether a key
//! may do what the route does (its scopes, the page origin), and one GCRA
//! step per quota that applies. Refusals are problem documents (401 for an
//! unknown or revoked key, 403 for a missing scope or origin, 429 over
//! quota); every counted response carries the IETF `RateLimit-Policy` and
//! `RateLimit` fields.

use std::sync::Arc;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpMessage, HttpRequest, web};
use roledex_domain::partner::{ApiKey, Scope, is_key_shaped};
use roledex_domain::ratelimit::gcra::{Decision, Rate, ceil_secs, standing_header};

use crate::auth::bearer_token;
use crate::error::ApiError;
use crate::state::AppState;

/// Who a request counts against.
#[derive(Debug, Clone)]
pub enum Caller {
    Partner(Arc<ApiKey>),
    /// A valid access token without a key: the learner's own bucket.
    Learner {
        bucket: String,
    },
    Anonymous {
        address: String,
    },
}

impl Caller {
    /// A key must have `scope`; learners and anonymous callers are limited by quota alone.
    pub fn require(&self, scope: Scope) -> Result<(), ApiError> {
        match self {
            Self::Partner(key) if !key.allows(scope) => Err(ApiError::ScopeMissing { scope: scope.as_str().into() }),
            _ => Ok(()),
        }
    }

    fn quota(&self, limits: &Limits) -> Charge {
        match self {
            Self::Partner(key) => Charge::new("api-key", key.quota, format!("key:{}", key.id)),
            Self::Learner { bucket } => Charge::new("learner", limits.learner, bucket.clone()),
            Self::Anonymous { address } => Charge::new("anonymous", limits.anonymous, format!("ip:{address}")),
        }
    }

    /// The extra quota of an anonymous stateless computation.
    pub fn compute_quota(&self, limits: &Limits) -> Option<Charge> {
        match self {
            Self::Anonymous { address } => {
                Some(Charge::new("anonymous-compute", limits.anonymous_compute, format!("compute:{address}")))
            }
            _ => None,
        }
    }
}

/// The quotas of callers without a key.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub enabled: bool,
    pub anonymous: Rate,
    pub anonymous_compute: Rate,
    pub learner: Rate,
}

/// One quota a request is counted under.
#[derive(Debug, Clone)]
pub struct Charge {
    name: &'static str,
    rate: Rate,
    bucket: String,
}

impl Charge {
    fn new(name: &'static str, rate: Rate, bucket: String) -> Self {
        Self { name, rate, bucket }
    }
}

/// Where several quotas left a request: the header fields (built as one
/// string each, items joined by ", "), and the refusal if any.
#[derive(Debug, Default, Clone)]
pub struct Standing {
    policy: String,
    standing: String,
    retry_after_ms: Option<i64>,
}

fn append(list: &mut String, item: &str) {
    if !list.is_empty() {
        list.push_str(", ");
    }
    list.push_str(item);
}

impl Standing {
    fn add(&mut self, charge: &Charge, decision: &Decision) {
        append(&mut self.policy, &charge.rate.header(charge.name));
        append(&mut self.standing, &standing_header(charge.name, decision));
        if !decision.allowed {
            self.retry_after_ms = Some(self.retry_after_ms.unwrap_or(0).max(decision.retry_after_ms));
        }
    }

    /// The 429 when some quota refused the request.
    pub fn refusal(&self) -> Option<ApiError> {
        self.retry_after_ms.map(|ms| ApiError::TooManyRequests {
            what: "requests".into(),
            retry_after_secs: ceil_secs(ms).max(1),
            policy: self.policy.clone(),
            standing: self.standing.clone(),
        })
    }

    /// Adds the fields to a response (a field already set, by a stricter refusal, stays).
    pub fn apply(&self, headers: &mut actix_web::http::header::HeaderMap) {
        if self.policy.is_empty() || headers.contains_key("ratelimit") {
            return;
        }
        for (name, value) in [("ratelimit-policy", &self.policy), ("ratelimit", &self.standing)] {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(header::HeaderName::from_static(name), value);
            }
        }
    }

    pub fn merge(&mut self, other: Standing) {
        append(&mut self.policy, &other.policy);
        append(&mut self.standing, &other.standing);
        if let Some(ms) = other.retry_after_ms {
            self.retry_after_ms = Some(self.retry_after_ms.unwrap_or(0).max(ms));
        }
    }
}

/// Counts one request under each charge.
pub async fn spend(state: &AppState, charges: &[Charge]) -> Standing {
    spend_times(state, charges, 1).await
}

/// Counts `times` units under each charge (a GraphQL document running several
/// computations pays for each), stopping at the first refusal.
pub async fn spend_times(state: &AppState, charges: &[Charge], times: u32) -> Standing {
    let mut standing = Standing::default();
    if !state.partners.limits.enabled {
        return standing;
    }
    for charge in charges {
        let mut decision = state.partners.quotas.spend(&charge.bucket, charge.rate).await;
        for _ in 1..times {
            if !decision.allowed {
                break;
            }
            decision = state.partners.quotas.spend(&charge.bucket, charge.rate).await;
        }
        standing.add(charge, &decision);
    }
    standing
}

/// What a route does, for the key's scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    /// Probes, the documents describing the API, GraphiQL's files: never counted.
    Free,
    Content,
    Compute,
    Embed,
    /// `/graphql`: the operation says what it needs (checked by the endpoint).
    Graphql,
    /// Accounts, a learner's own data, administration: counted, no key scope.
    Own,
}

/// The path as the router matches it: percent-escapes decoded, so
/// `/roles/x/%63ompute/...` is classified as the computation it routes to.
/// (Decoding `%2F` too can only make a path look more demanding, never less.)
fn decoded(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains('%') {
        return std::borrow::Cow::Borrowed(path);
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'%'));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn route(raw_path: &str) -> Route {
    let path = decoded(raw_path);
    let path = path.as_ref();
    match path {
        "/healthz" | "/readyz" | "/openapi.json" | "/docs" => Route::Free,
        "/graphql" => Route::Graphql,
        _ if path.starts_with("/docs/") || path.starts_with("/graphql/assets/") => Route::Free,
        _ if path.starts_with("/api/v1/roles/")
            && (path.contains("/compute/") || (path.contains("/charts/") && computes(path))) =>
        {
            Route::Compute
        }
        _ if path.starts_with("/embed/") || path == "/oembed" => Route::Embed,
        _ if ["/api/v1/auth/", "/api/v1/me", "/api/v1/admin/"].iter().any(|p| path.starts_with(p)) => Route::Own,
        _ if path.starts_with("/api/v1/") => Route::Content,
        _ => Route::Own,
    }
}

/// A chart drawn by a guidance rule from the caller's input (a learner's
/// ratings, a budget): counted and scoped as a computation.
fn computes(path: &str) -> bool {
    ["/learner-radar", "/certification-timeline"].iter().any(|chart| path.ends_with(chart))
}

/// Where a request's API key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presented {
    /// `X-Api-Key`, or a bearer credential shaped like a key.
    Header,
    /// `key=` in an embed page's address: a frame sends no header, and the
    /// key is public in the partner's HTML.
    Address,
}

fn presented_key(req: &HttpRequest) -> Result<Option<(String, Presented)>, ApiError> {
    if route(req.path()) == Route::Embed
        && let Some(key) = crate::embed::oembed::key_in_query(req.query_string())
    {
        return Ok(Some((key.trim().to_owned(), Presented::Address)));
    }
    if let Some(value) = req.headers().get("x-api-key") {
        let key = value.to_str().map_err(|_| ApiError::ApiKeyRefused("unreadable X-Api-Key header".into()))?;
        return Ok(Some((key.trim().to_owned(), Presented::Header)));
    }
    match bearer_token(req) {
        Ok(Some(token)) if token.starts_with(roledex_domain::partner::KEY_PREFIX) => {
            Ok(Some((token, Presented::Header)))
        }
        _ => Ok(None),
    }
}

/// Who is calling. A key, once presented, must be valid and allowed on the page's origin.
pub async fn identify(state: &AppState, req: &HttpRequest) -> Result<Caller, ApiError> {
    if let Some((secret, presented)) = presented_key(req)? {
        let key = state.partners.keys.resolve(&secret).await?;
        if presented == Presented::Address && !key.is_embed_only() {
            return Err(ApiError::ApiKeyRefused(
                "a key in a page's address (`key=`) is public: it must have the `embed` scope alone; \
                 send other keys in X-Api-Key"
                    .into(),
            ));
        }
        if let Some(origin) = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok())
            && !key.allows_origin(origin)
        {
            return Err(ApiError::OriginNotAllowed { origin: origin.chars().take(200).collect() });
        }
        return Ok(Caller::Partner(key));
    }
    if let Ok(Some(token)) = bearer_token(req)
        && !is_key_shaped(&token)
        && let Ok(subject) = state.tokens.verify(&token)
    {
        return Ok(Caller::Learner { bucket: format!("learner:{}", subject.quota_id()) });
    }
    Ok(Caller::Anonymous { address: state.partners.proxies.client_address(req) })
}

async fn admit(state: &AppState, req: &HttpRequest, route: Route) -> Result<(Caller, Standing), ApiError> {
    let caller = match identify(state, req).await {
        Ok(caller) => caller,
        // Guessed or stale keys count against their sender's address.
        Err(refused @ (ApiError::ApiKeyRefused(_) | ApiError::OriginNotAllowed { .. })) => {
            let anonymous = Caller::Anonymous { address: state.partners.proxies.client_address(req) };
            let standing = spend(state, &[anonymous.quota(&state.partners.limits)]).await;
            return Err(standing.refusal().unwrap_or(refused));
        }
        Err(other) => return Err(other),
    };
    let mut charges = vec![caller.quota(&state.partners.limits)];
    match route {
        Route::Content => caller.require(Scope::ContentRead)?,
        Route::Embed => {
            caller.require(Scope::Embed)?;
            if computes(&decoded(req.path())) {
                charges.extend(caller.compute_quota(&state.partners.limits));
            }
        }
        Route::Compute => {
            caller.require(Scope::GuidanceCompute)?;
            charges.extend(caller.compute_quota(&state.partners.limits));
        }
        Route::Free | Route::Graphql | Route::Own => {}
    }
    let standing = spend(state, &charges).await;
    match standing.refusal() {
        Some(refusal) => Err(refusal),
        None => Ok((caller, standing)),
    }
}

/// What the gate let through: the quota standing its response reports.
#[derive(Debug, Default)]
pub struct Admitted {
    /// `None` for a route that is never counted.
    standing: Option<Standing>,
    graphql: bool,
}

impl Admitted {
    /// Adds the `RateLimit` fields to the response, with whatever a GraphQL
    /// computation counted under one more quota.
    pub fn report<B>(self, response: &mut ServiceResponse<B>) {
        let Some(mut standing) = self.standing else { return };
        if self.graphql
            && let Some(more) = response.request().extensions_mut().remove::<Standing>()
        {
            standing.merge(more);
        }
        standing.apply(response.headers_mut());
    }
}

/// Identifies the caller, checks the key's scope and origin for the route,
/// and counts the request; `Err` is the refusal to answer with.
pub async fn admit_request(req: &ServiceRequest) -> Result<Admitted, ApiError> {
    let route = route(req.path());
    let state = req.app_data::<web::Data<AppState>>();
    let Some(state) = state.filter(|_| route != Route::Free) else { return Ok(Admitted::default()) };
    let (caller, standing) = admit(state, req.request(), route).await?;
    // GraphQL reads the caller (its scopes depend on the document), and an
    // embed page its key (the origins that may frame it).
    let graphql = route == Route::Graphql;
    if graphql || route == Route::Embed {
        req.extensions_mut().insert(caller);
    }
    Ok(Admitted { standing: Some(standing), graphql })
}

#[cfg(test)]
mod tests;
