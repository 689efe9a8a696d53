//! The certification timeline.

use async_graphql::{InputObject, SimpleObject};
use roledex_domain::guidance::study::StudyEstimate;
use roledex_domain::guidance::timeline::CertificationTimeline;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::{SkipReason, StudyHoursBasis};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "StudyHoursInput")]
#[serde(deny_unknown_fields)]
pub struct StudyHours {
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub certification: String,
    /// 1 to 2000.
    #[schema(minimum = 1, maximum = 2000)]
    #[serde(deserialize_with = "crate::dto::number::integer")]
    pub hours: i64,
}

/// Defines a timeline request: the fields given, then the ones every timeline
/// request shares, written once so the stored and the anonymous request cannot
/// drift apart.
macro_rules! timeline_request {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
    #[schema(minimum = 0, maximum = 2147483647)]
    #[serde(deserialize_with = "crate::dto::number::integer")]
    pub budget_usd: i64,
    /// 1 to 80.
    #[schema(minimum = 1, maximum = 80)]
    #[serde(deserialize_with = "crate::dto::number::integer")]
    pub hours_per_week: i64,
    /// `YYYY-MM-DD`.
    #[schema(format = Date, pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub start: String,
    /// Slugs of certifications already held.
    #[serde(default)]
    #[graphql(default)]
    #[schema(inline, value_type = Vec<super::SlugText>)]
    pub held: Vec<String>,
    /// Your own preparation estimates; otherwise course length or a 40-hour planning default.
    #[serde(default)]
    #[graphql(default)]
    pub study_hours: Vec<StudyHours>,
    /// `rank` (default): the role's published order; `value`: Roledex's computed value score, best first.
    #[serde(default)]
    #[graphql(default)]
    pub order: TimelineOrder,
    /// Your years of professional experience (0 to 60), to check entry requirements such as
    /// CISSP's five years. Without it, a certification that requires experience is not yet eligible.
    #[serde(default, deserialize_with = "crate::dto::number::optional_integer")]
    #[schema(minimum = 0, maximum = 60)]
    pub years_experience: Option<i64>,
        }
    };
}

timeline_request! {
    /// A certification timeline to plan for `role` (`POST /me/certification-timeline`).
    #[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
    #[serde(deny_unknown_fields)]
    pub struct TimelineInput {
        #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
        pub role: String,
    }
}

timeline_request! {
    /// The body of `POST /roles/{slug}/compute/certification-timeline`: a
    /// [`TimelineInput`] whose role is the path's.
    #[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
    #[graphql(name = "ComputeTimelineInput")]
    #[serde(deny_unknown_fields)]
    pub struct TimelineBody {}
}

impl TimelineBody {
    pub fn for_role(self, role: String) -> TimelineInput {
        TimelineInput {
            role,
            budget_usd: self.budget_usd,
            hours_per_week: self.hours_per_week,
            start: self.start,
            held: self.held,
            study_hours: self.study_hours,
            order: self.order,
            years_experience: self.years_experience,
        }
    }
}

/// The order a timeline considers certifications in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, async_graphql::Enum)]
#[serde(rename_all = "snake_case")]
pub enum TimelineOrder {
    /// The rank the role's source publishes.
    #[default]
    Rank,
    /// Roledex's computed value score, best first (ties: rank).
    Value,
}

impl From<TimelineOrder> for roledex_domain::guidance::timeline::TimelineOrder {
    fn from(o: TimelineOrder) -> Self {
        match o {
            TimelineOrder::Rank => Self::Rank,
            TimelineOrder::Value => Self::Value,
        }
    }
}

impl From<roledex_domain::guidance::timeline::TimelineOrder> for TimelineOrder {
    fn from(o: roledex_domain::guidance::timeline::TimelineOrder) -> Self {
        match o {
            roledex_domain::guidance::timeline::TimelineOrder::Rank => Self::Rank,
            roledex_domain::guidance::timeline::TimelineOrder::Value => Self::Value,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct StudyPlanHours {
    pub hours: u32,
    pub basis: StudyHoursBasis,
}

impl From<&StudyEstimate> for StudyPlanHours {
    fn from(e: &StudyEstimate) -> Self {
        Self { hours: e.hours, basis: e.basis.into() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct PlannedCertification {
    pub certification: String,
    pub name: String,
    pub provider: String,
    /// The rank the role's source publishes.
    pub rank: u32,
    /// Roledex's computed value score (see the certifications table); `null` when unknown.
    pub value_score: Option<f64>,
    pub budgeted_cost_usd: u64,
    pub study: StudyPlanHours,
    pub weeks: u32,
    pub starts_on: String,
    pub ready_by: String,
    /// Why it is in the plan.
    pub why: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SkippedCertification {
    pub certification: String,
    pub name: String,
    pub reason: SkipReason,
    pub cost_usd: Option<u64>,
    /// For `not_yet_eligible`: the years of experience the provider requires (0 when only a
    /// certification is missing).
    pub required_years: Option<u32>,
    /// For `not_yet_eligible`: certifications to hold first.
    pub missing_certifications: Vec<String>,
    /// Why it is left out.
    pub why: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Timeline {
    pub role: String,
    /// The order certifications were considered in.
    pub order: TimelineOrder,
    pub budget_usd: u64,
    pub total_cost_usd: u64,
    pub finishes_on: Option<String>,
    pub planned: Vec<PlannedCertification>,
    pub skipped: Vec<SkippedCertification>,
}

impl Timeline {
    pub fn new(role: String, t: &CertificationTimeline) -> Self {
        Self {
            role,
            order: t.order.into(),
            budget_usd: t.budget_usd,
            total_cost_usd: t.total_cost_usd,
            finishes_on: t.finishes_on.map(|d| d.to_string()),
            planned: t
                .planned
                .iter()
                .map(|p| PlannedCertification {
                    certification: p.certification.to_string(),
                    name: p.name.clone(),
                    provider: p.provider.clone(),
                    rank: p.rank,
                    value_score: p.value.map(|v| v.points()),
                    budgeted_cost_usd: p.budgeted_cost_usd,
                    study: StudyPlanHours::from(&p.study),
                    weeks: p.weeks,
                    starts_on: p.starts_on.to_string(),
                    ready_by: p.ready_by.to_string(),
                    why: p.why.clone(),
                })
                .collect(),
            skipped: t
                .skipped
                .iter()
                .map(|s| {
                    use roledex_domain::guidance::timeline::SkipReason as Domain;
                    let cost_usd = match &s.reason {
                        Domain::OverBudget { cost_usd, .. } => Some(*cost_usd),
                        _ => None,
                    };
                    let (required_years, missing_certifications) = match &s.reason {
                        Domain::NotYetEligible { required_years, missing_certifications, .. } => {
                            (Some(*required_years), missing_certifications.iter().map(|c| c.to_string()).collect())
                        }
                        _ => (None, Vec::new()),
                    };
                    SkippedCertification {
                        certification: s.certification.to_string(),
                        name: s.name.clone(),
                        reason: SkipReason::from(&s.reason),
                        cost_usd,
                        required_years,
                        missing_certifications,
                        why: s.why.clone(),
                    }
                })
                .collect(),
        }
    }
}
