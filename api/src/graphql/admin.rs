//! Partner API keys on GraphQL, for admins: `apiKeys`, `apiKey`,
//! `createApiKey`, `revokeApiKey`. The same use cases as REST.

use async_graphql::{Context, ID, Object, Result};

use super::error::gql_error;
use super::learner::learner;
use crate::auth::Admin;
use crate::dto;
use crate::state::AppState;

fn admin(ctx: &Context<'_>) -> Result<Admin> {
    Admin::of(learner(ctx)?).map_err(gql_error)
}

#[derive(Default)]
pub struct AdminQuery;

#[Object]
impl AdminQuery {
    /// Every API key, newest first (admins only; never their secrets).
    async fn api_keys(&self, ctx: &Context<'_>) -> Result<Vec<dto::ApiKeyView>> {
        admin(ctx)?;
        ctx.data::<AppState>()?.partners.keys.list().await.map_err(gql_error)
    }

    /// One API key (admins only).
    async fn api_key(&self, ctx: &Context<'_>, id: ID) -> Result<dto::ApiKeyView> {
        admin(ctx)?;
        ctx.data::<AppState>()?.partners.keys.get(&id).await.map_err(gql_error)
    }
}

#[derive(Default)]
pub struct AdminMutation;

#[Object]
impl AdminMutation {
    /// Make an API key (admins only). The secret is in this answer only.
    async fn create_api_key(&self, ctx: &Context<'_>, input: dto::ApiKeyRequest) -> Result<dto::CreatedApiKey> {
        let admin = admin(ctx)?;
        ctx.data::<AppState>()?.partners.keys.create(&input, Some(&admin.user_id)).await.map_err(gql_error)
    }

    /// Revoke an API key (admins only); revoking a revoked key changes nothing.
    async fn revoke_api_key(&self, ctx: &Context<'_>, id: ID) -> Result<dto::ApiKeyView> {
        admin(ctx)?;
        ctx.data::<AppState>()?.partners.keys.revoke(&id).await.map_err(gql_error)
    }
}
