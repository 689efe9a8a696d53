use std::sync::Arc;

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use roledex_domain::scoring::{CertificationSort, SortOrder, rank_certifications, sort_certifications};

use super::error::gql_error;
use super::loader::ProfileLoader;
use super::pagination::{PageInfo, cursor, page_info, page_request};
use crate::dto;
use crate::error::ApiError;
use crate::rest::params;
use crate::state::AppState;

#[derive(Default)]
pub struct RoleQuery;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "CertificationSort")]
pub enum CertificationSortKey {
    Rank,
    Name,
    Provider,
    Cost,
    Value,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "SortOrder")]
pub enum SortDirection {
    Asc,
    Desc,
}

/// A page of roles (Relay cursor connection).
#[derive(SimpleObject)]
pub struct RoleConnection {
    pub edges: Vec<RoleEdge>,
    pub page_info: PageInfo,
    pub total_count: u64,
}

#[derive(SimpleObject)]
pub struct RoleEdge {
    pub cursor: String,
    pub node: RoleNode,
}

/// A role in a list; its `profile` is loaded in one batch for the whole page.
pub struct RoleNode {
    summary: dto::RoleSummary,
    slug: roledex_domain::Slug,
}

#[Object]
impl RoleNode {
    async fn slug(&self) -> &str {
        &self.summary.slug
    }

    async fn title(&self) -> &str {
        &self.summary.title
    }

    async fn one_line(&self) -> &str {
        &self.summary.one_line
    }

    /// `FULL` profile, or `OUTLINE` (a background role).
    async fn completeness(&self) -> dto::Completeness {
        self.summary.completeness
    }

    /// Every section of the role.
    async fn profile(&self, ctx: &Context<'_>) -> Result<Option<Arc<dto::RoleProfile>>> {
        let loader = ctx.data::<DataLoader<ProfileLoader>>()?;
        loader.load_one(self.slug.clone()).await.map_err(gql_error)
    }
}

#[Object]
impl RoleQuery {
    /// One role with every section. Unknown slugs answer `null` with the error code `role_not_found`.
    async fn role(&self, ctx: &Context<'_>, slug: String) -> Result<Option<Arc<dto::RoleProfile>>> {
        let state = ctx.data::<AppState>()?;
        let slug = params::role_slug(&slug).map_err(gql_error)?;
        match state.cache.profile(&slug).await.map_err(gql_error)? {
            Some(cached) => Ok(Some(cached.dto.clone())),
            None => Err(gql_error(ApiError::RoleNotFound(slug.to_string()))),
        }
    }

    /// Role profiles ordered by title; `search` filters by title, summary line or alternate title.
    async fn roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 100", default = 20)] first: i32,
        after: Option<String>,
        search: Option<String>,
        #[graphql(desc = "Only full profiles, or only outlines (background roles); both when omitted")]
        completeness: Option<dto::Completeness>,
    ) -> Result<RoleConnection> {
        let state = ctx.data::<AppState>()?;
        let page = page_request(first, after.as_deref())?;
        let search = params::search_text(search.as_deref()).map_err(gql_error)?;
        let found = state
            .catalog
            .list_roles(completeness.map(Into::into), search, page)
            .await
            .map_err(|e| gql_error(e.into()))?;
        let edges: Vec<RoleEdge> = found
            .items
            .iter()
            .enumerate()
            .map(|(i, summary)| RoleEdge {
                cursor: cursor(page, i),
                node: RoleNode { summary: dto::RoleSummary::from(summary), slug: summary.slug.clone() },
            })
            .collect();
        Ok(RoleConnection { page_info: page_info(page, edges.len(), found.total), edges, total_count: found.total })
    }

    /// A role's certifications table, sorted (published rank by default). An unknown value score sorts last in both directions.
    async fn certification_table(
        &self,
        ctx: &Context<'_>,
        role_slug: String,
        #[graphql(default_with = "CertificationSortKey::Rank")] sort: CertificationSortKey,
        order: Option<SortDirection>,
    ) -> Result<Vec<dto::CertificationRow>> {
        let state = ctx.data::<AppState>()?;
        let slug = params::role_slug(&role_slug).map_err(gql_error)?;
        let cached = state
            .cache
            .profile(&slug)
            .await
            .map_err(gql_error)?
            .ok_or_else(|| gql_error(ApiError::RoleNotFound(slug.to_string())))?;
        let by: CertificationSort = sort.into();
        let order = order.map(Into::into).unwrap_or_else(|| by.default_order());
        let mut rows = rank_certifications(&cached.profile);
        sort_certifications(&mut rows, by, order);
        Ok(rows.iter().map(dto::CertificationRow::from).collect())
    }
}
