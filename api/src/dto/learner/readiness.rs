//! The readiness report.

use async_graphql::SimpleObject;
use roledex_domain::guidance::readiness::Readiness;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::{ReadinessBand, ReadinessComponentKind};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ReadinessComponent {
    pub component: ReadinessComponentKind,
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
    pub band: ReadinessBand,
    pub explanation: String,
    pub components: Vec<ReadinessComponent>,
}

impl ReadinessReport {
    pub fn new(role: String, r: &Readiness) -> Self {
        Self {
            role,
            score: r.score,
            band: r.band.into(),
            explanation: r.explanation.clone(),
            components: r
                .components
                .iter()
                .map(|c| ReadinessComponent {
                    component: c.component.into(),
                    weight_percent: c.weight_percent,
                    score: c.score,
                    points: c.points,
                    explanation: c.explanation.clone(),
                })
                .collect(),
        }
    }
}

/// The body of `POST /roles/{slug}/compute/readiness`: the inputs of the three
/// components, each optional (one left out counts 0, as for a learner who has
/// not completed it).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, async_graphql::InputObject)]
#[graphql(name = "ComputeReadinessInput")]
#[serde(deny_unknown_fields)]
pub struct ReadinessBody {
    #[serde(default)]
    pub self_assessment: Option<super::SelfAssessmentBody>,
    #[serde(default)]
    pub qualification_check: Option<super::QualificationBody>,
    #[serde(default)]
    pub quiz_attempt: Option<super::QuizAttemptBody>,
}
