//! `content_packs` table (mirrors migrations/src/m20261129_000001_initial/content.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "content_packs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub content_hash: String,
    pub loaded_at: i64,
    pub role_count: i32,
    #[sea_orm(column_type = "Text")]
    pub source_dir: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
