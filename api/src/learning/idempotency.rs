//! Safe retries: `Idempotency-Key` on REST, `idempotencyKey` on GraphQL.
//!
//! The first request with a key runs and its response (success or a client
//! error) is stored with the data it wrote, in one transaction. A retry with
//! the same key and the same body gets that response again and writes
//! nothing; the same key with another body is `422 idempotency_key_reused`;
//! a retry while the first is still running is `409 idempotency_in_progress`.

use roledex_persistence::learners::{Claim, Completion, now_millis};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::AppState;

/// A finished operation: HTTP status and its JSON body, serialized once
/// (the same text is stored for replays and sent to the client).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// The key of the request being processed, passed to the operation so it
/// can record its response in the same transaction as its data.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub user_id: String,
    pub key: String,
    pub request_hash: String,
}

impl Idempotency {
    pub fn completion(&self, status: u16, body: &str) -> Completion {
        Completion {
            user_id: self.user_id.clone(),
            key: self.key.clone(),
            request_hash: self.request_hash.clone(),
            status,
            body: body.to_owned(),
            now: now_millis(),
        }
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
pub async fn run<F, Fut>(
    state: &AppState,
    user_id: &str,
    key: Option<String>,
    request_hash: String,
    operation: F,
) -> Result<Reply, ApiError>
where
    F: FnOnce(Option<Idempotency>) -> Fut,
    Fut: std::future::Future<Output = Result<Reply, ApiError>>,
{
    let Some(key) = key else { return operation(None).await };
    match state.learners.claim_idempotency_key(user_id, &key, &request_hash, now_millis()).await? {
        Claim::Replay { status, body } => return Ok(Reply { status, body }),
        Claim::Mismatch => return Err(ApiError::IdempotencyKeyReused),
        Claim::InProgress => return Err(ApiError::IdempotencyInProgress),
        Claim::Fresh => {}
    }
    let context = Idempotency { user_id: user_id.to_owned(), key: key.clone(), request_hash };
    let result = operation(Some(context.clone())).await;
    let outcome = match &result {
        // A client error is an answer too: the same retry gets it again.
        Err(err) if !actix_web::ResponseError::status_code(err).is_server_error() => {
            let status = actix_web::ResponseError::status_code(err).as_u16();
            let body = serde_json::to_string(&err.problem()).unwrap_or_default();
            state
                .learners
                .complete_idempotency_key(&state.database.connection, &context.completion(status, &body))
                .await
        }
        // A failure stored nothing: free the key so a retry can run.
        Err(_) => state.learners.release_idempotency_key(user_id, &key).await,
        Ok(_) => Ok(()),
    };
    // The answer (if any) is committed: the key no longer needs its in-progress mark.
    state.learners.finish_claim(user_id, &key);
    outcome?;
    result
}
