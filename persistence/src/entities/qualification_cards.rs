//! `qualification_cards` table (mirrors migrations/src/m20261128_000001_content_tables.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "qualification_cards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub role_id: i64,
    pub position: i32,
    pub key: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub prompt: String,
    pub skill: Option<String>,
    pub editorial: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
