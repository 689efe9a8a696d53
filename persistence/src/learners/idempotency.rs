//! Idempotency keys: a retried submission with the same key and body gets
//! the first response back and stores nothing new; the same key with another
//! body is refused; a duplicate arriving while the first is still running is
//! told so. Keys are kept for at least 24 hours.
//!
//! The answered key is always written in the same transaction as the data it
//! answers. Where the "in progress" mark lives depends on the database:
//!
//! - PostgreSQL (any number of instances): a claim row, inserted and
//!   committed before the work, then completed with the response.
//! - SQLite (one process owns the file): the mark is kept in this process's
//!   memory, so a submission costs one durable commit instead of two.
//!
//! An unanswered claim (its request died) stops blocking its key after
//! `LEASE_MILLIS`.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::LearnerStore;
use crate::entities::idempotency_keys;
use crate::{DatabaseKind, PersistenceError};

/// How long a key is remembered (the promise is at least 24 hours).
pub const KEEP_MILLIS: i64 = 48 * 60 * 60 * 1000;
/// How long an unanswered claim blocks its key before another request may take it over.
pub const LEASE_MILLIS: i64 = 30 * 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First use of the key: go ahead, then complete it with the response.
    Fresh,
    /// Done before with the same body: answer this again.
    Replay(Answered),
    /// The same key is being processed right now.
    InProgress,
    /// The key was used with a different body.
    Mismatch,
}

/// Whether a keyed request answered with its value or with a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Value,
    Problem,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Value => "value",
            Self::Problem => "problem",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        [Self::Value, Self::Problem].into_iter().find(|o| o.as_str() == raw)
    }
}

/// What a keyed request answered: its outcome and the JSON sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub outcome: Outcome,
    pub json: String,
}

/// The answer to record against a claimed key, written in the same
/// transaction as the submission it answers.
#[derive(Debug, Clone)]
pub struct Completion {
    pub user_id: String,
    pub key: String,
    pub request_hash: String,
    pub answered: Answered,
    pub now: i64,
}

/// Keys being processed by this process (SQLite): (user, key) → (request hash, claimed at).
pub(super) type InFlight = parking_lot::Mutex<HashMap<(String, String), (String, i64)>>;

impl LearnerStore {
    pub async fn claim_idempotency_key(
        &self,
        user_id: &str,
        key: &str,
        request_hash: &str,
        now: i64,
    ) -> Result<Claim, PersistenceError> {
        let existing = idempotency_keys::Entity::find_by_id((user_id.to_owned(), key.to_owned())).one(&self.db).await?;
        if let Some(row) = &existing
            && let (Some(outcome), Some(response)) = (&row.outcome, &row.response)
        {
            if row.request_hash != request_hash {
                return Ok(Claim::Mismatch);
            }
            let outcome = Outcome::parse(outcome)
                .ok_or_else(|| PersistenceError::Corrupt(format!("idempotency outcome `{outcome}`")))?;
            return Ok(Claim::Replay(Answered { outcome, json: unpack(response)? }));
        }
        match self.kind {
            DatabaseKind::Sqlite => Ok(self.claim_in_memory(user_id, key, request_hash, now)),
            DatabaseKind::Postgres => self.claim_row(user_id, key, request_hash, now, existing).await,
        }
    }

    fn claim_in_memory(&self, user_id: &str, key: &str, request_hash: &str, now: i64) -> Claim {
        let mut in_flight = self.in_flight.lock();
        let slot = (user_id.to_owned(), key.to_owned());
        match in_flight.get(&slot) {
            Some((hash, claimed_at)) if *claimed_at >= now - LEASE_MILLIS => {
                if hash == request_hash {
                    Claim::InProgress
                } else {
                    Claim::Mismatch
                }
            }
            _ => {
                in_flight.insert(slot, (request_hash.to_owned(), now));
                Claim::Fresh
            }
        }
    }

