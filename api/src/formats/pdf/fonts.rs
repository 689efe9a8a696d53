//! The four standard PDF fonts the documents use (every PDF reader has them,
//! so nothing is embedded), their glyph widths for line breaking, and the
//! WinAnsi encoding their text is written in.

use pdf_writer::Name;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
    Italic,
    Mono,
}

impl Font {
    pub const ALL: [Font; 4] = [Font::Regular, Font::Bold, Font::Italic, Font::Mono];

    /// The resource name a page refers to the font by.
    pub fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
            Font::Italic => Name(b"F3"),
            Font::Mono => Name(b"F4"),
        }
    }

    /// The standard font's PostScript name.
    pub fn base_font(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"Helvetica"),
            Font::Bold => Name(b"Helvetica-Bold"),
            Font::Italic => Name(b"Helvetica-Oblique"),
            Font::Mono => Name(b"Courier"),
        }
    }

    /// Width of `text` at `size` points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.glyph_width(c)).sum();
        units as f32 * size / 1000.0
    }

    /// Advance width in thousandths of the font size (the fonts' AFM metrics
    /// for ASCII; close values for the few other characters the pack uses).
    fn glyph_width(self, c: char) -> u32 {
        if self == Font::Mono {
            return 600;
        }
        let bold = self == Font::Bold;
        let table = if bold { &BOLD } else { &REGULAR };
        match c {
            ' '..='~' => u32::from(table[c as usize - 32]),
            '\u{2018}' | '\u{2019}' => {
                if bold {
                    278
                } else {
                    222
                }
            }
            '\u{201C}' | '\u{201D}' => {
                if bold {
                    500
                } else {
                    333
                }
            }
            '\u{2013}' => 556,
            '\u{2014}' | '\u{2026}' => 1000,
            '\u{2022}' => 350,
            _ => {
                if bold {
                    611
                } else {
                    556
                }
            }
        }
    }
}

/// Helvetica, characters 32 to 126.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];

/// Helvetica-Bold, characters 32 to 126.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584,
];

/// `text` in WinAnsiEncoding; a character it cannot write becomes `?`.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{A0}'..='\u{FF}' => c as u32 as u8,
            '\u{20AC}' => 0x80,
            '\u{2026}' => 0x85,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2022}' => 0x95,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2122}' => 0x99,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_metrics_and_bold_is_wider() {
        assert_eq!(Font::Regular.width("i", 1000.0), 222.0);
        assert_eq!(Font::Mono.width("iW", 10.0), 12.0);
        assert!(Font::Bold.width("Roledex", 10.0) > Font::Regular.width("Roledex", 10.0));
        assert_eq!(win_ansi("a\u{2014}é\u{2192}"), vec![b'a', 0x97, 0xE9, b'?']);
    }
}
