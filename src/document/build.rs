//! pulldown-cmark events folded into sections and blocks. Every string taken
//! from the document is sanitised on the way in, after pulldown-cmark has
//! decoded entities such as `&#27;`.
//!
//! This file holds the builder's state and its entry points (one event in,
//! the brief out); the work is in `build/`: `tags` for the start and end
//! of blocks and lists, `inline` for text and its styles, `blocks` for
//! opening and closing a block, `html` for raw HTML, `targets` for the ids
//! links can point at and the attribute lists that give them.

mod blocks;
mod html;
mod inline;
mod tags;
mod targets;

use pulldown_cmark::Event;

use super::frontmatter;
use super::sections::SectionTree;
use super::{BlockKind, Brief, Inline, ListMarker, Meta};

/// The block being filled: where its text and spans began.
pub(super) struct OpenBlock {
    pub(super) kind: BlockKind,
    pub(super) text_start: usize,
    spans_start: usize,
    line: u32,
    quote_depth: u8,
    list_depth: u8,
    marker: Option<ListMarker>,
    /// Where the block's second and last lines start (after a soft or
    /// hard break), to find attribute lists written on lines of their own.
    first_break: Option<usize>,
    last_break: Option<usize>,
}

/// A section heading being read: its raw title and the style of each run
/// of it, as byte ends in the title.
pub(super) struct HeadingCapture {
    level: u8,
    line: u32,
    title: String,
    runs: Vec<(usize, Inline)>,
}

impl HeadingCapture {
    pub(super) fn push(&mut self, t: &str, style: Inline) {
        self.title.push_str(t);
        match self.runs.last_mut() {
            Some((end, s)) if *s == style => *end = self.title.len(),
            _ => self.runs.push((self.title.len(), style)),
        }
    }
}

/// Folds parser events into a brief. Text is appended straight into the
/// brief's buffer; `open` remembers where the current block began.
pub(crate) struct Builder<'s> {
    src: &'s str,
    pub(super) brief: Brief,
    pub(super) open: Option<OpenBlock>,
    style_stack: Vec<Inline>,
    /// Styles opened by inline HTML (`<sup>`, `<em>`); kept apart from the
    /// markdown ones because HTML tags need not nest with them, and cleared
    /// at the end of each block so an unclosed tag cannot leak.
    html_styles: Vec<Inline>,
    /// For each `<a>` open in the block: whether it is a link (on
    /// `link_stack`) or only a target.
    html_links: Vec<bool>,
    /// Styles opened by HTML blocks of style tags only (`<del>` on a line
    /// of its own): they span the markdown blocks up to the closing tag,
    /// or the next heading.
    block_styles: Vec<Inline>,
    link_stack: Vec<u32>,
    /// Ids met since the last block was kept: they point at the next block
    /// kept or heading read.
    ids_waiting: Vec<String>,
    quote_depth: u8,
    list_stack: Vec<Option<u64>>,
    pending_marker: Option<ListMarker>,
    pending_prefix: Option<String>,
    heading: Option<HeadingCapture>,
    html: Option<(String, u32)>,
    pub(super) table: Option<super::table::TableCapture>,
    code_column: usize,
    in_code: bool,
    /// Markdown images in the open block: their source and where their
    /// `[image: alt]` text starts and ends in the text buffer.
    images: Vec<(String, usize, Option<usize>)>,
    sections: SectionTree,
    /// Line of the first line of `src` in the file (front matter comes
    /// before it).
    first_line: u32,
    // Incremental line counting: offsets arrive mostly in order.
    line_offset: usize,
    line_number: u32,
}

/// The text before the first heading carries the brief's title, unless a
/// heading has that title too (text before the first H1 that titles the
/// brief): the outline would list it twice, so the preamble is named after
/// its opening words instead.
fn name_preamble(brief: &mut Brief) {
    let Some((first, rest)) = brief.sections.split_first() else {
        return;
    };
    if !first.is_preamble() || !rest.iter().any(|s| s.title == first.title) {
        return;
    }
    let opening = first
        .blocks
        .clone()
        .map(|b| brief.block_text(b))
        .find(|t| !t.trim().is_empty())
        .map(opening_words)
        .unwrap_or_default();
    brief.sections[0].title = opening;
}

/// The first few words of a text, on one line, with `…` when cut.
fn opening_words(text: &str) -> String {
    const WORDS: usize = 6;
    let mut words = text.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(WORDS).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

impl<'s> Builder<'s> {
    /// A builder for the markdown body `src`, whose first line is line
    /// `first_line` of the file.
    pub(crate) fn new(src: &'s str, first_line: u32) -> Self {
        Builder {
            src,
            brief: Brief {
                text: String::with_capacity(src.len()),
                ..Brief::default()
            },
            open: None,
            style_stack: Vec::new(),
            html_styles: Vec::new(),
            html_links: Vec::new(),
            block_styles: Vec::new(),
            link_stack: Vec::new(),
            ids_waiting: Vec::new(),
            quote_depth: 0,
            list_stack: Vec::new(),
            pending_marker: None,
            pending_prefix: None,
            heading: None,
            html: None,
            table: None,
            code_column: 0,
            in_code: false,
            images: Vec::new(),
            sections: SectionTree::default(),
            first_line,
            line_offset: 0,
            line_number: first_line,
        }
    }

    fn line_of(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.src.len());
        if offset < self.line_offset {
            self.line_offset = 0;
            self.line_number = self.first_line;
        }
        let newlines = self.src.as_bytes()[self.line_offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line_number = self.line_number.saturating_add(newlines as u32);
        self.line_offset = offset;
        self.line_number
    }

    pub(crate) fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag, offset),
            Event::Text(t) => self.text(&t, offset),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.inline_code(&t, offset)
            }
            Event::Html(h) | Event::InlineHtml(h) => self.raw_html(&h, offset),
            Event::FootnoteReference(label) => self.footnote_reference(&label, offset),
            Event::SoftBreak => {
                self.text(" ", offset);
                self.note_break();
            }
            Event::HardBreak => {
                self.text("\n", offset);
                self.note_break();
            }
            Event::Rule => {
                self.open_block(BlockKind::Rule, offset);
                self.flush();
            }
            Event::TaskListMarker(done) => self.task_marker(done),
        }
    }

    /// The brief, with `meta` from the front matter and the title chosen.
    pub(crate) fn finish(mut self, meta: Meta, fallback_title: &str) -> Brief {
        self.flush();
        self.place_last_ids();
        let mut brief = self.brief;
        brief.meta = meta;
        brief.meta.tags = frontmatter::clean_tags(std::mem::take(&mut brief.meta.tags));
        brief.title = self.sections.title(&brief.meta, fallback_title);
        brief.sections = self.sections.finish(brief.blocks.len(), &brief.title);
        name_preamble(&mut brief);
        super::opening::apply(&mut brief);
        brief.text.shrink_to_fit();
        brief.spans.shrink_to_fit();
        brief.blocks.shrink_to_fit();
        brief
    }
}
