use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::TaxonomyKind;

/// A pointer from content to one taxonomy item, written `taxonomy/id`
/// (`atlas/AML.T0051`, `owasp-llm/LLM01:2025`, `nist-ai-rmf/MANAGE`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaxonomyRef {
    pub taxonomy: TaxonomyKind,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyRefError {
    #[error(
        "`{0}` is not `taxonomy/id`: write it as `atlas/AML.T0051`, `owasp-llm/LLM01:2025` or `nist-ai-rmf/MANAGE`"
    )]
    Shape(String),
    #[error("`{0}` is not a taxonomy: use atlas, owasp-llm or nist-ai-rmf")]
    UnknownTaxonomy(String),
}

impl TaxonomyRef {
    pub fn parse(raw: &str) -> Result<Self, TaxonomyRefError> {
        let (taxonomy, id) = raw.split_once('/').ok_or_else(|| TaxonomyRefError::Shape(raw.to_owned()))?;
        let valid_id = !taxonomy.is_empty()
            && !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '_'));
        if !valid_id {
            return Err(TaxonomyRefError::Shape(raw.to_owned()));
        }
        let taxonomy =
            TaxonomyKind::parse(taxonomy).ok_or_else(|| TaxonomyRefError::UnknownTaxonomy(taxonomy.to_owned()))?;
        Ok(Self { taxonomy, id: id.to_owned() })
    }
}

impl fmt::Display for TaxonomyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.taxonomy.slug(), self.id)
    }
}

impl Serialize for TaxonomyRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TaxonomyRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}
