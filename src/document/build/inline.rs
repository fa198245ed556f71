//! Inline content: text, code spans and inline HTML appended to the open
//! block as styled spans.

use super::Builder;
use crate::document::html::{self, InlineTag};
use crate::document::sanitize::sanitize_into;
use crate::document::{Inline, Span};

impl Builder<'_> {
    fn current_style(&self) -> Inline {
        self.style_stack
            .iter()
            .chain(&self.html_styles)
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

    /// Inline HTML: `<br>` breaks the line (a space in a heading, whose
    /// title is one line), styling tags style the text they enclose (in
    /// headings too), and everything else, comments included, is dropped.
    pub(super) fn raw_html(&mut self, h: &str, offset: usize) {
        if let Some((raw, _)) = &mut self.html {
            raw.push_str(h);
            return;
        }
        let tag = html::inline_tag(h);
        if self.heading.is_some() && tag == InlineTag::Break {
            // A title is one line.
            self.text(" ", offset);
            return;
        }
        match tag {
            InlineTag::Break => {
                self.ensure_block(offset);
                self.push_styled("\n", self.current_style());
            }
            InlineTag::Open(style) => self.html_styles.push(style),
            InlineTag::Close(style) => {
                if let Some(i) = self.html_styles.iter().rposition(|s| *s == style) {
                    self.html_styles.remove(i);
                }
            }
            InlineTag::Other => {}
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
