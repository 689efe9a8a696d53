//! A pushed changes object, checked for shape: known tables only, safe
//! record ids, columns read by name (WatermelonDB's `_status` and `_changed`,
//! and any column the table does not take, are ignored).

use std::collections::BTreeMap;

use roledex_domain::sync::{RecordId, SyncTable};
use serde_json::{Map, Value};

use crate::error::ApiError;

/// A record as a device sent it.
#[derive(Debug, Clone)]
pub struct DeviceRecord {
    pub table: SyncTable,
    pub id: RecordId,
    columns: Map<String, Value>,
}

/// One table's changes. Created and updated records are told apart only
/// where the table cares: the protocol asks the server to create an updated
/// record it does not have, and to update a created one it has.
#[derive(Debug, Clone, Default)]
pub struct TableChanges {
    pub created: Vec<DeviceRecord>,
    pub updated: Vec<DeviceRecord>,
    pub deleted: Vec<RecordId>,
}

impl TableChanges {
    /// Created and updated records alike, in the order sent.
    pub fn written(&self) -> impl Iterator<Item = &DeviceRecord> {
        self.created.iter().chain(&self.updated)
    }
}

/// A push: the changes of each table it names.
#[derive(Debug, Clone, Default)]
pub struct DeviceChanges(pub BTreeMap<SyncTable, TableChanges>);

impl DeviceChanges {
    pub fn table(&self, table: SyncTable) -> Option<&TableChanges> {
        self.0.get(&table)
    }
}

pub fn invalid(table: impl ToString, id: impl ToString, message: impl Into<String>) -> ApiError {
    ApiError::InvalidSyncChange { table: table.to_string(), id: id.to_string(), message: message.into() }
}

/// Reads a changes object (`{ table: { created, updated, deleted } }`).
pub fn parse(body: Value) -> Result<DeviceChanges, ApiError> {
    let Value::Object(tables) = body else {
        return Err(ApiError::InvalidBody("the changes must be a JSON object of tables".into()));
    };
    let mut changes = DeviceChanges::default();
    for (name, entry) in tables {
        let table = SyncTable::parse(&name).ok_or_else(|| {
            let known: Vec<&str> = SyncTable::ALL.iter().map(|t| t.name()).collect();
            invalid(
                name.chars().take(80).collect::<String>(),
                "",
                format!("no such table; tables: {}", known.join(", ")),
            )
        })?;
        let Value::Object(mut entry) = entry else {
            return Err(invalid(table, "", "a table's changes are an object with `created`, `updated` and `deleted`"));
        };
        let mut parsed = TableChanges::default();
        for (list, out) in [("created", &mut parsed.created), ("updated", &mut parsed.updated)] {
            for raw in array(table, list, entry.remove(list))? {
                out.push(record(table, raw)?);
            }
        }
        for raw in array(table, "deleted", entry.remove("deleted"))? {
            let Value::String(id) = raw else {
                return Err(invalid(table, "", "`deleted` lists record ids (strings)"));
            };
            parsed.deleted.push(RecordId::parse(&id).map_err(|e| invalid(table, "", e.0))?);
        }
        changes.0.insert(table, parsed);
    }
    Ok(changes)
}

/// A list of the entry; an absent one is empty.
fn array(table: SyncTable, list: &str, value: Option<Value>) -> Result<Vec<Value>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(invalid(table, "", format!("`{list}` must be an array"))),
    }
}

fn record(table: SyncTable, raw: Value) -> Result<DeviceRecord, ApiError> {
    let Value::Object(columns) = raw else {
        return Err(invalid(table, "", "a record is an object of columns"));
    };
    let id = match columns.get("id") {
        Some(Value::String(id)) => RecordId::parse(id).map_err(|e| invalid(table, "", e.0))?,
        _ => return Err(invalid(table, "", "a record needs its `id` (a string)")),
    };
    Ok(DeviceRecord { table, id, columns })
}

impl DeviceRecord {
    fn missing(&self, column: &str, what: &str) -> ApiError {
        invalid(self.table, &self.id, format!("`{column}` must be {what}"))
    }

    pub fn text(&self, column: &str) -> Result<&str, ApiError> {
        self.columns.get(column).and_then(Value::as_str).ok_or_else(|| self.missing(column, "a string"))
    }

    /// A text column that may be absent, null or empty.
    pub fn optional_text(&self, column: &str) -> Result<Option<&str>, ApiError> {
        match self.columns.get(column) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(self.missing(column, "a string or null")),
        }
    }

    pub fn integer(&self, column: &str) -> Result<i64, ApiError> {
        let value = self.columns.get(column).ok_or_else(|| self.missing(column, "a whole number"))?;
        value
            .as_i64()
            .or_else(|| value.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
            .ok_or_else(|| self.missing(column, "a whole number"))
    }

    pub fn boolean(&self, column: &str) -> Result<bool, ApiError> {
        self.columns.get(column).and_then(Value::as_bool).ok_or_else(|| self.missing(column, "true or false"))
    }

    /// A column holding JSON as text (WatermelonDB columns are strings,
    /// numbers or booleans); a JSON array sent as is is taken too. Absent:
    /// `default`.
    pub fn json(&self, column: &str, default: Option<Value>) -> Result<Value, ApiError> {
        match (self.columns.get(column), default) {
            (None | Some(Value::Null), Some(default)) => Ok(default),
            (Some(Value::String(text)), _) => serde_json::from_str(text)
                .map_err(|e| invalid(self.table, &self.id, format!("`{column}` is not JSON text: {e}"))),
            (Some(value @ (Value::Array(_) | Value::Object(_))), _) => Ok(value.clone()),
            _ => Err(self.missing(column, "JSON text")),
        }
    }

    /// The column as sent, if any.
    pub fn raw(&self, column: &str) -> Option<&Value> {
        self.columns.get(column)
    }
}
