//! `api_keys` table (mirrors migrations/src/m20261201_000001_partner_access).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "api_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Hex SHA-256 of the secret; the secret itself is never stored.
    #[sea_orm(unique)]
    pub secret_hash: String,
    pub label: String,
    pub name: String,
    /// JSON array of scope names.
    pub scopes: String,
    /// JSON array of origins.
    pub origins: String,
    pub quota_limit: i32,
    pub quota_period_ms: i64,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
