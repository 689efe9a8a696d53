//! Saved items: a learner's bookmarks, written through the change sequence
//! like every synced record.

use roledex_domain::sync::{SavedKind, SyncTable};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

use super::{LearnerStore, Page, clock, tombstones};
use crate::PersistenceError;
use crate::entities::saved_items;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedItem {
    pub id: String,
    pub user_id: String,
    pub kind: SavedKind,
    pub target: String,
    pub note: Option<String>,
    pub created_at: i64,
}

impl SavedItem {
    pub(super) fn from_row(row: saved_items::Model) -> Result<Self, PersistenceError> {
        let kind = SavedKind::parse(&row.kind)
            .ok_or_else(|| PersistenceError::Corrupt(format!("saved item {}: kind {}", row.id, row.kind)))?;
        Ok(Self {
            kind,
            id: row.id,
            user_id: row.user_id,
            target: row.target,
            note: row.note,
            created_at: row.created_at,
        })
    }

    pub(super) fn to_row(&self, change_seq: i64) -> saved_items::ActiveModel {
        saved_items::ActiveModel {
            id: Set(self.id.clone()),
            user_id: Set(self.user_id.clone()),
            kind: Set(self.kind.as_str().to_owned()),
            target: Set(self.target.clone()),
            note: Set(self.note.clone()),
            created_at: Set(self.created_at),
            change_seq: Set(change_seq),
        }
    }

    /// The same bookmark: what a replayed or unchanged push carries.
    pub(super) fn same_content(&self, row: &saved_items::Model) -> bool {
        self.kind.as_str() == row.kind && self.target == row.target && self.note == row.note
    }
}

impl LearnerStore {
    /// Saves the item, or answers the learner's existing item for the same
    /// kind and target (`Ok(false)` and the stored one): saving twice is harmless.
    pub async fn save_item(&self, item: &SavedItem, now: i64) -> Result<(SavedItem, bool), PersistenceError> {
        let _turn = self.write_turn().await;
        let txn = self.db.begin().await?;
        let existing = saved_items::Entity::find()
            .filter(saved_items::Column::UserId.eq(&item.user_id))
            .filter(saved_items::Column::Kind.eq(item.kind.as_str()))
            .filter(saved_items::Column::Target.eq(&item.target))
            .order_by_asc(saved_items::Column::CreatedAt)
            .one(&txn)
            .await?;
        if let Some(row) = existing {
            return Ok((SavedItem::from_row(row)?, false));
        }
        let seq = clock::advance(&txn, &item.user_id, now).await?;
        saved_items::Entity::insert(item.to_row(seq)).exec_without_returning(&txn).await?;
        txn.commit().await?;
        Ok((item.clone(), true))
    }

    /// Deletes the learner's item and leaves a tombstone for devices. False
    /// when the learner has no such item.
    pub async fn delete_saved_item(&self, user_id: &str, id: &str, now: i64) -> Result<bool, PersistenceError> {
        let _turn = self.write_turn().await;
        let txn = self.db.begin().await?;
        let deleted = saved_items::Entity::delete_many()
            .filter(saved_items::Column::Id.eq(id))
            .filter(saved_items::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        if deleted.rows_affected == 0 {
            return Ok(false);
        }
        let seq = clock::advance(&txn, user_id, now).await?;
        tombstones::bury(&txn, user_id, SyncTable::SavedItems, &[id.to_owned()], seq).await?;
        txn.commit().await?;
        Ok(true)
    }

    /// A page of the learner's saved items, newest first.
    pub async fn saved_items(&self, user_id: &str, page: Page<'_>) -> Result<Vec<SavedItem>, PersistenceError> {
        saved_items::Entity::find()
            .filter(saved_items::Column::UserId.eq(user_id))
            .filter(page.condition(saved_items::Column::CreatedAt, saved_items::Column::Id))
            .order_by_desc(saved_items::Column::CreatedAt)
            .order_by_desc(saved_items::Column::Id)
            .limit(page.limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(SavedItem::from_row)
            .collect()
    }
}
