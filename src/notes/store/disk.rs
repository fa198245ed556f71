//! The notes folder on disk: reading files, locks, atomic writes, stale
//! temp files, and the file name each brief's notes live under.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;

use serde::Deserialize;

use super::error::{StoreError, io_err, shown};
use super::format::{Parsed, Refusal, parse_notes};
use super::{Header, LOCK_WAIT, NotesFile};
use crate::fsio::{canonical, parent_dir, sync_dir};
use crate::hash::fnv1a;

/// The file's bytes, or None when there is no file.
pub(super) fn read_disk(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err("read", path, e)),
    }
}

pub(super) fn read_listed(path: PathBuf) -> Result<(PathBuf, NotesFile), StoreError> {
    let bytes = fs::read(&path).map_err(|e| io_err("read", &path, e))?;
    match parse_notes(&bytes) {
        Parsed::Current(file) => Ok((path, file)),
        Parsed::Refused(Refusal::Newer(version), _) => Err(StoreError::Newer {
            path: shown(&path),
            version,
            copy: String::new(),
        }),
        Parsed::Refused(
            Refusal::Damaged {
                line,
                column,
                message,
            },
            _,
        ) => Err(StoreError::Corrupt {
            path: shown(&path),
            line,
            column,
            message,
            copy: String::new(),
        }),
    }
}

/// The header of a notes file, read from the lines before its first table
/// so that looking through many files stays cheap.
pub(crate) fn read_header(path: &Path) -> Option<Header> {
    #[derive(Deserialize)]
    struct Recorded {
        #[serde(default)]
        path: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        fingerprint: String,
        #[serde(default)]
        id: String,
        #[serde(default)]
        paths: Vec<String>,
        #[serde(default)]
        sections: Vec<String>,
        #[serde(default)]
        blocks: String,
    }
    let text = fs::read_to_string(path).ok()?;
    let end = text.find("\n[").map_or(text.len(), |i| i + 1);
    let r: Recorded = toml::from_str(&text[..end]).ok()?;
    Some(Header {
        path: r.path,
        title: r.title,
        fingerprint: r.fingerprint,
        id: r.id,
        paths: r.paths,
        sections: r.sections,
        blocks: r.blocks,
        ..Header::default()
    })
}

/// Renames the notes file of a moved brief to the brief's new name. Both
/// names are locked, and an existing file is never replaced. Returns
/// whether the file was moved.
pub(super) fn adopt(from: &Path, to: &Path) -> Result<bool, StoreError> {
    let mut locks = [lock_path(from), lock_path(to)];
    locks.sort();
    let _first = Lock::acquire(&locks[0])?;
    let _second = Lock::acquire(&locks[1])?;
    if !matches!(to.try_exists(), Ok(false)) || !matches!(from.try_exists(), Ok(true)) {
        return Ok(false);
    }
    // A hard link cannot replace a file; fall back to a rename where links
    // are not supported (we hold the new name's lock and it is free).
    match fs::hard_link(from, to) {
        // Should the old name stay, it holds the same notes: nothing is lost.
        Ok(()) => _ = fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(_) => fs::rename(from, to).map_err(|e| io_err("move", from, e))?,
    }
    // The move is done; the next save syncs the folder again. The old
    // name's lock file guards nothing now: it goes too, so none is left
    // behind beside notes that moved. A saver already waiting on it sees
    // that its lock is on a removed file and takes the lock afresh
    // (`Lock::acquire`), so two savers never hold "the" lock at once.
    let _ = sync_dir(parent_dir(to));
    let _ = fs::remove_file(lock_path(from));
    Ok(true)
}

/// An exclusive advisory lock on `<file>.lock`, held until dropped. The
/// lock file normally stays: only `adopt` removes one, and a lock taken on
/// a file that was removed meanwhile is not kept (see `still_named`).
pub(super) struct Lock {
    _file: File,
}

