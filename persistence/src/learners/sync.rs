//! Offline sync: a learner's changes since a sequence value, read in one
//! snapshot, and a device's changes applied in one transaction or not at all.

use std::collections::BTreeSet;

use roledex_domain::sync::{SyncTable, conflicts};
use sea_orm::{
    AccessMode, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, IsolationLevel, QueryFilter,
    TransactionTrait,
};

use super::{LearnerStore, SavedItem, StoredPlan, Submission, SubmissionKind, clock, tombstones};
use crate::entities::{saved_items, sprint_plans, sprint_task_states, submissions};
use crate::{DatabaseKind, PersistenceError};

/// A record with the sequence values it was created and last changed at.
#[derive(Debug, Clone)]
pub struct Synced<T> {
    pub record: T,
    pub created_seq: i64,
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
        let mut push = Push { txn: &txn, user_id, last_pulled_at, seq, now, conflicts: Vec::new() };
        if let Err(refusal) = push.apply(batch).await? {
            return Ok(Err(refusal));
        }
        if !push.conflicts.is_empty() {
            return Ok(Err(PushRefusal::Conflict(push.conflicts)));
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
            let (created_seq, change_seq) = (row.created_seq, row.change_seq);
            let kind = SubmissionKind::parse(&row.kind)
                .ok_or_else(|| PersistenceError::Corrupt(format!("submission {}: kind {}", row.id, row.kind)))?;
            Ok(Synced { record: Submission::from_row(row, kind)?, created_seq, change_seq })
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
            let (created_seq, change_seq) = (row.created_seq, row.change_seq);
            Ok(Synced { record: StoredPlan::try_from(row)?, created_seq, change_seq })
        })
        .collect::<Result<Vec<_>, PersistenceError>>()?;
    let saved = saved_items::Entity::find()
        .filter(saved_items::Column::UserId.eq(user_id))
        .filter(saved_items::Column::ChangeSeq.gt(since))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| {
            let (created_seq, change_seq) = (row.created_seq, row.change_seq);
            Ok(Synced { record: SavedItem::from_row(row)?, created_seq, change_seq })
        })
        .collect::<Result<Vec<_>, PersistenceError>>()?;
    Ok(Snapshot { seq, submissions, plans, task_states, saved, deleted: Vec::new() })
}

/// One push being applied inside its transaction.
struct Push<'a> {
    txn: &'a DatabaseTransaction,
    user_id: &'a str,
    last_pulled_at: i64,
    seq: i64,
    now: i64,
    conflicts: Vec<(SyncTable, String)>,
}

/// What the server holds under a pushed record's id.
enum Held<T> {
    /// Nothing, and no tombstone: the record is new.
    Nothing,
    /// The learner's record, changed at the given sequence value.
    Record(T, i64),
    /// A tombstone: the record was deleted, and is not created again.
    DeletedBefore,
}

