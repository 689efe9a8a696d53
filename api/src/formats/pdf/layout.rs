//! Lays blocks out on US Letter pages: words wrapped to the measure, lists
//! indented with their markers, tables with columns sized to their content
//! (the head repeated on each page a table runs onto), a page break before
//! a heading that would be left alone at the foot of a page.

use pdf_writer::{Content, Str};

use super::blocks::{Block, Marker, Run};
use super::fonts::{Font, win_ansi};

pub const PAGE_WIDTH: f32 = 612.0;
pub const PAGE_HEIGHT: f32 = 792.0;
pub const MARGIN: f32 = 56.0;
const BODY: f32 = 10.5;
const INDENT: f32 = 16.0;
const CELL_PADDING: f32 = 4.0;
const MIN_ROW: f32 = 18.0;

/// A word: the pieces of text between two spaces, possibly in several fonts.
#[derive(Debug, Default, Clone)]
struct Word {
    parts: Vec<(String, Font)>,
    width: f32,
}

fn words(runs: &[Run], size: f32) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = Word::default();
    for run in runs {
        for (i, piece) in run.text.split(char::is_whitespace).enumerate() {
            if i > 0 && !current.parts.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            if !piece.is_empty() {
                current.width += run.font.width(piece, size);
                current.parts.push((piece.to_owned(), run.font));
            }
        }
    }
    if !current.parts.is_empty() {
        words.push(current);
    }
    words
}

/// Words in lines no wider than `width` (a word wider than that has a line of its own).
fn lines(words: Vec<Word>, width: f32, size: f32) -> Vec<Vec<Word>> {
    let space = Font::Regular.width(" ", size);
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut used = 0.0;
    for word in words {
        match lines.last_mut() {
            Some(line) if !line.is_empty() && used + space + word.width <= width => {
                used += space + word.width;
                line.push(word);
            }
            _ => {
                used = word.width;
                lines.push(vec![word]);
            }
        }
    }
    lines
}

fn line_height(size: f32) -> f32 {
    size * 1.4
}

pub struct Pages {
    pub pages: Vec<Content>,
    page: Content,
    y: f32,
}

impl Pages {
    fn new() -> Self {
        Self { pages: Vec::new(), page: Content::new(), y: PAGE_HEIGHT - MARGIN }
    }

    fn break_page(&mut self) {
        let done = std::mem::replace(&mut self.page, Content::new());
        self.pages.push(done);
        self.y = PAGE_HEIGHT - MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < MARGIN && self.y < PAGE_HEIGHT - MARGIN {
            self.break_page();
        }
    }

    fn draw_line(&mut self, line: &[Word], x: f32, baseline: f32, size: f32) {
        let space = Font::Regular.width(" ", size);
        let mut x = x;
        for word in line {
            for (text, font) in &word.parts {
                self.page.begin_text();
                self.page.set_font(font.resource(), size);
                self.page.next_line(x, baseline);
                self.page.show(Str(&win_ansi(text)));
                self.page.end_text();
                x += font.width(text, size);
            }
            x += space;
        }
    }

    /// Wrapped text from the cursor down, at `x` within `width`.
    fn text(&mut self, runs: &[Run], x: f32, width: f32, size: f32) {
        let lh = line_height(size);
        for line in lines(words(runs, size), width, size) {
            self.room(lh);
            self.y -= lh;
            self.draw_line(&line, x, self.y + size * 0.3, size);
        }
    }

    fn marker(&mut self, marker: Marker, x: f32, size: f32) {
        let baseline = self.y - line_height(size) + size * 0.3;
        match marker {
            Marker::Bullet | Marker::Number(_) => {
                let label = match marker {
                    Marker::Number(n) => format!("{n}."),
                    _ => "\u{2022}".to_owned(),
                };
                let word = Word { parts: vec![(label, Font::Regular)], width: 0.0 };
                self.draw_line(&[word], x, baseline, size);
            }
            Marker::Task { done } => {
                let side = size * 0.75;
                self.page.set_line_width(0.7);
                self.page.rect(x, baseline, side, side);
                self.page.stroke();
                if done {
                    self.page.move_to(x + side * 0.2, baseline + side * 0.5);
                    self.page.line_to(x + side * 0.45, baseline + side * 0.2);
                    self.page.line_to(x + side * 0.85, baseline + side * 0.85);
                    self.page.stroke();
                }
            }
        }
    }

