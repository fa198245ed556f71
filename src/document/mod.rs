//! The document model: a brief as plain data, with no UI and no file access.
//!
//! Text lives in one buffer per brief; blocks and spans point into it with
//! ranges. That keeps a 10 MB brief to a handful of allocations and makes a
//! block's text a cheap slice for search, anchoring and layout.

mod attrs;
mod build;
pub mod comments;
pub mod date;
pub mod formats;
mod frontmatter;
mod html;
pub mod load;
pub(crate) mod opening;
pub mod sanitize;
mod sections;
pub mod stats;
mod table;

use std::ops::Range;

pub use comments::ImportedComment;
pub use load::{LoadError, LoadOptions, load_path, parse};

/// Index of a section in [`Brief::sections`].
pub type SectionId = usize;
/// Index of a block in [`Brief::blocks`].
pub type BlockId = usize;

/// Metadata read from front matter. Every string is already sanitised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The brief's own identifier (`id:` in front matter), which stays
    /// when it is moved, renamed or revised.
    pub id: Option<String>,
    pub title: Option<String>,
    /// `subtitle:`, searched with the title.
    pub subtitle: Option<String>,
    /// `lang:` or `language:` (`en`, `fr`...), for stemming in search.
    pub language: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub classification: Option<String>,
    /// `url:` (or `link:`): where the brief is published, for citations.
    pub url: Option<String>,
    /// `source:` (or `publisher:`): who issued it, for citations when
    /// there is no `url`.
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
}

/// A loaded brief: its title, metadata, sections and blocks.
#[derive(Debug, Clone, Default)]
pub struct Brief {
    pub title: String,
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    /// Problems that did not stop the load (invalid UTF-8, bad front matter).
    pub warnings: Vec<String>,
    pub(crate) text: String,
    pub(crate) spans: Vec<Span>,
    pub(crate) links: Vec<String>,
    /// Link targets other than heading slugs: HTML `id`s and `<a name>`s,
    /// ids from attribute lists, footnotes (`^label`).
    pub(crate) ids: Vec<(String, IdTarget)>,
    /// The paragraphs that are a picture and nothing else, in order.
    pub images: Vec<Picture>,
    /// Comments the file carried (Word's), to become notes when opened.
    pub imported: Vec<ImportedComment>,
}

/// A paragraph that is one markdown image (`![alt](chart.png)`): its text
/// is `[image: alt]`, what the reader shows when the picture cannot be
/// drawn. `src` is the image's address as written (sanitised), never
/// fetched when it is remote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub block: BlockId,
    pub src: String,
}

/// Where an id in a brief points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTarget {
    Section(SectionId),
    Block(BlockId),
}

/// A headed part of a brief. The text before the first heading forms a
/// section of its own with level 0 and the brief's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    /// 1-6 for headings; 0 for the text before the first heading.
    pub level: u8,
    pub parent: Option<SectionId>,
    pub blocks: Range<BlockId>,
    /// 1-based line of the heading (or of the first block) in the source.
    pub line: u32,
    /// The styled runs of the title (emphasis, code...) as byte offsets in
    /// it; empty when the title is plain.
    pub spans: Vec<Span>,
}

/// A heading's anchor as GitHub writes it: lower case, spaces to `-`,
/// punctuation dropped (`## Key judgments` is `#key-judgments`).
pub fn slug(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

impl Section {
    /// True for the section made of the text before the first heading.
    pub fn is_preamble(&self) -> bool {
        self.level == 0
    }
}

/// One thing a reader points at: a paragraph, list item, code block, table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Range in the brief's text buffer.
    pub(crate) text: Range<u32>,
    /// Range in the brief's span list.
    pub(crate) spans: Range<u32>,
    /// 1-based line in the source.
    pub line: u32,
    /// How many block quotes enclose this block.
    pub quote_depth: u8,
    /// How many lists enclose this block.
    pub list_depth: u8,
    /// The bullet, number or task box drawn before the block's first line:
    /// set on the first block of each list item, whatever its kind (a
    /// paragraph, a heading, code, a table; an empty block for an empty
    /// item or one that opens with a nested list).
    pub marker: Option<ListMarker>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading inside a list or quote: shown as a heading, but it does not
    /// start a section.
    Heading(u8),
    Code,
    Table(Box<Table>),
    /// A thematic break (`---`, `***`): no text, drawn as a line across
    /// the column. Briefs use it between parts and after the front page.
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMarker {
    Bullet,
    Ordered(u64),
    Task(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A table block. Cells are byte ranges in the block's text; the text joins
/// cells with " | " and rows with newlines, so search and quotes read well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub aligns: Vec<Align>,
    /// Number of leading rows that form the header.
    pub header_rows: usize,
    pub rows: Vec<Vec<Range<u32>>>,
    /// How many columns each cell covers, row by row (HTML `colspan`):
    /// empty when every cell covers one.
    pub spans: Vec<Vec<u16>>,
}

impl Table {
    /// How many columns a cell covers.
    pub fn span(&self, row: usize, cell: usize) -> usize {
        self.spans
            .get(row)
            .and_then(|r| r.get(cell))
            .map_or(1, |&s| usize::from(s.max(1)))
    }

    /// Columns in the table: the widest row, spans counted.
    pub fn columns(&self) -> usize {
        (0..self.rows.len())
            .map(|r| (0..self.rows[r].len()).map(|c| self.span(r, c)).sum())
            .max()
            .unwrap_or(0)
    }
}

bitflags::bitflags! {
    /// Inline styling carried by a span of text.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct Inline: u8 {
        const EMPHASIS = 1;
        const STRONG = 1 << 1;
        const CODE = 1 << 2;
        const STRIKE = 1 << 3;
        const LINK = 1 << 4;
        const SUPERSCRIPT = 1 << 5;
        const SUBSCRIPT = 1 << 6;
    }
}

/// A run of text with one style, as byte offsets within its block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub style: Inline,
    /// Index into the brief's link list when the span is a link.
    pub link: Option<u32>,
}

