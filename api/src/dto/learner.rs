//! Public types of the learner features (REST and GraphQL alike).

use async_graphql::{InputObject, SimpleObject};
use roledex_domain::guidance::assessment::{AssessmentResult, RadarPoint, SkillGap};
use roledex_domain::guidance::qualification::QualificationResult;
use roledex_domain::guidance::quiz::QuizResult;
use roledex_domain::guidance::readiness::Readiness;
use roledex_domain::guidance::sprint::{SprintPlan, SprintTask, TaskKind};
use roledex_domain::guidance::study::{StudyEstimate, StudyHoursBasis};
use roledex_domain::guidance::timeline::{CertificationTimeline, SkipReason};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::LearningResource;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct User {
    pub id: String,
    pub email: Option<String>,
    /// `learner` or `admin`.
    pub role: String,
}

/// OAuth 2.0 token response (RFC 6749 §5.1).
#[derive(Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
    /// Single use: each refresh returns a new one; presenting a used one revokes the session.
    pub refresh_token: String,
}

#[derive(Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "CredentialsInput")]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "RefreshInput")]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "SkillRatingInput")]
#[serde(deny_unknown_fields)]
pub struct SkillRating {
    /// A skill slug of the role.
    pub skill: String,
    /// 1 (aware) to 5 (expert).
    pub level: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessmentInput {
    pub role: String,
    pub ratings: Vec<SkillRating>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RadarAxisScore {
    pub dimension: String,
    pub target_level: f64,
    pub self_level: f64,
}

impl From<&RadarPoint> for RadarAxisScore {
    fn from(p: &RadarPoint) -> Self {
        Self { dimension: p.dimension.as_str().into(), target_level: p.target_level, self_level: p.self_level }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Gap {
    pub skill: String,
    pub name: String,
    pub importance: String,
    pub target_level: u8,
    /// `null` when the learner did not rate the skill (counted as 0).
    pub rating: Option<u8>,
    pub gap: u8,
    /// Importance weight × gap; the list is ordered by it, largest first.
    pub weighted_gap: u32,
    pub resources: Vec<LearningResource>,
    /// Slugs of the role's certifications that build this skill.
    pub certifications: Vec<String>,
}

impl From<&SkillGap> for Gap {
    fn from(g: &SkillGap) -> Self {
        Self {
            skill: g.skill.to_string(),
            name: g.name.clone(),
            importance: g.importance.as_str().into(),
            target_level: g.target_level.get(),
            rating: g.rating.map(|r| r.get()),
            gap: g.gap,
            weighted_gap: g.weighted_gap,
            resources: g.resources.iter().map(super::profile::learning_resource).collect(),
            certifications: g.certifications.iter().map(|c| c.to_string()).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Assessment {
    pub id: String,
    pub role: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    pub ratings: Vec<SkillRating>,
    /// 0-100: the share of the role's weighted skill target reached.
    pub skills_score: u8,
    pub radar: Vec<RadarAxisScore>,
    /// Skills below target, largest importance-weighted gap first.
    pub gaps: Vec<Gap>,
    pub unrated: Vec<String>,
}

impl Assessment {
    pub fn new(
        id: String,
        role: String,
        created_at: i64,
        ratings: Vec<SkillRating>,
        result: &AssessmentResult,
    ) -> Self {
        Self {
            id,
            role,
            created_at,
            ratings,
            skills_score: result.skills_score,
            radar: result.radar.iter().map(RadarAxisScore::from).collect(),
            gaps: result.gaps.iter().map(Gap::from).collect(),
            unrated: result.unrated.iter().map(|s| s.to_string()).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "CardRatingInput")]
#[serde(deny_unknown_fields)]
pub struct CardRating {
    pub card: String,
    /// 1 to 5.
    pub rating: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct QualificationInput {
    pub role: String,
    /// Exactly the role's ten cards, each once.
    pub ratings: Vec<CardRating>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QualificationCheck {
    pub id: String,
    pub role: String,
    pub created_at: i64,
    /// 0-100.
    pub score: u8,
    /// `not_yet` (0-49), `developing` (50-79) or `ready` (80-100).
    pub band: String,
    pub explanation: String,
    pub ratings: Vec<CardRating>,
}

impl QualificationCheck {
    pub fn new(id: String, role: String, created_at: i64, result: &QualificationResult) -> Self {
        Self {
            id,
            role,
            created_at,
            score: result.score,
            band: result.band.as_str().into(),
            explanation: result.explanation.clone(),
            ratings: result
                .cards
                .iter()
                .map(|c| CardRating { card: c.card.to_string(), rating: i64::from(c.rating.get()) })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "QuizAnswerInput")]
#[serde(deny_unknown_fields)]
pub struct QuizAnswer {
    pub question: String,
    /// Zero-based index of the chosen option.
    pub option: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct QuizAttemptInput {
    pub role: String,
    pub answers: Vec<QuizAnswer>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct GradedQuestion {
    pub key: String,
    pub prompt: String,
    pub chosen_option: Option<u32>,
    pub correct_option: u32,
    pub correct: bool,
    pub explanation: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QuizAttempt {
    pub id: String,
    pub role: String,
    pub created_at: i64,
    /// 0-100: correct answers over all questions (skipped ones count as wrong).
    pub score: u8,
    pub correct: u32,
    pub total: u32,
    pub questions: Vec<GradedQuestion>,
}

impl QuizAttempt {
    pub fn new(id: String, role: String, created_at: i64, result: &QuizResult) -> Self {
        Self {
            id,
            role,
            created_at,
            score: result.score,
            correct: result.correct,
            total: result.total,
            questions: result
                .questions
                .iter()
                .map(|q| GradedQuestion {
                    key: q.key.to_string(),
                    prompt: q.prompt.clone(),
                    chosen_option: q.chosen_option,
                    correct_option: q.correct_option,
                    correct: q.correct,
                    explanation: q.explanation.clone(),
                    source: q.source.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ReadinessComponent {
    /// `qualification_checker`, `skills_gap` or `knowledge_check`.
    pub component: String,
    pub weight_percent: u8,
    /// `null` when not completed yet (counts 0).
    pub score: Option<u8>,
    pub points: f64,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ReadinessReport {
    pub role: String,
    pub score: u8,
    pub band: String,
    pub explanation: String,
    pub components: Vec<ReadinessComponent>,
}

impl ReadinessReport {
    pub fn new(role: String, r: &Readiness) -> Self {
        Self {
            role,
            score: r.score,
            band: r.band.as_str().into(),
            explanation: r.explanation.clone(),
            components: r
                .components
                .iter()
                .map(|c| ReadinessComponent {
                    component: c.component.as_str().into(),
                    weight_percent: c.weight_percent,
                    score: c.score,
                    points: c.points,
                    explanation: c.explanation.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "StudyHoursInput")]
#[serde(deny_unknown_fields)]
pub struct StudyHours {
    pub certification: String,
    pub hours: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct TimelineInput {
    pub role: String,
    pub budget_usd: i64,
    pub hours_per_week: i64,
    /// `YYYY-MM-DD`.
    pub start: String,
    #[serde(default)]
    #[graphql(default)]
    pub held: Vec<String>,
    /// Your own preparation estimates; otherwise course length or a 40-hour planning default.
    #[serde(default)]
    #[graphql(default)]
    pub study_hours: Vec<StudyHours>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct StudyPlanHours {
    pub hours: u32,
    /// `learner`, `course_length` (days × 8 h) or `planning_default` (no source states a figure).
    pub basis: String,
}

impl From<&StudyEstimate> for StudyPlanHours {
    fn from(e: &StudyEstimate) -> Self {
        let basis = match e.basis {
            StudyHoursBasis::Learner => "learner",
            StudyHoursBasis::CourseLength => "course_length",
            StudyHoursBasis::PlanningDefault => "planning_default",
        };
        Self { hours: e.hours, basis: basis.into() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct PlannedCertification {
    pub certification: String,
    pub name: String,
    pub provider: String,
    pub roi: Option<f64>,
    pub budgeted_cost_usd: u64,
    pub study: StudyPlanHours,
    pub weeks: u32,
    pub starts_on: String,
    pub ready_by: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct SkippedCertification {
    pub certification: String,
    pub name: String,
    /// `already_held`, `over_budget` or `cost_not_in_usd`.
    pub reason: String,
    pub cost_usd: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Timeline {
    pub role: String,
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
                    roi: p.roi.map(|r| r.points()),
                    budgeted_cost_usd: p.budgeted_cost_usd,
                    study: StudyPlanHours::from(&p.study),
                    weeks: p.weeks,
                    starts_on: p.starts_on.to_string(),
                    ready_by: p.ready_by.to_string(),
                })
                .collect(),
            skipped: t
                .skipped
                .iter()
                .map(|s| {
                    let (reason, cost_usd) = match &s.reason {
                        SkipReason::AlreadyHeld => ("already_held", None),
                        SkipReason::OverBudget { cost_usd, .. } => ("over_budget", Some(*cost_usd)),
                        SkipReason::CostNotInUsd => ("cost_not_in_usd", None),
                    };
                    SkippedCertification {
                        certification: s.certification.to_string(),
                        name: s.name.clone(),
                        reason: reason.into(),
                        cost_usd,
                    }
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct SprintPlanInput {
    pub role: String,
    pub hours_per_week: i64,
    /// `YYYY-MM-DD`: the first day of week 1.
    pub start: String,
    #[serde(default)]
    #[graphql(default)]
    pub certifications: Vec<String>,
    #[serde(default)]
    #[graphql(default)]
    pub study_hours: Vec<StudyHours>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Task {
    pub key: String,
    pub week: u32,
    /// `skill_gap` or `certification`.
    pub kind: String,
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

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Plan {
    pub id: String,
    pub role: String,
    pub created_at: i64,
    pub hours_per_week: u32,
    pub starts_on: String,
    pub ends_on: String,
    pub weeks: Vec<Week>,
    pub progress: Progress,
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
        let task = |t: &SprintTask| Task {
            key: t.key.clone(),
            week: t.week,
            kind: match t.kind {
                TaskKind::SkillGap => "skill_gap".into(),
                TaskKind::Certification => "certification".into(),
            },
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
        let all: Vec<&Task> = weeks.iter().flat_map(|w| w.tasks.iter()).collect();
        let hours_total: u32 = all.iter().map(|t| t.hours).sum();
        let hours_done: u32 = all.iter().filter(|t| t.done).map(|t| t.hours).sum();
        let progress = Progress {
            tasks_done: all.iter().filter(|t| t.done).count() as u32,
            tasks_total: all.len() as u32,
            hours_done,
            hours_total,
            percent: if hours_total == 0 {
                0
            } else {
                ((u64::from(hours_done) * 100 + u64::from(hours_total) / 2) / u64::from(hours_total)) as u8
            },
        };
        Self {
            calendar_href: format!("/api/v1/me/sprint-plans/{id}.ics"),
            id,
            role,
            created_at,
            hours_per_week: plan.hours_per_week,
            starts_on: plan.starts_on.to_string(),
            ends_on: plan.ends_on.to_string(),
            weeks,
            progress,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskUpdate {
    pub done: bool,
}

// Secrets never reach logs: these types print without their tokens and passwords.
impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("email", &self.email).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for RefreshRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshRequest").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_not_in_debug_output() {
        let tokens = TokenResponse {
            access_token: "secret-access".into(),
            token_type: "Bearer".into(),
            expires_in: 1,
            refresh_token: "secret-refresh".into(),
        };
        let credentials = Credentials { email: "a@b.co".into(), password: "secret-password".into() };
        let refresh = RefreshRequest { refresh_token: "secret-refresh".into() };
        let shown = format!("{tokens:?} {credentials:?} {refresh:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
