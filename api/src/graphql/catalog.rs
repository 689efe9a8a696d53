use async_graphql::{Context, Object, Result};

use super::roles::gql_error;
use crate::dto;
use crate::rest::params;
use crate::state::AppState;

#[derive(Default)]
pub struct CatalogQuery;

#[Object]
impl CatalogQuery {
    /// Certifications in the catalog by name; `search` filters by name, full name, provider or slug.
    async fn certifications(&self, ctx: &Context<'_>, search: Option<String>) -> Result<Vec<dto::Certification>> {
        let state = ctx.data::<AppState>()?;
        let search = params::search_text(search.as_deref()).map_err(gql_error)?;
        let items = state.catalog.list_certifications(search).await.map_err(|e| gql_error(e.into()))?;
        Ok(items.iter().map(dto::Certification::from).collect())
    }

    /// Skills in the catalog by name; `search` filters by name, slug or description.
    async fn skills(&self, ctx: &Context<'_>, search: Option<String>) -> Result<Vec<dto::Skill>> {
        let state = ctx.data::<AppState>()?;
        let search = params::search_text(search.as_deref()).map_err(gql_error)?;
        let items = state.catalog.list_skills(search).await.map_err(|e| gql_error(e.into()))?;
        Ok(items.iter().map(dto::Skill::from).collect())
    }
}
