//! Reference taxonomies read from their publishers' own data: MITRE ATLAS,
//! the OWASP Top 10 for LLM Applications and the NIST AI RMF core functions.
//!
//! A [`Taxonomy`] is one release as imported; its counts are computed from its
//! items, never typed in. Content points at items with a [`TaxonomyRef`]
//! (`atlas/AML.T0051`, `owasp-llm/LLM01:2025`, `nist-ai-rmf/MANAGE`).

mod reference;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use reference::{TaxonomyRef, TaxonomyRefError};

/// The taxonomies Roledex knows how to import. The slug is the one the API
/// uses in paths (`/api/v1/taxonomies/{slug}`) and content uses in references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TaxonomyKind {
    #[serde(rename = "atlas")]
    Atlas,
    #[serde(rename = "owasp-llm")]
    OwaspLlm,
    #[serde(rename = "nist-ai-rmf")]
    NistAiRmf,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 3] = [Self::Atlas, Self::OwaspLlm, Self::NistAiRmf];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Atlas => "atlas",
            Self::OwaspLlm => "owasp-llm",
            Self::NistAiRmf => "nist-ai-rmf",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == raw)
    }

    /// The item types a release of this taxonomy holds, in the order they are counted.
    pub fn item_types(self) -> &'static [ItemType] {
        match self {
            Self::Atlas => &[
                ItemType::Tactic,
                ItemType::Technique,
                ItemType::SubTechnique,
                ItemType::Mitigation,
                ItemType::CaseStudy,
            ],
            Self::OwaspLlm => &[ItemType::Risk],
            Self::NistAiRmf => &[ItemType::Function],
        }
    }
}

/// What kind of entry an item is within its taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    Tactic,
    Technique,
    SubTechnique,
    Mitigation,
    CaseStudy,
    /// An entry of the OWASP Top 10 for LLM Applications.
    Risk,
    /// A core function of the NIST AI RMF.
    Function,
}

impl ItemType {
    pub const ALL: [ItemType; 7] = [
        Self::Tactic,
        Self::Technique,
        Self::SubTechnique,
        Self::Mitigation,
        Self::CaseStudy,
        Self::Risk,
        Self::Function,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tactic => "tactic",
            Self::Technique => "technique",
            Self::SubTechnique => "sub_technique",
            Self::Mitigation => "mitigation",
            Self::CaseStudy => "case_study",
            Self::Risk => "risk",
            Self::Function => "function",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    /// Plural, for counts in prose ("16 tactics").
    pub fn plural(self) -> &'static str {
        match self {
            Self::Tactic => "tactics",
            Self::Technique => "techniques",
            Self::SubTechnique => "sub-techniques",
            Self::Mitigation => "mitigations",
            Self::CaseStudy => "case studies",
            Self::Risk => "risks",
            Self::Function => "functions",
        }
    }
}

/// Where a release came from: the publisher's name for it and a stable address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseSource {
    pub name: String,
    pub url: Option<String>,
    pub doi: Option<String>,
}

/// One release of a taxonomy, as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    pub name: String,
    /// The release's own version string (`5.6.0`, `2025`, `1.0`).
    pub version: String,
    /// When the release was published, as precisely as its data says
    /// (`2023-01`, or the newest modification date of an ATLAS release,
    /// whose file states no release date).
    pub released: Option<String>,
    /// How `released` was found, for readers who need to know.
    pub released_basis: String,
    pub source: ReleaseSource,
    /// SPDX identifier of the data's license, where the publisher gives one.
    pub license: Option<String>,
    pub items: Vec<TaxonomyItem>,
}

/// One entry of a taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyItem {
    /// The publisher's identifier (`AML.T0051`, `LLM01:2025`, `GOVERN`).
    pub id: String,
    pub item_type: ItemType,
    pub name: String,
    /// The publisher's description, where it has one (Markdown for ATLAS).
    pub description: Option<String>,
    /// The item this one belongs to (a sub-technique's technique).
    pub parent: Option<String>,
    /// Items this one is filed under or acts on: a technique's tactics, a
    /// mitigation's techniques, a case study's techniques.
    pub related: Vec<String>,
    /// Counted facts the publisher gives (`categories` of a NIST function).
    pub facts: BTreeMap<String, u32>,
    pub url: Option<String>,
}

impl Taxonomy {
    /// How many items of each type the release holds, in the taxonomy's order.
    pub fn counts(&self) -> Vec<(ItemType, u32)> {
        self.kind
            .item_types()
            .iter()
            .map(|t| (*t, self.items.iter().filter(|i| i.item_type == *t).count() as u32))
            .collect()
    }

    pub fn count_of(&self, item_type: ItemType) -> u32 {
        self.items.iter().filter(|i| i.item_type == item_type).count() as u32
    }

    pub fn item(&self, id: &str) -> Option<&TaxonomyItem> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// A knowledge-check question whose answer is a count of one release: the
/// pack checks it against the imported data, so it cannot go stale silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountCheck {
    pub taxonomy: TaxonomyKind,
    pub item_type: ItemType,
}

#[cfg(test)]
mod tests;
