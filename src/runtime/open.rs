//! Opening a brief with its notes and reading state: the file work a
//! loader thread does, so a big or hostile file never freezes the screen.
//! Every failure becomes the message the app shows.

use std::path::{Path, PathBuf};

use crate::app::msg::{LoadRequest, Loaded, NotesHome, PictureFile};
use crate::document::load::{LoadError, display_path};
use crate::document::{Brief, LoadOptions, load_path};
use crate::images;
use crate::notes::imported;
use crate::notes::store::{Header, Offer, Opened, Store};
use crate::reading::{ReadingState, StateStore};

/// Where the app keeps its files.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// The data folder (notes, reading state); None when there is none.
    pub data_dir: Option<PathBuf>,
    /// `[team]`: colleagues' notes are read from (and shared notes written
    /// to) its folder.
    pub team: Option<crate::notes::team::Team>,
}

/// Reads a brief for a request. The error is the message to show.
pub fn load(env: &Env, request: &LoadRequest) -> Result<Loaded, String> {
    let path = &request.path;
    let shown = display_path(path);
    if request.reload && !matches!(path.try_exists(), Ok(true)) {
        return Err(
            "this brief's file was deleted or moved: showing the last version read; \
                    its notes are kept"
                .to_owned(),
        );
    }
    let brief = load_path(path, LoadOptions::default()).map_err(|e| match e {
        _ if request.reload => format!(
            "the brief changed on disk and could not be read again ({e}); showing the last \
             version"
        ),
        LoadError::IsDirectory { .. } => {
            format!("{shown} is a folder, not a brief: open it as a library with brief {shown}")
        }
        LoadError::NotFound { .. } if request.back.is_some() => {
            format!("link target not found: {shown}")
        }
        e => e.to_string(),
    })?;
    Ok(with_notes(
        env,
        brief,
        Some(path),
        request.attach.as_deref(),
    ))
}

/// A brief read from stdin or built in, with its notes (stdin: keyed by
/// the text; a sample's are not saved).
pub fn loaded_without_file(env: &Env, brief: Brief, stdin: bool) -> Loaded {
    if !stdin {
        let mut loaded = Loaded::in_memory(brief);
        loaded.home = NotesHome::Memory("a built-in sample: its notes are not saved".to_owned());
        return loaded;
    }
    with_notes(env, brief, None, None)
}

/// The brief with its notes and reading state (none for stdin).
fn with_notes(env: &Env, brief: Brief, path: Option<&Path>, attach: Option<&Offer>) -> Loaded {
    let canonical = path.map(crate::fsio::canonical).unwrap_or_default();
    let found = open_notes(env, path, &brief, attach);
    let mut warning = found.warning;
    let reading = match (&env.data_dir, path) {
        (Some(dir), Some(path)) => {
            // Reading state follows notes that moved with their brief.
            if let Some(old) = &found.moved_from {
                let _ = StateStore::open_dir(dir)
                    .and_then(|store| store.follow(Path::new(old), &canonical));
            }
            let (state, problem) = open_state(dir, path);
            warning = warning.or(problem);
            Some(state)
        }
        _ => None,
    };
    let pictures = measure_pictures(&brief, path);
    Loaded {
        pictures,
        brief,
        notes: found.notes,
        home: found.home,
        path: path.map(Path::to_path_buf).unwrap_or_default(),
        canonical,
        reading,
        warning,
        notice: found.notice,
        offer: found.offer,
    }
}

/// The most pictures of one brief measured (and drawn); the rest show
/// their alt line.
const MAX_PICTURES: usize = 500;

/// Each picture block's file and size in pixels (from its header: cheap),
/// or why it is not drawn. Relative to the brief's folder (the current
/// folder for a brief read from stdin).
fn measure_pictures(brief: &Brief, path: Option<&Path>) -> Vec<PictureFile> {
    let base = path.and_then(Path::parent).unwrap_or(Path::new("."));
    brief
        .images
        .iter()
        .enumerate()
        .map(|(i, picture)| {
            let found = if i >= MAX_PICTURES {
                Err(format!("more than {MAX_PICTURES} pictures"))
            } else {
                images::locate(base, &picture.src)
                    .and_then(|file| images::measure(&file).map(|size| (file, size)))
                    .map_err(|e| e.to_string())
            };
            PictureFile {
                block: picture.block,
                found,
            }
        })
        .collect()
}

