//! A certification timeline as a Gantt chart: each planned certification
//! from the day its study starts to the day the learner is ready, and the
//! certifications left out named under the chart with the reason.

use charts_rs::{GanttChart, GanttTask};

use super::{Drawn, failed, footnote, thousands};
use crate::dto::{SkipReason, Timeline};
use crate::embed::style::Style;
use crate::error::ApiError;

pub const WIDTH: f32 = 760.0;
const ROW: f32 = 40.0;
const CHROME: f32 = 150.0;

pub fn height(planned: usize) -> f32 {
    CHROME + ROW * planned.max(1) as f32
}

fn seconds(date: &str) -> Result<f64, ApiError> {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() as f64)
        .map_err(|e| ApiError::internal("reading a timeline date", e))
}

fn reason(reason: SkipReason) -> &'static str {
    match reason {
        SkipReason::AlreadyHeld => "already held",
        SkipReason::NotYetEligible => "not yet eligible",
        SkipReason::OverBudget => "over budget",
        SkipReason::CostNotInUsd => "cost not in USD",
    }
}

pub fn draw(role_title: &str, timeline: &Timeline, hours_per_week: i64, style: &Style) -> Result<Drawn, ApiError> {
    let title = format!("Certification timeline for {role_title}");
    let mut tasks = Vec::with_capacity(timeline.planned.len());
    for p in &timeline.planned {
        tasks.push(GanttTask {
            name: format!("{}. {}", tasks.len() + 1, p.name),
            start: seconds(&p.starts_on)?,
            end: seconds(&p.ready_by)?,
            color: Some(style.accent()),
            ..Default::default()
        });
    }
    let mut chart = GanttChart::new_with_theme(tasks, style.theme_name());
    chart.width = WIDTH;
    chart.height = height(timeline.planned.len());
    chart.title.text = title.clone();
    chart.sub_title.text = format!(
        "Budget USD {}, {hours_per_week} study hours a week; planned cost USD {}",
        thousands(timeline.budget_usd as i64),
        thousands(timeline.total_cost_usd as i64)
    );
    chart.background_color = style.background();
    chart.empty_text = Some("Nothing fits this budget and schedule".to_owned());
    let skipped: Vec<String> = timeline.skipped.iter().map(|s| format!("{} ({})", s.name, reason(s.reason))).collect();
    if !skipped.is_empty() {
        chart.texts.push(footnote(format!("Not planned: {}", skipped.join("; "))));
    }
    let planned: Vec<String> = timeline
        .planned
        .iter()
        .map(|p| {
            format!(
                "{}: study from {} to {}, USD {}",
                p.name,
                p.starts_on,
                p.ready_by,
                thousands(p.budgeted_cost_usd as i64)
            )
        })
        .collect();
    let desc = format!(
        "Planned certifications in order. {}.{}",
        if planned.is_empty() { "None".to_owned() } else { planned.join("; ") },
        if skipped.is_empty() { String::new() } else { format!(" Not planned: {}.", skipped.join("; ")) }
    );
    Ok(Drawn { svg: chart.svg().map_err(failed)?, title, desc, width: WIDTH, height: height(timeline.planned.len()) })
}
