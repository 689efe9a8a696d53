//! The pull: what changed since the device's last pull, as WatermelonDB
//! applies it.

use std::collections::{BTreeMap, BTreeSet};

use roledex_domain::guidance::record::readable;
use roledex_domain::guidance::sprint::SprintPlan;
use roledex_domain::sync::{PullMode, SyncTable, pull_mode, sent};
use roledex_persistence::learners::{Snapshot, now_millis};
use serde::Deserialize;

use super::records::{self, RawRecord};
use super::table_of;
use crate::dto::{SyncPull, SyncTableChanges};
use crate::error::ApiError;
use crate::state::AppState;

/// What WatermelonDB sends as `migration` when the app's local schema
/// gained tables or columns since its last sync.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MigrationInfo {
    #[serde(default)]
    pub from: Option<i64>,
    #[serde(default)]
    pub tables: Vec<String>,
    #[serde(default)]
    pub columns: Vec<AddedColumns>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AddedColumns {
    pub table: String,
    #[serde(default)]
    pub columns: Vec<String>,
}

/// The tables the device's migration added or gave new columns, sent
/// whole; names are whitelisted (unknown ones are ignored).
fn widened(migration: Option<&MigrationInfo>) -> BTreeSet<SyncTable> {
    let Some(migration) = migration else { return BTreeSet::new() };
    let widened_columns = migration.columns.iter().filter(|added| !added.columns.is_empty()).map(|added| &added.table);
    migration.tables.iter().chain(widened_columns).filter_map(|name| SyncTable::parse(name)).collect()
}

/// How long deleted records are remembered for devices.
fn horizon_millis(state: &AppState) -> i64 {
    i64::from(state.config.sync_tombstone_days).saturating_mul(86_400_000)
}

/// Everything that changed for the learner since `last_pulled_at`.
pub async fn pull(
    state: &AppState,
    user_id: &str,
    last_pulled_at: Option<i64>,
    migration: Option<&MigrationInfo>,
) -> Result<SyncPull, ApiError> {
    // Read before the snapshot: a write in between only adds changes the
    // snapshot then holds (see `pull_mode`).
    let learner_seq = state.learners.change_sequence(user_id).await?;
    let mode = pull_mode(last_pulled_at, learner_seq, now_millis(), horizon_millis(state));
    let widened = widened(migration);
    let (rows_after, deletions_after) = match mode {
        PullMode::Since(at) if widened.is_empty() => (Some(at), Some(at)),
        PullMode::Since(at) => (None, Some(at)),
        PullMode::Everything | PullMode::Replacement => (None, None),
    };
    let snapshot = state.learners.pull(user_id, rows_after, deletions_after).await?;
    let (replacement, seq) = (mode == PullMode::Replacement, snapshot.seq);
    let mut changes = Changes { mode, widened, tables: BTreeMap::new() };
    changes.assemble(state, snapshot).await?;
    Ok(SyncPull {
        changes: changes.tables,
        // WatermelonDB takes only a positive timestamp; a learner with no
        // writes yet is at 0, and every write takes a value far above 1.
        timestamp: seq.max(1),
        experimental_strategy: replacement.then(|| "replacement".to_owned()),
    })
}

struct Changes {
    mode: PullMode,
    widened: BTreeSet<SyncTable>,
    tables: BTreeMap<String, SyncTableChanges>,
}

impl Changes {
    /// Whether the pull sends a record of `table` last changed at `change_seq`.
    fn sends(&self, table: SyncTable, change_seq: i64) -> bool {
        // A table the device's migration added or widened is sent whole.
        self.widened.contains(&table) || sent(self.mode, change_seq)
    }

    /// Records go in `updated` (see `roledex_domain::sync::sent`).
    fn add(&mut self, table: SyncTable, record: RawRecord) {
        self.tables.entry(table.name().to_owned()).or_default().updated.push(record);
    }

    async fn assemble(&mut self, state: &AppState, snapshot: Snapshot) -> Result<(), ApiError> {
        for table in SyncTable::ALL {
            self.tables.entry(table.name().to_owned()).or_default();
        }
        for synced in snapshot.submissions {
            let table = table_of(synced.record.kind);
            if self.sends(table, synced.change_seq) {
                let record = records::submission(state, synced.record).await?;
                self.add(table, record);
            }
        }
        for synced in &snapshot.plans {
            if self.sends(SyncTable::SprintPlans, synced.change_seq) {
                self.add(SyncTable::SprintPlans, records::plan(&synced.record)?);
            }
            let states: Vec<_> = snapshot.task_states.iter().filter(|s| s.plan_id == synced.record.id).collect();
            let plan = stored_plan(&synced.record)?;
            for (key, task) in records::tasks(&synced.record, &plan, &states) {
                // A task changes with its plan (made with it) and with each tick.
                let ticked = states.iter().find(|s| s.task_key == key).map_or(0, |s| s.change_seq);
                if self.sends(SyncTable::SprintTasks, synced.change_seq.max(ticked)) {
                    self.add(SyncTable::SprintTasks, task);
                }
            }
        }
        for synced in snapshot.saved {
            if self.sends(SyncTable::SavedItems, synced.change_seq) {
                self.add(SyncTable::SavedItems, records::saved(&synced.record));
            }
        }
        let mut deleted: BTreeMap<SyncTable, BTreeSet<String>> = BTreeMap::new();
        for (table, id) in snapshot.deleted {
            deleted.entry(table).or_default().insert(id);
        }
        for (table, ids) in deleted {
            self.tables.entry(table.name().to_owned()).or_default().deleted.extend(ids);
        }
        Ok(())
    }
}

fn stored_plan(stored: &roledex_persistence::learners::StoredPlan) -> Result<SprintPlan, ApiError> {
    if !readable(stored.format_version) {
        return Err(ApiError::internal(
            "reading a sprint plan",
            format!("plan {} has format {}", stored.id, stored.format_version),
        ));
    }
    serde_json::from_str(&stored.plan).map_err(|e| ApiError::internal(&format!("reading sprint plan {}", stored.id), e))
}
