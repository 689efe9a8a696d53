//! Three devices of one learner edit offline in random order (create, edit
//! and delete bookmarks, build and delete plans, tick and untick tasks) and
//! sync as WatermelonDB does: pull and apply (local changes kept on top of
//! the server's version), then push, and on `sync_conflict` start again.
//! At the end every device holds exactly what the server holds, no record
//! is duplicated, and the server holds every acknowledged edit unless a
//! later acknowledged edit replaced it (a deletion wins over an edit that
//! had not reached the server: the documented rule).

use std::collections::{BTreeMap, BTreeSet};

use roledex_e2e::{ROLE, TestApp, Value, json, on_both_backends};
use serde_json::Map;

type Raw = Map<String, Value>;
type Key = (String, String);

/// A small deterministic generator (xorshift64*): the same run every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Synced,
    Created,
    Updated,
    Deleted,
}

#[derive(Debug, Clone)]
struct Local {
    raw: Raw,
    status: Status,
    changed: BTreeSet<String>,
}

/// The columns that say what a record is, as every copy must agree on them.
fn visible(table: &str, raw: &Raw) -> Value {
    let columns: &[&str] = match table {
        "saved_items" => &["kind", "target", "note"],
        "sprint_tasks" => &["sprint_plan_id", "key", "done"],
        "sprint_plans" => &["role", "hours_per_week", "start"],
        _ => &[],
    };
    Value::Object(columns.iter().map(|c| ((*c).to_owned(), raw.get(*c).cloned().unwrap_or(Value::Null))).collect())
}

const TABLES: [&str; 3] = ["saved_items", "sprint_plans", "sprint_tasks"];

struct Device {
    name: String,
    last_pulled_at: Option<i64>,
    records: BTreeMap<Key, Local>,
    made: usize,
}

/// What the server holds by the acknowledged pushes, in order.
#[derive(Default)]
struct Acknowledged {
    saved: BTreeMap<String, Option<Value>>,
    ticks: BTreeMap<String, bool>,
    deleted_plans: BTreeSet<String>,
}

impl Device {
    fn new(name: &str) -> Self {
        Self { name: name.to_owned(), last_pulled_at: None, records: BTreeMap::new(), made: 0 }
    }

    fn new_id(&mut self, prefix: &str) -> String {
        self.made += 1;
        format!("{prefix}{}{:04}", self.name, self.made)
    }

    fn live(&self, table: &str) -> Vec<Key> {
        self.records
            .iter()
            .filter(|((t, _), l)| t == table && l.status != Status::Deleted)
            .map(|(k, _)| k.clone())
            .collect()
    }

    fn create(&mut self, table: &str, raw: Raw) {
        let id = raw["id"].as_str().unwrap_or_default().to_owned();
        self.records.insert((table.to_owned(), id), Local { raw, status: Status::Created, changed: BTreeSet::new() });
    }

    fn update(&mut self, key: &Key, column: &str, value: Value) {
        if let Some(local) = self.records.get_mut(key) {
            local.raw.insert(column.to_owned(), value);
            if local.status == Status::Synced {
                local.status = Status::Updated;
            }
            local.changed.insert(column.to_owned());
        }
    }

    fn delete(&mut self, key: &Key) {
        match self.records.get(key).map(|l| l.status) {
            Some(Status::Created) => {
                self.records.remove(key);
            }
            Some(_) => {
                if let Some(local) = self.records.get_mut(key) {
                    local.status = Status::Deleted;
                }
            }
            None => {}
        }
    }

