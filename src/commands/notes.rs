//! `brief notes`, `brief tags` and `brief annotate`: notes from the shell.

use std::collections::BTreeMap;
use std::path::Path;

use super::CliError;
use super::export::{self, ExportNote, Format};
use crate::document::{Brief, LoadOptions, load_path};
use crate::notes::store::{Header, Store};
use crate::notes::{Note, anchor, place_notes, tag_matches};

fn load(file: &Path) -> Result<Brief, CliError> {
    Ok(load_path(file, LoadOptions::default())?)
}

/// The export rows of every notes file in the store (briefs that still
/// exist are loaded so notes show where they are now).
fn all_rows(store: &Store) -> Vec<ExportNote> {
    let mut files: Vec<_> = store.all().into_iter().filter_map(Result::ok).collect();
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
        rows.extend(export::rows(
            &title,
            &file.path,
            brief.as_ref(),
            &file.notes,
            &placements,
        ));
    }
    rows
}

fn brief_rows(store: &Store, file: &Path) -> Result<(Brief, Vec<Note>, Vec<ExportNote>), CliError> {
    let brief = load(file)?;
    let fp = anchor::fingerprint(&brief);
    let notes = store.open_brief(Some(file), &brief.title, &fp)?;
    let placements = place_notes(&brief, &notes.notes);
    let header = Header::new(Some(file), &brief.title, &fp);
    let rows = export::rows(
        &brief.title,
        &header.path,
        Some(&brief),
        &notes.notes,
        &placements,
    );
    Ok((brief, notes.notes, rows))
}

/// `brief notes [FILE] [--tag T]... [--format F]`
pub fn notes(
    store: &Store,
    file: Option<&Path>,
    tags: &[String],
    format: Format,
) -> Result<String, CliError> {
    let mut rows = match file {
        Some(f) => brief_rows(store, f)?.2,
        None => all_rows(store),
    };
    if !tags.is_empty() {
        rows.retain(|r| {
            tags.iter()
                .any(|want| r.tags.iter().any(|t| tag_matches(t, want)))
        });
    }
    Ok(export::render(&rows, format))
}

/// `brief tags [FILE]`: one tag a line with its count, most used first.
pub fn tags(store: &Store, file: Option<&Path>) -> Result<String, CliError> {
    let rows = match file {
        Some(f) => brief_rows(store, f)?.2,
        None => all_rows(store),
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        for t in &r.tags {
            *counts.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut sorted: Vec<(&str, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = sorted
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    Ok(sorted
        .iter()
        .map(|(t, n)| format!("{n:>width$}  {t}\n"))
        .collect())
}

/// `brief annotate FILE --section N --block M [--tag T]... [--note TEXT]`:
/// adds a note and returns its id.
pub fn annotate(
    store: &Store,
    file: &Path,
    section: usize,
    block: usize,
    tags: &[String],
    note: Option<&str>,
) -> Result<String, CliError> {
    let brief = load(file)?;
    let n = brief.sections.len();
    let Some(s) = section.checked_sub(1).and_then(|i| brief.sections.get(i)) else {
        return Err(CliError::Usage(format!(
            "--section {section}: the brief has sections 1 to {n} (see `brief outline`)"
        )));
    };
    let count = s.blocks.len();
    if block == 0 || block > count {
        return Err(CliError::Usage(if count == 0 {
            format!("--block {block}: section {section} has no blocks to annotate")
        } else {
            format!("--block {block}: section {section} has blocks 1 to {count}")
        }));
    }
    let text = note.unwrap_or_default().to_owned();
    if text.trim().is_empty() && tags.is_empty() {
        return Err(CliError::Usage(
            "give --note TEXT or at least one --tag".to_owned(),
        ));
    }
    let id = s.blocks.start + block - 1;
    let fp = anchor::fingerprint(&brief);
    let mut notes = store.open_brief(Some(file), &brief.title, &fp)?;
    if let Some(why) = &notes.read_only {
        return Err(CliError::Usage(format!("notes are read-only: {why}")));
    }
    let new = Note::new(anchor::anchor_for(&brief, id), text, tags.to_vec());
    let new_id = new.id.clone();
    notes.notes.push(new);
    notes.save(Header::new(Some(file), &brief.title, &fp))?;
    Ok(format!("{new_id}\n"))
}
