//! The qualification checker: the learner rates themself 1-5 on each of the
//! role's ten cards. All ten, and only those, must be rated: a partial set is
//! an error, never a partial score.
//!
//! ```text
//! score = 100 × Σ (rating − 1) / (4 × number of cards)     (all 1s = 0, all 5s = 100)
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::band::ReadinessBand;
use super::{InputProblem, InvalidSubmission, rounded_ratio};
use crate::profile::QualificationCard;
use crate::values::{SkillLevel, Slug};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRating {
    pub card: Slug,
    pub title: String,
    pub rating: SkillLevel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationResult {
    pub score: u8,
    pub band: ReadinessBand,
    pub explanation: String,
    /// Every card with its rating, in the role's order.
    pub cards: Vec<CardRating>,
}

pub fn check_qualification(
    cards: &[QualificationCard],
    raw: &[(String, i64)],
) -> Result<QualificationResult, InvalidSubmission> {
    let mut problems = Vec::new();
    let mut ratings: BTreeMap<&Slug, SkillLevel> = BTreeMap::new();
    for (key, level) in raw {
        let Some(card) = cards.iter().find(|c| c.key.as_str() == key) else {
            problems.push(InputProblem {
                item: key.clone(),
                message: "not a card of this role's qualification checker".into(),
            });
            continue;
        };
        match SkillLevel::new(*level) {
            Ok(level) => {
                if ratings.insert(&card.key, level).is_some() {
                    problems.push(InputProblem {
                        item: key.clone(),
                        message: "rated more than once: rate each card once".into(),
                    });
                }
            }
            Err(e) => problems.push(InputProblem { item: key.clone(), message: e.0 }),
        }
    }
    let missing: Vec<&str> =
        cards.iter().filter(|c| !raw.iter().any(|(k, _)| k == c.key.as_str())).map(|c| c.key.as_str()).collect();
    if !missing.is_empty() {
        problems.push(InputProblem {
            item: "cards".into(),
            message: format!("all {} cards must be rated; missing: {}", cards.len(), missing.join(", ")),
        });
    }
    if !problems.is_empty() {
        return Err(InvalidSubmission(problems));
    }
    let rated: Vec<CardRating> = cards
        .iter()
        .filter_map(|c| {
            ratings.get(&c.key).map(|r| CardRating { card: c.key.clone(), title: c.title.clone(), rating: *r })
        })
        .collect();
    let points: u64 = rated.iter().map(|c| u64::from(c.rating.get() - 1)).sum();
    let score = if rated.is_empty() { 0 } else { rounded_ratio(points * 100, 4 * rated.len() as u64) as u8 };
    let band = ReadinessBand::for_score(score);
    Ok(QualificationResult { score, band, explanation: explain(score, band, &rated), cards: rated })
}

fn explain(score: u8, band: ReadinessBand, cards: &[CardRating]) -> String {
    let total: u64 = cards.iter().map(|c| u64::from(c.rating.get())).sum();
    let average = if cards.is_empty() { 0.0 } else { rounded_ratio(total * 10, cards.len() as u64) as f64 / 10.0 };
    let lowest = cards.iter().map(|c| c.rating).min();
    let weakest: Vec<&str> = cards.iter().filter(|c| Some(c.rating) == lowest).map(|c| c.title.as_str()).collect();
    let mut text = format!(
        "{score}/100 ({}): an average self-rating of {average:.1} of 5 across {} cards, where 1 counts 0 and 5 counts 100.",
        band.label(),
        cards.len()
    );
    if lowest.is_some_and(|l| l < SkillLevel::MAX) {
        text.push_str(&format!(" Lowest rated, so the first to work on: {}.", weakest.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::fixtures::profile;

    fn all(level: i64) -> Vec<(String, i64)> {
        (0..10).map(|i| (format!("card-{i}"), level)).collect()
    }

    #[test]
    fn scores_span_zero_to_hundred() {
        let cards = profile().document.qualification_cards;
        assert_eq!(check_qualification(&cards, &all(1)).map(|r| r.score), Ok(0));
        assert_eq!(check_qualification(&cards, &all(5)).map(|r| r.score), Ok(100));
        let mut mixed = all(3);
        mixed[0].1 = 5;
        // (9 × 2 + 4) / 40 = 55
        let result = check_qualification(&cards, &mixed);
        assert_eq!(result.as_ref().map(|r| (r.score, r.band)), Ok((55, ReadinessBand::Developing)));
        assert!(result.is_ok_and(|r| r.explanation.contains("Card 1") && !r.explanation.contains("Card 0,")));
    }

    #[test]
    fn a_partial_or_unknown_set_is_an_error_naming_the_cards() {
        let cards = profile().document.qualification_cards;
        let mut partial = all(3);
        partial.truncate(8);
        let err = check_qualification(&cards, &partial).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("missing: card-8, card-9"), "{err}");
        let mut unknown = all(3);
        unknown.push(("card-x".into(), 2));
        unknown.push(("card-0".into(), 2));
        unknown[1].1 = 0;
        let err = check_qualification(&cards, &unknown).err().map(|e| e.0).unwrap_or_default();
        let items: Vec<&str> = err.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["card-1", "card-x", "card-0"]);
    }

    #[test]
    fn raising_any_card_never_lowers_the_score() {
        let cards = profile().document.qualification_cards;
        for card in 0..10 {
            for level in 1..5 {
                let mut before = all(3);
                before[card].1 = level;
                let mut after = before.clone();
                after[card].1 = level + 1;
                let (b, a) = (check_qualification(&cards, &before), check_qualification(&cards, &after));
                assert!(a.map(|r| r.score).ok() >= b.map(|r| r.score).ok());
            }
        }
    }
}
