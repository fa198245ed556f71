//! The notes of one brief: loading them (read-only when the file cannot be
//! trusted or read), saving them merged with other instances' saves, and
//! exporting them elsewhere.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::disk::{Lock, lock_path, make_private_dir, read_disk, write_target};
use super::error::{StoreError, io_err, shown};
use super::format::{Parsed, encode, parse_notes, refuse, sort_notes};
use super::{Header, NotesFile, SaveReport};
use crate::fsio::canonical;
use crate::notes::Note;
use crate::notes::merge::{Merged, merge, unique_ids};

/// The notes of one brief, as the app shows and edits them.
#[derive(Debug)]
pub struct BriefNotes {
    pub notes: Vec<Note>,
    /// Why the notes cannot be saved: the file is damaged, newer, or
    /// cannot be read.
    pub read_only: Option<String>,
    pub(super) path: PathBuf,
    header: Header,
    /// The notes in the file as last loaded or saved.
    base: Vec<Note>,
    /// The file's bytes as last loaded or saved, None when there was no
    /// file: while they are still on disk, `base` is what the file holds.
    on_disk: Option<Vec<u8>>,
    /// What the file's header says about its brief, as last read or
    /// written: where the brief was, for its path history.
    recorded: Header,
    /// Notes in the file as this handle wrote them from its caller's own
    /// notes, by id. A caller with saves in flight has not seen the file
    /// those saves made, but its notes descend from what it sent: these
    /// versions are a base it shares with the file.
    written: HashMap<String, Note>,
    pub(super) adopted_from: Option<PathBuf>,
}

/// What a save left on disk, for a caller that keeps its own copy of the
/// notes (the app's store worker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The notes in the file now, in file order: the base of the next save.
    pub notes: Vec<Note>,
    pub report: SaveReport,
}

