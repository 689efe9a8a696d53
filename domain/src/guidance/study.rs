//! How many hours of preparation a plan budgets for a certification.
//!
//! No source states preparation time. A plan therefore uses, in order: the
//! learner's own estimate; for a certification built around a course, the
//! course length (days × 8 hours); otherwise a planning default of 40 hours.
//! The basis is returned with every figure, so no estimate passes for a
//! sourced fact.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{InputProblem, InvalidSubmission};
use crate::profile::{Certification, ProfileCertification};
use crate::values::Slug;

pub const PLANNING_DEFAULT_HOURS: u32 = 40;
pub const COURSE_DAY_HOURS: u32 = 8;
pub const MAX_STUDY_HOURS: i64 = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StudyHoursBasis {
    /// The learner's own estimate.
    Learner,
    /// The provider's course length, days × 8 hours.
    CourseLength,
    /// Roledex's planning default; no source states a figure.
    PlanningDefault,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyEstimate {
    pub hours: u32,
    pub basis: StudyHoursBasis,
}

/// The learner's own estimates, checked against the role's certifications.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StudyOverrides(BTreeMap<Slug, u32>);

impl StudyOverrides {
    pub fn new(certifications: &[ProfileCertification], raw: &[(String, i64)]) -> Result<Self, InvalidSubmission> {
        let mut problems = Vec::new();
        let mut hours = BTreeMap::new();
        for (key, value) in raw {
            let Some(cert) = certifications.iter().find(|c| c.certification.slug.as_str() == key) else {
                problems.push(InputProblem { item: key.clone(), message: "not a certification of this role".into() });
                continue;
            };
            if !(1..=MAX_STUDY_HOURS).contains(value) {
                problems.push(InputProblem {
                    item: key.clone(),
                    message: format!("study hours must be 1 to {MAX_STUDY_HOURS}"),
                });
                continue;
            }
            if hours.insert(cert.certification.slug.clone(), *value as u32).is_some() {
                problems.push(InputProblem { item: key.clone(), message: "given more than once".into() });
            }
        }
        if problems.is_empty() { Ok(Self(hours)) } else { Err(InvalidSubmission(problems)) }
    }
}

pub fn study_estimate(certification: &Certification, overrides: &StudyOverrides) -> StudyEstimate {
    if let Some(hours) = overrides.0.get(&certification.slug) {
        return StudyEstimate { hours: *hours, basis: StudyHoursBasis::Learner };
    }
    match certification.exam.course_days {
        Some(days) if days > 0 => {
            StudyEstimate { hours: days * COURSE_DAY_HOURS, basis: StudyHoursBasis::CourseLength }
        }
        _ => StudyEstimate { hours: PLANNING_DEFAULT_HOURS, basis: StudyHoursBasis::PlanningDefault },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::fixtures::{profile, slug};

    #[test]
    fn learner_then_course_then_default() {
        let role = profile();
        let certs = &role.certifications;
        let none = StudyOverrides::default();
        let eval = &certs[1].certification;
        assert_eq!(study_estimate(eval, &none), StudyEstimate { hours: 40, basis: StudyHoursBasis::CourseLength });
        assert_eq!(study_estimate(&certs[0].certification, &none).basis, StudyHoursBasis::PlanningDefault);
        let mine = StudyOverrides::new(certs, &[("eval-cert".into(), 12)]).unwrap_or_default();
        assert_eq!(study_estimate(eval, &mine), StudyEstimate { hours: 12, basis: StudyHoursBasis::Learner });
        assert!(StudyOverrides::new(certs, &[("nope".into(), 10)]).is_err());
        assert!(StudyOverrides::new(certs, &[("eval-cert".into(), 0)]).is_err());
        let _ = slug("eval-cert");
    }
}
