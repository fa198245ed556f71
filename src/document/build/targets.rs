//! Link targets: ids met in HTML (`id`, `<a name>`) and attribute lists
//! (`{#id}`, `{: #id}`) wait for the block or heading they stand at, and
//! attribute lists written on lines of their own are taken out of the text.

use super::{Builder, OpenBlock};
use crate::document::attrs;
use crate::document::{BlockKind, IdTarget, Inline};

/// The id of a footnote's text, and the URL of a reference to it: ids
/// written in a brief cannot hold the `^` of a footnote label's markdown.
pub(super) fn footnote_id(label: &str) -> String {
    format!("^{label}")
}

impl Builder<'_> {
    /// A footnote reference: its label, raised, linking to the footnote's
    /// text so `f` lists it and Enter goes there. A heading keeps no
    /// reference: its title is one plain line.
    pub(super) fn footnote_reference(&mut self, label: &str, offset: usize) {
        if self.heading.is_some() {
            return;
        }
        self.ensure_block(offset);
        self.open_link(&format!("#{}", footnote_id(label)));
        let style = self.current_style() | Inline::SUPERSCRIPT | Inline::LINK;
        self.push_styled(&format!("[{label}]"), style);
        self.link_stack.pop();
    }

    /// An id met here: it points at the open block, or the next block or
    /// heading when none is open.
    pub(super) fn id_here(&mut self, id: String) {
        self.ids_waiting.push(id);
    }

    /// The ids waiting point at `target` (a block just kept, a heading).
    pub(super) fn place_ids(&mut self, target: IdTarget) {
        for id in self.ids_waiting.drain(..) {
            self.brief.ids.push((id, target));
        }
    }

    /// Ids after the last block point at it.
    pub(super) fn place_last_ids(&mut self) {
        if let Some(last) = self.brief.blocks.len().checked_sub(1) {
            self.place_ids(IdTarget::Block(last));
        }
        self.ids_waiting.clear();
    }

    /// Ids that pointed at blocks now dropped wait again (for the heading
    /// that follows them).
    pub(super) fn unplace_ids_from(&mut self, first_dropped: usize) {
        let mut kept = Vec::with_capacity(self.brief.ids.len());
        for (id, at) in self.brief.ids.drain(..) {
            match at {
                IdTarget::Block(b) if b >= first_dropped => self.ids_waiting.push(id),
                _ => kept.push((id, at)),
            }
        }
        self.brief.ids = kept;
    }

    /// A soft or hard break was just written into the open block.
    pub(super) fn note_break(&mut self) {
        let len = self.brief.text.len();
        if let Some(open) = &mut self.open {
            let at = len - open.text_start;
            open.first_break.get_or_insert(at);
            open.last_break = Some(at);
        }
    }

    /// Takes attribute lists out of a closing paragraph or heading: the
    /// paragraph's first or last line when it is one (kramdown writes them
    /// under the block they dress), a whole paragraph that is one (its ids
    /// point at the block before), a heading's trailing list.
    pub(super) fn strip_attribute_lines(&mut self, open: &OpenBlock) {
        let start = open.text_start;
        let text = &self.brief.text[start..];
        if open.kind != BlockKind::Paragraph {
            if matches!(open.kind, BlockKind::Heading(_)) {
                let (kept, ids) = attrs::strip_trailing(text);
                let kept = kept.len();
                if kept < text.len() {
                    self.ids_waiting.extend(ids);
                    self.cut_tail(open, kept);
                }
            }
            return;
        }
        if let Some(words) = attrs::attribute_list(text) {
            let ids = attrs::ids(&words);
            match self.brief.blocks.len().checked_sub(1) {
                Some(before) => {
                    let at = IdTarget::Block(before);
                    self.brief.ids.extend(ids.into_iter().map(|id| (id, at)));
                }
                None => self.ids_waiting.extend(ids),
            }
            self.cut_tail(open, 0);
            return;
        }
        if let Some(last) = open.last_break
            && let Some(words) = text.get(last..).and_then(attrs::attribute_list)
        {
            self.ids_waiting.extend(attrs::ids(&words));
            self.cut_tail(open, last);
        }
        let text = &self.brief.text[start..];
        if let Some(first) = open.first_break
            && first < text.len()
            && let Some(words) = text.get(..first).and_then(attrs::attribute_list)
        {
            self.ids_waiting.extend(attrs::ids(&words));
            self.cut_head(open, first);
        }
    }

    /// Keeps the first `kept` bytes of the open block's text; its spans
    /// are trimmed when the block closes.
    fn cut_tail(&mut self, open: &OpenBlock, kept: usize) {
        self.brief.text.truncate(open.text_start + kept);
    }

    /// Drops the first `n` bytes of the open block's text, moving its
    /// spans back.
    fn cut_head(&mut self, open: &OpenBlock, n: usize) {
        let start = open.text_start;
        self.brief.text.replace_range(start..start + n, "");
        let n = n as u32;
        let spans = &mut self.brief.spans;
        for span in &mut spans[open.spans_start..] {
            span.start = span.start.saturating_sub(n);
            span.end = span.end.saturating_sub(n);
        }
        let mut i = open.spans_start;
        while i < spans.len() {
            if spans[i].start >= spans[i].end {
                spans.remove(i);
            } else {
                i += 1;
            }
        }
    }
}
