//! An email address as an account key: trimmed, lower-cased, and valid by
//! the rule HTML forms apply (WHATWG, "valid e-mail address"), which the
//! OpenAPI document states as a pattern: a local part of
//! ``a-z A-Z 0-9 .!#$%&'*+/=?^_`{|}~-``, `@`, then dot-separated labels of
//! letters, digits and inner hyphens, 1 to 63 characters each.

use std::fmt;

/// A usable email address, lower-cased: two spellings of one address are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

/// Why a string is not an email address (the input, cut to 100 characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an email address")]
pub struct InvalidEmail(pub String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        let invalid = || InvalidEmail(raw.chars().take(100).collect());
        let email = raw.trim().to_lowercase();
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let valid = email.len() <= 254
            && !local.is_empty()
            && local.bytes().all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b))
            && domain.split('.').all(valid_label);
        if valid { Ok(Self(email)) } else { Err(invalid()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or_default()
    }
}

/// A domain label: 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen.
fn valid_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(Email::parse("  Ada@Example.COM ").map(|e| e.to_string()), Ok("ada@example.com".into()));
        assert_eq!(Email::parse("ada@example.com").map(|e| e.local_part().to_owned()), Ok("ada".into()));
    }

    #[test]
    fn implausible_addresses_are_refused() {
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@.example.com",
            "ada@-example.com",
            "ada@exa_mple.com",
            "ad(a)@example.com",
            "ada@example..com",
            "adé@example.com",
            "ada@example.com.",
            "a da@x.io",
            "a@b@c.io",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(Email::parse(&format!("ada@{}.com", "a".repeat(64))).is_err());
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(250))).is_err());
    }

    #[test]
    fn what_html_forms_accept_is_accepted() {
        for good in ["ada@example", "a.b+c@x-y.example.org", "o'brien@example.com", "{x}|~@a.b", "a@localhost"] {
            assert!(Email::parse(good).is_ok(), "{good}");
        }
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(raw in "[A-Za-z0-9._+-]{1,20}@[A-Za-z0-9]([A-Za-z0-9-]{0,18}[A-Za-z0-9])?\\.[a-z]{2,6}") {
            let once = Email::parse(&raw);
            prop_assert!(once.is_ok());
            let once = once.map(|e| e.to_string()).unwrap_or_default();
            prop_assert_eq!(Email::parse(&once).map(|e| e.to_string()), Ok(once.clone()));
        }
    }
}
