//! The first schema: content documents and their links, learner accounts,
//! submissions, sprint plans and idempotency keys.

mod content;
mod learners;

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        content::create(manager).await?;
        learners::create(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        learners::drop(manager).await?;
        content::drop(manager).await
    }
}
