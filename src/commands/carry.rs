//! `brief carry OLD NEW`: copies the notes of a brief onto a new version
//! of it, anchored as the reader would see them (in place, moved, edited,
//! orphaned), and says where each landed. The old brief keeps its own
//! notes; notes already carried are not copied twice.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use super::CliError;
use crate::cite::Address;
use crate::document::load::display_path;
use crate::document::sanitize::sanitize_line;
use crate::document::{LoadOptions, load_path};
use crate::fsio::canonical;
use crate::notes::store::{Header, Offer, OfferKind, Store};
use crate::notes::{Placed, place_notes};

pub fn carry(store: &Store, old: &Path, new: &Path) -> Result<String, CliError> {
    if canonical(old) == canonical(new) {
        return Err(CliError::Usage(format!(
            "{} and {} are the same brief: give its new version as NEW",
            display_path(old),
            display_path(new)
        )));
    }
    let old_brief = load_path(old, LoadOptions::default())?;
    let new_brief = load_path(new, LoadOptions::default())?;
    let (from, _) = super::notes::notes_of(store, old, &old_brief)?;
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
    let header = Header::for_brief(Some(new), &new_brief);
    let own = store.file_for(Some(new), &header.fingerprint);
    let before: HashSet<String> = store
        .handle(&own, header.clone())
        .notes
        .into_iter()
        .map(|n| n.id)
        .collect();
    let offer = Offer {
        file: from.path().to_path_buf(),
        brief: old.to_string_lossy().into_owned(),
        title: old_brief.title.clone(),
        notes: from.notes.len(),
        kind: OfferKind::NewVersion,
    };
    let carried = store.attach(new, &offer, header)?.notes;
    let ids: HashSet<&str> = from.notes.iter().map(|n| n.id.as_str()).collect();
    let copied: Vec<_> = carried
        .notes
        .iter()
        .filter(|n| ids.contains(n.id.as_str()) && !before.contains(&n.id))
        .cloned()
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "carried {} note(s) from {} to {}{}",
        copied.len(),
        display_path(old),
        display_path(new),
        match from.notes.len() - copied.len() {
            0 => String::new(),
            n => format!(" ({n} there already)"),
        }
    );
    let placements = place_notes(&new_brief, &copied);
    for (note, p) in copied.iter().zip(&placements) {
        let place = p.block.map_or_else(
            || "—".to_owned(),
            |b| Address::of(&new_brief, b).to_string(),
        );
        let how = match p.how {
            Placed::Exact => "in place",
            Placed::Moved => "moved",
            Placed::Edited => "edited",
            Placed::Orphaned => "orphaned",
        };
        let first = note.text.lines().next().unwrap_or("(tags only)");
        let _ = writeln!(out, "  {place:<9} {how:<9} {}", sanitize_line(first));
    }
    if !copied.is_empty() && placements.iter().all(|p| p.how == Placed::Orphaned) {
        let _ = writeln!(
            out,
            "none found its paragraph: is {} a version of {}?",
            display_path(new),
            display_path(old)
        );
    }
    Ok(out)
}
