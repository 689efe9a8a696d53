//! Reference taxonomies on GraphQL: the same use cases as REST's
//! `/api/v1/taxonomies`.

use async_graphql::{Context, Object, Result, SimpleObject};
use roledex_persistence::taxonomy::ItemFilter;

use super::error::gql_error;
use super::pagination::{PageInfo, cursor, page_info, page_request};
use crate::dto;
use crate::error::ApiError;
use crate::rest::params;
use crate::state::AppState;
use crate::taxonomies;

#[derive(SimpleObject)]
pub struct TaxonomyItemConnection {
    pub edges: Vec<TaxonomyItemEdge>,
    pub page_info: PageInfo,
    pub total_count: u64,
}

#[derive(SimpleObject)]
pub struct TaxonomyItemEdge {
    pub cursor: String,
    pub node: dto::TaxonomyItem,
}

#[derive(Default)]
pub struct TaxonomyQuery;

fn item_type_of(t: dto::TaxonomyItemType) -> roledex_domain::taxonomy::ItemType {
    use roledex_domain::taxonomy::ItemType;
    match t {
        dto::TaxonomyItemType::Tactic => ItemType::Tactic,
        dto::TaxonomyItemType::Technique => ItemType::Technique,
        dto::TaxonomyItemType::SubTechnique => ItemType::SubTechnique,
        dto::TaxonomyItemType::Mitigation => ItemType::Mitigation,
        dto::TaxonomyItemType::CaseStudy => ItemType::CaseStudy,
        dto::TaxonomyItemType::Risk => ItemType::Risk,
        dto::TaxonomyItemType::Function => ItemType::Function,
    }
}

#[Object]
impl TaxonomyQuery {
    /// Every imported taxonomy release, with item counts computed from its data.
    async fn taxonomies(&self, ctx: &Context<'_>) -> Result<Vec<dto::TaxonomyRelease>> {
        let state = ctx.data::<AppState>()?;
        let releases = state.taxonomies.releases().await.map_err(|e| gql_error(e.into()))?;
        Ok(releases.iter().map(dto::TaxonomyRelease::from).collect())
    }

    /// One taxonomy's imported release; `null` when it has not been imported.
    async fn taxonomy(&self, ctx: &Context<'_>, taxonomy: dto::Taxonomy) -> Result<Option<dto::TaxonomyRelease>> {
        let state = ctx.data::<AppState>()?;
        let release = state.taxonomies.release(taxonomy.into()).await.map_err(|e| gql_error(e.into()))?;
        Ok(release.as_ref().map(dto::TaxonomyRelease::from))
    }

    /// Browse or search a taxonomy's items, in release order; `search` matches id, name and description.
    async fn taxonomy_items(
        &self,
        ctx: &Context<'_>,
        taxonomy: dto::Taxonomy,
        item_type: Option<dto::TaxonomyItemType>,
        search: Option<String>,
        #[graphql(desc = "Page size, 1 to 100", default = 20)] first: i32,
        after: Option<String>,
    ) -> Result<TaxonomyItemConnection> {
        let state = ctx.data::<AppState>()?;
        let page = page_request(first, after.as_deref())?;
        let filter = ItemFilter {
            item_type: item_type.map(item_type_of),
            search: params::search_text(search.as_deref()).map_err(gql_error)?,
        };
        let found = taxonomies::items(state, taxonomy.into(), filter, page).await.map_err(gql_error)?;
        let edges: Vec<TaxonomyItemEdge> = found
            .items
            .into_iter()
            .enumerate()
            .map(|(i, node)| TaxonomyItemEdge { cursor: cursor(page, i), node })
            .collect();
        Ok(TaxonomyItemConnection {
            page_info: page_info(page, edges.len(), found.total),
            edges,
            total_count: found.total,
        })
    }

    /// One item with the skills, questions and learning resources that cover it; `null` when unknown.
    async fn taxonomy_item(
        &self,
        ctx: &Context<'_>,
        taxonomy: dto::Taxonomy,
        id: String,
    ) -> Result<Option<dto::TaxonomyItemDetail>> {
        let state = ctx.data::<AppState>()?;
        match taxonomies::item(state, taxonomy.into(), &id).await {
            Ok(detail) => Ok(Some(detail)),
            Err(ApiError::TaxonomyItemNotFound { .. } | ApiError::TaxonomyNotFound(_)) => Ok(None),
            Err(e) => Err(gql_error(e)),
        }
    }
}
