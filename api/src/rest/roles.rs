//! `/api/v1/roles`: role lists and every section of a profile.

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, http::header, route, web};
use roledex_domain::scoring::{rank_certifications, sort_certifications};
use serde::Serialize;
use tracing::instrument;
use utoipa::ToSchema;

use super::formats;
use super::params::{self, CertificationSortParams, ListParams};
use super::problem::Problem;
use crate::cache::CachedProfile;
use crate::dto;
use crate::error::ApiError;
use crate::formats::negotiate;
use crate::http_cache::{cached_json, json_with_etag, negotiated, vary_on_accept};
use crate::state::AppState;

/// A page of roles.
#[derive(Debug, Serialize, ToSchema)]
pub struct RolePage {
    pub items: Vec<dto::RoleSummary>,
    /// Number of roles matching the query, across all pages.
    pub total: u64,
    /// Pass as `after` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationTable {
    pub sort: String,
    pub order: String,
    pub items: Vec<dto::CertificationRow>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleSkills {
    pub skills: Vec<dto::RoleSkill>,
    pub radar: Vec<dto::RadarAxis>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InterviewQuestions {
    pub items: Vec<dto::InterviewQuestion>,
}

pub(super) async fn cached_profile(state: &AppState, raw_slug: &str) -> Result<Arc<CachedProfile>, ApiError> {
    if let Some(hit) = state.cache.cached(raw_slug).await {
        return Ok(hit);
    }
    let slug = params::role_slug(raw_slug)?;
    // Boxed: a load's future is kilobytes, which every hit would otherwise
    // carry (and copy) inside the handler's future.
    Box::pin(state.cache.profile(&slug)).await?.ok_or_else(|| ApiError::RoleNotFound(slug.to_string()))
}

/// List role profiles, optionally filtered by a search text.
#[utoipa::path(
    get,
    path = "/roles",
    tag = "roles",
    params(ListParams),
    responses(
        (status = 200, description = "A page of roles, ordered by title", body = RolePage),
        (status = 400, description = "Invalid `first`, `after` or `q`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn list_roles(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<ListParams>,
) -> Result<HttpResponse, ApiError> {
    let page = params::page(query.first.as_deref(), query.after.as_deref())?;
    let search = params::search_text(query.q.as_deref())?;
    let kind = params::completeness(query.completeness.as_deref())?;
    let found = state.catalog.list_roles(kind, search, page).await?;
    let next = page.offset + found.items.len() as u64;
    let body = RolePage {
        items: found.items.iter().map(dto::RoleSummary::from).collect(),
        total: found.total,
        next_cursor: (next < found.total).then(|| params::encode_cursor(next)),
    };
    json_with_etag(&req, &body, state.cache_control())
}

/// The whole profile of a role: every section in one document.
#[utoipa::path(
    get,
    path = "/roles/{slug}",
    tag = "roles",
    params(("slug" = String, Path, description = "Role slug, e.g. ai-systems-safety-manager")),
    responses(
        (status = 200, description = "The profile (gzip-encoded when `Accept-Encoding` allows); with `Accept: application/ld+json`, \
the profile as a schema.org `Occupation` (see `/roles/{slug}/structured-data`)",
            content(
                (dto::RoleProfile = "application/json"),
                (serde_json::Value = "application/ld+json"),
            ),
            headers(("ETag" = String, description = "Strong validator of this representation"), ("Cache-Control" = String), ("Vary" = String))),
        (status = 304, description = "Not modified (the `If-None-Match` ETag is current)"),
        (status = 404, description = "No such role (`role_not_found`)", body = Problem, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names neither JSON nor JSON-LD (`not_acceptable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles/{slug}", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn get_role(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let chosen = negotiate::choose(&req, &["application/json", "application/ld+json"])?;
    let cached = cached_profile(&state, &slug).await?;
    if chosen == "application/ld+json" {
        return formats::json_ld(&req, &state, &cached.profile);
    }
    let mut response = negotiated(&req, &cached.rest, "application/json", state.cache_control());
    vary_on_accept(&mut response);
    Ok(response)
}

/// The role's certifications table, sorted.
#[utoipa::path(
    get,
    path = "/roles/{slug}/certifications",
    tag = "roles",
    params(("slug" = String, Path, description = "Role slug"), CertificationSortParams),
    responses(
        (status = 200, description = "The certifications with published rank, computed value score and covered skills; \
with `Accept: text/csv`, the same rows as CSV (RFC 4180, a header row; a figure no source gives is an empty field)",
            content(
                (CertificationTable = "application/json"),
                (String = "text/csv"),
            ),
            headers(("ETag" = String), ("Cache-Control" = String), ("Vary" = String))),
        (status = 304, description = "Not modified"),
        (status = 400, description = "Invalid `sort` or `order` (`invalid_parameter`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such role", body = Problem, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names neither JSON nor CSV (`not_acceptable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles/{slug}/certifications", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn role_certifications(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    query: web::Query<CertificationSortParams>,
) -> Result<HttpResponse, ApiError> {
    let (by, order) = params::certification_sort(query.sort.as_deref(), query.order.as_deref())?;
    let cached = cached_profile(&state, &slug).await?;
    let mut rows = rank_certifications(&cached.profile);
    sort_certifications(&mut rows, by, order);
    if negotiate::choose(&req, &["application/json", "text/csv"])? == "text/csv" {
        return formats::certifications_csv(&req, &state, cached.profile.document.slug.as_str(), &rows);
    }
    let body = CertificationTable {
        sort: by.as_str().into(),
        order: order.as_str().into(),
        items: rows.iter().map(dto::CertificationRow::from).collect(),
    };
    let mut response = json_with_etag(&req, &body, state.cache_control())?;
    vary_on_accept(&mut response);
    Ok(response)
}

/// The role's skills with importance and target level, and its skills radar.
#[utoipa::path(
    get,
    path = "/roles/{slug}/skills",
    tag = "roles",
    params(("slug" = String, Path, description = "Role slug")),
    responses(
        (status = 200, description = "Skills and radar", body = RoleSkills),
        (status = 404, description = "No such role", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles/{slug}/skills", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn role_skills(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let cached = cached_profile(&state, &slug).await?;
    let body = RoleSkills { skills: cached.dto.skills.clone(), radar: cached.dto.skills_radar.clone() };
    json_with_etag(&req, &body, state.cache_control())
}

/// Transition paths into the role, and the ladder up with its compensation.
#[utoipa::path(
    get,
    path = "/roles/{slug}/career-paths",
    tag = "roles",
    params(("slug" = String, Path, description = "Role slug")),
    responses(
        (status = 200, description = "Career paths", body = dto::CareerPaths),
        (status = 404, description = "No such role", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles/{slug}/career-paths", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn role_career_paths(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let cached = cached_profile(&state, &slug).await?;
    json_with_etag(&req, &cached.dto.career_paths, state.cache_control())
}

/// Interview questions with what each tests and the key points of a strong answer.
#[utoipa::path(
    get,
    path = "/roles/{slug}/interview-questions",
    tag = "roles",
    params(("slug" = String, Path, description = "Role slug")),
    responses(
        (status = 200, description = "Interview prep", body = InterviewQuestions),
        (status = 404, description = "No such role", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles/{slug}/interview-questions", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn role_interview_questions(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let cached = cached_profile(&state, &slug).await?;
    json_with_etag(&req, &InterviewQuestions { items: cached.dto.interview_questions.clone() }, state.cache_control())
}

/// A downloadable document of the role (template, study guide, checklist) as Markdown.
#[utoipa::path(
    get,
    path = "/roles/{slug}/downloads/{key}",
    tag = "roles",
    params(("slug" = String, Path, description = "Role slug"), ("key" = String, Path, description = "Download key")),
    responses(
        (status = 200, description = "The document as Markdown, or with `Accept: application/pdf` as a PDF rendered from the same Markdown",
            content(
                (String = "text/markdown"),
                (String = "application/pdf"),
            ),
            headers(("ETag" = String), ("Cache-Control" = String), ("Vary" = String))),
        (status = 304, description = "Not modified"),
        (status = 404, description = "No such role or download", body = Problem, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names neither Markdown nor PDF (`not_acceptable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/roles/{slug}/downloads/{key}", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn role_download(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, key) = path.into_inner();
    let chosen = negotiate::choose(&req, &["text/markdown", "application/pdf"])?;
    let cached = cached_profile(&state, &slug).await?;
    let download =
        cached.profile.document.downloads.iter().find(|d| d.key.as_str() == key).ok_or_else(|| {
            ApiError::DownloadNotFound { role: slug.clone(), download: key.chars().take(80).collect() }
        })?;
    if chosen == "application/pdf" {
        return Ok(formats::download_pdf(&req, &state, &cached.profile.document.title, download));
    }
    let etag = crate::http_cache::strong_etag(download.body.as_bytes());
    let mut response = cached_json(&req, download.body.clone().into(), &etag, state.cache_control());
    if response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/markdown; charset=utf-8"));
    }
    vary_on_accept(&mut response);
    Ok(response)
}
