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
        order: TimelineOrder::Rank,
        years_experience: None,
    }
}

fn order(t: &CertificationTimeline) -> Vec<&str> {
    t.planned.iter().map(|p| p.certification.as_str()).collect()
}

#[test]
fn published_rank_first_by_default_and_value_when_asked() {
    let t = plan_certifications(&profile(), &request(5_000, 10)).unwrap_or_else(|e| panic!("{e}"));
    let ranks: Vec<u32> = t.planned.iter().map(|p| p.rank).collect();
    assert_eq!(ranks, [1, 2, 3]);
    assert!(t.planned[0].why.starts_with("Published rank 1 of 3;"), "{}", t.planned[0].why);
    // Value: eval-cert covers 23/31 at $1000 for 40 h → 18.5; ops-cert 6/31 at $200, 40 h → 8.1;
    // gov-cert 2/31 at $700, 40 h → 1.9.
    let mut by_value = request(5_000, 10);
    by_value.order = TimelineOrder::Value;
    let t = plan_certifications(&profile(), &by_value).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(order(&t), ["eval-cert", "ops-cert", "gov-cert"]);
    assert!(t.planned[0].why.starts_with("Value score"), "{}", t.planned[0].why);
    let first = &t.planned[0];
    assert_eq!((first.study.hours, first.weeks), (40, 4));
    assert_eq!((first.starts_on.to_string(), first.ready_by.to_string()), ("2027-01-04".into(), "2027-01-31".into()));
    assert_eq!(t.planned[1].starts_on.to_string(), "2027-02-01");
    assert_eq!(t.total_cost_usd, 1_900);
}

#[test]
fn budget_skips_what_does_not_fit_but_keeps_looking() {
    let mut r = request(900, 10);
    r.order = TimelineOrder::Value;
    let t = plan_certifications(&profile(), &r).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(order(&t), ["ops-cert", "gov-cert"]);
    assert!(matches!(t.skipped[0].reason, SkipReason::OverBudget { cost_usd: 1000, remaining_usd: 900 }));
    assert_eq!(t.skipped[0].why, "Left out: it costs up to USD 1000 and USD 900 of the budget is left.");
}

#[test]
fn a_certification_the_learner_cannot_take_yet_is_not_yet_eligible() {
    let mut p = profile();
    let gated = p.certifications.iter_mut().find(|c| c.certification.slug.as_str() == "ops-cert");
    let gated = gated.unwrap_or_else(|| panic!("ops-cert"));
    gated.certification.required_experience_years = Some(5);
    gated.certification.required_certifications = vec![Slug::parse("gov-cert").unwrap_or_else(|e| panic!("{e}"))];
    let t = plan_certifications(&p, &request(5_000, 10)).unwrap_or_else(|e| panic!("{e}"));
    assert!(!order(&t).contains(&"ops-cert"));
    let skipped = t.skipped.iter().find(|s| s.certification.as_str() == "ops-cert").unwrap_or_else(|| panic!("skip"));
    assert!(matches!(skipped.reason, SkipReason::NotYetEligible { required_years: 5, stated_years: None, .. }));
    assert!(skipped.why.contains("5 years of experience (state yours"), "{}", skipped.why);

    let mut experienced = request(5_000, 10);
    experienced.years_experience = Some(6);
    let t = plan_certifications(&p, &experienced).unwrap_or_else(|e| panic!("{e}"));
    let ops = order(&t).iter().position(|s| *s == "ops-cert");
    let gov = order(&t).iter().position(|s| *s == "gov-cert");
    // ops-cert needs gov-cert first: by rank it comes before gov-cert, so it waits.
    match (ops, gov) {
        (Some(o), Some(g)) => assert!(g < o),
        (None, Some(_)) => {
            let skipped =
                t.skipped.iter().find(|s| s.certification.as_str() == "ops-cert").unwrap_or_else(|| panic!("skip"));
            assert!(skipped.why.contains("first"), "{}", skipped.why);
        }
        other => panic!("{other:?}"),
    }
    let mut r = request(5_000, 10);
    r.years_experience = Some(61);
    assert!(plan_certifications(&p, &r).is_err());
    assert!(plan_certifications(&p, &request(i64::from(i32::MAX) + 1, 10)).is_err());
    assert!(plan_certifications(&p, &request(i64::from(i32::MAX), 10)).is_ok());
}

#[test]
fn held_certifications_and_bad_input() {
    let mut r = request(5_000, 10);
    r.held = vec!["eval-cert".into()];
    let t = plan_certifications(&profile(), &r).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(order(&t), ["gov-cert", "ops-cert"]);
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
        prop_assert!(t.planned.iter().all(|p| !p.why.is_empty()) && t.skipped.iter().all(|s| !s.why.is_empty()));
    }
}
