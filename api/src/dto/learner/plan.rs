//! The 90-day sprint plan.

use async_graphql::{InputObject, SimpleObject};
use roledex_domain::guidance::progress::progress;
use roledex_domain::guidance::sprint::{SprintPlan, SprintTask};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::StudyHours;
use crate::dto::TaskKind;

/// Defines a sprint-plan request: the fields given, then the ones every plan
/// request shares, written once so the stored and the anonymous request cannot
/// drift apart.
macro_rules! sprint_plan_request {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
    /// 1 to 80.
    #[schema(minimum = 1, maximum = 80)]
    #[serde(deserialize_with = "crate::dto::number::integer")]
    pub hours_per_week: i64,
    /// `YYYY-MM-DD`: the first day of week 1.
    #[schema(format = Date, pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub start: String,
    /// Slugs of certifications to prepare for.
    #[serde(default)]
    #[graphql(default)]
    #[schema(inline, value_type = Vec<super::SlugText>)]
    pub certifications: Vec<String>,
    #[serde(default)]
    #[graphql(default)]
    pub study_hours: Vec<StudyHours>,
        }
    };
}

sprint_plan_request! {
    /// A sprint plan to build from the learner's latest self-assessment and store.
    #[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
    #[serde(deny_unknown_fields)]
    pub struct SprintPlanInput {
        #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
        pub role: String,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Task {
    pub key: String,
    pub week: u32,
    pub kind: TaskKind,
    pub title: String,
    pub detail: String,
    pub skill: Option<String>,
    pub certification: Option<String>,
    pub hours: u32,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Week {
    pub number: u32,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: u32,
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Progress {
    pub tasks_done: u32,
    pub tasks_total: u32,
    pub hours_done: u32,
    pub hours_total: u32,
    /// Share of planned hours done, 0-100.
    pub percent: u8,
}

/// A sprint plan as built: what a stored plan holds besides its id and time,
/// and what the stateless computation answers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct PlanOutcome {
    pub role: String,
    pub hours_per_week: u32,
    pub starts_on: String,
    pub ends_on: String,
    pub weeks: Vec<Week>,
    pub progress: Progress,
}

impl PlanOutcome {
    pub fn new(role: String, plan: &SprintPlan, done: &std::collections::BTreeSet<String>) -> Self {
        let task = |t: &SprintTask| Task {
            key: t.key.clone(),
            week: t.week,
            kind: t.kind.into(),
            title: t.title.clone(),
            detail: t.detail.clone(),
            skill: t.skill.as_ref().map(|s| s.to_string()),
            certification: t.certification.as_ref().map(|s| s.to_string()),
            hours: t.hours,
            done: done.contains(&t.key),
        };
        let weeks: Vec<Week> = plan
            .weeks
            .iter()
            .map(|w| Week {
                number: w.number,
                starts_on: w.starts_on.to_string(),
                ends_on: w.ends_on.to_string(),
                hours: w.hours,
                tasks: w.tasks.iter().map(task).collect(),
            })
            .collect();
        let p = progress(plan, done);
        Self {
            role,
            hours_per_week: plan.hours_per_week,
            starts_on: plan.starts_on.to_string(),
            ends_on: plan.ends_on.to_string(),
            weeks,
            progress: Progress {
                tasks_done: p.tasks_done,
                tasks_total: p.tasks_total,
                hours_done: p.hours_done,
                hours_total: p.hours_total,
                percent: p.percent,
            },
        }
    }
}

/// A stored sprint plan: its id and time, the plan with its progress, and its calendar.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Plan {
    pub id: String,
    /// When it was made (RFC 3339, UTC).
    #[serde(deserialize_with = "crate::dto::timestamp::lenient")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[serde(flatten)]
    #[graphql(flatten)]
    pub outcome: PlanOutcome,
    /// Path of the iCalendar export.
    pub calendar_href: String,
}

impl Plan {
    pub fn new(
        id: String,
        role: String,
        created_at: i64,
        plan: &SprintPlan,
        done: &std::collections::BTreeSet<String>,
    ) -> Self {
        Self {
            calendar_href: format!("/api/v1/me/sprint-plans/{id}.ics"),
            id,
            created_at: crate::dto::timestamp::from_millis(created_at),
            outcome: PlanOutcome::new(role, plan, done),
        }
    }
}

sprint_plan_request! {
    /// The body of `POST /roles/{slug}/compute/sprint-plan`: a [`SprintPlanInput`]
    /// whose role is the path's, with the self-ratings whose gaps it plans for in
    /// place of a stored self-assessment.
    #[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
    #[graphql(name = "ComputeSprintPlanInput")]
    #[serde(deny_unknown_fields)]
    pub struct SprintPlanBody {
        /// Self-ratings 1-5 on the role's skills (as for a self-assessment); without them the plan
        /// covers the chosen certifications only.
        #[serde(default)]
        #[graphql(default)]
        pub ratings: Vec<super::SkillRating>,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskUpdate {
    pub done: bool,
}

// Secrets never reach logs: these types print without their tokens and passwords.