    fn block(&mut self, block: &Block) {
        let left = MARGIN;
        let measure = PAGE_WIDTH - 2.0 * MARGIN;
        match block {
            Block::Heading { level, runs } => {
                let size = match level {
                    1 => 18.0,
                    2 => 14.0,
                    _ => 12.0,
                };
                let bold: Vec<Run> = runs.iter().map(|r| Run { text: r.text.clone(), font: Font::Bold }).collect();
                // The heading and three lines of what follows, or a new page.
                self.room(size * 0.8 + line_height(size) + 3.0 * line_height(BODY));
                self.y -= size * 0.8;
                self.text(&bold, left, measure, size);
                self.y -= 2.0;
            }
            Block::Paragraph { runs, depth, marker } => {
                let indent = INDENT * f32::from(*depth);
                self.room(line_height(BODY));
                if let Some(marker) = marker {
                    self.marker(*marker, left + indent - INDENT + 4.0, BODY);
                }
                self.text(runs, left + indent, measure - indent, BODY);
                self.y -= if *depth > 0 { 1.5 } else { 5.0 };
            }
            Block::Code(code) => {
                // As written: spaces kept, long lines cut at the measure (a monospaced font).
                let size = 9.0;
                let per_line = ((measure - INDENT) / Font::Mono.width("m", size)).floor().max(1.0) as usize;
                for line in code.lines() {
                    let chars: Vec<char> = line.chars().collect();
                    for piece in chars.chunks(per_line).map(|c| c.iter().collect::<String>()).chain(
                        // An empty line still takes its height.
                        chars.is_empty().then(String::new),
                    ) {
                        let lh = line_height(size);
                        self.room(lh);
                        self.y -= lh;
                        let word = Word { parts: vec![(piece, Font::Mono)], width: 0.0 };
                        self.draw_line(&[word], left + INDENT, self.y + size * 0.3, size);
                    }
                }
                self.y -= 5.0;
            }
            Block::Rule => {
                self.room(12.0);
                self.y -= 6.0;
                self.page.set_line_width(0.5);
                self.page.move_to(left, self.y);
                self.page.line_to(left + measure, self.y);
                self.page.stroke();
                self.y -= 6.0;
            }
            Block::Table { rows, header } => self.table(rows, *header, left, measure),
        }
    }

    fn table(&mut self, rows: &[Vec<Vec<Run>>], header: usize, left: f32, measure: f32) {
        let size = BODY - 1.0;
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let widths = column_widths(rows, columns, measure, size);
        let mut head: Vec<&Vec<Vec<Run>>> = Vec::new();
        self.y -= 4.0;
        for (i, row) in rows.iter().enumerate() {
            let is_head = i < header;
            let height = row_height(row, &widths, size);
            if self.y - height < MARGIN {
                self.break_page();
                for repeated in head.clone() {
                    self.row(repeated, &widths, left, size, true);
                }
            }
            self.row(row, &widths, left, size, is_head);
            if is_head {
                head.push(row);
            }
        }
        self.y -= 8.0;
    }

