//! The certification timeline: which of the role's certifications to take,
//! in what order and when, within a budget and a weekly study time.
//!
//! Certifications are taken best ROI first (ties: published rank), skipping
//! those already held and any whose full price (the top of a cost range)
//! would exceed what is left of the budget; cheaper ones later in the order
//! may still fit. Each takes ⌈study hours / hours per week⌉ weeks, one after
//! another from the start date.

use serde::{Deserialize, Serialize};

use super::calendar::CalendarDate;
use super::study::{StudyEstimate, StudyOverrides, study_estimate};
use super::{InputProblem, InvalidSubmission};
use crate::profile::RoleProfile;
use crate::scoring::{RoiScore, rank_certifications};
use crate::values::{Currency, Slug};

pub const MAX_HOURS_PER_WEEK: i64 = 80;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRequest {
    pub budget_usd: i64,
    pub hours_per_week: i64,
    pub start: CalendarDate,
    pub held: Vec<String>,
    pub study_hours: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedCertification {
    pub certification: Slug,
    pub name: String,
    pub provider: String,
    pub roi: Option<RoiScore>,
    /// The price budgeted: the top of the cost range, in USD.
    pub budgeted_cost_usd: u64,
    pub study: StudyEstimate,
    pub weeks: u32,
    pub starts_on: CalendarDate,
    /// The end of the last study week: a date to sit the exam by.
    pub ready_by: CalendarDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum SkipReason {
    AlreadyHeld,
    OverBudget { cost_usd: u64, remaining_usd: u64 },
    CostNotInUsd,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedCertification {
    pub certification: Slug,
    pub name: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationTimeline {
    pub planned: Vec<PlannedCertification>,
    pub skipped: Vec<SkippedCertification>,
    pub budget_usd: u64,
    pub total_cost_usd: u64,
    pub finishes_on: Option<CalendarDate>,
}

pub fn validate_hours_per_week(hours: i64) -> Result<u32, InputProblem> {
    if (1..=MAX_HOURS_PER_WEEK).contains(&hours) {
        Ok(hours as u32)
    } else {
        Err(InputProblem {
            item: "hours_per_week".into(),
            message: format!("use 1 to {MAX_HOURS_PER_WEEK} hours a week"),
        })
    }
}

pub fn plan_certifications(
    profile: &RoleProfile,
    request: &TimelineRequest,
) -> Result<CertificationTimeline, InvalidSubmission> {
    let mut problems = Vec::new();
    let hours_per_week = validate_hours_per_week(request.hours_per_week).map_err(|p| problems.push(p)).ok();
    let budget = u64::try_from(request.budget_usd).map_err(|_| {
        problems.push(InputProblem { item: "budget_usd".into(), message: "the budget cannot be negative".into() })
    });
    let mut held = Vec::new();
    for raw in &request.held {
        match profile.certifications.iter().find(|c| c.certification.slug.as_str() == raw) {
            Some(c) if held.contains(&c.certification.slug) => {
                problems.push(InputProblem { item: raw.clone(), message: "listed more than once".into() })
            }
            Some(c) => held.push(c.certification.slug.clone()),
            None => {
                problems.push(InputProblem { item: raw.clone(), message: "not a certification of this role".into() })
            }
        }
    }
    let overrides =
        StudyOverrides::new(&profile.certifications, &request.study_hours).map_err(|e| problems.extend(e.0)).ok();
    let (Some(hours_per_week), Ok(budget), Some(overrides), true) =
        (hours_per_week, budget, overrides, problems.is_empty())
    else {
        return Err(InvalidSubmission(problems));
    };

    let mut ranked = rank_certifications(profile);
    ranked.sort_by(|a, b| b.roi.cmp(&a.roi).then(a.rank.cmp(&b.rank)));
    let (mut planned, mut skipped) = (Vec::new(), Vec::new());
    let mut remaining = budget;
    let mut next_start = request.start;
    for cert in ranked {
        let c = &cert.certification;
        let skip = |reason| SkippedCertification { certification: c.slug.clone(), name: c.name.clone(), reason };
        if held.contains(&c.slug) {
            skipped.push(skip(SkipReason::AlreadyHeld));
            continue;
        }
        if c.cost.currency() != Currency::USD {
            skipped.push(skip(SkipReason::CostNotInUsd));
            continue;
        }
        let cost = c.cost.max().amount;
        if cost > remaining {
            skipped.push(skip(SkipReason::OverBudget { cost_usd: cost, remaining_usd: remaining }));
            continue;
        }
        remaining -= cost;
        let study = study_estimate(c, &overrides);
        let weeks = study.hours.div_ceil(hours_per_week).max(1);
        let starts_on = next_start;
        next_start = starts_on.plus_days(i64::from(weeks) * 7);
        planned.push(PlannedCertification {
            certification: c.slug.clone(),
            name: c.name.clone(),
            provider: c.provider.clone(),
            roi: cert.roi,
            budgeted_cost_usd: cost,
            study,
            weeks,
            starts_on,
            ready_by: next_start.plus_days(-1),
        });
    }
    Ok(CertificationTimeline {
        finishes_on: planned.last().map(|p| p.ready_by),
        planned,
        skipped,
        budget_usd: budget,
        total_cost_usd: budget - remaining,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::fixtures::profile;
    use proptest::prelude::*;

    fn request(budget: i64, hours: i64) -> TimelineRequest {
        TimelineRequest {
            budget_usd: budget,
            hours_per_week: hours,
            start: CalendarDate::parse("2027-01-04").unwrap_or_else(|e| panic!("{e}")),
            held: vec![],
            study_hours: vec![],
        }
    }

    fn order(t: &CertificationTimeline) -> Vec<&str> {
        t.planned.iter().map(|p| p.certification.as_str()).collect()
    }

    #[test]
    fn best_roi_first_with_dates() {
        // ROI: eval-cert covers 23/31 at $1000 → 37.1; ops-cert 6/31 at $200 → 16.1; gov-cert 2/31 at $700 → 3.8
        let t = plan_certifications(&profile(), &request(5_000, 10)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(order(&t), ["eval-cert", "ops-cert", "gov-cert"]);
        let first = &t.planned[0];
        assert_eq!((first.study.hours, first.weeks), (40, 4));
        assert_eq!(
            (first.starts_on.to_string(), first.ready_by.to_string()),
            ("2027-01-04".into(), "2027-01-31".into())
        );
        assert_eq!(t.planned[1].starts_on.to_string(), "2027-02-01");
        assert_eq!(t.total_cost_usd, 1_900);
    }

    #[test]
    fn budget_skips_what_does_not_fit_but_keeps_looking() {
        let t = plan_certifications(&profile(), &request(900, 10)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(order(&t), ["ops-cert", "gov-cert"]);
        assert!(matches!(t.skipped[0].reason, SkipReason::OverBudget { cost_usd: 1000, remaining_usd: 900 }));
    }

    #[test]
    fn held_certifications_and_bad_input() {
        let mut r = request(5_000, 10);
        r.held = vec!["eval-cert".into()];
        let t = plan_certifications(&profile(), &r).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(order(&t), ["ops-cert", "gov-cert"]);
        assert_eq!(t.skipped[0].reason, SkipReason::AlreadyHeld);
        let mut bad = request(-1, 0);
        bad.held = vec!["nope".into()];
        let err = plan_certifications(&profile(), &bad).err().map(|e| e.0).unwrap_or_default();
        let items: Vec<&str> = err.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["hours_per_week", "budget_usd", "nope"]);
    }

    proptest! {
        #[test]
        fn never_over_budget_and_dates_follow_each_other(budget in 0i64..5_000, hours in 1i64..=80) {
            let t = plan_certifications(&profile(), &request(budget, hours)).unwrap_or_else(|e| panic!("{e}"));
            prop_assert!(t.total_cost_usd <= budget as u64);
            prop_assert_eq!(t.planned.iter().map(|p| p.budgeted_cost_usd).sum::<u64>(), t.total_cost_usd);
            for pair in t.planned.windows(2) {
                prop_assert_eq!(pair[1].starts_on, pair[0].ready_by.plus_days(1));
            }
            prop_assert_eq!(t.planned.len() + t.skipped.len(), 3);
        }
    }
}
