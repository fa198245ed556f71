//! Reading-state files: one TOML file per brief in `<data>/state/`, named
//! like the brief's notes file, written atomically. A damaged file is
//! reported and replaced on the next save; one written by a newer `brief`
//! is left alone.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::state::{ReadingState, STATE_DIR, STATE_VERSION};
use crate::document::sanitize::sanitize_line;
use crate::fsio::{make_private_dir, write_atomic};
use crate::notes::store::file_name_for;

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("could not {action} {path}: {reason}; reading positions are not saved")]
    Io {
        action: &'static str,
        path: String,
        reason: String,
    },
    #[error("reading state {path} is damaged: {message}; it is replaced on the next save")]
    Corrupt { path: String, message: String },
    #[error(
        "reading state {path} was written by a newer brief (version {version}); it is left as is"
    )]
    Newer { path: String, version: u32 },
}

fn io_err(action: &'static str, path: &Path, e: &io::Error) -> StateError {
    StateError::Io {
        action,
        path: sanitize_line(&path.display().to_string()),
        reason: sanitize_line(&e.to_string()),
    }
}

/// The folder of reading-state files.
#[derive(Debug, Clone)]
pub struct StateStore {
    dir: PathBuf,
}

impl StateStore {
    /// Uses `<data_dir>/state`, creating it (0700 on unix) if needed.
    pub fn open_dir(data_dir: &Path) -> Result<StateStore, StateError> {
        let dir = data_dir.join(STATE_DIR);
        make_private_dir(&dir).map_err(|e| io_err("create the folder", &dir, &e))?;
        // Saves a hang-up or a kill cut short leave temp files behind.
        crate::fsio::clean_stale_temps(&dir);
        Ok(StateStore { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds (or will hold) a brief's state.
    pub fn file_for(&self, brief_path: &Path) -> PathBuf {
        self.dir.join(file_name_for(Some(brief_path), ""))
    }

    /// A brief's state; None when it was never opened.
    pub fn load(&self, brief_path: &Path) -> Result<Option<ReadingState>, StateError> {
        read_state(&self.file_for(brief_path))
    }

    /// Saves a state atomically (the file is named after `state.path`).
    /// A file written by a newer `brief` is not replaced.
    pub fn save(&self, state: &ReadingState) -> Result<(), StateError> {
        let file = self.file_for(Path::new(&state.path));
        if let Err(e @ StateError::Newer { .. }) = read_state(&file) {
            return Err(e);
        }
        let text = toml::to_string(state).map_err(|e| StateError::Corrupt {
            path: sanitize_line(&file.display().to_string()),
            message: sanitize_line(&e.to_string()),
        })?;
        let text = format!(
            "# Reading state of a brief, kept by `brief`: position, sections read.\n\n{text}"
        );
        make_private_dir(&self.dir).map_err(|e| io_err("create the folder", &self.dir, &e))?;
        write_atomic(&file, text.as_bytes()).map_err(|e| io_err("save", &file, &e))
    }

    /// The reading state of a brief that moved follows it: saved under the
    /// new path (unless it has one already), the old file removed. True
    /// when there was one to move.
    pub fn follow(&self, old_path: &Path, new_path: &Path) -> Result<bool, StateError> {
        if read_state(&self.file_for(new_path))?.is_some() {
            return Ok(false);
        }
        let old_file = self.file_for(old_path);
        let Some(mut state) = read_state(&old_file)? else {
            return Ok(false);
        };
        state.path = new_path.to_string_lossy().into_owned();
        self.save(&state)?;
        let _ = fs::remove_file(&old_file);
        Ok(true)
    }

    /// Every readable state, by the brief's canonical path, for the
    /// library's progress column. Damaged files are skipped.
    pub fn all(&self) -> HashMap<PathBuf, ReadingState> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return HashMap::new();
        };
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .filter_map(|p| read_state(&p).ok().flatten())
            .map(|s| (PathBuf::from(&s.path), s))
            .collect()
    }
}

fn read_state(file: &Path) -> Result<Option<ReadingState>, StateError> {
    let text = match fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("read", file, &e)),
    };
    let shown = || sanitize_line(&file.display().to_string());
    match toml::from_str::<ReadingState>(&text) {
        Ok(s) if s.version > STATE_VERSION => Err(StateError::Newer {
            path: shown(),
            version: s.version,
        }),
        Ok(s) => Ok(Some(s)),
        Err(e) => {
            let version = toml::from_str::<toml::Table>(&text)
                .ok()
                .and_then(|t| t.get("version")?.as_integer());
            match version.and_then(|v| u32::try_from(v).ok()) {
                Some(v) if v > STATE_VERSION => Err(StateError::Newer {
                    path: shown(),
                    version: v,
                }),
                _ => Err(StateError::Corrupt {
                    path: shown(),
                    message: sanitize_line(e.message()),
                }),
            }
        }
    }
}
