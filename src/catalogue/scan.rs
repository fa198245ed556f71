//! Scanning a folder into a [`Library`]: walk, reuse what the store knows,
//! load the rest in parallel, write the store back. [`list`] only walks:
//! the files and their stamps, for what keeps its own record of them (the
//! search index).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::Arc;

use super::cache::{self, CacheStatus, CachedEntry, Stored};
use super::details::{DetailBytes, EntryDetails, Span, encode_details};
use super::info::{BriefInfo, Details, FileStamp};
use super::parallel::run_chunks;
use super::walk::{Found, walk};
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
    /// Shared: the search worker holds the same list without a copy.
    pub entries: Arc<[Entry]>,
    /// The preview's details of each entry, read one at a time.
    pub(crate) details: Arc<EntryDetails>,
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

/// Lists the briefs under `dir`, reading only those the store does not
/// know (or that changed). A file that cannot be read or loaded is listed
/// with the reason.
pub fn scan(dir: &Path, options: &ScanOptions) -> Result<Library, LibraryError> {
    let start = Instant::now();
    let root = open_root(dir)?;
    let found = walk(&root);
    let files = &found.files;
    let cache_file = options
        .data_dir
        .as_ref()
        .map(|d| cache::cache_path(d, &root));
    let (stored, status) = match &cache_file {
        Some(file) => cache::read(file, &root),
        None => (Stored::default(), CacheStatus::Off),
    };
    let keys: Vec<Option<String>> = files.iter().map(|f| cache::key(&f.relative)).collect();
    let hits = match_stored(files, &keys, &stored.entries);
    let stored_count = stored.entries.len();
    let mut rows: Vec<Option<CachedEntry>> = stored.entries.into_iter().map(Some).collect();

    // Only what the store does not know is read, in parallel.
    let misses: Vec<usize> = (0..files.len()).filter(|&i| hits[i].is_none()).collect();
    let read = run_chunks(misses.len(), options.thread_count(), |range| {
        misses[range]
            .iter()
            .map(|&i| parse(&files[i], options.load))
            .collect::<Vec<_>>()
    });
    let mut read = read.into_iter().flatten();

    let mut entries = Vec::with_capacity(files.len());
    let mut sources = Vec::with_capacity(files.len());
    let (mut parsed, mut loaded_fresh) = (0, 0);
    for (f, hit) in files.iter().zip(&hits) {
        let row = hit.and_then(|i| rows.get_mut(i)?.take());
        let (status, source) = match row {
            Some(c) => (Ok(c.info), Source::Stored(c.details)),
            None => {
                parsed += 1;
                match read.next().unwrap_or_else(|| Err("not read".to_owned())) {
                    Ok((info, details)) => {
                        loaded_fresh += 1;
                        (Ok(info), Source::Read(details))
                    }
                    Err(why) => (Err(why), Source::None),
                }
            }
        };
        entries.push(entry(dir, &root, f, status));
        sources.push(source);
    }
    drop(rows);
    let failed = entries.iter().filter(|e| e.error().is_some()).count();
    let kept = entries.len() - parsed;

    // Rewrite the store only when it would change: a file that fails to
    // load every time must not cost a write on every open.
    let stale = status != CacheStatus::Loaded || loaded_fresh > 0 || kept != stored_count;
    let (details, cache_error) = if stale {
        let (details, error) = rewrite(
            &root,
            &entries,
            &keys,
            &sources,
            &stored.details,
            cache_file.as_deref().zip(options.data_dir.as_deref()),
        );
        (details, error)
    } else {
        let spans = sources
            .iter()
            .map(|s| match s {
                Source::Stored(span) => Some(*span),
                Source::Read(_) | Source::None => None,
            })
            .collect();
        let details = EntryDetails {
            bytes: stored.details,
            spans,
        };
        (details, None)
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
        entries: entries.into(),
        details: Arc::new(details),
        problems: found.problems,
        stats,
    })
}

/// Writes the store of these entries (when there is a data folder) and
/// returns their details: the new store mapped, else in memory.
fn rewrite(
    root: &Path,
    entries: &[Entry],
    keys: &[Option<String>],
    sources: &[Source],
    stored: &DetailBytes,
    file: Option<(&Path, &Path)>,
) -> (EntryDetails, Option<String>) {
    let rows: Vec<(usize, cache::Row<'_>)> = entries
        .iter()
        .zip(keys)
        .zip(sources)
        .enumerate()
        .filter_map(|(i, ((e, key), source))| {
            let details = match source {
                Source::Stored(span) => stored.raw(*span)?,
                Source::Read(bytes) => bytes,
                Source::None => return None,
            };
            let row = cache::Row {
                path: key.as_deref()?,
                stamp: e.stamp,
                info: e.info()?,
                details,
            };
            Some((i, row))
        })
        .collect();
    let only_rows: Vec<cache::Row<'_>> = rows.iter().map(|(_, r)| *r).collect();
    let encoded = cache::encode(root, &only_rows);
    let mut spans = vec![None; entries.len()];
    for ((i, _), span) in rows.iter().zip(&encoded.spans) {
        spans[*i] = Some(*span);
    }
    let (bytes, error) = match file {
        Some((file, data)) => {
            let (bytes, error) = cache::write(file, data, root, encoded);
            (bytes, error.map(|e| write_error(file, &e)))
        }
        None => (cache::in_memory(encoded), None),
    };
    (EntryDetails { bytes, spans }, error)
}

/// Where an entry's details come from.
enum Source {
    /// The store read on opening.
    Stored(Span),
    /// The brief was read: its details, encoded.
    Read(Vec<u8>),
    /// It did not load.
    None,
}

/// For each file found, the stored row that still describes it (same path,
/// size and time), by index. Both lists are in the walk's order, so one
/// pass over both matches them; a store in another order only misses.
fn match_stored(
    files: &[Found],
    keys: &[Option<String>],
    rows: &[CachedEntry],
) -> Vec<Option<usize>> {
    let mut next = 0;
    files
        .iter()
        .zip(keys)
        .map(|(f, key)| {
            let key = key.as_deref()?;
            while rows
                .get(next)
                .is_some_and(|r| cache::key_order(&r.path, key).is_lt())
            {
                next += 1;
            }
            let row = rows.get(next).filter(|r| r.path == key)?;
            let at = next;
            next += 1;
            f.stamp
                .as_ref()
                .is_ok_and(|s| *s == row.stamp)
                .then_some(at)
        })
        .collect()
}

fn write_error(file: &Path, e: &std::io::Error) -> String {
    format!(
        "could not write the library store {}: {}",
        display_path(file),
        sanitize_line(&e.to_string())
    )
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

/// Reads a brief for the list: its info and its encoded details.
fn parse(f: &Found, options: LoadOptions) -> Result<(BriefInfo, Vec<u8>), String> {
    let stamp = f
        .stamp
        .clone()
        .map_err(|why| format!("{}: {why}", display_path(&f.path)))?;
    let brief = load_path(&f.path, options).map_err(|e| e.to_string())?;
    let details = encode_details(&Details::from_brief(&brief));
    Ok((BriefInfo::from_brief(&brief, &stamp), details))
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
