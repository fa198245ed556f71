//! Notes files: one TOML file per brief in `<data dir>/notes`.
//!
//! Losing a note is the worst bug `brief` can have, so:
//! - every write is atomic (temp file in the same folder, fsync, rename,
//!   fsync the folder) and made under an exclusive lock (`<file>.lock`);
//! - before writing, a file another instance changed is read again and the
//!   two sides are merged by note id ([`super::merge`]);
//! - a file that does not parse, or was written by a newer `brief`, is never
//!   written over: its notes open read-only and a copy of it is kept;
//! - a failed save changes nothing, on disk or in memory.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;

use serde::{Deserialize, Serialize};

use super::Note;
use super::anchor::fnv1a;
use super::merge::{merge, unique_ids};
use crate::document::sanitize::sanitize_line;

/// The format this `brief` writes. Files with a larger number open read-only.
pub const FORMAT_VERSION: u32 = 1;

/// The folder under the data folder that holds the notes files.
pub const NOTES_DIR: &str = "notes";

const FILE_COMMENT: &str = "# Notes on a brief, kept by `brief`: one [[notes]] table per note, \
in document order.\n# Safe to keep in git; edit by hand only while brief is closed.\n\n";

/// How long a save waits for another instance's save before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// A temp file older than this is a leftover even if its pid is in use.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);
use crate::fsio::{TEMP_MARK, parent_dir, sync_dir, write_new};
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
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// What a notes file records about its brief, as the brief is now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub path: String,
    pub title: String,
    pub fingerprint: String,
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
    /// Notes in the file now.
    pub total: usize,
}

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
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
        (Some(l), None) => format!(" at line {l}"),
        _ => String::new(),
    }
}

