//! The library's index kept current and searched as the reader types, off
//! the UI thread.
//!
//! One thread opens the index and brings it up to date with the library
//! (and again after each rescan: only what changed is read), committing as
//! it goes and saying how far it is; while another process writes the
//! index it waits, and searches see that process's commits. Another thread
//! answers searches from what is committed, so the first results come
//! while a first build is still running, marked as such.
//!
//! Every [`SearchWorker::submit`] gets a new generation number. The search
//! thread runs only the newest request it has (older queued ones are
//! skipped), and each response carries its generation so the UI can drop
//! any that is stale ([`SearchWorker::is_current`]).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::index::{IndexError, LibraryIndex};
use super::query::Query;
use super::rank::{SearchOptions, SearchResults};
use super::tags::NoteTags;
use super::update::{Plan, Progress, SourceFile};
use crate::catalogue::{Library, relative_key};
use crate::document::LoadOptions;

/// How often to try again while another process writes the index.
const BUSY_RETRY: Duration = Duration::from_millis(500);
/// How often searches look for commits made by another process.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// One search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query as typed.
    pub text: String,
    /// True while typing: the last word matches as a prefix
    /// ([`Query::parse_incremental`]).
    pub incremental: bool,
    pub limit: usize,
    pub tags: Option<Arc<NoteTags>>,
    /// One result per brief (else every passage).
    pub grouped: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            text: String::new(),
            incremental: false,
            limit: 50,
            tags: None,
            grouped: true,
        }
    }
}

/// The answer to a request.
#[derive(Debug, Clone)]
pub struct SearchResponse {
    pub generation: u64,
    /// The query text it answers.
    pub text: String,
    pub results: SearchResults,
    /// Set while the index is being built: the results come from the
    /// briefs indexed so far.
    pub indexing: Option<Progress>,
}

/// What the index thread tells the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexEvent {
    /// Briefs indexed so far of those to index (after each commit).
    Progress(Progress),
    /// The index is up to date with the library.
    Ready,
    /// Something the reader should know (the index was rebuilt, could not
    /// be opened, a brief could not be read): sanitised.
    Notice(String),
}

/// What the worker delivers, on its threads.
#[derive(Debug, Clone)]
pub enum WorkerEvent {
    Results(SearchResponse),
    Index(IndexEvent),
}

type Deliver = Arc<dyn Fn(WorkerEvent) + Send + Sync>;

/// The index and search threads of one library.
pub struct SearchWorker {
    searches: Sender<(u64, SearchRequest)>,
    syncs: Sender<Library>,
    latest: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

/// What the two threads share.
struct Shared {
    index: OnceLock<LibraryIndex>,
    /// Entries of the library by their relative path, for results.
    entries: Mutex<Arc<HashMap<String, usize>>>,
    indexing: Mutex<Option<Progress>>,
}

impl SearchWorker {
    /// Opens the index of a library (in `data_dir`, else in memory),
    /// brings it up to date and serves searches.
    pub fn start(
        data_dir: Option<PathBuf>,
        library: Library,
        load: LoadOptions,
        deliver: impl Fn(WorkerEvent) + Send + Sync + 'static,
    ) -> SearchWorker {
        let deliver: Deliver = Arc::new(deliver);
        let shared = Arc::new(Shared {
            index: OnceLock::new(),
            entries: Mutex::new(Arc::new(HashMap::new())),
            indexing: Mutex::new(None),
        });
        let (searches, search_rx) = mpsc::channel();
        let (syncs, sync_rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let _ = syncs.send(library);
        let (s, d, st) = (Arc::clone(&shared), Arc::clone(&deliver), Arc::clone(&stop));
        let _ = std::thread::Builder::new()
            .name("brief-index".into())
            .spawn(move || index_thread(data_dir, &s, load, &sync_rx, &d, &st));
        let (s, l) = (shared, Arc::clone(&latest));
        let _ = std::thread::Builder::new()
            .name("brief-search".into())
            .spawn(move || search_thread(&s, &search_rx, &l, &deliver));
        SearchWorker {
            searches,
            syncs,
            latest,
            stop,
        }
    }

    /// The library was listed again: index what changed.
    pub fn sync(&self, library: Library) {
        let _ = self.syncs.send(library);
    }

    /// Queues a search and returns its generation. Any older request not
    /// yet answered is abandoned.
    pub fn submit(&self, request: SearchRequest) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.searches.send((generation, request));
        generation
    }

