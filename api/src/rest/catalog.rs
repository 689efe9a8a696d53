//! `/api/v1/certifications` and `/api/v1/skills`: the shared catalogs.

use actix_web::{HttpRequest, HttpResponse, route, web};
use serde::Serialize;
use tracing::instrument;
use utoipa::ToSchema;

use super::params::{self, SearchParams};
use super::problem::Problem;
use crate::catalog;
use crate::dto;
use crate::error::ApiError;
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

#[derive(Debug, Serialize, ToSchema)]
pub struct RolesNeedingSkill {
    pub skill: String,
    /// Roles listing the skill, by title.
    pub items: Vec<dto::RoleNeed>,
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

/// The roles that need a skill, by title, with the importance and target level each gives it.
#[utoipa::path(
    get,
    path = "/skills/{slug}/roles",
    tag = "catalog",
    params(("slug" = String, Path, description = "A skill slug")),
    responses(
        (status = 200, description = "Roles needing the skill", body = RolesNeedingSkill),
        (status = 404, description = "`skill_not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/skills/{slug}/roles", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn roles_needing_skill(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let needs = catalog::roles_needing_skill(&state, &slug).await?;
    let body = RolesNeedingSkill { skill: slug.into_inner(), items: needs.iter().map(dto::RoleNeed::from).collect() };
    json_with_etag(&req, &body, state.cache_control())
}
