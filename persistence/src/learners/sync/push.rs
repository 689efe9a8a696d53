//! Applying a device's changes inside the push's transaction: each record
//! checked against what the server holds (another learner's id, a replay,
//! a change since the device's last pull) before it is written.

use roledex_domain::sync::{SyncTable, conflicts};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::super::{SavedItem, StoredPlan, Submission, tombstones};
use super::{Deletion, PushBatch, PushRefusal, TaskTick, table_of};
use crate::PersistenceError;
use crate::entities::{saved_items, sprint_plans, sprint_task_states, submissions};

/// One push being applied inside its transaction.
pub(super) struct Push<'a> {
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

impl<'a> Push<'a> {
    pub(super) fn new(txn: &'a DatabaseTransaction, user_id: &'a str, last_pulled_at: i64, seq: i64, now: i64) -> Self {
        Self { txn, user_id, last_pulled_at, seq, now, conflicts: Vec::new() }
    }

    /// The records that changed on the server since the device's last pull.
    pub(super) fn into_conflicts(self) -> Vec<(SyncTable, String)> {
        self.conflicts
    }

    pub(super) async fn apply(&mut self, batch: &PushBatch) -> Result<Result<(), PushRefusal>, PersistenceError> {
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

    /// Whether to insert a graded submission or built plan (a record stored
    /// once, never changed), given what the server holds under its id: the
    /// owner, whether the stored content is the pushed one, and when it last
    /// changed. The same content again is a replayed push (the device never
    /// got the answer): nothing is overwritten, so it is no conflict
    /// whenever it changed.
    async fn create_once(
        &mut self,
        table: SyncTable,
        id: &str,
        row: Option<(String, bool, i64)>,
    ) -> Result<Result<bool, PushRefusal>, PersistenceError> {
        match self.held(table, id, row).await? {
            Err(refusal) => Ok(Err(refusal)),
            Ok(Held::DeletedBefore) => Ok(Ok(false)),
            Ok(Held::Record(same, change_seq)) => {
                if same || self.check(table, id, change_seq) {
                    Ok(Ok(false))
                } else {
                    Ok(Err(PushRefusal::Immutable(table, id.to_owned())))
                }
            }
            Ok(Held::Nothing) => Ok(Ok(true)),
        }
    }

    async fn create_submission(&mut self, s: &Submission) -> Result<Result<(), PushRefusal>, PersistenceError> {
        let row = submissions::Entity::find_by_id(s.id.clone()).one(self.txn).await?.map(|r| {
            let same = r.kind == s.kind.as_str() && r.role_slug == s.role_slug && r.input == s.input;
            (r.user_id, same, r.change_seq)
        });
        match self.create_once(table_of(s.kind), &s.id, row).await? {
            Ok(true) => submissions::Entity::insert(s.to_row(self.seq)).exec_without_returning(self.txn).await?,
            Ok(false) => 0,
            Err(refusal) => return Ok(Err(refusal)),
        };
        Ok(Ok(()))
    }

    async fn create_plan(&mut self, plan: &StoredPlan) -> Result<Result<(), PushRefusal>, PersistenceError> {
        let row = sprint_plans::Entity::find_by_id(plan.id.clone()).one(self.txn).await?.map(|r| {
            let same = r.role_slug == plan.role_slug && r.request == plan.request;
            (r.user_id, same, r.change_seq)
        });
        match self.create_once(SyncTable::SprintPlans, &plan.id, row).await? {
            Ok(true) => sprint_plans::Entity::insert(plan.to_row(self.seq)).exec_without_returning(self.txn).await?,
            Ok(false) => 0,
            Err(refusal) => return Ok(Err(refusal)),
        };
        Ok(Ok(()))
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
                    let mut update = item.to_row(self.seq);
                    update.created_at = Set(row.created_at);
                    saved_items::Entity::update(update).exec(self.txn).await?;
                }
                Ok(Ok(()))
            }
            Ok(Held::Nothing) => {
                let created = SavedItem { created_at: self.now, ..item.clone() };
                saved_items::Entity::insert(created.to_row(self.seq)).exec_without_returning(self.txn).await?;
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
        super::super::plans::write_task_state(self.txn, &tick.plan_id, &tick.task_key, tick.done, self.now, self.seq)
            .await
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
        super::super::plans::revision(self.txn, self.user_id, plan_id).await
    }
}
