//! Layout: a block or heading becomes styled lines for a given width.
//!
//! This is pure (brief + width in, lines out) so the reader can cache it per
//! width and lay out only what is on screen. Lines carry roles, not colours:
//! the theme turns roles into styles at draw time, so changing theme never
//! invalidates a layout.

mod code;
mod picture;
mod table;
pub mod wrap;

use crate::document::{Block, BlockId, BlockKind, Brief, Inline, ListMarker, SectionId, Span};
pub use picture::{DEFAULT_CELL, PICTURE_ROWS, filling_cells, picture_cells, picture_lines};
pub use wrap::{Piece, text_width, wrap_plain};

/// What a piece of a line is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Text,
    Quote,
    Heading(u8),
    /// The rule drawn under level-1 and level-2 headings.
    HeadingRule(u8),
    /// Bullets, numbers and task boxes.
    Marker,
    /// A thematic break drawn across the column.
    Rule,
    QuoteBar,
    Code,
    TableBorder,
    TableHeader,
    /// The mark at the end of a cut code line.
    Ellipsis,
    /// Date, author and tags from the front matter.
    Meta,
    /// The classification banner.
    Classification,
}

/// A run of a line with one look. `src` is the byte offset of the run in
/// its block's text when it shows document text (for search highlights),
/// `None` for decoration such as bullets and borders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub role: Role,
    pub inline: Inline,
    pub src: Option<u32>,
}

/// One screen line of a laid-out block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyledLine {
    pub segs: Vec<Seg>,
}

impl StyledLine {
    fn push_deco(&mut self, text: impl Into<String>, role: Role) {
        let text = text.into();
        if !text.is_empty() {
            self.segs.push(Seg {
                text,
                role,
                inline: Inline::empty(),
                src: None,
            });
        }
    }

