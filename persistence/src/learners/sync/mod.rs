//! Offline sync: a learner's changes since a sequence value, read in one
//! snapshot, and a device's changes applied in one transaction or not at all
//! (`push.rs`).

mod push;

use std::collections::BTreeSet;

use roledex_domain::sync::SyncTable;
use sea_orm::{
    AccessMode, ColumnTrait, DatabaseTransaction, EntityTrait, IsolationLevel, QueryFilter, TransactionTrait,
};

use super::{LearnerStore, SavedItem, StoredPlan, Submission, SubmissionKind, clock, tombstones};
use crate::entities::{saved_items, sprint_plans, sprint_task_states, submissions};
use crate::{DatabaseKind, PersistenceError};

/// A record with the sequence value it last changed at.
#[derive(Debug, Clone)]
pub struct Synced<T> {
    pub record: T,
    pub change_seq: i64,
}

/// A task's stored done state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedTaskState {
    pub plan_id: String,
    pub task_key: String,
    pub done: bool,
    pub updated_at: i64,
    pub change_seq: i64,
}

/// What a pull reads, all in one snapshot.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The learner's change sequence in the snapshot: the pull's `timestamp`.
    pub seq: i64,
    pub submissions: Vec<Synced<Submission>>,
    /// Plans changed since, and the plans of tasks changed since.
    pub plans: Vec<Synced<StoredPlan>>,
    pub task_states: Vec<SyncedTaskState>,
    pub saved: Vec<Synced<SavedItem>>,
    /// Records deleted since (when asked for).
    pub deleted: Vec<(SyncTable, String)>,
}

/// A task ticked or unticked on a device.
#[derive(Debug, Clone)]
pub struct TaskTick {
    pub plan_id: String,
    pub task_key: String,
    /// The task's record id, as the device names it in a conflict.
    pub record_id: String,
    pub done: bool,
}

/// A record a device deleted, with the records that go with it (a plan's tasks).
#[derive(Debug, Clone)]
pub struct Deletion {
    pub table: SyncTable,
    pub id: String,
    pub descendants: Vec<(SyncTable, String)>,
}

/// A device's changes, checked and graded, ready to apply.
#[derive(Debug, Clone, Default)]
pub struct PushBatch {
    pub submissions: Vec<Submission>,
    pub plans: Vec<StoredPlan>,
    pub saved: Vec<SavedItem>,
    pub ticks: Vec<TaskTick>,
    pub deletions: Vec<Deletion>,
}

/// Why a push was not applied (nothing of it was).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushRefusal {
    /// These records changed on the server after the device's last pull.
    Conflict(Vec<(SyncTable, String)>),
    /// The push changes a record that cannot change once stored.
    Immutable(SyncTable, String),
    /// Another learner's record has this id.
    IdTaken(SyncTable, String),
}

pub(super) fn table_of(kind: SubmissionKind) -> SyncTable {
    match kind {
        SubmissionKind::Assessment => SyncTable::Assessments,
        SubmissionKind::QualificationCheck => SyncTable::QualificationChecks,
        SubmissionKind::QuizAttempt => SyncTable::QuizAttempts,
    }
}

impl LearnerStore {
    /// The learner's records changed after `rows_after` (all of them when
    /// `None`) and deleted after `deletions_after` (none when `None`), read
    /// in one snapshot with the learner's change sequence: a change that
    /// commits while the pull runs has a higher sequence value than the one
    /// answered, so the next pull gets it.
    pub async fn pull(
        &self,
        user_id: &str,
        rows_after: Option<i64>,
        deletions_after: Option<i64>,
    ) -> Result<Snapshot, PersistenceError> {
        let txn = match self.kind {
            DatabaseKind::Postgres => {
                self.db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
            }
            // A SQLite read transaction sees one snapshot from its first read.
            DatabaseKind::Sqlite => self.db.begin().await?,
        };
        let mut snapshot = read_snapshot(&txn, user_id, rows_after.unwrap_or(i64::MIN)).await?;
        if let Some(after) = deletions_after {
            snapshot.deleted = tombstones::since(&txn, user_id, after).await?;
        }
        txn.commit().await?;
        Ok(snapshot)
    }

    /// The learner's change sequence now.
    pub async fn change_sequence(&self, user_id: &str) -> Result<i64, PersistenceError> {
        clock::current(&self.db, user_id).await
    }

    /// Applies a device's changes in one transaction: every one, or (with
    /// the reason) none. Answers the learner's change sequence after it.
    pub async fn push(
        &self,
        user_id: &str,
        last_pulled_at: i64,
        batch: &PushBatch,
        now: i64,
    ) -> Result<Result<i64, PushRefusal>, PersistenceError> {
        let _turn = self.write_turn().await;
        let txn = self.db.begin().await?;
        let seq = clock::advance(&txn, user_id, now).await?;
        let mut push = push::Push::new(&txn, user_id, last_pulled_at, seq, now);
        if let Err(refusal) = push.apply(batch).await? {
            return Ok(Err(refusal));
        }
        let conflicts = push.into_conflicts();
        if !conflicts.is_empty() {
            return Ok(Err(PushRefusal::Conflict(conflicts)));
        }
        txn.commit().await?;
        Ok(Ok(seq))
    }
}

async fn read_snapshot(txn: &DatabaseTransaction, user_id: &str, since: i64) -> Result<Snapshot, PersistenceError> {
    let seq = clock::current(txn, user_id).await?;
    let submissions = submissions::Entity::find()
        .filter(submissions::Column::UserId.eq(user_id))
        .filter(submissions::Column::ChangeSeq.gt(since))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| {
            let change_seq = row.change_seq;
            let kind = SubmissionKind::parse(&row.kind)
                .ok_or_else(|| PersistenceError::Corrupt(format!("submission {}: kind {}", row.id, row.kind)))?;
            Ok(Synced { record: Submission::from_row(row, kind)?, change_seq })
        })
        .collect::<Result<Vec<_>, PersistenceError>>()?;
    let learner_plans = || sprint_plans::Entity::find().filter(sprint_plans::Column::UserId.eq(user_id));
    let owned: Vec<String> = learner_plans().all(txn).await?.into_iter().map(|p| p.id).collect();
    let task_states: Vec<SyncedTaskState> = sprint_task_states::Entity::find()
        .filter(sprint_task_states::Column::PlanId.is_in(owned))
        .filter(sprint_task_states::Column::ChangeSeq.gt(since))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| SyncedTaskState {
            plan_id: row.plan_id,
            task_key: row.task_key,
            done: row.done,
            updated_at: row.updated_at,
            change_seq: row.change_seq,
        })
        .collect();
    let ticked: BTreeSet<&str> = task_states.iter().map(|s| s.plan_id.as_str()).collect();
    let plans = learner_plans()
        .all(txn)
        .await?
        .into_iter()
        .filter(|row| row.change_seq > since || ticked.contains(row.id.as_str()))
        .map(|row| {
            let change_seq = row.change_seq;
            Ok(Synced { record: StoredPlan::try_from(row)?, change_seq })
        })
        .collect::<Result<Vec<_>, PersistenceError>>()?;
    let saved = saved_items::Entity::find()
        .filter(saved_items::Column::UserId.eq(user_id))
        .filter(saved_items::Column::ChangeSeq.gt(since))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| {
            let change_seq = row.change_seq;
            Ok(Synced { record: SavedItem::from_row(row)?, change_seq })
        })
        .collect::<Result<Vec<_>, PersistenceError>>()?;
    Ok(Snapshot { seq, submissions, plans, task_states, saved, deleted: Vec::new() })
}
