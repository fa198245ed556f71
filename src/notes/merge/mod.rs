//! Three-way merge of two instances' notes, by note id: `ours` (the writer
//! saving now), `theirs` (what is on disk) and the `base` both came from.
//!
//! The rule that matters: no text is ever dropped silently.
//! - A note is dropped only when one side deleted it and the other left it
//!   exactly as it was; deleted on one side and edited on the other, it
//!   survives in its edited form.
//! - Changed on both sides: changes to different parts (the tags on one
//!   side, the text, kind or stance on the other) are combined. Otherwise
//!   our version stays the note and theirs is kept beside it as a conflict
//!   copy: the same block, tags, kind and stance, flagged
//!   [`Flag::Conflict`], with an id derived from the note's id and their
//!   content, so that merging the same copy again never makes a second one.
//! - New on both sides under one id (a copied file) with different
//!   content: the same conflict copy.

use std::collections::{HashMap, HashSet};

use super::{Flag, Note};
use crate::hash::{fnv1a, short_hex};

/// The merged notes and where they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub notes: Vec<Note>,
    /// Notes taken from the other side: new there, or changed there
    /// (combined with our change, when the two touched different parts).
    pub from_theirs: usize,
    /// Notes we still had that the other side deleted (and we had not changed).
    pub deleted_by_theirs: usize,
    /// Conflict copies this merge added: their version of a note both sides
    /// changed.
    pub conflicts: usize,
    /// The ids of those copies, in the order they were added.
    pub conflict_ids: Vec<String>,
}

/// Merges `ours` and `theirs`, both descended from `base`. The result lists
/// our notes first, in our order, then notes only the other side has, then
/// conflict copies.
pub fn merge(base: &[Note], ours: &[Note], theirs: &[Note]) -> Merged {
    let base_by_id = by_id(base);
    let theirs_by_id = by_id(theirs);
    let our_ids: HashSet<&str> = ours.iter().map(|n| n.id.as_str()).collect();
    let mut out = Merged::default();
    let mut copies = Vec::new();

    for our in ours {
        let base = base_by_id.get(our.id.as_str()).copied();
        let their = theirs_by_id.get(our.id.as_str()).copied();
        match (base, their) {
            (_, Some(their)) if our == their => out.notes.push(our.clone()),
            (Some(base), Some(their)) if our == base => out.take(their),
            (Some(base), Some(their)) if their == base => out.notes.push(our.clone()),
            // Changed on both sides.
            (Some(base), Some(their)) => match combine(base, our, their) {
                Some(both) => {
                    out.from_theirs += 1;
                    out.notes.push(both);
                }
                None => {
                    out.notes.push(our.clone());
                    copies.push(conflict_copy(their));
                }
            },
            // They deleted it: gone, unless we changed it meanwhile.
            (Some(base), None) if our == base => out.deleted_by_theirs += 1,
            // New on both sides under one id (a copied file).
            (None, Some(their)) if !same_content(our, their) => {
                out.notes.push(our.clone());
                copies.push(conflict_copy(their));
            }
            _ => out.notes.push(our.clone()),
        }
    }

    for their in theirs.iter().filter(|n| !our_ids.contains(n.id.as_str())) {
        match base_by_id.get(their.id.as_str()) {
            // We deleted it and they did not touch it: stays deleted.
            Some(&base) if base == their => {}
            // New there, or we deleted it while they edited it: kept.
            _ => out.take(their),
        }
    }
    for copy in copies {
        out.add_copy(copy);
    }
    out
}

impl Merged {
    /// Notes that need no merging: nobody else changed anything.
    pub fn with(notes: Vec<Note>) -> Merged {
        Merged {
            notes,
            ..Merged::default()
        }
    }

    fn take(&mut self, their: &Note) {
        self.from_theirs += 1;
        self.notes.push(their.clone());
    }

    /// Adds a conflict copy unless the same copy is already there (made by
    /// an earlier merge); a different note under its id moves it aside.
    fn add_copy(&mut self, mut copy: Note) {
        let stem = copy.id.clone();
        let mut n = 2;
        while let Some(there) = self.notes.iter().find(|m| m.id == copy.id) {
            if same_content(there, &copy) {
                return;
            }
            copy.id = format!("{stem}-{n}");
            n += 1;
        }
        self.conflicts += 1;
        self.conflict_ids.push(copy.id.clone());
        self.notes.push(copy);
    }
}

