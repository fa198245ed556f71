//! The library screen: sorting and returning keep the selection.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::*;
use crate::app::prompt::Prompt;
use crate::app::testing::{library_from, library_of};
use crate::app::{App, Msg};
use crate::search::{Passage, Snippet};

/// The library of three briefs, dated so that date order and title order
/// differ.
fn library(dir: &Path) -> App {
    let briefs = [
        ("a.md", "Water Security", "2026-03-01"),
        ("b.md", "Arctic Shipping", "2026-01-01"),
        ("c.md", "Grain Corridor", "2026-02-01"),
    ]
    .map(|(file, title, date)| {
        let text = format!("---\ntitle: {title}\ndate: {date}\n---\n## One\n\nText.\n");
        (file, text)
    });
    let briefs: Vec<(&str, &str)> = briefs.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let library = library_from(dir, &briefs);
    let mut app = library_of(dir, (100, 20));
    app.update(Msg::Scanned(Ok(Box::new(Scanned {
        library,
        progress: HashMap::new(),
        updated: HashSet::new(),
        notes: HashMap::new(),
    }))));
    app
}

/// The load the app asked for last.
fn load_asked(app: &mut App) -> crate::app::msg::LoadRequest {
    app.take_effects()
        .into_iter()
        .find_map(|e| match e {
            crate::app::msg::Effect::Load(r) => Some(r),
            _ => None,
        })
        .expect("a brief is asked for")
}

fn view(app: &App) -> &LibraryScreen {
    app.library().expect("the library")
}

fn selected_title(app: &App) -> String {
    let view = view(app);
    let entry = view
        .selected_row()
        .and_then(|r| view.entry_of(r))
        .expect("a selection");
    let lib = view.library().expect("scanned");
    lib.entries[entry]
        .info()
        .map(|i| i.title.clone())
        .unwrap_or_default()
}

#[test]
fn sorting_keeps_the_selected_brief_selected() {
    let mut app = library(Path::new("/briefs"));
    app.update(Action::Command(Command::Down));
    let chosen = selected_title(&app);
    for _ in 0..4 {
        app.update(Action::Command(Command::Sort));
        assert_eq!(selected_title(&app), chosen);
    }
}

#[test]
fn the_passage_a_brief_was_opened_from_stays_selected_on_return() {
    let mut app = library(Path::new("/briefs"));
    let view = app.library_mut().expect("library");
    let entry = view.order[2];
    let lib = view.library().expect("scanned");
    let path = lib.entries[entry].path.clone();
    let canonical = lib.entries[entry].canonical.clone();
    let mut prompt = Prompt::default();
    prompt.paste("text");
    let passage = |entry| Passage {
        entry,
        path: path.clone(),
        relative: String::new(),
        title: String::new(),
        section_number: 1,
        section_title: String::new(),
        block_number: 1,
        block: 0,
        score: 1.0,
        snippet: Snippet {
            text: "Text.".into(),
            matches: Vec::new(),
        },
        block_matches: Vec::new(),
        more: 0,
        text: String::new(),
    };
    view.search = Some(LibrarySearch {
        prompt,
        editing: false,
        briefs: Vec::new(),
        passages: vec![passage(view.order[0]), passage(entry)],
        total: None,
        waiting: false,
        partial: None,
    });
    view.sel.select(1);
    view.select_canonical(&canonical);
    assert_eq!(
        view.sel.selected, 1,
        "the passage row, not the sorted list's"
    );
    assert_eq!(view.selected_row(), Some(Row::Passage(1)));
}

#[test]
fn keys_typed_while_a_brief_opens_wait_for_it() {
    use crate::app::msg::Loaded;
    use crate::document::parse;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut app = library(Path::new("/briefs"));
    app.update(Action::Command(Command::Open));
    let request = load_asked(&mut app);
    // `]` typed before the brief is there: meant for the brief, not the
    // library.
    let key = KeyEvent::new(KeyCode::Char(']'), KeyModifiers::NONE);
    app.update(Msg::Event(Event::Key(key)));
    assert!(app.brief().is_none());
    let brief = parse("## One\n\nFirst.\n\n## Two\n\nSecond.\n", "b");
    let mut loaded = Loaded::in_memory(brief);
    loaded.path = request.path.clone();
    app.update(Msg::Loaded {
        request,
        result: Ok(Box::new(loaded)),
    });
    let screen = app.brief().expect("the brief opened");
    assert_eq!(screen.reader.section, 1, "the `]` reached the brief");
}

#[test]
fn a_brief_that_cannot_be_opened_from_the_list_leaves_the_reader_in_the_library() {
    use crate::app::View;
    let mut app = library(Path::new("/briefs"));
    app.update(Action::Command(Command::Open));
    let request = load_asked(&mut app);
    app.update(Msg::Loaded {
        request,
        result: Err("a.md: no such file; check the path and try again".into()),
    });
    assert_eq!(app.view(), &View::Library);
    assert!(app.ended().is_none(), "nothing quits under the reader");
    let message = app.shared().status.message.as_ref().expect("a message");
    assert!(message.error && message.text.contains("no such file"));
}

/// The library's brief `request` asked for, opened.
fn open_asked(app: &mut App) {
    use crate::app::msg::Loaded;
    let request = load_asked(app);
    let brief = crate::document::parse("## One\n\nFirst.\n\n## Two\n\nSecond.\n", "b");
    let mut loaded = Loaded::in_memory(brief);
    loaded.path = request.path.clone();
    app.update(Msg::Loaded {
        request,
        result: Ok(Box::new(loaded)),
    });
}

#[test]
fn keys_in_a_brief_do_no_work_over_the_library() {
    let mut app = library(Path::new("/briefs"));
    app.update(Action::Command(Command::Open));
    open_asked(&mut app);
    assert_eq!(app.view(), &crate::app::View::Brief);
    let before = view(&app).work;
    for c in [
        Command::Down,
        Command::PageDown,
        Command::Bottom,
        Command::Top,
    ] {
        app.update(Action::Command(c));
    }
    app.update(Action::Resize {
        width: 90,
        height: 30,
    });
    assert_eq!(view(&app).work, before, "the hidden list was not touched");
    app.update(Action::Command(Command::Library));
    assert_eq!(app.view(), &crate::app::View::Library);
    assert!(
        view(&app).work.kept > before.kept,
        "shown again, it follows"
    );
}

#[test]
fn a_key_in_the_list_keeps_it_in_view_once_and_measures_nothing() {
    let mut app = library(Path::new("/briefs"));
    let before = view(&app).work;
    assert_eq!(before.measured, 1, "measured when the scan came in");
    for _ in 0..3 {
        app.update(Action::Command(Command::Down));
    }
    let after = view(&app).work;
    assert_eq!(after.kept, before.kept + 3, "once a key");
    assert_eq!(after.measured, before.measured);
}

#[test]
fn notes_across_are_filtered_when_the_query_changes_not_on_every_key() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = library(Path::new("/briefs"));
    app.update(Action::Command(Command::ToggleNotes));
    app.update(Msg::AllNotes {
        rows: Vec::new(),
        problems: Vec::new(),
    });
    let filtered = |app: &App| view(app).notes.as_ref().expect("notes view").filtered;
    let before = filtered(&app);
    for _ in 0..3 {
        app.update(Action::Command(Command::Down));
    }
    assert_eq!(filtered(&app), before);
    app.update(Action::Command(Command::Search));
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char('x'),
        KeyModifiers::NONE,
    )));
    assert_eq!(filtered(&app), before + 1);
}
