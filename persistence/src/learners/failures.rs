//! Failure windows (see `domain::ratelimit`): read, recorded and cleared in
//! the database, so every instance counts the same failures. A record is a
//! read-modify-write of one row: under a row lock on PostgreSQL, behind the
//! store's write gate on SQLite.

use roledex_domain::ratelimit::{Policy, Standing, record, standing};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait, QuerySelect, TransactionTrait};

use super::LearnerStore;
use crate::entities::failure_windows;
use crate::{DatabaseKind, PersistenceError};

fn times(row: Option<&failure_windows::Model>) -> Result<Vec<i64>, PersistenceError> {
    match row {
        None => Ok(Vec::new()),
        Some(r) => serde_json::from_str(&r.failures)
            .map_err(|e| PersistenceError::Corrupt(format!("failure window `{}`: {e}", r.key))),
    }
}

impl LearnerStore {
    /// Where `key` stands under `policy` at `now`.
    pub async fn failure_standing(&self, key: &str, policy: Policy, now: i64) -> Result<Standing, PersistenceError> {
        let row = failure_windows::Entity::find_by_id(key.to_owned()).one(&self.db).await?;
        Ok(standing(policy, &times(row.as_ref())?, now))
    }

    /// Records a failure of `key` at `now`; answers where the key then stands.
    pub async fn record_failure(&self, key: &str, policy: Policy, now: i64) -> Result<Standing, PersistenceError> {
        let _turn = match self.kind {
            DatabaseKind::Sqlite => Some(self.write_gate.lock().await),
            DatabaseKind::Postgres => None,
        };
        let txn = self.db.begin().await?;
        // The row exists before it is locked, so concurrent first failures queue on it.
        failure_windows::Entity::insert(failure_windows::ActiveModel {
            key: Set(key.to_owned()),
            failures: Set("[]".into()),
            updated_at: Set(now),
        })
        .on_conflict(OnConflict::column(failure_windows::Column::Key).do_nothing().to_owned())
        .exec_without_returning(&txn)
        .await?;
        let mut select = failure_windows::Entity::find_by_id(key.to_owned());
        if self.kind == DatabaseKind::Postgres {
            select = select.lock_exclusive();
        }
        let row = select.one(&txn).await?;
        let failures = record(policy, &times(row.as_ref())?, now);
        let json = serde_json::to_string(&failures).map_err(|e| PersistenceError::Corrupt(e.to_string()))?;
        failure_windows::Entity::update(failure_windows::ActiveModel {
            key: Set(key.to_owned()),
            failures: Set(json),
            updated_at: Set(now),
        })
        .exec(&txn)
        .await?;
        txn.commit().await?;
        Ok(standing(policy, &failures, now))
    }

    /// Forgets the failures of `key` (a success resets them).
    pub async fn clear_failures(&self, key: &str) -> Result<(), PersistenceError> {
        let _turn = match self.kind {
            DatabaseKind::Sqlite => Some(self.write_gate.lock().await),
            DatabaseKind::Postgres => None,
        };
        failure_windows::Entity::delete_by_id(key.to_owned()).exec(&self.db).await?;
        Ok(())
    }

    /// Removes windows with no failure left inside `window_ms` (a sweep).
    pub async fn sweep_failures(&self, older_than: i64) -> Result<u64, PersistenceError> {
        use sea_orm::{ColumnTrait, QueryFilter};
        let result = failure_windows::Entity::delete_many()
            .filter(failure_windows::Column::UpdatedAt.lt(older_than))
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected)
    }
}
