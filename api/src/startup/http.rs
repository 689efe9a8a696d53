//! The HTTP servers: the API's routes and layers, and `/metrics` on its own listener.

use std::net::TcpListener;
use std::sync::Arc;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::http::{Method, header};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use super::StartupError;
use crate::error::ApiError;
use crate::known_routes::KnownRoutes;
use crate::partner::PartnerAccess;
use crate::state::AppState;
use crate::{graphql, rest};

fn cors(origins: &[String], partners: Arc<PartnerAccess>) -> Cors {
    // Every method and request header the API uses, so a browser client on
    // an allowed origin can call all of it.
    let mut cors = Cors::default()
        .allowed_methods([Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        .allowed_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
            header::CACHE_CONTROL,
            header::HeaderName::from_static("idempotency-key"),
            header::HeaderName::from_static("x-api-key"),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::WWW_AUTHENTICATE,
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static("ratelimit"),
            header::HeaderName::from_static("ratelimit-policy"),
        ])
        // A preflight carries no key: an origin some active key lists may
        // ask; the request itself is then checked against its own key.
        .allowed_origin_fn(move |origin, _| origin.to_str().is_ok_and(|o| partners.keys.is_partner_origin(o)))
        // Browsers enforce CORS; the server only withholds the headers, so
        // same-origin pages (GraphiQL, the docs) keep working.
        .block_on_origin_mismatch(false)
        .max_age(3600);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// What no route took: 405 on a known path, 404 otherwise.
async fn unrouted(req: HttpRequest, routes: web::Data<KnownRoutes>) -> Result<HttpResponse, ApiError> {
    Err(routes.miss(req.method(), req.path()))
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header((header::LOCATION, "/docs/")).finish()
}

/// `/metrics` alone, on its own address, so the scraper's port can stay
/// private while the API's is public.
pub(super) fn metrics_server(address: std::net::SocketAddr, state: AppState) -> Result<(u16, Server), StartupError> {
    let bind_error = |source| StartupError::Bind { address: address.to_string(), source };
    let listener = TcpListener::bind(address).map_err(bind_error)?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(address.port());
    let server = HttpServer::new(move || {
        App::new().app_data(web::Data::new(state.clone())).configure(rest::configure_metrics).default_service(web::to(
            |req: HttpRequest| async move {
                Err::<HttpResponse, _>(ApiError::RouteNotFound(req.path().chars().take(200).collect()))
            },
        ))
    })
    .workers(1)
    .listen(listener)
    .map_err(bind_error)?
    .shutdown_timeout(10)
    .disable_signals()
    .run();
    tracing::info!(%address, port, "metrics are served on their own listener");
    Ok((port, server))
}

pub(super) fn server(listener: TcpListener, state: AppState) -> Result<Server, StartupError> {
    let openapi = rest::openapi();
    let known_routes = web::Data::new(KnownRoutes::new(&openapi));
    let representations = web::Data::new(crate::acceptable::Representations::new(&openapi));
    let graphql = web::Data::new(graphql::GraphqlService {
        schemas: graphql::Schemas::build(state.clone()),
        responses: graphql::response_cache::ResponseCache::with_capacity(
            state.config.graphql_cache_bytes,
            graphql::response_cache::MAX_BODY_BYTES,
        ),
        documents: graphql::documents::DocumentCache::new(
            graphql::int_range::InputTypes::from_sdl(&graphql::sdl()).map_err(StartupError::Schema)?,
        ),
        persisted: Default::default(),
    });
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let server = HttpServer::new(move || {
        let body_limit = state.config.body_limit;
        let (app, _) = App::new().into_utoipa_app().configure(rest::configure).split_for_parts();
        app.app_data(web::Data::new(state.clone()))
            .app_data(web::Data::new(state.metrics.clone()))
            .app_data(graphql.clone())
            .configure(|cfg| rest::extractor_config(cfg, body_limit))
            .configure(rest::configure_probes)
            .route("/graphql", web::post().to(graphql::endpoint::graphql_post))
            .route("/graphql", web::get().to(graphql::endpoint::graphql_get))
            .route("/graphql/assets/{name}", web::get().to(graphql::graphiql_asset))
            .route("/docs", web::get().to(docs_redirect))
            .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", openapi.clone()))
            .app_data(known_routes.clone())
            .app_data(representations.clone())
            .default_service(web::to(unrouted))
            // Order and reasons: `layers.rs`.
            .wrap(from_fn(crate::layers::admission))
            .wrap(cors(&state.config.cors_origins, state.partners.clone()))
            .wrap(from_fn(crate::layers::edge))
    })
    .listen(listener)
    .map_err(|source| StartupError::Bind { address, source })?
    .shutdown_timeout(10)
    .disable_signals()
    .run();
    Ok(server)
}