impl Span {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Brief {
    /// The plain text of a block (already sanitised).
    pub fn block_text(&self, id: BlockId) -> &str {
        let r = &self.blocks[id].text;
        &self.text[r.start as usize..r.end as usize]
    }

    /// The styled spans of a block; they cover its text in order.
    pub fn block_spans(&self, id: BlockId) -> &[Span] {
        let r = &self.blocks[id].spans;
        &self.spans[r.start as usize..r.end as usize]
    }

    /// The URL of a link span.
    pub fn link_url(&self, link: u32) -> &str {
        self.links.get(link as usize).map_or("", String::as_str)
    }

    /// The section holding a block. Sections are ordered, so this is a
    /// binary search rather than a scan.
    pub fn section_of(&self, block: BlockId) -> SectionId {
        // Sections cover the blocks in order with contiguous ranges, so the
        // first section ending after the block holds it (empty ones end
        // before it).
        let id = self.sections.partition_point(|s| s.blocks.end <= block);
        id.min(self.sections.len().saturating_sub(1))
    }

    /// Byte offset of a block's start in the text buffer: a cheap measure of
    /// how far into the brief a block is.
    pub fn block_offset(&self, id: BlockId) -> usize {
        self.blocks
            .get(id)
            .map_or(self.text.len(), |b| b.text.start as usize)
    }

    /// The whole text buffer: every block's text, back to back, in order.
    pub fn full_text(&self) -> &str {
        &self.text
    }

    /// The byte range of a block's text within [`Brief::full_text`].
    pub fn block_range(&self, id: BlockId) -> Range<usize> {
        let r = &self.blocks[id].text;
        r.start as usize..r.end as usize
    }

    /// The block whose text holds a byte offset of the text buffer.
    pub fn block_at_offset(&self, offset: usize) -> Option<BlockId> {
        let i = self
            .blocks
            .partition_point(|b| (b.text.end as usize) <= offset);
        self.blocks
            .get(i)
            .filter(|b| b.text.start as usize <= offset)
            .map(|_| i)
    }

    /// Total length of the text buffer in bytes.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The section's heading path from the top of the tree, e.g.
    /// `["Background", "Trade flows"]`.
    pub fn heading_path(&self, id: SectionId) -> Vec<&str> {
        let mut path = Vec::new();
        let mut cur = Some(id);
        while let Some(s) = cur {
            path.push(self.sections[s].title.as_str());
            cur = self.sections[s].parent;
        }
        path.reverse();
        path
    }

    /// The first section whose heading's anchor is `slug` (with or
    /// without the `#`).
    pub fn section_by_slug(&self, wanted: &str) -> Option<SectionId> {
        let wanted = wanted.trim_start_matches('#').to_lowercase();
        self.sections
            .iter()
            .position(|s| !s.is_preamble() && slug(&s.title) == wanted)
    }

    /// Where a link's `#anchor` points: an id written in the brief (an
    /// HTML `id`, `<a name>`, `{#id}`), matched exactly and then ignoring
    /// case, else a heading's slug.
    pub fn resolve_anchor(&self, anchor: &str) -> Option<IdTarget> {
        let anchor = anchor.strip_prefix('#').unwrap_or(anchor);
        self.ids
            .iter()
            .find(|(id, _)| id == anchor)
            .or_else(|| {
                self.ids
                    .iter()
                    .find(|(id, _)| id.eq_ignore_ascii_case(anchor))
            })
            .map(|(_, at)| *at)
            .or_else(|| self.section_by_slug(anchor).map(IdTarget::Section))
    }

    /// The picture a block is, if it is one.
    pub fn picture(&self, block: BlockId) -> Option<&Picture> {
        let i = self.images.binary_search_by_key(&block, |p| p.block).ok()?;
        self.images.get(i)
    }

    /// The alt text of a picture block: its text without `[image: ` and
    /// `]`.
    pub fn picture_alt(&self, block: BlockId) -> &str {
        let text = self.block_text(block);
        text.strip_prefix("[image: ")
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(text)
    }

    /// Number of words in the brief, counted on the text buffer.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}