    /// True when a response answers the newest request.
    pub fn is_current(&self, response: &SearchResponse) -> bool {
        response.generation == self.latest.load(Ordering::SeqCst)
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // The index thread commits what it has and stops.
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The files of a library that loaded, as the index takes them.
pub fn source_files(library: &Library) -> Vec<SourceFile> {
    library
        .entries
        .iter()
        .filter(|e| e.info().is_some())
        .filter_map(|e| {
            let relative = e.path.strip_prefix(&library.dir).ok()?;
            Some(SourceFile {
                relative: relative_key(relative)?,
                path: e.path.clone(),
                stamp: e.stamp,
            })
        })
        .collect()
}

fn index_thread(
    data_dir: Option<PathBuf>,
    shared: &Shared,
    load: LoadOptions,
    syncs: &Receiver<Library>,
    deliver: &Deliver,
    stop: &AtomicBool,
) {
    let say = |e: IndexEvent| deliver(WorkerEvent::Index(e));
    let Ok(mut library) = syncs.recv() else {
        return;
    };
    let opened = match LibraryIndex::open(data_dir.as_deref(), &library.dir, &library.root) {
        Ok(o) => o,
        Err(e) => {
            // Searching still works, from an index in memory.
            say(IndexEvent::Notice(e.to_string()));
            match LibraryIndex::open(None, &library.dir, &library.root) {
                Ok(o) => o,
                Err(e) => return say(IndexEvent::Notice(e.to_string())),
            }
        }
    };
    if let Some(why) = opened.rebuilt {
        say(IndexEvent::Notice(why));
    }
    // Searches start once it is known whether they answer from part of
    // the library.
    let files = source_files(&library);
    if let Ok(manifest) = opened.index.manifest() {
        let plan = Plan::new(&manifest, &files);
        if !plan.is_empty() {
            let total = plan.read.len();
            *lock(&shared.indexing) = Some(Progress { done: 0, total });
        }
    }
    let index = shared.index.get_or_init(|| opened.index);
    loop {
        // Only the newest listing matters.
        while let Ok(newer) = syncs.try_recv() {
            library = newer;
        }
        let entries: HashMap<String, usize> = library
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.relative.clone(), i))
            .collect();
        *lock(&shared.entries) = Arc::new(entries);
        match sync(index, &library, load, shared, &say, stop) {
            Err(IndexError::Busy) if !stop.load(Ordering::SeqCst) => {
                // Another process writes: search what it commits, try again.
                let _ = index.reload();
                match syncs.recv_timeout(BUSY_RETRY) {
                    Ok(newer) => library = newer,
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                continue;
            }
            Err(e) => say(IndexEvent::Notice(e.to_string())),
            Ok(()) => {}
        }
        match syncs.recv() {
            Ok(newer) => library = newer,
            Err(_) => return,
        }
    }
}

fn sync(
    index: &LibraryIndex,
    library: &Library,
    load: LoadOptions,
    shared: &Shared,
    say: &dyn Fn(IndexEvent),
    stop: &AtomicBool,
) -> Result<(), IndexError> {
    index.reload()?;
    let files = source_files(library);
    let manifest = index.manifest()?;
    let plan = Plan::new(&manifest, &files);
    if plan.is_empty() {
        say(IndexEvent::Ready);
        return Ok(());
    }
    let mut committed = |p: Progress| {
        *lock(&shared.indexing) = (p.done < p.total).then_some(p);
        say(IndexEvent::Progress(p));
    };
    let result = index.update(&files, &plan, load, &mut committed, &|| {
        stop.load(Ordering::SeqCst)
    });
    *lock(&shared.indexing) = None;
    let updated = result?;
    if let Some(first) = updated.failed.first() {
        say(IndexEvent::Notice(format!("not indexed: {first}")));
    }
    say(IndexEvent::Ready);
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn search_thread(
    shared: &Shared,
    rx: &Receiver<(u64, SearchRequest)>,
    latest: &AtomicU64,
    deliver: &Deliver,
) {
    let mut last_reload = Instant::now();
    while let Ok(mut next) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            next = newer;
        }
        let (generation, request) = next;
        if generation != latest.load(Ordering::SeqCst) {
            continue;
        }
        let Some(index) = wait_for_index(shared, latest, generation) else {
            continue;
        };
        let query = if request.incremental {
            Query::parse_incremental(&request.text)
        } else {
            Query::parse(&request.text)
        };
        let options = SearchOptions {
            limit: request.limit,
            tags: request.tags.as_deref(),
            grouped: request.grouped,
        };
        // This process's commits reach the reader as they are made;
        // another process's are looked for now and then, not on every
        // keystroke (a reload costs more than a rare word's search).
        if last_reload.elapsed() >= RELOAD_EVERY {
            let _ = index.reload();
            last_reload = Instant::now();
        }
        let mut results = index
            .search(&query, &options)
            .unwrap_or_else(|_| SearchResults::empty());
        let entries = Arc::clone(&lock(&shared.entries));
        results
            .passages
            .retain_mut(|p| match entries.get(&p.relative) {
                Some(&e) => {
                    p.entry = e;
                    true
                }
                None => false,
            });
        deliver(WorkerEvent::Results(SearchResponse {
            generation,
            text: request.text,
            results,
            indexing: *lock(&shared.indexing),
        }));
    }
}

/// The index once opened; None if a newer request came meanwhile.
fn wait_for_index<'a>(
    shared: &'a Shared,
    latest: &AtomicU64,
    generation: u64,
) -> Option<&'a LibraryIndex> {
    loop {
        if let Some(index) = shared.index.get() {
            return Some(index);
        }
        std::thread::sleep(Duration::from_millis(20));
        if latest.load(Ordering::SeqCst) != generation {
            return None;
        }
    }
}
