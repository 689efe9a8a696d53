//! The value score of a certification for a role: Roledex's own figure,
//! computed from published inputs. No source publishes a value or ROI for
//! these certifications; the score is named for what it is and every row
//! carries its formula and inputs.
//!
//! ```text
//! weight(skill)  = importance weight (supporting 1, important 2, critical 3) × target level (1-5)
//! coverage       = Σ weight of the role's skills the certification builds / Σ weight of all the role's skills
//! cost factor    = 1000 / (1000 + cost midpoint in USD)
//! time factor    = 40 / (40 + study hours)        study hours: course length (days × 8), else a 40-hour planning default
//! access factor  = 5 / (5 + years of experience the certification requires)
//! value score    = 100 × coverage × cost factor × time factor × access factor, rounded to one decimal
//! ```
//!
//! A certification that builds every skill of the role, free, instantly and
//! with no entry requirement would score 100; each factor halves the score
//! at USD 1000, at 40 study hours and at 5 required years. A cost in another
//! currency than USD makes the score unknown (`None`) rather than converted
//! at a guessed rate.

use serde::{Deserialize, Serialize};

use crate::guidance::study::{StudyEstimate, StudyOverrides, study_estimate};
use crate::profile::{Certification, ProfileSkill, RoleProfile};
use crate::values::Currency;

/// The formula, as the API states it beside every score.
pub const VALUE_FORMULA: &str =
    "100 × coverage × 1000/(1000 + cost midpoint USD) × 40/(40 + study hours) × 5/(5 + required years of experience)";

/// A value score in tenths of a point (0..=1000 means 0.0..=100.0), so it
/// compares and sorts exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ValueScore(u32);

impl ValueScore {
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

/// What a value score was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueInputs {
    /// Weight of the role's skills the certification builds.
    pub covered_weight: u64,
    /// Weight of all the role's skills.
    pub total_weight: u64,
    pub cost_midpoint_usd: u64,
    pub study: StudyEstimate,
    /// Years of experience the provider requires before the exam; 0 when none is stated.
    pub required_experience_years: u32,
}

impl ValueInputs {
    pub fn coverage(&self) -> f64 {
        if self.total_weight == 0 { 0.0 } else { self.covered_weight as f64 / self.total_weight as f64 }
    }

    pub fn cost_factor(&self) -> f64 {
        1000.0 / (1000.0 + self.cost_midpoint_usd as f64)
    }

    pub fn time_factor(&self) -> f64 {
        40.0 / (40.0 + f64::from(self.study.hours))
    }

    pub fn access_factor(&self) -> f64 {
        5.0 / (5.0 + f64::from(self.required_experience_years))
    }
}

/// A certification's value score and what it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Valued {
    pub score: ValueScore,
    pub inputs: ValueInputs,
}

/// A certification as the role's table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedCertification {
    pub certification: Certification,
    /// The rank the role's source publishes.
    pub rank: u32,
    pub focus: Option<String>,
    /// Roledex's computed value score; `None` when the cost is not in USD.
    pub value: Option<Valued>,
    /// The role's skills this certification builds, in the role's order.
    pub covered_skills: Vec<crate::values::Slug>,
}

fn skill_weight(skill: &ProfileSkill) -> u64 {
    u64::from(skill.importance.weight()) * u64::from(skill.target_level.get())
}

/// The value score of `certification` for a role needing `role_skills`.
pub fn certification_value(certification: &Certification, role_skills: &[ProfileSkill]) -> Option<Valued> {
    let cost = certification.cost.midpoint();
    if cost.currency != Currency::USD {
        return None;
    }
    let inputs = ValueInputs {
        covered_weight: role_skills
            .iter()
            .filter(|s| certification.builds_skills.contains(&s.skill.slug))
            .map(skill_weight)
            .sum(),
        total_weight: role_skills.iter().map(skill_weight).sum(),
        cost_midpoint_usd: cost.amount,
        study: study_estimate(certification, &StudyOverrides::default()),
        required_experience_years: certification.required_experience_years.unwrap_or(0),
    };
    if inputs.total_weight == 0 {
        return Some(Valued { score: ValueScore(0), inputs });
    }
    // Integer arithmetic keeps the score exact and platform-independent:
    // tenths = round(1000 × covered/total × 1000/(1000+cost) × 40/(40+hours) × 5/(5+years)).
    let numerator = u128::from(inputs.covered_weight) * 1_000 * 1_000 * 40 * 5;
    let denominator = u128::from(inputs.total_weight)
        * (1_000 + u128::from(inputs.cost_midpoint_usd))
        * (40 + u128::from(inputs.study.hours))
        * (5 + u128::from(inputs.required_experience_years));
    let tenths = (numerator * 2 + denominator) / (denominator * 2);
    Some(Valued { score: ValueScore(u32::try_from(tenths).unwrap_or(1_000).min(1_000)), inputs })
}

