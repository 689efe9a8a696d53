//! Learner data: accounts and refresh tokens, submissions, sprint plans and
//! idempotency keys. Every learner row is keyed by the learner's id and refers
//! to content by role slug.

mod accounts;
mod idempotency;
mod plans;
mod submissions;

use std::sync::Arc;
use std::sync::atomic::AtomicI64;

use sea_orm::DatabaseConnection;

pub use accounts::{NewUser, RefreshOutcome, User, UserRole};
pub use idempotency::{Answered, Claim, Completion, LEASE_MILLIS, Outcome};
pub use plans::{StoredPlan, TaskState};
pub use submissions::{Submission, SubmissionKind};

use crate::{Database, DatabaseKind};

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
    /// When this process last swept expired idempotency keys (ms).
    last_sweep: Arc<AtomicI64>,
    /// When this process last swept expired refresh tokens (ms).
    last_token_sweep: Arc<AtomicI64>,
}

impl LearnerStore {
    pub fn new(database: &Database) -> Self {
        Self {
            db: database.connection.clone(),
            kind: database.kind,
            in_flight: Arc::new(idempotency::InFlight::default()),
            write_gate: Arc::new(tokio::sync::Mutex::new(())),
            pending: Arc::new(parking_lot::Mutex::new(Vec::new())),
            last_sweep: Arc::new(AtomicI64::new(0)),
            last_token_sweep: Arc::new(AtomicI64::new(0)),
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

/// Milliseconds since the Unix epoch: learner rows are ordered by it.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
