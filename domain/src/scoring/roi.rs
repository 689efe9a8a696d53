//! Certification ROI for a role.
//!
//! ```text
//! weight(skill)  = importance weight (supporting 1, important 2, critical 3) × target level (1-5)
//! coverage       = Σ weight of the role's skills the certification builds / Σ weight of all the role's skills
//! cost factor    = 1000 / (1000 + cost midpoint in USD)
//! ROI            = 100 × coverage × cost factor, rounded to one decimal
//! ```
//!
//! A certification that builds every skill of the role at no cost scores 100;
//! one that builds none scores 0; each USD 1000 halves, then thirds, the score.
//! Study time is left out: no source states it, and a guessed figure would
//! rank certifications on invented data. A cost in another currency than USD
//! makes the ROI unknown (`None`) rather than converted at a guessed rate.

use serde::{Deserialize, Serialize};

use crate::profile::{Certification, ProfileSkill, RoleProfile};
use crate::values::Currency;

/// An ROI score in tenths of a point (0..=1000 means 0.0..=100.0), so it
/// compares and sorts exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RoiScore(u32);

impl RoiScore {
    /// A score from tenths of a point, capped at 100.0.
    pub fn from_tenths(tenths: u32) -> Self {
        Self(tenths.min(1_000))
    }

    pub fn tenths(self) -> u32 {
        self.0
    }

