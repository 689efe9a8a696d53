use serde::{Deserialize, Serialize};

use crate::values::{Currency, HttpUrl, Money, Slug, ValueError};

/// A certification in the shared catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub slug: Slug,
    pub name: String,
    #[serde(default)]
    pub full_name: Option<String>,
    pub provider: String,
    pub cost: Cost,
    pub exam: ExamFormat,
    /// The provider's entry requirements as published; `None` when the source states none.
    #[serde(default)]
    pub prerequisites: Option<String>,
    /// Years of professional experience the provider requires before the exam.
    #[serde(default)]
    pub required_experience_years: Option<u32>,
    /// Certifications that must be held first.
    #[serde(default)]
    pub required_certifications: Vec<Slug>,
    #[serde(default)]
    pub renewal: Option<String>,
    #[serde(default)]
    pub continuing_education: Option<String>,
    pub url: HttpUrl,
    /// Catalog skills this certification builds: drives the value score and gap advice.
    #[serde(default)]
    pub builds_skills: Vec<Slug>,
}

/// What a certification costs, as precisely as the source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCost", into = "RawCost")]
pub enum Cost {
    Exact(Money),
    Approximate(Money),
    Range { min: Money, max: Money },
}

impl Cost {
    /// The amount used to compare costs: the midpoint of a range.
    pub fn midpoint(&self) -> Money {
        match *self {
            Cost::Exact(m) | Cost::Approximate(m) => m,
            Cost::Range { min, max } => Money { amount: (min.amount + max.amount) / 2, currency: min.currency },
        }
    }

    pub fn currency(&self) -> Currency {
        self.midpoint().currency
    }

    pub fn min(&self) -> Money {
        match *self {
            Cost::Exact(m) | Cost::Approximate(m) => m,
            Cost::Range { min, .. } => min,
        }
    }

    pub fn max(&self) -> Money {
        match *self {
            Cost::Exact(m) | Cost::Approximate(m) => m,
            Cost::Range { max, .. } => max,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Cost::Exact(_) => "exact",
            Cost::Approximate(_) => "approximate",
            Cost::Range { .. } => "range",
        }
    }
}

/// The content pack's spelling of a cost: `{ kind = "range", min = 1500, max = 3000, currency = "USD" }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCost {
    kind: String,
    currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
}

impl TryFrom<RawCost> for Cost {
    type Error = ValueError;
    fn try_from(raw: RawCost) -> Result<Self, ValueError> {
        let money = |v: i64| Money::new(v, raw.currency);
        match (raw.kind.as_str(), raw.amount, raw.min, raw.max) {
            ("exact", Some(a), None, None) => Ok(Cost::Exact(money(a)?)),
            ("approximate", Some(a), None, None) => Ok(Cost::Approximate(money(a)?)),
            ("range", None, Some(lo), Some(hi)) => {
                let (min, max) = (money(lo)?, money(hi)?);
                if min.amount > max.amount {
                    return Err(ValueError(format!("cost range {lo}..{hi} is reversed: min must not exceed max")));
                }
                Ok(Cost::Range { min, max })
            }
            ("exact" | "approximate", ..) => {
                Err(ValueError(format!("a `{}` cost needs `amount` and no min/max", raw.kind)))
            }
            ("range", ..) => Err(ValueError("a `range` cost needs `min` and `max` and no amount".into())),
            (other, ..) => Err(ValueError(format!("unknown cost kind `{other}`: use exact, approximate or range"))),
        }
    }
}

impl From<Cost> for RawCost {
    fn from(cost: Cost) -> RawCost {
        let currency = cost.currency();
        let (amount, min, max) = match cost {
            Cost::Exact(m) | Cost::Approximate(m) => (Some(m.amount as i64), None, None),
            Cost::Range { min, max } => (None, Some(min.amount as i64), Some(max.amount as i64)),
        };
        RawCost { kind: cost.kind().into(), currency, amount, min, max }
    }
}

/// How the exam is taken. `summary` is the human description; the numbers are
/// filled only where the source states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamFormat {
    pub summary: String,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    pub questions: Option<QuestionCount>,
    #[serde(default)]
    pub pass_mark: Option<String>,
    #[serde(default)]
    pub course_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionCount {
    pub min: u32,
    pub max: u32,
}

/// A certification as a role lists it: the published rank and why it matters here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleCertification {
    pub certification: Slug,
    pub rank: u32,
    #[serde(default)]
    pub focus: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Cost, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn cost_kinds_parse_and_roundtrip() {
        let range = parse(r#"{"kind":"range","currency":"USD","min":1500,"max":3000}"#);
        assert!(matches!(range, Ok(Cost::Range { .. })));
        let range = range.ok();
        assert_eq!(range.map(|c| c.midpoint().amount), Some(2250));
        let exact = parse(r#"{"kind":"exact","currency":"USD","amount":200}"#).ok();
        let again = exact.and_then(|c| serde_json::to_string(&c).ok()).and_then(|s| parse(&s).ok());
        assert_eq!(again, Some(Cost::Exact(Money::usd(200))));
    }

    #[test]
    fn invalid_costs_are_refused() {
        for bad in [
            r#"{"kind":"range","currency":"USD","min":3000,"max":1500}"#,
            r#"{"kind":"range","currency":"USD","amount":3000}"#,
            r#"{"kind":"exact","currency":"USD","amount":-1}"#,
            r#"{"kind":"free","currency":"USD","amount":0}"#,
            r#"{"kind":"exact","currency":"usd","amount":1}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
