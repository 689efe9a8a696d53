//! The readiness report.

use async_graphql::SimpleObject;
use roledex_domain::guidance::readiness::Readiness;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
