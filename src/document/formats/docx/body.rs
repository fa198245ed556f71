//! The body of a .docx (or its footnotes) walked into paragraphs, list
//! items and tables, then written as markdown. Text is escaped as it is
//! read, so only the markdown this file writes has meaning.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

mod places;
mod table;

use table::table;

use super::parts::{Numbering, Role, Styles, attr, outline_role, val};
use crate::document::formats::markdown::{escape_inline, guard_line_start};

/// What the walk needs from the other parts.
pub struct Context<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    pub links: &'a HashMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Title,
    Subtitle,
    Heading(u8),
    List { ordered: bool, level: u8 },
}

#[derive(Debug)]
enum Item {
    /// Markdown text with `\n` for line breaks, and the plain text.
    Para {
        kind: Kind,
        text: String,
        plain: String,
    },
    /// Rows of cells, each cell's markdown text.
    Table(Vec<Vec<String>>),
}

/// A walked part: its items (with the footnote each belongs to, in a
/// notes part), and the title and subtitle paragraphs.
#[derive(Debug, Default)]
pub struct Doc {
    items: Vec<(Option<String>, Item)>,
    notes: Vec<(String, String)>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// Where each comment is, by its id: the commented text and the
    /// paragraph it starts in (plain text).
    pub comment_places: HashMap<String, (String, String)>,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    outline: Option<Role>,
    num_id: Option<String>,
    level: Option<String>,
    text: String,
    plain: String,
}

/// Elements whose content is not the current text: deleted or moved-away
/// text, the old properties of a tracked change, the fallback copy of
/// drawing content, field instructions.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "pPrChange",
    "rPrChange",
    "Fallback",
    "instrText",
];

pub fn walk(xml: &str, cx: &Context) -> Doc {
    let mut w = Walker {
        cx,
        doc: Doc::default(),
        skip: 0,
        paras: Vec::new(),
        tables: Vec::new(),
        links: Vec::new(),
        in_text: false,
        in_run: false,
        note: None,
        open_comments: Vec::new(),
    };
    let mut reader = Reader::from_str(xml);
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) if w.skip > 0 => {
                let _ = e;
                w.skip += 1;
            }
            Event::End(_) if w.skip > 0 => w.skip -= 1,
            _ if w.skip > 0 => {}
            Event::Start(e) => w.start(&e, true),
            Event::Empty(e) => w.start(&e, false),
            Event::End(e) => w.end(e.local_name().as_ref()),
            Event::Text(t) if w.in_text => w.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if w.in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&r).unwrap_or_default().to_owned(),
                };
                w.push_text(&resolved);
            }
            Event::CData(t) if w.in_text => w.push_text(&t.xml10_content()),
            _ => {}
        }
    }
    // An unclosed paragraph or table in a truncated part still counts.
    while !w.paras.is_empty() {
        w.end("p");
    }
    while !w.tables.is_empty() {
        w.end("tbl");
    }
    w.doc
}

struct Walker<'a, 'c> {
    cx: &'a Context<'c>,
    doc: Doc,
    /// Depth inside a skipped element.
    skip: u32,
    paras: Vec<Para>,
    /// Open tables: rows of cells.
    tables: Vec<Vec<Vec<String>>>,
    /// Open hyperlinks: where the text began, and the target.
    links: Vec<(usize, Option<String>)>,
    in_text: bool,
    in_run: bool,
    /// The footnote or endnote being read.
    note: Option<String>,
    /// Comment ranges begun and not yet ended: the id, and where in the
    /// current paragraph's plain text the range began.
    open_comments: Vec<(String, usize)>,
}

