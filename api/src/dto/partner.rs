//! API keys as admins see them. The secret appears once, in `CreatedApiKey`.

use async_graphql::{Enum, InputObject, SimpleObject};
use roledex_domain::partner as domain;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::timestamp::from_millis;

/// What a key may do. REST spells the scopes as OAuth does (`content:read`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
pub enum ApiScope {
    /// Role profiles, skills, certifications, search, taxonomies (REST GETs and GraphQL content fields).
    #[serde(rename = "content:read")]
    ContentRead,
    /// The stateless guidance computations (`/roles/{slug}/compute/...`, GraphQL `compute*`).
    #[serde(rename = "guidance:compute")]
    GuidanceCompute,
    /// Embeds (charts and embed pages) framed by the key's origins.
    #[serde(rename = "embed")]
    Embed,
}

impl From<domain::Scope> for ApiScope {
    fn from(scope: domain::Scope) -> Self {
        match scope {
            domain::Scope::ContentRead => Self::ContentRead,
            domain::Scope::GuidanceCompute => Self::GuidanceCompute,
            domain::Scope::Embed => Self::Embed,
        }
    }
}

impl From<ApiScope> for domain::Scope {
    fn from(scope: ApiScope) -> Self {
        match scope {
            ApiScope::ContentRead => Self::ContentRead,
            ApiScope::GuidanceCompute => Self::GuidanceCompute,
            ApiScope::Embed => Self::Embed,
        }
    }
}

/// A new key.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ApiKeyInput")]
#[serde(deny_unknown_fields)]
pub struct ApiKeyRequest {
    /// Who the key is for, shown in lists (1 to 100 characters).
    #[schema(min_length = 1, max_length = 100, example = "Example Jobs board")]
    pub name: String,
    #[schema(min_items = 1)]
    pub scopes: Vec<ApiScope>,
    /// Browser origins that may use the key (CORS) and frame its embeds; empty for a server-side key.
    #[serde(default)]
    #[graphql(default)]
    #[schema(max_items = 20, example = json!(["https://jobs.example.com"]))]
    pub origins: Vec<String>,
    /// Requests per minute (a burst of this many, then one every 60/N seconds); the server's default when absent.
    #[schema(minimum = 1, maximum = 10000000)]
    pub quota_per_minute: Option<u32>,
}

#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct ApiKeyView {
    pub id: String,
    pub name: String,
    /// The secret's first characters (`rdx_` and 6 more), to tell keys apart.
    pub label: String,
    pub scopes: Vec<ApiScope>,
    pub origins: Vec<String>,
    pub quota_per_minute: u32,
    /// False once revoked: a revoked key is refused with 401.
    pub active: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The admin who made the key (absent when made on the command line).
    pub created_by: Option<String>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the key was last used (written at most once a minute).
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<&domain::ApiKey> for ApiKeyView {
    fn from(key: &domain::ApiKey) -> Self {
        Self {
            id: key.id.clone(),
            name: key.name.clone(),
            label: key.label.clone(),
            scopes: key.scopes.iter().copied().map(ApiScope::from).collect(),
            origins: key.origins.iter().map(|o| o.as_str().to_owned()).collect(),
            quota_per_minute: u32::try_from(i64::from(key.quota.limit) * 60_000 / key.quota.period_ms.max(1))
                .unwrap_or(u32::MAX),
            active: !key.is_revoked(),
            created_at: from_millis(key.created_at),
            created_by: key.created_by.clone(),
            revoked_at: key.revoked_at.map(from_millis),
            last_used_at: key.last_used_at.map(from_millis),
        }
    }
}

/// A key just made: the secret is shown here once and never again.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct CreatedApiKey {
    pub key: ApiKeyView,
    /// Send as `X-Api-Key: rdx_...` or `Authorization: Bearer rdx_...`. Store it now: only its hash is kept.
    #[schema(example = "rdx_Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MGFi")]
    pub secret: String,
}
