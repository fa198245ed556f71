//! Scanning a folder into a [`Library`]: walk, reuse what the cache knows,
//! load the rest in parallel, write the cache back. A [`BriefSink`] can
//! take every brief read in the same pass (the search index does).

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::cache::{self, CacheStatus, CachedEntry};
use super::info::{BriefInfo, FileStamp};
use super::walk::{Found, walk};
use crate::document::Brief;
use crate::document::load::{LoadOptions, display_path, load_path};
use crate::document::sanitize::sanitize_line;

/// How to scan.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// The data folder: the cache lives in `<data>/library/`. None scans
    /// without a cache (nothing is read or written there).
    pub data_dir: Option<PathBuf>,
    pub load: LoadOptions,
    /// Threads that load briefs; 0 for one per core.
    pub threads: usize,
}

impl ScanOptions {
    /// Options that keep the cache in `data_dir`.
    pub fn with_cache(data_dir: impl Into<PathBuf>) -> ScanOptions {
        ScanOptions {
            data_dir: Some(data_dir.into()),
            ..ScanOptions::default()
        }
    }

    pub(crate) fn thread_count(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
            n => n,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("{path}: no such folder; check the path, or give a folder of briefs")]
    NotFound { path: String },
    #[error("{path}: not a folder; give a folder of briefs (brief DIR)")]
    NotADirectory { path: String },
    #[error("{path}: cannot open the folder: {reason}")]
    Io { path: String, reason: String },
}

/// One markdown file of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The folder as given joined with `relative`: the path to open.
    pub path: PathBuf,
    /// The path under the library folder, `/`-separated and sanitised, for
    /// display.
    pub relative: String,
    /// The file's real path, as notes and reading state record it.
    pub canonical: PathBuf,
    pub stamp: FileStamp,
    pub status: EntryStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryStatus {
    Loaded(Box<BriefInfo>),
    /// Why the file could not be read or loaded (sanitised, names the file).
    Failed(String),
}

impl Entry {
    pub fn info(&self) -> Option<&BriefInfo> {
        match &self.status {
            EntryStatus::Loaded(info) => Some(info),
            EntryStatus::Failed(_) => None,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match &self.status {
            EntryStatus::Loaded(_) => None,
            EntryStatus::Failed(why) => Some(why),
        }
    }

    /// The brief's title, or its file name when it did not load.
    pub fn title(&self) -> &str {
        self.info()
            .map_or(self.relative.as_str(), |i| i.title.as_str())
    }
}

/// What a scan did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanStats {
    /// Markdown files found.
    pub files: usize,
    /// Briefs read and parsed.
    pub parsed: usize,
    /// Entries taken from the cache without reading the brief.
    pub from_cache: usize,
    /// Files listed with an error.
    pub failed: usize,
    pub cache: CacheStatus,
    /// Why the cache could not be written, if it could not.
    pub cache_error: Option<String>,
    pub elapsed: Duration,
}

/// The briefs under a folder, sorted by path.
#[derive(Debug, Clone)]
pub struct Library {
    /// The folder as given.
    pub dir: PathBuf,
    /// Its canonical path.
    pub root: PathBuf,
    pub entries: Vec<Entry>,
    /// Folders that could not be read (the scan went on without them).
    pub problems: Vec<String>,
    pub stats: ScanStats,
}

impl Library {
    /// The entry of a brief by its canonical path.
    pub fn find(&self, canonical: &Path) -> Option<usize> {
        self.entries.iter().position(|e| e.canonical == canonical)
    }
}

/// Lists the briefs under `dir`, reading only those the cache does not
/// know (or that changed). A file that cannot be read or loaded is listed
/// with the reason.
pub fn scan(dir: &Path, options: &ScanOptions) -> Result<Library, LibraryError> {
    Ok(scan_inner::<()>(dir, options, false)?.0)
}

/// Takes every brief a scan reads, in the same pass: the search index is
/// built this way (`search::scan_and_index`) so that a first open reads
/// each brief once. A scan makes one sink per chunk of files, fills it on
/// that chunk's thread and returns the sinks in file order.
pub(crate) trait BriefSink: Default + Send {
    /// `entry` is the brief's index in [`Library::entries`].
    fn take(&mut self, entry: usize, e: &Entry, brief: Brief);
}

/// A plain [`scan`] keeps no brief.
impl BriefSink for () {
    fn take(&mut self, _: usize, _: &Entry, _: Brief) {}
}

/// Like [`scan`], and hands every brief that loads to sinks of type `S`:
/// every brief is read (the cache only saves work for the list).
pub(crate) fn scan_into<S: BriefSink>(
    dir: &Path,
    options: &ScanOptions,
) -> Result<(Library, Vec<S>), LibraryError> {
    scan_inner(dir, options, true)
}

