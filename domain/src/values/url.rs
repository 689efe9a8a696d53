use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValueError;

/// An absolute `https://` (or `http://`) URL with a host and no whitespace.
/// Content links must be real, clickable addresses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HttpUrl(String);

impl HttpUrl {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        let host_ok = host.is_some_and(|h| {
            h.contains('.')
                && !h.starts_with('.')
                && !h.ends_with('.')
                && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b':')
        });
        let printable = raw.bytes().all(|b| b.is_ascii_graphic());
        if !host_ok || !printable || raw.len() > 2048 {
            return Err(ValueError(format!(
                "`{raw}` is not a URL: use an absolute https:// address with a host name, no spaces"
            )));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for HttpUrl {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, ValueError> {
        Self::parse(&raw)
    }
}

impl From<HttpUrl> for String {
    fn from(url: HttpUrl) -> String {
        url.0
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_web_urls() {
        for ok in ["https://pecb.com", "https://atlas.mitre.org/matrices/ATLAS", "http://example.org:8080/x?y=1"] {
            assert!(HttpUrl::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_other_text() {
        for bad in [
            "pecb.com",
            "ftp://pecb.com",
            "https://",
            "https://local",
            "https://a b.com",
            "javascript:alert(1)",
            "https://.com",
        ] {
            assert!(HttpUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
