//! Counting failures in a sliding window: "after `limit` failures within
//! `window`, refuse until the oldest of them is older than the window". The
//! state of a key is the times of its recent failures (at most `limit`), so
//! any store that keeps a short list per key atomically (a database row, a
//! Redis key) keeps the same rule. Times are milliseconds. The `RateLimit`
//! header fields (draft-ietf-httpapi-ratelimit-headers) come from the same state.
//! Request quotas (per API key, client address, learner) use [`gcra`].

pub mod gcra;

/// At most `limit` failures per `window_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub limit: u32,
    pub window_ms: i64,
}

impl Policy {
    pub const fn new(limit: u32, window_ms: i64) -> Self {
        Self { limit, window_ms }
    }

    /// The `RateLimit-Policy` item for this policy: `"name";q=limit;w=seconds`.
    pub fn header(self, name: &str) -> String {
        format!("\"{name}\";q={};w={}", self.limit, self.window_ms.div_euclid(1000).max(1))
    }
}

const FIFTEEN_MINUTES_MS: i64 = 15 * 60 * 1000;
/// Failed logins one account may have within 15 minutes.
pub const LOGIN_PER_ACCOUNT: Policy = Policy::new(5, FIFTEEN_MINUTES_MS);
/// Failed logins one client address may have within 15 minutes.
pub const LOGIN_PER_ADDRESS: Policy = Policy::new(20, FIFTEEN_MINUTES_MS);
/// The window registrations per address are counted in (the count is configured).
pub const REGISTRATION_WINDOW_MS: i64 = 60 * 60 * 1000;

/// Where a key stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Failures the key may still have before it is refused.
    pub remaining: u32,
    /// Milliseconds until a refused key may try again (0 when it may now).
    pub retry_after_ms: i64,
    /// Milliseconds until the key has its whole allowance again.
    pub reset_ms: i64,
}

impl Standing {
    pub fn refused(self) -> bool {
        self.remaining == 0
    }
}

/// The failures still inside the window at `now`, oldest first.
pub fn recent(policy: Policy, failures: &[i64], now: i64) -> Vec<i64> {
    let mut kept: Vec<i64> = failures.iter().copied().filter(|t| *t > now - policy.window_ms && *t <= now).collect();
    kept.sort_unstable();
    let excess = kept.len().saturating_sub(policy.limit as usize);
    kept.drain(..excess);
    kept
}

pub fn standing(policy: Policy, failures: &[i64], now: i64) -> Standing {
    let kept = recent(policy, failures, now);
    let remaining = policy.limit.saturating_sub(u32::try_from(kept.len()).unwrap_or(u32::MAX));
    let retry_after_ms = match kept.first() {
        Some(oldest) if remaining == 0 => oldest + policy.window_ms - now,
        _ => 0,
    };
    let reset_ms = kept.last().map_or(0, |newest| newest + policy.window_ms - now);
    Standing { remaining, retry_after_ms, reset_ms }
}

/// The list to store after a failure at `now`.
pub fn record(policy: Policy, failures: &[i64], now: i64) -> Vec<i64> {
    let mut kept = recent(policy, failures, now);
    kept.push(now);
    recent(policy, &kept, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FIFTEEN_MINUTES: i64 = 15 * 60 * 1000;

    #[test]
    fn five_failures_within_fifteen_minutes_refuse_until_the_oldest_expires() {
        let policy = Policy::new(5, FIFTEEN_MINUTES);
        let mut failures = Vec::new();
        for minute in 0..5 {
            assert!(!standing(policy, &failures, minute * 60_000).refused());
            failures = record(policy, &failures, minute * 60_000);
        }
        let now = 5 * 60_000;
        let refused = standing(policy, &failures, now);
        assert!(refused.refused());
        assert_eq!(refused.retry_after_ms, 10 * 60_000, "the failure at minute 0 expires at minute 15");
        assert_eq!(refused.reset_ms, 14 * 60_000);
        assert!(!standing(policy, &failures, FIFTEEN_MINUTES + 1).refused());
        assert_eq!(standing(policy, &failures, 19 * 60_000).remaining, 5);
    }

    #[test]
    fn headers_name_the_policy() {
        assert_eq!(Policy::new(20, FIFTEEN_MINUTES).header("login-ip"), "\"login-ip\";q=20;w=900");
    }

    proptest! {
        #[test]
        fn never_more_than_the_limit_within_any_window(limit in 1u32..10, window_s in 1i64..600, gaps in proptest::collection::vec(0i64..60_000, 1..200)) {
            let policy = Policy::new(limit, window_s * 1000);
            let (mut failures, mut now, mut admitted) = (Vec::new(), 0i64, Vec::new());
            for gap in gaps {
                now += gap;
                if !standing(policy, &failures, now).refused() {
                    admitted.push(now);
                    failures = record(policy, &failures, now);
                }
                prop_assert!(failures.len() <= limit as usize);
            }
            for (i, start) in admitted.iter().enumerate() {
                let within = admitted[i..].iter().take_while(|t| **t < start + policy.window_ms).count();
                prop_assert!(within <= limit as usize, "{within} > {limit}");
            }
        }
    }
}
