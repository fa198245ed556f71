//! The library's store: what the list shows about every brief of a
//! library, kept in `<data>/library/cache-<hash of the library path>.bin`
//! so that opening the library again reads no brief that did not change.
//!
//! An entry is reused when the file's size and modification time (to the
//! nanosecond) are what they were. The file is written atomically; one that
//! does not parse, fails its checksum, or belongs to another version or
//! folder, is ignored and rebuilt: the store is never the only copy of
//! anything.
//!
//! The file is binary ([postcard], a compact and stable serde format), in
//! two sections so that a warm open of 100,000 briefs decodes only what
//! the list needs:
//!
//! ```text
//! "brieflib"  version u32  rows length u64  rows checksum u64   (little endian)
//! rows:    the library root, then per brief (in the walk's order): its
//!          path, size and time, BriefInfo, and where its details are
//! details: per brief, its summary, outline and warnings (Details)
//! ```
//!
//! The rows are read and decoded; the details section is mapped into
//! memory and one brief's details are decoded when the preview shows them,
//! so the details of briefs never selected are never read into memory.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::details::{DetailBytes, Span, map_section};
use super::info::{BriefInfo, FileStamp};
use crate::fsio::{make_private_dir, write_atomic};
use crate::hash::{data_hash, folder_hash};

/// Bumped whenever the file's layout, [`BriefInfo`], [`super::Details`] or the
/// way they are computed changes.
pub const CACHE_VERSION: u32 = 4;
/// The folder under the data folder that holds library stores.
pub const LIBRARY_DIR: &str = "library";

const MAGIC: &[u8; 8] = b"brieflib";
/// Magic, version, length and checksum of the rows.
const HEADER: usize = 8 + 4 + 8 + 8;

/// How the store was found when the library was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheStatus {
    /// No data folder was given: nothing read or written.
    Off,
    /// No store yet for this folder.
    Missing,
    /// The store was read.
    Loaded,
    /// The store could not be used (damaged, another version, another
    /// folder); it was ignored and is rebuilt.
    Ignored(String),
}

/// One brief as the store keeps it.
#[derive(Debug, Deserialize)]
pub(crate) struct CachedEntry {
    /// The path under the library root, `/`-separated.
    pub path: String,
    pub stamp: FileStamp,
    pub info: BriefInfo,
    pub details: Span,
}

/// [`CachedEntry`] as written, borrowing what it writes.
#[derive(Serialize)]
struct EntryOut<'a> {
    path: &'a str,
    stamp: FileStamp,
    info: &'a BriefInfo,
    details: Span,
}

#[derive(Deserialize)]
struct RowsIn {
    /// The library's canonical path: two folders never share a store even
    /// if their hashes collide.
    root: String,
    entries: Vec<CachedEntry>,
}

#[derive(Serialize)]
struct RowsOut<'a> {
    root: &'a str,
    entries: Vec<EntryOut<'a>>,
}

/// What a store holds: its rows in the order written, and its details.
#[derive(Debug, Default)]
pub(crate) struct Stored {
    pub entries: Vec<CachedEntry>,
    pub details: DetailBytes,
}

/// The store file of a library folder (`root` canonical).
pub fn cache_path(data_dir: &Path, root: &Path) -> PathBuf {
    named(data_dir, root, "bin")
}

fn named(data_dir: &Path, root: &Path, extension: &str) -> PathBuf {
    let hash = folder_hash(root);
    data_dir
        .join(LIBRARY_DIR)
        .join(format!("cache-{hash:016x}.{extension}"))
}

/// Reads the store of `root`, and how it was found.
pub(crate) fn read(file: &Path, root: &Path) -> (Stored, CacheStatus) {
    match try_read(file, root) {
        Ok(stored) => (stored, CacheStatus::Loaded),
        Err(Unusable::Missing) => (Stored::default(), CacheStatus::Missing),
        Err(Unusable::Why(why)) => (Stored::default(), CacheStatus::Ignored(why)),
    }
}

enum Unusable {
    Missing,
    Why(String),
}

impl From<io::Error> for Unusable {
    fn from(e: io::Error) -> Unusable {
        match e.kind() {
            io::ErrorKind::NotFound => Unusable::Missing,
            io::ErrorKind::UnexpectedEof => Unusable::Why("damaged: cut short".to_owned()),
            _ => Unusable::Why(e.to_string()),
        }
    }
}

