//! Calendar dates without a date library: the proleptic Gregorian calendar,
//! counted in days since 1970-01-01 (H. Hinnant's civil-date algorithms).

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::values::ValueError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate {
    days: i64,
}

impl CalendarDate {
    /// Dates outside 1900..=2999 are refused: as input they are typing mistakes.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Result<Self, ValueError> {
        Self::within(year, month, day, 1900..=2999)
    }

    fn within(year: i64, month: u32, day: u32, years: std::ops::RangeInclusive<i64>) -> Result<Self, ValueError> {
        let valid = years.contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        if !valid {
            return Err(ValueError(format!(
                "{year:04}-{month:02}-{day:02} is not a calendar date between 1900 and 2999"
            )));
        }
        Ok(Self { days: days_from_civil(year, month, day) })
    }

    /// Parses learner input: `YYYY-MM-DD`, years 1900 to 2999.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Self::parse_within(raw, 1900..=2999)
    }

    /// Parses a stored date: any four-digit year, since a plan that starts in
    /// range may end past it.
    pub fn parse_stored(raw: &str) -> Result<Self, ValueError> {
        Self::parse_within(raw, 0..=9999)
    }

    fn parse_within(raw: &str, years: std::ops::RangeInclusive<i64>) -> Result<Self, ValueError> {
        let err = || ValueError(format!("`{raw}` is not a date: use YYYY-MM-DD, for example 2027-01-04"));
        let bytes = raw.as_bytes();
        let digits_where_due =
            bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
        if bytes.len() != 10 || !digits_where_due {
            return Err(err());
        }
        let year: i64 = raw[..4].parse().map_err(|_| err())?;
        let month: u32 = raw[5..7].parse().map_err(|_| err())?;
        let day: u32 = raw[8..].parse().map_err(|_| err())?;
        Self::within(year, month, day, years).map_err(|_| err())
    }

    /// The date `days` later (or earlier, when negative).
    pub fn plus_days(self, days: i64) -> Self {
        Self { days: self.days + days }
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        self.days
    }

    pub fn from_days_since_epoch(days: i64) -> Self {
        Self { days }
    }

    /// `YYYYMMDD`, as iCalendar writes a DATE value.
    pub fn basic(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}{m:02}{d:02}")
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl TryFrom<String> for CalendarDate {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse_stored(&raw)
    }
}

impl From<CalendarDate> for String {
    fn from(date: CalendarDate) -> String {
        date.to_string()
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        let epoch = CalendarDate::parse("1970-01-01").map(|d| d.days_since_epoch());
        assert_eq!(epoch, Ok(0));
        let leap = CalendarDate::parse("2028-02-28").map(|d| d.plus_days(1).to_string());
        assert_eq!(leap, Ok("2028-02-29".into()));
        let year_end = CalendarDate::parse("2026-12-28").map(|d| d.plus_days(7).to_string());
        assert_eq!(year_end, Ok("2027-01-04".into()));
        for bad in ["2027-02-29", "2026-13-01", "2026-00-10", "26-01-01", "2026/01/01", "1899-12-31", "2026-1-1"] {
            assert!(CalendarDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_digits_and_dashes_in_their_places() {
        for loose in ["2027-+1-04", "+202-01-01", "2027-01-+4", "2027-01- 4", " 2027-01-4", "2027/01/04", "2027-1-04"] {
            assert!(CalendarDate::parse(loose).is_err(), "{loose}");
            assert!(CalendarDate::parse_stored(loose).is_err(), "{loose}");
        }
        assert!(CalendarDate::parse("2027-01-04").is_ok());
    }

    #[test]
    fn stored_dates_past_the_input_range_still_read_back() {
        let late = CalendarDate::parse("2999-12-20").map(|d| d.plus_days(90));
        let text = late.map(|d| d.to_string()).unwrap_or_default();
        assert_eq!(text, "3000-03-20");
        assert!(CalendarDate::parse(&text).is_err(), "not accepted as input");
        let stored: Result<CalendarDate, _> = serde_json::from_str(&format!("\"{text}\""));
        assert_eq!(stored.map(|d| d.to_string()).ok().as_deref(), Some("3000-03-20"));
    }

    proptest! {
        #[test]
        fn civil_roundtrip(days in -25_000i64..400_000) {
            let date = CalendarDate::from_days_since_epoch(days);
            let (y, m, d) = date.ymd();
            prop_assert_eq!(days_from_civil(y, m, d), days);
            prop_assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
        }

        #[test]
        fn display_parses_back(days in -25_000i64..375_000) {
            let date = CalendarDate::from_days_since_epoch(days);
            prop_assert_eq!(CalendarDate::parse(&date.to_string()), Ok(date));
        }
    }
}
