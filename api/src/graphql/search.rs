use async_graphql::{Context, Object, Result, SimpleObject};
use roledex_persistence::PageRequest;

use super::error::gql_error;
use crate::dto;
use crate::error::ApiError;
use crate::rest::params;
use crate::state::AppState;

/// Matches across roles, skills and certifications (at most 100 roles).
#[derive(SimpleObject)]
pub struct SearchResults {
    pub roles: Vec<dto::RoleSummary>,
    pub skills: Vec<dto::Skill>,
    pub certifications: Vec<dto::Certification>,
}

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Case-insensitive search across roles, skills and certifications.
    async fn search(&self, ctx: &Context<'_>, query: String) -> Result<SearchResults> {
        let state = ctx.data::<AppState>()?;
        let needle = params::search_text(Some(&query))
            .map_err(gql_error)?
            .ok_or_else(|| gql_error(ApiError::invalid("query", "search text must not be blank")))?;
        let storage = |e: roledex_persistence::PersistenceError| gql_error(e.into());
        let roles = state
            .catalog
            .list_roles(None, Some(needle), PageRequest { offset: 0, limit: 100 })
            .await
            .map_err(storage)?;
        let skills = state.catalog.list_skills(Some(needle)).await.map_err(storage)?;
        let certifications = state.catalog.list_certifications(Some(needle)).await.map_err(storage)?;
        Ok(SearchResults {
            roles: roles.items.iter().map(dto::RoleSummary::from).collect(),
            skills: skills.iter().map(dto::Skill::from).collect(),
            certifications: certifications.iter().map(dto::Certification::from).collect(),
        })
    }
}