    fn row(&mut self, row: &[Vec<Run>], widths: &[f32], left: f32, size: f32, head: bool) {
        let height = row_height(row, widths, size);
        let top = self.y;
        let mut x = left;
        for (column, width) in widths.iter().enumerate() {
            if head {
                self.page.set_fill_rgb(0.92, 0.93, 0.95);
                self.page.rect(x, top - height, *width, height);
                self.page.fill_nonzero();
                self.page.set_fill_rgb(0.0, 0.0, 0.0);
            }
            self.page.set_line_width(0.5);
            self.page.rect(x, top - height, *width, height);
            self.page.stroke();
            let cell: Vec<Run> = row
                .get(column)
                .map(|runs| {
                    runs.iter()
                        .map(|r| Run { text: r.text.clone(), font: if head { Font::Bold } else { r.font } })
                        .collect()
                })
                .unwrap_or_default();
            let lh = line_height(size);
            let mut baseline = top - CELL_PADDING - lh + size * 0.3;
            for line in lines(words(&cell, size), width - 2.0 * CELL_PADDING, size) {
                self.draw_line(&line, x + CELL_PADDING, baseline, size);
                baseline -= lh;
            }
            x += width;
        }
        self.y = top - height;
    }
}

fn row_height(row: &[Vec<Run>], widths: &[f32], size: f32) -> f32 {
    let most = row
        .iter()
        .zip(widths)
        .map(|(cell, width)| lines(words(cell, size), width - 2.0 * CELL_PADDING, size).len())
        .max()
        .unwrap_or(0);
    (most as f32 * line_height(size) + 2.0 * CELL_PADDING).max(MIN_ROW)
}

/// Columns as wide as their content wants, shrunk toward their longest word
/// when the table is wider than the measure, then stretched to fill it.
fn column_widths(rows: &[Vec<Vec<Run>>], columns: usize, measure: f32, size: f32) -> Vec<f32> {
    let space = Font::Regular.width(" ", size);
    let pad = 2.0 * CELL_PADDING;
    let mut natural = vec![pad + 24.0; columns];
    let mut least = vec![pad + 24.0; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let words = words(cell, size);
            let total = words.iter().map(|w| w.width).sum::<f32>() + space * words.len().saturating_sub(1) as f32;
            natural[i] = natural[i].max(total + pad);
            least[i] = least[i].max(words.iter().map(|w| w.width).fold(0.0, f32::max) + pad);
        }
    }
    let wanted: f32 = natural.iter().sum();
    if wanted <= measure {
        return natural.iter().map(|w| w * measure / wanted).collect();
    }
    let floor: f32 = least.iter().sum();
    if floor >= measure {
        return least.iter().map(|w| w * measure / floor).collect();
    }
    let give = (measure - floor) / (wanted - floor);
    natural.iter().zip(&least).map(|(n, l)| l + (n - l) * give).collect()
}

/// Every block laid out; the pages' contents are left open for a footer.
pub fn lay_out(blocks: &[Block]) -> Vec<Content> {
    let mut pages = Pages::new();
    for block in blocks {
        pages.block(block);
    }
    pages.break_page();
    pages.pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Run> {
        vec![Run { text: text.to_owned(), font: Font::Regular }]
    }

    #[test]
    fn lines_never_exceed_the_measure_unless_a_word_does() {
        let text = "the quick brown fox jumps over the lazy dog ".repeat(20);
        let laid = lines(words(&run(&text), 10.0), 200.0, 10.0);
        assert!(laid.len() > 5);
        let space = Font::Regular.width(" ", 10.0);
        for line in &laid {
            let width: f32 = line.iter().map(|w| w.width).sum::<f32>() + space * (line.len() - 1) as f32;
            assert!(width <= 200.0 + 0.01, "{width}");
        }
        let joined: Vec<String> =
            laid.iter().flatten().map(|w| w.parts.iter().map(|p| p.0.as_str()).collect()).collect();
        assert_eq!(joined.join(" "), text.trim_end());
    }

    #[test]
    fn columns_fill_the_measure() {
        let rows = vec![vec![run("Rank"), run("A much longer certification name with words"), run("")]];
        let widths = column_widths(&rows, 3, 500.0, 9.5);
        assert!((widths.iter().sum::<f32>() - 500.0).abs() < 0.01);
        assert!(widths[1] > widths[0]);
    }
}
