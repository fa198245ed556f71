//! Notes: the reader's own work on a brief. Plain data here; anchoring in
//! [`anchor`], files in [`store`].
//!
//! A note points at a block through an [`Anchor`] that survives edits of the
//! brief: the heading path, the block's ordinal, a hash of its normalised
//! text and a quote with some context.

pub mod anchor;
pub mod export;
pub mod identity;
pub mod imported;
pub mod merge;
pub mod retag;
pub mod store;
pub mod team;

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, Placed, Placement, anchor_for, place_notes, refresh_anchors};

/// How a note's block was found the last time the brief changed under it.
/// Kept in the file until the reader edits the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// The same text, now in another section.
    Moved,
    /// The text changed; the note followed the closest block.
    Edited,
    /// Another instance's version of a note both changed at once: kept
    /// beside the version saved last, on the same block, for the reader to
    /// reconcile (see [`merge`]).
    Conflict,
}

/// What a note says about its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Claim,
    Evidence,
    Recommendation,
    Assumption,
    Risk,
    Question,
    FactCheck,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Claim,
        Kind::Evidence,
        Kind::Recommendation,
        Kind::Assumption,
        Kind::Risk,
        Kind::Question,
        Kind::FactCheck,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Evidence => "evidence",
            Kind::Recommendation => "recommendation",
            Kind::Assumption => "assumption",
            Kind::Risk => "risk",
            Kind::Question => "question",
            Kind::FactCheck => "fact-check",
        }
    }

    /// The key that picks it in the note editor.
    pub fn key(self) -> char {
        match self {
            Kind::Claim => 'c',
            Kind::Evidence => 'e',
            Kind::Recommendation => 'r',
            Kind::Assumption => 'a',
            Kind::Risk => 'k',
            Kind::Question => 'q',
            Kind::FactCheck => 'f',
        }
    }

    /// The one-cell mark shown in the margin and the notes pane.
    pub fn glyph(self) -> char {
        match self {
            Kind::Claim => 'C',
            Kind::Evidence => 'E',
            Kind::Recommendation => 'R',
            Kind::Assumption => 'A',
            Kind::Risk => '!',
            Kind::Question => '?',
            Kind::FactCheck => 'F',
        }
    }

    pub fn from_key(c: char) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == c)
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        let s = s.trim().to_lowercase().replace('_', "-");
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == s || (s == "factcheck" && *k == Kind::FactCheck))
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                format!("unknown kind {s:?}; one of {}", names.join(", "))
            })
    }
}

/// Where the reader stands on what the paragraph says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Agree,
    Disagree,
    Unsure,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Agree, Stance::Disagree, Stance::Unsure];

    pub fn name(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Disagree => "disagree",
            Stance::Unsure => "unsure",
        }
    }

    pub fn key(self) -> char {
        match self {
            Stance::Agree => 'a',
            Stance::Disagree => 'd',
            Stance::Unsure => 'u',
        }
    }

    pub fn glyph(self) -> char {
        match self {
            Stance::Agree => '+',
            Stance::Disagree => '-',
            Stance::Unsure => '~',
        }
    }

    pub fn from_key(c: char) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.key() == c)
    }
}

impl std::str::FromStr for Stance {
    type Err = String;
    fn from_str(s: &str) -> Result<Stance, String> {
        let s = s.trim().to_lowercase();
        Stance::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| format!("unknown stance {s:?}; one of agree, disagree, unsure"))
    }
}

/// One note on one block. Tags may come without text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    /// RFC 3339, UTC.
    pub created: String,
    /// RFC 3339, UTC.
    pub updated: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Flag>,
    /// The quote the note was made on, kept when the block's text changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_quote: Option<String>,
    /// Who wrote it (`[team] author` when it was made); empty in files
    /// from before authors were kept: the reader's own.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Shared with the team: copied to the team folder on every save.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    /// The note this one answers (a reply in a thread), by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    pub anchor: Anchor,
}

impl Note {
    /// A new note on the block `anchor` describes, stamped now.
    pub fn new(anchor: Anchor, text: String, tags: Vec<String>) -> Note {
        let now = now_rfc3339();
        Note {
            id: new_id(),
            created: now.clone(),
            updated: now,
            tags: normalize_tags(tags.iter().map(String::as_str)),
            text,
            kind: None,
            stance: None,
            flag: None,
            original_quote: None,
            author: String::new(),
            shared: false,
            reply_to: None,
            anchor,
        }
    }

