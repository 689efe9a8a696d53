use super::*;
use crate::guidance::assessment::{SkillRatings, assess};
use crate::guidance::fixtures::profile;
use crate::guidance::text::has_doubled_punctuation;
use proptest::prelude::*;

fn gaps(pairs: &[(&str, i64)]) -> Vec<SkillGap> {
    let role = profile();
    let raw: Vec<(String, i64)> = pairs.iter().map(|(s, l)| (s.to_string(), *l)).collect();
    let ratings = SkillRatings::new(&role, &raw).unwrap_or_else(|e| panic!("{e}"));
    assess(&role, &ratings).gaps
}

fn request(hours: i64, certs: &[&str]) -> SprintRequest {
    SprintRequest {
        hours_per_week: hours,
        start: CalendarDate::parse("2027-01-04").unwrap_or_else(|e| panic!("{e}")),
        certifications: certs.iter().map(|c| c.to_string()).collect(),
        study_hours: vec![],
    }
}

#[test]
fn thirteen_weeks_mixing_certification_and_gaps() {
    let g = gaps(&[("evals", 2), ("red-teaming", 2), ("incident-response", 3), ("governance", 2)]);
    let plan = build_sprint_plan(&profile(), &g, &request(6, &["ops-cert"])).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.weeks.len(), 13);
    assert_eq!(plan.weeks[12].ends_on.to_string(), "2027-04-04");
    // ops-cert: planning default 40 h at 3 h a week → blocks in weeks 1-14, so every week has one.
    assert!(plan.weeks.iter().all(|w| w.tasks.iter().any(|t| t.kind == TaskKind::Certification)));
    // Half of 6 h a week is 39 h in 13 weeks, one short of 40: the first week takes the extra hour.
    assert_eq!(plan.weeks[0].tasks[0].hours, 4);
    assert_eq!(plan.weeks[1].tasks[0].hours, 3);
    // evals (weighted gap 9) gets more hours than red-teaming (weighted gap 4).
    let hours_on = |skill: &str| -> u32 {
        plan.tasks().filter(|t| t.skill.as_ref().is_some_and(|s| s.as_str() == skill)).map(|t| t.hours).sum()
    };
    assert!(hours_on("evals") > hours_on("red-teaming"), "{} vs {}", hours_on("evals"), hours_on("red-teaming"));
    assert!(plan.tasks().any(|t| t.title.contains("Eval framework")));
    let mut keys: Vec<&str> = plan.tasks().map(|t| t.key.as_str()).collect();
    let n = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), n, "task keys are unique");
}

#[test]
fn certifications_alone_use_every_hour_until_done() {
    let plan =
        build_sprint_plan(&profile(), &[], &request(10, &["eval-cert", "ops-cert"])).unwrap_or_else(|e| panic!("{e}"));
    // eval-cert 40 h (course length) then ops-cert 40 h: 8 weeks at 10 h, then nothing left.
    assert_eq!(plan.weeks.iter().filter(|w| w.hours == 10).count(), 8);
    assert!(plan.weeks[8..].iter().all(|w| w.tasks.is_empty()));
    assert!(plan.weeks[3].tasks[0].title.starts_with("Finish preparing"));
}

#[test]
fn nothing_to_plan_and_bad_choices_are_errors() {
    assert!(build_sprint_plan(&profile(), &[], &request(5, &[])).is_err());
    let err = build_sprint_plan(&profile(), &[], &request(0, &["nope", "nope"])).err().map(|e| e.0).unwrap_or_default();
    let items: Vec<&str> = err.iter().map(|p| p.item.as_str()).collect();
    assert_eq!(items, ["hours_per_week", "nope", "nope"]);
}

proptest! {
    #[test]
    fn no_week_exceeds_the_learners_hours(
        hours in 1i64..=80,
        levels in proptest::collection::vec(1i64..=5, 4),
        certs in proptest::sample::subsequence(vec!["gov-cert", "eval-cert", "ops-cert"], 0..=3),
    ) {
        let names = ["evals", "red-teaming", "incident-response", "governance"];
        let pairs: Vec<(&str, i64)> = names.iter().copied().zip(levels).collect();
        let g = gaps(&pairs);
        prop_assume!(!g.is_empty() || !certs.is_empty());
        let plan = build_sprint_plan(&profile(), &g, &request(hours, &certs)).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(plan.weeks.len(), 13);
        for week in &plan.weeks {
            prop_assert!(week.hours <= hours as u32);
            prop_assert_eq!(week.tasks.iter().map(|t| t.hours).sum::<u32>(), week.hours);
            prop_assert!(week.tasks.iter().all(|t| t.hours > 0));
        }
        for (slug, estimate) in &plan.certifications {
            let given: u32 = plan.tasks().filter(|t| t.certification.as_ref() == Some(slug)).map(|t| t.hours).sum();
            prop_assert!(given <= estimate.hours);
        }
        // Every generated sentence ends once: no "minutes.. Provider".
        for task in plan.tasks() {
            prop_assert!(!has_doubled_punctuation(&task.title), "{}", task.title);
            prop_assert!(!has_doubled_punctuation(&task.detail), "{}", task.detail);
            prop_assert!(!task.detail.contains("No learning resource"), "{}", task.detail);
        }
        // When the 13 weeks have the hours, every certification reaches "book the exam";
        // when they do not, its last block says how many hours remain.
        let needed: u32 = plan.certifications.iter().map(|(_, e)| e.hours).sum();
        for (slug, _) in &plan.certifications {
            // Certifications are studied in the order chosen: one the hours never reach has no task.
            let Some(last) = plan.tasks().filter(|t| t.certification.as_ref() == Some(slug)).last() else {
                prop_assert!(needed > hours as u32 * SPRINT_WEEKS);
                continue;
            };
            let title = last.title.as_str();
            if needed <= hours as u32 * SPRINT_WEEKS {
                prop_assert!(title.ends_with("and book the exam"), "{slug}: {title}");
            } else {
                prop_assert!(title.ends_with("book the exam"), "{slug}: {title}");
            }
        }
    }
}

#[test]
fn one_hour_short_still_reaches_the_exam() {
    // ops-cert needs 40 h; 6 h a week with gaps gives it 3 h a week: 39 h in 13 weeks at the
    // usual share, one hour short, so the last week gives it one more and the exam is booked.
    let g = gaps(&[("evals", 2), ("red-teaming", 2)]);
    let plan = build_sprint_plan(&profile(), &g, &request(6, &["ops-cert"])).unwrap_or_else(|e| panic!("{e}"));
    let last = plan.tasks().filter(|t| t.kind == TaskKind::Certification).last().map(|t| t.title.clone());
    assert_eq!(last.as_deref(), Some("Finish preparing for OPS-CERT and book the exam"));
    let given: u32 = plan.tasks().filter(|t| t.kind == TaskKind::Certification).map(|t| t.hours).sum();
    assert_eq!(given, 39 + 1);
    // With 1 h a week there is no way: the last week says what remains.
    let plan = build_sprint_plan(&profile(), &[], &request(1, &["ops-cert"])).unwrap_or_else(|e| panic!("{e}"));
    let last = plan.tasks().last().map(|t| t.title.clone()).unwrap_or_default();
    assert_eq!(last, "Keep preparing for OPS-CERT: 27 study hours remain after this plan, then book the exam");
}
