use async_graphql::{Context, Object, Result};

use super::error::gql_error;
use crate::catalog;
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

    /// The roles that need a skill, by title, with the importance and target level each gives it.
    async fn roles_needing_skill(&self, ctx: &Context<'_>, skill_slug: String) -> Result<Vec<dto::RoleNeed>> {
        let needs = catalog::roles_needing_skill(ctx.data::<AppState>()?, &skill_slug).await.map_err(gql_error)?;
        Ok(needs.iter().map(dto::RoleNeed::from).collect())
    }
}
