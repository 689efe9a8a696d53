//! How a chart looks: `theme=light|dark` and an `accent` colour, so a chart
//! matches the partner page it sits on.

use charts_rs::Color;
use serde::Serialize;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// A chart's theme and accent, parsed from the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Style {
    pub theme: Theme,
    /// The accent as RGB; the first series is drawn in it.
    pub accent: [u8; 3],
}

/// Accents that read well on each theme's background.
const LIGHT_ACCENT: [u8; 3] = [0x25, 0x63, 0xeb];
const DARK_ACCENT: [u8; 3] = [0x60, 0xa5, 0xfa];

impl Style {
    /// `theme` is `light` (default) or `dark`; `accent` is six hex digits,
    /// with or without a leading `#` (written `%23` in a URL).
    pub fn parse(theme: Option<&str>, accent: Option<&str>) -> Result<Self, ApiError> {
        let theme = match theme {
            None | Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => {
                return Err(ApiError::invalid(
                    "theme",
                    format!("`{}` is not a theme: use light or dark", other.chars().take(40).collect::<String>()),
                ));
            }
        };
        let accent = match accent {
            None => match theme {
                Theme::Light => LIGHT_ACCENT,
                Theme::Dark => DARK_ACCENT,
            },
            Some(raw) => parse_hex(raw).ok_or_else(|| {
                ApiError::invalid("accent", "an accent is six hex digits, such as 2563eb or #2563eb (%232563eb)")
            })?,
        };
        Ok(Self { theme, accent })
    }

    /// The charts-rs theme the chart starts from.
    pub fn theme_name(&self) -> &'static str {
        match self.theme {
            Theme::Light => charts_rs::THEME_LIGHT,
            Theme::Dark => charts_rs::THEME_DARK,
        }
    }

    pub fn accent(&self) -> Color {
        Color::from((self.accent[0], self.accent[1], self.accent[2]))
    }

    /// The colour of a second series (a role's target beside a learner's
    /// ratings): neutral, so the accent stays the learner's.
    pub fn neutral(&self) -> Color {
        match self.theme {
            Theme::Light => Color::from((0x6b, 0x72, 0x80)),
            Theme::Dark => Color::from((0x9c, 0xa3, 0xaf)),
        }
    }

    pub fn text(&self) -> Color {
        match self.theme {
            Theme::Light => Color::from((0x11, 0x18, 0x27)),
            Theme::Dark => Color::from((0xe5, 0xe7, 0xeb)),
        }
    }

    pub fn background(&self) -> Color {
        match self.theme {
            Theme::Light => Color::from((0xff, 0xff, 0xff)),
            Theme::Dark => Color::from((0x10, 0x0c, 0x2a)),
        }
    }

    /// The accent as CSS (`#2563eb`).
    pub fn accent_css(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.accent[0], self.accent[1], self.accent[2])
    }
}

fn parse_hex(raw: &str) -> Option<[u8; 3]> {
    let digits = raw.strip_prefix('#').unwrap_or(raw);
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_and_accents_parse_or_say_what_to_send() {
        let style = Style::parse(Some("dark"), Some("#FF8800")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(style.theme, Theme::Dark);
        assert_eq!(style.accent, [0xff, 0x88, 0x00]);
        assert_eq!(style.accent_css(), "#ff8800");
        assert_eq!(Style::parse(None, Some("0a0b0c")).map(|s| s.accent).ok(), Some([10, 11, 12]));
        assert_eq!(Style::parse(None, None).map(|s| s.theme).ok(), Some(Theme::Light));
        for bad in ["red", "#12345", "1234567", "gg0000", "#"] {
            assert!(
                matches!(Style::parse(None, Some(bad)), Err(ApiError::InvalidParameter { ref name, .. }) if name == "accent"),
                "{bad}"
            );
        }
        assert!(
            matches!(Style::parse(Some("blue"), None), Err(ApiError::InvalidParameter { ref name, .. }) if name == "theme")
        );
    }
}