/// The reading state of a brief (unread if never opened, or unreadable:
/// then with the reason).
fn open_state(dir: &Path, path: &Path) -> (ReadingState, Option<String>) {
    match StateStore::open_dir(dir).and_then(|store| store.load(path)) {
        Ok(Some(state)) => (state, None),
        Ok(None) => (ReadingState::unread(path), None),
        Err(e) => (ReadingState::unread(path), Some(e.to_string())),
    }
}

/// A brief's notes as found, and what to tell the reader about them.
#[derive(Default)]
struct FoundNotes {
    notes: Vec<crate::notes::Note>,
    home: NotesHome,
    warning: Option<String>,
    /// "notes of X (moved here): N".
    notice: Option<String>,
    /// The brief's path the notes were made under, when they moved over.
    moved_from: Option<String>,
    offer: Option<Offer>,
}

/// The notes of a brief and where changes go. Reading never fails for want
/// of notes: without a usable data folder they are kept in memory (and the
/// app says so, and asks before quitting); a notes file that cannot be
/// read or written as it should opens read-only. Notes of a brief that
/// moved (or was renamed, or edited meanwhile) follow it; notes that may
/// be its own come as an offer for the reader to accept.
fn open_notes(env: &Env, path: Option<&Path>, brief: &Brief, attach: Option<&Offer>) -> FoundNotes {
    // Kept in memory, the document's comments are notes all the same.
    let memory = |why: String| FoundNotes {
        notes: imported::notes_for(brief, |_| false),
        home: NotesHome::Memory(why.clone()),
        warning: Some(why),
        ..FoundNotes::default()
    };
    let Some(dir) = &env.data_dir else {
        return memory("no data folder (set BRIEF_DATA_DIR): notes kept in memory only".to_owned());
    };
    let store = match Store::open_dir(dir) {
        Ok(s) => s,
        Err(e) => return memory(format!("notes kept in memory only: {e}")),
    };
    let mut header = Header::for_brief(path, brief);
    let opened = match (attach, path) {
        (Some(offer), Some(p)) => store.attach(p, offer, header.clone()),
        _ => store.open_with(path, header.clone()),
    };
    match opened {
        Ok(Opened {
            notes: mut file,
            moved_from,
            offer,
        }) => {
            let (added, failed) = match imported::import(&mut file, &mut header, brief) {
                Ok(added) => (added, None),
                Err(e) => (0, Some(format!("comments not imported as notes: {e}"))),
            };
            let notice = moved_from.as_ref().map(|was| {
                let was = Path::new(was);
                let name = display_path(was.file_name().map_or(was, Path::new));
                format!("notes of {name} (moved here): {}", file.notes.len())
            });
            let notice = notice.or_else(|| match added {
                0 => None,
                1 => Some("1 comment imported as a note (tagged imported)".to_owned()),
                n => Some(format!("{n} comments imported as notes (tagged imported)")),
            });
            let notes = file.notes.clone();
            match file.read_only.clone() {
                Some(why) => FoundNotes {
                    notes,
                    home: NotesHome::ReadOnly(why.clone()),
                    warning: Some(why),
                    ..FoundNotes::default()
                },
                None => FoundNotes {
                    notes,
                    home: NotesHome::File {
                        file: file.path().to_path_buf(),
                        header,
                    },
                    warning: failed,
                    notice,
                    moved_from,
                    offer,
                },
            }
        }
        // The file is there but could not be opened: never write over it.
        Err(e) => {
            let why = e.to_string();
            FoundNotes {
                home: NotesHome::ReadOnly(why.clone()),
                warning: Some(why),
                ..FoundNotes::default()
            }
        }
    }
}
