//! Renaming, merging and deleting tags across every notes file, through
//! the store's locking and merging so a running reader loses nothing.

use std::path::Path;

use super::store::{Store, StoreError};
use super::{Note, TagOp};

/// What a tag rename or delete changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetagReport {
    pub files: usize,
    pub notes: usize,
    /// Notes that carried nothing but the deleted tag, removed with it.
    pub emptied: usize,
}

/// Applies a tag rename or delete to every notes file in the store, with
/// the store's locking and merging, so a running reader loses nothing.
/// Files that cannot be changed (damaged, newer) are reported, not touched.
pub fn retag(
    store: &Store,
    op: &TagOp,
    skip: Option<&Path>,
) -> Result<(RetagReport, Vec<String>), StoreError> {
    let mut report = RetagReport::default();
    let mut problems = Vec::new();
    for listed in store.all() {
        let path = match listed {
            Ok((path, file)) if file.notes.iter().any(|n| op.apply(&n.tags).is_some()) => path,
            Ok(_) => continue,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        if skip.is_some_and(|s| s == path) {
            continue;
        }
        let mut file = match store.open_file(&path) {
            Ok(f) => f,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        if let Some(why) = &file.read_only {
            problems.push(why.clone());
            continue;
        }
        let (changed, emptied) = retag_notes(&mut file.notes, op);
        if changed == 0 {
            continue;
        }
        let header = file.header().clone();
        file.save(header)?;
        report.files += 1;
        report.notes += changed;
        report.emptied += emptied;
    }
    Ok((report, problems))
}

/// Applies a tag change to notes; returns (changed, removed because empty).
pub fn retag_notes(notes: &mut Vec<Note>, op: &TagOp) -> (usize, usize) {
    let mut changed = 0;
    for n in notes.iter_mut() {
        if let Some(tags) = op.apply(&n.tags) {
            n.tags = tags;
            n.updated = crate::notes::now_rfc3339();
            changed += 1;
        }
    }
    let before = notes.len();
    notes.retain(|n| {
        !(n.tags.is_empty() && n.text.trim().is_empty() && n.kind.is_none() && n.stance.is_none())
    });
    (changed, before - notes.len())
}