/// What a reader wrote in a note, as opposed to where it sits and when.
fn same_content(a: &Note, b: &Note) -> bool {
    a.text == b.text && a.kind == b.kind && a.stance == b.stance && a.tags == b.tags
}

/// A note both sides changed, with each side's changes where they touched
/// different parts: the tags, and the words (text, kind and stance, which
/// make sense only together). None when both changed the same part
/// differently. Where and when (anchor, flags, times) never stop a merge:
/// our anchor wins a tie, since we saw the brief last.
fn combine(base: &Note, our: &Note, their: &Note) -> Option<Note> {
    let words = |n: &Note| (n.text.clone(), n.kind, n.stance);
    let (text, kind, stance) = pick(words(base), words(our), words(their))?;
    let tags = pick(&base.tags, &our.tags, &their.tags)?.clone();
    let anchor = pick(&base.anchor, &our.anchor, &their.anchor).unwrap_or(&our.anchor);
    let flag = pick(base.flag, our.flag, their.flag).unwrap_or(our.flag);
    let quote = pick(
        &base.original_quote,
        &our.original_quote,
        &their.original_quote,
    )
    .unwrap_or(&our.original_quote);
    let updated = if later(&their.updated, &our.updated) {
        &their.updated
    } else {
        &our.updated
    };
    Some(Note {
        id: our.id.clone(),
        created: our.created.clone(),
        updated: updated.clone(),
        tags,
        text,
        kind,
        stance,
        flag,
        original_quote: quote.clone(),
        author: pick(&base.author, &our.author, &their.author)
            .unwrap_or(&our.author)
            .clone(),
        shared: pick(base.shared, our.shared, their.shared).unwrap_or(our.shared),
        reply_to: our.reply_to.clone().or_else(|| their.reply_to.clone()),
        anchor: anchor.clone(),
    })
}

/// The one side's value when only one side changed it (or both the same
/// way); None when they changed it differently.
fn pick<T: PartialEq>(base: T, our: T, their: T) -> Option<T> {
    if our == their || their == base {
        Some(our)
    } else if our == base {
        Some(their)
    } else {
        None
    }
}

/// Whether RFC 3339 time `a` is after `b`; text that does not parse
/// compares by its characters, which is right for the UTC form `brief`
/// writes.
fn later(a: &str, b: &str) -> bool {
    match (a.parse::<jiff::Timestamp>(), b.parse::<jiff::Timestamp>()) {
        (Ok(a), Ok(b)) => a > b,
        _ => a > b,
    }
}

/// Their version of a note kept beside ours: same block, tags, kind and
/// stance, flagged, with an id that depends only on the note's id and their
/// content.
fn conflict_copy(their: &Note) -> Note {
    let mut key = format!("{}\0{}\0", their.id, their.text);
    key.push_str(their.kind.map_or("", |k| k.name()));
    key.push('\0');
    key.push_str(their.stance.map_or("", |s| s.name()));
    for tag in &their.tags {
        key.push('\0');
        key.push_str(tag);
    }
    let mut copy = their.clone();
    copy.id = format!("{}-conflict-{}", their.id, short_hex(fnv1a(key.as_bytes())));
    copy.flag = Some(Flag::Conflict);
    copy
}

fn by_id(notes: &[Note]) -> HashMap<&str, &Note> {
    notes.iter().map(|n| (n.id.as_str(), n)).collect()
}

/// Makes note ids unique without losing a note: an exact duplicate is
/// dropped (it holds nothing new); a different note under a repeated id (a
/// hand-merged file, say) gets an id derived from its content, so two
/// instances repairing the same file agree on the new id.
pub fn unique_ids(notes: &mut Vec<Note>) {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(notes.len());
    let mut out: Vec<Note> = Vec::with_capacity(notes.len());
    for mut note in std::mem::take(notes) {
        if let Some(&i) = seen.get(&note.id) {
            if out[i] == note {
                continue;
            }
            let digest = fnv1a(serde_json::to_string(&note).unwrap_or_default().as_bytes());
            let stem = format!("{}-{}", note.id, short_hex(digest));
            note.id = stem.clone();
            let mut n = 2;
            while seen.contains_key(&note.id) {
                note.id = format!("{stem}-{n}");
                n += 1;
            }
        }
        seen.insert(note.id.clone(), out.len());
        out.push(note);
    }
    *notes = out;
}

#[cfg(test)]
mod tests;