fn try_read(file: &Path, root: &Path) -> Result<Stored, Unusable> {
    let mut f = File::open(file)?;
    let mut header = [0u8; HEADER];
    f.read_exact(&mut header)?;
    let damaged = |what: &str| Unusable::Why(format!("damaged: {what}"));
    if &header[..8] != MAGIC {
        return Err(damaged("not a library store"));
    }
    let word = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap_or_default());
    let version = u32::from_le_bytes(header[8..12].try_into().unwrap_or_default());
    if version != CACHE_VERSION {
        return Err(Unusable::Why(format!("written by store version {version}")));
    }
    let (rows_len, checksum) = (word(12), word(20));
    let total = f.metadata()?.len();
    if rows_len > total.saturating_sub(HEADER as u64) {
        return Err(damaged("cut short"));
    }
    let rows_len = usize::try_from(rows_len).map_err(|_| damaged("too large"))?;
    let mut rows = vec![0u8; rows_len];
    f.read_exact(&mut rows)?;
    if data_hash(&rows) != checksum {
        return Err(damaged("checksum mismatch"));
    }
    let parsed: RowsIn = postcard::from_bytes(&rows).map_err(|e| damaged(&e.to_string()))?;
    drop(rows);
    if parsed.root != root.to_string_lossy() {
        return Err(Unusable::Why("the store of another folder".to_owned()));
    }
    Ok(Stored {
        entries: parsed.entries,
        details: map_section(f, HEADER + rows_len)?,
    })
}

/// One brief to write: its path under the root, stamp, info and encoded
/// details.
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    pub path: &'a str,
    pub stamp: FileStamp,
    pub info: &'a BriefInfo,
    pub details: &'a [u8],
}

/// A store as written: the file's bytes, and where in it the details
/// section starts.
pub(crate) struct Encoded {
    pub bytes: Vec<u8>,
    pub details_start: usize,
    /// Each row's details, in the order given.
    pub spans: Vec<Span>,
}