/// A path as it may be printed.
fn shown(path: &Path) -> String {
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

fn io_err(action: &'static str, path: &Path, cause: io::Error) -> StoreError {
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

/// The notes folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    cleaned: usize,
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
    /// stdin (then keyed by fingerprint). A brief that was renamed or moved
    /// takes over the notes file of its old path: same fingerprint, or the
    /// same title when the text changed too.
    pub fn open_brief(
        &self,
        brief_path: Option<&Path>,
        title: &str,
        fingerprint: &str,
    ) -> Result<BriefNotes, StoreError> {
        let header = Header::new(brief_path, title, fingerprint);
        let path = self.file_for(brief_path, fingerprint);
        let mut adopted_from = None;
        let missing = !matches!(path.try_exists(), Ok(true));
        if let Some(old) = brief_path
            .filter(|_| missing)
            .and_then(|_| self.find_moved(&header))
        {
            match adopt(&old, &path) {
                Ok(true) => adopted_from = Some(old),
                Ok(false) => {}
                // Show the notes where they are, but write nothing there:
                // the file belongs to the brief's old path.
                Err(e) => {
                    let mut notes = BriefNotes::load(old.clone(), header)?;
                    notes.read_only.get_or_insert_with(|| {
                        format!(
                            "these notes were found in {} (the brief was moved) but could not \
                             follow it: {e}",
                            shown(&old)
                        )
                    });
                    return Ok(notes);
                }
            }
        }
        let mut notes = BriefNotes::load(path, header)?;
        notes.adopted_from = adopted_from;
        Ok(notes)
    }

    /// A notes file opened by its own path, to change its notes in bulk
    /// (tag renames); the brief it records stays as recorded.
    pub fn open_file(&self, file: &Path) -> Result<BriefNotes, StoreError> {
        let (_, parsed) = read_listed(file.to_path_buf())?;
        let header = Header {
            path: parsed.path,
            title: parsed.title,
            fingerprint: parsed.fingerprint,
        };
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

    fn notes_files(&self) -> Result<Vec<PathBuf>, StoreError> {
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

    /// The notes file of a brief that is no longer where its file says:
    /// one that records this very path under another name, else the newest
    /// with the same fingerprint, else the only one with the same title.
    fn find_moved(&self, header: &Header) -> Option<PathBuf> {
        let (mut same_path, mut by_fingerprint, mut by_title) = (None, Vec::new(), Vec::new());
        for path in self.notes_files().ok()? {
            let Some(recorded) = read_header(&path) else {
                continue;
            };
            if recorded.path.is_empty() {
                continue;
            }
            if recorded.path == header.path {
                same_path = Some(path);
            } else if matches!(Path::new(&recorded.path).try_exists(), Ok(false)) {
                if !header.fingerprint.is_empty() && recorded.fingerprint == header.fingerprint {
                    by_fingerprint.push(path);
                } else if !header.title.trim().is_empty() && recorded.title == header.title {
                    by_title.push(path);
                }
            }
        }
        let newest = |paths: Vec<PathBuf>| {
            paths
                .into_iter()
                .max_by_key(|p| fs::metadata(p).and_then(|m| m.modified()).ok())
        };
        same_path
            .or_else(|| newest(by_fingerprint))
            .or_else(|| (by_title.len() == 1).then(|| by_title.remove(0)))
    }
}

/// The notes of one brief, as the app shows and edits them.
#[derive(Debug)]
pub struct BriefNotes {
    pub notes: Vec<Note>,
    /// Why the notes cannot be saved: the file is damaged or newer.
    pub read_only: Option<String>,
    path: PathBuf,
    header: Header,
    /// The notes as last loaded or saved: the base of a merge.
    base: Vec<Note>,
    /// The file's bytes as last loaded or saved, None when there was no
    /// file: any difference on disk means another writer, so merge.
    on_disk: Option<Vec<u8>>,
    adopted_from: Option<PathBuf>,
}

impl BriefNotes {
    fn load(path: PathBuf, header: Header) -> Result<BriefNotes, StoreError> {
        let mut this = BriefNotes {
            notes: Vec::new(),
            read_only: None,
            path,
            header,
            base: Vec::new(),
            on_disk: None,
            adopted_from: None,
        };
        let Some(bytes) = read_disk(&this.path)? else {
            return Ok(this);
        };
        match parse_notes(&bytes) {
            Parsed::Current(file) => {
                let mut notes = file.notes;
                unique_ids(&mut notes);
                this.base = notes.clone();
                this.notes = notes;
                this.on_disk = Some(bytes);
            }
            Parsed::Refused(refusal, notes) => {
                this.read_only = Some(refuse(&this.path, &bytes, refusal).to_string());
                this.notes = notes;
            }
        }
        Ok(this)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The brief as last saved or opened.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The notes file this brief took over because the brief was moved.
    pub fn adopted_from(&self) -> Option<&Path> {
        self.adopted_from.as_deref()
    }

    /// Saves `self.notes`, merged with whatever another instance saved
    /// since this one loaded or saved. On success `self.notes` holds what is
    /// now on disk, in file order. On failure the file is unchanged and so
    /// are the notes in memory (save for their order and repaired ids).
    pub fn save(&mut self, header: Header) -> Result<SaveReport, StoreError> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly { why: why.clone() });
        }
        if let Some(dir) = self.path.parent() {
            make_private_dir(dir)?;
        }
        let _lock = Lock::acquire(&lock_path(&self.path))?;
        let target = write_target(&self.path);
        unique_ids(&mut self.notes);
        let merged = match read_disk(&target)? {
            // Gone: that says nothing about which notes were deleted.
            None => None,
            Some(bytes) if self.on_disk.as_ref() == Some(&bytes) => None,
            Some(bytes) => match parse_notes(&bytes) {
                Parsed::Current(file) => {
                    let mut theirs = file.notes;
                    unique_ids(&mut theirs);
                    Some(merge(&self.base, &self.notes, &theirs))
                }
                Parsed::Refused(refusal, _) => {
                    let err = refuse(&target, &bytes, refusal);
                    self.read_only = Some(err.to_string());
                    return Err(err);
                }
            },
        };
        let mut report = SaveReport::default();
        let mut merged_notes = merged.map(|m| {
            report.from_other = m.from_theirs;
            report.deleted_by_other = m.deleted_by_theirs;
            m.notes
        });
        let notes = merged_notes.as_mut().unwrap_or(&mut self.notes);
        sort_notes(notes);
        let text = encode(&header, notes, &self.path)?;
        write_atomic(&target, text.as_bytes())?;
        if let Some(notes) = merged_notes {
            self.notes = notes;
        }
        self.base = self.notes.clone();
        self.on_disk = Some(text.into_bytes());
        self.header = header;
        report.total = self.notes.len();
        Ok(report)
    }

    /// Writes the notes in memory to another file, atomically, in the same
    /// format: for when the data folder is read-only or full.
    pub fn export_to(&self, path: &Path) -> Result<(), StoreError> {
        if canonical(path) == canonical(&self.path) {
            return Err(StoreError::ExportOverStore { path: shown(path) });
        }
        let mut notes = self.notes.clone();
        sort_notes(&mut notes);
        let text = encode(&self.header, &notes, path)?;
        write_atomic(&write_target(path), text.as_bytes())
    }
}

/// Document order, then creation: stable, so files diff and merge well.
fn sort_notes(notes: &mut [Note]) {
    fn key(n: &Note) -> (u32, u32, &str, &str) {
        (n.anchor.section_number, n.anchor.block, &n.created, &n.id)
    }
    notes.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The file's text: [`NotesFile`], serialised from borrowed notes.
fn encode(header: &Header, notes: &[Note], path: &Path) -> Result<String, StoreError> {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        version: u32,
        path: &'a str,
        title: &'a str,
        fingerprint: &'a str,
        notes: &'a [Note],
    }
    let file = Borrowed {
        version: FORMAT_VERSION,
        path: &header.path,
        title: &header.title,
        fingerprint: &header.fingerprint,
        notes,
    };
    let body = toml::to_string(&file).map_err(|e| StoreError::Encode {
        path: shown(path),
        message: sanitize_line(&e.to_string()),
    })?;
    Ok(format!("{FILE_COMMENT}{body}"))
}

/// Why a file must not be written over.
enum Refusal {
    Damaged {
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    Newer(u32),
}

enum Parsed {
    Current(NotesFile),
    /// With the notes that could be read (those of a newer file that still
    /// parses), to show read-only.
    Refused(Refusal, Vec<Note>),
}

fn parse_notes(bytes: &[u8]) -> Parsed {
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
fn newer_version(text: &str) -> Option<u32> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let version = table.get("version")?.as_integer()?;
    (version > i64::from(FORMAT_VERSION)).then(|| u32::try_from(version).unwrap_or(u32::MAX))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
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
fn refuse(path: &Path, bytes: &[u8], refusal: Refusal) -> StoreError {
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
fn keep_copy(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
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

/// The file's bytes, or None when there is no file.
fn read_disk(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err("read", path, e)),
    }
}

fn read_listed(path: PathBuf) -> Result<(PathBuf, NotesFile), StoreError> {
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
fn read_header(path: &Path) -> Option<Header> {
    #[derive(Deserialize)]
    struct Recorded {
        #[serde(default)]
        path: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        fingerprint: String,
    }
    let text = fs::read_to_string(path).ok()?;
    let end = text.find("\n[").map_or(text.len(), |i| i + 1);
    let r: Recorded = toml::from_str(&text[..end]).ok()?;
    Some(Header {
        path: r.path,
        title: r.title,
        fingerprint: r.fingerprint,
    })
}

/// Renames the notes file of a moved brief to the brief's new name. Both
/// names are locked, and an existing file is never replaced. Returns
/// whether the file was moved.
fn adopt(from: &Path, to: &Path) -> Result<bool, StoreError> {
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
    // The move is done; the next save syncs the folder again.
    let _ = sync_dir(parent_dir(to));
    Ok(true)
}

/// An exclusive advisory lock on `<file>.lock`, held until dropped. The
/// lock file stays: removing it would let two savers lock different files.
struct Lock {
    _file: File,
}

impl Lock {
    fn acquire(path: &Path) -> Result<Lock, StoreError> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        options.mode(0o600);
        let file = options.open(path).map_err(|e| io_err("lock", path, e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
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

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    crate::fsio::write_atomic(target, bytes).map_err(|e| io_err("save", target, e))
}

fn make_private_dir(dir: &Path) -> Result<(), StoreError> {
    crate::fsio::make_private_dir(dir).map_err(|e| io_err("create the folder", dir, e))
}

/// A notes file kept elsewhere through a symlink is written where it is,
/// not replaced by a plain file.
fn write_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Removes temp files of saves that never finished: their process is gone,
/// or they are over an hour old. Returns how many were removed.
fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(temp_pid) else {
            continue;
        };
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        let orphaned = pid != std::process::id() && !process_alive(pid);
        if (orphaned || age > STALE_TEMP_AGE) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The pid in a temp file name `<file>.tmp-<pid>-<n>`.
fn temp_pid(name: &str) -> Option<u32> {
    let (_, rest) = name.rsplit_once(TEMP_MARK)?;
    let (pid, n) = rest.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    // Without a cheap check, only the age rule removes temp files.
    true
}

/// The brief's path with symlinks and `..` resolved, or made absolute when
/// it cannot be (a brief that is gone).
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
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
fn slug(stem: &str) -> String {
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
        assert_eq!(temp_pid("a-12345678.toml.tmp-4242-7"), Some(4242));
        assert_eq!(temp_pid("a-12345678.toml"), None);
        assert_eq!(temp_pid("a.toml.tmp-x-1"), None);
    }

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

    #[test]
    fn stdin_file_is_keyed_by_fingerprint() {
        assert_eq!(
            file_name_for(None, "0123456789abcdef"),
            "stdin-01234567.toml"
        );
    }
}