    async fn claim_row(
        &self,
        user_id: &str,
        key: &str,
        request_hash: &str,
        now: i64,
        existing: Option<idempotency_keys::Model>,
    ) -> Result<Claim, PersistenceError> {
        let Some(row) = existing else {
            let inserted = idempotency_keys::Entity::insert(idempotency_keys::ActiveModel {
                user_id: Set(user_id.to_owned()),
                key: Set(key.to_owned()),
                request_hash: Set(request_hash.to_owned()),
                outcome: Set(None),
                response: Set(None),
                created_at: Set(now),
            })
            .on_conflict(
                OnConflict::columns([idempotency_keys::Column::UserId, idempotency_keys::Column::Key])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map_err(|e| match e.sql_err() {
                // The account was deleted while a token for it was still in use.
                Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => {
                    PersistenceError::NoSuchUser(user_id.to_owned())
                }
                _ => e.into(),
            })?;
            return Ok(if inserted == 1 { Claim::Fresh } else { Claim::InProgress });
        };
        if row.created_at >= now - LEASE_MILLIS {
            return Ok(if row.request_hash == request_hash { Claim::InProgress } else { Claim::Mismatch });
        }
        // The claim's request died before answering: take the key over.
        let taken = idempotency_keys::Entity::update_many()
            .col_expr(idempotency_keys::Column::RequestHash, Expr::value(request_hash))
            .col_expr(idempotency_keys::Column::CreatedAt, Expr::value(now))
            .filter(idempotency_keys::Column::UserId.eq(user_id))
            .filter(idempotency_keys::Column::Key.eq(key))
            .filter(idempotency_keys::Column::Outcome.is_null())
            .filter(idempotency_keys::Column::CreatedAt.eq(row.created_at))
            .exec(&self.db)
            .await?;
        Ok(if taken.rows_affected == 1 { Claim::Fresh } else { Claim::InProgress })
    }

    /// Forgets keys past their keeping time, and in-progress marks past their lease.
    pub(super) async fn sweep_idempotency_keys(&self, now: i64) -> Result<u64, PersistenceError> {
        let swept = idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::CreatedAt.lt(now - KEEP_MILLIS))
            .exec(&self.db)
            .await?;
        self.in_flight.lock().retain(|_, (_, claimed_at)| *claimed_at >= now - LEASE_MILLIS);
        Ok(swept.rows_affected)
    }

    /// Ends this process's claim once its request has answered or failed
    /// (after the transaction that stored the answer has committed).
    pub fn finish_claim(&self, user_id: &str, key: &str) {
        self.in_flight.lock().remove(&(user_id.to_owned(), key.to_owned()));
    }

    /// Forgets a claim whose request failed before anything was stored, so a retry can run.
    pub async fn release_idempotency_key(&self, user_id: &str, key: &str) -> Result<(), PersistenceError> {
        self.finish_claim(user_id, key);
        idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::UserId.eq(user_id))
            .filter(idempotency_keys::Column::Key.eq(key))
            .filter(idempotency_keys::Column::Outcome.is_null())
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Records the response of a claimed key (inside the caller's transaction when given one).
    pub async fn complete_idempotency_key<C: ConnectionTrait>(
        &self,
        conn: &C,
        completion: &Completion,
    ) -> Result<(), PersistenceError> {
        idempotency_keys::Entity::insert(idempotency_keys::ActiveModel {
            user_id: Set(completion.user_id.clone()),
            key: Set(completion.key.clone()),
            request_hash: Set(completion.request_hash.clone()),
            outcome: Set(Some(completion.answered.outcome.as_str().to_owned())),
            response: Set(Some(pack(&completion.answered.json))),
            created_at: Set(completion.now),
        })
        .on_conflict(
            OnConflict::columns([idempotency_keys::Column::UserId, idempotency_keys::Column::Key])
                .update_columns([idempotency_keys::Column::Outcome, idempotency_keys::Column::Response])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
        Ok(())
    }
}

/// Stored responses are compressed: a submission's answer is kilobytes of
/// JSON, and writing it twice (data and answer) would double what each
/// durable commit writes.
const PACKED: &str = "gz1:";

fn pack(body: &str) -> String {
    use base64::Engine;
    use std::io::Write;
    if body.len() < 512 {
        return body.to_owned();
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    match encoder.write_all(body.as_bytes()).and_then(|()| encoder.finish()) {
        Ok(bytes) => format!("{PACKED}{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)),
        Err(_) => body.to_owned(),
    }
}

fn unpack(stored: &str) -> Result<String, PersistenceError> {
    use base64::Engine;
    use std::io::Read;
    let Some(packed) = stored.strip_prefix(PACKED) else { return Ok(stored.to_owned()) };
    let corrupt = |e: &dyn std::fmt::Display| PersistenceError::Corrupt(format!("stored response: {e}"));
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(packed).map_err(|e| corrupt(&e))?;
    let mut body = String::new();
    flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut body).map_err(|e| corrupt(&e))?;
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::{pack, unpack};

    #[test]
    fn stored_responses_roundtrip() {
        let small = r#"{"id":"1"}"#;
        assert_eq!(pack(small), small);
        let large = format!(r#"{{"items":"{}"}}"#, "gap ".repeat(500));
        let packed = pack(&large);
        assert!(packed.starts_with("gz1:") && packed.len() < large.len() / 4);
        assert_eq!(unpack(&packed).ok().as_deref(), Some(large.as_str()));
        assert_eq!(unpack(small).ok().as_deref(), Some(small));
        assert!(unpack("gz1:!!!").is_err());
    }
}
