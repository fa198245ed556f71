//! The library's work off the UI thread: listing a folder with what the
//! list shows about each brief, and the full-text search worker.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::open::Env;
use super::{Runner, Wake};
use crate::app::msg::Scanned;
use crate::notes::store::read_notes_file;
use std::path::PathBuf;

use crate::catalogue::{Entry, Library, ScanOptions, scan};
use crate::document::LoadOptions;
use crate::notes::store::{NotesFile, Store};
use crate::reading::StateStore;
use crate::search::NoteTags;

pub(super) fn scan_options(env: &Env) -> ScanOptions {
    match &env.data_dir {
        Some(dir) => ScanOptions::with_cache(dir),
        None => ScanOptions::default(),
    }
}

/// Lists a folder with what the list shows about each brief: reading
/// progress, "updated since last read", note counts; and the note tags
/// `#tag` searches need.
pub(super) fn scan_library(
    env: &Env,
    dir: &std::path::Path,
) -> (Result<Box<Scanned>, String>, Option<Arc<NoteTags>>) {
    let library = match scan(dir, &scan_options(env)) {
        Ok(l) => l,
        Err(e) => return (Err(e.to_string()), None),
    };
    let mut progress = HashMap::new();
    let mut updated = HashSet::new();
    let mut notes = HashMap::new();
    let mut found_tags = None;
    if let Some(data) = &env.data_dir {
        // A brief is found by its path; a folder moved or synced elsewhere
        // keeps its briefs' text, so what was recorded under a path that is
        // gone is found by the brief's content hash instead.
        if let Ok(states) = StateStore::open_dir(data).map(|s| s.all()) {
            let gone = gone_by_hash(
                states
                    .iter()
                    .map(|(p, s)| (p.clone(), s.content_hash.clone(), s)),
            );
            for entry in &library.entries {
                let state = states
                    .get(&entry.canonical)
                    .or_else(|| heir(&library, entry, &gone).copied());
                let Some(state) = state else { continue };
                progress.insert(entry.canonical.clone(), state.progress());
                if entry
                    .info()
                    .is_some_and(|i| state.is_updated(&i.content_hash))
                {
                    updated.insert(entry.canonical.clone());
                }
            }
        }
        if let Ok(store) = Store::open_dir(data) {
            let files: Vec<NotesFile> = store
                .all()
                .into_iter()
                .flatten()
                .map(|(_, f)| f)
                .filter(|f| !f.path.is_empty())
                .collect();
            let counts = files.iter().map(|f| {
                let path = PathBuf::from(&f.path);
                (path, f.fingerprint.clone(), f.notes.len())
            });
            let counts: Vec<(PathBuf, String, usize)> = counts.collect();
            let gone = gone_by_hash(counts.iter().map(|(p, h, n)| (p.clone(), h.clone(), *n)));
            for (path, _, count) in &counts {
                *notes.entry(path.clone()).or_default() += count;
            }
            for entry in &library.entries {
                if notes.contains_key(&entry.canonical) {
                    continue;
                }
                if let Some(&count) = heir(&library, entry, &gone) {
                    notes.insert(entry.canonical.clone(), count);
                }
            }
            let tags = NoteTags::from_files(files, &library.root, LoadOptions::default());
            found_tags = Some(Arc::new(tags));
        }
    }
    let scanned = Scanned {
        library,
        progress,
        updated,
        notes,
    };
    (Ok(Box::new(scanned)), found_tags)
}

/// What was recorded under paths that are gone, by content hash, with the
/// file name it had.
fn gone_by_hash<T>(
    recorded: impl Iterator<Item = (PathBuf, String, T)>,
) -> HashMap<String, Vec<(std::ffi::OsString, T)>> {
    let mut gone: HashMap<String, Vec<(std::ffi::OsString, T)>> = HashMap::new();
    for (path, hash, value) in recorded {
        if hash.is_empty() || !matches!(path.try_exists(), Ok(false)) {
            continue;
        }
        let name = path.file_name().unwrap_or_default().to_os_string();
        gone.entry(hash).or_default().push((name, value));
    }
    gone
}

/// What a brief of the library inherits from a path that is gone: the
/// record of the same text, when this is the only brief with that text or
/// it has the record's file name (a copy beside the moved original does
/// not inherit).
fn heir<'a, T>(
    library: &Library,
    entry: &Entry,
    gone: &'a HashMap<String, Vec<(std::ffi::OsString, T)>>,
) -> Option<&'a T> {
    let hash = &entry.info()?.content_hash;
    let records = gone.get(hash)?;
    let name = entry.canonical.file_name().unwrap_or_default();
    if let Some((_, value)) = records.iter().find(|(n, _)| n == name) {
        return Some(value);
    }
    let twins = library
        .entries
        .iter()
        .filter(|e| e.info().is_some_and(|i| &i.content_hash == hash))
        .count();
    (twins == 1).then(|| &records[0].1)
}

impl Runner {
    /// A note was saved: its brief's tags may have changed, so `#tag`
    /// searches get that one brief's tags read again (off this thread).
    pub(super) fn refresh_tags(&mut self, file: PathBuf) {
        let Some((root, _)) = &self.search else {
            return;
        };
        let root = root.clone();
        self.tags_asked += 1;
        let read = self.tags_asked;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let Ok(notes) = read_notes_file(&file) else {
                return;
            };
            let brief = PathBuf::from(&notes.path);
            let tags = NoteTags::from_files([notes], &root, Default::default());
            let _ = tx.send(Wake::BriefTags { read, brief, tags });
        });
    }
}
