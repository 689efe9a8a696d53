//! Overall readiness for a role: one 0-100 score from three components.
//!
//! ```text
//! readiness = 40% qualification checker + 40% skills score + 20% knowledge check
//! ```
//!
//! A component the learner has not completed counts 0 and says so; the
//! knowledge-check component uses the learner's best attempt. Every input is
//! a 0-100 score that never falls when a rating rises, and the weights are
//! fixed and positive, so raising any single rating never lowers readiness.

use serde::{Deserialize, Serialize};

use super::band::ReadinessBand;
use super::rounded_ratio;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    QualificationChecker,
    SkillsGap,
    KnowledgeCheck,
}

impl Component {
    /// Weight in percent; the three add up to 100.
    pub fn weight(self) -> u8 {
        match self {
            Self::QualificationChecker => 40,
            Self::SkillsGap => 40,
            Self::KnowledgeCheck => 20,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::QualificationChecker => "qualification_checker",
            Self::SkillsGap => "skills_gap",
            Self::KnowledgeCheck => "knowledge_check",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessInputs {
    /// Latest qualification-checker score.
    pub qualification: Option<u8>,
    /// Skills score of the latest self-assessment.
    pub skills: Option<u8>,
    /// Best knowledge-check score.
    pub knowledge: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentScore {
    pub component: Component,
    pub weight_percent: u8,
    /// `None` when the learner has not completed it yet (counted as 0).
    pub score: Option<u8>,
    /// Points this component adds to readiness (weight × score / 100).
    pub points: f64,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    pub score: u8,
    pub band: ReadinessBand,
    pub components: Vec<ComponentScore>,
    pub explanation: String,
}

/// The knowledge-check score that counts: the learner's latest attempt
/// (`scores` newest first). Each attempt asks its own drawn questions and an
/// attempt is graded once, so resubmitting cannot raise an old score, and
/// the best of many tries does not count either.
pub fn latest_attempt(scores_newest_first: &[u8]) -> Option<u8> {
    scores_newest_first.first().copied()
}

pub fn readiness(inputs: ReadinessInputs) -> Readiness {
    let parts = [
        (Component::QualificationChecker, inputs.qualification, "qualification checker (latest)"),
        (Component::SkillsGap, inputs.skills, "skills self-assessment (latest)"),
        (Component::KnowledgeCheck, inputs.knowledge, "knowledge check (latest attempt)"),
    ];
    let weighted: u64 = parts.iter().map(|(c, s, _)| u64::from(c.weight()) * u64::from(s.unwrap_or(0).min(100))).sum();
    let score = rounded_ratio(weighted, 100) as u8;
    let band = ReadinessBand::for_score(score);
    let components: Vec<ComponentScore> = parts
        .iter()
        .map(|(component, value, label)| {
            let value = value.map(|v| v.min(100));
            let points = f64::from(component.weight()) * f64::from(value.unwrap_or(0)) / 100.0;
            let explanation = match value {
                Some(v) => format!("{label}: {v}/100 × {}% = {points:.1} points", component.weight()),
                None => format!("{label}: not completed yet, counts 0 of its {}%", component.weight()),
            };
            ComponentScore {
                component: *component,
                weight_percent: component.weight(),
                score: value,
                points,
                explanation,
            }
        })
        .collect();
    let missing: Vec<&str> = parts.iter().filter(|(_, s, _)| s.is_none()).map(|(_, _, l)| *l).collect();
    let mut explanation = format!(
        "Readiness {score}/100 ({}): 40% qualification checker, 40% skills self-assessment, 20% knowledge check.",
        band.label()
    );
    if !missing.is_empty() {
        explanation.push_str(&format!(" Complete the {} to count them.", missing.join(" and ")));
    }
    Readiness { score, band, components, explanation }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::assessment::{SkillRatings, skills_score};
    use crate::guidance::fixtures::profile;
    use crate::guidance::qualification::check_qualification;
    use proptest::prelude::*;

    #[test]
    fn weights_add_up_and_the_example_holds() {
        let total: u32 = [Component::QualificationChecker, Component::SkillsGap, Component::KnowledgeCheck]
            .iter()
            .map(|c| u32::from(c.weight()))
            .sum();
        assert_eq!(total, 100);
        let r = readiness(ReadinessInputs { qualification: Some(55), skills: Some(58), knowledge: Some(67) });
        // 0.4×55 + 0.4×58 + 0.2×67 = 22 + 23.2 + 13.4 = 58.6 → 59
        assert_eq!((r.score, r.band), (59, ReadinessBand::Developing));
        assert_eq!(r.components.len(), 3);
        assert_eq!(r.components[1].points, 23.2);
    }

    #[test]
    fn missing_components_count_zero_and_say_so() {
        let r = readiness(ReadinessInputs { qualification: Some(100), skills: None, knowledge: None });
        assert_eq!((r.score, r.band), (40, ReadinessBand::NotYet));
        assert!(r.components[2].explanation.contains("not completed"));
        assert!(r.explanation.contains("Complete the"));
        assert_eq!(readiness(ReadinessInputs::default()).score, 0);
        let full = readiness(ReadinessInputs { qualification: Some(100), skills: Some(100), knowledge: Some(100) });
        assert_eq!((full.score, full.band), (100, ReadinessBand::Ready));
    }

    proptest! {
        /// End to end through the rules: raise any one skill rating or card
        /// rating and readiness never goes down.
        #[test]
        fn raising_any_single_rating_never_lowers_readiness(
            skills in proptest::collection::vec(1i64..=5, 4),
            cards in proptest::collection::vec(1i64..=5, 10),
            knowledge in proptest::option::of(0u8..=100),
            raise_skill in proptest::option::of(0usize..4),
            raise_card in 0usize..10,
        ) {
            let role = profile();
            let names = ["evals", "red-teaming", "incident-response", "governance"];
            let skill_pairs: Vec<(String, i64)> = names.iter().zip(&skills).map(|(n, l)| (n.to_string(), *l)).collect();
            let card_pairs: Vec<(String, i64)> = cards.iter().enumerate().map(|(i, l)| (format!("card-{i}"), *l)).collect();
            let score = |skill_pairs: &[(String, i64)], card_pairs: &[(String, i64)]| {
                let ratings = SkillRatings::new(&role, skill_pairs).unwrap_or_else(|e| panic!("{e}"));
                let cards = check_qualification(&role.document.qualification_cards, card_pairs).unwrap_or_else(|e| panic!("{e}"));
                readiness(ReadinessInputs { qualification: Some(cards.score), skills: Some(skills_score(&role, &ratings)), knowledge }).score
            };
            let before = score(&skill_pairs, &card_pairs);
            let (mut raised_skills, mut raised_cards) = (skill_pairs.clone(), card_pairs.clone());
            match raise_skill {
                Some(i) => raised_skills[i].1 = (raised_skills[i].1 + 1).min(5),
                None => raised_cards[raise_card].1 = (raised_cards[raise_card].1 + 1).min(5),
            }
            prop_assert!(score(&raised_skills, &raised_cards) >= before);
        }

        #[test]
        fn the_score_is_the_weighted_sum_of_its_components(q in 0u8..=100, s in 0u8..=100, k in 0u8..=100) {
            let inputs = ReadinessInputs { qualification: Some(q), skills: Some(s), knowledge: Some(k) };
            let result = readiness(inputs);
            // 40% + 40% + 20%, rounded half up.
            let weighted = 40 * u32::from(q) + 40 * u32::from(s) + 20 * u32::from(k);
            prop_assert_eq!(u32::from(result.score), (weighted + 50) / 100);
            let points: f64 = result.components.iter().map(|c| c.points).sum();
            prop_assert!((points - f64::from(result.score)).abs() <= 0.5 + 1e-9, "{} vs {}", points, result.score);
        }
    }

    #[test]
    fn the_latest_attempt_counts_and_no_attempt_is_none() {
        assert_eq!(latest_attempt(&[]), None);
        assert_eq!(latest_attempt(&[40, 90, 70]), Some(40));
        assert_eq!(latest_attempt(&[0]), Some(0));
    }
}
