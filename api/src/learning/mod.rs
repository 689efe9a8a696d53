//! Learner use cases shared by REST and GraphQL: each validates input, runs
//! the domain rule, stores what the learner submitted and returns a typed
//! value (`Stored<T>` when its JSON is also kept). They know nothing of HTTP
//! or GraphQL: `rest/` picks the status code, `graphql/` the object.

pub mod accounts;
pub mod compute;
pub mod guidance;
pub mod idempotency;
pub mod pages;
pub mod plans;
pub mod privacy;
pub mod saved;
mod stored;
pub mod submissions;
pub mod sync;
pub mod throttle;

use std::sync::Arc;

use roledex_domain::values::Slug;

pub use stored::Stored;

use crate::cache::CachedProfile;
use crate::error::ApiError;
use crate::state::AppState;

/// The published profile a learner submission refers to.
/// A full profile: learner work (assessments, quizzes, plans) needs one; an
/// outline profile (a background role) has nothing to assess.
pub async fn role_profile(state: &AppState, raw: &str) -> Result<Arc<CachedProfile>, ApiError> {
    let slug = Slug::parse(raw).map_err(|_| ApiError::RoleNotFound(raw.chars().take(80).collect()))?;
    let profile = state.cache.profile(&slug).await?.ok_or_else(|| ApiError::RoleNotFound(slug.to_string()))?;
    if profile.profile.document.kind == roledex_domain::profile::RoleKind::Background {
        return Err(ApiError::RoleIsOutline(slug.to_string()));
    }
    Ok(profile)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
