//! Catalog use cases that take more than one port call, shared by REST and GraphQL.

use roledex_domain::profile::RoleNeed;
use roledex_domain::values::Slug;

use crate::error::ApiError;
use crate::state::AppState;

/// The roles that need the skill `raw`, or `skill_not_found`.
pub async fn roles_needing_skill(state: &AppState, raw: &str) -> Result<Vec<RoleNeed>, ApiError> {
    let not_found = || ApiError::SkillNotFound(raw.chars().take(80).collect());
    let slug = Slug::parse(raw).map_err(|_| not_found())?;
    state.catalog.roles_needing_skill(&slug).await?.ok_or_else(not_found)
}
