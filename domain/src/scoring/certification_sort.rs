//! Sorting the certifications table. Every order is total and stable: ties
//! fall back to the published rank, so the same request always gives the same
//! table. An unknown value score sorts after every known one in both directions.

use std::cmp::Ordering;

use super::RankedCertification;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificationSort {
    Rank,
    Name,
    Provider,
    Cost,
    Value,
}

impl CertificationSort {
    pub const ALL: [CertificationSort; 5] = [Self::Rank, Self::Name, Self::Provider, Self::Cost, Self::Value];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rank => "rank",
            Self::Name => "name",
            Self::Provider => "provider",
            Self::Cost => "cost",
            Self::Value => "value",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The order a user expects when none is given: best value first, cheapest first, A to Z.
    pub fn default_order(self) -> SortOrder {
        match self {
            Self::Value => SortOrder::Desc,
            _ => SortOrder::Asc,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Asc, Self::Desc].into_iter().find(|o| o.as_str() == raw)
    }
}

pub fn sort_certifications(items: &mut [RankedCertification], by: CertificationSort, order: SortOrder) {
    items.sort_by(|a, b| {
        let primary = match by {
            CertificationSort::Rank => directed(a.rank.cmp(&b.rank), order),
            CertificationSort::Name => {
                directed(a.certification.name.to_lowercase().cmp(&b.certification.name.to_lowercase()), order)
            }
            CertificationSort::Provider => {
                directed(a.certification.provider.to_lowercase().cmp(&b.certification.provider.to_lowercase()), order)
            }
            CertificationSort::Cost => {
                directed(a.certification.cost.midpoint().amount.cmp(&b.certification.cost.midpoint().amount), order)
            }
            CertificationSort::Value => match (a.value.map(|v| v.score), b.value.map(|v| v.score)) {
                (Some(x), Some(y)) => directed(x.cmp(&y), order),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        primary.then(a.rank.cmp(&b.rank))
    });
}

fn directed(ordering: Ordering, order: SortOrder) -> Ordering {
    match order {
        SortOrder::Asc => ordering,
        SortOrder::Desc => ordering.reverse(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::study::{StudyEstimate, StudyHoursBasis};
    use crate::profile::Cost;
    use crate::scoring::value::tests::cert;
    use crate::scoring::{ValueInputs, ValueScore, Valued};
    use crate::values::Money;
    use proptest::prelude::*;

    fn ranked(name: &str, provider: &str, cost: u64, rank: u32, value: Option<u32>) -> RankedCertification {
        let mut certification = cert(name, Cost::Exact(Money::usd(cost)), &[]);
        certification.provider = provider.into();
        RankedCertification { certification, rank, focus: None, value: value.map(valued), covered_skills: vec![] }
    }

    fn valued(tenths: u32) -> Valued {
        let inputs = ValueInputs {
            covered_weight: 0,
            total_weight: 0,
            cost_midpoint_usd: 0,
            study: StudyEstimate { hours: 40, basis: StudyHoursBasis::PlanningDefault },
            required_experience_years: 0,
        };
        Valued { score: ValueScore::from_tenths(tenths), inputs }
    }

    fn table() -> Vec<RankedCertification> {
        vec![
            ranked("cissp", "ISC2", 749, 4, Some(120)),
            ranked("aigp", "IAPP", 724, 2, Some(300)),
            ranked("iso", "PECB", 2250, 1, None),
            ranked("crisc", "ISACA", 667, 3, Some(300)),
        ]
    }

    fn names(items: &[RankedCertification]) -> Vec<&str> {
        items.iter().map(|c| c.certification.name.as_str()).collect()
    }

    #[test]
    fn each_key_sorts_as_documented() {
        let mut t = table();
        sort_certifications(&mut t, CertificationSort::Rank, SortOrder::Asc);
        assert_eq!(names(&t), ["iso", "aigp", "crisc", "cissp"]);
        sort_certifications(&mut t, CertificationSort::Cost, SortOrder::Asc);
        assert_eq!(names(&t), ["crisc", "aigp", "cissp", "iso"]);
        sort_certifications(&mut t, CertificationSort::Provider, SortOrder::Desc);
        assert_eq!(names(&t), ["iso", "cissp", "crisc", "aigp"]);
        sort_certifications(&mut t, CertificationSort::Name, SortOrder::Asc);
        assert_eq!(names(&t), ["aigp", "cissp", "crisc", "iso"]);
    }

    #[test]
    fn value_ties_break_by_rank_and_unknown_is_last_both_ways() {
        let mut t = table();
        sort_certifications(&mut t, CertificationSort::Value, SortOrder::Desc);
        assert_eq!(names(&t), ["aigp", "crisc", "cissp", "iso"]);
        sort_certifications(&mut t, CertificationSort::Value, SortOrder::Asc);
        assert_eq!(names(&t), ["cissp", "aigp", "crisc", "iso"]);
    }

    proptest! {
        #[test]
        fn sorting_is_a_deterministic_permutation(seed in proptest::collection::vec((0u64..5000, 0u32..1000, any::<bool>()), 1..12), key in 0usize..5, desc in any::<bool>()) {
            let items: Vec<RankedCertification> = seed.iter().enumerate()
                .map(|(i, (cost, value, known))| ranked(&format!("c{}", i % 3), "p", *cost, i as u32 + 1, known.then_some(*value)))
                .collect();
            let order = if desc { SortOrder::Desc } else { SortOrder::Asc };
            let by = CertificationSort::ALL[key];
            let mut once = items.clone();
            sort_certifications(&mut once, by, order);
            let mut reversed = items.clone();
            reversed.reverse();
            sort_certifications(&mut reversed, by, order);
            prop_assert_eq!(&once, &reversed);
            let mut ranks: Vec<u32> = once.iter().map(|c| c.rank).collect();
            ranks.sort_unstable();
            prop_assert_eq!(ranks, (1..=items.len() as u32).collect::<Vec<_>>());
        }
    }
}
