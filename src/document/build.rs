//! pulldown-cmark events folded into sections and blocks. Every string taken
//! from the document is sanitised on the way in, after pulldown-cmark has
//! decoded entities such as `&#27;`.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::frontmatter;
use super::html::{self, InlineTag};
use super::sanitize::{sanitize_into, sanitize_line};
use super::sections::SectionTree;
use super::{Block, BlockKind, Brief, Inline, ListMarker, Meta, Span};

/// The block being filled: where its text and spans began.
pub(super) struct OpenBlock {
    pub(super) kind: BlockKind,
    pub(super) text_start: usize,
    spans_start: usize,
    line: u32,
    quote_depth: u8,
    list_depth: u8,
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
    link_stack: Vec<u32>,
    quote_depth: u8,
    list_stack: Vec<Option<u64>>,
    pending_marker: Option<ListMarker>,
    pending_prefix: Option<String>,
    heading: Option<(u8, String, u32)>,
    html: Option<(String, u32)>,
    pub(super) table: Option<super::table::TableCapture>,
    code_column: usize,
    in_code: bool,
    sections: SectionTree,
    /// Line of the first line of `src` in the file (front matter comes
    /// before it).
    first_line: u32,
    // Incremental line counting: offsets arrive mostly in order.
    line_offset: usize,
    line_number: u32,
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
            link_stack: Vec::new(),
            quote_depth: 0,
            list_stack: Vec::new(),
            pending_marker: None,
            pending_prefix: None,
            heading: None,
            html: None,
            table: None,
            code_column: 0,
            in_code: false,
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
            Event::FootnoteReference(label) => {
                if self.heading.is_none() {
                    self.ensure_block(offset);
                    self.push_styled(&format!("[{label}]"), Inline::SUPERSCRIPT);
                }
            }
            Event::SoftBreak => self.text(" ", offset),
            Event::HardBreak => self.text("\n", offset),
            Event::Rule => self.flush(),
            Event::TaskListMarker(done) => self.task_marker(done),
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.ensure_block(offset);
            }
            Tag::Heading { level, .. } => self.start_heading(level as u8, offset),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::CodeBlock(_) => {
                self.open_block(BlockKind::Code, offset);
                self.in_code = true;
                self.code_column = 0;
            }
            Tag::HtmlBlock => {
                self.flush();
                let line = self.line_of(offset);
                self.html = Some((String::new(), line));
            }
            Tag::List(first) => {
                self.flush();
                self.pending_marker = None;
                self.list_stack.push(first);
            }
            Tag::Item => self.start_item(),
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.pending_prefix = Some(format!("[{label}] "));
            }
            Tag::Table(aligns) => self.table_start(&aligns, offset),
            Tag::TableHead | Tag::TableRow => self.table_row(),
            Tag::TableCell => self.table_cell_start(),
            Tag::Emphasis => self.style_stack.push(Inline::EMPHASIS),
            Tag::Strong => self.style_stack.push(Inline::STRONG),
            Tag::Strikethrough => self.style_stack.push(Inline::STRIKE),
            Tag::Superscript => self.style_stack.push(Inline::SUPERSCRIPT),
            Tag::Subscript => self.style_stack.push(Inline::SUBSCRIPT),
            Tag::Link { dest_url, .. } => {
                let id = self.brief.links.len() as u32;
                self.brief.links.push(sanitize_line(&dest_url));
                self.link_stack.push(id);
                self.style_stack.push(Inline::LINK);
            }
            Tag::Image { .. } => {
                self.text("[image: ", offset);
                self.style_stack.push(Inline::EMPHASIS);
            }
            // Front matter is taken off before parsing (see
            // `frontmatter::read`), so metadata blocks never arrive.
            Tag::MetadataBlock(_) => {}
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush();
            }
        }
    }

    fn start_heading(&mut self, level: u8, offset: usize) {
        self.flush();
        if self.quote_depth > 0 || !self.list_stack.is_empty() {
            // Headings nested in lists or quotes are styled text, not
            // sections: they belong to the surrounding block.
            self.open_block(BlockKind::Heading(level), offset);
        } else {
            let line = self.line_of(offset);
            self.heading = Some((level, String::new(), line));
        }
    }

    fn start_item(&mut self) {
        self.flush();
        let marker = match self.list_stack.last_mut() {
            Some(Some(n)) => {
                let m = ListMarker::Ordered(*n);
                *n = n.saturating_add(1);
                m
            }
            _ => ListMarker::Bullet,
        };
        self.pending_marker = Some(marker);
    }

    fn end(&mut self, tag: TagEnd, offset: usize) {
        match tag {
            TagEnd::Paragraph | TagEnd::FootnoteDefinition => self.flush(),
            TagEnd::Item => {
                self.flush();
                self.pending_marker = None;
            }
            TagEnd::Heading(_) => match self.heading.take() {
                Some((level, title, line)) => {
                    let first_block = self.brief.blocks.len();
                    self.sections.heading(level, &title, line, first_block);
                }
                None => self.flush(),
            },
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.flush();
            }
            TagEnd::HtmlBlock => self.html_block_end(),
            TagEnd::List(_) => {
                self.flush();
                self.list_stack.pop();
            }
            TagEnd::Table => self.table_end(),
            TagEnd::TableCell => self.table_cell_end(),
            TagEnd::TableHead => self.table_head_end(),
            TagEnd::TableRow | TagEnd::MetadataBlock(_) => {}
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.style_stack.pop();
            }
            TagEnd::Link => {
                self.style_stack.pop();
                self.link_stack.pop();
            }
            TagEnd::Image => {
                self.style_stack.pop();
                // Through `text`, so an image in a heading closes its
                // bracket in the title too.
                self.text("]", offset);
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(),
        }
    }

    /// An HTML block shows as its text; a `<pre>` block as code, with its
    /// lines kept. A block of comments only leaves nothing.
    fn html_block_end(&mut self) {
        let Some((raw, line)) = self.html.take() else {
            return;
        };
        if let Some(code) = html::preformatted(&raw) {
            self.open_block_at_line(BlockKind::Code, line);
            self.code_column = 0;
            self.push_code(&code);
        } else {
            self.open_block_at_line(BlockKind::Paragraph, line);
            self.push_styled(&html::to_text(&raw), Inline::empty());
        }
        self.flush();
    }

    fn current_style(&self) -> Inline {
        self.style_stack
            .iter()
            .chain(&self.html_styles)
            .fold(Inline::empty(), |acc, s| acc | *s)
    }

    fn text(&mut self, t: &str, offset: usize) {
        if let Some((_, title, _)) = &mut self.heading {
            title.push_str(t);
        } else if self.in_code {
            self.push_code(t);
        } else {
            self.ensure_block(offset);
            self.push_styled(t, self.current_style());
        }
    }

    fn inline_code(&mut self, t: &str, offset: usize) {
        if let Some((_, title, _)) = &mut self.heading {
            title.push_str(t);
        } else {
            self.ensure_block(offset);
            self.push_styled(t, self.current_style() | Inline::CODE);
        }
    }

    /// Inline HTML: `<br>` breaks the line (a space in a heading, whose
    /// title is one line), styling tags style the text they enclose, and
    /// everything else, comments included, is dropped.
    fn raw_html(&mut self, h: &str, offset: usize) {
        if let Some((raw, _)) = &mut self.html {
            raw.push_str(h);
            return;
        }
        let tag = html::inline_tag(h);
        if let Some((_, title, _)) = &mut self.heading {
            if tag == InlineTag::Break {
                title.push(' ');
            }
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

    fn task_marker(&mut self, done: bool) {
        if self.pending_marker.is_some() {
            self.pending_marker = Some(ListMarker::Task(done));
        } else if let Some(open) = &mut self.open
            && matches!(open.kind, BlockKind::ListItem(_))
        {
            open.kind = BlockKind::ListItem(ListMarker::Task(done));
        }
    }

    /// Opens a block for inline content if none is open: a list item when a
    /// marker is waiting, else a paragraph.
    fn ensure_block(&mut self, offset: usize) {
        if self.open.is_some() || self.heading.is_some() {
            return;
        }
        let kind = match self.pending_marker.take() {
            Some(marker) => BlockKind::ListItem(marker),
            None => BlockKind::Paragraph,
        };
        self.open_block(kind, offset);
    }

    pub(super) fn open_block(&mut self, kind: BlockKind, offset: usize) {
        let line = self.line_of(offset);
        self.open_block_at_line(kind, line);
    }

    fn open_block_at_line(&mut self, kind: BlockKind, line: u32) {
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

    /// Appends sanitised text to the open block with one style, merging with
    /// the previous span when the style and link are the same.
    pub(super) fn push_styled(&mut self, t: &str, style: Inline) {
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
    fn push_code(&mut self, t: &str) {
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

    /// Closes the open block: trailing white space is trimmed and an empty
    /// block (say, a paragraph holding only an HTML comment) is dropped.
    pub(super) fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        self.html_styles.clear();
        if !matches!(open.kind, BlockKind::Table(_)) && self.trim_block(&open) == 0 {
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

    /// The brief, with `meta` from the front matter and the title chosen.
    pub(crate) fn finish(mut self, meta: Meta, fallback_title: &str) -> Brief {
        self.flush();
        let mut brief = self.brief;
        brief.meta = meta;
        brief.meta.tags = frontmatter::clean_tags(std::mem::take(&mut brief.meta.tags));
        brief.title = self.sections.title(&brief.meta, fallback_title);
        brief.sections = self.sections.finish(brief.blocks.len(), &brief.title);
        brief.text.shrink_to_fit();
        brief.spans.shrink_to_fit();
        brief.blocks.shrink_to_fit();
        brief
    }
}
