//! What an API key may do.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    /// Read role profiles, skills, certifications, search and taxonomies.
    #[serde(rename = "content:read")]
    ContentRead,
    /// Run the stateless guidance computations (`/roles/{slug}/compute/...`).
    #[serde(rename = "guidance:compute")]
    GuidanceCompute,
    /// Serve embeds (charts and embed pages) on the key's origins.
    #[serde(rename = "embed")]
    Embed,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Self::ContentRead, Self::GuidanceCompute, Self::Embed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ContentRead => "content:read",
            Self::GuidanceCompute => "guidance:compute",
            Self::Embed => "embed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The names, for messages that say what is accepted.
    pub fn names() -> String {
        Self::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_back_and_serialize_as_their_names() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
            assert_eq!(serde_json::to_value(scope).ok(), Some(serde_json::json!(scope.as_str())));
        }
        assert_eq!(Scope::parse("content"), None);
        assert_eq!(Scope::names(), "content:read, guidance:compute, embed");
    }
}
