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
        let (host_ok, port) = match rest.strip_prefix('[') {
            // An IPv6 literal: `[2001:db8::1]` or `[2001:db8::1]:8080`.
            Some(bracketed) => match bracketed.split_once(']') {
                Some((address, tail)) => (
                    address.parse::<std::net::Ipv6Addr>().is_ok(),
                    if tail.is_empty() { Some(None) } else { tail.strip_prefix(':').map(Some) },
                ),
                None => (false, None),
            },
            None => {
                let (host, port) = match rest.split_once(':') {
                    Some((host, port)) => (host, Some(port)),
                    None => (rest, None),
                };
                (is_host_name(host), Some(port))
            }
        };
        // `None`: something after the host that is not a port.
        let Some(port) = port else { return Err(format!("`{raw}` is not {expected}")) };
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0));
        if host_ok && port_ok { Ok(Self(lower)) } else { Err(format!("`{raw}` is not {expected}")) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A DNS name or IPv4 address: dot-separated labels of letters, digits and inner hyphens.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
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
        for good in [
            "https://jobs.example.com",
            "http://localhost:3000",
            "HTTPS://Jobs.Example.COM",
            "http://[::1]:8080",
            "http://[::1]",
        ] {
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
            "https://[not an address]",
            "http://[::1]x",
        ] {
            assert!(Origin::parse(bad).is_err(), "{bad}");
        }
    }
}
