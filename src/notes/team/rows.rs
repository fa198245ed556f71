//! Colleagues' notes as export rows, for `brief notes`, `brief memo` and
//! the library's notes view: attributed, placed on the brief when the
//! reader has it (found through their own notes files), else where their
//! anchors say.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Team, brief_key, folder};
use crate::document::{LoadOptions, load_path};
use crate::notes::export::{self, ExportNote};
use crate::notes::place_notes;
use crate::notes::store::{Header, Store};

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
            let path = crate::fsio::canonical(f).to_string_lossy().into_owned();
            known.insert(key_of(f).unwrap_or_default(), path);
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
                known.insert(brief_key(&header), f.path);
            }
        }
    }
    let dirs = match file {
        Some(_) => known
            .keys()
            .map(|k| team.folder.join(k))
            .collect::<Vec<_>>(),
        None => folder::brief_dirs(team),
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
        // One brief: its versions' folders too, as the reader reads them.
        let mut found = match (file, &brief) {
            (Some(f), Some(b)) => super::read_brief(team, &Header::for_brief(Some(f), b)),
            _ => folder::read_dir(&dir, &ours),
        };
        problems.append(&mut found.problems);
        found.notes.retain(|n| !own.contains(n.id.as_str()));
        let placements = brief
            .as_ref()
            .map(|b| place_notes(b, &found.notes))
            .unwrap_or_default();
        let title = brief
            .as_ref()
            .map_or(found.title.clone(), |b| b.title.clone());
        let first = rows.len();
        rows.extend(export::rows(
            &title,
            &path,
            brief.as_ref(),
            &found.notes,
            &placements,
        ));
        for r in &mut rows[first..] {
            r.colleague = true;
        }
        if brief.is_none() {
            // Where the notes are is all there is: this reader has no
            // notes on that brief, so brief does not know where it is.
            for r in &mut rows[first..] {
                r.flags.retain(|f| *f != "orphaned");
                r.flags.push("brief not here");
            }
        }
    }
    (rows, problems)
}

/// The team folder key of a brief file.
fn key_of(file: &Path) -> Option<String> {
    let brief = load_path(file, LoadOptions::default()).ok()?;
    Some(brief_key(&Header::for_brief(Some(file), &brief)))
}
