//! Idempotency keys: a retried submission with the same key and body gets
//! the first response back and stores nothing new; the same key with another
//! body is refused; a duplicate arriving while the first is still running is
//! told so. Keys are kept for at least 24 hours.

use std::sync::atomic::Ordering;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::LearnerStore;
use crate::PersistenceError;
use crate::entities::idempotency_keys;

/// How long a key is remembered (the promise is at least 24 hours).
pub const KEEP_MILLIS: i64 = 48 * 60 * 60 * 1000;
const SWEEP_EVERY_MILLIS: i64 = 60 * 1000;
/// How long an unanswered claim blocks its key before another request may take it over.
pub const LEASE_MILLIS: i64 = 30 * 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First use of the key: go ahead, then complete it with the response.
    Fresh,
    /// Done before with the same body: answer this again.
    Replay { status: u16, body: String },
    /// The same key is being processed right now.
    InProgress,
    /// The key was used with a different body.
    Mismatch,
}

/// The response to record against a claimed key, written in the same
/// transaction as the submission it answers.
#[derive(Debug, Clone)]
pub struct Completion {
    pub user_id: String,
    pub key: String,
    pub status: u16,
    pub body: String,
}

impl LearnerStore {
    pub async fn claim_idempotency_key(
        &self,
        user_id: &str,
        key: &str,
        request_hash: &str,
        now: i64,
    ) -> Result<Claim, PersistenceError> {
        // Expired keys are swept at most once a minute per process, not on every claim.
        let last = self.last_sweep.load(Ordering::Relaxed);
        if now - last > SWEEP_EVERY_MILLIS
            && self.last_sweep.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
        {
            idempotency_keys::Entity::delete_many()
                .filter(idempotency_keys::Column::CreatedAt.lt(now - KEEP_MILLIS))
                .exec(&self.db)
                .await?;
        }
        let inserted = idempotency_keys::Entity::insert(idempotency_keys::ActiveModel {
            user_id: Set(user_id.to_owned()),
            key: Set(key.to_owned()),
            request_hash: Set(request_hash.to_owned()),
            response_status: Set(None),
            response_body: Set(None),
            created_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([idempotency_keys::Column::UserId, idempotency_keys::Column::Key])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&self.db)
        .await?;
        if inserted == 1 {
            return Ok(Claim::Fresh);
        }
        let existing = idempotency_keys::Entity::find_by_id((user_id.to_owned(), key.to_owned())).one(&self.db).await?;
        let Some(row) = existing else { return Ok(Claim::InProgress) };
        if let (Some(status), Some(body)) = (row.response_status, row.response_body) {
            if row.request_hash != request_hash {
                return Ok(Claim::Mismatch);
            }
            return Ok(Claim::Replay { status: u16::try_from(status).unwrap_or(500), body });
        }
        // Unanswered: still running, or its request died (client gone, process
        // stopped) before it stored anything. After the lease it is taken over.
        if row.created_at >= now - LEASE_MILLIS {
            return Ok(if row.request_hash == request_hash { Claim::InProgress } else { Claim::Mismatch });
        }
        let taken = idempotency_keys::Entity::update_many()
            .col_expr(idempotency_keys::Column::RequestHash, sea_orm::sea_query::Expr::value(request_hash))
            .col_expr(idempotency_keys::Column::CreatedAt, sea_orm::sea_query::Expr::value(now))
            .filter(idempotency_keys::Column::UserId.eq(user_id))
            .filter(idempotency_keys::Column::Key.eq(key))
            .filter(idempotency_keys::Column::ResponseStatus.is_null())
            .filter(idempotency_keys::Column::CreatedAt.eq(row.created_at))
            .exec(&self.db)
            .await?;
        Ok(if taken.rows_affected == 1 { Claim::Fresh } else { Claim::InProgress })
    }

    /// Forgets a claim whose request failed before anything was stored, so a retry can run.
    pub async fn release_idempotency_key(&self, user_id: &str, key: &str) -> Result<(), PersistenceError> {
        idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::UserId.eq(user_id))
            .filter(idempotency_keys::Column::Key.eq(key))
            .filter(idempotency_keys::Column::ResponseStatus.is_null())
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
        idempotency_keys::Entity::update_many()
            .col_expr(
                idempotency_keys::Column::ResponseStatus,
                sea_orm::sea_query::Expr::value(i32::from(completion.status)),
            )
            .col_expr(idempotency_keys::Column::ResponseBody, sea_orm::sea_query::Expr::value(completion.body.clone()))
            .filter(idempotency_keys::Column::UserId.eq(completion.user_id.as_str()))
            .filter(idempotency_keys::Column::Key.eq(completion.key.as_str()))
            .exec(conn)
            .await?;
        Ok(())
    }
}
