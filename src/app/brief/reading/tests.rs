//! Reading state through a visit: what is marked changed and read, and
//! where a brief reopens. The state goes out as effects and comes back in
//! as the next visit's state, as the store worker would carry it.

use std::path::Path;

use super::*;
use crate::app::msg::Effect;
use crate::app::testing::{open_with_state, screen};
use crate::app::{App, Msg};
use crate::keys::{Action, Command};
use crate::reading::ReadingState;

/// The reading state the app last asked to save.
fn saved_state(app: &mut App) -> ReadingState {
    app.take_effects()
        .into_iter()
        .rev()
        .find_map(|e| match e {
            Effect::SaveState(s) => Some(*s),
            _ => None,
        })
        .expect("a reading state was saved")
}

fn leave(app: &mut App) -> ReadingState {
    app.update(Msg::Signal(15));
    saved_state(app)
}

#[test]
fn a_changed_section_on_screen_keeps_its_mark_and_its_diff_for_the_visit() {
    let path = Path::new("/briefs/b.md");
    let v1 = "## One\n\nFirst words here.\n\n## Two\n\nAt least four underwriters left.\n";
    let mut app = open_with_state(v1, ReadingState::unread(path), (100, 30));
    // The whole brief is on screen: a key press reads both sections.
    app.update(Action::Command(Command::Down));
    let state = leave(&mut app);

    let v2 = v1.replace("four underwriters", "seven major underwriters");
    let mut app = open_with_state(&v2, state, (100, 30));
    assert_eq!(screen(&app).changed_sections(), &[1]);
    app.update(Action::Command(Command::Down));
    // Section 2's end has been on screen, so it is re-read; its mark and
    // its diff stay for this visit.
    let s = screen(&app);
    assert_eq!(s.changed_sections(), &[1]);
    assert!(s.reading.as_ref().is_some_and(|r| r.unseen.is_empty()));
    app.update(Action::Command(Command::ShowChanges));
    let Overlay::Diff(view) = &screen(&app).overlay else {
        panic!("no diff: {:?}", app.shared().status.message);
    };
    assert_eq!(view.section, 1);
    assert!(
        view.parts
            .iter()
            .any(|p| p.kind == DiffKind::Inserted && p.text.contains("seven"))
    );
    // Drawn, the word taken out and the words put in stay apart.
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let drawn = terminal.backend().to_string();
    assert!(drawn.contains("four seven major"), "{drawn}");
}

#[test]
fn a_brief_reopens_with_its_block_a_quarter_down_even_before_the_first_size() {
    let path = Path::new("/briefs/long.md");
    let text: String = (0..80)
        .map(|i| format!("## S{i}\n\nParagraph {i} of the long brief.\n\n"))
        .collect();
    let mut app = open_with_state(&text, ReadingState::unread(path), (100, 40));
    let (s, _) = app.screen_and_shared();
    s.reader.jump_to(&s.brief, 60);
    app.update(Action::Command(Command::Down));
    let at = screen(&app).reader.cursor;
    let state = leave(&mut app);

    // As at start-up: the brief is opened before the terminal's size is
    // known.
    let mut app = open_with_state(&text, state, (0, 0));
    app.update(Action::Resize {
        width: 100,
        height: 40,
    });
    let s = screen(&app);
    assert_eq!(s.reader.cursor, at);
    let item = s.reader.item_of_block(at);
    let row = s
        .reader
        .visible_rows(&s.brief)
        .iter()
        .position(|p| p.item == item)
        .expect("the block is on screen");
    assert!((5..=15).contains(&row), "row {row}");
}

