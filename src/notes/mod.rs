//! Notes: the reader's own work on a brief. Plain data here; anchoring in
//! [`anchor`], files in [`store`].
//!
//! A note points at a block through an [`Anchor`] that survives edits of the
//! brief: the heading path, the block's ordinal, a hash of its normalised
//! text and a quote with some context.

pub mod anchor;
pub mod merge;
pub mod store;

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, Placed, Placement, anchor_for, place_notes};

/// How a note's block was found the last time the brief changed under it.
/// Kept in the file until the reader edits the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// The same text, now in another section.
    Moved,
    /// The text changed; the note followed the closest block.
    Edited,
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
    pub flag: Option<Flag>,
    /// The quote the note was made on, kept when the block's text changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_quote: Option<String>,
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
            flag: None,
            original_quote: None,
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
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = jiff::Timestamp::now();
    let nanos = now.as_nanosecond() as u64;
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let salt = anchor::fnv1a(
        format!("{}:{}:{nanos}:{count}", std::process::id(), hostname_hint()).as_bytes(),
    );
    format!("n{}-{:06x}", now.as_second(), salt & 0xff_ffff)
}

fn hostname_hint() -> String {
    std::env::var("HOSTNAME").unwrap_or_default()
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

/// Whether a tag falls under a filter: the tag itself or, tags being
/// hierarchical, one of its children (`energy` finds `energy/grid`).
pub fn tag_matches(tag: &str, filter: &str) -> bool {
    let filter = filter.trim_start_matches('#').to_lowercase();
    tag == filter
        || tag
            .strip_prefix(filter.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
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
mod tests {
    use super::*;

    #[test]
    fn tags_are_lowercased_and_deduplicated() {
        assert_eq!(
            normalize_tags(["UK", " #Sanctions", "uk", ""]),
            ["uk", "sanctions"]
        );
    }

    #[test]
    fn typed_tags_add_and_remove() {
        let current = vec!["uk".to_owned(), "follow-up".to_owned()];
        assert_eq!(
            edit_tags(&current, "Sanctions, -follow-up energy"),
            ["uk", "sanctions", "energy"]
        );
    }

    #[test]
    fn tag_filter_finds_children() {
        assert!(tag_matches("energy/grid", "energy"));
        assert!(tag_matches("energy", "#Energy"));
        assert!(!tag_matches("energyx", "energy"));
    }

    #[test]
    fn ids_differ() {
        let a = new_id();
        let b = new_id();
        assert_ne!(a, b);
    }

    #[test]
    fn time_is_rfc3339_utc_seconds() {
        let t = now_rfc3339();
        assert!(t.ends_with('Z') && t.len() == 20, "{t}");
    }
}
