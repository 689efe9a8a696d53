//! The sections of a role profile, one type each.

use async_graphql::SimpleObject;
use roledex_domain::scoring::RankedCertification;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    Certification, CommunityLinkKind, Cost, DemandLevel, DownloadKind, FigureStatus, Importance, Money, PartOfDay,
    PayPeriod, ResourceKind, SkillCategory, Source,
};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct AlternateTitle {
    pub title: String,
    pub employer: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SafetyTeam {
    pub employer: String,
    pub team: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Demand {
    pub level: DemandLevel,
    pub summary: String,
    pub regulatory_drivers: Vec<String>,
    pub hiring_industries: Vec<HiringIndustry>,
    pub salary_data_points: Vec<SalaryDataPoint>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct HiringIndustry {
    pub industry: String,
    pub employers: Vec<String>,
}

/// A published pay figure with its source; never an estimate.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SalaryDataPoint {
    pub title: String,
    pub employer: String,
    pub base: Money,
    pub period: PayPeriod,
    pub plus_equity: bool,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct DayInTheLife {
    /// True: written by the content team from the role's responsibilities, not taken from a source.
    pub editorial: bool,
    pub blocks: Vec<TimeBlock>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TimeBlock {
    pub part_of_day: PartOfDay,
    pub activity: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleSkill {
    pub slug: String,
    pub name: String,
    pub category: SkillCategory,
    pub description: String,
    pub importance: Importance,
    /// Weight used by scoring: critical 3, important 2, supporting 1.
    pub importance_weight: u32,
    /// Target proficiency for the role, 1-5.
    pub target_level: u8,
    /// True when importance and target are the content team's judgement.
    pub editorial: bool,
}

/// One axis of the skills radar.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RadarAxis {
    /// The skill category this axis draws.
    pub dimension: SkillCategory,
    /// Importance-weighted mean target level of the role's skills in the category (1.0-5.0).
    pub target_level: f64,
    pub skills: Vec<String>,
}

/// Roledex's value score for a certification and a role: computed, not published by any source.
/// `score = 100 × coverage × cost_factor × time_factor × access_factor`, one decimal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ValueScore {
    /// 0-100.
    pub score: f64,
    /// The formula, in words and symbols.
    pub formula: String,
    /// Always `roledex`: the score is computed here from the inputs below.
    pub computed_by: String,
    /// Share of the role's skill weight (importance × target level) the certification builds, 0-1.
    pub coverage: f64,
    /// Midpoint of the published cost, in USD.
    pub cost_midpoint_usd: u64,
    /// 1000 / (1000 + cost midpoint).
    pub cost_factor: f64,
    /// Study hours counted: the course length, or the 40-hour planning default (see `study_hours_basis`).
    pub study_hours: u32,
    pub study_hours_basis: crate::dto::StudyHoursBasis,
    /// 40 / (40 + study hours).
    pub time_factor: f64,
    /// Years of experience the provider requires before the exam (0 when none is stated).
    pub required_experience_years: u32,
    /// 5 / (5 + required years).
    pub access_factor: f64,
}

impl From<&roledex_domain::scoring::Valued> for ValueScore {
    fn from(v: &roledex_domain::scoring::Valued) -> Self {
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        let i = &v.inputs;
        Self {
            score: v.score.points(),
            formula: roledex_domain::scoring::VALUE_FORMULA.to_owned(),
            computed_by: "roledex".to_owned(),
            coverage: round(i.coverage()),
            cost_midpoint_usd: i.cost_midpoint_usd,
            cost_factor: round(i.cost_factor()),
            study_hours: i.study.hours,
            study_hours_basis: i.study.basis.into(),
            time_factor: round(i.time_factor()),
            required_experience_years: i.required_experience_years,
            access_factor: round(i.access_factor()),
        }
    }
}

/// A row of the certifications table.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct CertificationRow {
    /// Rank as published for the role (1 = first).
    pub rank: u32,
    /// Why the certification matters for this role.
    pub focus: Option<String>,
    /// Roledex's computed value score, with its formula and inputs; `null` when it cannot be
    /// computed (cost not in USD). No source publishes this figure: the published order is `rank`.
    pub value_score: Option<ValueScore>,
    /// The role's skills this certification builds.
    pub covered_skills: Vec<String>,
    pub certification: Certification,
}

impl From<&RankedCertification> for CertificationRow {
    fn from(c: &RankedCertification) -> Self {
        Self {
            rank: c.rank,
            focus: c.focus.clone(),
            value_score: c.value.as_ref().map(ValueScore::from),
            covered_skills: c.covered_skills.iter().map(|s| s.to_string()).collect(),
            certification: Certification::from(&c.certification),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct LearningResource {
    pub kind: ResourceKind,
    pub title: String,
    pub provider: String,
    /// Authors or editors as the resource credits them; `null` where it names none.
    pub authors: Option<String>,
    /// Year of publication; `null` where the facts give none.
    pub year: Option<i32>,
    pub url: String,
    pub cost: Option<Cost>,
    /// `true` free, `false` paid, `null` not known.
    pub free: Option<bool>,
    pub builds_skills: Vec<String>,
    /// Taxonomy items the resource covers.
    pub taxonomy_items: Vec<crate::dto::TaxonomyItemRef>,
    pub editorial: bool,
}

/// The career pathway navigator: ways in, and the ladder up with its compensation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct CareerPaths {
    pub transition_paths: Vec<TransitionPath>,
    pub ladder: Vec<LadderLevel>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TransitionPath {
    pub from_role: RoleSummaryRef,
    pub fit: String,
    pub transferable_skills: Vec<String>,
    pub skills_to_add: Vec<SkillToAdd>,
}

/// A way from a background role into a full profile.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct OnwardPath {
    pub to_role: RoleSummaryRef,
    pub fit: String,
    /// What a learner from the background already brings.
    pub transferable_skills: Vec<String>,
    /// What to add for the role.
    pub skills_to_add: Vec<SkillToAdd>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RoleSummaryRef {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SkillToAdd {
    pub skill: String,
    pub name: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct LadderLevel {
    /// 1 is the first step up from the role.
    pub step: u32,
    pub title: String,
    pub scope: String,
    pub growth: Vec<String>,
    pub note: Option<String>,
    pub compensation: Compensation,
}

/// Pay for a ladder level: `known` with a sourced band, or `unknown` when no
/// source gives a figure (nothing is estimated).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Compensation {
    pub status: FigureStatus,
    pub min: Option<Money>,
    pub max: Option<Money>,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct InterviewQuestion {
    pub question: String,
    /// What the interviewer learns from the answer.
    pub tests: String,
    pub key_points: Vec<String>,
    pub skills: Vec<String>,
    /// Taxonomy items the question covers.
    pub taxonomy_items: Vec<crate::dto::TaxonomyItemRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QualificationCard {
    pub key: String,
    pub title: String,
    /// The statement the learner rates themself against, 1-5.
    pub prompt: String,
    pub skill: Option<String>,
    /// True: written by the content team, not taken from a source.
    pub editorial: bool,
}

/// A knowledge-check question as a learner sees it: no answer key.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QuizQuestion {
    pub key: String,
    pub prompt: String,
    pub options: Vec<String>,
    /// The skills the question checks.
    pub skills: Vec<String>,
    /// Taxonomy items the question covers.
    pub taxonomy_items: Vec<crate::dto::TaxonomyItemRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Download {
    pub key: String,
    pub kind: DownloadKind,
    pub title: String,
    pub description: String,
    pub media_type: String,
    /// Path of the document on this service.
    pub href: String,
    pub editorial: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct CommunityLink {
    pub name: String,
    pub kind: CommunityLinkKind,
    pub url: String,
    pub description: String,
}
