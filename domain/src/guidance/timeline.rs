//! The certification timeline: which of the role's certifications to take,
//! in what order and when, within a budget and a weekly study time.
//!
//! Certifications are taken in the role's published rank order, or by
//! Roledex's value score (best first, ties by rank) when the learner asks.
//! A certification is left out, with the reason, when it is already held,
//! when the learner cannot take it yet (fewer years of experience than the
//! provider requires, or not stated; a required certification neither held
//! nor planned before it), or when its full price (the top of a cost range)
//! would exceed what is left of the budget; later ones may still fit. Each
//! planned one takes ⌈study hours / hours per week⌉ weeks, one after another
//! from the start date, and says why it was included.

use serde::{Deserialize, Serialize};

use super::calendar::CalendarDate;
use super::study::{StudyEstimate, StudyOverrides, study_estimate};
use super::{InputProblem, InvalidSubmission};
use crate::profile::RoleProfile;
use crate::scoring::{ValueScore, rank_certifications};
use crate::values::{Currency, Slug};

pub const MAX_HOURS_PER_WEEK: i64 = 80;
pub const MAX_YEARS_OF_EXPERIENCE: i64 = 60;
/// The largest budget a timeline takes: what a 32-bit integer holds, as the API's schema states.
pub const MAX_BUDGET_USD: u64 = i32::MAX as u64;

