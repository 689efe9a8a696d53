use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use roledex_domain::values::Slug;

use crate::cache::ContentCache;
use crate::dto;

/// Batches every profile a query asks for (for example each node of
/// `roles { edges { node { profile } } }`) into one repository load.
pub struct ProfileLoader {
    pub cache: Arc<ContentCache>,
}

impl Loader<Slug> for ProfileLoader {
    type Value = Arc<dto::RoleProfile>;
    type Error = crate::error::ApiError;

    async fn load(&self, keys: &[Slug]) -> Result<HashMap<Slug, Self::Value>, Self::Error> {
        let found = self.cache.profiles(keys).await?;
        Ok(found.into_iter().map(|(slug, cached)| (slug, cached.dto.clone())).collect())
    }
}
