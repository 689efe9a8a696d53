use serde::{Deserialize, Serialize};

use crate::values::{HttpUrl, YearMonth};

/// Where a figure or fact comes from. Every figure in a profile carries one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The publisher, as a reader would cite it (`Fortune`, `atlas.mitre.org`).
    pub name: String,
    #[serde(default)]
    pub url: Option<HttpUrl>,
    /// The month the source published or last confirmed the figure.
    #[serde(default)]
    pub as_of: Option<YearMonth>,
}
