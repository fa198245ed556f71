//! The persistent full-text index of one library folder, in
//! `<data>/index/<hash of the folder>/` (tantivy: BM25, phrase queries,
//! atomic commits, mmap). Without a data folder it lives in memory.
//!
//! An index that cannot be used (damaged, written by another version of
//! `brief` or for another folder) is removed and built again, with a
//! message saying so: it is never the only copy of anything. A commit is
//! atomic, so a process killed while indexing leaves the last committed
//! state, which the next open completes. One process at a time writes
//! (tantivy's lock file, released by the system when a process dies);
//! others read what was last committed.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};
use tantivy::index::SegmentId;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term};

use super::manifest::{Manifest, failure, read_manifest};
use super::schema::{Fields, INDEX_VERSION, register};
use crate::catalogue::FileStamp;
use crate::document::load::display_path;
use crate::document::sanitize::sanitize_line;
use crate::fsio::{make_private_dir, write_atomic};
use crate::hash::{folder_hash, hex};

/// The folder under the data folder that holds the indexes.
pub const INDEX_DIR: &str = "index";
/// The file beside tantivy's that says which version wrote the index and
/// for which folder.
const STAMP_FILE: &str = "brief-index";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{path}: cannot use the search index: {reason}")]
    Io { path: String, reason: String },
    /// Another process is writing the index.
    #[error("another brief is updating the search index")]
    Busy,
    #[error("the search index failed: {0}")]
    Engine(String),
}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Busy,
            other => IndexError::Engine(sanitize_line(&other.to_string())),
        }
    }
}

/// The segments a searcher sees, each with its deletes: what the manifest
/// read from it depends on, and nothing else.
type SegmentSet = BTreeMap<SegmentId, Option<u64>>;

/// The index of a library folder.
pub struct LibraryIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The folder as given: passages' paths are joined to it.
    pub dir: PathBuf,
    /// Its canonical path.
    pub root: PathBuf,
    /// Where the index is on disk (None: in memory).
    pub location: Option<PathBuf>,
    /// The manifest last read, and the segments it was read from: a
    /// reload that finds no new commit keeps it.
    manifest: Mutex<Option<(SegmentSet, Arc<Manifest>)>>,
}

/// An index opened, and why it was built anew if it was.
pub struct Opened {
    pub index: LibraryIndex,
    /// "the search index was damaged (…); it is being built again".
    pub rebuilt: Option<String>,
}

/// The index folder of a library (`root` canonical).
pub fn index_path(data_dir: &Path, root: &Path) -> PathBuf {
    data_dir.join(INDEX_DIR).join(hex(folder_hash(root)))
}

impl LibraryIndex {
    /// Opens the index of the library at `dir` (canonical `root`) in
    /// `data_dir`, creating it, or building it again when it cannot be
    /// used; in memory when there is no data folder. Fails with
    /// [`IndexError::Busy`] when it must be built again while another
    /// process writes it.
    pub fn open(data_dir: Option<&Path>, dir: &Path, root: &Path) -> Result<Opened, IndexError> {
        let Some(data_dir) = data_dir else {
            let index = create(None, dir, root)?;
            return Ok(Opened {
                index,
                rebuilt: None,
            });
        };
        let location = index_path(data_dir, root);
        if let Ok(index) = try_open(&location, dir, root) {
            return Ok(Opened {
                index,
                rebuilt: None,
            });
        }
        // Creating and removing are done under the folder's lock, and
        // looked at again once it is held: another process may have done
        // it meanwhile.
        let _folder = FolderLock::take(&location)?;
        let rebuilt = match try_open(&location, dir, root) {
            Ok(index) => {
                return Ok(Opened {
                    index,
                    rebuilt: None,
                });
            }
            Err(Unusable::Missing) => None,
            Err(Unusable::Because(why)) => {
                remove_unlocked(&location)?;
                Some(format!(
                    "the search index could not be used ({why}); it is being built again"
                ))
            }
        };
        let index = create(Some(&location), dir, root)?;
        Ok(Opened { index, rebuilt })
    }

    /// Removes the index of a library (for `brief index --rebuild`);
    /// [`IndexError::Busy`] while another process writes it.
    pub fn remove(data_dir: &Path, root: &Path) -> Result<(), IndexError> {
        let location = index_path(data_dir, root);
        let _folder = FolderLock::take(&location)?;
        if location.exists() {
            remove_unlocked(&location)?;
        }
        Ok(())
    }

    /// Every document of a brief, by its number.
    pub(crate) fn brief_query(&self, num: u64) -> tantivy::query::RangeQuery {
        let term = Term::from_field_u64(self.fields.num, num);
        tantivy::query::RangeQuery::new(
            std::ops::Bound::Included(term.clone()),
            std::ops::Bound::Included(term),
        )
    }

    /// Sees what was committed since (by this process or another).
    pub fn reload(&self) -> Result<(), IndexError> {
        Ok(self.reader.reload()?)
    }

    /// Every brief in the index as last seen.
    pub fn manifest(&self) -> Result<Arc<Manifest>, IndexError> {
        self.manifest_of(&self.reader.searcher())
    }

    /// Every brief in what a searcher sees (read again only when its
    /// segments or their deletes differ from the last one's).
    pub fn manifest_of(&self, searcher: &Searcher) -> Result<Arc<Manifest>, IndexError> {
        let segments: SegmentSet = searcher.generation().segments().clone();
        let mut cached = self
            .manifest
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((s, m)) = &*cached
            && *s == segments
        {
            return Ok(Arc::clone(m));
        }
        let manifest = Arc::new(read_manifest(searcher, &self.fields)?);
        *cached = Some((segments, Arc::clone(&manifest)));
        Ok(manifest)
    }

