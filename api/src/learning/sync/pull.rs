//! The pull: what changed since the device's last pull, as WatermelonDB
//! applies it.

use std::collections::{BTreeMap, BTreeSet};

use roledex_domain::guidance::record::readable;
use roledex_domain::guidance::sprint::SprintPlan;
use roledex_domain::sync::{Appearance, PullMode, SyncTable, appearance, pull_mode};
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

/// How a table the device's migration touched is sent in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Widened {
    /// A table new on the device: all its records, as created.
    NewTable,
    /// New columns: all records, as updated where the device has them.
    NewColumns,
}

/// Tables the migration names, whitelisted: unknown names are ignored.
fn widened(migration: Option<&MigrationInfo>) -> BTreeMap<SyncTable, Widened> {
    let mut out = BTreeMap::new();
    let Some(migration) = migration else { return out };
    for added in &migration.columns {
        if let Some(table) = SyncTable::parse(&added.table).filter(|_| !added.columns.is_empty()) {
            out.insert(table, Widened::NewColumns);
        }
    }
    for table in migration.tables.iter().filter_map(|name| SyncTable::parse(name)) {
        out.insert(table, Widened::NewTable);
    }
    out
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
    widened: BTreeMap<SyncTable, Widened>,
    tables: BTreeMap<String, SyncTableChanges>,
}

impl Changes {
    fn mode_for(&self, table: SyncTable) -> PullMode {
        match (self.mode, self.widened.get(&table)) {
            (PullMode::Since(_), Some(Widened::NewTable)) => PullMode::Everything,
            (mode, _) => mode,
        }
    }

    fn appearance(&self, table: SyncTable, created_seq: i64, change_seq: i64) -> Option<Appearance> {
        let shown = appearance(self.mode_for(table), created_seq, change_seq);
        match self.widened.get(&table) {
            Some(Widened::NewColumns) => shown.or(Some(Appearance::Updated)),
            _ => shown,
        }
    }

    fn add(&mut self, table: SyncTable, shown: Option<Appearance>, record: RawRecord) {
        let entry = self.tables.entry(table.name().to_owned()).or_default();
        match shown {
            Some(Appearance::Created) => entry.created.push(record),
            Some(Appearance::Updated) => entry.updated.push(record),
            None => {}
        }
    }

    async fn assemble(&mut self, state: &AppState, snapshot: Snapshot) -> Result<(), ApiError> {
        for table in SyncTable::ALL {
            self.tables.entry(table.name().to_owned()).or_default();
        }
        for synced in snapshot.submissions {
            let table = table_of(synced.record.kind);
            let shown = self.appearance(table, synced.created_seq, synced.change_seq);
            if shown.is_some() {
                let record = records::submission(state, synced.record).await?;
                self.add(table, shown, record);
            }
        }
        for synced in &snapshot.plans {
            let shown = self.appearance(SyncTable::SprintPlans, synced.created_seq, synced.change_seq);
            self.add(SyncTable::SprintPlans, shown, records::plan(&synced.record)?);
            let states: Vec<_> = snapshot.task_states.iter().filter(|s| s.plan_id == synced.record.id).collect();
            let plan = stored_plan(&synced.record)?;
            match self.appearance(SyncTable::SprintTasks, synced.created_seq, synced.created_seq) {
                Some(Appearance::Created) => {
                    for task in records::tasks(&synced.record, &plan, &states, false) {
                        self.add(SyncTable::SprintTasks, Some(Appearance::Created), task);
                    }
                }
                shown => {
                    // The device has the plan's tasks: send those that changed.
                    let changed: Vec<_> = states
                        .iter()
                        .copied()
                        .filter(|s| self.appearance(SyncTable::SprintTasks, synced.created_seq, s.change_seq).is_some())
                        .collect();
                    let all = shown.is_some();
                    for task in records::tasks(&synced.record, &plan, &if all { states.clone() } else { changed }, !all)
                    {
                        self.add(SyncTable::SprintTasks, Some(Appearance::Updated), task);
                    }
                }
            }
        }
        for synced in snapshot.saved {
            let shown = self.appearance(SyncTable::SavedItems, synced.created_seq, synced.change_seq);
            self.add(SyncTable::SavedItems, shown, records::saved(&synced.record));
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
