//! `taxonomy_coverage` table (mirrors migrations/src/m20261130_000001_taxonomies):
//! one row per content entry that points at a taxonomy item.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "taxonomy_coverage")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub taxonomy: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: String,
    /// skill, interview_question, quiz_question or learning_resource.
    #[sea_orm(primary_key, auto_increment = false)]
    pub source_kind: String,
    /// The role the entry belongs to; empty for catalog skills.
    #[sea_orm(primary_key, auto_increment = false)]
    pub role_slug: String,
    /// The entry's key within its role: a skill slug, a question key, or a position.
    #[sea_orm(primary_key, auto_increment = false)]
    pub source_key: String,
    pub label: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
