//! Safe retries: `Idempotency-Key` on REST, `idempotencyKey` on GraphQL.
//!
//! The first request with a key runs and its answer (its value, or the
//! client error it met) is stored with the data it wrote, in one
//! transaction. A retry with the same key and the same body gets that
//! answer again and writes nothing; the same key with another body is
//! `idempotency_key_reused`; a retry while the first is still running is
//! `idempotency_in_progress`.

use roledex_persistence::learners::{Answered, Claim, Completion, Outcome, now_millis};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::Stored;
use crate::error::ApiError;
use crate::state::AppState;

/// The key of the request being processed, passed to the operation so it
/// can record its answer in the same transaction as its data.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub user_id: String,
    pub key: String,
    pub request_hash: String,
}

impl Idempotency {
    fn completion(&self, outcome: Outcome, json: String) -> Completion {
        Completion {
            user_id: self.user_id.clone(),
            key: self.key.clone(),
            request_hash: self.request_hash.clone(),
            answered: Answered { outcome, json },
            now: now_millis(),
        }
    }

    /// The record of a value answered to this key.
    pub fn answered<T>(&self, value: &Stored<T>) -> Completion {
        self.completion(Outcome::Value, value.json().to_owned())
    }
}

pub fn validate_key(raw: &str) -> Result<String, ApiError> {
    let ok = !raw.is_empty() && raw.len() <= 255 && raw.bytes().all(|b| b.is_ascii_graphic());
    if ok { Ok(raw.to_owned()) } else { Err(ApiError::InvalidIdempotencyKey) }
}

/// Fingerprint of an operation and its input.
pub fn fingerprint<T: Serialize>(operation: &str, input: &T) -> String {
    let mut hasher = Sha256::new();
    hasher.update(operation.as_bytes());
    hasher.update([0]);
    hasher.update(serde_json::to_vec(input).unwrap_or_default());
    hex::encode(hasher.finalize())
}

/// Runs `operation` at most once per (learner, key).
pub async fn run<T, F, Fut>(
    state: &AppState,
    user_id: &str,
    key: Option<String>,
    request_hash: String,
    operation: F,
) -> Result<Stored<T>, ApiError>
where
    T: DeserializeOwned,
    F: FnOnce(Option<Idempotency>) -> Fut,
    Fut: std::future::Future<Output = Result<Stored<T>, ApiError>>,
{
    let Some(key) = key else { return operation(None).await };
    match state.learners.claim_idempotency_key(user_id, &key, &request_hash, now_millis()).await? {
        Claim::Replay(Answered { outcome: Outcome::Value, json }) => return Ok(Stored::replayed(json)),
        Claim::Replay(Answered { outcome: Outcome::Problem, json }) => {
            return Err(serde_json::from_str(&json).map_err(|e| ApiError::internal("reading a stored problem", e))?);
        }
        Claim::Mismatch => return Err(ApiError::IdempotencyKeyReused),
        Claim::InProgress => return Err(ApiError::IdempotencyInProgress),
        Claim::Fresh => {}
    }
    let context = Idempotency { user_id: user_id.to_owned(), key: key.clone(), request_hash };
    let result = operation(Some(context.clone())).await;
    let recorded = match &result {
        // A client error is an answer too: the same retry gets it again.
        Err(err) if err.is_client_error() => match serde_json::to_string(err) {
            Ok(json) => {
                let completion = context.completion(Outcome::Problem, json);
                state.learners.complete_idempotency_key(&state.database.connection, &completion).await
            }
            Err(_) => state.learners.release_idempotency_key(user_id, &key).await,
        },
        // A failure stored nothing: free the key so a retry can run.
        Err(_) => state.learners.release_idempotency_key(user_id, &key).await,
        Ok(_) => Ok(()),
    };
    // The answer (if any) is committed: the key no longer needs its in-progress mark.
    state.learners.finish_claim(user_id, &key);
    recorded?;
    result
}
