//! The notes file's text: writing it in a stable order, and reading it
//! without ever taking a damaged or newer file for an empty one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::error::{StoreError, shown};
use super::{CORRUPT_MARK, FILE_COMMENT, FORMAT_VERSION, Header, NotesFile};
use crate::document::sanitize::sanitize_line;
use crate::fsio::{parent_dir, sync_dir, write_new};
use crate::notes::Note;

/// Document order, then creation: stable, so files diff and merge well.
pub(super) fn sort_notes(notes: &mut [Note]) {
    fn key(n: &Note) -> (u32, u32, &str, &str) {
        (n.anchor.section_number, n.anchor.block, &n.created, &n.id)
    }
    notes.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The file's text: [`NotesFile`], serialised from borrowed notes.
pub(super) fn encode(header: &Header, notes: &[Note], path: &Path) -> Result<String, StoreError> {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        version: u32,
        path: &'a str,
        title: &'a str,
        fingerprint: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        id: &'a str,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        paths: &'a [String],
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        sections: &'a [String],
        #[serde(skip_serializing_if = "str::is_empty")]
        blocks: &'a str,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        imported: &'a [String],
        notes: &'a [Note],
    }
    let file = Borrowed {
        version: FORMAT_VERSION,
        path: &header.path,
        title: &header.title,
        fingerprint: &header.fingerprint,
        id: &header.id,
        paths: &header.paths,
        sections: &header.sections,
        blocks: &header.blocks,
        imported: &header.imported,
        notes,
    };
    let body = toml::to_string(&file).map_err(|e| StoreError::Encode {
        path: shown(path),
        message: sanitize_line(&e.to_string()),
    })?;
    Ok(format!("{FILE_COMMENT}{body}"))
}

/// Why a file must not be written over.
pub(super) enum Refusal {
    Damaged {
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    Newer(u32),
}

pub(super) enum Parsed {
    Current(NotesFile),
    /// With the notes that could be read (those of a newer file that still
    /// parses), to show read-only.
    Refused(Refusal, Vec<Note>),
}

pub(super) fn parse_notes(bytes: &[u8]) -> Parsed {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            let message = "not UTF-8 text".to_owned();
            let refusal = Refusal::Damaged {
                line: Some(line),
                column: Some(column),
                message,
            };
            return Parsed::Refused(refusal, Vec::new());
        }
    };
    // Some editors add a byte order mark; it says nothing about the notes.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match toml::from_str::<NotesFile>(text) {
        Ok(file) if file.version > FORMAT_VERSION => {
            Parsed::Refused(Refusal::Newer(file.version), file.notes)
        }
        Ok(file) => Parsed::Current(file),
        Err(e) => {
            if let Some(version) = newer_version(text) {
                return Parsed::Refused(Refusal::Newer(version), Vec::new());
            }
            let (line, column) = e.span().map(|s| line_column(text, s.start)).unzip();
            let message = sanitize_line(e.message().trim());
            Parsed::Refused(
                Refusal::Damaged {
                    line,
                    column,
                    message,
                },
                Vec::new(),
            )
        }
    }
}

/// The `version` of a TOML file that is not a notes file this brief reads,
/// when it is newer: a later format may change more than we can parse.
pub(super) fn newer_version(text: &str) -> Option<u32> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let version = table.get("version")?.as_integer()?;
    (version > i64::from(FORMAT_VERSION)).then(|| u32::try_from(version).unwrap_or(u32::MAX))
}

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Keeps a copy of a file that must not be written over and returns the
/// error that says so.
pub(super) fn refuse(path: &Path, bytes: &[u8], refusal: Refusal) -> StoreError {
    let copy = match keep_copy(path, bytes) {
        Ok(copy) => format!("; a copy is kept at {}", shown(&copy)),
        Err(e) => format!(
            "; no copy could be made ({})",
            sanitize_line(&e.to_string())
        ),
    };
    match refusal {
        Refusal::Damaged {
            line,
            column,
            message,
        } => StoreError::Corrupt {
            path: shown(path),
            line,
            column,
            message,
            copy,
        },
        Refusal::Newer(version) => StoreError::Newer {
            path: shown(path),
            version,
            copy,
        },
    }
}

/// Copies `bytes` to `<file>.corrupt-<UTC time>`, unless an identical copy
/// is already there.
pub(super) fn keep_copy(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!("{name}{CORRUPT_MARK}");
    for entry in fs::read_dir(dir)?.flatten() {
        let is_copy = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix));
        if is_copy && fs::read(entry.path()).is_ok_and(|b| b == bytes) {
            return Ok(entry.path());
        }
    }
    let time = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    for n in 0..100 {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let copy = dir.join(format!("{prefix}{time}{suffix}"));
        match write_new(&copy, bytes) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                let _ = fs::remove_file(&copy);
                return Err(e);
            }
            Ok(()) => {
                sync_dir(dir)?;
                return Ok(copy);
            }
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many copies",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\nçd = 1", 5), (2, 2));
        assert_eq!(line_column("", 0), (1, 1));
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let parsed = parse_notes("\u{feff}version = 1\n".as_bytes());
        assert!(matches!(parsed, Parsed::Current(f) if f.notes.is_empty()));
    }

    #[test]
    fn invalid_utf8_is_placed() {
        let parsed = parse_notes(b"version = 1\ntitle = \"a\xff\"\n");
        let Parsed::Refused(Refusal::Damaged { line, column, .. }, _) = parsed else {
            panic!("accepted invalid UTF-8");
        };
        assert_eq!((line, column), (Some(2), Some(11)));
    }
}
