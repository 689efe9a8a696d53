//! Learner data: accounts and refresh tokens, submissions, sprint plans and
//! idempotency keys. Every learner row is keyed by the learner's id and refers
//! to content by role slug.

mod accounts;
mod clock;
mod erase;
mod failures;
mod idempotency;
mod page;
mod plans;
mod saved;
mod submissions;
mod sync;
mod tombstones;

use std::sync::Arc;

use sea_orm::DatabaseConnection;

pub use accounts::{NewUser, RefreshOutcome, User};
pub use erase::{LearnerRecords, SessionRecord};
pub use idempotency::{Answered, Claim, Completion, LEASE_MILLIS, Outcome};
pub use page::Page;
pub use plans::{StoredPlan, TaskState, TaskWrite};
pub use saved::SavedItem;
pub use submissions::{Submission, SubmissionKind};
pub use sync::{Deletion, PushBatch, PushRefusal, Snapshot, Synced, SyncedTaskState, TaskTick};

use crate::{Database, DatabaseKind, PersistenceError};

/// The learner-data store on SeaORM.
#[derive(Debug, Clone)]
pub struct LearnerStore {
    db: DatabaseConnection,
    kind: DatabaseKind,
    in_flight: Arc<idempotency::InFlight>,
    /// SQLite takes one writer at a time; queueing writers here, instead of
    /// letting them retry on SQLITE_BUSY with sleeps, keeps commits back to back.
    write_gate: Arc<tokio::sync::Mutex<()>>,
    /// Submissions waiting for the next group commit (SQLite).
    pending: Arc<parking_lot::Mutex<Vec<submissions::PendingWrite>>>,
}

impl LearnerStore {
    pub fn new(database: &Database) -> Self {
        Self {
            db: database.connection.clone(),
            kind: database.kind,
            in_flight: Arc::new(idempotency::InFlight::default()),
            write_gate: Arc::new(tokio::sync::Mutex::new(())),
            pending: Arc::new(parking_lot::Mutex::new(Vec::new())),
        }
    }
}

impl LearnerStore {
    /// Held around a write transaction on SQLite; a no-op on PostgreSQL.
    pub(super) async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.kind {
            DatabaseKind::Sqlite => Some(self.write_gate.lock().await),
            DatabaseKind::Postgres => None,
        }
    }
}

impl LearnerStore {
    /// Deletes what has outlived its keeping time: idempotency keys (48 h)
    /// and refresh tokens that expired over a day ago. Run periodically by
    /// the server's background tasks, never on a request's path.
    pub async fn sweep_expired(&self, now: i64) -> Result<(), PersistenceError> {
        self.sweep_idempotency_keys(now).await?;
        self.sweep_refresh_tokens(now).await?;
        Ok(())
    }
}

/// Milliseconds since the Unix epoch: learner rows are ordered by it.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