impl Walker<'_, '_> {
    fn start(&mut self, e: &BytesStart, open: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if SKIPPED.contains(&name) {
            self.skip = u32::from(open);
            return;
        }
        match name {
            "p" if open => self.paras.push(Para::default()),
            "pStyle" => self.para(|p, v| p.style = v, val(e)),
            "outlineLvl" => {
                let role = val(e).as_deref().and_then(outline_role);
                if let Some(p) = self.paras.last_mut() {
                    p.outline = role;
                }
            }
            "numId" => self.para(|p, v| p.num_id = v, val(e)),
            "ilvl" => self.para(|p, v| p.level = v, val(e)),
            "r" => self.in_run = open,
            "t" => self.in_text = open,
            "tab" if self.in_run => self.push_text(" "),
            "br" | "cr" if self.in_run => self.push_raw("\n", "\n"),
            "noBreakHyphen" if self.in_run => self.push_text("-"),
            "hyperlink" if open => {
                let target = attr(e, "id").and_then(|id| self.cx.links.get(&id).cloned());
                let at = self.paras.last().map_or(0, |p| p.text.len());
                self.links.push((at, target));
            }
            "footnoteReference" | "endnoteReference" => {
                let prefix = if name == "footnoteReference" {
                    "fn"
                } else {
                    "en"
                };
                if let Some(id) = attr(e, "id").filter(|id| id.chars().all(char::is_alphanumeric)) {
                    self.push_raw(&format!("[^{prefix}{id}]"), "");
                }
            }
            "footnote" | "endnote" if open => {
                let kind = attr(e, "type");
                if kind.is_some_and(|k| k != "normal") {
                    // Separators between the text and its notes.
                    self.skip = 1;
                } else {
                    self.note = attr(e, "id");
                }
            }
            "commentRangeStart" | "commentReference" | "commentRangeEnd" => {
                self.comment_mark(name, e);
            }
            "tbl" if open => self.tables.push(Vec::new()),
            "tr" if open => {
                if let Some(table) = self.tables.last_mut() {
                    table.push(Vec::new());
                }
            }
            "tc" if open => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(String::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "r" => self.in_run = false,
            "hyperlink" => self.close_link(),
            "p" => self.close_para(),
            "tbl" => self.close_table(),
            "footnote" | "endnote" => self.note = None,
            _ => {}
        }
    }

    fn para(&mut self, set: impl FnOnce(&mut Para, Option<String>), value: Option<String>) {
        if let Some(p) = self.paras.last_mut() {
            set(p, value);
        }
    }

    fn push_text(&mut self, text: &str) {
        self.push_raw(&escape_inline(text), text);
    }

    fn push_raw(&mut self, markdown: &str, plain: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(markdown);
            p.plain.push_str(plain);
        }
    }

    /// A link with a target and some text becomes `[text](<target>)`.
    fn close_link(&mut self) {
        let Some((at, target)) = self.links.pop() else {
            return;
        };
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let target = target.filter(|t| !t.contains(['<', '>', '\n', '\r']));
        if let Some(target) = target
            && at <= p.text.len()
            && p.text.is_char_boundary(at)
            && !p.text[at..].trim().is_empty()
        {
            p.text.insert(at, '[');
            p.text.push_str(&format!("](<{target}>)"));
        }
    }

    fn close_para(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        self.close_comments(&p.plain);
        self.links.clear();
        if let Some(cell) = self
            .tables
            .last_mut()
            .and_then(|t| t.last_mut())
            .and_then(|r| r.last_mut())
        {
            append_words(cell, &p.text);
            return;
        }
        let kind = self.kind(&p);
        let item = Item::Para {
            kind,
            text: p.text,
            plain: p.plain,
        };
        self.doc.items.push((self.note.clone(), item));
    }

    fn kind(&self, p: &Para) -> Kind {
        let styles = self.cx.styles;
        let role = p
            .style
            .as_deref()
            .and_then(|s| styles.role(s))
            .or(p.outline);
        match role {
            Some(Role::Title) => return Kind::Title,
            Some(Role::Subtitle) => return Kind::Subtitle,
            Some(Role::Heading(level)) => return Kind::Heading(level),
            None => {}
        }
        let style_num = p
            .style
            .as_deref()
            .and_then(|s| styles.get(s)?.num_id.clone());
        match p.num_id.clone().or(style_num) {
            Some(num) if num != "0" => {
                let level = p.level.clone().unwrap_or_else(|| "0".to_owned());
                Kind::List {
                    ordered: self.cx.numbering.ordered(&num, &level),
                    level: level.parse().unwrap_or(0).min(8),
                }
            }
            _ => Kind::Body,
        }
    }

