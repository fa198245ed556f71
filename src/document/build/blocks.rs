//! Opening and closing blocks: where a block's text and spans begin, and
//! the trimming that ends it.

use super::{Builder, OpenBlock};
use crate::document::{Block, BlockKind, Inline};

impl Builder<'_> {
    /// Opens a paragraph for inline content if no block is open.
    pub(super) fn ensure_block(&mut self, offset: usize) {
        if self.open.is_some() || self.heading.is_some() {
            return;
        }
        self.open_block(BlockKind::Paragraph, offset);
    }

    /// A list item whose marker no block has taken yet (it is empty, or
    /// opens with a nested list) gets an empty block to carry the marker.
    pub(super) fn flush_marker(&mut self, offset: usize) {
        if self.pending_marker.is_some() {
            self.open_block(BlockKind::Paragraph, offset);
            self.flush();
        }
    }

    pub(in crate::document) fn open_block(&mut self, kind: BlockKind, offset: usize) {
        let line = self.line_of(offset);
        self.open_block_at_line(kind, line);
    }

    /// Opens a block; the first block of a list item takes its marker.
    pub(super) fn open_block_at_line(&mut self, kind: BlockKind, line: u32) {
        self.flush();
        let marker = self.pending_marker.take();
        let list_depth = u8::try_from(self.list_stack.len()).unwrap_or(u8::MAX);
        self.open = Some(OpenBlock {
            kind,
            text_start: self.brief.text.len(),
            spans_start: self.brief.spans.len(),
            line,
            quote_depth: self.quote_depth,
            list_depth,
            marker,
            first_break: None,
            last_break: None,
        });
        if let Some(prefix) = self.pending_prefix.take() {
            self.push_styled(&prefix, Inline::SUPERSCRIPT);
        }
    }

    /// Ends the `<a href>` links HTML left open (at the end of a block or
    /// a table cell).
    pub(super) fn close_html_links(&mut self) {
        for link in std::mem::take(&mut self.html_links) {
            if link {
                self.link_stack.pop();
            }
        }
    }

    /// Closes the open block: trailing white space is trimmed and an empty
    /// block (say, a paragraph holding only an HTML comment) is dropped;
    /// tables, rules and list markers stand without text.
    pub(in crate::document) fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        let images = std::mem::take(&mut self.images);
        self.html_styles.clear();
        self.close_html_links();
        if matches!(open.kind, BlockKind::Paragraph | BlockKind::Heading(_)) {
            self.strip_attribute_lines(&open);
        }
        // A table's last cell ends its text: it is not trimmed.
        let is_table = matches!(open.kind, BlockKind::Table(_));
        let textless = is_table || open.kind == BlockKind::Rule || open.marker.is_some();
        if !is_table && self.trim_block(&open) == 0 && !textless {
            return;
        }
        self.sections.before_block(open.line);
        // A rule is no place to land: ids before it point past it.
        if open.kind != BlockKind::Rule {
            self.place_ids(crate::document::IdTarget::Block(self.brief.blocks.len()));
        }
        self.picture_block(&open, &images);
        self.brief.blocks.push(Block {
            kind: open.kind,
            text: open.text_start as u32..self.brief.text.len() as u32,
            spans: open.spans_start as u32..self.brief.spans.len() as u32,
            line: open.line,
            quote_depth: open.quote_depth,
            list_depth: open.list_depth,
            marker: open.marker,
        });
    }

    /// Notes the image of a paragraph that is one image and nothing else
    /// (`![alt](chart.png)` on its own): the reader can draw it.
    fn picture_block(&mut self, open: &OpenBlock, images: &[(String, usize, Option<usize>)]) {
        let end = self.brief.text.len();
        if let (BlockKind::Paragraph, [(src, start, Some(stop))]) = (&open.kind, images)
            && *start == open.text_start
            && *stop == end
        {
            self.brief.images.push(crate::document::Picture {
                block: self.brief.blocks.len(),
                src: src.clone(),
            });
        }
    }

    /// A markdown image starts: its `[image: ` is already in the text.
    pub(super) fn image_start(&mut self, src: &str) {
        if self.open.is_some() {
            let start = self.brief.text.len().saturating_sub("[image: ".len());
            let src = crate::document::sanitize::sanitize_line(src);
            self.images.push((src, start, None));
        }
    }

    /// The image's closing `]` is in the text.
    pub(super) fn image_end(&mut self) {
        if let Some(last) = self.images.last_mut()
            && last.2.is_none()
        {
            last.2 = Some(self.brief.text.len());
        }
    }

    /// Trims trailing white space off the open block's text and spans;
    /// returns the length kept.
    fn trim_block(&mut self, open: &OpenBlock) -> u32 {
        let kept = self.brief.text[open.text_start..].trim_end().len();
        self.brief.text.truncate(open.text_start + kept);
        let kept = kept as u32;
        let spans = &mut self.brief.spans;
        while spans.len() > open.spans_start && spans.last().is_some_and(|s| s.start >= kept) {
            spans.pop();
        }
        if spans.len() > open.spans_start
            && let Some(last) = spans.last_mut()
        {
            last.end = last.end.min(kept);
        }
        kept
    }
}
