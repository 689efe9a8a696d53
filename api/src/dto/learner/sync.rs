//! Offline sync (the WatermelonDB protocol) and saved items.

use std::collections::BTreeMap;

use async_graphql::{InputObject, SimpleObject};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// One table's changes: raw records (snake_case columns; strings, numbers,
/// booleans and null; lists as JSON text) and the ids of deleted records.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SyncTableChanges {
    #[schema(value_type = Vec<Object>)]
    pub created: Vec<Map<String, Value>>,
    #[schema(value_type = Vec<Object>)]
    pub updated: Vec<Map<String, Value>>,
    pub deleted: Vec<String>,
}

/// What a pull answers: every change since `last_pulled_at`, and the
/// `timestamp` to send as `last_pulled_at` next time.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SyncPull {
    /// By table: `assessments`, `qualification_checks`, `quiz_attempts`,
    /// `sprint_plans`, `sprint_tasks`, `saved_items`.
    pub changes: BTreeMap<String, SyncTableChanges>,
    /// The learner's change sequence (milliseconds since the Unix epoch,
    /// advanced by at least one per write).
    pub timestamp: i64,
    /// `replacement` when the device's last pull is older than deleted
    /// records are remembered: `changes` is then the whole data set, and
    /// WatermelonDB replaces its copy with it (keeping unpushed changes).
    #[serde(rename = "experimentalStrategy", skip_serializing_if = "Option::is_none")]
    pub experimental_strategy: Option<String>,
}

/// What a push answers once every change is applied.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SyncPushed {
    /// The learner's change sequence after the push.
    pub timestamp: i64,
}

/// What a saved item points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, async_graphql::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SavedItemKind {
    /// A role, by slug.
    Role,
    /// A certification, by slug.
    Certification,
    /// A learning resource, by its address.
    Resource,
}

impl From<SavedItemKind> for roledex_domain::sync::SavedKind {
    fn from(kind: SavedItemKind) -> Self {
        match kind {
            SavedItemKind::Role => Self::Role,
            SavedItemKind::Certification => Self::Certification,
            SavedItemKind::Resource => Self::Resource,
        }
    }
}

impl From<roledex_domain::sync::SavedKind> for SavedItemKind {
    fn from(kind: roledex_domain::sync::SavedKind) -> Self {
        use roledex_domain::sync::SavedKind;
        match kind {
            SavedKind::Role => Self::Role,
            SavedKind::Certification => Self::Certification,
            SavedKind::Resource => Self::Resource,
        }
    }
}

/// A bookmark to save (`POST /me/saved-items`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[graphql(name = "SaveItemInput")]
#[serde(deny_unknown_fields)]
pub struct SaveItemInput {
    pub kind: SavedItemKind,
    /// A role or certification slug, or a resource's `https` address.
    #[schema(min_length = 1, max_length = 2048)]
    pub target: String,
    /// Up to 500 characters.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// A saved bookmark.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SavedItem {
    pub id: String,
    pub kind: SavedItemKind,
    pub target: String,
    pub note: Option<String>,
    /// When it was saved (RFC 3339, UTC).
    #[serde(deserialize_with = "crate::dto::timestamp::lenient")]
    pub created_at: chrono::DateTime<chrono::Utc>,
}