    fn push_pieces(&mut self, pieces: &[Piece<'_>], role: Role) {
        self.segs.extend(pieces.iter().map(|p| Seg {
            text: p.text.to_owned(),
            role,
            inline: p.inline,
            src: Some(p.src),
        }));
    }

    /// Display width of the line.
    pub fn width(&self) -> usize {
        self.segs.iter().map(|s| text_width(&s.text)).sum()
    }

    /// The line's text without styles (for tests and plain output).
    pub fn text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Deeper nesting than this is drawn at this depth, so a 5,000-deep list
/// still leaves room for its text.
const MAX_VISIBLE_DEPTH: usize = 6;
const LIST_INDENT: usize = 3;
const BULLETS: [&str; 3] = ["•", "◦", "▪"];

/// True when the front matter has something to show above the text.
pub fn has_meta(brief: &Brief) -> bool {
    let m = &brief.meta;
    m.classification.is_some() || m.date.is_some() || m.author.is_some() || !m.tags.is_empty()
}

/// The byline above the text: classification, then date, author and tags.
pub fn meta_lines(brief: &Brief, width: usize) -> Vec<StyledLine> {
    let m = &brief.meta;
    let mut lines = Vec::new();
    let mut push_wrapped = |text: &str, role: Role| {
        let piece = [Piece {
            text,
            inline: Inline::empty(),
            src: 0,
        }];
        for l in wrap::wrap(text, &piece, width, width) {
            let mut line = StyledLine::default();
            line.push_pieces(&l, role);
            for seg in &mut line.segs {
                seg.src = None;
            }
            lines.push(line);
        }
    };
    if let Some(c) = &m.classification {
        push_wrapped(c, Role::Classification);
    }
    let mut byline: Vec<String> = [&m.date, &m.author]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if !m.tags.is_empty() {
        byline.push(
            m.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    if !byline.is_empty() {
        push_wrapped(&byline.join(" · "), Role::Meta);
    }
    lines.push(StyledLine::default());
    lines
}

/// Lays out a heading: its wrapped title, a rule under levels 1 and 2, and
/// a blank line.
pub fn heading_lines(brief: &Brief, section: SectionId, width: usize) -> Vec<StyledLine> {
    let s = &brief.sections[section];
    let title = if s.title.is_empty() {
        "(untitled)"
    } else {
        s.title.as_str()
    };
    let level = s.level.clamp(1, 6);
    let pieces = if s.spans.is_empty() || s.title.is_empty() {
        vec![Piece {
            text: title,
            inline: Inline::empty(),
            src: 0,
        }]
    } else {
        pieces_of(title, &s.spans)
    };
    let mut lines: Vec<StyledLine> = wrap::wrap(title, &pieces, width, width)
        .iter()
        .map(|l| {
            // Offsets stay: they are offsets in the title, where in-brief
            // search finds heading matches.
            let mut line = StyledLine::default();
            line.push_pieces(l, Role::Heading(level));
            line
        })
        .collect();
    if level <= 2 {
        let w = lines
            .iter()
            .map(StyledLine::width)
            .max()
            .unwrap_or(0)
            .min(width);
        let mut rule = StyledLine::default();
        rule.push_deco(
            if level == 1 { "═" } else { "─" }.repeat(w),
            Role::HeadingRule(level),
        );
        lines.push(rule);
    }
    lines.push(StyledLine::default());
    lines
}

/// How code lines longer than the column are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeLines {
    /// Cut at the column's edge, with a mark that says how many columns
    /// are hidden.
    #[default]
    Cut,
    /// Wrapped onto the next lines, each continuation marked.
    Wrap,
}

/// Lays out a block for a text column `width` cells wide, including the
/// blank line that separates it from the next block; long code lines cut.
pub fn block_lines(brief: &Brief, id: BlockId, width: usize) -> Vec<StyledLine> {
    block_lines_with(brief, id, width, CodeLines::Cut)
}

/// [`block_lines`], with long code lines shown as `code` says.
pub fn block_lines_with(
    brief: &Brief,
    id: BlockId,
    width: usize,
    code: CodeLines,
) -> Vec<StyledLine> {
    let block = &brief.blocks[id];
    let text = brief.block_text(id);
    let spans = brief.block_spans(id);
    let quoted = block.quote_depth > 0;
    let bars = usize::from(block.quote_depth).min(MAX_VISIBLE_DEPTH);
    let depth = usize::from(block.list_depth).min(MAX_VISIBLE_DEPTH);
    let (first_prefix, rest_prefix) = list_prefixes(block, depth);
    // Keep at least half the column for text however deep the nesting:
    // quote bars past that budget are not drawn, list indents are cut.
    let prefix_width = (bars * 2 + text_width(&rest_prefix)).min(width / 2);
    let bars = bars.min(prefix_width / 2);
    let quote_prefix = "│ ".repeat(bars);
    let avail = width.saturating_sub(prefix_width).max(1);
    let role = match (&block.kind, quoted) {
        (BlockKind::Heading(level), _) => Role::Heading(*level),
        (_, true) => Role::Quote,
        _ => Role::Text,
    };

    let body: Vec<StyledLine> = match &block.kind {
        BlockKind::Code => code::lines(text, avail, code),
        BlockKind::Table(table) => table::lines(text, spans, table, avail),
        BlockKind::Rule => {
            let mut line = StyledLine::default();
            line.push_deco("─".repeat(avail), Role::Rule);
            vec![line]
        }
        _ => {
            let pieces = pieces_of(text, spans);
            wrap::wrap(text, &pieces, avail, avail)
                .iter()
                .map(|l| {
                    let mut line = StyledLine::default();
                    line.push_pieces(l, role);
                    line
                })
                .collect()
        }
    };

    let mut lines = Vec::with_capacity(body.len() + 1);
    for (i, body_line) in body.into_iter().enumerate() {
        let mut line = StyledLine::default();
        line.push_deco(quote_prefix.as_str(), Role::QuoteBar);
        let prefix = if i == 0 { &first_prefix } else { &rest_prefix };
        line.push_deco(
            clip(prefix, prefix_width.saturating_sub(bars * 2)),
            Role::Marker,
        );
        line.segs.extend(body_line.segs);
        lines.push(line);
    }
    if !joins_next(brief, id) {
        lines.push(StyledLine::default());
    }
    lines
}

/// The list indentation and marker for the first line and the hanging
/// indent for the others.
fn list_prefixes(block: &Block, depth: usize) -> (String, String) {
    if depth == 0 {
        return (String::new(), String::new());
    }
    let indent = " ".repeat((depth - 1) * LIST_INDENT);
    match &block.marker {
        Some(marker) => {
            let mark = match marker {
                ListMarker::Bullet => format!("{} ", BULLETS[(depth - 1) % BULLETS.len()]),
                ListMarker::Ordered(n) => format!("{n}. "),
                ListMarker::Task(true) => "[x] ".to_owned(),
                ListMarker::Task(false) => "[ ] ".to_owned(),
            };
            let hang = " ".repeat(text_width(&mark));
            (format!("{indent}{mark}"), format!("{indent}{hang}"))
        }
        // Later paragraphs of an item, and blocks nested in it, line up
        // with the item's text.
        None => {
            let pad = format!("{indent}{}", " ".repeat(LIST_INDENT));
            (pad.clone(), pad)
        }
    }
}

/// List items of one list sit on consecutive lines; everything else is
/// followed by a blank line. A numbered list next to a bulleted one at the
/// same depth is another list.
fn joins_next(brief: &Brief, id: BlockId) -> bool {
    let (Some(a), Some(b)) = (brief.blocks.get(id), brief.blocks.get(id + 1)) else {
        return false;
    };
    let numbered = |m: Option<ListMarker>| matches!(m, Some(ListMarker::Ordered(_)));
    let other_list = a.list_depth == b.list_depth
        && a.marker.is_some()
        && numbered(a.marker) != numbered(b.marker);
    a.list_depth > 0
        && b.list_depth > 0
        && a.quote_depth == b.quote_depth
        && b.marker.is_some()
        && a.kind == BlockKind::Paragraph
        && !other_list
        && brief.section_of(id) == brief.section_of(id + 1)
}

fn clip(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// The spans of a block as pieces of its text.
pub(crate) fn pieces_of<'a>(text: &'a str, spans: &[Span]) -> Vec<Piece<'a>> {
    spans
        .iter()
        .filter_map(|s| {
            text.get(s.range()).map(|t| Piece {
                text: t,
                inline: s.style,
                src: s.start,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
