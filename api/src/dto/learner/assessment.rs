//! Self-assessment: ratings in, radar, gaps and skills score out.

use async_graphql::{InputObject, SimpleObject};
use roledex_domain::guidance::assessment::{AssessmentResult, RadarPoint, SkillGap};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::{Importance, LearningResource, SkillCategory};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "SkillRatingInput")]
#[serde(deny_unknown_fields)]
pub struct SkillRating {
    /// A skill slug of the role.
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub skill: String,
    /// 1 (aware) to 5 (expert).
    #[schema(minimum = 1, maximum = 5)]
    #[serde(deserialize_with = "crate::dto::number::integer")]
    pub level: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessmentInput {
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub role: String,
    /// At least one of the role's skills, each once.
    #[schema(min_items = 1)]
    pub ratings: Vec<SkillRating>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct RadarAxisScore {
    pub dimension: SkillCategory,
    pub target_level: f64,
    pub self_level: f64,
}

impl From<&RadarPoint> for RadarAxisScore {
    fn from(p: &RadarPoint) -> Self {
        Self { dimension: p.dimension.into(), target_level: p.target_level, self_level: p.self_level }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Gap {
    pub skill: String,
    pub name: String,
    pub importance: Importance,
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
            importance: g.importance.into(),
            target_level: g.target_level.get(),
            rating: g.rating.map(|r| r.get()),
            gap: g.gap,
            weighted_gap: g.weighted_gap,
            resources: g.resources.iter().map(crate::dto::profile::learning_resource).collect(),
            certifications: g.certifications.iter().map(|c| c.to_string()).collect(),
        }
    }
}

/// A self-assessment's result: what a stored assessment holds besides its id
/// and time, and what the stateless computation answers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct AssessmentOutcome {
    pub role: String,
    pub ratings: Vec<SkillRating>,
    /// 0-100: the share of the role's weighted skill target reached.
    pub skills_score: u8,
    pub radar: Vec<RadarAxisScore>,
    /// Skills below target, largest importance-weighted gap first.
    pub gaps: Vec<Gap>,
    pub unrated: Vec<String>,
}

impl AssessmentOutcome {
    pub fn new(role: String, ratings: Vec<SkillRating>, result: &AssessmentResult) -> Self {
        Self {
            role,
            ratings,
            skills_score: result.skills_score,
            radar: result.radar.iter().map(RadarAxisScore::from).collect(),
            gaps: result.gaps.iter().map(Gap::from).collect(),
            unrated: result.unrated.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// A stored self-assessment: its id and time, and the outcome.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct Assessment {
    pub id: String,
    /// When it was submitted (RFC 3339, UTC).
    #[serde(deserialize_with = "crate::dto::timestamp::lenient")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[serde(flatten)]
    #[graphql(flatten)]
    pub outcome: AssessmentOutcome,
}

/// The body of `POST /roles/{slug}/compute/self-assessment`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ComputeSelfAssessmentInput")]
#[serde(deny_unknown_fields)]
pub struct SelfAssessmentBody {
    #[schema(min_items = 1)]
    pub ratings: Vec<SkillRating>,
}

impl SelfAssessmentBody {
    pub fn for_role(self, role: String) -> SelfAssessmentInput {
        SelfAssessmentInput { role, ratings: self.ratings }
    }
}
