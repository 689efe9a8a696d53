//! The 90-day sprint plan: 13 weekly blocks of tasks built from the learner's
//! skill gaps and chosen certifications, never more hours in a week than the
//! learner has.
//!
//! Each week, chosen certifications (in the order given) take half the hours
//! (all of them when there are no gaps) until their study hours are used up;
//! a week takes more when the share alone would leave them unfinished after
//! the 90 days, so a plan that can reach "book the exam" does. The
//! rest goes to at most two skill gaps, picked by the largest weighted gap
//! per hour already given, so bigger gaps get proportionally more weeks.
//! Gap tasks cycle through the role's learning resources for that skill, or
//! point at a certification that builds it; a gap with neither (which a
//! valid pack cannot have) is not scheduled.

use serde::{Deserialize, Serialize};

use super::assessment::SkillGap;
use super::calendar::CalendarDate;
use super::study::{StudyEstimate, StudyOverrides, study_estimate};
use super::timeline::validate_hours_per_week;
use super::{InputProblem, InvalidSubmission};
use crate::profile::{Certification, RoleProfile};
use crate::values::Slug;

pub const SPRINT_WEEKS: u32 = 13;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SprintRequest {
    pub hours_per_week: i64,
    pub start: CalendarDate,
    pub certifications: Vec<String>,
    pub study_hours: Vec<(String, i64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    SkillGap,
    Certification,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SprintTask {
    /// Stable within the plan, e.g. `w03-skill-red-teaming-methodology`.
    pub key: String,
    pub week: u32,
    pub kind: TaskKind,
    pub title: String,
    pub detail: String,
    pub skill: Option<Slug>,
    pub certification: Option<Slug>,
    pub hours: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SprintWeek {
    pub number: u32,
    pub starts_on: CalendarDate,
    pub ends_on: CalendarDate,
    pub hours: u32,
    pub tasks: Vec<SprintTask>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SprintPlan {
    pub hours_per_week: u32,
    pub starts_on: CalendarDate,
    pub ends_on: CalendarDate,
    pub weeks: Vec<SprintWeek>,
    pub total_hours: u32,
    pub certifications: Vec<(Slug, StudyEstimate)>,
}

impl SprintPlan {
    pub fn tasks(&self) -> impl Iterator<Item = &SprintTask> {
        self.weeks.iter().flat_map(|w| w.tasks.iter())
    }
}

struct GapState<'a> {
    gap: &'a SkillGap,
    given: u32,
    scheduled: usize,
}

pub fn build_sprint_plan(
    profile: &RoleProfile,
    gaps: &[SkillGap],
    request: &SprintRequest,
) -> Result<SprintPlan, InvalidSubmission> {
    let mut problems = Vec::new();
    let hours = validate_hours_per_week(request.hours_per_week).map_err(|p| problems.push(p)).ok();
    let mut chosen: Vec<&Certification> = Vec::new();
    for raw in &request.certifications {
        match profile.certifications.iter().find(|c| c.certification.slug.as_str() == raw) {
            Some(c) if chosen.iter().any(|x| x.slug == c.certification.slug) => {
                problems.push(InputProblem { item: raw.clone(), message: "chosen more than once".into() })
            }
            Some(c) => chosen.push(&c.certification),
            None => {
                problems.push(InputProblem { item: raw.clone(), message: "not a certification of this role".into() })
            }
        }
    }
    let overrides =
        StudyOverrides::new(&profile.certifications, &request.study_hours).map_err(|e| problems.extend(e.0)).ok();
    if problems.is_empty() && gaps.is_empty() && chosen.is_empty() {
        problems.push(InputProblem {
            item: "plan".into(),
            message: "nothing to plan: take a self-assessment that shows gaps, or choose certifications".into(),
        });
    }
    let (Some(hours), Some(overrides), true) = (hours, overrides, problems.is_empty()) else {
        return Err(InvalidSubmission(problems));
    };

    let estimates: Vec<(Slug, StudyEstimate)> =
        chosen.iter().map(|c| (c.slug.clone(), study_estimate(c, &overrides))).collect();
    let mut cert_left: Vec<u32> = estimates.iter().map(|(_, e)| e.hours).collect();
    let mut cert_blocks = vec![0u32; chosen.len()];
    let mut gap_states: Vec<GapState> = gaps
        .iter()
        .filter(|gap| !gap.resources.is_empty() || !gap.certifications.is_empty())
        .map(|gap| GapState { gap, given: 0, scheduled: 0 })
        .collect();
    let mut weeks = Vec::new();
    for number in 1..=SPRINT_WEEKS {
        let starts_on = request.start.plus_days(i64::from(number - 1) * 7);
        let mut tasks = Vec::new();
        let mut free = hours;
        let share = if gap_states.is_empty() { hours } else { hours.div_ceil(2) };
        // What the certifications still need beyond their usual share of the
        // weeks after this one must be found this week, if the week has it.
        let weeks_after = SPRINT_WEEKS - number;
        let still_needed: u32 = cert_left.iter().sum();
        let mut cert_budget = share.max(still_needed.saturating_sub(share * weeks_after)).min(hours);
        for (i, cert) in chosen.iter().enumerate() {
            if cert_budget == 0 {
                break;
            }
            if cert_left[i] == 0 {
                continue;
            }
            let take = cert_left[i].min(cert_budget);
            cert_left[i] -= take;
            cert_budget -= take;
            free -= take;
            cert_blocks[i] += 1;
            let remaining_after_plan = if number == SPRINT_WEEKS { cert_left[i] } else { 0 };
            tasks.push(certification_task(
                number,
                cert,
                &estimates[i].1,
                CertBlock { number: cert_blocks[i], hours: take, last: cert_left[i] == 0, remaining_after_plan },
            ));
        }
        if free > 0 && !gap_states.is_empty() {
            let focus = pick_gaps(&gap_states, if free >= 2 { 2 } else { 1 });
            let shares = if focus.len() == 2 { vec![free.div_ceil(2), free / 2] } else { vec![free] };
            for (index, share) in focus.into_iter().zip(shares) {
                let state = &mut gap_states[index];
                tasks.push(gap_task(number, profile, state, share));
                state.given += share;
                state.scheduled += 1;
                free -= share;
            }
        }
        let used = hours - free;
        weeks.push(SprintWeek { number, starts_on, ends_on: starts_on.plus_days(6), hours: used, tasks });
    }
    Ok(SprintPlan {
        hours_per_week: hours,
        starts_on: request.start,
        ends_on: request.start.plus_days(i64::from(SPRINT_WEEKS) * 7 - 1),
        total_hours: weeks.iter().map(|w| w.hours).sum(),
        weeks,
        certifications: estimates,
    })
}

/// The `count` gaps with the largest weighted gap per hour already given
/// (ties: the earlier, larger gap), in that order.
fn pick_gaps(states: &[GapState], count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..states.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&states[a], &states[b]);
        // sa.weighted / (sa.given + 1) > sb.weighted / (sb.given + 1), without division.
        let left = u64::from(sa.gap.weighted_gap) * u64::from(sb.given + 1);
        let right = u64::from(sb.gap.weighted_gap) * u64::from(sa.given + 1);
        right.cmp(&left).then(a.cmp(&b))
    });
    order.truncate(count);
    order
}

