//! From bytes to a [`Brief`]: pulldown-cmark events are folded into sections
//! and blocks. Every string taken from the document is sanitised on the way
//! in, after pulldown-cmark has decoded entities such as `&#27;`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::frontmatter::{self, Format};
use super::sanitize::{sanitize_into, sanitize_line};
use super::{Align, Block, BlockKind, Brief, Inline, ListMarker, Meta, Section, Span, Table, html};

/// Errors that stop a brief from loading. Messages name the file and say
/// what to do; paths are sanitised so a hostile file name cannot reach the
/// terminal as a control sequence.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file; check the path and try again")]
    NotFound { path: String },
    #[error("{path}: is a directory; give a markdown file (brief FILE.md)")]
    IsDirectory { path: String },
    #[error("{path}: not a regular file (a device, pipe or socket); give a markdown file")]
    NotRegular { path: String },
    #[error(
        "{path}: looks like a binary file (NUL byte at offset {offset}); brief reads markdown text"
    )]
    Binary { path: String, offset: usize },
    #[error("{path}: {size_mb} MB is larger than the {limit_mb} MB brief reads; split the file")]
    TooLarge {
        path: String,
        size_mb: u64,
        limit_mb: u64,
    },
    #[error("{path}: permission denied; check the file's permissions")]
    PermissionDenied { path: String },
    #[error("{path}: cannot read: {reason}")]
    Io { path: String, reason: String },
}

impl LoadError {
    fn io(path: &Path, err: &io::Error) -> Self {
        let path = display_path(path);
        match err.kind() {
            io::ErrorKind::NotFound => LoadError::NotFound { path },
            io::ErrorKind::PermissionDenied => LoadError::PermissionDenied { path },
            _ => LoadError::Io {
                path,
                reason: sanitize_line(&err.to_string()),
            },
        }
    }
}

/// A path made safe to print.
pub fn display_path(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this are refused with [`LoadError::TooLarge`].
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: 100 * 1024 * 1024,
        }
    }
}

/// How far into a file NUL bytes mark it as binary.
const BINARY_SNIFF: usize = 8 * 1024;

/// Reads and parses a brief from a file.
pub fn load_path(path: &Path, opts: LoadOptions) -> Result<Brief, LoadError> {
    let meta = fs::metadata(path).map_err(|e| LoadError::io(path, &e))?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: display_path(path),
        });
    }
    // Opening a FIFO would block and /dev/zero never ends: refuse anything
    // that is not a plain file before opening it.
    if !meta.is_file() {
        return Err(LoadError::NotRegular {
            path: display_path(path),
        });
    }
    let too_large = |size: u64| LoadError::TooLarge {
        path: display_path(path),
        size_mb: size.div_ceil(1024 * 1024),
        limit_mb: opts.max_bytes / (1024 * 1024),
    };
    if meta.len() > opts.max_bytes {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = fs::File::open(path).map_err(|e| LoadError::io(path, &e))?;
    // The file may grow between stat and read; never read past the limit.
    file.take(opts.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::io(path, &e))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    from_bytes(bytes, path)
}

/// Parses a brief from bytes read from `origin` (a file, or `-` for stdin).
pub fn from_bytes(bytes: Vec<u8>, origin: &Path) -> Result<Brief, LoadError> {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF)];
    if let Some(offset) = sniff.iter().position(|&b| b == 0) {
        return Err(LoadError::Binary {
            path: display_path(origin),
            offset,
        });
    }
    let fallback = origin
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "untitled".to_owned());
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    let mut brief = parse(&text, &fallback);
    if lossy {
        brief.warnings.insert(
            0,
            "invalid UTF-8: some bytes are shown as \u{FFFD}".to_owned(),
        );
    }
    Ok(brief)
}

/// Parses markdown text into a brief. `fallback_title` (usually the file
/// name) is used when there is neither a front-matter title nor an H1.
pub fn parse(text: &str, fallback_title: &str) -> Brief {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // CR and CRLF line endings become LF once, so code blocks and hard
    // breaks never carry a stray CR.
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    let mut builder = Builder::new(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        builder.event(event, range.start);
    }
    builder.finish(fallback_title)
}

struct OpenBlock {
    kind: BlockKind,
    text_start: usize,
    spans_start: usize,
    line: u32,
    quote_depth: u8,
    list_depth: u8,
}

struct TableCapture {
    aligns: Vec<Align>,
    rows: Vec<Vec<std::ops::Range<u32>>>,
    header_rows: usize,
    cell_start: usize,
}

