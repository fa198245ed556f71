//! One team file as text: written in a stable order; read leniently, since
//! sync tools leave files half-written or with both sides of a conflict,
//! and a colleague's file is input from someone else.
//!
//! Reading never fails: it returns the notes it could read and what it
//! could not, said once. Both sides of git conflict markers are read and
//! joined by note id (the newer `updated` wins); a file that stops half-way
//! keeps every whole note before the break; a note with an odd id is left
//! out; every string is sanitised and capped.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::document::sanitize::{sanitize, sanitize_line};
use crate::notes::store::{FORMAT_VERSION, Header};
use crate::notes::{Note, normalize_tags};

/// A team file larger than this is not read at all.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;
/// Notes read from one file, at most.
pub const MAX_NOTES: usize = 5_000;
/// A note's text is cut at this many bytes.
const MAX_TEXT: usize = 16 * 1024;
const MAX_FIELD: usize = 512;

const COMMENT: &str = "# Shared notes on a brief, written by `brief` for one author: \
one [[notes]] table per note.\n# Each author writes only their own file; do not edit by hand.\n\n";

/// A team file: who wrote it, the brief it is about, the notes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TeamFile {
    pub version: u32,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub blocks: String,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// The lines before the first note, for the header alone.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    author: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    blocks: String,
}

/// What reading a team file found.
#[derive(Debug, Default)]
pub struct Read {
    pub author: String,
    /// What the file says of its brief, to check it is the one open.
    pub header: Header,
    pub notes: Vec<Note>,
    /// What could not be read, said for people (sanitised).
    pub problems: Vec<String>,
    /// The file is a newer format: read, never written over.
    pub newer: bool,
}

/// The file's text.
pub fn encode(author: &str, header: &Header, notes: &[Note]) -> Result<String, String> {
    let file = TeamFile {
        version: FORMAT_VERSION,
        author: author.to_owned(),
        title: header.title.clone(),
        id: header.id.clone(),
        sections: header.sections.clone(),
        blocks: header.blocks.clone(),
        notes: notes.to_vec(),
    };
    toml::to_string(&file)
        .map(|body| format!("{COMMENT}{body}"))
        .map_err(|e| sanitize_line(&e.to_string()))
}

/// Reads a team file's text as well as it can. `name` is how problems
/// name the file.
pub fn read(text: &str, name: &str) -> Read {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Read::default();
    let sides = conflict_sides(text);
    if sides.len() > 1 {
        out.problems.push(format!(
            "{name}: has sync conflict markers; both sides are read"
        ));
    }
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut dropped = 0usize;
    let mut capped = false;
    for side in &sides {
        let (head, notes, lost) = parse_side(side);
        dropped += lost;
        if let Some(head) = head {
            if out.author.is_empty() {
                out.author = clean_line(&head.author, 80);
                out.header = Header {
                    title: clean_line(&head.title, MAX_FIELD),
                    id: clean_line(&head.id, MAX_FIELD),
                    sections: head
                        .sections
                        .iter()
                        .take(500)
                        .map(|s| clean_line(s, MAX_FIELD))
                        .collect(),
                    blocks: clean_line(&head.blocks, 8 * 1024),
                    ..Header::default()
                };
            }
            out.newer |= head.version > FORMAT_VERSION;
        }
        for note in notes {
            let Some(note) = clean(note) else {
                dropped += 1;
                continue;
            };
            match by_id.get(&note.id) {
                Some(&i) if !newer(&note.updated, &out.notes[i].updated) => {}
                Some(&i) => out.notes[i] = note,
                None if out.notes.len() >= MAX_NOTES => capped = true,
                None => {
                    by_id.insert(note.id.clone(), out.notes.len());
                    out.notes.push(note);
                }
            }
        }
    }
    if dropped > 0 {
        out.problems.push(format!(
            "{name}: {dropped} note(s) could not be read (damaged or cut short); the rest are shown"
        ));
    }
    if capped {
        out.problems.push(format!(
            "{name}: more than {MAX_NOTES} notes; only the first {MAX_NOTES} are shown"
        ));
    }
    if out.newer {
        out.problems.push(format!(
            "{name}: written by a newer brief; read only as far as this one understands it"
        ));
    }
    out
}

