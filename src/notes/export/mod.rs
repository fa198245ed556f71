//! Notes as a reader sends them on: Markdown (a digest), JSON, CSV, TOML.
//! Every string that came from a brief or a notes file is sanitised here,
//! since this output often goes straight to a terminal.

use serde::Serialize;

use std::path::Path;

use crate::cite::{Citation, QuoteLength, Style};
use crate::document::sanitize::{sanitize, sanitize_line};
use crate::document::{Brief, LoadOptions, load_path};
use crate::notes::anchor::fold_ws;
use crate::notes::store::Store;
use crate::notes::{Flag, Note, Placed, Placement};
use crate::notes::{Kind, place_notes, tag_matches};

mod render;
pub use render::{render, several_authors};

/// One note ready to print, in document order within its brief.
#[derive(Debug, Clone, Serialize)]
pub struct ExportNote {
    pub brief: String,
    pub path: String,
    /// The brief's date (front matter or opening lines), if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The brief's author, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where the brief is published (front matter `url`, else `source`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub section: String,
    pub section_number: u32,
    pub block: u32,
    /// The paragraph the note is on, whole (cut at a word, with `…`, only
    /// when the brief is gone and the note's record of it is all there is).
    pub quote: String,
    /// The quote the note was made on, when the paragraph has since changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_quote: Option<String>,
    pub tags: Vec<String>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<&'static str>,
    pub flags: Vec<&'static str>,
    /// Who wrote the note (empty: the reader, in a file from before
    /// authors were kept).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// The note it answers, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// A colleague's, from the team folder.
    #[serde(skip)]
    pub colleague: bool,
    pub id: String,
    pub created: String,
    pub updated: String,
    /// The brief's text fingerprint as its notes file records it: finds
    /// the brief again when its path is gone (a folder moved).
    #[serde(skip)]
    pub fingerprint: String,
}

impl ExportNote {
    /// The note's source as a citation in `style`: title, author, date,
    /// section, address, and where the brief is.
    pub fn citation(&self, style: Style) -> String {
        let location = self
            .url
            .clone()
            .or_else(|| (!self.path.is_empty()).then(|| self.path.clone()));
        let c = Citation {
            quote: self.quote.clone(),
            title: self.brief.clone(),
            author: self.author.clone(),
            date: self.date.clone(),
            location,
            section: vec![self.section.clone()],
            address: format!("§{} ¶{}", self.section_number, self.block),
            section_number: self.section_number as usize,
            block: self.block as usize,
            citation: String::new(),
        };
        c.styled(style)
    }

