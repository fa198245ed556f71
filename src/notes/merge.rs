//! Three-way merge of two instances' notes, by note id, with the notes as
//! they were last loaded or saved as the base.
//!
//! The rule that matters: a note is dropped only when one side deleted it
//! and the other left it exactly as it was. Everything else is kept: a note
//! deleted on one side and edited on the other survives in its edited form;
//! a note edited on both sides keeps the later edit.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use super::Note;
use crate::hash::{fnv1a, short_hex};

/// The merged notes and where they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub notes: Vec<Note>,
    /// Notes taken from the other side: new there, or changed there.
    pub from_theirs: usize,
    /// Notes we still had that the other side deleted (and we had not changed).
    pub deleted_by_theirs: usize,
}

/// Merges `ours` and `theirs`, both descended from `base`. The result lists
/// our notes first, in our order, then notes only the other side has.
pub fn merge(base: &[Note], ours: &[Note], theirs: &[Note]) -> Merged {
    let base_by_id = by_id(base);
    let theirs_by_id = by_id(theirs);
    let our_ids: HashSet<&str> = ours.iter().map(|n| n.id.as_str()).collect();
    let mut out = Merged::default();

    for our in ours {
        let base = base_by_id.get(our.id.as_str()).copied();
        let their = theirs_by_id.get(our.id.as_str()).copied();
        match (base, their) {
            // Known to both sides: whoever changed it wins; both -> the later.
            (Some(base), Some(their)) => {
                if our == their {
                    out.notes.push(our.clone());
                } else if our == base {
                    out.take(their, true);
                } else if their == base {
                    out.notes.push(our.clone());
                } else {
                    out.take_later(our, their);
                }
            }
            // They deleted it: gone, unless we changed it meanwhile.
            (Some(base), None) => {
                if our == base {
                    out.deleted_by_theirs += 1;
                } else {
                    out.notes.push(our.clone());
                }
            }
            // New on both sides under one id (a copied file): the later.
            (None, Some(their)) => {
                if our == their {
                    out.notes.push(our.clone());
                } else {
                    out.take_later(our, their);
                }
            }
            (None, None) => out.notes.push(our.clone()),
        }
    }

    for their in theirs.iter().filter(|n| !our_ids.contains(n.id.as_str())) {
        match base_by_id.get(their.id.as_str()) {
            // We deleted it and they did not touch it: stays deleted.
            Some(&base) if base == their => {}
            // New there, or we deleted it while they edited it: kept.
            _ => out.take(their, true),
        }
    }
    out
}

impl Merged {
    fn take(&mut self, note: &Note, from_theirs: bool) {
        if from_theirs {
            self.from_theirs += 1;
        }
        self.notes.push(note.clone());
    }

    /// Both sides changed a note: the later `updated` wins, ours on a tie.
    fn take_later(&mut self, our: &Note, their: &Note) {
        if compare_times(&their.updated, &our.updated) == Ordering::Greater {
            self.take(their, true);
        } else {
            self.notes.push(our.clone());
        }
    }
}

fn by_id(notes: &[Note]) -> HashMap<&str, &Note> {
    notes.iter().map(|n| (n.id.as_str(), n)).collect()
}

/// Compares two RFC 3339 times; text that does not parse sorts by its
/// characters, which is right for the UTC form `brief` writes.
fn compare_times(a: &str, b: &str) -> Ordering {
    match (a.parse::<jiff::Timestamp>(), b.parse::<jiff::Timestamp>()) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => a.cmp(b),
    }
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
mod tests {
    use super::*;
    use crate::notes::Anchor;

    fn note(id: &str, text: &str, updated: &str) -> Note {
        Note {
            id: id.into(),
            created: "2026-01-01T00:00:00Z".into(),
            updated: updated.into(),
            tags: vec![],
            text: text.into(),
            kind: None,
            stance: None,
            flag: None,
            original_quote: None,
            anchor: Anchor {
                section: vec![],
                section_number: 1,
                block: 1,
                hash: String::new(),
                quote: String::new(),
                before: String::new(),
                after: String::new(),
            },
        }
    }

    const T0: &str = "2026-01-01T00:00:00Z";
    const T1: &str = "2026-01-01T00:00:01Z";
    const T2: &str = "2026-01-01T00:00:02Z";

    fn texts(m: &Merged) -> Vec<(&str, &str)> {
        let mut v: Vec<_> = m
            .notes
            .iter()
            .map(|n| (n.id.as_str(), n.text.as_str()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn change_on_one_side_wins() {
        let base = [note("a", "x", T0), note("b", "y", T0)];
        let ours = [note("a", "ours", T1), note("b", "y", T0)];
        let theirs = [note("a", "x", T0), note("b", "theirs", T1)];
        let m = merge(&base, &ours, &theirs);
        assert_eq!(texts(&m), [("a", "ours"), ("b", "theirs")]);
        assert_eq!(m.from_theirs, 1);
    }

    #[test]
    fn change_on_both_sides_keeps_the_later() {
        let base = [note("a", "x", T0), note("b", "x", T0)];
        let ours = [note("a", "ours", T2), note("b", "ours", T1)];
        let theirs = [note("a", "theirs", T1), note("b", "theirs", T2)];
        assert_eq!(
            texts(&merge(&base, &ours, &theirs)),
            [("a", "ours"), ("b", "theirs")]
        );
    }

    #[test]
    fn delete_of_an_unchanged_note_holds() {
        let base = [note("a", "x", T0), note("b", "y", T0)];
        let ours = [note("b", "y", T0)];
        let theirs = [note("a", "x", T0)];
        let m = merge(&base, &ours, &theirs);
        assert!(m.notes.is_empty());
        assert_eq!(m.deleted_by_theirs, 1);
    }

    #[test]
    fn delete_against_edit_keeps_the_edit() {
        let base = [note("a", "x", T0), note("b", "y", T0)];
        let ours = [note("b", "edited", T1)];
        let theirs = [note("a", "edited", T1)];
        assert_eq!(
            texts(&merge(&base, &ours, &theirs)),
            [("a", "edited"), ("b", "edited")]
        );
    }

    #[test]
    fn new_notes_on_either_side_are_kept() {
        let ours = [note("a", "x", T0)];
        let theirs = [note("b", "y", T0)];
        let m = merge(&[], &ours, &theirs);
        assert_eq!(texts(&m), [("a", "x"), ("b", "y")]);
        assert_eq!(m.from_theirs, 1);
    }

    #[test]
    fn repeated_ids_are_made_unique_and_exact_copies_dropped() {
        let mut notes = vec![note("a", "x", T0), note("a", "x", T0), note("a", "y", T0)];
        unique_ids(&mut notes);
        assert_eq!(notes.len(), 2);
        assert_ne!(notes[0].id, notes[1].id);
        let mut again = vec![note("a", "x", T0), note("a", "y", T0)];
        unique_ids(&mut again);
        assert_eq!(again, notes, "the new id depends only on the content");
    }
}
