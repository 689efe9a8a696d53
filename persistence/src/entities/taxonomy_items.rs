//! `taxonomy_items` table (mirrors migrations/src/m20261130_000001_taxonomies).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "taxonomy_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub taxonomy: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: String,
    pub item_type: String,
    pub name: String,
    /// The item's place in its release, for a stable browsing order.
    pub position: i32,
    pub search_text: String,
    /// The domain `TaxonomyItem`, as JSON.
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
