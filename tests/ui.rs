//! Screens as the reader sees them, drawn into ratatui's TestBackend and
//! compared with insta snapshots.

use brief::app::App;
use brief::app::keymap::Key;
use brief::document::parse;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent};

const BRIEF: &str = include_str!("fixtures/ui-brief.md");

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(parse(BRIEF, "ui-brief"));
    app.update(brief::app::action::Action::Resize { width, height });
    app
}

/// Presses keys by name ("j", "]", "ctrl-p", "esc") through the keymap,
/// the way the event loop does.
fn press(app: &mut App, keys: &[&str]) {
    for name in keys {
        let key = Key::parse(name).expect("test key names are valid");
        let event = Event::Key(KeyEvent::new(key.code, key.modifiers));
        if let Some(action) = app.keymap.translate(&event, app.wants_text()) {
            app.update(action);
        }
    }
}

fn type_text(app: &mut App, text: &str) {
    let keys: Vec<String> = text
        .chars()
        .map(|c| {
            if c == ' ' {
                "space".into()
            } else {
                c.to_string()
            }
        })
        .collect();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    press(app, &refs);
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw into test backend");
    terminal.backend().to_string()
}

#[test]
fn first_screen_100x30() {
    let app = app(100, 30);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn after_two_sections_100x30() {
    let mut app = app(100, 30);
    press(&mut app, &["]", "]"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn table_section_100x30() {
    let mut app = app(100, 30);
    press(&mut app, &[":"]);
    type_text(&mut app, "options");
    press(&mut app, &["enter"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn first_screen_40x12() {
    let app = app(40, 12);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn outline_focused_40x12() {
    let mut app = app(40, 12);
    press(&mut app, &["tab", "j", "j"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay_100x30() {
    let mut app = app(100, 30);
    press(&mut app, &["?"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn jump_popup_filters_sections() {
    let mut app = app(100, 30);
    press(&mut app, &["ctrl-p"]);
    type_text(&mut app, "stf");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn search_prompt_counts_matches() {
    let mut app = app(100, 30);
    press(&mut app, &["/"]);
    type_text(&mut app, "night");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn too_small_says_so() {
    let app = app(19, 5);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn resize_keeps_the_cursor_block_in_view() {
    let mut app = app(100, 30);
    press(&mut app, &["]", "]", "j", "j"]);
    let cursor = app.reader.cursor;
    app.update(brief::app::action::Action::Resize {
        width: 40,
        height: 12,
    });
    assert_eq!(app.reader.cursor, cursor);
    let text = brief::layout::wrap::text_width(&screen(&app));
    assert!(text > 0);
    let rows = app.reader.visible_rows(&app.brief);
    let item = app.reader.item_of_block(cursor);
    assert!(
        rows.iter().any(|p| p.item == item),
        "cursor block visible after resize"
    );
}

#[test]
fn note_marker_and_notes_pane() {
    let mut app = app(120, 30);
    press(&mut app, &["]", "j", "a"]);
    type_text(&mut app, "Check the night-shift figures");
    press(&mut app, &["ctrl-s", "t"]);
    type_text(&mut app, "ports, follow-up");
    press(&mut app, &["enter", "m"]);
    insta::assert_snapshot!(screen(&app));
}
