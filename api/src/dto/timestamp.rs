//! Points in time on the API: RFC 3339 in UTC (`2026-11-29T18:04:50.123Z`)
//! in JSON and OpenAPI (`format: date-time`), the `DateTime` scalar in
//! GraphQL. The store keeps Unix milliseconds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

pub type Timestamp = DateTime<Utc>;

/// The stored Unix milliseconds as a timestamp (out of chrono's range: the epoch).
pub fn from_millis(millis: i64) -> Timestamp {
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// Reads an RFC 3339 string, or the Unix milliseconds that results kept for
/// idempotent replays were written with before timestamps were strings.
pub fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(Timestamp),
        Millis(i64),
    }
    Ok(match Either::deserialize(deserializer)? {
        Either::Text(at) => at,
        Either::Millis(millis) => from_millis(millis),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Stored {
        #[serde(deserialize_with = "lenient")]
        at: Timestamp,
    }

    #[test]
    fn reads_both_forms_and_writes_rfc_3339() {
        let old: Result<Stored, _> = serde_json::from_str(r#"{"at": 1764439490123}"#);
        let new: Result<Stored, _> = serde_json::from_str(r#"{"at": "2025-11-29T18:04:50.123Z"}"#);
        assert_eq!(old.map(|s| s.at).ok(), new.map(|s| s.at).ok());
        let written = serde_json::to_string(&from_millis(1_764_439_490_123)).unwrap_or_default();
        assert_eq!(written, r#""2025-11-29T18:04:50.123Z""#);
    }
}
