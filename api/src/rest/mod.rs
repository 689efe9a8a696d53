//! The REST API under `/api/v1`, documented by OpenAPI. Routes are registered
//! through utoipa-actix-web, so a route cannot exist without its documentation.

mod admin;
mod auth;
pub(crate) mod body;
mod catalog;
mod compute;
mod contract;
mod embeds;
mod formats;
mod me;
pub mod params;
mod plans;
mod privacy;
pub mod problem;
mod roles;
mod saved;
mod sync;
mod system;
mod taxonomies;

use actix_web::web;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope, service_config::ServiceConfig};

use crate::error::ApiError;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Roledex API",
        description = "Career role profiles and the guidance computed from them.\n\n\
Errors are `application/problem+json` documents with a stable `code` (the same code GraphQL sends in `extensions.code`).\n\n\
Content responses carry a strong `ETag` and `Cache-Control: public`; send `If-None-Match` to get `304 Not Modified`.\n\n\
**Certification value score** (0-100, computed by Roledex; no source publishes such a figure, and the table's \
default order is the published `rank`): `100 × coverage × 1000/(1000 + cost midpoint USD) × 40/(40 + study hours) × \
5/(5 + required years of experience)`. Coverage is the share of the role's skill weight (importance weight × target \
level) that the certification builds; study hours are the course length (days × 8) or a 40-hour planning default. \
Every row carries the formula and each input; a cost in another currency gives `value_score: null`.\n\n\
## Partner access\n\n\
Partners send an API key (`rdx_` and 43 characters) as `X-Api-Key: rdx_...` or `Authorization: Bearer rdx_...`. \
Admins make keys (`POST /api/v1/admin/api-keys`, GraphQL `createApiKey`, or `roledex api-key create`); the secret is \
shown once. A key has scopes: `content:read` (profiles, skills, certifications, search, taxonomies), \
`guidance:compute` (`/roles/{slug}/compute/...`, GraphQL `compute*`) and `embed`; allowed browser origins (CORS; \
a request whose `Origin` is not one of them gets 403 `origin_not_allowed`); and a quota in requests per minute \
(a burst of that many, then one every 60/N seconds). An unknown or revoked key gets 401 `invalid_api_key`, a \
missing scope 403 `insufficient_scope`.\n\n\
Without a key, requests are counted per client address (120 a minute by default, and 30 stateless computations \
a minute on top); with a learner's access token, per learner (120 a minute). Counted responses carry \
`RateLimit-Policy` (`\"api-key\";q=600;w=60`) and `RateLimit` (`\"api-key\";r=599;t=1`: remaining, and seconds \
until the burst is whole); over quota the answer is 429 `too_many_requests` with `Retry-After` in seconds. Login \
is also limited per account and per address against password guessing.\n\n\
```\n\
curl -H 'X-Api-Key: rdx_...' https://roledex.example/api/v1/roles/ai-systems-safety-manager\n\
curl -X POST -H 'X-Api-Key: rdx_...' -H 'Content-Type: application/json' \\\n\
  -d '{\"ratings\":[{\"skill\":\"red-teaming-methodology\",\"level\":3}]}' \\\n\
  https://roledex.example/api/v1/roles/ai-systems-safety-manager/compute/self-assessment\n\
```",
    ),
    tags(
        (name = "roles", description = "Role profiles and their sections"),
        (name = "catalog", description = "Certifications and skills shared by roles"),
        (name = "taxonomies", description = "MITRE ATLAS, the OWASP Top 10 for LLM Applications and the NIST AI RMF core, imported from their publishers' data"),
        (name = "auth", description = "Accounts and tokens"),
        (name = "learner", description = "The signed-in learner's assessments, scores and plans"),
        (name = "sync", description = "Offline sync for mobile apps: the WatermelonDB pull and push protocol"),
        (name = "compute", description = "Every guidance computation without an account: the learner's rules and answers, nothing stored"),
        (name = "admin", description = "Partner API keys, for accounts with the admin role"),
        (name = "embeds", description = "Charts as SVG, embed pages for an iframe, and oEmbed"),
    ),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares the bearer-token scheme the learner endpoints use.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
        components.add_security_scheme(
            "apiKey",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Api-Key",
                "A partner key (`rdx_...`), also accepted as `Authorization: Bearer rdx_...`",
            ))),
        );
    }
}

