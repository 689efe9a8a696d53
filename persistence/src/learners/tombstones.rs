//! Tombstones: the ids of deleted synced records, kept so devices learn of
//! the deletion, and swept after the horizon.

use roledex_domain::sync::SyncTable;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::LearnerStore;
use crate::PersistenceError;
use crate::entities::sync_tombstones;

/// Records that these records of `table` were deleted at `seq`.
pub(super) async fn bury<C: ConnectionTrait>(
    conn: &C,
    user_id: &str,
    table: SyncTable,
    ids: &[String],
    seq: i64,
) -> Result<(), PersistenceError> {
    if ids.is_empty() {
        return Ok(());
    }
    let rows = ids.iter().map(|id| sync_tombstones::ActiveModel {
        user_id: Set(user_id.to_owned()),
        table_name: Set(table.name().to_owned()),
        record_id: Set(id.clone()),
        deleted_seq: Set(seq),
    });
    sync_tombstones::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                sync_tombstones::Column::UserId,
                sync_tombstones::Column::TableName,
                sync_tombstones::Column::RecordId,
            ])
            .update_column(sync_tombstones::Column::DeletedSeq)
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// When the record was deleted, if it was and its tombstone is still kept.
pub(super) async fn deleted_at<C: ConnectionTrait>(
    conn: &C,
    user_id: &str,
    table: SyncTable,
    id: &str,
) -> Result<Option<i64>, PersistenceError> {
    Ok(sync_tombstones::Entity::find_by_id((user_id.to_owned(), table.name().to_owned(), id.to_owned()))
        .one(conn)
        .await?
        .map(|row| row.deleted_seq))
}

impl LearnerStore {
    /// Deletes tombstones from before `cutoff` (`roledex_domain::sync::tombstone_cutoff`).
    pub async fn sweep_tombstones(&self, cutoff: i64) -> Result<u64, PersistenceError> {
        let swept = sync_tombstones::Entity::delete_many()
            .filter(sync_tombstones::Column::DeletedSeq.lt(cutoff))
            .exec(&self.db)
            .await?;
        Ok(swept.rows_affected)
    }
}

/// The learner's records deleted after `since`.
pub(super) async fn since<C: ConnectionTrait>(
    conn: &C,
    user_id: &str,
    since: i64,
) -> Result<Vec<(SyncTable, String)>, PersistenceError> {
    sync_tombstones::Entity::find()
        .filter(sync_tombstones::Column::UserId.eq(user_id))
        .filter(sync_tombstones::Column::DeletedSeq.gt(since))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| {
            let table = SyncTable::parse(&row.table_name)
                .ok_or_else(|| PersistenceError::Corrupt(format!("tombstone in table {}", row.table_name)))?;
            Ok((table, row.record_id))
        })
        .collect()
}
