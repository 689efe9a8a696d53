//! `/api/v1/taxonomies`: MITRE ATLAS, the OWASP Top 10 for LLM Applications
//! and the NIST AI RMF core, as imported from their publishers' releases.

use actix_web::{HttpRequest, HttpResponse, route, web};
use roledex_persistence::taxonomy::ItemFilter;
use serde::{Deserialize, Serialize};
use tracing::instrument;
use utoipa::{IntoParams, ToSchema};

use super::params;
use super::problem::Problem;
use crate::dto;
use crate::error::ApiError;
use crate::http_cache::json_with_etag;
use crate::state::AppState;
use crate::taxonomies;

#[derive(Debug, Serialize, ToSchema)]
pub struct TaxonomyList {
    /// Every imported release, in the order atlas, owasp-llm, nist-ai-rmf.
    pub items: Vec<dto::TaxonomyRelease>,
}

/// A page of taxonomy items, in release order.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaxonomyItemPage {
    pub items: Vec<dto::TaxonomyItem>,
    /// Number of items matching the query, across all pages.
    pub total: u64,
    /// Pass as `after` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemListParams {
    /// Only items of this type.
    #[serde(rename = "type")]
    #[param(rename = "type", inline, value_type = Option<dto::TaxonomyItemType>)]
    pub item_type: Option<String>,
    /// Case-insensitive text to search for in the id, name and description.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub first: Option<String>,
    /// Cursor from a previous page's `next_cursor`.
    #[param(pattern = "^o[0-9a-f]{1,15}$")]
    pub after: Option<String>,
}

/// Every imported taxonomy release, with item counts computed from its data.
#[utoipa::path(
    get,
    path = "/taxonomies",
    tag = "taxonomies",
    responses((status = 200, description = "Imported releases", body = TaxonomyList))
)]
#[route("/taxonomies", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn list_taxonomies(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let releases = state.taxonomies.releases().await?;
    let body = TaxonomyList { items: releases.iter().map(dto::TaxonomyRelease::from).collect() };
    json_with_etag(&req, &body, state.cache_control())
}

/// One taxonomy's imported release: version, publication date, source and counts.
#[utoipa::path(
    get,
    path = "/taxonomies/{taxonomy}",
    tag = "taxonomies",
    params(("taxonomy" = dto::Taxonomy, Path, description = "atlas, owasp-llm or nist-ai-rmf")),
    responses(
        (status = 200, description = "The release", body = dto::TaxonomyRelease),
        (status = 404, description = "`taxonomy_not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/taxonomies/{taxonomy}", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn get_taxonomy(
    state: web::Data<AppState>,
    req: HttpRequest,
    taxonomy: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let kind = taxonomies::taxonomy(&taxonomy)?;
    let release = taxonomies::release(&state, kind).await?;
    json_with_etag(&req, &dto::TaxonomyRelease::from(&release), state.cache_control())
}

/// Browse or search a taxonomy's items, in release order.
#[utoipa::path(
    get,
    path = "/taxonomies/{taxonomy}/items",
    tag = "taxonomies",
    params(("taxonomy" = dto::Taxonomy, Path, description = "atlas, owasp-llm or nist-ai-rmf"), ItemListParams),
    responses(
        (status = 200, description = "A page of items", body = TaxonomyItemPage),
        (status = 400, description = "Invalid `type`, `q`, `first` or `after`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`taxonomy_not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/taxonomies/{taxonomy}/items", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn list_items(
    state: web::Data<AppState>,
    req: HttpRequest,
    taxonomy: web::Path<String>,
    query: web::Query<ItemListParams>,
) -> Result<HttpResponse, ApiError> {
    let kind = taxonomies::taxonomy(&taxonomy)?;
    let page = params::page(query.first.as_deref(), query.after.as_deref())?;
    let filter = ItemFilter {
        item_type: taxonomies::item_type(query.item_type.as_deref())?,
        search: params::search_text(query.q.as_deref())?,
    };
    let found = taxonomies::items(&state, kind, filter, page).await?;
    let next = page.offset + found.items.len() as u64;
    let body = TaxonomyItemPage {
        next_cursor: (next < found.total).then(|| params::encode_cursor(next)),
        items: found.items,
        total: found.total,
    };
    json_with_etag(&req, &body, state.cache_control())
}

/// One item, with the skills, questions and learning resources that cover it.
#[utoipa::path(
    get,
    path = "/taxonomies/{taxonomy}/items/{id}",
    tag = "taxonomies",
    params(
        ("taxonomy" = dto::Taxonomy, Path, description = "atlas, owasp-llm or nist-ai-rmf"),
        ("id" = String, Path, description = "The publisher's id: `AML.T0051`, `LLM01:2025`, `GOVERN`", max_length = 64),
    ),
    responses(
        (status = 200, description = "The item and what covers it", body = dto::TaxonomyItemDetail),
        (status = 404, description = "`taxonomy_not_found` or `taxonomy_item_not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[route("/taxonomies/{taxonomy}/items/{id}", method = "GET", method = "HEAD")]
#[instrument(skip(state, req))]
pub async fn get_item(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (taxonomy, id) = path.into_inner();
    let kind = taxonomies::taxonomy(&taxonomy)?;
    let detail = taxonomies::item(&state, kind, &id).await?;
    json_with_etag(&req, &detail, state.cache_control())
}
