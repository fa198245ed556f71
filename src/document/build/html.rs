//! Raw HTML in the markdown: inline tags style, break, link or mark a
//! target in the text around them; an HTML block becomes a paragraph of
//! its text (a `<pre>` block, code), and a block of style tags only styles
//! the markdown blocks it encloses.

use super::Builder;
use crate::document::html::{self, HtmlEvent, HtmlTable, InlineTag};
use crate::document::sanitize::sanitize_line;
use crate::document::{BlockKind, Inline};

impl Builder<'_> {
    /// One inline HTML fragment (or a piece of an HTML block being read).
    pub(super) fn raw_html(&mut self, h: &str, offset: usize) {
        if let Some((raw, _)) = &mut self.html {
            raw.push_str(h);
            return;
        }
        let (tag, id) = html::inline_tag(h);
        if let Some(id) = id {
            self.id_here(id);
        }
        if self.heading.is_some() {
            // A title is one line of text: breaks and separators are
            // spaces, and links are not followed from it.
            match tag {
                InlineTag::Break | InlineTag::Separator => self.text(" ", offset),
                InlineTag::Literal(raw) => self.text(&raw, offset),
                InlineTag::Image(alt) => self.image_alt(&alt, offset),
                InlineTag::Open(style) => self.html_styles.push(style),
                InlineTag::Close(style) => self.close_html_style(style),
                InlineTag::A(_) | InlineTag::AEnd | InlineTag::Other => {}
            }
            return;
        }
        match tag {
            InlineTag::Break => {
                self.ensure_block(offset);
                self.push_styled("\n", self.current_style());
                self.note_break();
            }
            InlineTag::Open(style) => self.html_styles.push(style),
            InlineTag::Close(style) => self.close_html_style(style),
            InlineTag::A(href) => {
                self.html_links.push(href.is_some());
                if let Some(href) = href {
                    self.open_link(&href);
                    self.html_styles.push(Inline::LINK);
                }
            }
            InlineTag::AEnd => {
                if self.html_links.pop() == Some(true) {
                    self.link_stack.pop();
                    self.close_html_style(Inline::LINK);
                }
            }
            InlineTag::Literal(raw) => self.text(&raw, offset),
            InlineTag::Image(alt) => self.image_alt(&alt, offset),
            InlineTag::Separator => self.separate(),
            InlineTag::Other => {}
        }
    }

    fn close_html_style(&mut self, style: Inline) {
        if let Some(i) = self.html_styles.iter().rposition(|s| *s == style) {
            self.html_styles.remove(i);
        }
    }

    /// A link starts: its URL is kept, its text carries it.
    pub(super) fn open_link(&mut self, url: &str) {
        let id = self.brief.links.len() as u32;
        self.brief.links.push(sanitize_line(url));
        self.link_stack.push(id);
    }

    /// An `<img>` reads as its alt text, as a markdown image does.
    fn image_alt(&mut self, alt: &str, offset: usize) {
        self.text("[image: ", offset);
        self.html_styles.push(Inline::EMPHASIS);
        self.text(alt, offset);
        self.close_html_style(Inline::EMPHASIS);
        self.text("]", offset);
    }

    /// Words part here (at a `<span>`, say): a space unless the text
    /// already ends in one.
    fn separate(&mut self) {
        let ends_in_space = match &self.open {
            Some(open) => self.brief.text[open.text_start..]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace),
            None => true,
        };
        if !ends_in_space {
            self.push_styled(" ", self.current_style());
        }
    }

    /// An HTML block ends: a `<pre>` block is code with its lines kept; a
    /// block of style tags only opens or closes styles for the blocks
    /// around; any other shows as its text, links and targets kept. A
    /// block without text (comments, a lone `<div>`) leaves no block, and
    /// its ids point at the next one.
    pub(super) fn html_block_end(&mut self) {
        let Some((raw, line)) = self.html.take() else {
            return;
        };
        if let Some(code) = html::preformatted(&raw) {
            self.open_block_at_line(BlockKind::Code, line);
            self.code_column = 0;
            self.push_code(&code);
            self.flush();
            return;
        }
        if let Some(tags) = html::style_only(&raw) {
            for (open, style) in tags {
                if open {
                    self.block_styles.push(style);
                } else if let Some(i) = self.block_styles.iter().rposition(|s| *s == style) {
                    self.block_styles.remove(i);
                }
            }
            // A marker waiting for this item's first block still waits.
            return;
        }
        let events = html::block_events(&raw);
        self.open_block_at_line(BlockKind::Paragraph, line);
        for event in events {
            match event {
                HtmlEvent::Table(table) => {
                    // The text before the table is a paragraph of its own,
                    // and so is the text after it.
                    self.flush();
                    self.html_table(&table, line);
                    self.open_block_at_line(BlockKind::Paragraph, line);
                }
                event => self.html_event(event),
            }
        }
        self.flush();
    }

    /// One piece of an HTML block's content, into the open block.
    fn html_event(&mut self, event: HtmlEvent) {
        match event {
            HtmlEvent::Text(text, style) => {
                let style = style | self.current_style();
                self.push_styled(&text, style);
            }
            HtmlEvent::Link(url) => {
                self.open_link(&url);
                self.html_links.push(true);
                self.html_styles.push(Inline::LINK);
            }
            HtmlEvent::LinkEnd => {
                if self.html_links.pop() == Some(true) {
                    self.link_stack.pop();
                    self.close_html_style(Inline::LINK);
                }
            }
            HtmlEvent::Id(id) => self.id_here(id),
            // Tables are not nested in cells: `html::table` reads those
            // as text.
            HtmlEvent::Table(_) => {}
        }
    }

    /// An HTML table becomes a table block, as a markdown one does.
    fn html_table(&mut self, table: &HtmlTable, line: u32) {
        self.open_block_at_line(BlockKind::Paragraph, line);
        self.begin_table(Vec::new());
        for (r, row) in table.rows.iter().enumerate() {
            self.table_row();
            for cell in row {
                self.table_cell_start();
                for event in &cell.content {
                    self.html_event(event.clone());
                }
                // A link or style left open ends with its cell.
                self.close_html_links();
                self.html_styles.clear();
                self.table_cell_end_spanning(cell.span);
            }
            if r + 1 == table.header_rows {
                self.table_head_end();
            }
        }
        self.table_end();
    }
}
