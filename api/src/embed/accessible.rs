//! The finishing touches every chart gets: `role="img"` with a `<title>` and
//! a `<desc>` a screen reader announces (the desc states the data, so the
//! chart is readable without seeing it), and a font stack, because the
//! measuring font (Roboto, built into charts-rs) may not be on the viewer's
//! machine.

use crate::error::ApiError;

/// The family charts-rs writes and measures text with.
const MEASURED_FAMILY: &str = "font-family=\"Roboto\"";
const FONT_STACK: &str = "font-family=\"Roboto, 'Helvetica Neue', Helvetica, Arial, sans-serif\"";

/// Escapes text for XML and HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Adds the accessible name and description to a rendered chart (charts-rs
/// writes them as the root's first children, with `role="img"`).
pub fn finish(svg: &str, title: &str, desc: &str) -> Result<String, ApiError> {
    if !svg.starts_with("<svg") {
        return Err(ApiError::internal("finishing a chart", "the chart library returned no <svg> element"));
    }
    Ok(charts_rs::svg_with_accessibility(svg, title, desc).replace(MEASURED_FAMILY, FONT_STACK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_and_description_come_first_and_are_escaped() {
        let svg = "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\">\n<text font-family=\"Roboto\">a</text></svg>";
        let done = finish(svg, "R&D <chart>", "Levels high").unwrap_or_else(|e| panic!("{e}"));
        assert!(done.starts_with(
            "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n<title>R&amp;D &lt;chart&gt;</title>\n<desc>Levels high</desc>"
        ), "{done}");
        assert!(done.contains(FONT_STACK) && !done.contains(MEASURED_FAMILY));
        assert!(finish("not svg", "t", "d").is_err());
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
