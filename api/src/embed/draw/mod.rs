//! Drawing each chart from the role's data. Radar and Gantt-style charts
//! come from charts-rs; the career ladder is laid out here from charts-rs
//! shapes, because no chart type draws an unknown figure as unknown.

pub mod certifications;
pub mod ladder;
pub mod radar;
pub mod timeline;

use crate::error::ApiError;

/// A chart before its accessible name is added.
#[derive(Debug)]
pub struct Drawn {
    pub svg: String,
    /// The accessible name (`<title>`).
    pub title: String,
    /// The data in words (`<desc>`).
    pub desc: String,
    /// The declared size, in CSS pixels.
    pub width: f32,
    pub height: f32,
}

/// A line of text under a chart, with room kept for it (what was left off
/// the chart, and why).
pub fn footnote(text: String) -> charts_rs::TextConfig {
    charts_rs::TextConfig { text, left: Some(16.0), bottom: Some(8.0), reserve: true, ..Default::default() }
}

pub fn failed(error: charts_rs::Error) -> ApiError {
    ApiError::internal("drawing a chart", error)
}

/// `1500` as `1,500`.
pub fn thousands(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1500), "1,500");
        assert_eq!(super::thousands(555_000), "555,000");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}
