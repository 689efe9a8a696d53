//! Request-quota buckets shared by every instance on one PostgreSQL
//! database: one row per bucket holding its GCRA theoretical arrival time
//! (see `domain::ratelimit::gcra`). A request is one statement: an upsert
//! that advances the TAT only when the rule admits the request, under the
//! row lock `ON CONFLICT DO UPDATE` takes, so concurrent instances never
//! both spend the last unit. A refusal reads the TAT once more to say when
//! to retry.

use roledex_domain::ratelimit::gcra::{Decision, Rate};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::{Database, PersistenceError};

#[derive(Debug, Clone)]
pub struct QuotaBuckets {
    db: DatabaseConnection,
}

const ADVANCE: &str = "INSERT INTO quota_buckets (bucket, tat_ms) VALUES ($1, $2::bigint + $3::bigint) \
     ON CONFLICT (bucket) DO UPDATE SET tat_ms = GREATEST(quota_buckets.tat_ms, $2::bigint) + $3::bigint \
     WHERE GREATEST(quota_buckets.tat_ms, $2::bigint) + $3::bigint - $2::bigint <= $4::bigint \
     RETURNING tat_ms";

impl QuotaBuckets {
    pub fn new(database: &Database) -> Self {
        Self { db: database.connection.clone() }
    }

    /// Spends one request of `bucket` under `rate` at `now` (ms), if the rate allows it.
    pub async fn spend(&self, bucket: &str, rate: Rate, now: i64) -> Result<Decision, PersistenceError> {
        let interval = rate.interval_ms();
        let tolerance = interval * i64::from(rate.limit.max(1));
        let advanced = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                ADVANCE,
                [bucket.into(), now.into(), interval.into(), tolerance.into()],
            ))
            .await?;
        if let Some(row) = advanced {
            let tat: i64 = row.try_get("", "tat_ms")?;
            return Ok(Decision {
                allowed: true,
                tat,
                remaining: rate.remaining_after(tat, now),
                reset_ms: tat - now,
                retry_after_ms: 0,
            });
        }
        let current = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT tat_ms FROM quota_buckets WHERE bucket = $1",
                [bucket.into()],
            ))
            .await?;
        let tat = match current {
            Some(row) => Some(row.try_get::<i64>("", "tat_ms")?),
            None => None,
        };
        Ok(rate.decide(tat, now))
    }

    /// Deletes buckets whose burst is whole again (they hold nothing a new row would not).
    pub async fn sweep(&self, now: i64) -> Result<u64, PersistenceError> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM quota_buckets WHERE tat_ms < $1",
                [now.into()],
            ))
            .await?;
        Ok(result.rows_affected())
    }
}
