//! The library's work off the UI thread: listing a folder with what the
//! list shows about each brief, and the full-text search worker.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::open::Env;
use crate::app::msg::Scanned;
use crate::catalogue::{ScanOptions, note_counts, scan};
use crate::document::LoadOptions;
use crate::notes::store::Store;
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
    let mut tags = None;
    if let Some(data) = &env.data_dir {
        if let Ok(states) = StateStore::open_dir(data).map(|s| s.all()) {
            for entry in &library.entries {
                let Some(state) = states.get(&entry.canonical) else {
                    continue;
                };
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
            notes = note_counts(&store);
            tags = Some(Arc::new(NoteTags::from_store(
                &store,
                &library,
                LoadOptions::default(),
            )));
        }
    }
    let scanned = Scanned {
        library,
        progress,
        updated,
        notes,
    };
    (Ok(Box::new(scanned)), tags)
}
