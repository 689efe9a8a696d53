//! `taxonomy_releases` table (mirrors migrations/src/m20261130_000001_taxonomies).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "taxonomy_releases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub taxonomy: String,
    pub version: String,
    pub sha256: String,
    pub imported_at: i64,
    /// The release without its items (`store::ReleaseBody`), as JSON.
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
