//! Sprint plans and the done state of their tasks.

use std::collections::BTreeMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use super::{Completion, LearnerStore, Page, clock};
use crate::PersistenceError;
use crate::entities::{sprint_plans, sprint_task_states};

/// A stored sprint plan: the request and the plan as the JSON of domain
/// values, in the shape `format_version` names.
#[derive(Debug, Clone)]
pub struct StoredPlan {
    pub id: String,
    pub user_id: String,
    pub role_slug: String,
    pub request: String,
    pub plan: String,
    pub format_version: u16,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskState {
    pub done: bool,
    pub updated_at: i64,
    pub change_seq: i64,
}

impl TryFrom<sprint_plans::Model> for StoredPlan {
    type Error = PersistenceError;

    fn try_from(row: sprint_plans::Model) -> Result<Self, PersistenceError> {
        let format_version = u16::try_from(row.format_version).map_err(|_| {
            PersistenceError::Corrupt(format!("plan {}: format version {}", row.id, row.format_version))
        })?;
        Ok(Self {
            id: row.id,
            user_id: row.user_id,
            role_slug: row.role_slug,
            request: row.request,
            plan: row.plan,
            format_version,
            created_at: row.created_at,
        })
    }
}

impl StoredPlan {
    pub(super) fn to_row(&self, change_seq: i64) -> sprint_plans::ActiveModel {
        sprint_plans::ActiveModel {
            id: Set(self.id.clone()),
            user_id: Set(self.user_id.clone()),
            role_slug: Set(self.role_slug.clone()),
            request: Set(self.request.clone()),
            plan: Set(self.plan.clone()),
            format_version: Set(i32::from(self.format_version)),
            created_at: Set(self.created_at),
            change_seq: Set(change_seq),
        }
    }
}

/// What ticking a task came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskWrite {
    /// Stored; the plan's revision is now this.
    Written { revision: i64 },
    /// The plan changed since the revision the client named; nothing was written.
    Stale { revision: i64 },
}

impl LearnerStore {
    pub async fn save_plan(&self, plan: &StoredPlan, completion: Option<&Completion>) -> Result<(), PersistenceError> {
        let _turn = self.write_turn().await;
        let txn = self.db.begin().await?;
        let seq = clock::advance(&txn, &plan.user_id, plan.created_at).await?;
        sprint_plans::Entity::insert(plan.to_row(seq)).exec_without_returning(&txn).await?;
        if let Some(completion) = completion {
            self.complete_idempotency_key(&txn, completion).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// The plan, only when it belongs to `user_id`: another learner's plan is
    /// indistinguishable from one that does not exist.
    pub async fn plan(&self, user_id: &str, plan_id: &str) -> Result<Option<StoredPlan>, PersistenceError> {
        let row = sprint_plans::Entity::find()
            .filter(sprint_plans::Column::Id.eq(plan_id))
            .filter(sprint_plans::Column::UserId.eq(user_id))
            .one(&self.db)
            .await?;
        row.map(StoredPlan::try_from).transpose()
    }

    /// A page of the learner's plans, newest first.
    pub async fn plans(&self, user_id: &str, page: Page<'_>) -> Result<Vec<StoredPlan>, PersistenceError> {
        sprint_plans::Entity::find()
            .filter(sprint_plans::Column::UserId.eq(user_id))
            .filter(page.condition(sprint_plans::Column::CreatedAt, sprint_plans::Column::Id))
            .order_by_desc(sprint_plans::Column::CreatedAt)
            .order_by_desc(sprint_plans::Column::Id)
            .limit(page.limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(StoredPlan::try_from)
            .collect()
    }

    /// The task states of a plan, and the plan's revision: the latest change
    /// to it or to any of its tasks (its `ETag`).
    pub async fn task_states(&self, plan_id: &str) -> Result<(BTreeMap<String, TaskState>, i64), PersistenceError> {
        let plan = sprint_plans::Entity::find_by_id(plan_id.to_owned()).one(&self.db).await?;
        let states: BTreeMap<String, TaskState> = sprint_task_states::Entity::find()
            .filter(sprint_task_states::Column::PlanId.eq(plan_id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| {
                (row.task_key, TaskState { done: row.done, updated_at: row.updated_at, change_seq: row.change_seq })
            })
            .collect();
        let revision = states.values().map(|s| s.change_seq).fold(plan.map_or(0, |p| p.change_seq), i64::max);
        Ok((states, revision))
    }

    /// Marks a task of the learner's plan done or not done (ticking twice is
    /// harmless). With `expected`, only when the plan's revision is one of
    /// those: checked under the learner's write lock, so two clients
    /// cannot both pass the check and overwrite each other.
    pub async fn set_task_done(
        &self,
        user_id: &str,
        plan_id: &str,
        task_key: &str,
        done: bool,
        expected: Option<&[i64]>,
        now: i64,
    ) -> Result<TaskWrite, PersistenceError> {
        let _turn = self.write_turn().await;
        let txn = self.db.begin().await?;
        let seq = clock::advance(&txn, user_id, now).await?;
        let revision = revision(&txn, user_id, plan_id).await?.unwrap_or(0);
        if expected.is_some_and(|e| !e.contains(&revision)) {
            return Ok(TaskWrite::Stale { revision });
        }
        write_task_state(&txn, plan_id, task_key, done, now, seq).await?;
        txn.commit().await?;
        Ok(TaskWrite::Written { revision: seq })
    }
}

/// The latest change to a learner's plan or any of its tasks; `None` when
/// the learner has no such plan.
pub(super) async fn revision<C: ConnectionTrait>(
    conn: &C,
    user_id: &str,
    plan_id: &str,
) -> Result<Option<i64>, PersistenceError> {
    let Some(plan) = sprint_plans::Entity::find_by_id(plan_id.to_owned())
        .filter(sprint_plans::Column::UserId.eq(user_id))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let states =
        sprint_task_states::Entity::find().filter(sprint_task_states::Column::PlanId.eq(plan_id)).all(conn).await?;
    Ok(Some(states.iter().map(|s| s.change_seq).fold(plan.change_seq, i64::max)))
}

/// Writes a task's done state at `seq` (an upsert).
pub(super) async fn write_task_state<C: ConnectionTrait>(
    conn: &C,
    plan_id: &str,
    task_key: &str,
    done: bool,
    now: i64,
    seq: i64,
) -> Result<(), PersistenceError> {
    sprint_task_states::Entity::insert(sprint_task_states::ActiveModel {
        plan_id: Set(plan_id.to_owned()),
        task_key: Set(task_key.to_owned()),
        done: Set(done),
        updated_at: Set(now),
        change_seq: Set(seq),
    })
    .on_conflict(
        OnConflict::columns([sprint_task_states::Column::PlanId, sprint_task_states::Column::TaskKey])
            .update_columns([
                sprint_task_states::Column::Done,
                sprint_task_states::Column::UpdatedAt,
                sprint_task_states::Column::ChangeSeq,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