/// One week's study block for a certification.
struct CertBlock {
    number: u32,
    hours: u32,
    /// The block that uses up the study hours: the exam can be booked.
    last: bool,
    /// Study hours the plan's 13 weeks could not fit, said in the last week.
    remaining_after_plan: u32,
}

fn certification_task(week: u32, cert: &Certification, estimate: &StudyEstimate, block: CertBlock) -> SprintTask {
    let basis = match estimate.basis {
        super::study::StudyHoursBasis::Learner => "your estimate",
        super::study::StudyHoursBasis::CourseLength => "the course length",
        super::study::StudyHoursBasis::PlanningDefault => "a planning default; no source states preparation time",
    };
    SprintTask {
        key: format!("w{week:02}-cert-{}", cert.slug),
        week,
        kind: TaskKind::Certification,
        title: if block.last {
            format!("Finish preparing for {} and book the exam", cert.name)
        } else if block.remaining_after_plan > 0 {
            format!(
                "Keep preparing for {}: {} study hours remain after this plan, then book the exam",
                cert.name, block.remaining_after_plan
            )
        } else {
            format!("Prepare for {}", cert.name)
        },
        detail: format!(
            "Study block {}: {} of {} hours budgeted ({basis}). Exam: {} Provider: {} ({}).",
            block.number,
            block.hours,
            estimate.hours,
            super::text::sentence(&cert.exam.summary),
            cert.provider,
            cert.url
        ),
        skill: None,
        certification: Some(cert.slug.clone()),
        hours: block.hours,
    }
}

fn gap_task(week: u32, profile: &RoleProfile, state: &GapState, hours: u32) -> SprintTask {
    let gap = state.gap;
    let rating = gap.rating.map_or_else(|| "not rated".to_owned(), |r| format!("self-rated {}", r.get()));
    let certs: Vec<&str> = gap
        .certifications
        .iter()
        .filter_map(|slug| profile.certifications.iter().find(|c| &c.certification.slug == slug))
        .map(|c| c.certification.name.as_str())
        .collect();
    // Scheduled gaps have a resource or a certification (see `build_sprint_plan`).
    let (title, how) = match gap.resources.get(state.scheduled % gap.resources.len().max(1)) {
        Some(resource) => (
            format!("{}: work through {}", gap.name, resource.title),
            format!("{} ({}): {}", resource.title, resource.provider, resource.url),
        ),
        None => (
            format!("{}: study with the {} material", gap.name, certs.first().copied().unwrap_or("certification")),
            format!("The {} syllabus builds this skill.", certs.first().copied().unwrap_or("certification")),
        ),
    };
    let mut detail = format!("Target level {} ({rating}). {}", gap.target_level.get(), super::text::sentence(&how));
    if !certs.is_empty() {
        detail.push_str(&format!(" Certifications that build it: {}.", certs.join(", ")));
    }
    SprintTask {
        key: format!("w{week:02}-skill-{}", gap.skill),
        week,
        kind: TaskKind::SkillGap,
        title,
        detail,
        skill: Some(gap.skill.clone()),
        certification: None,
        hours,
    }
}

#[cfg(test)]
mod tests;
