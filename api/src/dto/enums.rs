//! Closed sets of values, typed on both surfaces: an OpenAPI `enum` on REST
//! (snake_case, as in the content pack) and a GraphQL `enum` (UPPER_CASE).
//! Each mirrors a domain enum variant for variant, and the conversion is an
//! exhaustive match, so a variant added in the domain cannot go unpublished.

use async_graphql::Enum;
use roledex_domain::guidance::band::ReadinessBand as DomainBand;
use roledex_domain::guidance::readiness::Component;
use roledex_domain::guidance::sprint::TaskKind as DomainTaskKind;
use roledex_domain::guidance::study::StudyHoursBasis as DomainBasis;
use roledex_domain::guidance::timeline::SkipReason as DomainSkipReason;
use roledex_domain::profile as domain;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares an API enum and its conversion from the domain enum it mirrors.
macro_rules! mirrored_enum {
    ($(#[$doc:meta])* $name:ident from $domain:ty { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant),+
        }

        impl From<$domain> for $name {
            fn from(value: $domain) -> Self {
                match value {
                    $(<$domain>::$variant => Self::$variant),+
                }
            }
        }
    };
}

mirrored_enum! {
    /// What an account may do.
    UserRole from roledex_domain::account::UserRole { Learner, Admin }
}

mirrored_enum! {
    /// How strongly employers are hiring for the role.
    DemandLevel from domain::DemandLevel { Low, Moderate, High, VeryHigh }
}

mirrored_enum! {
    /// The period a pay figure covers.
    PayPeriod from domain::PayPeriod { Annual, Monthly, Hourly }
}

mirrored_enum! {
    /// A part of the working day, in order.
    PartOfDay from domain::PartOfDay {
        StartOfDay, Morning, LateMorning, Midday, EarlyAfternoon, Afternoon, LateAfternoon, EndOfDay
    }
}

mirrored_enum! {
    /// The radar dimension a skill is drawn on.
    SkillCategory from domain::SkillCategory {
        Evaluation, AdversarialSecurity, Alignment, Operations, Governance, Foundations, Leadership
    }
}

mirrored_enum! {
    /// How much a skill matters for a role; it weights gaps and the value score.
    Importance from domain::Importance { Supporting, Important, Critical }
}

mirrored_enum! {
    /// What kind of learning resource.
    ResourceKind from domain::ResourceKind { Framework, Standard, Tool, Course, Guide, Paper, Book, Database, Policy }
}

mirrored_enum! {
    /// What kind of download.
    DownloadKind from domain::DownloadKind { Template, StudyGuide, Checklist }
}

mirrored_enum! {
    /// What kind of community link.
    CommunityLinkKind from domain::CommunityLinkKind { Project, Organization, Forum, Publication }
}

mirrored_enum! {
    /// A readiness band: `not_yet` (0-49), `developing` (50-79) or `ready` (80-100).
    ReadinessBand from DomainBand { NotYet, Developing, Ready }
}

mirrored_enum! {
    /// A component of the readiness score.
    ReadinessComponentKind from Component { QualificationChecker, SkillsGap, KnowledgeCheck }
}

mirrored_enum! {
    /// What a sprint-plan task works on.
    TaskKind from DomainTaskKind { SkillGap, Certification }
}

mirrored_enum! {
    /// Where a study-hours figure comes from: the learner's own estimate, the
    /// course length (days × 8 h), or a planning default when no source states one.
    StudyHoursBasis from DomainBasis { Learner, CourseLength, PlanningDefault }
}

/// Why a certification was left out of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    AlreadyHeld,
    /// The learner cannot take it yet (experience or a required certification).
    NotYetEligible,
    OverBudget,
    CostNotInUsd,
}

impl From<&DomainSkipReason> for SkipReason {
    fn from(reason: &DomainSkipReason) -> Self {
        match reason {
            DomainSkipReason::AlreadyHeld => Self::AlreadyHeld,
            DomainSkipReason::NotYetEligible { .. } => Self::NotYetEligible,
            DomainSkipReason::OverBudget { .. } => Self::OverBudget,
            DomainSkipReason::CostNotInUsd => Self::CostNotInUsd,
        }
    }
}

/// How a cost is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    Exact,
    Approximate,
    Range,
}

/// Whether a source states the figure: `unknown` carries no amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum FigureStatus {
    Known,
    Unknown,
}

/// A reference taxonomy Roledex imports from its publisher's data. On REST
/// the values are the path segments of `/api/v1/taxonomies/{taxonomy}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "kebab-case")]
pub enum Taxonomy {
    /// MITRE ATLAS.
    Atlas,
    /// The OWASP Top 10 for LLM Applications.
    OwaspLlm,
    /// The NIST AI Risk Management Framework core.
    NistAiRmf,
}

impl From<roledex_domain::taxonomy::TaxonomyKind> for Taxonomy {
    fn from(kind: roledex_domain::taxonomy::TaxonomyKind) -> Self {
        use roledex_domain::taxonomy::TaxonomyKind;
        match kind {
            TaxonomyKind::Atlas => Self::Atlas,
            TaxonomyKind::OwaspLlm => Self::OwaspLlm,
            TaxonomyKind::NistAiRmf => Self::NistAiRmf,
        }
    }
}

impl From<Taxonomy> for roledex_domain::taxonomy::TaxonomyKind {
    fn from(t: Taxonomy) -> Self {
        match t {
            Taxonomy::Atlas => Self::Atlas,
            Taxonomy::OwaspLlm => Self::OwaspLlm,
            Taxonomy::NistAiRmf => Self::NistAiRmf,
        }
    }
}

/// How complete a role's profile is: `full` has every section; `outline` is a
/// background role (where a transition path starts) with its overview,
/// responsibilities and the paths it leads into, and empty other sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum Completeness {
    Full,
    Outline,
}

impl From<domain::RoleKind> for Completeness {
    fn from(kind: domain::RoleKind) -> Self {
        match kind {
            domain::RoleKind::Profile => Self::Full,
            domain::RoleKind::Background => Self::Outline,
        }
    }
}

impl From<Completeness> for domain::RoleKind {
    fn from(c: Completeness) -> Self {
        match c {
            Completeness::Full => Self::Profile,
            Completeness::Outline => Self::Background,
        }
    }
}

mirrored_enum! {
    /// What kind of entry a taxonomy item is: ATLAS tactics, techniques,
    /// sub-techniques, mitigations and case studies; OWASP risks; NIST functions.
    TaxonomyItemType from roledex_domain::taxonomy::ItemType {
        Tactic, Technique, SubTechnique, Mitigation, CaseStudy, Risk, Function
    }
}
