//! Personal guidance: the rules that turn a role profile and a learner's
//! input into gaps, scores and plans. Every function here is pure and
//! deterministic: the same inputs always give the same result.

pub mod assessment;
pub mod band;
pub mod calendar;
pub mod ical;
pub mod progress;
pub mod qualification;
pub mod quiz;
pub mod readiness;
pub mod record;
pub mod sprint;
pub mod study;
pub mod text;
pub mod timeline;

#[cfg(test)]
pub(crate) mod fixtures;

/// Rounds `numerator / denominator` half up; `denominator` must not be zero.
pub(crate) fn rounded_ratio(numerator: u64, denominator: u64) -> u64 {
    (numerator * 2 + denominator) / (denominator * 2)
}

/// One invalid item of a learner's submission: which item, and what to fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputProblem {
    /// The key the learner sent (skill slug, card key, question key, ...).
    pub item: String,
    pub message: String,
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`: {}", self.item, self.message)
    }
}

/// Every problem of a submission at once, so a client can fix them in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InvalidSubmission(pub Vec<InputProblem>);

impl InvalidSubmission {
    pub fn single(item: impl Into<String>, message: impl Into<String>) -> Self {
        Self(vec![InputProblem { item: item.into(), message: message.into() }])
    }
}
