//! What can go wrong with a notes file, said so that the reader knows what
//! to do next.

use std::io;
use std::path::Path;

use super::FORMAT_VERSION;
use crate::document::sanitize::sanitize_line;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not {action} {path}: {reason}; {hint}")]
    Io {
        action: &'static str,
        path: String,
        reason: String,
        hint: &'static str,
        /// Not a `#[source]`: the message already says it, sanitised.
        cause: io::Error,
    },
    #[error(
        "notes file {path} is damaged{}: {message}. Its notes are read-only and brief will not \
         write to it; fix or remove it{copy}",
        position(*.line, *.column)
    )]
    Corrupt {
        path: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
        /// "; a copy is kept at ..." or why no copy could be made.
        copy: String,
    },
    #[error(
        "notes file {path} was written by a newer brief (format version {version}; this brief \
         reads version {FORMAT_VERSION}). Its notes are read-only and brief will not write to it; \
         update brief to edit them{copy}"
    )]
    Newer {
        path: String,
        version: u32,
        copy: String,
    },
    #[error(
        "notes file {path} cannot be read ({reason}), so brief will not write to it: fix its \
         permissions (or move what is in its place) and open the brief again. Notes written \
         meanwhile stay in memory only; export them to keep them"
    )]
    Unreadable { path: String, reason: String },
    #[error("notes not saved, they are read-only: {why}")]
    ReadOnly { why: String },
    #[error(
        "another brief has been saving {path} for {secs} s; try again, or export the notes \
         elsewhere (they are still in memory)"
    )]
    Locked { path: String, secs: u64 },
    #[error("could not write the notes for {path} as TOML: {message}; export them elsewhere")]
    Encode { path: String, message: String },
    #[error("{path} is this brief's own notes file: export to another file")]
    ExportOverStore { path: String },
    #[error("{path} already exists: choose another name, or confirm to replace it")]
    Exists { path: String },
}

pub(super) fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
        (Some(l), None) => format!(" at line {l}"),
        _ => String::new(),
    }
}

/// A path as it may be printed.
pub(super) fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

impl StoreError {
    /// The kind of I/O failure, to tell a full disk from a read-only folder.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            StoreError::Io { cause, .. } => Some(cause.kind()),
            _ => None,
        }
    }
}

pub(super) fn io_err(action: &'static str, path: &Path, cause: io::Error) -> StoreError {
    use io::ErrorKind as K;
    let hint = match cause.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            "check the folder's permissions or choose another data folder (--data-dir or \
             BRIEF_DATA_DIR); notes in memory can be exported elsewhere"
        }
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => {
            "the disk is full: free some space, or export the notes elsewhere"
        }
        _ if action == "read" => "check the file, or remove it if it is not a notes file",
        _ => "the notes are still in memory: try again, or export them elsewhere",
    };
    StoreError::Io {
        action,
        path: shown(path),
        reason: sanitize_line(&cause.to_string()),
        hint,
        cause,
    }
}
