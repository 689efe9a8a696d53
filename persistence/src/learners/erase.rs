//! What the service holds about a learner: read whole (an export), or
//! deleted whole in one transaction (account deletion).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};

use super::LearnerStore;
use crate::PersistenceError;
use crate::entities::{
    api_keys, failure_windows, idempotency_keys, quota_buckets, refresh_tokens, saved_items, sprint_plans,
    sprint_task_states, submissions, sync_tombstones, users,
};

/// A session as exported: never its token or hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub family_id: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// The learner's rows besides their submissions, plans and saved items
/// (which the export reads through their own use cases).
#[derive(Debug, Clone, Default)]
pub struct LearnerRecords {
    pub created_at: i64,
    pub external_issuer: Option<String>,
    pub change_seq: i64,
    pub sessions: Vec<SessionRecord>,
    /// Idempotency keys kept for retries: key and when it was first used.
    pub request_keys: Vec<(String, i64)>,
    /// Tombstones kept for devices: table, record id, deleted at.
    pub deleted_records: Vec<(String, String, i64)>,
    /// The failure windows kept under the given keys (sign-in failures by
    /// e-mail address): key and the JSON list of times.
    pub failure_windows: Vec<(String, String)>,
    /// Partner keys this account made (administrators).
    pub api_keys_made: Vec<String>,
}

impl LearnerStore {
    /// Everything kept about the learner apart from their submissions, plans and saved items.
    pub async fn learner_records(
        &self,
        user_id: &str,
        failure_keys: &[String],
    ) -> Result<Option<LearnerRecords>, PersistenceError> {
        let Some(user) = users::Entity::find_by_id(user_id.to_owned()).one(&self.db).await? else {
            return Ok(None);
        };
        let sessions = refresh_tokens::Entity::find()
            .filter(refresh_tokens::Column::UserId.eq(user_id))
            .order_by_asc(refresh_tokens::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| SessionRecord {
                family_id: row.family_id,
                created_at: row.created_at,
                expires_at: row.expires_at,
                used_at: row.used_at,
                revoked_at: row.revoked_at,
            })
            .collect();
        let request_keys = idempotency_keys::Entity::find()
            .filter(idempotency_keys::Column::UserId.eq(user_id))
            .order_by_asc(idempotency_keys::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| (row.key, row.created_at))
            .collect();
        let deleted_records = sync_tombstones::Entity::find()
            .filter(sync_tombstones::Column::UserId.eq(user_id))
            .order_by_asc(sync_tombstones::Column::DeletedSeq)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| (row.table_name, row.record_id, row.deleted_seq))
            .collect();
        let failure_windows = failure_windows::Entity::find()
            .filter(failure_windows::Column::Key.is_in(failure_keys.iter().cloned()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| (row.key, row.failures))
            .collect();
        let api_keys_made = api_keys::Entity::find()
            .filter(api_keys::Column::CreatedBy.eq(user_id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| row.id)
            .collect();
        Ok(Some(LearnerRecords {
            created_at: user.created_at,
            external_issuer: user.external_issuer,
            change_seq: user.change_seq,
            sessions,
            request_keys,
            deleted_records,
            failure_windows,
            api_keys_made,
        }))
    }

    /// Deletes the account and every row about it, in one transaction: its
    /// sessions, submissions, plans and their tasks, saved items, sync
    /// tombstones, idempotency keys, the failure windows under
    /// `failure_keys`, its shared quota buckets; partner keys it made stay
    /// (they are the partner's) without its name on them. False when there
    /// was no such account.
    pub async fn delete_learner(&self, user_id: &str, failure_keys: &[String]) -> Result<bool, PersistenceError> {
        let _turn = self.write_turn().await;
        let txn = self.db.begin().await?;
        let plan_ids: Vec<String> = sprint_plans::Entity::find()
            .filter(sprint_plans::Column::UserId.eq(user_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        sprint_task_states::Entity::delete_many()
            .filter(sprint_task_states::Column::PlanId.is_in(plan_ids))
            .exec(&txn)
            .await?;
        sprint_plans::Entity::delete_many().filter(sprint_plans::Column::UserId.eq(user_id)).exec(&txn).await?;
        submissions::Entity::delete_many().filter(submissions::Column::UserId.eq(user_id)).exec(&txn).await?;
        saved_items::Entity::delete_many().filter(saved_items::Column::UserId.eq(user_id)).exec(&txn).await?;
        sync_tombstones::Entity::delete_many().filter(sync_tombstones::Column::UserId.eq(user_id)).exec(&txn).await?;
        idempotency_keys::Entity::delete_many().filter(idempotency_keys::Column::UserId.eq(user_id)).exec(&txn).await?;
        refresh_tokens::Entity::delete_many().filter(refresh_tokens::Column::UserId.eq(user_id)).exec(&txn).await?;
        failure_windows::Entity::delete_many()
            .filter(failure_windows::Column::Key.is_in(failure_keys.iter().cloned()))
            .exec(&txn)
            .await?;
        // Quota buckets are named after the learner (`learner:<id>`).
        quota_buckets::Entity::delete_many().filter(quota_buckets::Column::Bucket.contains(user_id)).exec(&txn).await?;
        api_keys::Entity::update_many()
            .col_expr(api_keys::Column::CreatedBy, Expr::value(Option::<String>::None))
            .filter(api_keys::Column::CreatedBy.eq(user_id))
            .exec(&txn)
            .await?;
        let deleted = users::Entity::delete_by_id(user_id.to_owned()).exec(&txn).await?;
        txn.commit().await?;
        self.in_flight.lock().retain(|(owner, _), _| owner != user_id);
        Ok(deleted.rows_affected == 1)
    }
}