/// Folds parser events into a brief. Text is appended straight into the
/// brief's buffer; `open` remembers where the current block began.
struct Builder<'s> {
    src: &'s str,
    brief: Brief,
    open: Option<OpenBlock>,
    style_stack: Vec<Inline>,
    link_stack: Vec<u32>,
    quote_depth: u8,
    list_stack: Vec<Option<u64>>,
    pending_marker: Option<ListMarker>,
    pending_prefix: Option<String>,
    heading: Option<(u8, String, u32)>,
    metadata: Option<(Format, String, u32)>,
    html: Option<(String, u32)>,
    table: Option<TableCapture>,
    code_column: usize,
    in_code: bool,
    section_starts: Vec<usize>,
    heading_stack: Vec<(u8, usize)>,
    // Incremental line counting: offsets arrive mostly in order.
    line_offset: usize,
    line_number: u32,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str) -> Self {
        Builder {
            src,
            brief: Brief {
                text: String::with_capacity(src.len()),
                ..Brief::default()
            },
            open: None,
            style_stack: Vec::new(),
            link_stack: Vec::new(),
            quote_depth: 0,
            list_stack: Vec::new(),
            pending_marker: None,
            pending_prefix: None,
            heading: None,
            metadata: None,
            html: None,
            table: None,
            code_column: 0,
            in_code: false,
            section_starts: Vec::new(),
            heading_stack: Vec::new(),
            line_offset: 0,
            line_number: 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.src.len());
        if offset < self.line_offset {
            self.line_offset = 0;
            self.line_number = 1;
        }
        let newlines = self.src.as_bytes()[self.line_offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line_number = self.line_number.saturating_add(newlines as u32);
        self.line_offset = offset;
        self.line_number
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
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
            Tag::Heading { level, .. } => {
                self.flush();
                let level = level as u8;
                if self.quote_depth > 0 || !self.list_stack.is_empty() {
                    // Headings nested in lists or quotes are styled text,
                    // not sections: they belong to the surrounding block.
                    self.open_block(BlockKind::Heading(level), offset);
                } else {
                    let line = self.line_of(offset);
                    self.heading = Some((level, String::new(), line));
                }
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::CodeBlock(_) => {
                self.flush();
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
            Tag::Item => {
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
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.pending_prefix = Some(format!("[{label}] "));
            }
            Tag::Table(aligns) => {
                self.flush();
                self.open_block(BlockKind::Paragraph, offset);
                self.table = Some(TableCapture {
                    aligns: aligns.iter().map(|a| convert_align(*a)).collect(),
                    rows: Vec::new(),
                    header_rows: 0,
                    cell_start: 0,
                });
            }
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
            Tag::MetadataBlock(kind) => {
                let format = match kind {
                    MetadataBlockKind::YamlStyle => Format::Yaml,
                    MetadataBlockKind::PlusesStyle => Format::Toml,
                };
                // The block's content starts on the line after the fence.
                let line = self.line_of(offset) + 1;
                self.metadata = Some((format, String::new(), line));
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush();
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                if tag == TagEnd::Item {
                    self.pending_marker = None;
                }
            }
            TagEnd::Heading(_) => match self.heading.take() {
                Some((level, title, line)) => self.push_section(level, &title, line),
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
            TagEnd::HtmlBlock => {
                if let Some((raw, line)) = self.html.take() {
                    let text = html::to_text(&raw);
                    if !text.is_empty() {
                        self.open_block_at_line(BlockKind::Paragraph, line);
                        self.push_styled(&text, Inline::empty());
                        self.flush();
                    }
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.list_stack.pop();
            }
            TagEnd::Table => self.table_end(),
            TagEnd::TableCell => self.table_cell_end(),
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header_rows = t.rows.len();
                }
            }
            TagEnd::TableRow => {}
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
                self.push_styled("]", self.current_style());
            }
            TagEnd::MetadataBlock(_) => {
                if let Some((format, raw, line)) = self.metadata.take() {
                    match frontmatter::parse(format, &raw, line) {
                        Ok(meta) => self.brief.meta = meta,
                        Err(warning) => self.brief.warnings.push(warning),
                    }
                }
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(),
        }
    }

    fn current_style(&self) -> Inline {
        self.style_stack
            .iter()
            .fold(Inline::empty(), |acc, s| acc | *s)
    }

    fn text(&mut self, t: &str, offset: usize) {
        if let Some((_, raw, _)) = &mut self.metadata {
            raw.push_str(t);
        } else if let Some((_, title, _)) = &mut self.heading {
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

    fn raw_html(&mut self, h: &str, offset: usize) {
        if let Some((raw, _)) = &mut self.html {
            raw.push_str(h);
        } else if self.heading.is_none() && html::inline_break(h) {
            self.ensure_block(offset);
            self.push_styled("\n", self.current_style());
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

    fn open_block(&mut self, kind: BlockKind, offset: usize) {
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
    fn push_styled(&mut self, t: &str, style: Inline) {
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

    fn table_row(&mut self) {
        let Some(t) = &mut self.table else { return };
        if !t.rows.is_empty() {
            self.push_styled("\n", Inline::empty());
        }
        if let Some(t) = &mut self.table {
            t.rows.push(Vec::new());
        }
    }

    fn table_cell_start(&mut self) {
        let Some(t) = &self.table else { return };
        if t.rows.last().is_some_and(|r| !r.is_empty()) {
            self.push_styled(" | ", Inline::empty());
        }
        let start = self.block_len();
        if let Some(t) = &mut self.table {
            t.cell_start = start;
        }
    }

    fn table_cell_end(&mut self) {
        let end = self.block_len();
        if let Some(t) = &mut self.table {
            let start = t.cell_start.min(end) as u32;
            if let Some(row) = t.rows.last_mut() {
                row.push(start..end as u32);
            }
        }
    }

    fn table_end(&mut self) {
        if let Some(t) = self.table.take()
            && let Some(open) = &mut self.open
        {
            open.kind = BlockKind::Table(Box::new(Table {
                aligns: t.aligns,
                header_rows: t.header_rows,
                rows: t.rows,
            }));
        }
        self.flush();
    }

    fn block_len(&self) -> usize {
        self.open
            .as_ref()
            .map_or(0, |o| self.brief.text.len() - o.text_start)
    }

    /// Closes the open block: trailing white space is trimmed and an empty
    /// block (say, a paragraph holding only an HTML comment) is dropped.
    fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        let is_table = matches!(open.kind, BlockKind::Table(_));
        if !is_table {
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
            if kept == 0 {
                return;
            }
        }
        if self.section_starts.is_empty() {
            // Text before the first heading: a section of its own.
            self.brief.sections.push(Section {
                title: String::new(),
                level: 0,
                parent: None,
                blocks: 0..0,
                line: open.line,
            });
            self.section_starts.push(0);
        }
        self.brief.blocks.push(Block {
            kind: open.kind,
            text: open.text_start as u32..self.brief.text.len() as u32,
            spans: open.spans_start as u32..self.brief.spans.len() as u32,
            line: open.line,
            quote_depth: open.quote_depth,
            list_depth: open.list_depth,
        });
    }

    fn push_section(&mut self, level: u8, raw_title: &str, line: u32) {
        let title = sanitize_line(raw_title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        while self.heading_stack.last().is_some_and(|&(l, _)| l >= level) {
            self.heading_stack.pop();
        }
        let id = self.brief.sections.len();
        self.brief.sections.push(Section {
            title,
            level,
            parent: self.heading_stack.last().map(|&(_, id)| id),
            blocks: 0..0,
            line,
        });
        self.heading_stack.push((level, id));
        self.section_starts.push(self.brief.blocks.len());
    }

    fn finish(mut self, fallback_title: &str) -> Brief {
        self.flush();
        let total = self.brief.blocks.len();
        let starts = &self.section_starts;
        for (i, section) in self.brief.sections.iter_mut().enumerate() {
            let start = starts[i];
            let end = starts.get(i + 1).copied().unwrap_or(total);
            section.blocks = start..end;
        }
        let mut brief = self.brief;
        brief.meta.tags = frontmatter::clean_tags(std::mem::take(&mut brief.meta.tags));
        brief.title = title_of(&brief.meta, &brief.sections, fallback_title);
        if let Some(first) = brief.sections.first_mut()
            && first.is_preamble()
        {
            first.title = brief.title.clone();
        }
        brief.text.shrink_to_fit();
        brief.spans.shrink_to_fit();
        brief.blocks.shrink_to_fit();
        brief
    }
}

fn title_of(meta: &Meta, sections: &[Section], fallback: &str) -> String {
    meta.title
        .clone()
        .or_else(|| {
            sections
                .iter()
                .find(|s| s.level == 1 && !s.title.is_empty())
                .map(|s| s.title.clone())
        })
        .unwrap_or_else(|| sanitize_line(fallback))
}

fn convert_align(a: pulldown_cmark::Alignment) -> Align {
    match a {
        pulldown_cmark::Alignment::Center => Align::Center,
        pulldown_cmark::Alignment::Right => Align::Right,
        _ => Align::Left,
    }
}
