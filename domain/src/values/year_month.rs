use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValueError;

/// A calendar month (`2025-12`): the precision at which sources date figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    year: u16,
    month: u8,
}

impl YearMonth {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let err = || ValueError(format!("`{raw}` is not a month: use YYYY-MM, for example 2025-12"));
        let (y, m) = raw.split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(err());
        }
        let year: u16 = y.parse().map_err(|_| err())?;
        let month: u8 = m.parse().map_err(|_| err())?;
        if !(1900..=2999).contains(&year) || !(1..=12).contains(&month) {
            return Err(err());
        }
        Ok(Self { year, month })
    }
}

impl TryFrom<String> for YearMonth {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}

impl From<YearMonth> for String {
    fn from(ym: YearMonth) -> String {
        ym.to_string()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_months() {
        assert_eq!(YearMonth::parse("2025-12").map(|m| m.to_string()), Ok("2025-12".into()));
        for bad in ["2025-13", "2025-00", "25-12", "2025/12", "2025-1", ""] {
            assert!(YearMonth::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_roundtrips(year in 1900u16..3000, month in 1u8..=12) {
            let shown = format!("{year:04}-{month:02}");
            prop_assert_eq!(YearMonth::parse(&shown).map(|m| m.to_string()), Ok(shown));
        }
    }
}
