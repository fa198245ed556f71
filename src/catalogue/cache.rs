//! The metadata cache: what the list shows about every brief of a library,
//! kept in `<data>/library/cache-<hash of the library path>.json` so that
//! opening the library again reads no brief that did not change.
//!
//! An entry is reused when the file's size and modification time (to the
//! nanosecond) are what they were. The file is written atomically; one that
//! does not parse, or belongs to another version or folder, is ignored and
//! rebuilt: the cache is never the only copy of anything.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::info::{BriefInfo, FileStamp};
use crate::fsio::{make_private_dir, write_atomic};

/// Bumped whenever [`BriefInfo`] or the way it is computed changes.
pub const CACHE_VERSION: u32 = 2;
/// The folder under the data folder that holds library caches.
pub const LIBRARY_DIR: &str = "library";

/// How the cache was found when the library was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheStatus {
    /// No data folder was given: nothing read or written.
    Off,
    /// No cache yet for this folder.
    Missing,
    /// The cache was read.
    Loaded,
    /// The cache could not be used (damaged, another version, another
    /// folder); it was ignored and is rebuilt.
    Ignored(String),
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    /// The library's canonical path: two folders never share a cache even
    /// if their hashes collide.
    root: String,
    entries: Vec<CachedEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct CachedEntry {
    /// The path under the library root, `/`-separated.
    pub path: String,
    pub stamp: FileStamp,
    pub info: BriefInfo,
}

/// The cache file of a library folder (`root` canonical).
pub fn cache_path(data_dir: &Path, root: &Path) -> PathBuf {
    let hash = crate::hash::folder_hash(root);
    data_dir
        .join(LIBRARY_DIR)
        .join(format!("cache-{hash:016x}.json"))
}

/// The cached entries by relative path, and how the cache was found.
pub(crate) fn read(file: &Path, root: &Path) -> (HashMap<String, CachedEntry>, CacheStatus) {
    let bytes = match fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return (HashMap::new(), CacheStatus::Missing);
        }
        Err(e) => return (HashMap::new(), CacheStatus::Ignored(e.to_string())),
    };
    let parsed: CacheFile = match serde_json::from_slice(&bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            return (
                HashMap::new(),
                CacheStatus::Ignored(format!("damaged: {e}")),
            );
        }
    };
    if parsed.version != CACHE_VERSION {
        let why = format!("written by cache version {}", parsed.version);
        return (HashMap::new(), CacheStatus::Ignored(why));
    }
    if parsed.root != root.to_string_lossy() {
        return (
            HashMap::new(),
            CacheStatus::Ignored("the cache of another folder".to_owned()),
        );
    }
    let entries = parsed
        .entries
        .into_iter()
        .map(|e| (e.path.clone(), e))
        .collect();
    (entries, CacheStatus::Loaded)
}

/// Writes the cache atomically, creating its folder.
pub(crate) fn write(file: &Path, root: &Path, entries: Vec<CachedEntry>) -> io::Result<()> {
    if let Some(dir) = file.parent() {
        make_private_dir(dir)?;
    }
    let cache = CacheFile {
        version: CACHE_VERSION,
        root: root.to_string_lossy().into_owned(),
        entries,
    };
    let bytes = serde_json::to_vec(&cache).map_err(io::Error::other)?;
    write_atomic(file, &bytes)
}

/// The cache key of a relative path: `/`-separated, None when it is not
/// UTF-8 (such files are simply read each time).
pub(crate) fn key(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    parts.map(|p| p.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn cache_file_name_is_pinned() {
        // A warm open finds the cache an earlier version wrote by this name.
        let path = cache_path(Path::new("/d"), Path::new("/lib"));
        assert_eq!(path, Path::new("/d/library/cache-c79a259c7572b95d.json"));
    }
}
