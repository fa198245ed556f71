//! Inline content: text, code spans and inline HTML appended to the open
//! block as styled spans.

use super::Builder;
use crate::document::sanitize::sanitize_into;
use crate::document::{Inline, Span};

impl Builder<'_> {
    pub(super) fn current_style(&self) -> Inline {
        self.style_stack
            .iter()
            .chain(&self.html_styles)
            .chain(&self.block_styles)
            .fold(Inline::empty(), |acc, s| acc | *s)
    }

    pub(super) fn text(&mut self, t: &str, offset: usize) {
        let style = self.current_style();
        if let Some(heading) = &mut self.heading {
            heading.push(t, style);
        } else if self.in_code {
            self.push_code(t);
        } else {
            self.ensure_block(offset);
            self.push_styled(t, style);
        }
    }

    pub(super) fn inline_code(&mut self, t: &str, offset: usize) {
        let style = self.current_style() | Inline::CODE;
        if let Some(heading) = &mut self.heading {
            heading.push(t, style);
        } else {
            self.ensure_block(offset);
            self.push_styled(t, style);
        }
    }

    /// Appends sanitised text to the open block with one style, merging with
    /// the previous span when the style and link are the same.
    pub(in crate::document) fn push_styled(&mut self, t: &str, style: Inline) {
        let Some(open) = &self.open else { return };
        let base = open.text_start;
        let spans_start = open.spans_start;
        let start = self.brief.text.len();
        sanitize_into(&mut self.brief.text, t);
        let end = self.brief.text.len();
        if end == start {
            return;
        }
        let link = if style.contains(Inline::LINK) {
            self.link_stack.last().copied()
        } else {
            None
        };
        let (rel_start, rel_end) = ((start - base) as u32, (end - base) as u32);
        if self.brief.spans.len() > spans_start
            && let Some(last) = self.brief.spans.last_mut()
            && last.style == style
            && last.link == link
            && last.end == rel_start
        {
            last.end = rel_end;
            return;
        }
        self.brief.spans.push(Span {
            start: rel_start,
            end: rel_end,
            style,
            link,
        });
    }

    /// Code keeps its lines; tabs expand to the next multiple of four
    /// columns so indentation survives.
    pub(super) fn push_code(&mut self, t: &str) {
        let mut expanded = String::with_capacity(t.len());
        for c in t.chars() {
            match c {
                '\t' => {
                    let n = 4 - self.code_column % 4;
                    expanded.extend(std::iter::repeat_n(' ', n));
                    self.code_column += n;
                }
                '\n' => {
                    expanded.push('\n');
                    self.code_column = 0;
                }
                c => {
                    expanded.push(c);
                    self.code_column += 1;
                }
            }
        }
        self.push_styled(&expanded, Inline::empty());
    }
}
