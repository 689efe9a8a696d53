//! The career ladder as a staircase: the role, then each level up, with the
//! compensation a source gives for it. No source gives most of these
//! figures, so an unknown is written "pay unknown" on its step; step height
//! shows seniority and never stands for pay.

use charts_rs::{Canvas, Color, DEFAULT_FONT_FAMILY, Fill, Rect, Text, measure_text_width_family};
use roledex_domain::profile::LadderLevel;

use super::{Drawn, failed, thousands};
use crate::embed::style::Style;
use crate::error::ApiError;

pub const WIDTH: f32 = 760.0;
const MARGIN: f32 = 24.0;
const HEADER: f32 = 72.0;
/// Room above each step for its title (three lines) and pay (two lines).
const TEXT_BLOCK: f32 = 86.0;
const RISE: f32 = 34.0;
const FOOT: f32 = 24.0;
const LINE: f32 = 15.0;

pub fn height(levels: usize) -> f32 {
    HEADER + TEXT_BLOCK + RISE * (levels + 1) as f32 + FOOT
}

/// Words laid out in lines no wider than `width` at `size`.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let fits = |line: &str| {
        measure_text_width_family(DEFAULT_FONT_FAMILY, size, line).map(|b| b.width() <= width).unwrap_or(true)
    };
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

fn pay(level: &LadderLevel) -> String {
    match &level.compensation {
        None => "Pay unknown: no source gives a figure".to_owned(),
        Some(band) => {
            let as_of = band.source.as_of.map(|m| format!(", {m}")).unwrap_or_default();
            format!(
                "{} {} to {} ({}{as_of})",
                band.min.currency,
                thousands(band.min.amount as i64),
                thousands(band.max.amount as i64),
                band.source.name
            )
        }
    }
}

fn text(canvas: &mut Canvas, content: String, x: f32, y: f32, size: f32, color: Color, bold: bool) {
    canvas.text(Text {
        text: content,
        font_family: Some(DEFAULT_FONT_FAMILY.to_owned()),
        font_size: Some(size),
        font_color: Some(color),
        font_weight: bold.then(|| "bold".to_owned()),
        x: Some(x),
        y: Some(y),
        ..Default::default()
    });
}

pub fn draw(role_title: &str, ladder: &[LadderLevel], style: &Style) -> Result<Drawn, ApiError> {
    let title = format!("Career ladder from {role_title}");
    let height = height(ladder.len());
    let mut canvas = Canvas::new(WIDTH, height);
    canvas.rect(Rect { fill: Some(Fill::Solid(style.background())), width: WIDTH, height, ..Default::default() });
    text(&mut canvas, title.clone(), MARGIN, 32.0, 18.0, style.text(), true);
    text(
        &mut canvas,
        "Each step is one level up; its height shows seniority, not pay.".to_owned(),
        MARGIN,
        54.0,
        12.0,
        style.neutral(),
        false,
    );
    let steps = ladder.len() + 1;
    let column = (WIDTH - 2.0 * MARGIN) / steps as f32;
    let base = height - FOOT;
    for step in 0..steps {
        let x = MARGIN + step as f32 * column;
        let top = base - (step + 1) as f32 * RISE;
        let (name, pay_line, color) = match step.checked_sub(1).and_then(|i| ladder.get(i)) {
            None => (role_title.to_owned(), "This role".to_owned(), style.neutral()),
            Some(level) => (level.title.clone(), pay(level), style.accent()),
        };
        canvas.rect(Rect {
            fill: Some(Fill::Solid(color.with_alpha(90 + (165 * step / steps.max(1)) as u8))),
            left: x + 2.0,
            top,
            width: column - 4.0,
            height: base - top,
            rx: Some(4.0),
            ry: Some(4.0),
            ..Default::default()
        });
        let width = column - 8.0;
        let pay_lines: Vec<String> = wrap(&pay_line, 11.0, width).into_iter().take(2).collect();
        let title_lines: Vec<String> = wrap(&name, 13.0, width).into_iter().take(3).collect();
        let mut y = top - 8.0 - LINE * (pay_lines.len() + title_lines.len()).saturating_sub(1) as f32;
        for line in title_lines {
            text(&mut canvas, line, x + 4.0, y, 13.0, style.text(), true);
            y += LINE;
        }
        for line in pay_lines {
            text(&mut canvas, line, x + 4.0, y, 11.0, style.neutral(), false);
            y += LINE;
        }
    }
    let desc = format!(
        "The levels up from {role_title}, lowest first. {}.",
        ladder.iter().map(|l| format!("{}: {}", l.title, pay(l).to_lowercase())).collect::<Vec<_>>().join("; ")
    );
    Ok(Drawn { svg: canvas.svg().map_err(failed)?, title, desc, width: WIDTH, height })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(title: &str, pay: Option<(i64, i64)>) -> LadderLevel {
        use roledex_domain::profile::{CompensationBand, Source};
        use roledex_domain::values::{Currency, Money, YearMonth};
        let usd = |amount| Currency::parse("USD").and_then(|c| Money::new(amount, c));
        LadderLevel {
            title: title.into(),
            scope: "scope".into(),
            growth: Vec::new(),
            note: None,
            compensation: pay.and_then(|(min, max)| {
                Some(CompensationBand {
                    min: usd(min).ok()?,
                    max: usd(max).ok()?,
                    source: Source { name: "A Survey".into(), url: None, as_of: YearMonth::parse("2026-01").ok() },
                })
            }),
        }
    }

    #[test]
    fn a_sourced_figure_is_written_with_its_source_and_an_unknown_as_unknown() {
        let ladder = [level("Lead", Some((180_000, 250_000))), level("Director", None)];
        let style = crate::embed::style::Style::parse(None, None).unwrap_or_else(|e| panic!("{e}"));
        let drawn = draw("A Role", &ladder, &style).unwrap_or_else(|e| panic!("{e}"));
        assert!(drawn.svg.contains("USD 180,000"), "{}", drawn.svg);
        assert_eq!(drawn.svg.matches("Pay unknown").count(), 1);
        assert!(drawn.desc.contains("Lead: usd 180,000 to 250,000") && drawn.desc.contains("Director: pay unknown"));
        assert_eq!(drawn.height, height(2));
    }

    #[test]
    fn words_wrap_within_the_width_and_keep_their_order() {
        let lines = wrap("Senior / Lead AI Safety Manager of many teams", 13.0, 90.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "Senior / Lead AI Safety Manager of many teams");
        assert_eq!(wrap("", 13.0, 90.0), Vec::<String>::new());
    }
}
