//! Notes files: one TOML file per brief in `<data dir>/notes`.
//!
//! Losing a note is the worst bug `brief` can have, so:
//! - every write is atomic (temp file in the same folder, fsync, rename,
//!   fsync the folder) and made under an exclusive lock (`<file>.lock`);
//! - before writing, a file another instance changed is read again and the
//!   two sides are merged by note id ([`super::merge`]);
//! - a note both instances changed keeps both texts: the saver's as the
//!   note, the other's as a conflict copy beside it;
//! - a file that does not parse, or was written by a newer `brief`, is never
//!   written over: its notes open read-only and a copy of it is kept;
//! - a file that is there but cannot be read opens read-only too: notes are
//!   never kept as if saved when they are nowhere on disk;
//! - a failed save changes nothing, on disk or in memory.

mod brief;
mod disk;
mod error;
mod format;
mod lineage;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::Note;
use super::identity::Identity;

pub use brief::{BriefNotes, Saved};
pub use disk::{file_name_for, slug};
pub use error::StoreError;
pub use lineage::{Offer, OfferKind, Opened};

/// Writes `notes` to a file of the reader's choosing (not `own`, the
/// brief's notes file): replaces an existing file only with `overwrite`,
/// keeping its permissions.
pub fn export_notes(
    path: &Path,
    own: Option<&Path>,
    header: Header,
    notes: Vec<Note>,
    overwrite: bool,
) -> Result<(), StoreError> {
    let mut handle = BriefNotes::load(own.map(Path::to_path_buf).unwrap_or_default(), header);
    handle.notes = notes;
    handle.export_to(path, overwrite)
}

/// Writes notes already rendered (Markdown, CSV, JSON) to `path`, with the
/// same care as [`export_notes`]: atomic, never over the brief's own notes
/// file, over another file only with `overwrite`.
pub fn export_text(
    path: &Path,
    own: Option<&Path>,
    text: &str,
    overwrite: bool,
) -> Result<(), StoreError> {
    brief::write_exported(path, own, text, overwrite)
}

use crate::fsio::{canonical, clean_stale_temps};
use disk::{make_private_dir, read_listed};
use error::io_err;

/// The format this `brief` writes. Files with a larger number open read-only.
pub const FORMAT_VERSION: u32 = 1;

/// The folder under the data folder that holds the notes files.
pub const NOTES_DIR: &str = "notes";

const FILE_COMMENT: &str = "# Notes on a brief, kept by `brief`: one [[notes]] table per note, \
in document order.\n# Safe to keep in git; edit by hand only while brief is closed.\n\n";

/// How long a save waits for another instance's save before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
const CORRUPT_MARK: &str = ".corrupt-";

/// The file as stored: header, then one `[[notes]]` table per note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesFile {
    pub version: u32,
    /// The brief's canonical path; empty for a brief read from stdin.
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub fingerprint: String,
    /// The brief's own `id`, when its front matter gives one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Where the brief was before, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Its section titles and a sketch of its blocks, as last saved: what
    /// recognises it after a move and an edit ([`crate::notes::identity`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub blocks: String,
    /// Ids of the notes ever imported from the brief's own comments, kept
    /// when such a note is deleted, so it is not imported again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imported: Vec<String>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// What a notes file records about its brief, as the brief is now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub path: String,
    pub title: String,
    pub fingerprint: String,
    /// The brief's `id`, its section titles and block sketch.
    pub id: String,
    pub sections: Vec<String>,
    pub blocks: String,
    /// Where the brief was before (filled in from the file when saving).
    pub paths: Vec<String>,
    /// Ids of notes imported from the brief's comments (joined with the
    /// file's when saving).
    pub imported: Vec<String>,
}

impl Header {
    /// `brief_path` is None for a brief read from stdin.
    pub fn new(brief_path: Option<&Path>, title: &str, fingerprint: &str) -> Header {
        Header {
            path: brief_path
                .map(|p| canonical(p).to_string_lossy().into_owned())
                .unwrap_or_default(),
            title: title.to_owned(),
            fingerprint: fingerprint.to_owned(),
            ..Header::default()
        }
    }

