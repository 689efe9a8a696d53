//! `users` table (mirrors migrations/src/m20261129_000001_initial/learners.rs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    #[sea_orm(unique)]
    pub email: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub password_hash: Option<String>,
    pub role: String,
    pub external_issuer: Option<String>,
    pub external_subject: Option<String>,
    pub created_at: i64,
    /// The learner's change sequence: the value the latest write to their records took.
    pub change_seq: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
