use async_graphql::SimpleObject;
use roledex_domain::profile as domain;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{CostKind, Importance, SkillCategory};

/// An amount of money in whole units of `currency`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Money {
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
}

impl From<roledex_domain::Money> for Money {
    fn from(m: roledex_domain::Money) -> Self {
        Self { amount: i64::try_from(m.amount).unwrap_or(i64::MAX), currency: m.currency.to_string() }
    }
}

/// A cost as precisely as its source states it. `exact` and `approximate`
/// costs have `min` equal to `max`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Cost {
    pub kind: CostKind,
    pub currency: String,
    pub min: i64,
    pub max: i64,
}

impl From<&domain::Cost> for Cost {
    fn from(c: &domain::Cost) -> Self {
        Self {
            kind: match c {
                domain::Cost::Exact(_) => CostKind::Exact,
                domain::Cost::Approximate(_) => CostKind::Approximate,
                domain::Cost::Range { .. } => CostKind::Range,
            },
            currency: c.currency().to_string(),
            min: Money::from(c.min()).amount,
            max: Money::from(c.max()).amount,
        }
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
    /// Month of publication, `YYYY-MM`.
    pub as_of: Option<String>,
}

impl From<&domain::Source> for Source {
    fn from(s: &domain::Source) -> Self {
        Self { name: s.name.clone(), url: s.url.as_ref().map(|u| u.to_string()), as_of: s.as_of.map(|m| m.to_string()) }
    }
}

/// A skill from the catalog.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Skill {
    pub slug: String,
    pub name: String,
    /// The radar dimension the skill is drawn on.
    pub category: SkillCategory,
    pub description: String,
    /// Where the role's sources name the skill.
    pub named_in: Option<String>,
    /// Taxonomy items the skill covers (browse them under `/api/v1/taxonomies`).
    pub taxonomy_items: Vec<super::TaxonomyItemRef>,
}

impl From<&domain::Skill> for Skill {
    fn from(s: &domain::Skill) -> Self {
        Self {
            slug: s.slug.to_string(),
            name: s.name.clone(),
            category: s.category.into(),
            description: s.description.clone(),
            named_in: s.named_in.clone(),
            taxonomy_items: super::TaxonomyItemRef::list(&s.taxonomy_items),
        }
    }
}

/// How a certification's exam is taken; numbers only where the source states them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ExamFormat {
    pub summary: String,
    pub duration_minutes: Option<u32>,
    pub questions_min: Option<u32>,
    pub questions_max: Option<u32>,
    pub pass_mark: Option<String>,
    pub course_days: Option<u32>,
}

/// A certification from the catalog.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Certification {
    pub slug: String,
    pub name: String,
    pub full_name: Option<String>,
    pub provider: String,
    pub cost: Cost,
    pub exam: ExamFormat,
    /// The provider's entry requirements as published; `null` when the source states none.
    pub prerequisites: Option<String>,
    /// Years of experience the provider requires; `null` when none is stated.
    pub required_experience_years: Option<u32>,
    /// Certifications that must be held first.
    pub required_certifications: Vec<String>,
    pub renewal: Option<String>,
    pub continuing_education: Option<String>,
    pub url: String,
    /// Slugs of the catalog skills it builds.
    pub builds_skills: Vec<String>,
}

impl From<&domain::Certification> for Certification {
    fn from(c: &domain::Certification) -> Self {
        Self {
            slug: c.slug.to_string(),
            name: c.name.clone(),
            full_name: c.full_name.clone(),
            provider: c.provider.clone(),
            cost: Cost::from(&c.cost),
            exam: ExamFormat {
                summary: c.exam.summary.clone(),
                duration_minutes: c.exam.duration_minutes,
                questions_min: c.exam.questions.map(|q| q.min),
                questions_max: c.exam.questions.map(|q| q.max),
                pass_mark: c.exam.pass_mark.clone(),
                course_days: c.exam.course_days,
            },
            prerequisites: c.prerequisites.clone(),
            required_experience_years: c.required_experience_years,
            required_certifications: c.required_certifications.iter().map(|s| s.to_string()).collect(),
            renewal: c.renewal.clone(),
            continuing_education: c.continuing_education.clone(),
            url: c.url.to_string(),
            builds_skills: c.builds_skills.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// A role in a list or search result.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleSummary {
    pub slug: String,
    pub title: String,
    pub one_line: String,
    /// `full` profile, or `outline` (a background role).
    pub completeness: super::Completeness,
}

impl From<&domain::RoleSummary> for RoleSummary {
    fn from(r: &domain::RoleSummary) -> Self {
        Self {
            slug: r.slug.to_string(),
            title: r.title.clone(),
            one_line: r.one_line.clone(),
            completeness: r.kind.into(),
        }
    }
}

/// A role that needs a skill: how much it matters there, and the level the role expects.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleNeed {
    pub role: RoleSummary,
    pub importance: Importance,
    /// 1-5.
    pub target_level: u8,
}

impl From<&domain::RoleNeed> for RoleNeed {
    fn from(n: &domain::RoleNeed) -> Self {
        Self { role: RoleSummary::from(&n.role), importance: n.importance.into(), target_level: n.target_level.get() }
    }
}

/// A reference framework or taxonomy the role works with.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Framework {
    pub slug: String,
    pub name: String,
    pub full_name: Option<String>,
    pub publisher: String,
    pub url: String,
    pub summary: String,
    pub as_of: Option<String>,
    /// Counts as `source` published them on the `as_of` date: dated,
    /// historical figures, kept for the record. The current counts are those
    /// of the imported release of `taxonomy` (`/api/v1/taxonomies/{taxonomy}`).
    pub facts: Vec<FrameworkFact>,
    pub tools: Vec<String>,
    pub source: Source,
    /// The imported taxonomy that describes this framework item by item; `null` when none does.
    pub taxonomy: Option<super::Taxonomy>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct FrameworkFact {
    pub label: String,
    pub count: u32,
    /// When the source stated the figure (the framework's `as_of`).
    pub as_of: Option<String>,
    /// `true` when an imported release of the framework's taxonomy supersedes the figure: it
    /// is kept as a dated historical record; current counts are at `/api/v1/taxonomies/{taxonomy}`.
    pub historical: bool,
}

impl From<&domain::Framework> for Framework {
    fn from(f: &domain::Framework) -> Self {
        Self {
            slug: f.slug.to_string(),
            name: f.name.clone(),
            full_name: f.full_name.clone(),
            publisher: f.publisher.clone(),
            url: f.url.to_string(),
            summary: f.summary.clone(),
            as_of: f.as_of.map(|m| m.to_string()),
            facts: f
                .facts
                .iter()
                .map(|x| FrameworkFact {
                    label: x.label.clone(),
                    count: x.count,
                    as_of: f.as_of.map(|m| m.to_string()),
                    historical: f.taxonomy.is_some(),
                })
                .collect(),
            tools: f.tools.clone(),
            taxonomy: f.taxonomy.map(Into::into),
            source: Source::from(&f.source),
        }
    }
}