    /// Shortens the quotes to whole sentences when asked.
    pub fn shorten(&mut self, length: QuoteLength) {
        self.quote = length.apply(&self.quote);
        if let Some(q) = &mut self.original_quote {
            *q = length.apply(q);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Csv,
    Toml,
}

/// The notes of one brief as export rows. With the brief at hand the
/// placement says where each note is now; without it (the file is gone)
/// the anchors say where they were.
pub fn rows(
    title: &str,
    path: &str,
    brief: Option<&Brief>,
    notes: &[Note],
    placements: &[Placement],
) -> Vec<ExportNote> {
    let mut rows: Vec<(bool, ExportNote)> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let placed = placements.get(i).copied();
            let mut flags = Vec::new();
            let (section, section_number, block, quote) =
                match (brief, placed.and_then(|p| p.block)) {
                    (Some(b), Some(block)) => {
                        let anchor = crate::notes::anchor_for(b, block);
                        (
                            section_label(&anchor.section, title),
                            anchor.section_number,
                            anchor.block,
                            fold_ws(b.block_text(block)),
                        )
                    }
                    _ => (
                        section_label(&n.anchor.section, title),
                        n.anchor.section_number,
                        n.anchor.block,
                        recorded_quote(&n.anchor.quote),
                    ),
                };
            match placed.map(|p| p.how) {
                Some(Placed::Orphaned) => flags.push("orphaned"),
                Some(Placed::Edited) => flags.push("edited"),
                Some(Placed::Moved) => flags.push("moved"),
                _ => {}
            }
            match n.flag {
                Some(Flag::Edited) if !flags.contains(&"edited") => flags.push("edited"),
                Some(Flag::Moved) if !flags.contains(&"moved") => flags.push("moved"),
                Some(Flag::Conflict) => flags.push("conflict"),
                _ => {}
            }
            let orphan = flags.contains(&"orphaned");
            (
                orphan,
                ExportNote {
                    brief: sanitize_line(title),
                    path: sanitize_line(path),
                    date: brief
                        .and_then(|b| b.meta.date.as_deref())
                        .map(|d| sanitize_line(&crate::document::date::normalize(d))),
                    author: brief
                        .and_then(|b| b.meta.author.as_deref())
                        .map(sanitize_line),
                    url: brief
                        .and_then(|b| b.meta.url.as_deref().or(b.meta.source.as_deref()))
                        .map(sanitize_line),
                    section: sanitize_line(&section),
                    section_number,
                    block,
                    quote: sanitize_line(&quote),
                    original_quote: n
                        .original_quote
                        .as_deref()
                        .or((placed.map(|p| p.how) == Some(Placed::Edited))
                            .then_some(n.anchor.quote.as_str()))
                        .map(|q| sanitize_line(&recorded_quote(q))),
                    tags: n.tags.iter().map(|t| sanitize_line(t)).collect(),
                    text: sanitize(&n.text).into_owned(),
                    kind: n.kind.map(|k| k.name()),
                    stance: n.stance.map(|s| s.name()),
                    flags,
                    by: sanitize_line(&n.author),
                    reply_to: n.reply_to.as_deref().map(sanitize_line),
                    colleague: false,
                    id: sanitize_line(&n.id),
                    created: sanitize_line(&n.created),
                    updated: sanitize_line(&n.updated),
                    fingerprint: String::new(),
                },
            )
        })
        .collect();
    rows.sort_by(|(oa, a), (ob, b)| {
        oa.cmp(ob)
            .then(a.section_number.cmp(&b.section_number))
            .then(a.block.cmp(&b.block))
            .then(a.created.cmp(&b.created))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A quote as a note recorded it: the paragraph's first
/// [`QUOTE_CHARS`](crate::notes::anchor::QUOTE_CHARS) characters, so one
/// that long was cut, and is cut back to a word with `…`.
fn recorded_quote(quote: &str) -> String {
    if quote.chars().count() >= crate::notes::anchor::QUOTE_CHARS {
        crate::document::sanitize::cut_line(quote, quote.chars().count().saturating_sub(1))
    } else {
        quote.to_owned()
    }
}

/// A section's heading path for people: the brief's own title (its H1) is
/// left out when deeper headings follow, since every note shares it.
fn section_label(path: &[String], title: &str) -> String {
    let path = match path {
        [first, rest @ ..] if !rest.is_empty() && first == title => rest,
        all => all,
    };
    path.join(" › ")
}

/// Which notes a listing keeps. Empty lists keep everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub tags: Vec<String>,
    pub kinds: Vec<Kind>,
    /// Notes made on or after this day (YYYY-MM-DD; compared as text,
    /// which orders ISO dates and times correctly).
    pub since: Option<String>,
    /// Briefs dated on or after this day; undated briefs are kept.
    pub brief_since: Option<String>,
    /// Text the brief's title or path must contain (any case).
    pub brief: Option<String>,
    /// Briefs under this folder only.
    pub under: Option<std::path::PathBuf>,
    /// Notes by one of these authors (`@name`; empty: anyone's).
    pub authors: Vec<String>,
}

impl Filter {
    pub fn keeps(&self, r: &ExportNote) -> bool {
        let tag_ok = self.tags.is_empty()
            || self
                .tags
                .iter()
                .any(|want| r.tags.iter().any(|t| tag_matches(t, want)));
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|k| r.kind == Some(k.name()));
        let since_ok = self
            .since
            .as_deref()
            .is_none_or(|since| r.created.as_str() >= since);
        let brief_since_ok = self
            .brief_since
            .as_deref()
            .is_none_or(|since| r.date.as_deref().is_none_or(|d| d >= since));
        let brief_ok = self.brief.as_deref().is_none_or(|p| {
            let p = p.to_lowercase();
            r.brief.to_lowercase().contains(&p) || r.path.to_lowercase().contains(&p)
        });
        let under_ok = self.under.as_deref().is_none_or(|dir| {
            let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            Path::new(&r.path).starts_with(dir)
        });
        let author_ok = self.authors.is_empty()
            || self
                .authors
                .iter()
                .any(|a| !r.by.is_empty() && crate::notes::team::author_matches(&r.by, a));
        tag_ok && kind_ok && since_ok && brief_since_ok && brief_ok && under_ok && author_ok
    }
}

/// The export rows of every notes file in the store (briefs that still
/// exist are loaded so notes show where they are now), and why any file
/// could not be read: its notes are missing from the rows, and the reader
/// must be told so.
pub fn all_rows(store: &Store) -> (Vec<ExportNote>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for file in store.all() {
        match file {
            Ok(f) => files.push(f),
            Err(e) => problems.push(e.to_string()),
        }
    }
    files.sort_by(|a, b| a.1.title.cmp(&b.1.title));
    let mut rows = Vec::new();
    for (_, file) in files {
        let brief = (!file.path.is_empty())
            .then(|| load_path(Path::new(&file.path), LoadOptions::default()).ok())
            .flatten();
        let placements = brief
            .as_ref()
            .map(|b| place_notes(b, &file.notes))
            .unwrap_or_default();
        let title = brief
            .as_ref()
            .map_or(file.title.as_str(), |b| b.title.as_str())
            .to_owned();
        let first = rows.len();
        rows.extend(self::rows(
            &title,
            &file.path,
            brief.as_ref(),
            &file.notes,
            &placements,
        ));
        for row in &mut rows[first..] {
            row.fingerprint.clone_from(&file.fingerprint);
        }
    }
    (rows, problems)
}

impl Filter {
    /// A filter from what a reader types in the app's notes view: `#tag`,
    /// `kind:claim`, `since:2026-01-01` (notes made since),
    /// `brief-since:2026-01-01` (briefs dated since), `brief:ports`, `@dana`
    /// (notes by an author); other words must
    /// appear in the note, its quote or its brief's title.
    pub fn parse(typed: &str) -> (Filter, Vec<String>) {
        let mut filter = Filter::default();
        let mut words = Vec::new();
        for word in typed.split_whitespace() {
            if let Some(tag) = word.strip_prefix('#') {
                filter.tags.push(tag.to_owned());
            } else if let Some(name) = word.strip_prefix('@') {
                filter.authors.push(name.to_owned());
            } else if let Some(k) = word.strip_prefix("kind:") {
                if let Ok(kind) = k.parse() {
                    filter.kinds.push(kind);
                }
            } else if let Some(d) = word.strip_prefix("since:") {
                filter.since = Some(d.to_owned());
            } else if let Some(d) = word.strip_prefix("brief-since:") {
                filter.brief_since = Some(d.to_owned());
            } else if let Some(b) = word.strip_prefix("brief:") {
                filter.brief = Some(b.to_owned());
            } else {
                words.push(word.to_lowercase());
            }
        }
        (filter, words)
    }
}

/// Whether a row holds every word (in its note, quote, brief or section).
pub fn has_words(r: &ExportNote, words: &[String]) -> bool {
    words.iter().all(|w| {
        [&r.text, &r.quote, &r.brief, &r.section]
            .iter()
            .any(|f| f.to_lowercase().contains(w.as_str()))
    })
}