impl BriefNotes {
    /// Reads the notes at `path`. A file that cannot be read (other than
    /// missing), does not parse or is newer opens read-only, with why.
    pub(super) fn load(path: PathBuf, header: Header) -> BriefNotes {
        let mut this = BriefNotes {
            notes: Vec::new(),
            read_only: None,
            path,
            header,
            base: Vec::new(),
            on_disk: None,
            recorded: Header::default(),
            written: HashMap::new(),
            adopted_from: None,
        };
        let bytes = match read_disk(&this.path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return this,
            // Never an empty list that a save would write over the notes.
            Err(e) => {
                this.read_only = Some(unreadable(&this.path, &e).to_string());
                return this;
            }
        };
        match parse_notes(&bytes) {
            Parsed::Current(file) => {
                let (recorded, mut notes) = split(file);
                unique_ids(&mut notes);
                this.base = notes.clone();
                this.notes = notes;
                this.on_disk = Some(bytes);
                this.recorded = recorded;
            }
            Parsed::Refused(refusal, notes) => {
                this.read_only = Some(refuse(&this.path, &bytes, refusal).to_string());
                this.notes = notes;
            }
        }
        this
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The brief as last saved or opened.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The ids of notes imported from the brief's comments, as the file
    /// last read or written records them.
    pub fn imported(&self) -> &[String] {
        &self.recorded.imported
    }

    /// The notes file this brief took over because the brief was moved.
    pub fn adopted_from(&self) -> Option<&Path> {
        self.adopted_from.as_deref()
    }

    /// Saves `self.notes`, merged with whatever another instance saved
    /// since this one loaded or saved. On success `self.notes` holds what is
    /// now on disk, in file order. On failure the file is unchanged and so
    /// are the notes in memory.
    pub fn save(&mut self, header: Header) -> Result<SaveReport, StoreError> {
        let base = self.base.clone();
        let ours = self.notes.clone();
        self.save_from(&base, ours, header)
            .map(|saved| saved.report)
    }

    /// Saves `ours`, merged three ways with the file as it is now, `base`
    /// being the notes `ours` started from: what the caller last received
    /// from this store (a [`Saved`], or the notes as loaded). Saves the
    /// caller sent since are accounted for: their notes are not taken for
    /// another instance's. Under the lock, atomically; on success
    /// `self.notes` is the file's notes too. On failure nothing changes on
    /// disk or here (but a file found damaged makes the notes read-only).
    pub fn save_from(
        &mut self,
        base: &[Note],
        mut ours: Vec<Note>,
        mut header: Header,
    ) -> Result<Saved, StoreError> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly { why: why.clone() });
        }
        if let Some(dir) = self.path.parent() {
            make_private_dir(dir)?;
        }
        let _lock = Lock::acquire(&lock_path(&self.path))?;
        let target = write_target(&self.path);
        unique_ids(&mut ours);
        let (merged, recorded) = match self.read_theirs(&target)? {
            // Unchanged since this handle last wrote or read it, and the
            // caller's base is that very version: nobody else has changed
            // a thing, so the notes to write are ours. (The merge would say
            // the same, at the cost of copying every note three times.)
            Disk::Unchanged if base == self.base.as_slice() => {
                (Merged::with(ours.clone()), Some(self.recorded.clone()))
            }
            Disk::Unchanged => {
                let theirs = self.base.clone();
                let shared = self.shared_base(base, &theirs);
                (merge(&shared, &ours, &theirs), Some(self.recorded.clone()))
            }
            Disk::Changed(theirs, recorded) => {
                let shared = self.shared_base(base, &theirs);
                (merge(&shared, &ours, &theirs), Some(*recorded))
            }
            // Gone: that says nothing about which notes were deleted.
            Disk::Gone => (Merged::with(ours.clone()), None),
        };
        let mut notes = merged.notes;
        sort_notes(&mut notes);
        header.imported = imported_ids(recorded.as_ref(), &header.imported);
        header.paths = path_history(recorded, &header.path);
        let text = encode(&header, &notes, &self.path)?;
        super::disk::write_atomic(&target, text.as_bytes())?;
        self.remember_written(&ours, &notes);
        self.notes = notes.clone();
        self.base = notes.clone();
        self.on_disk = Some(text.into_bytes());
        self.recorded = header.clone();
        self.header = header;
        let report = SaveReport {
            from_other: merged.from_theirs,
            deleted_by_other: merged.deleted_by_theirs,
            conflicts: merged.conflicts,
            total: notes.len(),
        };
        Ok(Saved { notes, report })
    }

    /// The notes on disk now, None when there is no file. A file that
    /// cannot be read fails the save: it may hold notes.
    fn read_theirs(&mut self, target: &Path) -> Result<Disk, StoreError> {
        let Some(bytes) = read_disk(target)? else {
            return Ok(Disk::Gone);
        };
        if self.on_disk.as_ref() == Some(&bytes) {
            return Ok(Disk::Unchanged);
        }
        match parse_notes(&bytes) {
            Parsed::Current(file) => {
                let (recorded, mut theirs) = split(file);
                unique_ids(&mut theirs);
                Ok(Disk::Changed(theirs, Box::new(recorded)))
            }
            Parsed::Refused(refusal, _) => {
                let err = refuse(target, &bytes, refusal);
                self.read_only = Some(err.to_string());
                Err(err)
            }
        }
    }

    /// The caller's base, with every note the file still holds as this
    /// handle wrote it from the caller's notes taken as that version: the
    /// caller's later notes descend from it, so it is not another
    /// instance's change (nor is its absence from `ours` a lost delete).
    fn shared_base(&self, base: &[Note], theirs: &[Note]) -> Vec<Note> {
        let mut shared = base.to_vec();
        let at: HashMap<String, usize> = shared
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        for their in theirs {
            if self.written.get(&their.id) != Some(their) {
                continue;
            }
            match at.get(&their.id) {
                Some(&i) => shared[i] = their.clone(),
                None => shared.push(their.clone()),
            }
        }
        shared
    }

    /// Keeps, for the next save, the notes now on disk that came from the
    /// caller's notes (this save's or an earlier one's).
    fn remember_written(&mut self, ours: &[Note], on_disk: &[Note]) {
        let ours: HashMap<&str, &Note> = ours.iter().map(|n| (n.id.as_str(), n)).collect();
        let mut written = HashMap::new();
        for note in on_disk {
            let id = note.id.as_str();
            if ours.get(id) == Some(&note) || self.written.get(id) == Some(note) {
                written.insert(note.id.clone(), note.clone());
            }
        }
        self.written = written;
    }

    /// Writes the notes in memory to another file, atomically, in the same
    /// format: for when the data folder is read-only or full. An existing
    /// file is replaced only with `overwrite`, and keeps its permissions;
    /// a new one is readable by its owner only.
    pub fn export_to(&self, path: &Path, overwrite: bool) -> Result<(), StoreError> {
        let mut notes = self.notes.clone();
        sort_notes(&mut notes);
        let text = encode(&self.header, &notes, path)?;
        write_exported(path, Some(&self.path), &text, overwrite)
    }
}

