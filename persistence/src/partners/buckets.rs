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

const ADVANCE: &str = "INSERT INTO quota_buckets (bucket, tat_us) VALUES ($1, $2::bigint + $3::bigint) \
     ON CONFLICT (bucket) DO UPDATE SET tat_us = GREATEST(quota_buckets.tat_us, $2::bigint) + $3::bigint \
     WHERE GREATEST(quota_buckets.tat_us, $2::bigint) + $3::bigint - $2::bigint <= $4::bigint \
     RETURNING tat_us";

impl QuotaBuckets {
    pub fn new(database: &Database) -> Self {
        Self { db: database.connection.clone() }
    }

    /// Spends one request of `bucket` under `rate` at `now_us` (µs), if the rate allows it.
    pub async fn spend(&self, bucket: &str, rate: Rate, now_us: i64) -> Result<Decision, PersistenceError> {
        // A refusal reads the row again; should a sweep have removed it in
        // between, the bucket is whole and the request is tried once more.
        for _ in 0..2 {
            let advanced = self
                .db
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    ADVANCE,
                    [bucket.into(), now_us.into(), rate.interval_us().into(), rate.tolerance_us().into()],
                ))
                .await?;
            if let Some(row) = advanced {
                return Ok(rate.admitted(row.try_get("", "tat_us")?, now_us));
            }
            let current = self
                .db
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT tat_us FROM quota_buckets WHERE bucket = $1",
                    [bucket.into()],
                ))
                .await?;
            if let Some(row) = current {
                return Ok(rate.decide(Some(row.try_get("", "tat_us")?), now_us));
            }
        }
        // Swept twice in a row: answer as the rule would for a bucket at its limit.
        Ok(rate.decide(Some(now_us + rate.tolerance_us()), now_us))
    }

    /// Deletes buckets whose burst is whole again (they hold nothing a new row would not).
    pub async fn sweep(&self, now_us: i64) -> Result<u64, PersistenceError> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM quota_buckets WHERE tat_us < $1",
                [now_us.into()],
            ))
            .await?;
        Ok(result.rows_affected())
    }
}
