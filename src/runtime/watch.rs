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
fn watcher(
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

/// Watches a brief's folder in the team folder (the team folder itself,
/// since the brief's folder may not be there yet): when a colleague's file
/// arrives or changes, it is read on a thread of its own, once per burst
/// of changes, and `send` hears the notes.
pub fn watch_team(
    team: crate::notes::team::Team,
    header: crate::notes::store::Header,
    send: impl Fn(crate::app::Msg) + Send + Sync + 'static,
) -> Option<FolderWatch> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let root = std::fs::canonicalize(&team.folder).ok()?;
    let key = crate::notes::team::brief_key(&header);
    // Its own folder and other versions' (see `read_brief`).
    let slug = key
        .rsplit_once('-')
        .map_or(key.clone(), |(s, _)| s.to_owned());
    let cares_root = root.clone();
    let cares = move |p: &Path| {
        let first = p
            .strip_prefix(&cares_root)
            .ok()
            .and_then(|rest| rest.iter().next());
        first
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == key || crate::notes::team::folder::is_version_of(n, &slug))
    };
    let pending = Arc::new(AtomicBool::new(false));
    let send = Arc::new(send);
    let read = move |settle: u64| {
        if pending.swap(true, Ordering::SeqCst) {
            return;
        }
        let (pending, send) = (pending.clone(), send.clone());
        let (team, header) = (team.clone(), header.clone());
        std::thread::spawn(move || {
            // Sync tools write in bursts: read once they settle.
            std::thread::sleep(std::time::Duration::from_millis(settle));
            pending.store(false, Ordering::SeqCst);
            let notes = crate::notes::team::read_brief(&team, &header);
            send(crate::app::Msg::TeamNotes(notes));
        });
    };
    // What is there now, then whatever arrives.
    read(0);
    let mut watcher = watcher(cares, move || read(150))?;
    watcher.watch(&root, RecursiveMode::Recursive).ok()?;
    Some(FolderWatch { _watcher: watcher })
}
