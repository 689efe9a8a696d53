//! Quotas are written `N/min` (the command line) or as a number per minute
//! (JSON): one unit, so a key's limit reads the same everywhere.

use crate::ratelimit::gcra::Rate;

/// The largest quota (about 166 000 requests a second; GCRA keeps it exactly,
/// one every 6 µs).
pub const MAX_PER_MINUTE: u32 = 10_000_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a quota: write N/min with N from 1 to 10000000, for example 600/min")]
pub struct QuotaError(pub String);

/// `600/min` (or a bare `600`) as a rate per minute.
pub fn parse_per_minute(raw: &str) -> Result<Rate, QuotaError> {
    let trimmed = raw.trim();
    let number = trimmed.strip_suffix("/min").unwrap_or(trimmed);
    match number.parse::<u32>() {
        Ok(limit) if (1..=MAX_PER_MINUTE).contains(&limit) => Ok(Rate::per_minute(limit)),
        _ => Err(QuotaError(raw.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_are_per_minute() {
        assert_eq!(parse_per_minute("600/min"), Ok(Rate::per_minute(600)));
        assert_eq!(parse_per_minute("30"), Ok(Rate::per_minute(30)));
        for bad in ["0/min", "600/h", "-1", "10000001/min", "many"] {
            assert!(parse_per_minute(bad).is_err(), "{bad}");
        }
    }
}
