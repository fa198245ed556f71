//! Finding the briefs under a folder.
//!
//! - `.md`, `.markdown`, `.txt` and `.docx` files (any case), recursively; names starting
//!   with `.` (hidden folders and files) are skipped.
//! - A symlinked folder is followed only when it resolves inside the
//!   library, and every folder is visited once (by device and inode), so a
//!   link to `/` or a link loop cannot send the scan across the disk.
//! - A symlinked file is followed wherever it points: collecting briefs by
//!   linking them into a folder is a common habit, and reading one file is
//!   bounded by the load checks. A dangling link is listed with its reason.
//! - A folder that cannot be read is reported and skipped.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::info::FileStamp;
use crate::document::load::display_path;
use crate::document::sanitize::sanitize_line;

/// Folders deeper than this are not entered: real libraries are shallow,
/// and the limit bounds the walk on pathological trees.
const MAX_DEPTH: usize = 64;

/// A markdown file found by the walk.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub path: PathBuf,
    /// The path under the root.
    pub relative: PathBuf,
    /// The file's size and time, or why it could not be read.
    pub stamp: Result<FileStamp, String>,
    /// True when a symlink is on the way from the root.
    pub via_link: bool,
}

/// What the walk found: the files, sorted by relative path, and the
/// folders it could not read.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub files: Vec<Found>,
    pub problems: Vec<String>,
}

/// The extensions the library lists: markdown, plain text, Word and web
/// pages.
const BRIEF_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "docx", "html", "htm"];

/// True for the file names the library lists (markdown and the other
/// formats `document::formats` reads).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| BRIEF_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

struct Dir {
    path: PathBuf,
    relative: PathBuf,
    via_link: bool,
    depth: usize,
}

/// Walks `root` (already canonical).
pub(crate) fn walk(root: &Path) -> Walk {
    let mut out = Walk::default();
    let mut visited = HashSet::new();
    if let Ok(meta) = fs::metadata(root) {
        visited.insert(dir_key(root, &meta));
    }
    let mut stack = vec![Dir {
        path: root.to_path_buf(),
        relative: PathBuf::new(),
        via_link: false,
        depth: 0,
    }];
    let mut seen_files = HashSet::new();
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir.path) {
            Ok(entries) => entries,
            Err(e) => {
                out.problems.push(format!(
                    "{}: folder skipped: {}",
                    display_path(&dir.path),
                    sanitize_line(&e.to_string())
                ));
                continue;
            }
        };
        let entries: Vec<(fs::DirEntry, bool)> = entries
            .flatten()
            .filter(|e| e.file_name().as_encoded_bytes().first() != Some(&b'.'))
            .filter_map(|e| {
                let kind = e.file_type().ok()?;
                let wanted = !kind.is_file() || is_markdown(Path::new(&e.file_name()));
                wanted.then_some((e, kind.is_symlink()))
            })
            .collect();
        for ((entry, link), meta) in entries.iter().zip(stat_all(&entries)) {
            let name = entry.file_name();
            let path = entry.path();
            let relative = dir.relative.join(&name);
            let link = *link;
            match &meta {
                Ok(m) if m.is_dir() => {
                    if dir.depth + 1 >= MAX_DEPTH
                        || (link && !inside(root, &path))
                        || !visited.insert(dir_key(&path, m))
                    {
                        continue;
                    }
                    stack.push(Dir {
                        path,
                        relative,
                        via_link: dir.via_link || link,
                        depth: dir.depth + 1,
                    });
                }
                _ if !is_markdown(&path) => {}
                Ok(m) => {
                    // The same file reached twice (a link to a brief that is
                    // also in the tree) is listed once.
                    if seen_files.insert(file_key(&path, m)) {
                        out.files.push(Found {
                            path,
                            relative,
                            stamp: Ok(FileStamp::of(m)),
                            via_link: dir.via_link || link,
                        });
                    }
                }
                Err(e) => out.files.push(Found {
                    stamp: Err(if link {
                        "the link points to nothing (dangling symlink)".to_owned()
                    } else {
                        sanitize_line(&e.to_string())
                    }),
                    path,
                    relative,
                    via_link: dir.via_link || link,
                }),
            }
        }
    }
    out.files
        .sort_unstable_by(|a, b| path_order(&a.relative, &b.relative));
    out
}

/// The order of paths by their components (as `Path::cmp`), without
/// splitting them: bytes compared with the separator lowest.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let key = |c: &u8| {
        if std::path::is_separator(char::from(*c)) {
            0
        } else {
            *c
        }
    };
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    // Only the first byte that differs needs mapping.
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => key(&a[i]).cmp(&key(&b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// Entries of one folder from which their metadata is read on two threads.
const PARALLEL_STATS: usize = 512;

/// The metadata of each entry, following links. A stat costs about a
/// microsecond and `brief search` checks every brief's before it answers,
/// so a big folder's are read on two threads.
fn stat_all(entries: &[(fs::DirEntry, bool)]) -> Vec<std::io::Result<fs::Metadata>> {
    let stat = |(entry, link): &(fs::DirEntry, bool)| {
        if *link {
            fs::metadata(entry.path())
        } else {
            // Asks the folder: spares looking the whole path up again.
            entry.metadata()
        }
    };
    if entries.len() < PARALLEL_STATS {
        return entries.iter().map(stat).collect();
    }
    let (first, second) = entries.split_at(entries.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| second.iter().map(stat).collect::<Vec<_>>());
        let mut out: Vec<_> = first.iter().map(stat).collect();
        match other.join() {
            Ok(rest) => out.extend(rest),
            Err(_) => out.extend(second.iter().map(stat)),
        }
        out
    })
}

/// True when a linked folder resolves inside the library.
fn inside(root: &Path, path: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|p| p.starts_with(root))
}

#[cfg(unix)]
fn dir_key(_path: &Path, meta: &fs::Metadata) -> (u64, u64, PathBuf) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), PathBuf::new())
}

#[cfg(not(unix))]
fn dir_key(path: &Path, _meta: &fs::Metadata) -> (u64, u64, PathBuf) {
    (
        0,
        0,
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    )
}

fn file_key(path: &Path, meta: &fs::Metadata) -> (u64, u64, PathBuf) {
    dir_key(path, meta)
}
