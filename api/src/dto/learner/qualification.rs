//! The ten-card qualification checker.

use async_graphql::{InputObject, SimpleObject};
use roledex_domain::guidance::qualification::QualificationResult;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::ReadinessBand;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject, SimpleObject)]
#[graphql(input_name = "CardRatingInput")]
#[serde(deny_unknown_fields)]
pub struct CardRating {
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub card: String,
    /// 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    #[serde(deserialize_with = "crate::dto::number::integer")]
    pub rating: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[serde(deny_unknown_fields)]
pub struct QualificationInput {
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub role: String,
    /// Exactly the role's ten cards, each once.
    #[schema(min_items = 1)]
    pub ratings: Vec<CardRating>,
}

/// A qualification check's result: what a stored check holds besides its id
/// and time, and what the stateless computation answers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QualificationOutcome {
    pub role: String,
    /// 0-100.
    pub score: u8,
    pub band: ReadinessBand,
    pub explanation: String,
    pub ratings: Vec<CardRating>,
}

impl QualificationOutcome {
    pub fn new(role: String, result: &QualificationResult) -> Self {
        Self {
            role,
            score: result.score,
            band: result.band.into(),
            explanation: result.explanation.clone(),
            ratings: result
                .cards
                .iter()
                .map(|c| CardRating { card: c.card.to_string(), rating: i64::from(c.rating.get()) })
                .collect(),
        }
    }
}

/// A stored qualification check: its id and time, and the outcome.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct QualificationCheck {
    pub id: String,
    /// When it was made (RFC 3339, UTC).
    #[serde(deserialize_with = "crate::dto::timestamp::lenient")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[serde(flatten)]
    #[graphql(flatten)]
    pub outcome: QualificationOutcome,
}

/// The body of `POST /roles/{slug}/compute/qualification-check`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ComputeQualificationInput")]
#[serde(deny_unknown_fields)]
pub struct QualificationBody {
    /// Exactly the role's ten cards, each once.
    #[schema(min_items = 1)]
    pub ratings: Vec<CardRating>,
}

impl QualificationBody {
    pub fn for_role(self, role: String) -> QualificationInput {
        QualificationInput { role, ratings: self.ratings }
    }
}
