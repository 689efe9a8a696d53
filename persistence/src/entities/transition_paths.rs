//! `transition_paths` table (mirrors migrations/src/m20261128_000001_content_tables.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_paths")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub role_id: i64,
    pub position: i32,
    pub from_role_id: i64,
    #[sea_orm(column_type = "Text")]
    pub fit: String,
    pub transferable_skills: Json,
    pub skills_to_add: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