/// The order certifications are considered in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineOrder {
    /// The rank the role's source publishes.
    #[default]
    Rank,
    /// Roledex's computed value score, best first.
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRequest {
    pub budget_usd: i64,
    pub hours_per_week: i64,
    pub start: CalendarDate,
    pub held: Vec<String>,
    pub study_hours: Vec<(String, i64)>,
    pub order: TimelineOrder,
    /// The learner's years of professional experience, when stated.
    pub years_experience: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedCertification {
    pub certification: Slug,
    pub name: String,
    pub provider: String,
    /// The rank the role's source publishes.
    pub rank: u32,
    /// Roledex's computed value score; `None` when it cannot be computed.
    pub value: Option<ValueScore>,
    /// The price budgeted: the top of the cost range, in USD.
    pub budgeted_cost_usd: u64,
    pub study: StudyEstimate,
    pub weeks: u32,
    pub starts_on: CalendarDate,
    /// The end of the last study week: a date to sit the exam by.
    pub ready_by: CalendarDate,
    /// Why it is in the plan, in a sentence.
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum SkipReason {
    AlreadyHeld,
    /// The learner cannot take it yet.
    NotYetEligible {
        /// Years of experience the provider requires (0 when only certifications are missing).
        required_years: u32,
        /// The learner's years, when stated.
        stated_years: Option<u32>,
        /// Required certifications neither held nor planned before it.
        missing_certifications: Vec<Slug>,
    },
    OverBudget {
        cost_usd: u64,
        remaining_usd: u64,
    },
    CostNotInUsd,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedCertification {
    pub certification: Slug,
    pub name: String,
    pub reason: SkipReason,
    /// Why it is left out, in a sentence.
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationTimeline {
    pub order: TimelineOrder,
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

fn validate_years(years: Option<i64>) -> Result<Option<u32>, InputProblem> {
    match years {
        None => Ok(None),
        Some(y) if (0..=MAX_YEARS_OF_EXPERIENCE).contains(&y) => Ok(Some(y as u32)),
        Some(_) => Err(InputProblem {
            item: "years_experience".into(),
            message: format!("use 0 to {MAX_YEARS_OF_EXPERIENCE} years"),
        }),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}

fn skip_sentence(reason: &SkipReason, names: &dyn Fn(&Slug) -> String) -> String {
    match reason {
        SkipReason::AlreadyHeld => "Left out: you already hold it.".into(),
        SkipReason::NotYetEligible { required_years, stated_years, missing_certifications } => {
            let mut needs = Vec::new();
            if *required_years > 0 {
                needs.push(match stated_years {
                    Some(y) => format!(
                        "{} of experience (you stated {})",
                        plural(*required_years, "year", "years"),
                        plural(*y, "year", "years")
                    ),
                    None => format!(
                        "{} of experience (state yours in `years_experience` to check)",
                        plural(*required_years, "year", "years")
                    ),
                });
            }
            if !missing_certifications.is_empty() {
                let list: Vec<String> = missing_certifications.iter().map(names).collect();
                needs.push(format!("{} first", list.join(" and ")));
            }
            format!("Not yet eligible: the provider requires {}.", needs.join(", and "))
        }
        SkipReason::OverBudget { cost_usd, remaining_usd } => {
            format!("Left out: it costs up to USD {cost_usd} and USD {remaining_usd} of the budget is left.")
        }
        SkipReason::CostNotInUsd => "Left out: its cost is not in USD, so it cannot be budgeted.".into(),
    }
}

pub fn plan_certifications(
    profile: &RoleProfile,
    request: &TimelineRequest,
) -> Result<CertificationTimeline, InvalidSubmission> {
    let mut problems = Vec::new();
    let hours_per_week = validate_hours_per_week(request.hours_per_week).map_err(|p| problems.push(p)).ok();
    let budget = u64::try_from(request.budget_usd).ok().filter(|b| *b <= MAX_BUDGET_USD).ok_or_else(|| {
        problems.push(InputProblem {
            item: "budget_usd".into(),
            message: format!("the budget is 0 to {MAX_BUDGET_USD} USD"),
        })
    });
    let years = validate_years(request.years_experience).map_err(|p| problems.push(p));
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
    let (Some(hours_per_week), Ok(budget), Ok(years), Some(overrides), true) =
        (hours_per_week, budget, years, overrides, problems.is_empty())
    else {
        return Err(InvalidSubmission(problems));
    };

    let mut ranked = rank_certifications(profile);
    if request.order == TimelineOrder::Value {
        ranked.sort_by(|a, b| b.value.map(|v| v.score).cmp(&a.value.map(|v| v.score)).then(a.rank.cmp(&b.rank)));
    }
    let total = ranked.len();
    let name_of = |slug: &Slug| {
        profile
            .certifications
            .iter()
            .find(|c| &c.certification.slug == slug)
            .map_or_else(|| slug.to_string(), |c| c.certification.name.clone())
    };
    let (mut planned, mut skipped) = (Vec::<PlannedCertification>::new(), Vec::new());
    let mut remaining = budget;
    let mut next_start = request.start;
    for cert in ranked {
        let c = &cert.certification;
        let mut skip = |reason: SkipReason| {
            let why = skip_sentence(&reason, &name_of);
            skipped.push(SkippedCertification { certification: c.slug.clone(), name: c.name.clone(), reason, why });
        };
        if held.contains(&c.slug) {
            skip(SkipReason::AlreadyHeld);
            continue;
        }
        let required_years = c.required_experience_years.unwrap_or(0);
        let short_of_years = required_years > 0 && years.is_none_or(|y| y < required_years);
        let missing_certifications: Vec<Slug> = c
            .required_certifications
            .iter()
            .filter(|r| !held.contains(r) && !planned.iter().any(|p| &p.certification == *r))
            .cloned()
            .collect();
        if short_of_years || !missing_certifications.is_empty() {
            skip(SkipReason::NotYetEligible {
                required_years: if short_of_years { required_years } else { 0 },
                stated_years: years,
                missing_certifications,
            });
            continue;
        }
        if c.cost.currency() != Currency::USD {
            skip(SkipReason::CostNotInUsd);
            continue;
        }
        let cost = c.cost.max().amount;
        if cost > remaining {
            skip(SkipReason::OverBudget { cost_usd: cost, remaining_usd: remaining });
            continue;
        }
        remaining -= cost;
        let study = study_estimate(c, &overrides);
        let weeks = study.hours.div_ceil(hours_per_week).max(1);
        let starts_on = next_start;
        next_start = starts_on.plus_days(i64::from(weeks) * 7);
        let value = cert.value.map(|v| v.score);
        let position = match (request.order, value) {
            (TimelineOrder::Value, Some(v)) => {
                format!(
                    "Value score {:.1} (Roledex's computed score; published rank {} of {total})",
                    v.points(),
                    cert.rank
                )
            }
            _ => format!("Published rank {} of {total}", cert.rank),
        };
        planned.push(PlannedCertification {
            certification: c.slug.clone(),
            name: c.name.clone(),
            provider: c.provider.clone(),
            rank: cert.rank,
            value,
            budgeted_cost_usd: cost,
            study,
            weeks,
            starts_on,
            ready_by: next_start.plus_days(-1),
            why: format!("{position}; up to USD {cost} fits the budget, leaving USD {remaining}."),
        });
    }
    Ok(CertificationTimeline {
        order: request.order,
        finishes_on: planned.last().map(|p| p.ready_by),
        planned,
        skipped,
        budget_usd: budget,
        total_cost_usd: budget - remaining,
    })
}

#[cfg(test)]
mod tests;
