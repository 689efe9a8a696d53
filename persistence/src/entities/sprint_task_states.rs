//! `sprint_task_states` table (mirrors migrations/src/m20261129_000001_initial/learners.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sprint_task_states")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub plan_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub task_key: String,
    pub done: bool,
    pub updated_at: i64,
    pub change_seq: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
