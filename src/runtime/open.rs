//! Opening a brief with its notes: the file work the runner does on a
//! background thread, so a big or hostile file never freezes the screen.

use std::path::{Path, PathBuf};

use super::notes::{MemoryBacking, NotesState, StoreBacking};
use super::reading::ReadingSession;
use crate::document::{Brief, LoadOptions, load_path};
use crate::notes::anchor::fingerprint;
use crate::notes::store::{Header, Store};
use crate::reading::StateStore;

/// Where the app keeps its files.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// The data folder (notes, reading state); None when there is none.
    pub data_dir: Option<PathBuf>,
}

/// A brief read and parsed, with its notes opened.
#[derive(Debug)]
pub struct Loaded {
    pub brief: Brief,
    pub notes: NotesState,
    /// Why notes are read-only or kept in memory, if they are.
    pub warning: Option<String>,
    pub path: PathBuf,
    /// Where the reader left off and what was read, when there is a data
    /// folder.
    pub reading: Option<ReadingSession>,
}

/// Reads a brief and its notes. The error is the message to show.
pub fn load(env: &Env, path: &Path) -> Result<Loaded, String> {
    let brief = load_path(path, LoadOptions::default()).map_err(|e| e.to_string())?;
    let (notes, mut warning) = open_notes(env, Some(path), &brief);
    let reading = env
        .data_dir
        .as_deref()
        .and_then(|dir| match StateStore::open_dir(dir) {
            Ok(store) => {
                let (session, problem) = ReadingSession::open(store, path, &brief);
                warning = warning.take().or(problem);
                Some(session)
            }
            Err(e) => {
                warning = warning.take().or(Some(e.to_string()));
                None
            }
        });
    Ok(Loaded {
        brief,
        notes,
        warning,
        path: path.to_path_buf(),
        reading,
    })
}

/// Where a brief came from, for finding its notes.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    File(&'a Path),
    /// Read from stdin: notes are keyed by the text's fingerprint.
    Stdin,
    /// A sample built into the binary: notes are not saved.
    Builtin,
}

/// The notes of a brief from the store, or in memory with a warning when
/// the data folder cannot be used: reading never fails for want of notes.
pub fn open_notes(env: &Env, source: Option<&Path>, brief: &Brief) -> (NotesState, Option<String>) {
    match source {
        Some(p) => notes_for(env, Origin::File(p), brief),
        None => notes_for(env, Origin::Builtin, brief),
    }
}

pub fn notes_for(env: &Env, origin: Origin<'_>, brief: &Brief) -> (NotesState, Option<String>) {
    let memory = |why: String| {
        let backing = MemoryBacking {
            why: Some(why.clone()),
            ..MemoryBacking::default()
        };
        (
            NotesState::new(brief, Vec::new(), Box::new(backing)),
            Some(why),
        )
    };
    let path = match origin {
        Origin::Builtin => return memory("a built-in sample: its notes are not saved".to_owned()),
        Origin::File(p) => Some(p),
        Origin::Stdin => None,
    };
    let Some(dir) = &env.data_dir else {
        return memory("no data folder (set BRIEF_DATA_DIR): notes kept in memory only".to_owned());
    };
    let store = match Store::open_dir(dir) {
        Ok(s) => s,
        Err(e) => return memory(format!("notes kept in memory only: {e}")),
    };
    let fp = fingerprint(brief);
    match store.open_brief(path, &brief.title, &fp) {
        Ok(file) => {
            let warning = file.read_only.clone();
            let header = Header::new(path, &brief.title, &fp);
            let backing = StoreBacking::new(store, file, header);
            let notes = backing.loaded();
            (NotesState::new(brief, notes, Box::new(backing)), warning)
        }
        Err(e) => memory(format!("notes kept in memory only: {e}")),
    }
}
