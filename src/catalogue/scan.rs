//! Scanning a folder into a [`Library`]: walk, reuse what the cache knows,
//! load the rest in parallel, write the cache back. [`list`] only walks:
//! the files and their stamps, for what keeps its own record of them (the
//! search index).

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
            ..ChunkOut::default()
        };
        for i in range {
            let f = &files[i];
            let hit = cache::key(&f.relative)
                .and_then(|k| cached.get(&k))
                .filter(|c| f.stamp.as_ref().is_ok_and(|s| *s == c.stamp));
            out.add(dir, &root, f, hit, options.load);
        }
        out
    });
    let mut entries = Vec::with_capacity(files.len());
    let (mut parsed, mut fresh, mut hits) = (0, 0, 0);
    for out in results {
        entries.extend(out.entries);
        (parsed, fresh, hits) = (parsed + out.parsed, fresh + out.fresh, hits + out.hits);
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
    Ok(Library {
        dir: dir.to_path_buf(),
        root,
        entries,
        problems: found.problems,
        stats,
    })
}

/// A markdown file of a folder, listed without being read.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The folder as given joined with the path under it.
    pub path: PathBuf,
    /// The path under the folder, `/`-separated; None when it is not UTF-8.
    pub relative: Option<String>,
    /// Its size and time, or why they could not be read (sanitised).
    pub stamp: Result<FileStamp, String>,
}

/// The markdown files under a folder, without reading them.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The folder's canonical path.
    pub root: PathBuf,
    pub files: Vec<Listed>,
    /// Folders that could not be read.
    pub problems: Vec<String>,
}

/// Lists the markdown files under `dir` as [`scan`] finds them, reading
/// none: for `brief search`, whose index records what it read.
pub fn list(dir: &Path) -> Result<Listing, LibraryError> {
    let root = open_root(dir)?;
    let found = walk(&root);
    let files = found
        .files
        .into_iter()
        .map(|f| Listed {
            path: dir.join(&f.relative),
            relative: cache::key(&f.relative),
            stamp: f.stamp,
        })
        .collect();
    Ok(Listing {
        root,
        files,
        problems: found.problems,
    })
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
struct ChunkOut {
    entries: Vec<Entry>,
    /// Files read.
    parsed: usize,
    /// Files read whose info the cache did not have.
    fresh: usize,
    /// Loaded entries that agree with the cache.
    hits: usize,
}

impl ChunkOut {
    fn add(
        &mut self,
        dir: &Path,
        root: &Path,
        f: &Found,
        hit: Option<&CachedEntry>,
        load_options: LoadOptions,
    ) {
        if let Some(c) = hit {
            self.hits += 1;
            self.entries.push(entry(dir, root, f, Ok(c.info.clone())));
            return;
        }
        self.parsed += 1;
        let info =
            load(f, load_options).map(|(brief, stamp)| BriefInfo::from_brief(&brief, &stamp));
        match (&info, hit) {
            (Ok(info), Some(c)) if *info == c.info => self.hits += 1,
            (Ok(_), _) => self.fresh += 1,
            (Err(_), _) => {}
        }
        self.entries.push(entry(dir, root, f, info));
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
