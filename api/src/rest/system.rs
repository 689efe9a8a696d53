//! Operations endpoints: liveness, readiness and Prometheus metrics.

use actix_web::{HttpResponse, route, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ready` or `not_ready`.
    pub status: String,
    pub database: bool,
    pub content_loaded: bool,
    /// Hash of the content pack being served.
    pub content_version: Option<String>,
}

/// Liveness: the process is up and serving.
#[route("/healthz", method = "GET", method = "HEAD")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into() })
}

/// Readiness: the database answers and a content pack is loaded.
#[route("/readyz", method = "GET", method = "HEAD")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let database = state.database.ping().await;
    let version = if database { state.catalog.content_version().await.ok().flatten() } else { None };
    let ready = database && version.is_some();
    let body = Readiness {
        status: if ready { "ready" } else { "not_ready" }.into(),
        database,
        content_loaded: version.is_some(),
        content_version: version,
    };
    if ready { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

/// Prometheus metrics in the text exposition format.
#[route("/metrics", method = "GET", method = "HEAD")]
pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    let text = state.metrics.render(state.database.statements.get());
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(text)
}
