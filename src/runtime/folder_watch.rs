//! Watching a library folder and the folders under it, so briefs added,
//! written, renamed or removed show in the list.
//!
//! Each folder gets a watch of its own, found by reading folders only:
//! an entry's kind comes with the folder listing, so a folder of 100,000
//! briefs costs one listing, not 100,000 look-ups (notify's recursive
//! mode looks up every entry, which took a second of the two cores while
//! the list was being read). Folders made later are watched as they
//! appear. It all runs on a thread of its own, never the screen's.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Weak};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// As deep as the library's own walk goes.
const MAX_DEPTH: usize = 32;
/// How often the watch's thread checks that the library is still open.
const ALIVE_POLL: Duration = Duration::from_millis(500);

/// Keeps a library folder's watch alive; dropping it stops watching.
pub struct FolderWatch {
    _alive: Arc<()>,
}

impl std::fmt::Debug for FolderWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FolderWatch")
    }
}

/// Calls `changed` (from the watcher's thread) whenever a brief or folder
/// under `dir` is added, written, renamed or removed. When the system
/// cannot watch the folder, the library shows what the last scan found.
pub fn watch_folder(dir: &Path, changed: impl Fn() + Send + 'static) -> Option<FolderWatch> {
    let alive = Arc::new(());
    let weak = Arc::downgrade(&alive);
    let root = std::fs::canonicalize(dir).ok()?;
    std::thread::Builder::new()
        .name("folder watch".to_owned())
        .spawn(move || run(&root, weak, changed))
        .ok()?;
    Some(FolderWatch { _alive: alive })
}

fn run(root: &Path, alive: Weak<()>, changed: impl Fn() + Send + 'static) {
    let (new_dirs, arrived) = mpsc::channel::<PathBuf>();
    let handler = move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        let relevant = matches!(
            event.kind,
            EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)
        );
        // A folder (no extension) may hold briefs that came or went with it.
        let cares = |p: &Path| crate::catalogue::is_markdown(p) || p.extension().is_none();
        if !relevant || !event.paths.iter().any(|p| cares(p)) {
            return;
        }
        if matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
            for p in event.paths.iter().filter(|p| p.is_dir()) {
                let _ = new_dirs.send(p.clone());
            }
        }
        changed();
    };
    let Ok(mut watcher) = notify::recommended_watcher(handler) else {
        return;
    };
    let mut watched = HashSet::new();
    add_tree(&mut watcher, root, root, &mut watched);
    loop {
        match arrived.recv_timeout(ALIVE_POLL) {
            Ok(dir) => add_tree(&mut watcher, root, &dir, &mut watched),
            Err(RecvTimeoutError::Timeout) if alive.strong_count() > 0 => {}
            Err(_) => return,
        }
    }
}

/// Watches `top` and the folders under it not watched yet (links to
/// folders only when they lead inside the library, as its walk does).
fn add_tree(
    watcher: &mut RecommendedWatcher,
    root: &Path,
    top: &Path,
    watched: &mut HashSet<PathBuf>,
) {
    let mut stack = vec![(top.to_owned(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(real) = std::fs::canonicalize(&dir) else {
            continue;
        };
        if !real.starts_with(root) || !watched.insert(real) {
            continue;
        }
        if watcher.watch(&dir, RecursiveMode::NonRecursive).is_err() || depth + 1 >= MAX_DEPTH {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let is_dir = kind.is_dir()
                || (kind.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()));
            if is_dir {
                stack.push((entry.path(), depth + 1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;

    fn watch(dir: &Path) -> (FolderWatch, Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        let w = watch_folder(dir, move || {
            let _ = tx.send(());
        })
        .expect("watch");
        (w, rx)
    }

    /// Waits for a change to be heard (a generous bound: a loaded machine).
    fn heard(rx: &Receiver<()>) -> bool {
        let got = rx.recv_timeout(Duration::from_secs(10)).is_ok();
        while rx.try_recv().is_ok() {}
        got
    }

    /// Writes `brief` again and again until the watch hears it (for up to
    /// ten seconds).
    fn poked_until_heard(rx: &Receiver<()>, brief: &Path) -> bool {
        for i in 0..50 {
            std::fs::write(brief, format!("# B {i}\n")).expect("write");
            if rx.recv_timeout(Duration::from_millis(200)).is_ok() {
                while rx.try_recv().is_ok() {}
                return true;
            }
        }
        false
    }

    #[test]
    fn briefs_in_subfolders_and_in_folders_made_later_are_heard() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("a/b")).expect("mkdir");
        let (_w, rx) = watch(dir.path());
        // The watch is set up on its own thread: poke until it hears.
        assert!(
            poked_until_heard(&rx, &dir.path().join("a/b/deep.md")),
            "a brief two folders down is heard"
        );
        std::fs::create_dir(dir.path().join("new")).expect("mkdir");
        assert!(heard(&rx), "a new folder is heard");
        // Its own watch is added as it is heard; give it a moment to land.
        assert!(
            poked_until_heard(&rx, &dir.path().join("new/later.md")),
            "a brief in a folder made after the watch began is heard"
        );
    }

    #[test]
    fn other_files_are_not_heard() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_w, rx) = watch(dir.path());
        std::thread::sleep(Duration::from_millis(300));
        std::fs::write(dir.path().join("picture.png"), b"x").expect("write");
        assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
    }
}
