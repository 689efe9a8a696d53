use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValueError;

/// A URL-safe identifier: lowercase ASCII letters and digits in words joined
/// by single hyphens (`ai-systems-safety-manager`), 1 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let valid_chars = raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let well_joined = !raw.starts_with('-') && !raw.ends_with('-') && !raw.contains("--");
        if raw.is_empty() || raw.len() > Self::MAX_LEN || !valid_chars || !well_joined {
            return Err(ValueError(format!(
                "`{raw}` is not a slug: use 1-{} lowercase letters and digits in words joined by single hyphens",
                Self::MAX_LEN
            )));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

/// Lets maps keyed by slug be searched with a plain `&str` (hashing and
/// equality are the inner string's).
impl std::borrow::Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_kebab_case() {
        assert_eq!(Slug::parse("ai-systems-safety-manager").map(|s| s.0), Ok("ai-systems-safety-manager".into()));
        assert!(Slug::parse("cissp").is_ok());
        assert!(Slug::parse("iso-42001").is_ok());
    }

    #[test]
    fn rejects_everything_else() {
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é", "a'; drop table roles; --", &"a".repeat(81)] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn maps_keyed_by_slug_answer_plain_strings() {
        let mut map = std::collections::HashMap::new();
        map.insert(Slug::parse("cissp").unwrap_or_else(|e| panic!("{e}")), 1);
        assert_eq!(map.get("cissp"), Some(&1));
        assert_eq!(map.get("CISSP"), None);
    }

    proptest! {
        #[test]
        fn parsed_slugs_roundtrip_and_stay_kebab(raw in "\\PC{0,90}") {
            if let Ok(slug) = Slug::parse(&raw) {
                prop_assert_eq!(slug.as_str(), raw.as_str());
                prop_assert!(slug.as_str().split('-').all(|w| !w.is_empty()));
                prop_assert!(slug.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            }
        }

        #[test]
        fn generated_kebab_is_accepted(words in proptest::collection::vec("[a-z0-9]{1,8}", 1..6)) {
            let raw = words.join("-");
            prop_assert!(Slug::parse(&raw).is_ok());
        }
    }
}
