//! Failure windows: the recent failures of a key (an account's login, a
//! client address), shared by every instance on the database, so a limit on
//! failures holds however many instances answer.

use sea_orm_migration::prelude::*;

pub struct Migration;

/// Named explicitly (see `m20261130_000001_taxonomies`).
impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000002_failure_windows"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FailureWindows::Table)
                    .col(ColumnDef::new(FailureWindows::Key).string().not_null().primary_key())
                    .col(ColumnDef::new(FailureWindows::Failures).text().not_null())
                    .col(ColumnDef::new(FailureWindows::UpdatedAt).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FailureWindows::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum FailureWindows {
    Table,
    Key,
    Failures,
    UpdatedAt,
}