impl Push<'_> {
    async fn apply(&mut self, batch: &PushBatch) -> Result<Result<(), PushRefusal>, PersistenceError> {
        for submission in &batch.submissions {
            if let Err(refusal) = self.create_submission(submission).await? {
                return Ok(Err(refusal));
            }
        }
        for plan in &batch.plans {
            if let Err(refusal) = self.create_plan(plan).await? {
                return Ok(Err(refusal));
            }
        }
        for item in &batch.saved {
            if let Err(refusal) = self.upsert_saved(item).await? {
                return Ok(Err(refusal));
            }
        }
        for tick in &batch.ticks {
            self.tick(tick).await?;
        }
        for deletion in &batch.deletions {
            self.delete(deletion).await?;
        }
        Ok(Ok(()))
    }

    /// Notes a conflict when the record changed after the device's last pull.
    fn check(&mut self, table: SyncTable, id: &str, change_seq: i64) -> bool {
        let conflicting = conflicts(change_seq, self.last_pulled_at);
        if conflicting {
            self.conflicts.push((table, id.to_owned()));
        }
        conflicting
    }

    /// Resolves what an id names; `Err` for another learner's record.
    async fn held<T>(
        &mut self,
        table: SyncTable,
        id: &str,
        row: Option<(String, T, i64)>,
    ) -> Result<Result<Held<T>, PushRefusal>, PersistenceError> {
        match row {
            Some((owner, _, _)) if owner != self.user_id => Ok(Err(PushRefusal::IdTaken(table, id.to_owned()))),
            Some((_, record, change_seq)) => Ok(Ok(Held::Record(record, change_seq))),
            None => match tombstones::deleted_at(self.txn, self.user_id, table, id).await? {
                // Deleted after the last pull: a conflict (the device learns of
                // it by pulling); before it: the deletion stands.
                Some(deleted_seq) => {
                    self.check(table, id, deleted_seq);
                    Ok(Ok(Held::DeletedBefore))
                }
                None => Ok(Ok(Held::Nothing)),
            },
        }
    }

    async fn create_submission(&mut self, s: &Submission) -> Result<Result<(), PushRefusal>, PersistenceError> {
        let table = table_of(s.kind);
        let row = submissions::Entity::find_by_id(s.id.clone()).one(self.txn).await?;
        let row = row.map(|r| (r.user_id.clone(), r.clone(), r.change_seq));
        match self.held(table, &s.id, row).await? {
            Err(refusal) => Ok(Err(refusal)),
            Ok(Held::DeletedBefore) => Ok(Ok(())),
            Ok(Held::Record(row, change_seq)) => {
                // A replayed push (the device never got the answer): the same
                // submission, already graded. Nothing is overwritten, so it
                // is no conflict whenever it changed.
                let same = row.kind == s.kind.as_str() && row.role_slug == s.role_slug && row.input == s.input;
                if same || self.check(table, &s.id, change_seq) {
                    return Ok(Ok(()));
                }
                Ok(Err(PushRefusal::Immutable(table, s.id.clone())))
            }
            Ok(Held::Nothing) => {
                submissions::Entity::insert(s.to_row(self.seq, self.seq)).exec_without_returning(self.txn).await?;
                Ok(Ok(()))
            }
        }
    }

    async fn create_plan(&mut self, plan: &StoredPlan) -> Result<Result<(), PushRefusal>, PersistenceError> {
        let table = SyncTable::SprintPlans;
        let row = sprint_plans::Entity::find_by_id(plan.id.clone()).one(self.txn).await?;
        let row = row.map(|r| (r.user_id.clone(), r.clone(), r.change_seq));
        match self.held(table, &plan.id, row).await? {
            Err(refusal) => Ok(Err(refusal)),
            Ok(Held::DeletedBefore) => Ok(Ok(())),
            Ok(Held::Record(row, change_seq)) => {
                let same = row.role_slug == plan.role_slug && row.request == plan.request;
                if same || self.check(table, &plan.id, change_seq) {
                    return Ok(Ok(()));
                }
                Ok(Err(PushRefusal::Immutable(table, plan.id.clone())))
            }
            Ok(Held::Nothing) => {
                sprint_plans::Entity::insert(plan.to_row(self.seq, self.seq)).exec_without_returning(self.txn).await?;
                Ok(Ok(()))
            }
        }
    }

    async fn upsert_saved(&mut self, item: &SavedItem) -> Result<Result<(), PushRefusal>, PersistenceError> {
        let table = SyncTable::SavedItems;
        let row = saved_items::Entity::find_by_id(item.id.clone()).one(self.txn).await?;
        let row = row.map(|r| (r.user_id.clone(), r.clone(), r.change_seq));
        match self.held(table, &item.id, row).await? {
            Err(refusal) => Ok(Err(refusal)),
            Ok(Held::DeletedBefore) => Ok(Ok(())),
            Ok(Held::Record(row, change_seq)) => {
                // Content equal to the server's overwrites nothing: never a conflict.
                if !item.same_content(&row) && !self.check(table, &item.id, change_seq) {
                    let mut update = item.to_row(row.created_seq, self.seq);
                    update.created_at = Set(row.created_at);
                    saved_items::Entity::update(update).exec(self.txn).await?;
                }
                Ok(Ok(()))
            }
            Ok(Held::Nothing) => {
                let created = SavedItem { created_at: self.now, ..item.clone() };
                saved_items::Entity::insert(created.to_row(self.seq, self.seq))
                    .exec_without_returning(self.txn)
                    .await?;
                Ok(Ok(()))
            }
        }
    }

    async fn tick(&mut self, tick: &TaskTick) -> Result<(), PersistenceError> {
        let plan = sprint_plans::Entity::find_by_id(tick.plan_id.clone()).one(self.txn).await?;
        if plan.is_none_or(|p| p.user_id != self.user_id) {
            // The plan is gone: a tick on a task deleted after the last pull
            // conflicts; one deleted before it is moot.
            if let Some(deleted_seq) =
                tombstones::deleted_at(self.txn, self.user_id, SyncTable::SprintTasks, &tick.record_id).await?
            {
                self.check(SyncTable::SprintTasks, &tick.record_id, deleted_seq);
            }
            return Ok(());
        }
        let state =
            sprint_task_states::Entity::find_by_id((tick.plan_id.clone(), tick.task_key.clone())).one(self.txn).await?;
        if let Some(state) = &state {
            // The same state overwrites nothing; another one made since the last pull conflicts.
            if state.done == tick.done || self.check(SyncTable::SprintTasks, &tick.record_id, state.change_seq) {
                return Ok(());
            }
        } else if !tick.done {
            return Ok(());
        }
        super::plans::write_task_state(self.txn, &tick.plan_id, &tick.task_key, tick.done, self.now, self.seq).await
    }

    async fn delete(&mut self, deletion: &Deletion) -> Result<(), PersistenceError> {
        let (table, id) = (deletion.table, deletion.id.as_str());
        let revision = match table {
            SyncTable::Assessments | SyncTable::QualificationChecks | SyncTable::QuizAttempts => {
                submissions::Entity::find_by_id(id.to_owned())
                    .filter(submissions::Column::UserId.eq(self.user_id))
                    .one(self.txn)
                    .await?
                    .map(|row| row.change_seq)
            }
            SyncTable::SprintPlans => self.plan_revision(id).await?,
            SyncTable::SavedItems => saved_items::Entity::find_by_id(id.to_owned())
                .filter(saved_items::Column::UserId.eq(self.user_id))
                .one(self.txn)
                .await?
                .map(|row| row.change_seq),
            // Tasks go with their plan; the use case never asks for one alone.
            SyncTable::SprintTasks => None,
        };
        // Unknown (never stored, deleted already, or another learner's): nothing to do.
        let Some(revision) = revision else { return Ok(()) };
        if self.check(table, id, revision) {
            return Ok(());
        }
        let result = match table {
            SyncTable::SprintPlans => sprint_plans::Entity::delete_by_id(id.to_owned()).exec(self.txn).await?,
            SyncTable::SavedItems => saved_items::Entity::delete_by_id(id.to_owned()).exec(self.txn).await?,
            _ => submissions::Entity::delete_by_id(id.to_owned()).exec(self.txn).await?,
        };
        debug_assert_eq!(result.rows_affected, 1);
        tombstones::bury(self.txn, self.user_id, table, &[id.to_owned()], self.seq).await?;
        for (child_table, child) in &deletion.descendants {
            tombstones::bury(self.txn, self.user_id, *child_table, std::slice::from_ref(child), self.seq).await?;
        }
        Ok(())
    }

    async fn plan_revision(&self, plan_id: &str) -> Result<Option<i64>, PersistenceError> {
        super::plans::revision(self.txn, self.user_id, plan_id).await
    }
}