/// The versions of a text with git conflict markers: each side with the
/// lines outside the conflicts. One version when there are none.
fn conflict_sides(text: &str) -> Vec<String> {
    if !text.lines().any(|l| l.starts_with("<<<<<<<")) {
        return vec![text.to_owned()];
    }
    #[derive(PartialEq)]
    enum At {
        Outside,
        Ours,
        Base,
        Theirs,
    }
    let (mut ours, mut theirs) = (String::new(), String::new());
    let mut at = At::Outside;
    for line in text.lines() {
        if line.starts_with("<<<<<<<") {
            at = At::Ours;
            continue;
        } else if line.starts_with("|||||||") && at == At::Ours {
            at = At::Base;
            continue;
        } else if line.starts_with("=======") && at != At::Outside {
            at = At::Theirs;
            continue;
        } else if line.starts_with(">>>>>>>") && at != At::Outside {
            at = At::Outside;
            continue;
        }
        match at {
            At::Outside => {
                ours.push_str(line);
                ours.push('\n');
                theirs.push_str(line);
                theirs.push('\n');
            }
            At::Ours => {
                ours.push_str(line);
                ours.push('\n');
            }
            At::Theirs => {
                theirs.push_str(line);
                theirs.push('\n');
            }
            At::Base => {}
        }
    }
    vec![ours, theirs]
}

/// The header and notes of one text, and how many notes were lost: the
/// whole file when it parses, else note by note (`[[notes]]` tables), so
/// one damaged note costs only itself.
fn parse_side(text: &str) -> (Option<Head>, Vec<Note>, usize) {
    if let Ok(file) = toml::from_str::<TeamFile>(text) {
        let head = Head {
            version: file.version,
            author: file.author,
            title: file.title,
            id: file.id,
            sections: file.sections,
            blocks: file.blocks,
        };
        return (Some(head), file.notes, 0);
    }
    let mut chunks = text.split("\n[[notes]]");
    let head = chunks.next().and_then(|h| toml::from_str::<Head>(h).ok());
    let (mut notes, mut lost) = (Vec::new(), 0);
    for chunk in chunks {
        // Sub-tables (`[notes.anchor]`) belong to the note before them.
        let table = chunk.replace("\n[notes.", "\n[");
        match toml::from_str::<Note>(&table) {
            Ok(note) => notes.push(note),
            Err(_) => lost += 1,
        }
        if notes.len() > MAX_NOTES {
            break;
        }
    }
    (head, notes, lost)
}

/// A colleague's note as it may be shown: a plain id, sanitised and capped
/// text. None when its id is not one `brief` could have made.
fn clean(mut n: Note) -> Option<Note> {
    let id_ok = !n.id.is_empty()
        && n.id.len() <= 100
        && n.id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !id_ok {
        return None;
    }
    n.text = cap(&sanitize(&n.text), MAX_TEXT);
    n.tags = normalize_tags(n.tags.iter().take(64).map(String::as_str));
    n.tags.iter_mut().for_each(|t| *t = cap(t, 80));
    n.created = clean_line(&n.created, 40);
    n.updated = clean_line(&n.updated, 40);
    n.author = clean_line(&n.author, 80);
    n.original_quote = n.original_quote.map(|q| clean_line(&q, MAX_FIELD));
    n.reply_to = n.reply_to.map(|r| clean_line(&r, 100));
    let a = &mut n.anchor;
    a.section = a
        .section
        .iter()
        .take(16)
        .map(|s| clean_line(s, MAX_FIELD))
        .collect();
    a.hash = clean_line(&a.hash, 64);
    a.quote = clean_line(&a.quote, MAX_FIELD);
    a.before = clean_line(&a.before, MAX_FIELD);
    a.after = clean_line(&a.after, MAX_FIELD);
    Some(n)
}

fn clean_line(s: &str, max: usize) -> String {
    cap(&sanitize_line(s), max)
}

fn cap(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

/// Whether time `a` is after `b` (RFC 3339; text order otherwise).
pub(crate) fn newer(a: &str, b: &str) -> bool {
    match (a.parse::<jiff::Timestamp>(), b.parse::<jiff::Timestamp>()) {
        (Ok(a), Ok(b)) => a > b,
        _ => a > b,
    }
}
