//! Watching the open brief's file, so a brief edited on disk reloads in
//! place. The folder is watched rather than the file: editors often save
//! by writing a new file and renaming it over the old one.

use std::path::{Path, PathBuf};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Keeps the watch alive; dropping it stops watching.
pub struct FileWatch {
    _watcher: RecommendedWatcher,
    pub path: PathBuf,
}

impl std::fmt::Debug for FileWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatch")
            .field("path", &self.path)
            .finish()
    }
}

/// Calls `changed` (from the watcher's thread) whenever the file is
/// written, replaced or removed. None when the system cannot watch it:
/// the brief still reads, it just does not reload by itself.
pub fn watch(path: &Path, changed: impl Fn() + Send + 'static) -> Option<FileWatch> {
    // A file not there yet (a brief's first notes) is watched for in its
    // folder.
    let path = std::fs::canonicalize(path).ok().or_else(|| {
        Some(
            std::fs::canonicalize(path.parent()?)
                .ok()?
                .join(path.file_name()?),
        )
    })?;
    let dir = path.parent()?.to_path_buf();
    let name = path.file_name()?.to_os_string();
    let mut watcher = watcher(
        move |p: &Path| p.file_name() == Some(name.as_os_str()),
        changed,
    )?;
    watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
    Some(FileWatch {
        _watcher: watcher,
        path,
    })
}

/// Watches a brief's notes file: each time another window (or this one)
/// writes it, the store worker reads it and the app hears what it holds.
pub fn watch_notes(
    file: PathBuf,
    header: crate::notes::store::Header,
    store: std::sync::mpsc::Sender<super::store::Job>,
) -> Option<FileWatch> {
    let path = file.clone();
    watch(&path, move || {
        let _ = store.send(super::store::Job::ReadNotes {
            file: file.clone(),
            header: header.clone(),
        });
    })
}

/// Keeps a library folder's watch alive; dropping it stops watching.
pub struct FolderWatch {
    _watcher: RecommendedWatcher,
}

impl std::fmt::Debug for FolderWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FolderWatch")
    }
}

/// Calls `changed` (from the watcher's thread) whenever a brief under the
/// folder is added, written, renamed or removed. None when the system
/// cannot watch it: the library then shows what the last scan found.
pub fn watch_folder(dir: &Path, changed: impl Fn() + Send + 'static) -> Option<FolderWatch> {
    // A folder (no extension) may hold briefs that came or went with it.
    let mut watcher = watcher(
        |p: &Path| crate::catalogue::is_markdown(p) || p.extension().is_none(),
        changed,
    )?;
    watcher.watch(dir, RecursiveMode::Recursive).ok()?;
    Some(FolderWatch { _watcher: watcher })
}

/// A watcher that calls `changed` when a path it cares about is written,
/// created or removed.
pub(super) fn watcher(
    cares: impl Fn(&Path) -> bool + Send + 'static,
    changed: impl Fn() + Send + 'static,
) -> Option<RecommendedWatcher> {
    notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        let relevant = matches!(
            event.kind,
            EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)
        );
        if relevant && event.paths.iter().any(|p| cares(p)) {
            changed();
        }
    })
    .ok()
}
