//! A browser origin (`https://jobs.example.com`, `http://localhost:3000`):
//! scheme, host and optional port, lower-cased, nothing else. Browsers send
//! exactly this form in `Origin`, so an allowed origin compares as a string.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Origin(String);

impl Origin {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let expected = "an origin such as https://jobs.example.com (http or https, a host, an optional port; no path)";
        let lower = raw.trim().to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .ok_or_else(|| format!("`{raw}` is not {expected}"))?;
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || rest.starts_with('[') => (host, Some(port)),
            _ => (rest, None),
        };
        let host_ok = !host.is_empty()
            && host.len() <= 253
            && (host.starts_with('[') && host.ends_with(']')
                || host.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                }));
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0));
        if host_ok && port_ok { Ok(Self(lower)) } else { Err(format!("`{raw}` is not {expected}")) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Origin {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<Origin> for String {
    fn from(origin: Origin) -> Self {
        origin.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        for good in
            ["https://jobs.example.com", "http://localhost:3000", "HTTPS://Jobs.Example.COM", "http://[::1]:8080"]
        {
            assert!(Origin::parse(good).is_ok(), "{good}");
        }
        assert_eq!(Origin::parse("HTTPS://Jobs.Example.COM").map(|o| o.0), Ok("https://jobs.example.com".into()));
        for bad in [
            "jobs.example.com",
            "ftp://example.com",
            "https://example.com/",
            "https://example.com/path",
            "https://",
            "https://exa mple.com",
            "https://example.com:0",
            "https://example.com:99999",
            "https://-bad.example.com",
            "https://example.com?x=1",
        ] {
            assert!(Origin::parse(bad).is_err(), "{bad}");
        }
    }
}
