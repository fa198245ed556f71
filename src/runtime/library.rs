//! The library's work off the UI thread: listing a folder with what the
//! list shows about each brief, and the full-text search worker.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::Wake;
use super::open::Env;
use crate::app::msg::Msg;
use crate::app::msg::Scanned;
use std::path::PathBuf;
use std::sync::mpsc::Sender;

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

/// Lists a library folder on a thread of its own and sends what it found;
/// on the `first` listing, a big library's stored rows are sent before
/// the walk is done.
pub(super) fn start_scan(tx: Sender<Wake>, env: Env, dir: PathBuf, first: bool) {
    std::thread::spawn(move || {
        let early = tx.clone();
        let early = move |s| _ = early.send(Wake::App(Msg::Scanned(Ok(s))));
        let (result, tags) = scan_library(&env, &dir, first.then_some(early));
        let _ = tx.send(Wake::Scanned(result, tags));
    });
}

/// Lists a folder with what the list shows about each brief: reading
/// progress, "updated since last read", note counts; and the note tags
/// `#tag` searches need.
/// When `early` is given, a big library's stored rows are handed to it
/// first, so the list shows before the walk has looked at every file.
pub(super) fn scan_library(
    env: &Env,
    dir: &std::path::Path,
    early: Option<impl FnOnce(Box<Scanned>)>,
) -> (Result<Box<Scanned>, String>, Option<Arc<NoteTags>>) {
    let options = scan_options(env);
    if let Some(early) = early
        && let Some(library) = crate::catalogue::stored(dir, &options)
    {
        early(Box::new(annotate(env, library).0));
    }
    match scan(dir, &options) {
        Ok(library) => {
            let (scanned, tags) = annotate(env, library);
            (Ok(Box::new(scanned)), tags)
        }
        Err(e) => (Err(e.to_string()), None),
    }
}

/// A library with each brief's reading progress, "updated" mark and note
/// count, and the note tags.
fn annotate(env: &Env, library: Library) -> (Scanned, Option<Arc<NoteTags>>) {
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
            for entry in library.entries.iter() {
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
            for entry in library.entries.iter() {
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
    (scanned, found_tags)
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
