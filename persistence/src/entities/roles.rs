//! `roles` table (mirrors migrations/src/m20261128_000001_content_tables.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "roles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub one_line: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    pub alternate_titles: Json,
    pub responsibilities: Json,
    pub safety_teams: Json,
    pub demand_level: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub demand_summary: Option<String>,
    pub regulatory_drivers: Json,
    pub day_editorial: Option<bool>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