/// The role's certifications with their value scores, in published rank order.
pub fn rank_certifications(profile: &RoleProfile) -> Vec<RankedCertification> {
    let mut ranked: Vec<RankedCertification> = profile
        .certifications
        .iter()
        .map(|pc| RankedCertification {
            value: certification_value(&pc.certification, &profile.skills),
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
            required_experience_years: None,
            required_certifications: vec![],
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

    fn score_of(c: &Certification, skills: &[ProfileSkill]) -> Option<ValueScore> {
        certification_value(c, skills).map(|v| v.score)
    }

    #[test]
    fn worked_example() {
        // covers 15 + 2 of 25 = 0.68; cost 1000 → 0.5; 40 planning hours → 0.5; no requirement → 1: 17.0
        let c = cert("x", Cost::Exact(Money::usd(1000)), &["evals", "governance"]);
        assert_eq!(score_of(&c, &role_skills()), Some(ValueScore(170)));
        let valued = certification_value(&c, &role_skills()).unwrap_or_else(|| panic!("USD"));
        assert_eq!((valued.inputs.covered_weight, valued.inputs.total_weight), (17, 25));
        assert_eq!(valued.inputs.study.hours, 40);
    }

    #[test]
    fn study_time_and_required_experience_lower_the_score() {
        let quick = cert("q", Cost::Exact(Money::usd(1000)), &["evals"]);
        let mut long = quick.clone();
        long.exam.course_days = Some(10); // 80 hours
        let mut gated = quick.clone();
        gated.required_experience_years = Some(5);
        let (q, l, g) =
            (score_of(&quick, &role_skills()), score_of(&long, &role_skills()), score_of(&gated, &role_skills()));
        assert!(l < q && g < q, "{q:?} {l:?} {g:?}");
        // 5 required years halve it.
        assert_eq!(g.map(|s| s.tenths() * 2), q.map(|s| s.tenths()));
    }

    #[test]
    fn free_and_complete_scores_half_marks_at_the_planning_default_and_none_scores_zero() {
        let all = cert("all", Cost::Exact(Money::usd(0)), &["evals", "red-teaming", "governance"]);
        assert_eq!(score_of(&all, &role_skills()), Some(ValueScore(500)));
        let none = cert("none", Cost::Exact(Money::usd(0)), &["other"]);
        assert_eq!(score_of(&none, &role_skills()), Some(ValueScore(0)));
    }

    #[test]
    fn range_uses_its_midpoint() {
        let range = cert("r", Cost::Range { min: Money::usd(500), max: Money::usd(1500) }, &["evals"]);
        let exact = cert("e", Cost::Exact(Money::usd(1000)), &["evals"]);
        assert_eq!(score_of(&range, &role_skills()), score_of(&exact, &role_skills()));
    }

    #[test]
    fn other_currencies_are_unknown_not_converted() {
        let eur = Money { amount: 100, currency: Currency::parse("EUR").unwrap_or(Currency::USD) };
        let c = cert("eur", Cost::Exact(eur), &["evals"]);
        assert_eq!(score_of(&c, &role_skills()), None);
    }

    proptest! {
        #[test]
        fn value_is_bounded_and_cheaper_is_never_worse(cost in 0u64..100_000, extra in 0u64..100_000, mask in 0u8..8) {
            let names = ["evals", "red-teaming", "governance"];
            let builds: Vec<&str> = names.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, n)| *n).collect();
            let cheap = cert("c", Cost::Exact(Money::usd(cost)), &builds);
            let dear = cert("d", Cost::Exact(Money::usd(cost + extra)), &builds);
            let (a, b) = (score_of(&cheap, &role_skills()), score_of(&dear, &role_skills()));
            prop_assert!(a.is_some_and(|s| s.tenths() <= 1000));
            prop_assert!(a >= b);
        }

        #[test]
        fn building_more_skills_never_lowers_value(cost in 0u64..50_000, mask in 0u8..8, add in 0usize..3) {
            let names = ["evals", "red-teaming", "governance"];
            let mut builds: Vec<&str> = names.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, n)| *n).collect();
            let before = score_of(&cert("c", Cost::Exact(Money::usd(cost)), &builds), &role_skills());
            builds.push(names[add]);
            let after = score_of(&cert("c", Cost::Exact(Money::usd(cost)), &builds), &role_skills());
            prop_assert!(after >= before);
        }
    }
}
