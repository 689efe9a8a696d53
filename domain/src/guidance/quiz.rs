//! The knowledge check, graded on the server. Each attempt draws its own
//! questions from the role's bank, deterministically from the attempt's id,
//! so the same attempt always shows the same questions and a retry shows
//! others. Grading reveals the correct option and explanation only for the
//! questions the learner answered: one answer never buys the whole key.
//! Questions of the attempt left unanswered count as wrong.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{InputProblem, InvalidSubmission, rounded_ratio};
use crate::profile::QuizQuestion;
use crate::values::Slug;

/// How many questions one attempt asks (fewer only when the bank is smaller).
pub const QUESTIONS_PER_ATTEMPT: usize = 12;

/// Longest attempt id accepted; ids are chosen by clients (a UUID fits).
pub const MAX_ATTEMPT_ID_LEN: usize = 64;

/// An attempt id: 1 to 64 letters, digits, `-` or `_`.
pub fn check_attempt_id(raw: &str) -> Result<(), String> {
    let ok = !raw.is_empty()
        && raw.len() <= MAX_ATTEMPT_ID_LEN
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!("an attempt id is 1 to {MAX_ATTEMPT_ID_LEN} letters, digits, `-` or `_` (a UUID fits)"))
    }
}

/// FNV-1a: a fixed, portable hash, so a draw never changes between builds.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// SplitMix64: a small, well-mixed sequence from one seed.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The questions of one attempt, in the order they are asked: a seeded
/// shuffle of the bank, cut to [`QUESTIONS_PER_ATTEMPT`].
pub fn draw<'a>(bank: &'a [QuizQuestion], attempt: &str) -> Vec<&'a QuizQuestion> {
    let mut order: Vec<usize> = (0..bank.len()).collect();
    let mut state = fnv1a(attempt);
    for i in (1..order.len()).rev() {
        let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order.into_iter().take(QUESTIONS_PER_ATTEMPT).map(|i| &bank[i]).collect()
}

/// A question of the attempt as graded. The key and explanation are present
/// only when the learner answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradedQuestion {
    pub key: Slug,
    pub prompt: String,
    pub chosen_option: Option<u32>,
    /// Revealed only for an answered question.
    #[serde(default)]
    pub correct_option: Option<u32>,
    pub correct: bool,
    /// Revealed only for an answered question.
    #[serde(default)]
    pub explanation: Option<String>,
    pub source: String,
}

/// Where a knowledge-check score places the learner, with what to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuizBand {
    /// 0-49.
    Starting,
    /// 50-79.
    Developing,
    /// 80-100.
    Strong,
}

impl QuizBand {
    pub fn for_score(score: u8) -> Self {
        match score {
            0..=49 => Self::Starting,
            50..=79 => Self::Developing,
            _ => Self::Strong,
        }
    }