#[test]
fn a_live_reload_keeps_what_was_read_and_marks_what_changed() {
    use crate::app::msg::Loaded;
    use crate::document::parse;
    let path = Path::new("/briefs/live.md");
    let v1 = "## One\n\nFirst words here.\n\n## Two\n\nAt least four underwriters left.\n";
    let mut app = open_with_state(v1, ReadingState::unread(path), (100, 30));
    app.update(Action::Command(Command::Down));
    let read = screen(&app)
        .reading
        .as_ref()
        .map(|r| r.state.read_sections(&screen(&app).brief).len());
    assert_eq!(read, Some(2), "both sections read");
    app.take_effects();

    // The file changes; the loader reads it again, with the reading state
    // as the file has it (here: not yet saved, so unread).
    app.update(Msg::FileChanged);
    let request = app
        .take_effects()
        .into_iter()
        .find_map(|e| match e {
            Effect::Load(r) if r.reload => Some(r),
            _ => None,
        })
        .expect("a reload is asked for");
    let v2 = v1.replace("four underwriters", "seven major underwriters");
    let mut loaded = Loaded::in_memory(parse(&v2, "b"));
    loaded.path = path.to_path_buf();
    loaded.canonical = path.to_path_buf();
    loaded.reading = Some(ReadingState::unread(path));
    app.update(Msg::Loaded {
        request,
        result: Ok(Box::new(loaded)),
    });
    let s = screen(&app);
    assert_eq!(s.changed_sections(), &[1], "the edited section is marked Δ");
    let state = &s.reading.as_ref().expect("reading state").state;
    assert_eq!(
        state.read_sections(&s.brief),
        vec![0, 1],
        "nothing read is forgotten"
    );
    app.update(Action::Command(Command::ShowChanges));
    assert!(
        matches!(screen(&app).overlay, Overlay::Diff(_)),
        "D shows the live edit: {:?}",
        app.shared().status.message
    );
}

#[test]
fn keys_that_do_not_move_the_reader_save_nothing_more() {
    let path = Path::new("/briefs/b.md");
    let text = "## One\n\nFirst words here.\n\n## Two\n\nSecond words.\n";
    let mut app = open_with_state(text, ReadingState::unread(path), (100, 30));
    // The visit, the place and what was read are saved on leaving...
    let _ = leave(&mut app);
    // ...and a key that leaves the reader where it was writes nothing more.
    app.update(Action::Command(Command::Up));
    app.update(Msg::Signal(15));
    let saves = app
        .take_effects()
        .into_iter()
        .filter(|e| matches!(e, Effect::SaveState(_)))
        .count();
    assert_eq!(saves, 0);
}

#[test]
fn the_changes_view_scrolls_within_its_text_and_g_goes_to_its_end() {
    let path = Path::new("/briefs/b.md");
    let long: String = (0..60).map(|i| format!("word{i} ")).collect();
    let v1 = format!("## One\n\n{long}\n");
    let mut app = open_with_state(&v1, ReadingState::unread(path), (40, 12));
    app.update(Action::Command(Command::Bottom));
    let state = leave(&mut app);
    let v2 = v1.replace("word30", "changed30");
    let mut app = open_with_state(&v2, state, (40, 12));
    app.update(Action::Command(Command::ShowChanges));
    let scroll = |app: &App| match &screen(app).overlay {
        Overlay::Diff(view) => Some(view.scroll),
        _ => None,
    };
    assert_eq!(scroll(&app), Some(0), "{:?}", app.shared().status.message);
    app.update(Action::Command(Command::Bottom));
    let last = scroll(&app).expect("G keeps the changes open");
    assert!(last > 0, "the text is longer than the popup");
    for _ in 0..50 {
        app.update(Action::Command(Command::Down));
    }
    assert_eq!(scroll(&app), Some(last), "never past the last screenful");
    app.update(Action::Command(Command::Up));
    assert_eq!(scroll(&app), Some(last - 1), "one key back up is one line");
    app.update(Action::Scroll {
        column: 20,
        row: 6,
        lines: -1,
    });
    assert_eq!(
        scroll(&app),
        Some(last - 2),
        "the wheel scrolls the changes"
    );
}
