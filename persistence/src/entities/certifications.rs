//! `certifications` table (mirrors migrations/src/m20261128_000001_content_tables.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "certifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub full_name: Option<String>,
    pub provider: String,
    pub cost: Json,
    pub cost_midpoint: i64,
    pub cost_currency: String,
    #[sea_orm(column_type = "Text")]
    pub exam_summary: String,
    pub exam_duration_minutes: Option<i32>,
    pub exam_questions_min: Option<i32>,
    pub exam_questions_max: Option<i32>,
    pub exam_pass_mark: Option<String>,
    pub exam_course_days: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub prerequisites: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub renewal: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub continuing_education: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub url: String,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
