//! The skills radar: a role's target level per skill area, and a learner's
//! ratings against it. A role with fewer than three areas is drawn as bars
//! (a radar needs three axes).

use charts_rs::{BarChart, RadarChart, RadarIndicator, Series};
use roledex_domain::guidance::assessment::RadarPoint;
use roledex_domain::scoring::RadarAxis;

use super::{Drawn, failed};
use crate::embed::style::Style;
use crate::error::ApiError;

pub const WIDTH: f32 = 640.0;
pub const HEIGHT: f32 = 460.0;

struct Axes {
    names: Vec<String>,
    /// (series name, values, is the accent series)
    series: Vec<(String, Vec<f32>)>,
}

fn draw(title: &str, axes: Axes, style: &Style) -> Result<String, ApiError> {
    let series: Vec<Series> =
        axes.series.iter().map(|(name, values)| Series::new(name.clone(), values.clone())).collect();
    let colors = if series.len() > 1 { vec![style.neutral(), style.accent()] } else { vec![style.accent()] };
    if axes.names.len() >= 3 {
        let indicators = axes.names.iter().map(|n| RadarIndicator::from((n.as_str(), 5.0))).collect();
        let mut chart = RadarChart::new_with_theme(series, indicators, style.theme_name());
        chart.width = WIDTH;
        chart.height = HEIGHT;
        chart.title.text = title.to_owned();
        chart.background_color = style.background();
        chart.series.colors = colors;
        chart.svg().map_err(failed)
    } else {
        let mut chart = BarChart::new_with_theme(series, axes.names, style.theme_name());
        chart.width = WIDTH;
        chart.height = HEIGHT;
        chart.title.text = title.to_owned();
        chart.background_color = style.background();
        chart.series.colors = colors;
        chart.y_axis_configs[0].min = Some(0.0);
        chart.y_axis_configs[0].max = Some(5.0);
        chart.svg().map_err(failed)
    }
}

/// Levels written as a reader says them: `4.5 of 5`.
fn level(value: f64) -> String {
    format!("{value:.1} of 5")
}

pub fn role(role_title: &str, radar: &[RadarAxis], style: &Style) -> Result<Drawn, ApiError> {
    let title = format!("{role_title}: target skill levels");
    let axes = Axes {
        names: radar.iter().map(|a| a.dimension.label().to_owned()).collect(),
        series: vec![("Target".to_owned(), radar.iter().map(|a| a.target_level as f32).collect())],
    };
    let desc = format!(
        "Radar of the target level (1 to 5) for each skill area of the role. {}.",
        radar
            .iter()
            .map(|a| format!("{}: {}", a.dimension.label(), level(a.target_level)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Ok(Drawn { svg: draw(&title, axes, style)?, title, desc, width: WIDTH, height: HEIGHT })
}

pub fn learner(role_title: &str, points: &[RadarPoint], skills_score: u8, style: &Style) -> Result<Drawn, ApiError> {
    let title = format!("Your skills against the {role_title} target");
    let axes = Axes {
        names: points.iter().map(|p| p.dimension.label().to_owned()).collect(),
        series: vec![
            ("Target".to_owned(), points.iter().map(|p| p.target_level as f32).collect()),
            ("You".to_owned(), points.iter().map(|p| p.self_level as f32).collect()),
        ],
    };
    let desc = format!(
        "Radar of self-rated skill levels against the role's target, by skill area (1 to 5; unrated skills count 0). \
         Skills score {skills_score} of 100. {}.",
        points
            .iter()
            .map(|p| format!("{}: you {}, target {}", p.dimension.label(), level(p.self_level), level(p.target_level)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Ok(Drawn { svg: draw(&title, axes, style)?, title, desc, width: WIDTH, height: HEIGHT })
}
