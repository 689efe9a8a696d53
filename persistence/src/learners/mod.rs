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
pub use idempotency::{Claim, Completion, LEASE_MILLIS};
pub use plans::{StoredPlan, TaskState};
pub use submissions::{StoredSubmission, Submission, SubmissionKind};

use crate::{Database, DatabaseKind};

/// The learner-data store on SeaORM.
#[derive(Debug, Clone)]
pub struct LearnerStore {
    db: DatabaseConnection,
    kind: DatabaseKind,
    in_flight: Arc<idempotency::InFlight>,
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
            last_sweep: Arc::new(AtomicI64::new(0)),
            last_token_sweep: Arc::new(AtomicI64::new(0)),
        }
    }
}

/// Milliseconds since the Unix epoch: learner rows are ordered by it.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
