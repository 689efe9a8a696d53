//! Reference taxonomies as imported from their publishers' releases: each
//! count is computed from the release's own items.

use async_graphql::SimpleObject;
use roledex_domain::taxonomy as domain;
use roledex_persistence::taxonomy::{Coverage, CoverageSource, TaxonomySummary};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::enums::{Taxonomy, TaxonomyItemType};

/// How many items of one type a release holds, counted from its data.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TaxonomyCount {
    pub item_type: TaxonomyItemType,
    /// Counted from the imported release, never typed in.
    pub count: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ReleaseSource {
    pub name: String,
    pub url: Option<String>,
    pub doi: Option<String>,
}

/// One imported release of a taxonomy.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TaxonomyRelease {
    pub taxonomy: Taxonomy,
    pub name: String,
    /// The release's own version (`5.6.0` for MITRE ATLAS).
    pub version: String,
    /// When the release was published, as precisely as its data says
    /// (`YYYY-MM` or `YYYY-MM-DD`); `null` when it does not say.
    pub released: Option<String>,
    /// How `released` was found.
    pub released_basis: String,
    pub source: ReleaseSource,
    /// SPDX identifier of the data's license, where the publisher gives one.
    pub license: Option<String>,
    /// Items per type, computed from the release.
    pub counts: Vec<TaxonomyCount>,
    /// SHA-256 of the file the release was imported from.
    pub sha256: String,
    pub imported_at: chrono::DateTime<chrono::Utc>,
}

impl From<&TaxonomySummary> for TaxonomyRelease {
    fn from(s: &TaxonomySummary) -> Self {
        Self {
            taxonomy: s.kind.into(),
            name: s.name.clone(),
            version: s.version.clone(),
            released: s.released.clone(),
            released_basis: s.released_basis.clone(),
            source: ReleaseSource { name: s.source.name.clone(), url: s.source.url.clone(), doi: s.source.doi.clone() },
            license: s.license.clone(),
            counts: s
                .counts
                .iter()
                .map(|(t, n)| TaxonomyCount { item_type: (*t).into(), count: i32::try_from(*n).unwrap_or(i32::MAX) })
                .collect(),
            sha256: s.sha256.clone(),
            imported_at: chrono::DateTime::from_timestamp(s.imported_at, 0).unwrap_or_default(),
        }
    }
}

/// A counted fact the publisher gives about an item (the number of
/// categories of a NIST AI RMF function).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TaxonomyFact {
    pub label: String,
    pub count: i32,
}

/// One entry of a taxonomy, as its publisher describes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TaxonomyItem {
    pub taxonomy: Taxonomy,
    /// The publisher's identifier (`AML.T0051`, `LLM01:2025`, `GOVERN`).
    pub id: String,
    pub item_type: TaxonomyItemType,
    pub name: String,
    /// The publisher's description (Markdown for MITRE ATLAS); `null` where it gives none.
    pub description: Option<String>,
    /// The item this one belongs to (a sub-technique's technique).
    pub parent: Option<String>,
    /// Ids this item is filed under or acts on: a technique's tactics, a
    /// mitigation's techniques, a case study's techniques.
    pub related: Vec<String>,
    pub facts: Vec<TaxonomyFact>,
    /// The item's page at its publisher.
    pub url: Option<String>,
}

impl TaxonomyItem {
    pub fn of(kind: domain::TaxonomyKind, item: &domain::TaxonomyItem) -> Self {
        Self {
            taxonomy: kind.into(),
            id: item.id.clone(),
            item_type: item.item_type.into(),
            name: item.name.clone(),
            description: item.description.clone(),
            parent: item.parent.clone(),
            related: item.related.clone(),
            facts: item
                .facts
                .iter()
                .map(|(label, count)| TaxonomyFact {
                    label: label.clone(),
                    count: i32::try_from(*count).unwrap_or(i32::MAX),
                })
                .collect(),
            url: item.url.clone(),
        }
    }
}

/// Where a piece of content that covers a taxonomy item lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, async_graphql::Enum)]
#[serde(rename_all = "snake_case")]
pub enum CoverageKind {
    Skill,
    InterviewQuestion,
    QuizQuestion,
    LearningResource,
}

impl From<CoverageSource> for CoverageKind {
    fn from(source: CoverageSource) -> Self {
        match source {
            CoverageSource::Skill => Self::Skill,
            CoverageSource::InterviewQuestion => Self::InterviewQuestion,
            CoverageSource::QuizQuestion => Self::QuizQuestion,
            CoverageSource::LearningResource => Self::LearningResource,
        }
    }
}

/// A skill, question or resource that points at a taxonomy item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct CoveringContent {
    pub kind: CoverageKind,
    /// The role it belongs to; `null` for a catalog skill.
    pub role: Option<String>,
    /// A skill slug, a quiz question key, or the entry's zero-based position
    /// in the role's list (interview questions, learning resources).
    pub key: String,
    /// The skill's name, the question, or the resource's title.
    pub title: String,
}

impl From<&Coverage> for CoveringContent {
    fn from(c: &Coverage) -> Self {
        Self { kind: c.source.into(), role: c.role.clone(), key: c.key.clone(), title: c.label.clone() }
    }
}

/// A taxonomy item and the content that covers it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TaxonomyItemDetail {
    pub item: TaxonomyItem,
    /// Skills, interview and quiz questions and learning resources that point at the item.
    pub covered_by: Vec<CoveringContent>,
}

/// A pointer from content to a taxonomy item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TaxonomyItemRef {
    pub taxonomy: Taxonomy,
    pub id: String,
}

impl TaxonomyItemRef {
    pub fn list(refs: &[domain::TaxonomyRef]) -> Vec<Self> {
        refs.iter().map(|r| Self { taxonomy: r.taxonomy.into(), id: r.id.clone() }).collect()
    }
}
