//! Markdown (CommonMark with GitHub tables and task lists, parsed by
//! pulldown-cmark) as the blocks a page is laid out from.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::fonts::Font;

/// Text in one font.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub font: Font,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Marker {
    Bullet,
    Number(u64),
    Task { done: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        runs: Vec<Run>,
    },
    /// A paragraph, or a list item's text: `depth` lists deep, with its marker.
    Paragraph {
        runs: Vec<Run>,
        depth: u8,
        marker: Option<Marker>,
    },
    /// Rows of cells; the first `header` rows are the table's head.
    Table {
        rows: Vec<Vec<Vec<Run>>>,
        header: usize,
    },
    Code(String),
    Rule,
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    runs: Vec<Run>,
    bold: u32,
    italic: u32,
    /// The next number of each open list; `None` for a bulleted list.
    lists: Vec<Option<u64>>,
    marker: Option<Marker>,
    links: Vec<(usize, String)>,
    code: Option<String>,
    table: Vec<Vec<Vec<Run>>>,
    row: Vec<Vec<Run>>,
    header_rows: usize,
    in_cell: bool,
}

impl Reader {
    fn font(&self) -> Font {
        match (self.bold > 0, self.italic > 0) {
            (true, _) => Font::Bold,
            (false, true) => Font::Italic,
            _ => Font::Regular,
        }
    }

    fn push(&mut self, text: &str, font: Font) {
        if let Some(code) = self.code.as_mut() {
            code.push_str(text);
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.font == font => last.text.push_str(text),
            _ => self.runs.push(Run { text: text.to_owned(), font }),
        }
    }

    /// Ends the text gathered so far as a paragraph (or a list item's text).
    fn flush(&mut self) {
        if self.runs.is_empty() && self.marker.is_none() {
            return;
        }
        let depth = u8::try_from(self.lists.len()).unwrap_or(u8::MAX);
        let runs = std::mem::take(&mut self.runs);
        self.blocks.push(Block::Paragraph { runs, depth, marker: self.marker.take() });
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::Link { dest_url, .. } => self.links.push((self.text_len(), dest_url.to_string())),
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                self.marker = Some(match self.lists.last_mut() {
                    Some(Some(next)) => {
                        *next += 1;
                        Marker::Number(*next - 1)
                    }
                    _ => Marker::Bullet,
                });
            }
            Tag::CodeBlock(_) => self.code = Some(String::new()),
            Tag::TableCell => self.in_cell = true,
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            _ => {}
        }
    }

    fn text_len(&self) -> usize {
        self.runs.iter().map(|r| r.text.len()).sum()
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Link => {
                if let Some((start, url)) = self.links.pop() {
                    let all: String = self.runs.iter().map(|r| r.text.as_str()).collect();
                    let shown = all.get(start..).unwrap_or_default();
                    if shown.trim() != url {
                        self.push(&format!(" ({url})"), Font::Regular);
                    }
                }
            }
            TagEnd::Heading(level) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                };
                self.blocks.push(Block::Heading { level, runs: std::mem::take(&mut self.runs) });
            }
            TagEnd::Paragraph | TagEnd::Item if !self.in_cell => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.blocks.push(Block::Code(code.trim_end().to_owned()));
            }
            TagEnd::TableCell => {
                self.in_cell = false;
                let cell = std::mem::take(&mut self.runs);
                self.row.push(cell);
            }
            TagEnd::TableHead => {
                self.table.push(std::mem::take(&mut self.row));
                self.header_rows += 1;
            }
            TagEnd::TableRow => self.table.push(std::mem::take(&mut self.row)),
            TagEnd::Table => {
                let rows = std::mem::take(&mut self.table);
                self.blocks.push(Block::Table { rows, header: std::mem::take(&mut self.header_rows) });
            }
            _ => {}
        }
    }
}

pub fn parse(markdown: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(tag) => reader.start(tag),
            Event::End(tag) => reader.end(tag),
            Event::Text(text) => {
                let font = reader.font();
                reader.push(&text, font);
            }
            Event::Code(text) => reader.push(&text, Font::Mono),
            Event::SoftBreak | Event::HardBreak => {
                let font = reader.font();
                reader.push(if reader.code.is_some() { "\n" } else { " " }, font);
            }
            Event::TaskListMarker(done) => reader.marker = Some(Marker::Task { done }),
            Event::Rule => {
                reader.flush();
                reader.blocks.push(Block::Rule);
            }
            _ => {}
        }
    }
    reader.flush();
    reader.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(runs: &[Run]) -> String {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn headings_lists_tasks_and_tables_become_blocks() {
        let blocks = parse(
            "# Title\n\nSome **bold** and [a link](https://x.example).\n\n- one\n- [x] done\n  1. nested\n\n| A | B |\n|---|---|\n| 1 |  |\n",
        );
        let Block::Heading { level: 1, runs } = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(text(runs), "Title");
        let Block::Paragraph { runs, depth: 0, marker: None } = &blocks[1] else { panic!("{blocks:?}") };
        assert_eq!(text(runs), "Some bold and a link (https://x.example).");
        assert!(runs.iter().any(|r| r.font == Font::Bold && r.text == "bold"));
        assert!(matches!(&blocks[2], Block::Paragraph { depth: 1, marker: Some(Marker::Bullet), .. }));
        assert!(matches!(&blocks[3], Block::Paragraph { depth: 1, marker: Some(Marker::Task { done: true }), .. }));
        assert!(matches!(&blocks[4], Block::Paragraph { depth: 2, marker: Some(Marker::Number(1)), .. }));
        let Block::Table { rows, header: 1 } = &blocks[5] else { panic!("{blocks:?}") };
        assert_eq!(rows.len(), 2);
        assert_eq!(text(&rows[1][0]), "1");
        assert!(rows[1][1].is_empty());
    }
}
