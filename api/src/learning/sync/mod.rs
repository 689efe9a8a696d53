//! Offline sync for mobile apps: the WatermelonDB protocol. A pull answers
//! every change to the learner's records since the device's last pull (or
//! everything); a push applies a device's changes in one transaction, or
//! refuses them all with the reason (`sync_conflict` when a record changed
//! on the server since the device's last pull).

mod changes;
mod pull;
mod push;
mod records;

pub use pull::{AddedColumns, MigrationInfo, pull};
pub use push::push;

use roledex_domain::sync::SyncTable;
use roledex_persistence::learners::SubmissionKind;

/// The table a kind of submission syncs as.
fn table_of(kind: SubmissionKind) -> SyncTable {
    match kind {
        SubmissionKind::Assessment => SyncTable::Assessments,
        SubmissionKind::QualificationCheck => SyncTable::QualificationChecks,
        SubmissionKind::QuizAttempt => SyncTable::QuizAttempts,
    }
}