    /// Why each file recorded as failed could not be indexed, as recorded
    /// when it was tried (each names its file, sanitised). Once the index
    /// is up to date with the folder, these are files of the folder.
    pub fn failures(&self) -> Vec<String> {
        let searcher = self.reader.searcher();
        let Ok(manifest) = self.manifest_of(&searcher) else {
            return Vec::new();
        };
        let mut failed: Vec<String> = manifest
            .briefs
            .values()
            .filter(|b| b.failed)
            .filter_map(|b| failure(&searcher, &self.fields, b.doc))
            .collect();
        failed.sort();
        failed
    }

    /// Number of briefs and blocks in the index as last seen.
    pub fn counts(&self) -> (usize, usize) {
        let searcher = self.reader.searcher();
        let briefs = self.manifest_of(&searcher).map_or(0, |m| m.briefs.len());
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        (briefs, docs.saturating_sub(briefs))
    }

    /// When the index was last committed, as local time (None in memory).
    pub fn last_update(&self) -> Option<String> {
        let meta = fs::metadata(self.location.as_ref()?.join("meta.json")).ok()?;
        let stamp = FileStamp::of(&meta);
        let time = jiff::Timestamp::from_second(stamp.secs).ok()?;
        let zoned = time.to_zoned_datetime(jiff::tz::TimeZone::system());
        Some(zoned.strftime("%Y-%m-%d %H:%M:%S").to_string())
    }

    /// Bytes the index takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        let Some(location) = &self.location else {
            return 0;
        };
        fs::read_dir(location)
            .map(|dir| {
                dir.flatten()
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

enum Unusable {
    Missing,
    Because(String),
}

fn io_error(path: &Path, e: &io::Error) -> IndexError {
    IndexError::Io {
        path: display_path(path),
        reason: sanitize_line(&e.to_string()),
    }
}

/// Held while an index folder is created or removed: a file beside the
/// folder (it outlives it), locked by the system, so a process that dies
/// holding it lets go.
struct FolderLock(#[allow(dead_code)] fs::File);

impl FolderLock {
    fn take(location: &Path) -> Result<FolderLock, IndexError> {
        let path = location.with_extension("lock");
        if let Some(parent) = path.parent() {
            make_private_dir(parent).map_err(|e| io_error(parent, &e))?;
        }
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| io_error(&path, &e))?;
        // Creating or removing takes moments: wait for it.
        file.lock().map_err(|e| io_error(&path, &e))?;
        Ok(FolderLock(file))
    }
}

/// Removes an index folder (the folder lock held), once no process writes
/// it: [`IndexError::Busy`] while one does.
fn remove_unlocked(location: &Path) -> Result<(), IndexError> {
    let writing = MmapDirectory::open(location)
        .ok()
        .map(|d| d.acquire_lock(&INDEX_WRITER_LOCK))
        .transpose();
    let _writer = match writing {
        Ok(lock) => lock,
        Err(LockError::LockBusy) => return Err(IndexError::Busy),
        // A folder too damaged to lock is nobody's to write.
        Err(LockError::IoError(_)) => None,
    };
    fs::remove_dir_all(location).map_err(|e| io_error(location, &e))
}

/// The stamp file's text for a library.
fn stamp_text(root: &Path) -> String {
    format!(
        "brief search index {INDEX_VERSION}\n{}\n",
        root.to_string_lossy()
    )
}

fn try_open(location: &Path, dir: &Path, root: &Path) -> Result<LibraryIndex, Unusable> {
    let stamp = match fs::read_to_string(location.join(STAMP_FILE)) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::NotFound && !location.exists() => {
            return Err(Unusable::Missing);
        }
        Err(e) => return Err(Unusable::Because(format!("no version mark: {e}"))),
    };
    if stamp != stamp_text(root) {
        let why = match stamp.lines().next() {
            Some(l) if l != stamp_text(root).lines().next().unwrap_or_default() => {
                format!("written as \"{}\"", sanitize_line(l))
            }
            _ => "the index of another folder".to_owned(),
        };
        return Err(Unusable::Because(why));
    }
    // A damaged index may make tantivy panic rather than fail: either way
    // it is built again.
    let opened = std::panic::catch_unwind(|| -> Result<LibraryIndex, String> {
        let index = Index::open_in_dir(location).map_err(|e| e.to_string())?;
        let fields = Fields::of(&index).ok_or("another schema")?;
        let index = ready(index, fields, Some(location), dir, root).map_err(|e| e.to_string())?;
        index.manifest().map_err(|e| e.to_string())?;
        Ok(index)
    });
    match opened {
        Ok(Ok(index)) => Ok(index),
        Ok(Err(why)) => Err(Unusable::Because(sanitize_line(&why))),
        Err(_) => Err(Unusable::Because("damaged".to_owned())),
    }
}

fn create(location: Option<&Path>, dir: &Path, root: &Path) -> Result<LibraryIndex, IndexError> {
    let (schema, fields) = Fields::schema();
    let index = match location {
        None => Index::create_in_ram(schema),
        Some(location) => {
            make_private_dir(location).map_err(|e| io_error(location, &e))?;
            let index = Index::create_in_dir(location, schema)?;
            let stamp = location.join(STAMP_FILE);
            write_atomic(&stamp, stamp_text(root).as_bytes()).map_err(|e| io_error(&stamp, &e))?;
            index
        }
    };
    ready(index, fields, location, dir, root)
}

fn ready(
    index: Index,
    fields: Fields,
    location: Option<&Path>,
    dir: &Path,
    root: &Path,
) -> Result<LibraryIndex, IndexError> {
    register(&index);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(LibraryIndex {
        index,
        reader,
        fields,
        dir: dir.to_path_buf(),
        root: root.to_path_buf(),
        location: location.map(Path::to_path_buf),
        manifest: Mutex::new(None),
    })
}
