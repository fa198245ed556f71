//! The walk over the chosen part of the page that writes markdown. The
//! walk is a loop over open and close edges, not a recursion, so no
//! nesting overflows the stack; every open edge pushes what it did onto
//! a stack that its close edge pops.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;
use scraper::node::Element;

mod blocks;
mod table;

use super::super::markdown::{code_block, escape_inline};
use blocks::Container;
use table::Table;

/// How many lists and quotes nest in the markdown; deeper ones are read
/// at this depth.
const MAX_CONTAINERS: usize = 12;

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "nav",
    "p",
    "section",
    "summary",
    "caption",
    "html",
];

/// What an open edge did, for its close edge to undo or finish.
enum Effect {
    None,
    Block,
    Heading(usize),
    Container,
    List,
    Mark {
        epoch: u64,
        at: usize,
        mark: &'static str,
    },
    Link {
        epoch: u64,
        at: usize,
        href: Option<String>,
    },
    Code,
    Pre,
    Table,
    Cell,
    Article,
}

/// Markdown written from a page's elements.
#[derive(Default)]
pub struct Writer {
    out: String,
    /// The paragraph being written, as escaped markdown; `\n` is a `<br>`.
    line: String,
    /// Bumped whenever `line` or the open cell is finished, so inline
    /// marks opened before then are not closed into other text.
    epoch: u64,
    containers: Vec<Container>,
    /// For each open list: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
    code: Option<String>,
    pre: Option<String>,
    table: Option<Table>,
    inner_tables: usize,
    articles: usize,
    last_was_item: bool,
    /// How many of `containers` were open at the last block and still
    /// are: the blank line before the next block is inside those only.
    shared: usize,
    /// Drop page furniture found by id, class or role.
    by_name: bool,
    /// The length of the text under the root: an element named as
    /// furniture that holds more than half of it is the content after all
    /// (`contentWithSidebar`, a section `shared-history`).
    root_text: usize,
}

impl Writer {
    /// A writer that drops page furniture by element name, and also by
    /// id, class and role when `by_name`.
    pub fn new(by_name: bool) -> Self {
        Self {
            by_name,
            ..Default::default()
        }
    }

