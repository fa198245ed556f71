//! Helpers for the app's own tests: an app on a brief or a library at a
//! size, and the open brief's screen.

use std::path::Path;
use std::time::Duration;

use super::msg::{Loaded, NotesHome};
use super::{App, BriefScreen, Start, Startup};
use crate::catalogue::{
    BriefInfo, CacheStatus, Details, Entry, EntryStatus, FileStamp, Library, ScanStats,
};
use crate::document::parse;
use crate::keys::Action;
use crate::reading::ReadingState;

fn sized(mut app: App, (width, height): (u16, u16)) -> App {
    if width > 0 && height > 0 {
        app.update(Action::Resize { width, height });
    }
    app
}

/// An app on a brief parsed from `text`, notes in memory.
pub fn app_on(text: &str, width: u16, height: u16) -> App {
    sized(App::new(Startup::brief(parse(text, "t"))), (width, height))
}

/// An app on a brief with a reading state, as if loaded from
/// `/briefs/<name>`; size (0, 0) leaves the size unknown.
pub fn open_with_state(text: &str, state: ReadingState, size: (u16, u16)) -> App {
    let mut loaded = Loaded::in_memory(parse(text, "b"));
    loaded.path = state.path.clone().into();
    loaded.canonical = state.path.clone().into();
    loaded.reading = Some(state);
    loaded.home = NotesHome::Memory("test".into());
    let mut startup = Startup::brief(parse("", "empty"));
    startup.start = Start::Opened(Box::new(loaded));
    let mut app = App::new(startup);
    app.take_effects();
    sized(app, size)
}

/// An app on the library of a folder, before its scan is in.
pub fn library_of(dir: &Path, size: (u16, u16)) -> App {
    let mut startup = Startup::brief(parse("", "empty"));
    startup.start = Start::Library(dir.to_path_buf());
    let mut app = App::new(startup);
    app.take_effects();
    sized(app, size)
}

/// A scanned library of `(file name, markdown)` briefs under `dir`, built
/// in memory as a scan would list them: the state machine's tests need no
/// disk.
pub fn library_from(dir: &Path, briefs: &[(&str, &str)]) -> Library {
    let listed: Vec<(Entry, Option<Details>)> = briefs
        .iter()
        .map(|(file, text)| {
            let stamp = FileStamp::default();
            let brief = parse(text, file);
            let info = BriefInfo::from_brief(&brief, &stamp);
            let entry = Entry {
                path: dir.join(file),
                relative: (*file).to_owned(),
                canonical: dir.join(file),
                stamp,
                status: EntryStatus::Loaded(Box::new(info)),
            };
            (entry, Some(Details::from_brief(&brief)))
        })
        .collect();
    let files = listed.len();
    let stats = ScanStats {
        files,
        parsed: files,
        from_cache: 0,
        failed: 0,
        cache: CacheStatus::Off,
        cache_error: None,
        elapsed: Duration::ZERO,
    };
    Library::in_memory(
        dir.to_path_buf(),
        dir.to_path_buf(),
        listed,
        Vec::new(),
        stats,
    )
}

pub fn screen(app: &App) -> &BriefScreen {
    app.brief().expect("a brief is open")
}

pub fn screen_mut(app: &mut App) -> &mut BriefScreen {
    app.brief_mut().expect("a brief is open")
}
