//! The knowledge check, graded on the server. Questions a learner skips
//! count as wrong; the score is the share of all questions answered correctly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{InputProblem, InvalidSubmission, rounded_ratio};
use crate::profile::QuizQuestion;
use crate::values::Slug;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradedQuestion {
    pub key: Slug,
    pub prompt: String,
    pub chosen_option: Option<u32>,
    pub correct_option: u32,
    pub correct: bool,
    pub explanation: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizResult {
    /// 0-100: correct answers as a share of all questions.
    pub score: u8,
    pub correct: u32,
    pub total: u32,
    pub questions: Vec<GradedQuestion>,
}

pub fn grade(questions: &[QuizQuestion], answers: &[(String, i64)]) -> Result<QuizResult, InvalidSubmission> {
    let mut problems = Vec::new();
    let mut chosen: BTreeMap<&Slug, u32> = BTreeMap::new();
    if answers.is_empty() {
        problems.push(InputProblem { item: "answers".into(), message: "answer at least one question".into() });
    }
    for (key, option) in answers {
        let Some(question) = questions.iter().find(|q| q.key.as_str() == key) else {
            problems.push(InputProblem {
                item: key.clone(),
                message: "not a question of this role's knowledge check".into(),
            });
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
    let graded: Vec<GradedQuestion> = questions
        .iter()
        .map(|q| {
            let chosen_option = chosen.get(&q.key).copied();
            GradedQuestion {
                key: q.key.clone(),
                prompt: q.prompt.clone(),
                chosen_option,
                correct_option: q.correct_option,
                correct: chosen_option == Some(q.correct_option),
                explanation: q.explanation.clone(),
                source: q.source.clone(),
            }
        })
        .collect();
    let correct = graded.iter().filter(|q| q.correct).count() as u32;
    let total = graded.len() as u32;
    let score = if total == 0 { 0 } else { rounded_ratio(u64::from(correct) * 100, u64::from(total)) as u8 };
    Ok(QuizResult { score, correct, total, questions: graded })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::fixtures::profile;

    fn answers(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
        pairs.iter().map(|(k, o)| (k.to_string(), *o)).collect()
    }

    #[test]
    fn grades_against_the_key() {
        let quiz = profile().document.knowledge_check;
        // correct options are 0, 1, 2
        let result = grade(&quiz, &answers(&[("q-0", 0), ("q-1", 2), ("q-2", 2)]));
        assert_eq!(result.as_ref().map(|r| (r.correct, r.total, r.score)), Ok((2, 3, 67)));
        assert!(result.is_ok_and(|r| !r.questions[1].correct && r.questions[1].explanation == "Because 1."));
    }

    #[test]
    fn skipped_questions_count_as_wrong() {
        let quiz = profile().document.knowledge_check;
        let result = grade(&quiz, &answers(&[("q-0", 0)]));
        assert_eq!(result.as_ref().map(|r| r.score), Ok(33));
        assert!(result.is_ok_and(|r| r.questions[2].chosen_option.is_none()));
    }

    #[test]
    fn bad_answers_are_named() {
        let quiz = profile().document.knowledge_check;
        let err = grade(&quiz, &answers(&[("q-0", 3), ("q-9", 0), ("q-1", -1), ("q-2", 1), ("q-2", 1)]))
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        let items: Vec<&str> = err.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["q-0", "q-9", "q-1", "q-2"]);
        assert!(err[0].message.contains("0 to 2"));
        assert!(grade(&quiz, &[]).is_err());
    }
}
