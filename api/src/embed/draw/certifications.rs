//! The certifications table as a chart: one row per certification in the
//! role's published rank, its cost drawn as a range bar (a point when the
//! provider states one price). Costs in another currency than USD are not
//! put on the USD axis; they are named under the chart.

use charts_rs::{AxisType, GanttChart, GanttTask};
use roledex_domain::profile::Cost;
use roledex_domain::scoring::RankedCertification;

use super::{Drawn, failed, footnote, thousands};
use crate::embed::style::Style;
use crate::error::ApiError;

pub const WIDTH: f32 = 720.0;
const ROW: f32 = 44.0;
const CHROME: f32 = 130.0;

pub fn height(rows: usize) -> f32 {
    CHROME + ROW * rows.max(1) as f32
}

/// The cost as the provider states it, in words.
fn cost_words(cost: &Cost) -> String {
    match cost {
        Cost::Exact(m) => format!("{} {}", m.currency, thousands(m.amount as i64)),
        Cost::Approximate(m) => format!("about {} {}", m.currency, thousands(m.amount as i64)),
        Cost::Range { min, max } => {
            format!("{} {} to {}", min.currency, thousands(min.amount as i64), thousands(max.amount as i64))
        }
    }
}

fn bounds(cost: &Cost) -> (u64, u64, &str) {
    match cost {
        Cost::Exact(m) | Cost::Approximate(m) => (m.amount, m.amount, m.currency.as_str()),
        Cost::Range { min, max } => (min.amount, max.amount, min.currency.as_str()),
    }
}

pub fn draw(role_title: &str, rows: &[RankedCertification], style: &Style) -> Result<Drawn, ApiError> {
    let title = format!("Certifications for {role_title}, in published rank");
    let row_name = |c: &RankedCertification| format!("{}. {}", c.rank, c.certification.name);
    let mut tasks = Vec::new();
    let mut elsewhere = Vec::new();
    for c in rows {
        let (low, high, currency) = bounds(&c.certification.cost);
        if currency != "USD" {
            elsewhere.push(format!("{} ({})", c.certification.name, cost_words(&c.certification.cost)));
            continue;
        }
        tasks.push(GanttTask {
            name: cost_words(&c.certification.cost),
            start: low as f64,
            end: high as f64,
            row: Some(row_name(c)),
            color: Some(style.accent()),
            ..Default::default()
        });
    }
    let mut chart = GanttChart::new_with_theme(tasks, style.theme_name());
    chart.width = WIDTH;
    chart.height = height(rows.len());
    chart.title.text = title.clone();
    chart.sub_title.text =
        "Exam and training cost in USD: a bar spans a published range, a diamond is one price".into();
    chart.background_color = style.background();
    chart.x_axis.kind = AxisType::Value;
    chart.x_axis.min = Some(0.0);
    if !elsewhere.is_empty() {
        chart.texts.push(footnote(format!("Not on this axis (other currency): {}", elsewhere.join("; "))));
    }
    let desc = format!(
        "The role's certifications in the rank its source publishes, with their cost. {}.",
        rows.iter()
            .map(|c| format!(
                "Rank {}: {} from {}, {}",
                c.rank,
                c.certification.name,
                c.certification.provider,
                cost_words(&c.certification.cost)
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Ok(Drawn { svg: chart.svg().map_err(failed)?, title, desc, width: WIDTH, height: height(rows.len()) })
}
