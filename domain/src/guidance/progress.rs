//! How far a learner is through a sprint plan: tasks ticked, and the share
//! of the planned hours they stand for.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::rounded_ratio;
use super::sprint::SprintPlan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProgress {
    pub tasks_done: u32,
    pub tasks_total: u32,
    pub hours_done: u32,
    pub hours_total: u32,
    /// Share of the planned hours done, 0-100 (rounded half up; 0 for a plan of no hours).
    pub percent: u8,
}

/// Progress through `plan` with the tasks in `done` ticked (unknown keys count for nothing).
pub fn progress(plan: &SprintPlan, done: &BTreeSet<String>) -> PlanProgress {
    let (mut tasks_done, mut tasks_total, mut hours_done, mut hours_total) = (0u32, 0u32, 0u64, 0u64);
    for task in plan.tasks() {
        tasks_total += 1;
        hours_total += u64::from(task.hours);
        if done.contains(&task.key) {
            tasks_done += 1;
            hours_done += u64::from(task.hours);
        }
    }
    let percent = if hours_total == 0 { 0 } else { rounded_ratio(hours_done * 100, hours_total) as u8 };
    PlanProgress {
        tasks_done,
        tasks_total,
        hours_done: u32::try_from(hours_done).unwrap_or(u32::MAX),
        hours_total: u32::try_from(hours_total).unwrap_or(u32::MAX),
        percent,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::guidance::assessment::{SkillRatings, assess};
    use crate::guidance::calendar::CalendarDate;
    use crate::guidance::fixtures::profile;
    use crate::guidance::sprint::{SprintRequest, build_sprint_plan};

    fn plan() -> SprintPlan {
        let role = profile();
        let raw: Vec<(String, i64)> =
            [("evals", 2), ("red-teaming", 2)].iter().map(|(s, l)| (s.to_string(), *l)).collect();
        let ratings = SkillRatings::new(&role, &raw).unwrap_or_else(|e| panic!("{e}"));
        let request = SprintRequest {
            hours_per_week: 6,
            start: CalendarDate::parse("2027-01-04").unwrap_or_else(|e| panic!("{e}")),
            certifications: vec!["ops-cert".into()],
            study_hours: vec![],
        };
        build_sprint_plan(&role, &assess(&role, &ratings).gaps, &request).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn nothing_ticked_is_zero_and_everything_ticked_is_a_hundred() {
        let plan = plan();
        let none = progress(&plan, &BTreeSet::new());
        assert_eq!((none.tasks_done, none.hours_done, none.percent), (0, 0, 0));
        assert!(none.tasks_total > 0 && none.hours_total > 0);
        let all: BTreeSet<String> = plan.tasks().map(|t| t.key.clone()).collect();
        let full = progress(&plan, &all);
        assert_eq!((full.tasks_done, full.hours_done, full.percent), (none.tasks_total, none.hours_total, 100));
    }

    #[test]
    fn unknown_keys_count_for_nothing() {
        let ticked: BTreeSet<String> = ["no-such-task".to_owned()].into();
        assert_eq!(progress(&plan(), &ticked).tasks_done, 0);
    }

    proptest! {
        #[test]
        fn ticking_one_more_task_never_lowers_progress(picks in proptest::collection::vec(any::<bool>(), 0..200), extra in 0usize..200) {
            let plan = plan();
            let keys: Vec<String> = plan.tasks().map(|t| t.key.clone()).collect();
            let done: BTreeSet<String> = keys.iter().zip(picks.iter().chain(std::iter::repeat(&false))).filter(|(_, p)| **p).map(|(k, _)| k.clone()).collect();
            let before = progress(&plan, &done);
            let mut more = done.clone();
            more.insert(keys[extra % keys.len()].clone());
            let after = progress(&plan, &more);
            prop_assert!(after.percent >= before.percent && after.hours_done >= before.hours_done);
            prop_assert!(after.percent <= 100 && after.tasks_done <= after.tasks_total);
        }
    }
}
