//! Self-assessment: the learner rates themself 1-5 on the role's skills; the
//! result is the skills radar, the gap analysis and the skills score.
//!
//! ```text
//! weight(skill)  = importance weight (1, 2, 3) × target level
//! skills score   = 100 × Σ importance × min(rating, target) / Σ importance × target   (unrated = 0)
//! gap            = target − rating (unrated: the whole target)
//! weighted gap   = importance weight × gap; gaps are listed largest first
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{InputProblem, InvalidSubmission, rounded_ratio};
use crate::profile::{Importance, LearningResource, ProfileSkill, RoleProfile, SkillCategory};
use crate::values::{SkillLevel, Slug};

/// A learner's ratings, checked against the role: every skill is one of the
/// role's, rated once, 1 to 5. Skills left out count as not yet started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRatings(BTreeMap<Slug, SkillLevel>);

impl SkillRatings {
    pub fn new(profile: &RoleProfile, raw: &[(String, i64)]) -> Result<Self, InvalidSubmission> {
        let mut problems = Vec::new();
        let mut ratings = BTreeMap::new();
        if raw.is_empty() {
            problems.push(InputProblem {
                item: "ratings".into(),
                message: "rate at least one of the role's skills".into(),
            });
        }
        for (skill, level) in raw {
            let known = Slug::parse(skill).ok().filter(|s| profile.skill(s).is_some());
            let Some(slug) = known else {
                problems.push(InputProblem {
                    item: skill.clone(),
                    message: format!(
                        "not a skill of this role: use one of {}",
                        profile.skills.iter().map(|s| s.skill.slug.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                });
                continue;
            };
            let level = match SkillLevel::new(*level) {
                Ok(level) => level,
                Err(e) => {
                    problems.push(InputProblem { item: skill.clone(), message: e.0 });
                    continue;
                }
            };
            if ratings.insert(slug, level).is_some() {
                problems.push(InputProblem {
                    item: skill.clone(),
                    message: "rated more than once: send each skill once".into(),
                });
            }
        }
        if problems.is_empty() { Ok(Self(ratings)) } else { Err(InvalidSubmission(problems)) }
    }

    pub fn get(&self, skill: &Slug) -> Option<SkillLevel> {
        self.0.get(skill).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Slug, &SkillLevel)> {
        self.0.iter()
    }

    /// The same ratings with one skill set to `level` (used to explore "what if").
    pub fn with(&self, skill: Slug, level: SkillLevel) -> Self {
        let mut ratings = self.0.clone();
        ratings.insert(skill, level);
        Self(ratings)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RadarPoint {
    pub dimension: SkillCategory,
    /// Importance-weighted mean target level, one decimal.
    pub target_level: f64,
    /// Importance-weighted mean self rating (unrated skills count 0), one decimal.
    pub self_level: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillGap {
    pub skill: Slug,
    pub name: String,
    pub importance: Importance,
    pub target_level: SkillLevel,
    pub rating: Option<SkillLevel>,
    pub gap: u8,
    pub weighted_gap: u32,
    /// Learning resources of the role that build this skill. They are
    /// content, not part of the learner's record: not serialized, and
    /// attached again from the profile with `attach_resources`.
    #[serde(skip, default)]
    pub resources: Vec<LearningResource>,
    /// The role's certifications that build this skill, in rank order.
    pub certifications: Vec<Slug>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentResult {
    pub radar: Vec<RadarPoint>,
    /// Skills below target, largest weighted gap first.
    pub gaps: Vec<SkillGap>,
    /// 0-100: how much of the role's weighted skill target the ratings reach.
    pub skills_score: u8,
    /// Role skills the learner did not rate (counted as 0).
    pub unrated: Vec<Slug>,
}

fn level_of(ratings: &SkillRatings, skill: &ProfileSkill) -> u32 {
    ratings.get(&skill.skill.slug).map_or(0, |l| u32::from(l.get()))
}

/// Tenths, half up, as a one-decimal float.
fn one_decimal(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        return 0.0;
    }
    rounded_ratio(numerator * 10, denominator) as f64 / 10.0
}

/// Fills each gap's resources from the role's current learning resources.
pub fn attach_resources(gaps: &mut [SkillGap], profile: &RoleProfile) {
    for gap in gaps {
        gap.resources = profile
            .document
            .learning_resources
            .iter()
            .filter(|r| r.builds_skills.contains(&gap.skill))
            .cloned()
            .collect();
    }
}

pub fn skills_score(profile: &RoleProfile, ratings: &SkillRatings) -> u8 {
    let (mut reached, mut target) = (0u64, 0u64);
    for skill in &profile.skills {
        let weight = u64::from(skill.importance.weight());
        let goal = u64::from(skill.target_level.get());
        reached += weight * u64::from(level_of(ratings, skill)).min(goal);
        target += weight * goal;
    }
    if target == 0 { 0 } else { rounded_ratio(reached * 100, target).min(100) as u8 }
}

pub fn assess(profile: &RoleProfile, ratings: &SkillRatings) -> AssessmentResult {
    let radar = SkillCategory::ALL
        .into_iter()
        .filter_map(|dimension| {
            let members: Vec<&ProfileSkill> = profile.skills.iter().filter(|s| s.skill.category == dimension).collect();
            let weight: u64 = members.iter().map(|s| u64::from(s.importance.weight())).sum();
            (weight > 0).then(|| RadarPoint {
                dimension,
                target_level: one_decimal(
                    members.iter().map(|s| u64::from(s.importance.weight()) * u64::from(s.target_level.get())).sum(),
                    weight,
                ),
                self_level: one_decimal(
                    members.iter().map(|s| u64::from(s.importance.weight()) * u64::from(level_of(ratings, s))).sum(),
                    weight,
                ),
            })
        })
        .collect();

    let mut gaps: Vec<(usize, SkillGap)> = profile
        .skills
        .iter()
        .enumerate()
        .filter_map(|(position, skill)| {
            let rating = ratings.get(&skill.skill.slug);
            let gap = u32::from(skill.target_level.get()).saturating_sub(level_of(ratings, skill));
            (gap > 0).then(|| {
                let slug = &skill.skill.slug;
                (
                    position,
                    SkillGap {
                        skill: slug.clone(),
                        name: skill.skill.name.clone(),
                        importance: skill.importance,
                        target_level: skill.target_level,
                        rating,
                        gap: gap as u8,
                        weighted_gap: skill.importance.weight() * gap,
                        resources: Vec::new(),
                        certifications: profile
                            .certifications
                            .iter()
                            .filter(|c| c.certification.builds_skills.contains(slug))
                            .map(|c| c.certification.slug.clone())
                            .collect(),
                    },
                )
            })
        })
        .collect();
    gaps.sort_by(|(pa, a), (pb, b)| {
        b.weighted_gap.cmp(&a.weighted_gap).then(b.importance.cmp(&a.importance)).then(pa.cmp(pb))
    });

    let mut gaps: Vec<SkillGap> = gaps.into_iter().map(|(_, g)| g).collect();
    attach_resources(&mut gaps, profile);
    AssessmentResult {
        radar,
        gaps,
        skills_score: skills_score(profile, ratings),
        unrated: profile
            .skills
            .iter()
            .filter(|s| ratings.get(&s.skill.slug).is_none())
            .map(|s| s.skill.slug.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::fixtures::{profile, slug};
    use proptest::prelude::*;

    fn ratings(pairs: &[(&str, i64)]) -> SkillRatings {
        let raw: Vec<(String, i64)> = pairs.iter().map(|(s, l)| (s.to_string(), *l)).collect();
        SkillRatings::new(&profile(), &raw).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn worked_example() {
        // evals 3/5 (w3), red-teaming 4/4 (w2), incident-response unrated 0/3 (w2), governance 1/2 (w1)
        let r = ratings(&[("evals", 3), ("red-teaming", 4), ("governance", 1)]);
        let result = assess(&profile(), &r);
        // reached 3×3 + 2×4 + 0 + 1×1 = 18 of 3×5 + 2×4 + 2×3 + 1×2 = 31 → 58
        assert_eq!(result.skills_score, 58);
        let order: Vec<&str> = result.gaps.iter().map(|g| g.skill.as_str()).collect();
        // weighted gaps: evals 6, incident-response 6 (tie: critical first), governance 1
        assert_eq!(order, ["evals", "incident-response", "governance"]);
        assert_eq!(result.gaps[0].certifications, [slug("eval-cert")]);
        assert_eq!(result.gaps[0].resources.len(), 1);
        assert_eq!(result.unrated, [slug("incident-response")]);
        let evaluation = &result.radar[0];
        assert_eq!((evaluation.target_level, evaluation.self_level), (5.0, 3.0));
    }

    #[test]
    fn full_marks_and_no_gaps() {
        let r = ratings(&[("evals", 5), ("red-teaming", 5), ("incident-response", 3), ("governance", 2)]);
        let result = assess(&profile(), &r);
        assert_eq!(result.skills_score, 100);
        assert!(result.gaps.is_empty());
    }

    #[test]
    fn bad_ratings_are_all_reported() {
        let raw = vec![
            ("evals".to_string(), 6),
            ("nope".into(), 3),
            ("governance".into(), 2),
            ("governance".into(), 3),
            ("Robert'); DROP".into(), 1),
        ];
        let err = SkillRatings::new(&profile(), &raw).err().map(|e| e.0).unwrap_or_default();
        let items: Vec<&str> = err.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["evals", "nope", "governance", "Robert'); DROP"]);
        assert!(err[0].message.contains("1 to 5"));
        assert!(err[1].message.contains("red-teaming"), "lists the valid skills");
        assert!(err[2].message.contains("more than once"));
        assert!(SkillRatings::new(&profile(), &[]).is_err());
    }

    proptest! {
        #[test]
        fn raising_one_rating_never_lowers_the_score(levels in proptest::collection::vec(0i64..=5, 4), which in 0usize..4) {
            let names = ["evals", "red-teaming", "incident-response", "governance"];
            let pairs: Vec<(String, i64)> = names.iter().zip(&levels).filter(|(_, l)| **l > 0).map(|(n, l)| (n.to_string(), *l)).collect();
            prop_assume!(!pairs.is_empty());
            let before = SkillRatings::new(&profile(), &pairs).unwrap_or_else(|e| panic!("{e}"));
            let current = levels[which];
            prop_assume!(current < 5);
            let after = before.with(slug(names[which]), SkillLevel::new(current + 1).unwrap_or(SkillLevel::MAX));
            prop_assert!(skills_score(&profile(), &after) >= skills_score(&profile(), &before));
            prop_assert!(skills_score(&profile(), &after) <= 100);
        }
    }
}