    /// Writes `root` and what it holds, less the page furniture.
    pub fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut effects: Vec<Effect> = Vec::new();
        let mut skip = None;
        self.root_text = super::text_len(root);
        // A page header inside <main> or an <article> is the content's own
        // (its title and byline); in the body, it is the site's.
        if let Some(el) = root.value().as_element()
            && (matches!(el.name(), "main" | "article") || el.attr("role") == Some("main"))
        {
            self.articles += 1;
        }
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skip.is_none() => match node.value() {
                    Node::Element(el) => {
                        if node.id() != root.id() && self.dropped(node, el) {
                            skip = Some(node.id());
                        } else {
                            let effect = self.open(el);
                            effects.push(effect);
                        }
                    }
                    Node::Text(text) => self.text(text),
                    _ => {}
                },
                Edge::Close(node) if skip == Some(node.id()) => skip = None,
                Edge::Close(node) if skip.is_none() && node.value().is_element() => {
                    if let Some(effect) = effects.pop() {
                        self.close(effect);
                    }
                }
                _ => {}
            }
        }
        self.end_paragraph();
    }

    /// The markdown written so far.
    pub fn finish(mut self) -> String {
        self.end_paragraph();
        self.out
    }

    fn dropped(&self, node: NodeRef<'_, Node>, el: &Element) -> bool {
        let name = el.name();
        if super::DROPPED.contains(&name)
            || (name == "header" && self.articles == 0)
            || el.attr("hidden").is_some()
            || el.attr("aria-hidden") == Some("true")
            || el.attr("style").is_some_and(hidden_by_style)
        {
            return true;
        }
        if !self.by_name || matches!(name, "article" | "main" | "body" | "html") {
            return false;
        }
        let role = el.attr("role").unwrap_or_default().to_ascii_lowercase();
        let named = super::FURNITURE_ROLES.contains(&role.as_str())
            || el
                .id()
                .into_iter()
                .chain(el.classes())
                .any(super::furniture_name);
        named && super::text_len(node) * 2 <= self.root_text
    }

    fn open(&mut self, el: &Element) -> Effect {
        let name = el.name();
        if self.pre.is_some() || self.code.is_some() {
            if name == "br" {
                self.raw_text("\n");
            }
            return Effect::None;
        }
        if let Some(effect) = self.open_in_table(name) {
            return effect;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !self.in_cell() => {
                self.end_paragraph();
                Effect::Heading(usize::from(name.as_bytes()[1] - b'0'))
            }
            "ul" | "ol" | "menu" => {
                self.end_paragraph();
                let start = el.attr("start").and_then(|s| s.trim().parse().ok());
                self.lists
                    .push((name == "ol").then_some(start.unwrap_or(1)));
                Effect::List
            }
            "li" => {
                self.end_paragraph();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_owned(),
                };
                self.push_container(Container::Item {
                    width: marker.len(),
                    marker: Some(marker),
                })
            }
            "blockquote" => {
                self.end_paragraph();
                self.push_container(Container::Quote)
            }
            "pre" | "xmp" | "listing" => {
                self.end_paragraph();
                self.pre = Some(String::new());
                Effect::Pre
            }
            "code" | "kbd" | "samp" | "tt" => {
                self.code = Some(String::new());
                Effect::Code
            }
            "em" | "i" | "cite" | "dfn" => self.mark("*"),
            "strong" | "b" => self.mark("**"),
            "a" => Effect::Link {
                epoch: self.epoch,
                at: self.buf().len(),
                href: el.attr("href").and_then(super::link_target),
            },
            "img" => {
                self.image(el);
                Effect::None
            }
            "br" => {
                let br = if self.in_cell() { " " } else { "\n" };
                self.buf().push_str(br);
                Effect::None
            }
            "hr" => {
                self.end_paragraph();
                self.emit("---");
                Effect::None
            }
            "table" => {
                self.end_paragraph();
                self.table = Some(Table::default());
                Effect::Table
            }
            "article" => {
                self.end_paragraph();
                self.articles += 1;
                Effect::Article
            }
            _ if BLOCKS.contains(&name) => {
                self.block_edge();
                Effect::Block
            }
            _ => Effect::None,
        }
    }

    fn close(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Block => self.block_edge(),
            Effect::Heading(level) => {
                let text = std::mem::take(&mut self.line).replace('\n', " ");
                self.epoch += 1;
                let text = text.trim();
                if !text.is_empty() {
                    self.emit(&format!("{} {text}", "#".repeat(level)));
                }
            }
            Effect::Container => {
                self.end_paragraph();
                self.containers.pop();
                self.shared = self.shared.min(self.containers.len());
            }
            Effect::List => {
                self.end_paragraph();
                self.lists.pop();
            }
            Effect::Mark { epoch, at, mark } => self.close_mark(epoch, at, mark),
            Effect::Link { epoch, at, href } => {
                if let Some(href) = href {
                    let url = super::url(&href);
                    self.wrap(epoch, at, |text| format!("[{text}]({url})"));
                }
            }
            Effect::Code => {
                if let Some(code) = self.code.take() {
                    self.code_span(&code);
                }
            }
            Effect::Pre => {
                let text = self.pre.take().unwrap_or_default();
                let text = text.strip_prefix('\n').unwrap_or(&text).trim_end();
                if !text.trim().is_empty() {
                    let lines: Vec<&str> = text.lines().collect();
                    self.emit(&code_block(&lines));
                }
            }
            Effect::Table if self.inner_tables > 0 => self.inner_tables -= 1,
            Effect::Table => self.end_table(),
            Effect::Cell => {
                if let Some(table) = &mut self.table {
                    table.in_cell = false;
                }
                self.epoch += 1;
            }
            Effect::Article => {
                self.end_paragraph();
                self.articles = self.articles.saturating_sub(1);
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre.is_some() || self.code.is_some() {
            self.raw_text(text);
            return;
        }
        let is_space = |c: char| c.is_ascii_whitespace();
        let words: Vec<String> = text
            .split(is_space)
            .filter(|w| !w.is_empty())
            .map(escape_inline)
            .collect();
        let buf = self.buf();
        let apart = !buf.is_empty() && !buf.ends_with([' ', '\n']);
        if apart && (text.starts_with(is_space) || words.is_empty()) && !text.is_empty() {
            buf.push(' ');
        }
        buf.push_str(&words.join(" "));
        if !words.is_empty() && text.ends_with(is_space) {
            buf.push(' ');
        }
    }

    fn raw_text(&mut self, text: &str) {
        if let Some(pre) = &mut self.pre {
            pre.push_str(text);
        } else if let Some(code) = &mut self.code {
            code.extend(
                text.chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c }),
            );
        }
    }

    fn image(&mut self, el: &Element) {
        let Some(src) = el.attr("src").filter(|s| super::is_local(s)) else {
            return;
        };
        let alt = escape_inline(el.attr("alt").unwrap_or_default().trim());
        let image = format!("![{alt}]({})", super::url(src));
        let buf = self.buf();
        if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
            buf.push(' ');
        }
        buf.push_str(&image);
    }

    fn code_span(&mut self, code: &str) {
        if code.trim().is_empty() {
            return;
        }
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let ticks = "`".repeat(longest + 1);
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        let span = format!("{ticks}{pad}{}{pad}{ticks}", code.trim());
        self.buf().push_str(&span);
    }

    fn mark(&mut self, mark: &'static str) -> Effect {
        Effect::Mark {
            epoch: self.epoch,
            at: self.buf().len(),
            mark,
        }
    }

    fn close_mark(&mut self, epoch: u64, at: usize, mark: &str) {
        self.wrap(epoch, at, |text| format!("{mark}{text}{mark}"));
    }

    /// Wraps what was written since `at` (trimmed, spaces kept outside)
    /// when it is still in the same paragraph or cell.
    fn wrap(&mut self, epoch: u64, at: usize, f: impl Fn(&str) -> String) {
        if epoch != self.epoch {
            return;
        }
        let buf = self.buf();
        let Some(text) = buf.get(at..) else { return };
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.contains('\n') {
            return;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let wrapped = format!("{lead}{}{trail}", f(trimmed));
        buf.truncate(at);
        buf.push_str(&wrapped);
    }

    fn in_cell(&self) -> bool {
        self.table.as_ref().is_some_and(|t| t.in_cell)
    }

    /// Where inline text goes: the open table cell, or the paragraph.
    fn buf(&mut self) -> &mut String {
        if let Some(table) = &mut self.table
            && table.in_cell
            && let Some(cell) = table.rows.last_mut().and_then(|r| r.last_mut())
        {
            return cell;
        }
        &mut self.line
    }
}

/// True for an inline style that hides the element.
fn hidden_by_style(style: &str) -> bool {
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}