impl Lock {
    pub(super) fn acquire(path: &Path) -> Result<Lock, StoreError> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        options.mode(0o600);
        let open = || options.open(path).map_err(|e| io_err("lock", path, e));
        let mut file = open()?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) if still_named(&file, path) => return Ok(Lock { _file: file }),
                // Removed while we waited: another saver may already hold a
                // lock on the file now under that name. Lock that one.
                Ok(()) => file = open()?,
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    let secs = LOCK_WAIT.as_secs();
                    return Err(StoreError::Locked {
                        path: shown(path),
                        secs,
                    });
                }
                // Some network file systems have no locks: merge still runs.
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Lock { _file: file });
                }
                Err(fs::TryLockError::Error(e)) => return Err(io_err("lock", path, e)),
            }
        }
    }
}

/// Whether `path` still names the open `file` (the same inode).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Elsewhere a lock file is not removed while open, so the name holds.
#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> bool {
    true
}

pub(super) fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

pub(super) fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    crate::fsio::write_atomic(target, bytes).map_err(|e| io_err("save", target, e))
}

pub(super) fn make_private_dir(dir: &Path) -> Result<(), StoreError> {
    crate::fsio::make_private_dir(dir).map_err(|e| io_err("create the folder", dir, e))
}

/// A notes file kept elsewhere through a symlink is written where it is,
/// not replaced by a plain file.
pub(super) fn write_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// `<slug of the stem>-<8 hex of the path's hash>.toml`, or
/// `stdin-<8 of the fingerprint>.toml` for a brief read from stdin.
pub fn file_name_for(brief_path: Option<&Path>, fingerprint: &str) -> String {
    match brief_path {
        Some(path) => {
            let path = canonical(path);
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let hash = fnv1a(path.as_os_str().as_encoded_bytes());
            format!("{}-{:08x}.toml", slug(&stem), hash >> 32)
        }
        None => {
            let key: String = fingerprint
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(8)
                .collect();
            let key = if key.is_empty() {
                "unknown".to_owned()
            } else {
                key.to_lowercase()
            };
            format!("stdin-{key}.toml")
        }
    }
}

/// Lowercase ASCII letters and digits, runs of anything else as one `-`.
pub fn slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "brief".to_owned()
    } else {
        out.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_ascii_words() {
        assert_eq!(
            slug("Grain Corridor: Options (v2)"),
            "grain-corridor-options-v2"
        );
        assert_eq!(slug("\u{1b}]0;x\u{7}"), "0-x");
        assert_eq!(slug("گزارش"), "brief");
    }

    #[test]
    fn temp_names_carry_the_pid() {
        assert_eq!(
            crate::fsio::temp_pid("a-12345678.toml.tmp-4242-7"),
            Some(4242)
        );
        assert_eq!(crate::fsio::temp_pid("a-12345678.toml"), None);
        assert_eq!(crate::fsio::temp_pid("a.toml.tmp-x-1"), None);
    }

    /// A saver that waited on a lock file `adopt` then removed must not
    /// keep a lock nobody else can see: it locks the file now named so.
    #[cfg(unix)]
    #[test]
    fn a_lock_on_a_removed_lock_file_is_taken_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.toml.lock");
        let held = Lock::acquire(&path).expect("first lock");
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let lock = Lock::acquire(&path).expect("second lock");
                let other = OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&path)
                    .expect("open the lock file");
                // While the waiter holds its lock, nobody else may take it.
                let free = other.try_lock().is_ok();
                drop(lock);
                free
            })
        };
        // Let the waiter open the file and start waiting on it.
        std::thread::sleep(Duration::from_millis(200));
        fs::remove_file(&path).expect("remove the lock file");
        drop(held);
        let free = waiter.join().expect("waiter");
        assert!(!free, "two savers held the lock at once");
    }

    #[cfg(unix)]
    #[test]
    fn file_name_is_pinned() {
        // Notes files already on disk are found by this name.
        let brief = Path::new("/nonexistent/x/Grain Corridor.md");
        assert_eq!(
            file_name_for(Some(brief), ""),
            "grain-corridor-f586c5d5.toml"
        );
    }

    #[test]
    fn stdin_file_is_keyed_by_fingerprint() {
        assert_eq!(
            file_name_for(None, "0123456789abcdef"),
            "stdin-01234567.toml"
        );
    }
}
