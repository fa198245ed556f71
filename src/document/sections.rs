//! The heading tree as headings arrive: each section's parent, and where
//! its blocks start, so the ranges can be closed once the last block is in.

use super::sanitize::sanitize_line;
use super::{Inline, Meta, Section, SectionId, Span};

/// Builds [`Section`]s in document order.
#[derive(Default)]
pub(super) struct SectionTree {
    sections: Vec<Section>,
    /// Index of the first block of each section.
    starts: Vec<usize>,
    /// The open chain of headings, shallowest first: (level, section).
    chain: Vec<(u8, SectionId)>,
}

impl SectionTree {
    /// Starts a section for a heading; its blocks begin at `first_block`.
    /// `runs` gives the style of the raw title's runs by their byte ends.
    pub(super) fn heading(
        &mut self,
        level: u8,
        raw_title: &str,
        runs: &[(usize, Inline)],
        line: u32,
        first_block: usize,
    ) -> SectionId {
        let (title, spans) = styled_title(raw_title, runs);
        // The parent is the nearest shallower heading, so h1 then h4 makes
        // the h4 a child of the h1.
        while self.chain.last().is_some_and(|&(l, _)| l >= level) {
            self.chain.pop();
        }
        let id = self.sections.len();
        self.sections.push(Section {
            title,
            level,
            parent: self.chain.last().map(|&(_, id)| id),
            blocks: 0..0,
            line,
            spans,
        });
        self.chain.push((level, id));
        self.starts.push(first_block);
        id
    }

    /// True when the only section so far is the text before the first
    /// heading.
    pub(super) fn is_preamble_only(&self) -> bool {
        self.sections.len() == 1 && self.sections[0].is_preamble()
    }

    /// Called before each block is kept: text before the first heading
    /// becomes a level-0 section of its own (titled later).
    pub(super) fn before_block(&mut self, line: u32) {
        if self.sections.is_empty() {
            self.sections.push(Section {
                title: String::new(),
                level: 0,
                parent: None,
                blocks: 0..0,
                line,
                spans: Vec::new(),
            });
            self.starts.push(0);
        }
    }

    /// The sections with their block ranges closed over `total_blocks`; a
    /// preamble section takes `title`.
    pub(super) fn finish(mut self, total_blocks: usize, title: &str) -> Vec<Section> {
        for (i, section) in self.sections.iter_mut().enumerate() {
            let end = self.starts.get(i + 1).copied().unwrap_or(total_blocks);
            section.blocks = self.starts[i]..end;
        }
        if let Some(first) = self.sections.first_mut()
            && first.is_preamble()
        {
            first.title = title.to_owned();
        }
        self.sections
    }

    /// The brief's title: front matter `title`, else the first level-1
    /// heading, else `fallback` (the file name).
    pub(super) fn title(&self, meta: &Meta, fallback: &str) -> String {
        meta.title
            .clone()
            .or_else(|| {
                self.sections
                    .iter()
                    .find(|s| s.level == 1 && !s.title.is_empty())
                    .map(|s| s.title.clone())
            })
            .unwrap_or_else(|| sanitize_line(fallback))
    }
}

/// A title on one line, sanitised, with runs of white space folded to one
/// space, and the spans of its styled runs. Sanitising maps each character
/// to one character, so a character's style is found by its place in the
/// raw title.
fn styled_title(raw: &str, runs: &[(usize, Inline)]) -> (String, Vec<Span>) {
    let clean = sanitize_line(raw);
    let mut title = String::with_capacity(clean.len());
    let mut spans: Vec<Span> = Vec::new();
    let mut run = 0;
    let mut space: Option<Inline> = None;
    for ((at, _), c) in raw.char_indices().zip(clean.chars()) {
        while runs.get(run).is_some_and(|&(end, _)| end <= at) {
            run += 1;
        }
        let style = runs.get(run).map_or(Inline::empty(), |&(_, s)| s);
        if c.is_whitespace() {
            if !title.is_empty() && space.is_none() {
                space = Some(style);
            }
            continue;
        }
        if let Some(space_style) = space.take() {
            push_run(&mut title, &mut spans, " ", space_style);
        }
        push_run(&mut title, &mut spans, c.encode_utf8(&mut [0; 4]), style);
    }
    if spans.iter().all(|s| s.style.is_empty()) {
        spans.clear();
    }
    (title, spans)
}

/// Appends text with a style, extending the last span when it has the same.
fn push_run(title: &mut String, spans: &mut Vec<Span>, text: &str, style: Inline) {
    let start = title.len() as u32;
    title.push_str(text);
    let end = title.len() as u32;
    match spans.last_mut() {
        Some(last) if last.style == style && last.end == start => last.end = end,
        _ => spans.push(Span {
            start,
            end,
            style,
            link: None,
        }),
    }
}
