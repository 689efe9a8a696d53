//! A use case's answer with its JSON serialized once: REST sends those bytes,
//! the idempotency store keeps them, and GraphQL takes the typed value.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct Stored<T> {
    json: String,
    /// Absent for an answer replayed from the idempotency store: it is read
    /// back from the JSON only if a caller asks for the value.
    value: Option<T>,
}

impl<T: Serialize> Stored<T> {
    pub fn new(value: T) -> Result<Self, ApiError> {
        let json = serde_json::to_string(&value).map_err(|e| ApiError::internal("serializing an answer", e))?;
        Ok(Self { json, value: Some(value) })
    }
}

impl<T> Stored<T> {
    pub(super) fn replayed(json: String) -> Self {
        Self { json, value: None }
    }

    pub fn json(&self) -> &str {
        &self.json
    }

    pub fn into_json(self) -> String {
        self.json
    }
}

impl<T: DeserializeOwned> Stored<T> {
    pub fn into_value(self) -> Result<T, ApiError> {
        match self.value {
            Some(value) => Ok(value),
            None => serde_json::from_str(&self.json).map_err(|e| ApiError::internal("reading a stored answer", e)),
        }
    }
}
