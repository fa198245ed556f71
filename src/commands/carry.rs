//! `brief carry OLD NEW`: copies the notes of a brief onto a new version
//! of it, anchored as the reader would see them (in place, moved, edited,
//! orphaned). The old brief keeps its own notes.

use std::fmt::Write as _;
use std::path::Path;

use super::CliError;
use crate::document::load::display_path;
use crate::document::{LoadOptions, load_path};
use crate::notes::store::{Header, Offer, OfferKind, Store};
use crate::notes::{Placed, place_notes};

pub fn carry(store: &Store, old: &Path, new: &Path) -> Result<String, CliError> {
    let old_brief = load_path(old, LoadOptions::default())?;
    let new_brief = load_path(new, LoadOptions::default())?;
    let old_header = Header::for_brief(Some(old), &old_brief);
    let from = store.open_with(Some(old), old_header)?.notes;
    if let Some(why) = &from.read_only {
        return Err(CliError::Usage(format!(
            "the notes of {} are read-only: {why}",
            display_path(old)
        )));
    }
    if from.notes.is_empty() {
        return Err(CliError::Usage(format!(
            "{} has no notes to carry",
            display_path(old)
        )));
    }
    let offer = Offer {
        file: from.path().to_path_buf(),
        brief: old.to_string_lossy().into_owned(),
        title: old_brief.title.clone(),
        notes: from.notes.len(),
        kind: OfferKind::NewVersion,
    };
    let header = Header::for_brief(Some(new), &new_brief);
    let carried = store.attach(new, &offer, header)?.notes;
    let ids: std::collections::HashSet<&str> = from.notes.iter().map(|n| n.id.as_str()).collect();
    let copied: Vec<_> = carried
        .notes
        .iter()
        .filter(|n| ids.contains(n.id.as_str()))
        .cloned()
        .collect();
    let mut counts = [0usize; 4];
    for p in place_notes(&new_brief, &copied) {
        let i = match p.how {
            Placed::Exact => 0,
            Placed::Moved => 1,
            Placed::Edited => 2,
            Placed::Orphaned => 3,
        };
        counts[i] += 1;
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "carried {} note(s) from {} to {}: {} in place, {} moved, {} edited, {} orphaned",
        copied.len(),
        display_path(old),
        display_path(new),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    Ok(out)
}
