//! Opening and closing blocks: where a block's text and spans begin, and
//! the trimming that ends it.

use super::{Builder, OpenBlock};
use crate::document::{Block, BlockKind, Inline};

impl Builder<'_> {
    /// Opens a block for inline content if none is open: a list item when a
    /// marker is waiting, else a paragraph.
    pub(super) fn ensure_block(&mut self, offset: usize) {
        if self.open.is_some() || self.heading.is_some() {
            return;
        }
        let kind = match self.pending_marker.take() {
            Some(marker) => BlockKind::ListItem(marker),
            None => BlockKind::Paragraph,
        };
        self.open_block(kind, offset);
    }

    pub(in crate::document) fn open_block(&mut self, kind: BlockKind, offset: usize) {
        let line = self.line_of(offset);
        self.open_block_at_line(kind, line);
    }

    pub(super) fn open_block_at_line(&mut self, kind: BlockKind, line: u32) {
        self.flush();
        let list_depth = u8::try_from(self.list_stack.len()).unwrap_or(u8::MAX);
        self.open = Some(OpenBlock {
            kind,
            text_start: self.brief.text.len(),
            spans_start: self.brief.spans.len(),
            line,
            quote_depth: self.quote_depth,
            list_depth,
        });
        if let Some(prefix) = self.pending_prefix.take() {
            self.push_styled(&prefix, Inline::SUPERSCRIPT);
        }
    }

    /// Closes the open block: trailing white space is trimmed and an empty
    /// block (say, a paragraph holding only an HTML comment) is dropped;
    /// tables and rules stand without text.
    pub(in crate::document) fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        self.html_styles.clear();
        let textless = matches!(open.kind, BlockKind::Table(_) | BlockKind::Rule);
        if !textless && self.trim_block(&open) == 0 {
            return;
        }
        self.sections.before_block(open.line);
        self.brief.blocks.push(Block {
            kind: open.kind,
            text: open.text_start as u32..self.brief.text.len() as u32,
            spans: open.spans_start as u32..self.brief.spans.len() as u32,
            line: open.line,
            quote_depth: open.quote_depth,
            list_depth: open.list_depth,
        });
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