    /// The message shown when an attempt is complete.
    pub fn message(self) -> &'static str {
        match self {
            Self::Starting => {
                "A starting point. Read the explanations for the questions you missed, work through the learning resources for those skills, then try a new attempt."
            }
            Self::Developing => {
                "Good progress. The explanations show where the gaps are; close them with the matching learning resources and try a new attempt."
            }
            Self::Strong => {
                "Strong result. You know the ground this role is built on; keep it fresh as the frameworks and releases change."
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizResult {
    /// The attempt's id (its questions are drawn from it). Records stored
    /// before attempts had ids read as `None`.
    #[serde(default)]
    pub attempt: Option<String>,
    /// 0-100: correct answers as a share of the attempt's questions.
    pub score: u8,
    pub correct: u32,
    pub total: u32,
    #[serde(default = "QuizResult::legacy_band")]
    pub band: QuizBand,
    pub questions: Vec<GradedQuestion>,
}

impl QuizResult {
    fn legacy_band() -> QuizBand {
        QuizBand::Starting
    }
}

/// Grades `answers` (question key, option index) for attempt `attempt`:
/// only the attempt's drawn questions may be answered, each once.
pub fn grade(bank: &[QuizQuestion], attempt: &str, answers: &[(String, i64)]) -> Result<QuizResult, InvalidSubmission> {
    let mut problems = Vec::new();
    if let Err(message) = check_attempt_id(attempt) {
        return Err(InvalidSubmission(vec![InputProblem { item: "attempt".into(), message }]));
    }
    let asked = draw(bank, attempt);
    let mut chosen: BTreeMap<&Slug, u32> = BTreeMap::new();
    if answers.is_empty() {
        problems.push(InputProblem { item: "answers".into(), message: "answer at least one question".into() });
    }
    for (key, option) in answers {
        let Some(question) = asked.iter().find(|q| q.key.as_str() == key) else {
            let message = if bank.iter().any(|q| q.key.as_str() == key) {
                "not one of this attempt's questions: answer the questions the knowledge check gave for this attempt id"
            } else {
                "not a question of this role's knowledge check"
            };
            problems.push(InputProblem { item: key.clone(), message: message.into() });
            continue;
        };
        let valid = u32::try_from(*option).ok().filter(|o| (*o as usize) < question.options.len());
        let Some(option) = valid else {
            problems.push(InputProblem {
                item: key.clone(),
                message: format!(
                    "option {option} does not exist: use 0 to {}",
                    question.options.len().saturating_sub(1)
                ),
            });
            continue;
        };
        if chosen.insert(&question.key, option).is_some() {
            problems.push(InputProblem { item: key.clone(), message: "answered more than once".into() });
        }
    }
    if !problems.is_empty() {
        return Err(InvalidSubmission(problems));
    }
    let graded: Vec<GradedQuestion> = asked
        .iter()
        .map(|q| {
            let chosen_option = chosen.get(&q.key).copied();
            let answered = chosen_option.is_some();
            GradedQuestion {
                key: q.key.clone(),
                prompt: q.prompt.clone(),
                chosen_option,
                correct_option: answered.then_some(q.correct_option),
                correct: chosen_option == Some(q.correct_option),
                explanation: answered.then(|| q.explanation.clone()),
                source: q.source.clone(),
            }
        })
        .collect();
    let correct = graded.iter().filter(|q| q.correct).count() as u32;
    let total = graded.len() as u32;
    let score = if total == 0 { 0 } else { rounded_ratio(u64::from(correct) * 100, u64::from(total)) as u8 };
    Ok(QuizResult {
        attempt: Some(attempt.to_owned()),
        score,
        correct,
        total,
        band: QuizBand::for_score(score),
        questions: graded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::fixtures::profile;
    use proptest::prelude::*;

    fn answers(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
        pairs.iter().map(|(k, o)| (k.to_string(), *o)).collect()
    }

    fn bank(size: usize) -> Vec<QuizQuestion> {
        let template = profile().document.knowledge_check[0].clone();
        (0..size)
            .map(|i| QuizQuestion {
                key: Slug::parse(&format!("q-{i}")).unwrap_or_else(|e| panic!("{e}")),
                correct_option: (i % 3) as u32,
                explanation: format!("Because {i}."),
                ..template.clone()
            })
            .collect()
    }

    #[test]
    fn grades_the_attempts_questions_against_the_key() {
        let quiz = profile().document.knowledge_check;
        // A bank of 3 is asked whole; correct options are 0, 1, 2.
        let result = grade(&quiz, "a1", &answers(&[("q-0", 0), ("q-1", 2), ("q-2", 2)]));
        assert_eq!(result.as_ref().map(|r| (r.correct, r.total, r.score)), Ok((2, 3, 67)));
        let result = result.unwrap_or_else(|e| panic!("{e:?}"));
        let q1 = result.questions.iter().find(|q| q.key.as_str() == "q-1").unwrap_or_else(|| panic!("q-1"));
        assert!(!q1.correct && q1.explanation.as_deref() == Some("Because 1."));
        assert_eq!(result.band, QuizBand::Developing);
    }

    #[test]
    fn one_answer_reveals_one_key_and_skipped_questions_count_as_wrong() {
        let quiz = profile().document.knowledge_check;
        let result = grade(&quiz, "a1", &answers(&[("q-0", 0)])).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(result.score, 33);
        for q in &result.questions {
            let answered = q.key.as_str() == "q-0";
            assert_eq!(q.chosen_option.is_some(), answered);
            assert_eq!(q.correct_option.is_some(), answered, "the key of {} leaked", q.key);
            assert_eq!(q.explanation.is_some(), answered, "the explanation of {} leaked", q.key);
        }
    }

    #[test]
    fn an_attempt_asks_twelve_questions_drawn_from_its_id() {
        let bank = bank(30);
        let first = draw(&bank, "attempt-1");
        assert_eq!(first.len(), QUESTIONS_PER_ATTEMPT);
        assert_eq!(first, draw(&bank, "attempt-1"), "the same id draws the same questions");
        assert_ne!(first, draw(&bank, "attempt-2"), "another id draws others");
        let keys: std::collections::BTreeSet<&Slug> = first.iter().map(|q| &q.key).collect();
        assert_eq!(keys.len(), QUESTIONS_PER_ATTEMPT, "no question twice");
        // Pinned: a draw must not change between builds (stored attempts are re-read).
        let pinned: Vec<&str> = draw(&bank, "pinned").iter().map(|q| q.key.as_str()).take(3).collect();
        assert_eq!(pinned, PINNED_DRAW);
    }

    const PINNED_DRAW: [&str; 3] = ["q-23", "q-27", "q-1"];

    #[test]
    fn only_the_attempts_questions_may_be_answered() {
        let bank = bank(30);
        let asked = draw(&bank, "x");
        let other = bank.iter().find(|q| !asked.contains(q)).unwrap_or_else(|| panic!("a question not asked"));
        let err = grade(&bank, "x", &[(other.key.to_string(), 0)]).err().map(|e| e.0).unwrap_or_default();
        assert!(err[0].message.contains("not one of this attempt's questions"), "{err:?}");
        let err = grade(&bank, "bad id!", &[(other.key.to_string(), 0)]).err().map(|e| e.0).unwrap_or_default();
        assert_eq!(err[0].item, "attempt");
    }

    #[test]
    fn bad_answers_are_named() {
        let quiz = profile().document.knowledge_check;
        let err = grade(&quiz, "a", &answers(&[("q-0", 3), ("q-9", 0), ("q-1", -1), ("q-2", 1), ("q-2", 1)]))
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        let items: Vec<&str> = err.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["q-0", "q-9", "q-1", "q-2"]);
        assert!(err[0].message.contains("0 to 2"));
        assert!(grade(&quiz, "a", &[]).is_err());
    }

    #[test]
    fn bands_follow_the_score() {
        assert_eq!(QuizBand::for_score(49), QuizBand::Starting);
        assert_eq!(QuizBand::for_score(50), QuizBand::Developing);
        assert_eq!(QuizBand::for_score(80), QuizBand::Strong);
    }

    #[test]
    fn a_record_stored_before_attempt_ids_still_reads() {
        let old = r#"{"score":33,"correct":1,"total":3,"questions":[{"key":"q-0","prompt":"?","chosen_option":0,
            "correct_option":0,"correct":true,"explanation":"Because 0.","source":"facts"}]}"#;
        let read: QuizResult = serde_json::from_str(old).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((read.attempt, read.questions[0].correct_option), (None, Some(0)));
    }

    proptest! {
        #[test]
        fn every_draw_is_a_subset_of_the_bank_without_repeats(size in 0usize..40, id in "[a-z0-9-]{1,20}") {
            let bank = bank(size);
            let asked = draw(&bank, &id);
            prop_assert_eq!(asked.len(), size.min(QUESTIONS_PER_ATTEMPT));
            let keys: std::collections::BTreeSet<&Slug> = asked.iter().map(|q| &q.key).collect();
            prop_assert_eq!(keys.len(), asked.len());
        }
    }
}