/// Registers every REST route (and its documentation) on `cfg`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        scope::scope("/api/v1")
            .service(roles::list_roles)
            .service(roles::get_role)
            .service(roles::role_certifications)
            .service(roles::role_skills)
            .service(roles::role_career_paths)
            .service(roles::role_interview_questions)
            .service(roles::role_download)
            .service(embeds::role_chart)
            .service(formats::structured_data)
            .service(me::knowledge_check)
            .service(catalog::list_certifications)
            .service(catalog::list_skills)
            .service(catalog::roles_needing_skill)
            .service(compute::self_assessment)
            .service(compute::qualification_check)
            .service(compute::quiz_attempt)
            .service(compute::readiness)
            .service(compute::certification_timeline)
            .service(compute::sprint_plan)
            .service(taxonomies::list_taxonomies)
            .service(taxonomies::get_taxonomy)
            .service(taxonomies::list_items)
            .service(taxonomies::get_item)
            .service(auth::register)
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(me::me)
            .service(me::submit_assessment)
            .service(me::latest_assessment)
            .service(me::assessments)
            .service(me::submit_qualification)
            .service(me::qualification_checks)
            .service(me::submit_quiz)
            .service(me::quiz_attempts)
            .service(me::readiness)
            .service(me::timeline)
            .service(plans::build_plan)
            .service(plans::list_plans)
            .service(plans::plan_calendar)
            .service(plans::plan)
            .service(plans::set_task)
            .service(sync::pull)
            .service(sync::push)
            .service(saved::saved_items)
            .service(saved::save_item)
            .service(saved::remove_saved_item)
            .service(privacy::export)
            .service(privacy::delete_account)
            .service(admin::create_api_key)
            .service(admin::list_api_keys)
            .service(admin::get_api_key)
            .service(admin::revoke_api_key),
    )
    .service(embeds::embed_page)
    .service(embeds::oembed);
}

/// Probes for orchestrators (README, "API at a glance"): served beside the
/// API, not part of its contract.
pub fn configure_probes(cfg: &mut web::ServiceConfig) {
    cfg.service(system::healthz).service(system::readyz);
}

/// `/metrics`, served on its own listener (`metrics_listen`).
pub fn configure_metrics(cfg: &mut web::ServiceConfig) {
    cfg.service(system::metrics);
}

/// The OpenAPI document the routes describe, without starting a server.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut api) =
        actix_web::App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(configure).split_for_parts();
    contract::apply(&mut api);
    api
}

/// Extractor settings that turn malformed input into problem documents.
pub fn extractor_config(cfg: &mut web::ServiceConfig, body_limit: usize) {
    cfg.app_data(web::QueryConfig::default().error_handler(|err, _| {
        ApiError::invalid("query", format!("the query string could not be read: {err}")).into()
    }))
    .app_data(web::PathConfig::default().error_handler(|err, _| ApiError::invalid("path", err.to_string()).into()))
    .app_data(web::JsonConfig::default().limit(body_limit).error_handler(move |err, req| {
        match err {
            actix_web::error::JsonPayloadError::OverflowKnownLength { .. }
            | actix_web::error::JsonPayloadError::Overflow { .. } => {
                ApiError::PayloadTooLarge { limit: body_limit }.into()
            }
            actix_web::error::JsonPayloadError::ContentType => ApiError::UnsupportedMediaType {
                found: req
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("none")
                    .chars()
                    .take(100)
                    .collect(),
                expected: "application/json".into(),
            }
            .into(),
            other => ApiError::InvalidBody(other.to_string()).into(),
        }
    }))
    .app_data(web::PayloadConfig::default().limit(body_limit));
}
