//! Searching as the reader types, off the UI thread.
//!
//! Every [`SearchWorker::submit`] gets a new generation number. The worker
//! runs only the newest request it has (older queued ones are skipped), a
//! search in progress gives up as soon as a newer one arrives, and each
//! response carries its generation so the UI can drop any that is stale
//! ([`SearchWorker::is_current`]). Responses go to a callback, so the app
//! can forward them into its own event channel.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};

use super::index::SearchIndex;
use super::query::Query;
use super::rank::{SearchOptions, SearchResults};
use super::tags::NoteTags;
use crate::catalogue::{Library, ScanOptions};

type Build = Box<dyn FnOnce() -> SearchIndex + Send>;

/// One search to run.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query as typed.
    pub text: String,
    /// True while typing: the last word matches as a prefix
    /// ([`Query::parse_incremental`]).
    pub incremental: bool,
    pub limit: usize,
    pub tags: Option<Arc<NoteTags>>,
}

/// The answer to a request.
#[derive(Debug, Clone)]
pub struct SearchResponse {
    pub generation: u64,
    /// The query text it answers.
    pub text: String,
    pub results: SearchResults,
}

/// A search thread over one library's index.
pub struct SearchWorker {
    tx: Sender<(u64, SearchRequest)>,
    latest: Arc<AtomicU64>,
    index: Arc<OnceLock<Arc<SearchIndex>>>,
    failed: bool,
}

impl SearchWorker {
    /// A worker over an index already built.
    pub fn new(
        index: Arc<SearchIndex>,
        deliver: impl Fn(SearchResponse) + Send + 'static,
    ) -> SearchWorker {
        let cell = OnceLock::new();
        let _ = cell.set(index);
        SearchWorker::start(Arc::new(cell), None, deliver)
    }

    /// A worker that first builds the library's index on its thread
    /// (requests made meanwhile are answered once it is ready), then
    /// serves searches. `on_ready` runs on that thread when the index is
    /// built, to let the UI say so.
    pub fn building(
        library: Library,
        options: ScanOptions,
        on_ready: impl FnOnce() + Send + 'static,
        deliver: impl Fn(SearchResponse) + Send + 'static,
    ) -> SearchWorker {
        let build: Build = Box::new(move || SearchIndex::build(&library, &options));
        let cell = Arc::new(OnceLock::new());
        SearchWorker::start(cell, Some((build, Box::new(on_ready))), deliver)
    }

    fn start(
        index: Arc<OnceLock<Arc<SearchIndex>>>,
        build: Option<(Build, Box<dyn FnOnce() + Send>)>,
        deliver: impl Fn(SearchResponse) + Send + 'static,
    ) -> SearchWorker {
        let (tx, rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = (Arc::clone(&index), Arc::clone(&latest));
        let spawned = std::thread::Builder::new()
            .name("brief-search".into())
            .spawn(move || {
                let (index, latest) = shared;
                if let Some((build, on_ready)) = build {
                    let _ = index.set(Arc::new(build()));
                    on_ready();
                }
                if let Some(index) = index.get() {
                    serve(index, &rx, &latest, &deliver);
                }
            });
        SearchWorker {
            tx,
            latest,
            index,
            failed: spawned.is_err(),
        }
    }

    /// Queues a search and returns its generation. Any older request not
    /// yet answered is abandoned.
    pub fn submit(&self, request: SearchRequest) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.tx.send((generation, request));
        generation
    }

    /// True when a response answers the newest request.
    pub fn is_current(&self, response: &SearchResponse) -> bool {
        response.generation == self.latest.load(Ordering::SeqCst)
    }

    /// The index, once built.
    pub fn index(&self) -> Option<Arc<SearchIndex>> {
        self.index.get().cloned()
    }

    /// True once searches can be answered.
    pub fn is_ready(&self) -> bool {
        self.index.get().is_some()
    }

    /// True when the search thread could not be started.
    pub fn failed(&self) -> bool {
        self.failed
    }
}

fn serve(
    index: &SearchIndex,
    rx: &Receiver<(u64, SearchRequest)>,
    latest: &AtomicU64,
    deliver: &dyn Fn(SearchResponse),
) {
    while let Ok(mut next) = rx.recv() {
        // Only the newest queued request matters.
        while let Ok(newer) = rx.try_recv() {
            next = newer;
        }
        let (generation, request) = next;
        if generation != latest.load(Ordering::SeqCst) {
            continue;
        }
        let query = if request.incremental {
            Query::parse_incremental(&request.text)
        } else {
            Query::parse(&request.text)
        };
        let options = SearchOptions {
            limit: request.limit,
            tags: request.tags.as_deref(),
        };
        let stale = || latest.load(Ordering::Relaxed) != generation;
        if let Some(results) = index.search_cancellable(&query, &options, &stale) {
            deliver(SearchResponse {
                generation,
                text: request.text,
                results,
            });
        }
    }
}
