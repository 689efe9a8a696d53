//! Request quotas (GCRA, see `domain::ratelimit::gcra`), counted where every
//! instance sees the same counts: in Redis when `redis_url` is set, in
//! PostgreSQL when that is the database, and in process (the `governor`
//! crate) otherwise, which is exact for the single instance that owns a
//! SQLite file. If the shared store fails, the instance counts locally
//! and logs a warning rather than refusing or failing requests.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};
use parking_lot::RwLock;
use roledex_domain::ratelimit::gcra::{Decision, Rate};
use roledex_persistence::QuotaBuckets;

/// Microseconds since the Unix epoch: the quota stores' clock.
fn now_micros() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
}

type KeyedLimiter = RateLimiter<String, DashMapStateStore<String>, DefaultClock, StateInformationMiddleware>;

/// In-process buckets: one keyed `governor` limiter per distinct rate.
#[derive(Default)]
struct LocalBuckets {
    limiters: RwLock<HashMap<Rate, Arc<KeyedLimiter>>>,
    clock: DefaultClock,
}

impl LocalBuckets {
    fn limiter(&self, rate: Rate) -> Arc<KeyedLimiter> {
        if let Some(limiter) = self.limiters.read().get(&rate) {
            return limiter.clone();
        }
        let interval = Duration::from_micros(u64::try_from(rate.interval_us()).unwrap_or(1));
        let burst = NonZeroU32::new(rate.limit).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(interval).unwrap_or_else(|| Quota::per_second(burst)).allow_burst(burst);
        let limiter = Arc::new(RateLimiter::dashmap(quota).with_middleware::<StateInformationMiddleware>());
        self.limiters.write().entry(rate).or_insert(limiter).clone()
    }

    /// governor keeps the TAT itself; the decision is rebuilt from what it reports.
    #[allow(clippy::ptr_arg)]
    fn spend(&self, bucket: &String, rate: Rate) -> Decision {
        let interval_us = rate.interval_us();
        match self.limiter(rate).check_key(bucket) {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity().min(rate.limit);
                rate.admitted(i64::from(rate.limit - remaining) * interval_us, 0)
            }
            Err(not_until) => {
                let wait_us = i64::try_from(not_until.wait_time_from(self.clock.now()).as_micros()).unwrap_or(i64::MAX);
                // Refused: the TAT runs a full burst ahead, less the wait already counted down.
                rate.decide(Some(wait_us + rate.tolerance_us() - interval_us), 0)
            }
        }
    }

    /// Forgets buckets that are whole again, so memory follows active clients.
    fn sweep(&self) {
        for limiter in self.limiters.read().values() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// One GCRA step in Redis, atomic as a script: the same rule as the domain's.
const REDIS_GCRA: &str = r"
-- times in microseconds (exact in a Lua double until the year 2255)
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local stored = redis.call('GET', KEYS[1])
local base = now
if stored then base = math.max(tonumber(stored), now) end
local next = base + interval
if next - now <= tolerance then
  redis.call('SET', KEYS[1], next, 'PX', math.ceil((next - now) / 1000))
  return {1, next}
end
return {0, base}
";

enum SharedBuckets {
    Postgres(QuotaBuckets),
    Redis { connection: redis::aio::ConnectionManager, script: redis::Script },
}

impl SharedBuckets {
    async fn spend(&self, bucket: &str, rate: Rate, now: i64) -> Result<Decision, String> {
        // `now` and every stored time are microseconds.
        match self {
            Self::Postgres(buckets) => buckets.spend(bucket, rate, now).await.map_err(|e| e.to_string()),
            Self::Redis { connection, script } => {
                let (allowed, tat): (i64, i64) = script
                    .key(format!("roledex:quota:{bucket}"))
                    .arg(now)
                    .arg(rate.interval_us())
                    .arg(rate.tolerance_us())
                    .invoke_async(&mut connection.clone())
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(if allowed == 1 { rate.admitted(tat, now) } else { rate.decide(Some(tat), now) })
            }
        }
    }
}

/// Where an instance counts requests.
pub struct Quotas {
    local: LocalBuckets,
    shared: Option<SharedBuckets>,
}

impl std::fmt::Debug for Quotas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Quotas").field("store", &self.store()).finish_non_exhaustive()
    }
}

impl Quotas {
    pub fn in_process() -> Self {
        Self { local: LocalBuckets::default(), shared: None }
    }

    pub fn postgres(buckets: QuotaBuckets) -> Self {
        Self { local: LocalBuckets::default(), shared: Some(SharedBuckets::Postgres(buckets)) }
    }

    /// Connects to Redis (a start-up failure is reported, not hidden).
    pub async fn redis(url: &str) -> Result<Self, String> {
        let client = redis::Client::open(url).map_err(|e| format!("ROLEDEX_REDIS_URL: {e}"))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_millis(500)))
            .set_number_of_retries(2);
        let connection = client
            .get_connection_manager_with_config(config)
            .await
            .map_err(|e| format!("cannot reach Redis at ROLEDEX_REDIS_URL: {e}"))?;
        Ok(Self {
            local: LocalBuckets::default(),
            shared: Some(SharedBuckets::Redis { connection, script: redis::Script::new(REDIS_GCRA) }),
        })
    }

    /// Where the counts live: `redis`, `postgres` or `process`.
    pub fn store(&self) -> &'static str {
        match self.shared {
            Some(SharedBuckets::Redis { .. }) => "redis",
            Some(SharedBuckets::Postgres(_)) => "postgres",
            None => "process",
        }
    }

    /// Spends one request of `bucket` under `rate`. (A `String`, the key
    /// type of the in-process buckets, so a request does not copy it.)
    #[allow(clippy::ptr_arg)]
    pub async fn spend(&self, bucket: &String, rate: Rate) -> Decision {
        if let Some(shared) = &self.shared {
            // Boxed: a database round trip's future is kilobytes, and every
            // request's middleware future would carry it inline otherwise.
            match Box::pin(shared.spend(bucket, rate, now_micros())).await {
                Ok(decision) => return decision,
                Err(e) => {
                    tracing::warn!(store = self.store(), error = %e, "shared quota store failed; counting in process")
                }
            }
        }
        self.local.spend(bucket, rate)
    }

    /// Drops whole buckets: in process always, in PostgreSQL too (Redis expires its own).
    pub async fn sweep(&self) {
        self.local.sweep();
        if let Some(SharedBuckets::Postgres(buckets)) = &self.shared
            && let Err(e) = buckets.sweep(now_micros()).await
        {
            tracing::warn!(error = %e, "sweeping quota buckets failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_process_buckets_admit_a_burst_then_refuse_with_a_wait() {
        let local = LocalBuckets::default();
        let rate = Rate::per_minute(3);
        let (one, two) = ("ip:10.0.0.1".to_owned(), "ip:10.0.0.2".to_owned());
        let remaining: Vec<u32> = (0..3).map(|_| local.spend(&one, rate)).map(|d| d.remaining).collect();
        assert_eq!(remaining, [2, 1, 0]);
        let refused = local.spend(&one, rate);
        assert!(!refused.allowed);
        assert!((19_000..=20_000).contains(&refused.retry_after_ms), "{refused:?}");
        assert!(local.spend(&two, rate).allowed, "buckets are per key");
    }
}
