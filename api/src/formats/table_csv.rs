//! The certifications table as CSV (RFC 4180: CRLF line ends, quotes where
//! a field needs them, a header row), for a spreadsheet. A field a source
//! does not give is empty, never zero.

use roledex_domain::profile::Cost;
use roledex_domain::scoring::RankedCertification;

use crate::error::ApiError;

pub const HEADER: [&str; 14] = [
    "rank",
    "certification",
    "name",
    "full_name",
    "provider",
    "cost_kind",
    "cost_min",
    "cost_max",
    "currency",
    "value_score",
    "required_experience_years",
    "covered_skills",
    "focus",
    "url",
];

fn cost(cost: &Cost) -> (&'static str, u64, u64, String) {
    match cost {
        Cost::Exact(m) => ("exact", m.amount, m.amount, m.currency.to_string()),
        Cost::Approximate(m) => ("approximate", m.amount, m.amount, m.currency.to_string()),
        Cost::Range { min, max } => ("range", min.amount, max.amount, min.currency.to_string()),
    }
}

pub fn certifications(rows: &[RankedCertification]) -> Result<Vec<u8>, ApiError> {
    let failed = |e: csv::Error| ApiError::internal("writing the certifications as CSV", e);
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(HEADER).map_err(failed)?;
    for row in rows {
        let c = &row.certification;
        let (kind, min, max, currency) = cost(&c.cost);
        writer
            .write_record([
                row.rank.to_string(),
                c.slug.to_string(),
                c.name.clone(),
                c.full_name.clone().unwrap_or_default(),
                c.provider.clone(),
                kind.to_owned(),
                min.to_string(),
                max.to_string(),
                currency,
                row.value.as_ref().map(|v| format!("{:.1}", v.score.points())).unwrap_or_default(),
                c.required_experience_years.map(|y| y.to_string()).unwrap_or_default(),
                row.covered_skills.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(";"),
                row.focus.clone().unwrap_or_default(),
                c.url.to_string(),
            ])
            .map_err(failed)?;
    }
    writer.into_inner().map_err(|e| ApiError::internal("writing the certifications as CSV", e))
}