    /// Marks the note changed now. Editing a note acknowledges any flag.
    pub fn touch(&mut self) {
        self.updated = now_rfc3339();
        self.flag = None;
        self.original_quote = None;
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// The current time as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second())
        .unwrap_or(now)
        .to_string()
}

/// A note id: unique across instances and machines without coordination,
/// sortable by creation time.
pub fn new_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = jiff::Timestamp::now();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    // 64 bits from the process's random hash keys, the time and a counter:
    // ids must not meet across analysts sharing a team folder, nor among
    // thousands of notes made in one second (24 bits of the time and pid
    // did, 3 times in 10,000).
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(now.as_nanosecond().unsigned_abs());
    h.write_u64(count);
    h.write_u32(std::process::id());
    format!("n{}-{}", now.as_second(), crate::hash::hex(h.finish()))
}

/// Tags as stored: lowercased, trimmed, `#` dropped, no empties, no
/// duplicates, in the order first given.
pub fn normalize_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = crate::document::sanitize::sanitize_line(t.trim().trim_start_matches('#'))
            .to_lowercase();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Why a tag typed outside the app (`brief annotate --tag`, `brief tags
/// rename`) is not one the app could have made: its tag prompt splits on
/// spaces and commas and reads a leading `-` as "remove", so a tag with
/// those could be neither typed nor taken off there. None when it is fine.
pub fn tag_problem(tag: &str) -> Option<String> {
    let bare = tag.trim().trim_start_matches('#');
    let shown = crate::document::sanitize::sanitize_line(tag);
    if bare.is_empty() {
        Some("a tag cannot be empty".to_owned())
    } else if bare.chars().any(|c| c.is_whitespace() || c == ',') {
        Some(format!(
            "`{shown}`: a tag is one word (no spaces or commas); use `-` or `/`, e.g. `{}`",
            bare.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        ))
    } else if bare.starts_with('-') {
        Some(format!("`{shown}`: a tag cannot start with `-`"))
    } else {
        None
    }
}

/// Whether a tag falls under a filter: the tag itself or, tags being
/// hierarchical, one of its children (`energy` finds `energy/grid`).
pub fn tag_matches(tag: &str, filter: &str) -> bool {
    let filter = filter.trim_start_matches('#').to_lowercase();
    tag == filter
        || tag
            .strip_prefix(filter.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
}

/// A change to tags across notes: rename (or merge, when the new name is
/// already used) or delete, each covering the tag's children too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagOp {
    Rename { old: String, new: String },
    Delete { tag: String },
}

impl TagOp {
    /// The tags of one note after the change; None when nothing changes.
    pub fn apply(&self, tags: &[String]) -> Option<Vec<String>> {
        let (from, to) = match self {
            TagOp::Rename { old, new } => (old, Some(new)),
            TagOp::Delete { tag } => (tag, None),
        };
        let from = normalize_tags([from.as_str()]).pop()?;
        if !tags.iter().any(|t| tag_matches(t, &from)) {
            return None;
        }
        let to = to.and_then(|t| normalize_tags([t.as_str()]).pop());
        let changed: Vec<String> = tags
            .iter()
            .filter_map(|t| {
                if !tag_matches(t, &from) {
                    return Some(t.clone());
                }
                // `energy/grid` renamed from `energy` to `power` is `power/grid`.
                to.as_ref().map(|to| format!("{to}{}", &t[from.len()..]))
            })
            .collect();
        Some(normalize_tags(changed.iter().map(String::as_str)))
    }
}

/// Applies what a reader typed in the tag prompt to a tag list: words
/// separated by commas or spaces add tags; `-name` removes one.
pub fn edit_tags(current: &[String], typed: &str) -> Vec<String> {
    let mut tags = current.to_vec();
    for word in typed.split([',', ' ']).filter(|w| !w.trim().is_empty()) {
        if let Some(removed) = word.trim().strip_prefix('-') {
            let removed = normalize_tags([removed]);
            tags.retain(|t| !removed.contains(t));
        } else {
            tags.extend(normalize_tags([word]));
        }
    }
    normalize_tags(tags.iter().map(String::as_str))
}

#[cfg(test)]
mod tests;