/// Writes an export of a brief's notes to `path`, atomically; never over
/// the brief's own notes file (`own`), and over another file only with
/// `overwrite` (keeping its permissions).
pub(super) fn write_exported(
    path: &Path,
    own: Option<&Path>,
    text: &str,
    overwrite: bool,
) -> Result<(), StoreError> {
    if own.is_some_and(|own| canonical(path) == canonical(own)) {
        return Err(StoreError::ExportOverStore { path: shown(path) });
    }
    let target = write_target(path);
    let exists = || std::fs::symlink_metadata(&target).is_ok();
    if !overwrite && exists() {
        return Err(StoreError::Exists { path: shown(path) });
    }
    crate::fsio::write_export(&target, text.as_bytes(), overwrite).map_err(|e| {
        if !overwrite && e.kind() == std::io::ErrorKind::AlreadyExists && exists() {
            StoreError::Exists { path: shown(path) }
        } else {
            io_err("export to", path, e)
        }
    })
}

/// The notes file as a save finds it.
enum Disk {
    Gone,
    /// As this handle last wrote or read it (its notes are `base`).
    Unchanged,
    /// Changed by another writer: its notes and header.
    Changed(Vec<Note>, Box<Header>),
}

/// A notes file's header and its notes, apart.
fn split(file: NotesFile) -> (Header, Vec<Note>) {
    let header = Header {
        path: file.path,
        title: file.title,
        fingerprint: file.fingerprint,
        id: file.id,
        paths: file.paths,
        sections: file.sections,
        blocks: file.blocks,
        imported: file.imported,
    };
    (header, file.notes)
}

/// The ids of imported notes the file records and the caller adds, each
/// once, in the order first recorded.
fn imported_ids(recorded: Option<&Header>, ours: &[String]) -> Vec<String> {
    let mut ids = recorded.map(|r| r.imported.clone()).unwrap_or_default();
    let mut seen: std::collections::HashSet<String> = ids.iter().cloned().collect();
    ids.extend(ours.iter().filter(|id| seen.insert((*id).clone())).cloned());
    ids
}

/// Where the brief was before, oldest first: the file's history and the
/// path it recorded last, when the brief is elsewhere now. A few are
/// enough to tell a reader where notes came from.
fn path_history(recorded: Option<Header>, now: &str) -> Vec<String> {
    const KEEP: usize = 8;
    let Some(recorded) = recorded else {
        return Vec::new();
    };
    let mut paths = recorded.paths;
    if !recorded.path.is_empty() {
        paths.push(recorded.path);
    }
    paths.retain(|p| p != now);
    let mut seen = std::collections::HashSet::new();
    paths.retain(|p| seen.insert(p.clone()));
    let drop = paths.len().saturating_sub(KEEP);
    paths.drain(..drop);
    paths
}

/// Why a notes file that is there cannot be read, said as what to do.
fn unreadable(path: &Path, e: &StoreError) -> StoreError {
    let reason = match e {
        StoreError::Io { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    StoreError::Unreadable {
        path: shown(path),
        reason,
    }
}
