//! Sprint plans and the done state of their tasks.

use std::collections::BTreeMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

use super::{Completion, LearnerStore};
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

impl LearnerStore {
    pub async fn save_plan(&self, plan: &StoredPlan, completion: Option<&Completion>) -> Result<(), PersistenceError> {
        let _turn = self.write_turn().await;
        let txn = self.db.begin().await?;
        sprint_plans::Entity::insert(sprint_plans::ActiveModel {
            id: Set(plan.id.clone()),
            user_id: Set(plan.user_id.clone()),
            role_slug: Set(plan.role_slug.clone()),
            request: Set(plan.request.clone()),
            plan: Set(plan.plan.clone()),
            format_version: Set(i32::from(plan.format_version)),
            created_at: Set(plan.created_at),
        })
        .exec_without_returning(&txn)
        .await?;
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

    pub async fn plans(&self, user_id: &str, limit: u64) -> Result<Vec<StoredPlan>, PersistenceError> {
        sprint_plans::Entity::find()
            .filter(sprint_plans::Column::UserId.eq(user_id))
            .order_by_desc(sprint_plans::Column::CreatedAt)
            .order_by_desc(sprint_plans::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?
            .into_iter()
            .map(StoredPlan::try_from)
            .collect()
    }

    pub async fn task_states(&self, plan_id: &str) -> Result<BTreeMap<String, TaskState>, PersistenceError> {
        Ok(sprint_task_states::Entity::find()
            .filter(sprint_task_states::Column::PlanId.eq(plan_id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| (row.task_key, TaskState { done: row.done, updated_at: row.updated_at }))
            .collect())
    }

    /// Marks a task done or not done (an upsert: ticking twice is harmless).
    pub async fn set_task_done(
        &self,
        plan_id: &str,
        task_key: &str,
        done: bool,
        now: i64,
    ) -> Result<(), PersistenceError> {
        sprint_task_states::Entity::insert(sprint_task_states::ActiveModel {
            plan_id: Set(plan_id.to_owned()),
            task_key: Set(task_key.to_owned()),
            done: Set(done),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([sprint_task_states::Column::PlanId, sprint_task_states::Column::TaskKey])
                .update_columns([sprint_task_states::Column::Done, sprint_task_states::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&self.db)
        .await?;
        Ok(())
    }
}
