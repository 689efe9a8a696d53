use serde::{Deserialize, Serialize};

use super::Source;
use crate::values::Money;

/// Demand intelligence: how much the market wants the role, who hires, what it pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    pub level: DemandLevel,
    pub summary: String,
    #[serde(default)]
    pub regulatory_drivers: Vec<String>,
    #[serde(default)]
    pub hiring_industries: Vec<HiringIndustry>,
    #[serde(default)]
    pub salary_data_points: Vec<SalaryDataPoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandLevel {
    Low,
    Moderate,
    High,
    VeryHigh,
}

impl DemandLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Moderate => "moderate",
            Self::High => "high",
            Self::VeryHigh => "very_high",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Low, Self::Moderate, Self::High, Self::VeryHigh].into_iter().find(|d| d.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HiringIndustry {
    pub industry: String,
    pub employers: Vec<String>,
}

/// One published pay figure, never an estimate: amount, period, equity and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalaryDataPoint {
    pub title: String,
    pub employer: String,
    pub base: Money,
    pub period: PayPeriod,
    pub plus_equity: bool,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayPeriod {
    Annual,
    Monthly,
    Hourly,
}

impl PayPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Annual => "annual",
            Self::Monthly => "monthly",
            Self::Hourly => "hourly",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Annual, Self::Monthly, Self::Hourly].into_iter().find(|p| p.as_str() == raw)
    }
}