    /// The header of a brief as it is now, with what recognises it again.
    pub fn for_brief(brief_path: Option<&Path>, brief: &crate::document::Brief) -> Header {
        let identity = Identity::of(brief);
        Header {
            id: identity.id.clone(),
            sections: identity.sections.clone(),
            blocks: identity.blocks_text(),
            ..Header::new(
                brief_path,
                &brief.title,
                &crate::notes::anchor::fingerprint(brief),
            )
        }
    }

    /// What recognises the brief this header describes.
    pub fn identity(&self) -> Identity {
        Identity {
            id: self.id.clone(),
            title: self.title.clone(),
            sections: self.sections.clone(),
            blocks: Identity::parse_blocks(&self.blocks),
        }
    }
}

/// What a save did besides writing our notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Notes taken from another instance's save: new there or changed there.
    pub from_other: usize,
    /// Notes another instance deleted that we had not changed.
    pub deleted_by_other: usize,
    /// Notes both changed: another instance's version kept beside ours as a
    /// conflict copy (flagged [`super::Flag::Conflict`]).
    pub conflicts: usize,
    /// Notes in the file now.
    pub total: usize,
}
/// The notes folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    cleaned: usize,
}

/// One notes file, read and parsed (for a reader that changes nothing).
pub fn read_notes_file(file: &Path) -> Result<NotesFile, StoreError> {
    read_listed(file.to_path_buf()).map(|(_, parsed)| parsed)
}

impl Store {
    /// `BRIEF_DATA_DIR` if set, else the platform's data folder for `brief`.
    pub fn default_data_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("BRIEF_DATA_DIR").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "brief").map(|d| d.data_dir().to_path_buf())
    }

    /// Creates `<data_dir>/notes` (0700 on unix) if needed and removes temp
    /// files a crashed save left behind.
    pub fn open_dir(data_dir: &Path) -> Result<Store, StoreError> {
        let dir = data_dir.join(NOTES_DIR);
        make_private_dir(&dir)?;
        let cleaned = clean_stale_temps(&dir);
        Ok(Store { dir, cleaned })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many leftover temp files `open_dir` removed.
    pub fn cleaned_temp_files(&self) -> usize {
        self.cleaned
    }

    /// The file that holds (or will hold) the notes of a brief.
    pub fn file_for(&self, brief_path: Option<&Path>, fingerprint: &str) -> PathBuf {
        self.dir.join(file_name_for(brief_path, fingerprint))
    }

    /// The notes of one brief. `brief_path` is None for a brief read from
    /// stdin (then keyed by fingerprint). See [`Store::open_with`].
    pub fn open_brief(
        &self,
        brief_path: Option<&Path>,
        title: &str,
        fingerprint: &str,
    ) -> Result<BriefNotes, StoreError> {
        let header = Header::new(brief_path, title, fingerprint);
        self.open_with(brief_path, header)
            .map(|opened| opened.notes)
    }

    /// A notes file opened by its own path, to change its notes in bulk
    /// (tag renames); the brief it records stays as recorded.
    pub fn open_file(&self, file: &Path) -> Result<BriefNotes, StoreError> {
        let (_, parsed) = read_listed(file.to_path_buf())?;
        // Kept as recorded, lineage and all: a bulk change must not make a
        // brief harder to recognise.
        let header = Header {
            path: parsed.path,
            title: parsed.title,
            fingerprint: parsed.fingerprint,
            id: parsed.id,
            paths: parsed.paths,
            sections: parsed.sections,
            blocks: parsed.blocks,
            imported: parsed.imported,
        };
        Ok(BriefNotes::load(file.to_path_buf(), header))
    }

    /// A handle on one of this folder's notes files by its path, for a
    /// writer that saves it again and again (the app's store worker keeps
    /// one per file, so saves still in flight are told from another
    /// instance's).
    pub fn handle(&self, file: &Path, header: Header) -> BriefNotes {
        BriefNotes::load(file.to_path_buf(), header)
    }

    /// Every notes file in the folder with its content, sorted by file
    /// name; a file that cannot be read is reported, not fatal.
    pub fn all(&self) -> Vec<Result<(PathBuf, NotesFile), StoreError>> {
        let files = match self.notes_files() {
            Ok(files) => files,
            Err(e) => return vec![Err(e)],
        };
        files.into_iter().map(read_listed).collect()
    }

    pub(super) fn notes_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let entries = fs::read_dir(&self.dir).map_err(|e| io_err("read", &self.dir, e))?;
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        Ok(files)
    }
}
