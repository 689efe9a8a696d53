//! Offline sync. Each learner has one change sequence (`users.change_seq`),
//! advanced inside every transaction that writes the learner's records: the
//! row lock it takes orders those transactions, so sequence values are handed
//! out in commit order and a pull that reads the sequence and the rows in one
//! snapshot misses nothing. Every synced row records the sequence value it
//! last changed at; a deleted one leaves a tombstone.

use sea_orm_migration::prelude::*;

pub struct Migration;

/// Named explicitly (see `m20261130_000001_taxonomies`).
impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000001_sync"
    }
}

/// A `BIGINT NOT NULL DEFAULT 0` column: rows written before sync existed
/// belong to the first (full) pull only.
fn sequence(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).big_integer().not_null().default(0).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        let added = [
            (Users::Table.into_iden(), sequence(Users::ChangeSeq)),
            (Submissions::Table.into_iden(), sequence(Submissions::ChangeSeq)),
            (SprintPlans::Table.into_iden(), sequence(SprintPlans::ChangeSeq)),
            (SprintTaskStates::Table.into_iden(), sequence(SprintTaskStates::ChangeSeq)),
        ];
        for (table, mut column) in added {
            manager.alter_table(Table::alter().table(table).add_column(&mut column).to_owned()).await?;
        }
        // Each learner's sequence starts at their account's creation: a first
        // pull then answers a real time, which later pulls compare with the
        // tombstone horizon.
        manager
            .exec_stmt(
                Query::update().table(Users::Table).value(Users::ChangeSeq, Expr::col(Users::CreatedAt)).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SavedItems::Table)
                    .col(ColumnDef::new(SavedItems::Id).string().not_null().primary_key())
                    .col(ColumnDef::new(SavedItems::UserId).string().not_null())
                    .col(ColumnDef::new(SavedItems::Kind).string().not_null())
                    .col(ColumnDef::new(SavedItems::Target).text().not_null())
                    .col(ColumnDef::new(SavedItems::Note).text().null())
                    .col(ColumnDef::new(SavedItems::CreatedAt).big_integer().not_null())
                    .col(sequence(SavedItems::ChangeSeq))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SavedItems::Table, SavedItems::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SyncTombstones::Table)
                    .col(ColumnDef::new(SyncTombstones::UserId).string().not_null())
                    .col(ColumnDef::new(SyncTombstones::TableName).string().not_null())
                    .col(ColumnDef::new(SyncTombstones::RecordId).string().not_null())
                    .col(ColumnDef::new(SyncTombstones::DeletedSeq).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(SyncTombstones::UserId)
                            .col(SyncTombstones::TableName)
                            .col(SyncTombstones::RecordId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SyncTombstones::Table, SyncTombstones::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let indexes = [
            Index::create()
                .name("idx_submissions_user_id_change_seq")
                .table(Submissions::Table)
                .col(Submissions::UserId)
                .col(Submissions::ChangeSeq)
                .to_owned(),
            Index::create()
                .name("idx_sprint_plans_user_id_change_seq")
                .table(SprintPlans::Table)
                .col(SprintPlans::UserId)
                .col(SprintPlans::ChangeSeq)
                .to_owned(),
            Index::create()
                .name("idx_saved_items_user_id_created_at")
                .table(SavedItems::Table)
                .col(SavedItems::UserId)
                .col(SavedItems::CreatedAt)
                .to_owned(),
            Index::create()
                .name("idx_sync_tombstones_user_id_deleted_seq")
                .table(SyncTombstones::Table)
                .col(SyncTombstones::UserId)
                .col(SyncTombstones::DeletedSeq)
                .to_owned(),
            Index::create()
                .name("idx_sync_tombstones_deleted_seq")
                .table(SyncTombstones::Table)
                .col(SyncTombstones::DeletedSeq)
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SyncTombstones::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SavedItems::Table).to_owned()).await?;
        let dropped = [
            (SprintTaskStates::Table.into_iden(), SprintTaskStates::ChangeSeq.into_iden()),
            (SprintPlans::Table.into_iden(), SprintPlans::ChangeSeq.into_iden()),
            (Submissions::Table.into_iden(), Submissions::ChangeSeq.into_iden()),
            (Users::Table.into_iden(), Users::ChangeSeq.into_iden()),
        ];
        for (table, column) in dropped {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    ChangeSeq,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Submissions {
    Table,
    ChangeSeq,
    UserId,
}

#[derive(DeriveIden)]
enum SprintPlans {
    Table,
    ChangeSeq,
    UserId,
}

#[derive(DeriveIden)]
enum SprintTaskStates {
    Table,
    ChangeSeq,
}

#[derive(DeriveIden)]
enum SavedItems {
    Table,
    Id,
    UserId,
    Kind,
    Target,
    Note,
    CreatedAt,
    ChangeSeq,
}

#[derive(DeriveIden)]
enum SyncTombstones {
    Table,
    UserId,
    TableName,
    RecordId,
    DeletedSeq,
}
