//! `/api/v1/certifications` and `/api/v1/skills`: the shared catalogs.

use actix_web::{HttpRequest, HttpResponse, route, web};
use serde::Serialize;
use tracing::instrument;
use utoipa::ToSchema;

use super::params::{self, SearchParams};
use crate::dto;
use crate::error::{ApiError, Problem};
use crate::http_cache::json_with_etag;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationList {
    pub items: Vec<dto::Certification>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkillList {
    pub items: Vec<dto::Skill>,
}

/// Every certification in the catalog, by name; `q` filters by name, full name, provider or slug.
#[utoipa::path(
    get,
    path = "/certifications",
    tag = "catalog",
    params(SearchParams),
    responses(
        (status = 200, description = "Certifications", body = CertificationList),
        (status = 400, description = "Invalid `q`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/certifications", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn list_certifications(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<SearchParams>,
) -> Result<HttpResponse, ApiError> {
    let search = params::search_text(query.q.as_deref())?;
    let items = state.catalog.list_certifications(search).await?;
    let body = CertificationList { items: items.iter().map(dto::Certification::from).collect() };
    json_with_etag(&req, &body, state.cache_control())
}

/// Every skill in the catalog, by name; `q` filters by name, slug or description.
#[utoipa::path(
    get,
    path = "/skills",
    tag = "catalog",
    params(SearchParams),
    responses(
        (status = 200, description = "Skills", body = SkillList),
        (status = 400, description = "Invalid `q`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/skills", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn list_skills(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<SearchParams>,
) -> Result<HttpResponse, ApiError> {
    let search = params::search_text(query.q.as_deref())?;
    let items = state.catalog.list_skills(search).await?;
    let body = SkillList { items: items.iter().map(dto::Skill::from).collect() };
    json_with_etag(&req, &body, state.cache_control())
}
