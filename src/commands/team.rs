//! `brief share`, and colleagues' notes for `brief notes` and `brief memo`:
//! read from the team folder, attributed, placed on the brief when it is
//! here (else where their anchors say).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::CliError;
use super::export::{self, ExportNote};
use crate::document::sanitize::sanitize_line;
use crate::document::{LoadOptions, load_path};
use crate::notes::place_notes;
use crate::notes::store::{Header, Store};
use crate::notes::team::{self, Team};

/// `brief share FILE`: every note of the reader's on a brief is shared,
/// saved, and written to the team folder.
pub fn share(store: &Store, team: &Team, file: &Path) -> Result<String, CliError> {
    let brief = load_path(file, LoadOptions::default())?;
    let (mut notes, header) = super::notes::notes_of(store, file, &brief)?;
    if let Some(why) = &notes.read_only {
        return Err(CliError::Usage(format!("notes are read-only: {why}")));
    }
    let now = crate::notes::now_rfc3339();
    let mut count = 0;
    for n in notes
        .notes
        .iter_mut()
        .filter(|n| n.author.is_empty() || n.author == team.author)
    {
        if !n.shared {
            n.shared = true;
            n.updated.clone_from(&now);
        }
        if n.author.is_empty() {
            n.author.clone_from(&team.author);
        }
        count += 1;
    }
    if count == 0 {
        return Err(CliError::Usage(format!(
            "no notes of yours on {}: nothing to share",
            crate::document::load::display_path(file)
        )));
    }
    notes.save(header.clone())?;
    publish(team, &header, &notes.notes).map(|published| {
        format!(
            "shared {count} note(s) of {}: {}\n",
            sanitize_line(&brief.title),
            crate::document::load::display_path(&published)
        )
    })
}

/// Writes the shared notes of a brief to the team folder; the file.
pub fn publish(
    team: &Team,
    header: &Header,
    notes: &[crate::notes::Note],
) -> Result<std::path::PathBuf, CliError> {
    match team::publish(team, header, &[], notes) {
        Ok(Some(p)) => Ok(p.file),
        Ok(None) => Ok(team::folder::brief_dir(team, header)),
        Err(why) => Err(CliError::Usage(format!("not shared: {why}"))),
    }
}

/// Colleagues' notes as export rows: on `file` only, or on every brief
/// in the team folder. Notes already in `own` (the reader's, shared) are
/// left out. With the problems met.
pub fn rows(
    store: &Store,
    team: &Team,
    file: Option<&Path>,
    own: &[ExportNote],
) -> (Vec<ExportNote>, Vec<String>) {
    let own: HashSet<&str> = own.iter().map(|r| r.id.as_str()).collect();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    // The briefs this reader has notes on, by their folder in the team
    // folder: found where they are, to place colleagues' notes.
    let mut known: HashMap<String, String> = HashMap::new();
    match file {
        Some(f) => {
            known.insert(key_of(f).unwrap_or_default(), f.display().to_string());
        }
        None => {
            for (_, f) in store.all().into_iter().flatten() {
                if f.path.is_empty() {
                    continue;
                }
                let header = Header {
                    title: f.title,
                    id: f.id,
                    sections: f.sections,
                    ..Header::default()
                };
                known.insert(team::brief_key(&header), f.path);
            }
        }
    }
    let dirs = match file {
        Some(_) => known
            .keys()
            .map(|k| team.folder.join(k))
            .collect::<Vec<_>>(),
        None => team::folder::brief_dirs(team),
    };
    for dir in dirs {
        let key = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = known.get(&key).cloned().unwrap_or_default();
        let brief = (!path.is_empty())
            .then(|| load_path(Path::new(&path), LoadOptions::default()).ok())
            .flatten();
        let ours = brief
            .as_ref()
            .map(crate::notes::identity::Identity::of)
            .unwrap_or_default();
        let mut found = team::folder::read_dir(&dir, &ours);
        problems.append(&mut found.problems);
        found.notes.retain(|n| !own.contains(n.id.as_str()));
        let placements = brief
            .as_ref()
            .map(|b| place_notes(b, &found.notes))
            .unwrap_or_default();
        let title = brief
            .as_ref()
            .map_or(found.title.clone(), |b| b.title.clone());
        rows.extend(export::rows(
            &title,
            &path,
            brief.as_ref(),
            &found.notes,
            &placements,
        ));
    }
    (rows, problems)
}

/// The team folder key of a brief file.
fn key_of(file: &Path) -> Option<String> {
    let brief = load_path(file, LoadOptions::default()).ok()?;
    Some(team::brief_key(&Header::for_brief(Some(file), &brief)))
}