    pub fn points(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

/// A certification as the role's table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedCertification {
    pub certification: Certification,
    pub rank: u32,
    pub focus: Option<String>,
    pub roi: Option<RoiScore>,
    /// The role's skills this certification builds, in the role's order.
    pub covered_skills: Vec<crate::values::Slug>,
}

fn skill_weight(skill: &ProfileSkill) -> u64 {
    u64::from(skill.importance.weight()) * u64::from(skill.target_level.get())
}

/// The ROI of `certification` for a role needing `role_skills`.
pub fn certification_roi(certification: &Certification, role_skills: &[ProfileSkill]) -> Option<RoiScore> {
    let cost = certification.cost.midpoint();
    if cost.currency != Currency::USD {
        return None;
    }
    let total: u64 = role_skills.iter().map(skill_weight).sum();
    let covered: u64 =
        role_skills.iter().filter(|s| certification.builds_skills.contains(&s.skill.slug)).map(skill_weight).sum();
    if total == 0 {
        return Some(RoiScore(0));
    }
    // Integer arithmetic keeps the score exact and platform-independent:
    // tenths = round(1000 × covered/total × 1000/(1000+cost)).
    let numerator = u128::from(covered) * 1_000 * 1_000;
    let denominator = u128::from(total) * (1_000 + u128::from(cost.amount));
    let tenths = (numerator * 2 + denominator) / (denominator * 2);
    Some(RoiScore(u32::try_from(tenths).unwrap_or(1_000).min(1_000)))
}

/// The role's certifications with ROI, in published rank order.
pub fn rank_certifications(profile: &RoleProfile) -> Vec<RankedCertification> {
    let mut ranked: Vec<RankedCertification> = profile
        .certifications
        .iter()
        .map(|pc| RankedCertification {
            roi: certification_roi(&pc.certification, &profile.skills),
            covered_skills: profile
                .skills
                .iter()
                .filter(|s| pc.certification.builds_skills.contains(&s.skill.slug))
                .map(|s| s.skill.slug.clone())
                .collect(),
            certification: pc.certification.clone(),
            rank: pc.rank,
            focus: pc.focus.clone(),
        })
        .collect();
    ranked.sort_by_key(|c| c.rank);
    ranked
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::profile::{Cost, ExamFormat, Importance, Skill, SkillCategory};
    use crate::values::{HttpUrl, Money, SkillLevel, Slug};
    use proptest::prelude::*;

    pub(crate) fn slug(raw: &str) -> Slug {
        Slug::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    pub(crate) fn skill(name: &str, importance: Importance, target: i64) -> ProfileSkill {
        ProfileSkill {
            skill: Skill {
                slug: slug(name),
                name: name.into(),
                category: SkillCategory::Evaluation,
                description: String::new(),
                named_in: None,
                taxonomy_items: vec![],
            },
            importance,
            target_level: SkillLevel::new(target).unwrap_or(SkillLevel::MIN),
            editorial: true,
        }
    }

    pub(crate) fn cert(name: &str, cost: Cost, builds: &[&str]) -> Certification {
        Certification {
            slug: slug(name),
            name: name.into(),
            full_name: None,
            provider: "provider".into(),
            cost,
            exam: ExamFormat {
                summary: String::new(),
                duration_minutes: None,
                questions: None,
                pass_mark: None,
                course_days: None,
            },
            prerequisites: None,
            renewal: None,
            continuing_education: None,
            url: HttpUrl::parse("https://example.org").unwrap_or_else(|e| panic!("{e}")),
            builds_skills: builds.iter().map(|b| slug(b)).collect(),
        }
    }

    fn role_skills() -> Vec<ProfileSkill> {
        vec![
            skill("evals", Importance::Critical, 5),        // weight 15
            skill("red-teaming", Importance::Important, 4), // weight 8
            skill("governance", Importance::Supporting, 2), // weight 2
        ]
    }

    #[test]
    fn worked_example() {
        // covers 15 + 2 of 25 = 0.68; cost 1000 → factor 0.5; ROI 34.0
        let c = cert("x", Cost::Exact(Money::usd(1000)), &["evals", "governance"]);
        assert_eq!(certification_roi(&c, &role_skills()), Some(RoiScore(340)));
    }

    #[test]
    fn free_and_complete_scores_full_marks_and_none_scores_zero() {
        let all = cert("all", Cost::Exact(Money::usd(0)), &["evals", "red-teaming", "governance"]);
        assert_eq!(certification_roi(&all, &role_skills()), Some(RoiScore(1000)));
        let none = cert("none", Cost::Exact(Money::usd(0)), &["other"]);
        assert_eq!(certification_roi(&none, &role_skills()), Some(RoiScore(0)));
    }

    #[test]
    fn range_uses_its_midpoint() {
        let range = cert("r", Cost::Range { min: Money::usd(500), max: Money::usd(1500) }, &["evals"]);
        let exact = cert("e", Cost::Exact(Money::usd(1000)), &["evals"]);
        assert_eq!(certification_roi(&range, &role_skills()), certification_roi(&exact, &role_skills()));
    }

    #[test]
    fn other_currencies_are_unknown_not_converted() {
        let eur = Money { amount: 100, currency: Currency::parse("EUR").unwrap_or(Currency::USD) };
        let c = cert("eur", Cost::Exact(eur), &["evals"]);
        assert_eq!(certification_roi(&c, &role_skills()), None);
    }

    proptest! {
        #[test]
        fn roi_is_bounded_and_cheaper_is_never_worse(cost in 0u64..100_000, extra in 0u64..100_000, mask in 0u8..8) {
            let names = ["evals", "red-teaming", "governance"];
            let builds: Vec<&str> = names.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, n)| *n).collect();
            let cheap = cert("c", Cost::Exact(Money::usd(cost)), &builds);
            let dear = cert("d", Cost::Exact(Money::usd(cost + extra)), &builds);
            let (a, b) = (certification_roi(&cheap, &role_skills()), certification_roi(&dear, &role_skills()));
            prop_assert!(a.is_some_and(|s| s.tenths() <= 1000));
            prop_assert!(a >= b);
        }

        #[test]
        fn building_more_skills_never_lowers_roi(cost in 0u64..50_000, mask in 0u8..8, add in 0usize..3) {
            let names = ["evals", "red-teaming", "governance"];
            let mut builds: Vec<&str> = names.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, n)| *n).collect();
            let before = certification_roi(&cert("c", Cost::Exact(Money::usd(cost)), &builds), &role_skills());
            builds.push(names[add]);
            let after = certification_roi(&cert("c", Cost::Exact(Money::usd(cost)), &builds), &role_skills());
            prop_assert!(after >= before);
        }
    }
}
