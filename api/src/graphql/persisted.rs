//! Automatic persisted queries (Apollo's protocol): a client sends only
//! `extensions.persistedQuery.sha256Hash`; if the server knows the hash it
//! runs the stored text, otherwise it answers `PersistedQueryNotFound` and
//! the client sends the query once more with the hash, which registers it.
//! A query sent over GET by hash has a short, stable URL a CDN can cache.
//!
//! Query texts are kept per process in a cache bounded in bytes: a hash an
//! instance does not know is simply registered again by the client.

use std::sync::Arc;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// Bytes of query text kept.
pub const MAX_PERSISTED_BYTES: u64 = 8 * 1024 * 1024;

pub struct PersistedQueries {
    texts: moka::sync::Cache<[u8; 32], Arc<str>, foldhash::quality::RandomState>,
}

impl Default for PersistedQueries {
    fn default() -> Self {
        let texts = moka::sync::Cache::builder()
            .max_capacity(MAX_PERSISTED_BYTES)
            .weigher(|_: &[u8; 32], text: &Arc<str>| u32::try_from(text.len() + 32).unwrap_or(u32::MAX))
            .build_with_hasher(foldhash::quality::RandomState::default());
        Self { texts }
    }
}

/// The hash a request names, read from its `extensions`.
fn requested_hash(extensions: Option<&Map<String, Value>>) -> Result<Option<[u8; 32]>, ApiError> {
    let Some(persisted) = extensions.and_then(|e| e.get("persistedQuery")) else { return Ok(None) };
    let invalid = |message: &str| ApiError::invalid("extensions.persistedQuery", message);
    let Some(persisted) = persisted.as_object() else { return Err(invalid("must be an object")) };
    if persisted.get("version").and_then(Value::as_u64) != Some(1) {
        return Err(invalid("`version` must be 1"));
    }
    let hash = persisted.get("sha256Hash").and_then(Value::as_str).unwrap_or_default();
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(hash, &mut bytes)
        .map_err(|_| invalid("`sha256Hash` must be the query's SHA-256 as 64 hexadecimal digits"))?;
    Ok(Some(bytes))
}

impl PersistedQueries {
    /// The query text to run: the one sent (registered when it comes with a
    /// hash, which must match), or the one stored under the hash.
    pub fn resolve(
        &self,
        query: Option<String>,
        extensions: Option<&Map<String, Value>>,
    ) -> Result<Arc<str>, ApiError> {
        let hash = requested_hash(extensions)?;
        match (query, hash) {
            (Some(query), None) => Ok(Arc::from(query)),
            (Some(query), Some(hash)) => {
                if Sha256::digest(query.as_bytes()).as_slice() != hash {
                    return Err(ApiError::PersistedQueryMismatch);
                }
                let text: Arc<str> = Arc::from(query);
                self.texts.insert(hash, text.clone());
                Ok(text)
            }
            (None, Some(hash)) => self.texts.get(&hash).ok_or(ApiError::PersistedQueryNotFound),
            (None, None) => {
                Err(ApiError::InvalidBody("`query` is missing: send the GraphQL document as a string".into()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn extensions(hash: &str) -> Map<String, Value> {
        let value = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn a_hash_is_registered_with_its_query_then_runs_alone() {
        let store = PersistedQueries::default();
        let query = "{ skills { slug } }";
        let hash = hex::encode(Sha256::digest(query));
        let code = |r: Result<Arc<str>, ApiError>| r.map(|q| q.to_string()).map_err(|e| e.code());
        assert_eq!(code(store.resolve(None, Some(&extensions(&hash)))), Err("persisted_query_not_found"));
        assert_eq!(code(store.resolve(Some(query.into()), Some(&extensions(&hash)))), Ok(query.to_owned()));
        assert_eq!(code(store.resolve(None, Some(&extensions(&hash)))), Ok(query.to_owned()));
        assert_eq!(
            code(store.resolve(Some("{ other }".into()), Some(&extensions(&hash)))),
            Err("persisted_query_mismatch")
        );
        assert_eq!(code(store.resolve(None, Some(&extensions("abc")))), Err("invalid_parameter"));
        assert_eq!(code(store.resolve(None, None)), Err("invalid_body"));
        let other_version = json!({ "persistedQuery": { "version": 2, "sha256Hash": hash } });
        assert_eq!(code(store.resolve(None, other_version.as_object())), Err("invalid_parameter"));
    }
}
