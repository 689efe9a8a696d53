//! Downloads as PDF, rendered from the same Markdown the API serves: parsed
//! by pulldown-cmark, laid out here, written by pdf-writer with the standard
//! Helvetica fonts. The output is a function of the text alone (no dates),
//! so its ETag is stable.

mod blocks;
mod fonts;
mod layout;

use pdf_writer::{Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use fonts::{Font, win_ansi};

/// Changes whenever the layout does: a PDF's ETag is made from its text and this.
pub const LAYOUT_VERSION: u32 = 1;
use layout::{MARGIN, PAGE_HEIGHT, PAGE_WIDTH};

/// `markdown` as a PDF document titled `title`, each page footed with the
/// title, the attribution and the page number.
pub fn render(title: &str, markdown: &str, attribution: &str) -> Vec<u8> {
    let mut pages = layout::lay_out(&blocks::parse(markdown));
    let count = pages.len();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let font_ids: Vec<Ref> = (0..Font::ALL.len()).map(|i| Ref::new(4 + i as i32)).collect();
    let first_page = 4 + Font::ALL.len() as i32;
    let page_ids: Vec<Ref> = (0..count).map(|i| Ref::new(first_page + 2 * i as i32)).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(i32::try_from(count).unwrap_or(i32::MAX));
    pdf.document_info(info).title(TextStr(title)).producer(TextStr("Roledex"));
    for (font, id) in Font::ALL.iter().zip(&font_ids) {
        pdf.type1_font(*id).base_font(font.base_font()).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (i, content) in pages.iter_mut().enumerate() {
        let footer = format!("{title} \u{2014} {attribution} \u{2014} page {} of {count}", i + 1);
        content.set_fill_rgb(0.4, 0.4, 0.4);
        content.begin_text();
        content.set_font(Font::Regular.resource(), 8.0);
        content.next_line(MARGIN, MARGIN * 0.5);
        content.show(Str(&win_ansi(&footer)));
        content.end_text();
    }
    for (i, content) in pages.into_iter().enumerate() {
        let page_id = page_ids[i];
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT));
        page.parent(tree);
        page.contents(content_id);
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        for (font, id) in Font::ALL.iter().zip(&font_ids) {
            fonts.pair(font.resource(), *id);
        }
        fonts.finish();
        resources.finish();
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}
