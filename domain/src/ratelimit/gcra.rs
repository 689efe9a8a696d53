//! The generic cell rate algorithm (GCRA): a quota of `limit` requests per
//! `period` admits a burst of `limit` and then one request every
//! `period / limit`. Its whole state per key is one number, the theoretical
//! arrival time (TAT), so any store that can replace one number atomically
//! (a database row, a Redis key) keeps exactly this rule; in process the
//! `governor` crate keeps the same algorithm. Times are microseconds, so
//! the interval of a large quota (10 000 000 a minute: 6 µs) is exact.

/// `limit` requests per `period_ms`, in a burst or spread out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rate {
    pub limit: u32,
    pub period_ms: i64,
}

/// What a rate says about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// The TAT (µs) to store when allowed (unchanged when refused).
    pub tat_us: i64,
    /// Requests that could still be made at once after this one.
    pub remaining: u32,
    /// Milliseconds until the whole burst is available again.
    pub reset_ms: i64,
    /// Milliseconds until a refused request would be admitted (0 when allowed).
    pub retry_after_ms: i64,
}

fn ceil_ms(us: i64) -> i64 {
    (us.max(0) + 999) / 1000
}

impl Rate {
    pub const fn per_minute(limit: u32) -> Self {
        Self { limit, period_ms: 60_000 }
    }

    /// Microseconds between two requests at the sustained rate (at least 1).
    pub fn interval_us(self) -> i64 {
        (self.period_ms.saturating_mul(1000) / i64::from(self.limit.max(1))).max(1)
    }

    /// How far ahead of now the TAT may run: a full burst.
    pub fn tolerance_us(self) -> i64 {
        self.interval_us() * i64::from(self.limit.max(1))
    }

    /// The decision for a request at `now_us` given the stored TAT (`None`
    /// for a key never seen or forgotten: the burst is whole).
    pub fn decide(self, stored_tat_us: Option<i64>, now_us: i64) -> Decision {
        let base = stored_tat_us.map_or(now_us, |tat| tat.max(now_us));
        let next = base.saturating_add(self.interval_us());
        if next - now_us <= self.tolerance_us() {
            self.admitted(next, now_us)
        } else {
            Decision {
                allowed: false,
                tat_us: base,
                remaining: 0,
                reset_ms: ceil_ms(base - now_us),
                retry_after_ms: ceil_ms(next - now_us - self.tolerance_us()).max(1),
            }
        }
    }

    /// The decision for a request a store admitted, leaving the TAT at `tat_us`.
    pub fn admitted(self, tat_us: i64, now_us: i64) -> Decision {
        let spare = self.tolerance_us() - (tat_us - now_us).max(0);
        Decision {
            allowed: true,
            tat_us,
            remaining: u32::try_from(spare / self.interval_us()).unwrap_or(0).min(self.limit),
            reset_ms: ceil_ms(tat_us - now_us),
            retry_after_ms: 0,
        }
    }

    /// The `RateLimit-Policy` item: `"name";q=limit;w=seconds`.
    pub fn header(self, name: &str) -> String {
        format!("\"{name}\";q={};w={}", self.limit, (self.period_ms / 1000).max(1))
    }
}

/// The `RateLimit` item: `"name";r=remaining;t=seconds until the burst is whole`.
pub fn standing_header(name: &str, decision: &Decision) -> String {
    format!("\"{name}\";r={};t={}", decision.remaining, ceil_secs(decision.reset_ms))
}

/// Whole seconds, rounded up (a `Retry-After` of 0 would invite a retry too early).
pub fn ceil_secs(ms: i64) -> u64 {
    u64::try_from((ms.max(0) + 999) / 1000).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MS: i64 = 1000;

    #[test]
    fn a_burst_of_the_limit_then_one_per_interval() {
        let rate = Rate::per_minute(3);
        let mut tat = None;
        for expected_remaining in [2, 1, 0] {
            let decision = rate.decide(tat, 0);
            assert!(decision.allowed);
            assert_eq!(decision.remaining, expected_remaining);
            tat = Some(decision.tat_us);
        }
        let refused = rate.decide(tat, 0);
        assert!(!refused.allowed);
        assert_eq!(refused.retry_after_ms, 20_000, "one request every 20 s");
        assert_eq!(refused.reset_ms, 60_000);
        assert!(!rate.decide(tat, 19_999 * MS).allowed);
        let later = rate.decide(tat, 20_000 * MS);
        assert!(later.allowed);
        assert_eq!(later.remaining, 0);
        assert_eq!(rate.decide(tat, 60_000 * MS).remaining, 2, "a minute later the whole burst is back");
    }

    #[test]
    fn large_quotas_keep_their_rate() {
        // 45 000 a minute is one every 1333 µs, not one a millisecond.
        let rate = Rate::per_minute(45_000);
        assert_eq!(rate.interval_us(), 1333);
        let mut tat = None;
        let mut admitted = 0;
        for step in 0..200_000i64 {
            let decision = rate.decide(tat, step * 600);
            if decision.allowed {
                admitted += 1;
                tat = Some(decision.tat_us);
            }
        }
        // 120 s of requests every 0.6 ms: the burst plus 120 s at 750/s.
        assert!((45_000 + 90_000..=45_000 + 90_100).contains(&admitted), "{admitted}");
    }

    #[test]
    fn headers_follow_the_ietf_fields() {
        let rate = Rate::per_minute(600);
        assert_eq!(rate.header("api-key"), "\"api-key\";q=600;w=60");
        let decision = rate.decide(None, 0);
        assert_eq!(standing_header("api-key", &decision), "\"api-key\";r=599;t=1");
    }

    proptest! {
        /// Over any span of time, GCRA admits at most a burst plus one per
        /// interval, and never refuses a request the bucket had room for.
        #[test]
        fn admits_no_more_than_burst_plus_rate(limit in 1u32..50, period_s in 1i64..120, gaps in proptest::collection::vec(0i64..5_000_000, 1..300)) {
            let rate = Rate { limit, period_ms: period_s * 1000 };
            let (mut tat, mut now, mut admitted) = (None, 0i64, Vec::new());
            for gap in gaps {
                now += gap;
                let decision = rate.decide(tat, now);
                if decision.allowed {
                    admitted.push(now);
                    tat = Some(decision.tat_us);
                } else {
                    prop_assert!(decision.retry_after_ms > 0);
                    prop_assert!(rate.decide(tat, now + decision.retry_after_ms * MS).allowed);
                }
            }
            for (i, start) in admitted.iter().enumerate() {
                for (j, end) in admitted.iter().enumerate().skip(i) {
                    let span = end - start;
                    let most = i64::from(limit) + span / rate.interval_us();
                    prop_assert!((j - i + 1) as i64 <= most, "{} admitted in {span} µs", j - i + 1);
                }
            }
        }
    }
}