    /// One random offline edit.
    fn edit(&mut self, rng: &mut Rng) {
        let saved = self.live("saved_items");
        let tasks: Vec<Key> = self
            .live("sprint_tasks")
            .into_iter()
            .filter(|(_, id)| {
                self.records.get(&("sprint_tasks".into(), id.clone())).is_some_and(|l| l.status != Status::Created)
            })
            .collect();
        let plans = self.live("sprint_plans");
        match rng.below(10) {
            0..=2 => {
                let id = self.new_id("s");
                let target = ["ai-systems-safety-manager", "aigp", "crisc"][rng.below(3)];
                let kind = if target == ROLE { "role" } else { "certification" };
                let raw = json!({ "id": id, "kind": kind, "target": target, "note": format!("n{}", rng.below(100)) });
                self.create("saved_items", raw.as_object().cloned().unwrap_or_default());
            }
            3 if !saved.is_empty() => {
                let key = saved[rng.below(saved.len())].clone();
                self.update(&key, "note", json!(format!("edited by {} #{}", self.name, rng.below(1000))));
            }
            4 if !saved.is_empty() => {
                let key = saved[rng.below(saved.len())].clone();
                self.delete(&key);
            }
            5..=7 if !tasks.is_empty() => {
                let key = tasks[rng.below(tasks.len())].clone();
                let done =
                    self.records.get(&key).and_then(|l| l.raw.get("done")).and_then(Value::as_bool).unwrap_or(false);
                self.update(&key, "done", json!(!done));
            }
            8 if plans.len() < 3 => {
                let id = self.new_id("p");
                let raw = json!({ "id": id, "role": ROLE, "hours_per_week": 4 + rng.below(8), "start": "2027-02-01",
                                  "certifications": r#"["aigp"]"#, "study_hours": "[]" });
                self.create("sprint_plans", raw.as_object().cloned().unwrap_or_default());
            }
            9 if !plans.is_empty() => {
                // As an app does: the plan with its tasks.
                let (_, plan) = plans[rng.below(plans.len())].clone();
                let children: Vec<Key> =
                    tasks.iter().filter(|(_, id)| id.starts_with(&format!("{plan}."))).cloned().collect();
                for child in children {
                    self.delete(&child);
                }
                self.delete(&("sprint_plans".into(), plan));
            }
            _ => {}
        }
    }

    /// WatermelonDB's `applyRemoteChanges`.
    fn apply(&mut self, pulled: &Value) {
        for table in TABLES {
            let changes = &pulled["changes"][table];
            for id in changes["deleted"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                self.records.remove(&(table.to_owned(), id.to_owned()));
            }
            for raw in ["created", "updated"].iter().flat_map(|l| changes[*l].as_array().into_iter().flatten()) {
                let raw = raw.as_object().cloned().unwrap_or_default();
                let key = (table.to_owned(), raw["id"].as_str().unwrap_or_default().to_owned());
                match self.records.get_mut(&key) {
                    None => {
                        self.records.insert(key, Local { raw, status: Status::Synced, changed: BTreeSet::new() });
                    }
                    Some(local) if local.status == Status::Synced => local.raw = raw,
                    // Locally deleted: the deletion is pushed later.
                    Some(local) if local.status == Status::Deleted => {}
                    // Locally changed: the server's version, with the local changes on top.
                    Some(local) => {
                        let mut resolved = raw;
                        for column in &local.changed {
                            if let Some(value) = local.raw.get(column) {
                                resolved.insert(column.clone(), value.clone());
                            }
                        }
                        local.raw = resolved;
                        local.status = Status::Updated;
                    }
                }
            }
        }
        self.last_pulled_at = pulled["timestamp"].as_i64();
    }

    fn local_changes(&self) -> Option<Value> {
        let mut out = Map::new();
        let mut any = false;
        for table in TABLES {
            let pick = |status: Status| -> Vec<Value> {
                self.records
                    .iter()
                    .filter(|((t, _), l)| t == table && l.status == status)
                    .map(|(_, l)| Value::Object(l.raw.clone()))
                    .collect()
            };
            let deleted: Vec<Value> = self
                .records
                .iter()
                .filter(|((t, _), l)| t == table && l.status == Status::Deleted)
                .map(|((_, id), _)| json!(id))
                .collect();
            let (created, updated) = (pick(Status::Created), pick(Status::Updated));
            any |= !(created.is_empty() && updated.is_empty() && deleted.is_empty());
            out.insert(table.to_owned(), json!({ "created": created, "updated": updated, "deleted": deleted }));
        }
        any.then_some(Value::Object(out))
    }

    fn mark_synced(&mut self) {
        self.records.retain(|_, l| l.status != Status::Deleted);
        for local in self.records.values_mut() {
            local.status = Status::Synced;
            local.changed.clear();
        }
    }

    /// The first half of `synchronize()`: pull and apply; answers the
    /// local changes to push, made against that pull.
    async fn pull(&mut self, app: &TestApp, token: &str) -> Option<(Value, i64)> {
        let at = self.last_pulled_at.map_or("null".into(), |t| t.to_string());
        let (status, pulled) = app.get_as(&format!("/api/v1/me/sync?last_pulled_at={at}"), token).await;
        assert_eq!(status, 200, "{pulled}");
        self.apply(&pulled);
        self.local_changes().map(|changes| (changes, self.last_pulled_at.unwrap_or(0)))
    }

    /// The second half: push; true when a conflict refused it.
    async fn push(
        &mut self,
        app: &TestApp,
        token: &str,
        (changes, since): (Value, i64),
        acknowledged: &mut Acknowledged,
    ) -> bool {
        let (status, answer) =
            app.post(&format!("/api/v1/me/sync?last_pulled_at={since}"), Some(token), changes.clone()).await;
        match status {
            200 => {
                acknowledged.record(&changes);
                self.mark_synced();
                false
            }
            409 => {
                assert_eq!(answer["code"], "sync_conflict");
                true
            }
            _ => panic!("{} push refused: {answer}\n{changes}", self.name),
        }
    }

    /// One whole `synchronize()`, started again after a conflict.
    async fn sync(&mut self, app: &TestApp, token: &str, acknowledged: &mut Acknowledged) -> usize {
        for conflicts in 0..10 {
            let Some(pending) = self.pull(app, token).await else { return conflicts };
            if !self.push(app, token, pending, acknowledged).await {
                return conflicts;
            }
        }
        panic!("{} did not get a push through in 10 tries", self.name)
    }
}

impl Acknowledged {
    fn record(&mut self, changes: &Value) {
        let saved = &changes["saved_items"];
        for raw in ["created", "updated"].iter().flat_map(|l| saved[*l].as_array().into_iter().flatten()) {
            let raw = raw.as_object().cloned().unwrap_or_default();
            self.saved.insert(raw["id"].as_str().unwrap_or_default().to_owned(), Some(visible("saved_items", &raw)));
        }
        for id in saved["deleted"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            self.saved.insert(id.to_owned(), None);
        }
        for raw in changes["sprint_tasks"]["updated"].as_array().into_iter().flatten() {
            self.ticks
                .insert(raw["id"].as_str().unwrap_or_default().to_owned(), raw["done"].as_bool().unwrap_or(false));
        }
        for id in changes["sprint_plans"]["deleted"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            self.deleted_plans.insert(id.to_owned());
        }
    }
}

/// A copy's records: table and id to what they say.
fn holdings(records: impl Iterator<Item = (Key, Raw)>) -> BTreeMap<Key, Value> {
    records
        .map(|((table, id), raw)| {
            let shown = visible(&table, &raw);
            ((table, id), shown)
        })
        .collect()
}

async fn three_devices_converge(app: &TestApp) {
    let (token, _) = app.learner("devices@example.com").await;
    let mut devices = vec![Device::new("A"), Device::new("B"), Device::new("C")];
    let mut acknowledged = Acknowledged::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut conflicts = 0;
    for _round in 0..40 {
        // Each device edits offline, and some start a sync (pull, then push
        // later): another device's push may land between its pull and push.
        let mut pending = Vec::new();
        for index in [[0, 1, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]][rng.below(4)] {
            for _ in 0..rng.below(4) {
                devices[index].edit(&mut rng);
            }
            if rng.below(10) < 6
                && let Some(changes) = devices[index].pull(app, &token).await
            {
                pending.push((index, changes));
            }
        }
        while !pending.is_empty() {
            let (index, changes) = pending.remove(rng.below(pending.len()));
            conflicts += usize::from(devices[index].push(app, &token, changes, &mut acknowledged).await);
        }
    }
    // Everyone syncs until nothing is left to push, then pulls once more.
    for _ in 0..3 {
        for device in &mut devices {
            conflicts += device.sync(app, &token, &mut acknowledged).await;
        }
    }
    let (status, server) = app.get_as("/api/v1/me/sync?last_pulled_at=null", &token).await;
    assert_eq!(status, 200);
    let mut server_records = Vec::new();
    for table in TABLES {
        let rows = server["changes"][table]["updated"].as_array().cloned().unwrap_or_default();
        let ids: BTreeSet<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
        assert_eq!(ids.len(), rows.len(), "{table}: no record twice");
        for row in rows {
            let raw = row.as_object().cloned().unwrap_or_default();
            server_records.push(((table.to_owned(), raw["id"].as_str().unwrap_or_default().to_owned()), raw));
        }
    }
    let server_holds = holdings(server_records.into_iter());
    for device in &devices {
        assert!(device.local_changes().is_none(), "{} has nothing left to push", device.name);
        let device_holds = holdings(device.records.iter().map(|(k, l)| (k.clone(), l.raw.clone())));
        assert_eq!(device_holds, server_holds, "device {} holds what the server holds", device.name);
    }
    // Every acknowledged edit stands unless a later acknowledged one replaced it.
    for (id, expected) in &acknowledged.saved {
        let held = server_holds.get(&("saved_items".to_owned(), id.clone()));
        assert_eq!(held, expected.as_ref(), "saved item {id}");
    }
    for (id, done) in &acknowledged.ticks {
        let plan = id.rsplit_once('.').map_or("", |(plan, _)| plan);
        match server_holds.get(&("sprint_tasks".to_owned(), id.clone())) {
            Some(task) => assert_eq!(task["done"].as_bool(), Some(*done), "task {id}"),
            None => assert!(acknowledged.deleted_plans.contains(plan), "task {id} is gone only with its plan"),
        }
    }
    assert!(acknowledged.saved.len() > 20 && !acknowledged.ticks.is_empty(), "the run exercised edits");
    assert!(conflicts > 0, "the run met conflicts and resolved them");
}
on_both_backends!(three_devices_converge);