/// Lays out a store of `rows`.
pub(crate) fn encode(root: &Path, rows: &[Row<'_>]) -> Encoded {
    let mut section = Vec::new();
    let mut spans = Vec::with_capacity(rows.len());
    for row in rows {
        spans.push(Span {
            at: section.len() as u64,
            len: u32::try_from(row.details.len()).unwrap_or(0),
        });
        if u32::try_from(row.details.len()).is_ok() {
            section.extend_from_slice(row.details);
        }
    }
    let root = root.to_string_lossy();
    let out = RowsOut {
        root: &root,
        entries: rows
            .iter()
            .zip(&spans)
            .map(|(r, &details)| EntryOut {
                path: r.path,
                stamp: r.stamp,
                info: r.info,
                details,
            })
            .collect(),
    };
    let encoded_rows = postcard::to_allocvec(&out).unwrap_or_default();
    let mut bytes = Vec::with_capacity(HEADER + encoded_rows.len() + section.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&CACHE_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(encoded_rows.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&data_hash(&encoded_rows).to_le_bytes());
    bytes.extend_from_slice(&encoded_rows);
    let details_start = bytes.len();
    bytes.extend_from_slice(&section);
    Encoded {
        bytes,
        details_start,
        spans,
    }
}

/// Writes a store atomically, creating its folder, and returns its details
/// section: the written file mapped, or, should that fail, the bytes (with
/// why the file could not be written). The JSON cache of earlier versions
/// is removed.
pub(crate) fn write(
    file: &Path,
    data_dir: &Path,
    root: &Path,
    encoded: Encoded,
) -> (DetailBytes, Option<io::Error>) {
    let written = match file.parent() {
        Some(dir) => make_private_dir(dir),
        None => Ok(()),
    }
    .and_then(|()| write_atomic(file, &encoded.bytes));
    if let Err(e) = written {
        return (in_memory(encoded), Some(e));
    }
    let _ = fs::remove_file(named(data_dir, root, "json"));
    match File::open(file).and_then(|f| map_section(f, encoded.details_start)) {
        Ok(mapped) => (mapped, None),
        Err(_) => (in_memory(encoded), None),
    }
}

/// The details section of a store laid out but not written (or not
/// readable back), kept in memory.
pub(crate) fn in_memory(encoded: Encoded) -> DetailBytes {
    let mut bytes = encoded.bytes;
    bytes.drain(..encoded.details_start);
    DetailBytes::owned(bytes)
}

/// The store key of a relative path: `/`-separated, None when it is not
/// UTF-8 (such files are simply read each time).
pub(crate) fn key(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    parts.map(|p| p.join("/"))
}

/// The order of store keys: the walk's order ([`super::walk`] sorts by
/// path components), so that a store written in that order is matched to
/// a walk by one pass over both.
pub(crate) fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |c: &u8| if *c == b'/' { 0 } else { *c };
    a.as_bytes()
        .iter()
        .map(rank)
        .cmp(b.as_bytes().iter().map(rank))
}

#[cfg(test)]
mod tests {
    use super::super::details::encode_details;
    use super::super::info::{Details, OutlineItem};
    use super::*;

    #[cfg(unix)]
    #[test]
    fn store_file_name_is_pinned() {
        // A warm open finds the store an earlier run wrote by this name.
        let path = cache_path(Path::new("/d"), Path::new("/lib"));
        assert_eq!(path, Path::new("/d/library/cache-c79a259c7572b95d.bin"));
    }

    fn info(title: &str) -> BriefInfo {
        BriefInfo {
            title: title.to_owned(),
            date: "2024-05-01".to_owned(),
            date_from_file: false,
            author: Some("Unit 4".to_owned()),
            classification: None,
            tags: vec!["food".to_owned()],
            sections: 2,
            words: 120,
            reading_minutes: 1,
            content_hash: "00000000deadbeef".to_owned(),
        }
    }

    fn details(summary: &str) -> Details {
        Details {
            summary: summary.to_owned(),
            outline: vec![OutlineItem {
                title: "Background".to_owned(),
                level: 2,
                depth: 0,
                blocks: 3,
            }],
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_store_round_trips_rows_and_details() {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new("/lib");
        let file = cache_path(dir.path(), root);
        let (a, b) = (info("Alpha"), info("Beta"));
        let (da, db) = (
            encode_details(&details("one")),
            encode_details(&details("two")),
        );
        let stamp = FileStamp {
            size: 10,
            secs: 1_700_000_000,
            nanos: 5,
        };
        let rows = [
            Row {
                path: "a.md",
                stamp,
                info: &a,
                details: &da,
            },
            Row {
                path: "sub/b.md",
                stamp,
                info: &b,
                details: &db,
            },
        ];
        let encoded = encode(root, &rows);
        let spans = encoded.spans.clone();
        let (written, error) = write(&file, dir.path(), root, encoded);
        assert!(error.is_none(), "{error:?}");
        assert_eq!(written.get(spans[1]), Some(details("two")));

        let (stored, status) = read(&file, root);
        assert_eq!(status, CacheStatus::Loaded);
        let got: Vec<(&str, &BriefInfo, FileStamp)> = stored
            .entries
            .iter()
            .map(|e| (e.path.as_str(), &e.info, e.stamp))
            .collect();
        assert_eq!(got, [("a.md", &a, stamp), ("sub/b.md", &b, stamp)]);
        let summaries: Vec<Option<String>> = stored
            .entries
            .iter()
            .map(|e| stored.details.get(e.details).map(|d| d.summary))
            .collect();
        assert_eq!(summaries, [Some("one".to_owned()), Some("two".to_owned())]);
        // Another folder's store is not used.
        let (_, other) = read(&file, Path::new("/elsewhere"));
        assert!(matches!(other, CacheStatus::Ignored(_)), "{other:?}");
    }

    #[test]
    fn damaged_and_foreign_stores_are_ignored_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new("/lib");
        let file = cache_path(dir.path(), root);
        let a = info("Alpha");
        let d = encode_details(&details("one"));
        let row = Row {
            path: "a.md",
            stamp: FileStamp::default(),
            info: &a,
            details: &d,
        };
        let good = encode(root, &[row]).bytes;
        let mut flipped = good.clone();
        flipped[HEADER + 10] ^= 0x20;
        let mut other_version = good.clone();
        other_version[8] = 99;
        let cases: [(&str, &[u8]); 5] = [
            ("cut short", &good[..good.len() / 2]),
            ("checksum", &flipped),
            ("version 99", &other_version),
            ("not a library store", b"{\"version\": 2, \"entries\": []}"),
            ("cut short", b""),
        ];
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        for (why, bytes) in cases {
            fs::write(&file, bytes).unwrap();
            let (stored, status) = read(&file, root);
            assert!(stored.entries.is_empty());
            match status {
                CacheStatus::Ignored(said) => assert!(said.contains(why), "{why}: {said}"),
                other => panic!("{why}: {other:?}"),
            }
        }
    }

    #[test]
    fn key_order_is_the_walks_order() {
        let mut keys = ["a.md", "a/b.md", "a-b.md", "ab.md"];
        keys.sort_by(|a, b| key_order(a, b));
        let mut paths: Vec<PathBuf> = keys.iter().map(PathBuf::from).collect();
        paths.sort();
        let from_paths: Vec<String> = paths.iter().filter_map(|p| key(p)).collect();
        assert_eq!(keys.to_vec(), from_paths);
    }
}
