//! `learning_resources` table (mirrors migrations/src/m20261128_000001_content_tables.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_resources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub role_id: i64,
    pub position: i32,
    pub kind: String,
    pub title: String,
    pub provider: String,
    #[sea_orm(column_type = "Text")]
    pub url: String,
    pub cost: Option<Json>,
    pub free: Option<bool>,
    pub builds_skills: Json,
    pub editorial: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