    fn close_table(&mut self) {
        let Some(rows) = self.tables.pop() else {
            return;
        };
        let outer_cell = self
            .tables
            .last_mut()
            .and_then(|t| t.last_mut())
            .and_then(|r| r.last_mut());
        match outer_cell {
            // A table in a cell is flattened into the cell's text.
            Some(cell) => {
                for text in rows.iter().flatten() {
                    append_words(cell, text);
                }
            }
            None if rows.iter().flatten().any(|c| !c.trim().is_empty()) => {
                self.doc.items.push((self.note.clone(), Item::Table(rows)));
            }
            None => {}
        }
    }
}

/// Adds a paragraph's text to a cell, on the same line.
fn append_words(cell: &mut String, text: &str) {
    let text = text.replace('\n', " ");
    let text = text.trim();
    if !text.is_empty() {
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(text);
    }
}

impl Doc {
    /// Takes the notes of a walked footnotes or endnotes part.
    pub fn add_notes(&mut self, prefix: &str, notes: &Doc) {
        for (id, item) in &notes.items {
            let (Some(id), Item::Para { text, .. }) = (id, item) else {
                continue;
            };
            let key = format!("{prefix}{id}");
            match self.notes.iter_mut().find(|(k, _)| *k == key) {
                Some((_, body)) => append_words(body, text),
                None => {
                    let mut body = String::new();
                    append_words(&mut body, text);
                    self.notes.push((key, body));
                }
            }
        }
    }

    /// The body as markdown, footnotes at the end.
    pub fn markdown(&mut self) -> String {
        let mut out = String::new();
        let mut last_was_item = false;
        for (_, item) in std::mem::take(&mut self.items) {
            let (chunk, is_item) = match item {
                Item::Para { kind, text, plain } => match self.para(kind, &text, &plain) {
                    Some(chunk) => (chunk, matches!(kind, Kind::List { .. })),
                    None => continue,
                },
                Item::Table(rows) => (table(&rows), false),
            };
            if !out.is_empty() {
                out.push_str(if last_was_item && is_item {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            out.push_str(&chunk);
            last_was_item = is_item;
        }
        for (key, body) in &self.notes {
            if !body.is_empty() && out.contains(&format!("[^{key}]")) {
                out.push_str(&format!("\n\n[^{key}]: {}", guard_line_start(body.clone())));
            }
        }
        out.push('\n');
        out
    }

    /// One paragraph's markdown; `None` when it has none (an empty
    /// paragraph, or the title, which goes to the front matter).
    fn para(&mut self, kind: Kind, text: &str, plain: &str) -> Option<String> {
        let one_line = text.replace('\n', " ");
        let one_line = one_line.trim();
        if one_line.is_empty() {
            return None;
        }
        let plain = plain.replace('\n', " ").trim().to_owned();
        match kind {
            Kind::Title if self.title.is_none() => {
                self.title = Some(plain);
                None
            }
            Kind::Subtitle if self.subtitle.is_none() => {
                self.subtitle = Some(plain);
                None
            }
            Kind::Title => Some(format!("# {one_line}")),
            Kind::Subtitle => Some(guard_line_start(one_line.to_owned())),
            Kind::Heading(level) => Some(format!("{} {one_line}", "#".repeat(level.into()))),
            Kind::List { ordered, level } => Some(format!(
                "{}{} {}",
                "    ".repeat(level.into()),
                if ordered { "1." } else { "-" },
                guard_line_start(one_line.to_owned())
            )),
            Kind::Body => {
                let lines: Vec<String> = text
                    .split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| guard_line_start(l.to_owned()))
                    .collect();
                Some(lines.join("\\\n"))
            }
        }
    }
}
