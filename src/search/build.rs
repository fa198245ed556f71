//! Building the search index from the catalogue: in the scan's own pass
//! ([`scan_and_index`], each brief read once) or later from a library
//! already listed ([`SearchIndex::build`], on a background thread).

use std::path::Path;

use super::index::{Chunk, DocSource, SearchIndex, merge};
use crate::catalogue::{
    BriefSink, Entry, Library, LibraryError, ScanOptions, run_chunks, scan_into,
};
use crate::document::Brief;
use crate::document::load::load_path;

/// Like [`crate::catalogue::scan`], and builds the search index in the same
/// pass: every brief is read (the cache only saves work for the list), so
/// this is for `brief search` and for a first open that will search anyway.
pub fn scan_and_index(
    dir: &Path,
    options: &ScanOptions,
) -> Result<(Library, SearchIndex), LibraryError> {
    let (library, chunks) = scan_into::<Chunk>(dir, options)?;
    Ok((library, merge(chunks)))
}

impl SearchIndex {
    /// Reads every brief of the library that loaded and indexes it. Meant
    /// for a background thread: about the cost of a cold scan.
    pub fn build(library: &Library, options: &ScanOptions) -> SearchIndex {
        let loaded: Vec<usize> = (0..library.entries.len())
            .filter(|&i| library.entries[i].info().is_some())
            .collect();
        let chunks = run_chunks(loaded.len(), options.thread_count(), |range| {
            let mut chunk = Chunk::default();
            for &i in &loaded[range] {
                let e = &library.entries[i];
                if let Ok(brief) = load_path(&e.path, options.load) {
                    chunk.add(source(i, e), brief);
                }
            }
            chunk
        });
        merge(chunks)
    }
}

impl BriefSink for Chunk {
    fn take(&mut self, entry: usize, e: &Entry, brief: Brief) {
        self.add(source(entry, e), brief);
    }
}

fn source(i: usize, e: &Entry) -> DocSource<'_> {
    DocSource {
        entry: i,
        path: &e.path,
        canonical: &e.canonical,
        relative: &e.relative,
    }
}
