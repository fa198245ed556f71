//! Watching the open brief's folder in the team folder: colleagues' notes
//! are read when the brief opens and again whenever a file there changes
//! (sync tools write in bursts: once they settle). Everything runs off the
//! screen's thread, setting up the watch too: a team folder that is a git
//! clone has many folders to walk.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::app::Msg;
use crate::notes::store::Header;
use crate::notes::team::{Team, brief_key, folder, read_brief};

/// Keeps the watch alive; dropping it stops watching.
pub struct TeamWatch {
    _watcher: Arc<Mutex<Option<RecommendedWatcher>>>,
}

impl std::fmt::Debug for TeamWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamWatch")
    }
}

/// Reads colleagues' notes on the brief `header` describes now, then each
/// time its folder (or another version's, see `read_brief`) changes; `send`
/// hears them.
pub fn watch_team(
    team: Team,
    header: Header,
    send: impl Fn(Msg) + Send + Sync + 'static,
) -> TeamWatch {
    let slot: Arc<Mutex<Option<RecommendedWatcher>>> = Arc::default();
    let kept = slot.clone();
    std::thread::spawn(move || {
        let pending = Arc::new(AtomicBool::new(false));
        let send = Arc::new(send);
        let (t, h) = (team.clone(), header.clone());
        let read = move |settle: u64| {
            if pending.swap(true, Ordering::SeqCst) {
                return;
            }
            let (pending, send) = (pending.clone(), send.clone());
            let (team, header) = (t.clone(), h.clone());
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(settle));
                pending.store(false, Ordering::SeqCst);
                send(Msg::TeamNotes(read_brief(&team, &header)));
            });
        };
        // What is there now, then whatever arrives.
        read(0);
        let Ok(root) = std::fs::canonicalize(&team.folder) else {
            return;
        };
        let key = brief_key(&header);
        let slug = key
            .rsplit_once('-')
            .map_or(key.clone(), |(s, _)| s.to_owned());
        let under = root.clone();
        let cares = move |p: &Path| {
            let first = p.strip_prefix(&under).ok().and_then(|r| r.iter().next());
            first
                .and_then(|n| n.to_str())
                .is_some_and(|n| n == key || folder::is_version_of(n, &slug))
        };
        let Some(mut watcher) = super::watch::watcher(cares, move || read(150)) else {
            return;
        };
        if watcher.watch(&root, RecursiveMode::Recursive).is_ok()
            && let Ok(mut slot) = kept.lock()
        {
            *slot = Some(watcher);
        }
    });
    TeamWatch { _watcher: slot }
}