fn scan_inner<S: BriefSink>(
    dir: &Path,
    options: &ScanOptions,
    feed: bool,
) -> Result<(Library, Vec<S>), LibraryError> {
    let start = Instant::now();
    let root = open_root(dir)?;
    let found = walk(&root);
    let cache_file = options
        .data_dir
        .as_ref()
        .map(|d| cache::cache_path(d, &root));
    let (cached, status) = match &cache_file {
        Some(file) => cache::read(file, &root),
        None => (Default::default(), CacheStatus::Off),
    };
    let files = &found.files;
    let results = run_chunks(files.len(), options.thread_count(), |range| {
        let mut out = ChunkOut {
            entries: Vec::with_capacity(range.len()),
            chunk: feed.then(S::default),
            ..ChunkOut::default()
        };
        for i in range {
            let f = &files[i];
            let hit = cache::key(&f.relative)
                .and_then(|k| cached.get(&k))
                .filter(|c| f.stamp.as_ref().is_ok_and(|s| *s == c.stamp));
            out.add(i, dir, &root, f, hit, options.load);
        }
        out
    });
    let mut entries = Vec::with_capacity(files.len());
    let (mut parsed, mut fresh, mut hits) = (0, 0, 0);
    let mut chunks = Vec::new();
    for out in results {
        entries.extend(out.entries);
        (parsed, fresh, hits) = (parsed + out.parsed, fresh + out.fresh, hits + out.hits);
        chunks.extend(out.chunk);
    }
    let failed = entries.iter().filter(|e| e.error().is_some()).count();
    // Rewrite the cache only when it would change: a file that fails to
    // load every time must not cost a write on every open.
    let stale = status != CacheStatus::Loaded || fresh > 0 || hits != cached.len();
    let cache_error = match &cache_file {
        Some(file) if stale => write_cache(file, &root, files, &entries).err(),
        _ => None,
    };
    let stats = ScanStats {
        files: files.len(),
        parsed,
        from_cache: entries.len() - parsed,
        failed,
        cache: status,
        cache_error,
        elapsed: start.elapsed(),
    };
    let library = Library {
        dir: dir.to_path_buf(),
        root,
        entries,
        problems: found.problems,
        stats,
    };
    Ok((library, chunks))
}

fn open_root(dir: &Path) -> Result<PathBuf, LibraryError> {
    let path = display_path(dir);
    let root = std::fs::canonicalize(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LibraryError::NotFound { path: path.clone() },
        _ => LibraryError::Io {
            path: path.clone(),
            reason: sanitize_line(&e.to_string()),
        },
    })?;
    if !root.is_dir() {
        return Err(LibraryError::NotADirectory { path });
    }
    Ok(root)
}

/// What one thread made of a run of files.
#[derive(Default)]
struct ChunkOut<S> {
    entries: Vec<Entry>,
    /// Takes the briefs read, when the scan feeds a sink.
    chunk: Option<S>,
    /// Files read.
    parsed: usize,
    /// Files read whose info the cache did not have.
    fresh: usize,
    /// Loaded entries that agree with the cache.
    hits: usize,
}

impl<S: BriefSink> ChunkOut<S> {
    fn add(
        &mut self,
        i: usize,
        dir: &Path,
        root: &Path,
        f: &Found,
        hit: Option<&CachedEntry>,
        load_options: LoadOptions,
    ) {
        if let (Some(c), None) = (hit, &self.chunk) {
            self.hits += 1;
            self.entries.push(entry(dir, root, f, Ok(c.info.clone())));
            return;
        }
        self.parsed += 1;
        let (info, brief) = match load(f, load_options) {
            Ok((brief, stamp)) => (Ok(BriefInfo::from_brief(&brief, &stamp)), Some(brief)),
            Err(why) => (Err(why), None),
        };
        match (&info, hit) {
            (Ok(info), Some(c)) if *info == c.info => self.hits += 1,
            (Ok(_), _) => self.fresh += 1,
            (Err(_), _) => {}
        }
        let e = entry(dir, root, f, info);
        if let (Some(chunk), Some(brief)) = (&mut self.chunk, brief) {
            chunk.take(i, &e, brief);
        }
        self.entries.push(e);
    }
}

fn load(f: &Found, options: LoadOptions) -> Result<(Brief, FileStamp), String> {
    let stamp = f
        .stamp
        .clone()
        .map_err(|why| format!("{}: {why}", display_path(&f.path)))?;
    load_path(&f.path, options)
        .map(|b| (b, stamp))
        .map_err(|e| e.to_string())
}

fn entry(dir: &Path, root: &Path, f: &Found, info: Result<BriefInfo, String>) -> Entry {
    let relative =
        cache::key(&f.relative).unwrap_or_else(|| f.relative.to_string_lossy().replace('\\', "/"));
    let canonical = if f.via_link {
        std::fs::canonicalize(&f.path).unwrap_or_else(|_| root.join(&f.relative))
    } else {
        root.join(&f.relative)
    };
    Entry {
        path: dir.join(&f.relative),
        relative: sanitize_line(&relative),
        canonical,
        stamp: f.stamp.clone().unwrap_or_default(),
        status: match info {
            Ok(info) => EntryStatus::Loaded(Box::new(info)),
            Err(why) => EntryStatus::Failed(why),
        },
    }
}

fn write_cache(file: &Path, root: &Path, found: &[Found], entries: &[Entry]) -> Result<(), String> {
    let cached = found
        .iter()
        .zip(entries)
        .filter_map(|(f, e)| {
            Some(CachedEntry {
                path: cache::key(&f.relative)?,
                stamp: e.stamp,
                info: e.info()?.clone(),
            })
        })
        .collect();
    cache::write(file, root, cached).map_err(|e| {
        format!(
            "could not write the library cache {}: {}",
            display_path(file),
            sanitize_line(&e.to_string())
        )
    })
}

/// Runs `work` over `0..n` split in chunks, on up to `threads` threads,
/// and returns the results in chunk order.
pub(crate) fn run_chunks<T: Send>(
    n: usize,
    threads: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    // Several chunks per thread balance the load; not so many that merging
    // them costs more than it saves.
    let size = (n / (threads.max(1) * 8)).max(8);
    let ranges: Vec<Range<usize>> = (0..n.div_ceil(size))
        .map(|c| c * size..((c + 1) * size).min(n))
        .collect();
    if threads <= 1 || ranges.len() <= 1 {
        return ranges.into_iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(ranges.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let c = next.fetch_add(1, Ordering::Relaxed);
                        let Some(range) = ranges.get(c) else {
                            return out;
                        };
                        out.push((c, work(range.clone())));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_by_key(|(c, _)| *c);
    done.into_iter().map(|(_, t)| t).collect()
}
