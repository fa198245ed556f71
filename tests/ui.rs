//! Screens as the reader sees them, drawn into ratatui's TestBackend and
//! compared with insta snapshots.

mod common;

use brief::app::msg::Scanned;
use brief::app::{App, Loaded, NotesHome, Start};
use brief::config::Settings;
use brief::document::parse;
use brief::notes::store::Header;
use common::tui::{
    app_at, app_with, brief_of, library_at, opened_at, press, screen, startup, type_text,
};

const BRIEF: &str = include_str!("fixtures/ui-brief.md");

fn app(width: u16, height: u16) -> App {
    app_at(parse(BRIEF, "ui-brief"), width, height)
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
    let cursor = brief_of(&app).reader.cursor;
    app.update(brief::keys::Action::Resize {
        width: 40,
        height: 12,
    });
    let b = brief_of(&app);
    assert_eq!(b.reader.cursor, cursor);
    let text = brief::layout::wrap::text_width(&screen(&app));
    assert!(text > 0);
    let rows = b.reader.visible_rows(&b.brief);
    let item = b.reader.item_of_block(cursor);
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

#[test]
fn orphaned_notes_are_counted_and_listed_under_their_own_heading() {
    let mut app = app(120, 30);
    press(&mut app, &["]", "a"]);
    type_text(&mut app, "Still true?");
    press(&mut app, &["ctrl-s", "]", "a"]);
    type_text(&mut app, "Which year?");
    press(&mut app, &["ctrl-s"]);
    let notes = brief_of(&app).notes.notes.clone();
    // The brief changes: the paragraph under Background goes away.
    let edited = BRIEF.replace(
        "Inspection teams were sized in 2019 for a port that handled half today's\n\
         traffic. Since then the eastern terminal has doubled its quays and now runs\n\
         around the clock.\n",
        "",
    );
    assert_ne!(edited, BRIEF, "the fixture holds the paragraph");
    let brief = parse(&edited, "ui-brief");
    // Reopened with its notes file, as after the brief changed on disk.
    let home = NotesHome::File {
        file: "/data/notes/ui-brief.toml".into(),
        header: Header::default(),
    };
    let mut app = opened_at(
        Loaded {
            notes,
            home,
            ..Loaded::in_memory(brief)
        },
        120,
        30,
    );
    assert_eq!(brief_of(&app).notes.orphan_count(), 1);
    press(&mut app, &["m"]);
    let shown = screen(&app);
    assert!(shown.contains("Notes (2 · 1 orphaned)"), "{shown}");
    assert!(shown.contains("── Orphaned notes"), "{shown}");
    insta::assert_snapshot!(shown);
}

/// A notes file that could not be read: its notes open read-only.
fn damaged() -> NotesHome {
    NotesHome::ReadOnly(
        "notes file /data/notes/ui-brief.toml is damaged at line 3, column 7: expected `=`. \
         Its notes are read-only and brief will not write to it; fix or remove it; a copy \
         is kept at /data/notes/ui-brief.toml.corrupt-20261129T000000Z"
            .into(),
    )
}

#[test]
fn the_notes_pane_says_in_full_why_notes_are_read_only() {
    let loaded = Loaded {
        home: damaged(),
        ..Loaded::in_memory(parse(BRIEF, "ui-brief"))
    };
    let mut app = opened_at(loaded, 120, 30);
    press(&mut app, &["m"]);
    let shown = screen(&app);
    // The whole message, wrapped (long paths split anywhere): what to do
    // and where the copy is.
    let flat: String = shown
        .lines()
        .map(|l| l.split('│').next_back().unwrap_or("").trim_matches('"'))
        .collect::<String>()
        .split_whitespace()
        .collect();
    assert!(flat.contains("fixorremoveit"), "{shown}");
    assert!(
        flat.contains("ui-brief.toml.corrupt-20261129T000000Z"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

/// The library of a folder, scanned without a cache, as the app shows it.
fn library_app(tag: &str, width: u16, height: u16) -> (App, std::path::PathBuf) {
    // A fixed name: the title row shows the folder, and snapshots must not
    // change with the process id.
    let dir = std::env::temp_dir().join(format!("brief-ui-library-{tag}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("ports.md"), BRIEF).expect("write");
    std::fs::write(
        dir.join("grain.md"),
        "---\ntitle: Grain Corridor Under Strain\ndate: 2026-05-01\nauthor: Trade Desk\nsummary: Insurers are leaving the corridor.\ntags: [grain, sanctions]\n---\n## Key judgments\n\nInsurers withdrew cover after the strikes.\n\n## Options\n\nConvoys need escorts.\n",
    )
    .expect("write");
    let library =
        brief::catalogue::scan(&dir, &brief::catalogue::ScanOptions::default()).expect("scan");
    let scanned = Scanned {
        library,
        progress: Default::default(),
        updated: Default::default(),
        notes: Default::default(),
    };
    (library_at(&dir, scanned, width, height), dir)
}

#[test]
fn library_lists_newest_first_with_a_preview() {
    let (app, dir) = library_app("preview", 110, 16);
    let screen = screen(&app);
    let _ = std::fs::remove_dir_all(&dir);
    insta::assert_snapshot!(screen);
}

#[test]
fn library_sort_cycles_and_says_so() {
    let (mut app, dir) = library_app("sort", 110, 16);
    press(&mut app, &["s"]);
    let screen = screen(&app);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(screen.contains("sorted by title"), "{screen}");
    let grain = screen.find("Grain Corridor").expect("grain listed");
    let ports = screen.find("Port Security").expect("ports listed");
    assert!(grain < ports, "by title: {screen}");
}

#[test]
fn tags_outside_the_vocabulary_are_flagged_while_typing_and_still_saved() {
    let settings = Settings {
        allowed_tags: Some(vec!["ports".into(), "energy".into()]),
        ..Settings::default()
    };
    let start = Start::Opened(Box::new(Loaded::in_memory(parse(BRIEF, "ui-brief"))));
    let mut app = app_with(
        brief::app::Startup {
            settings,
            ..startup(start)
        },
        120,
        20,
    );
    press(&mut app, &["t"]);
    type_text(&mut app, "ports, gossip");
    let typing = screen(&app);
    assert!(
        typing.contains("not in the vocabulary: #gossip"),
        "{typing}"
    );
    press(&mut app, &["enter"]);
    let after = screen(&app);
    assert!(
        after.contains("not in the tag vocabulary: #gossip"),
        "{after}"
    );
    assert_eq!(
        brief_of(&app).notes.notes[0].tags,
        ["ports", "gossip"],
        "flagged, not refused"
    );
}

#[test]
fn a_note_of_several_lines_shows_whole_in_the_pane() {
    let mut app = app(120, 30);
    press(&mut app, &["]", "a"]);
    type_text(&mut app, "Check the figures");
    press(&mut app, &["enter"]);
    type_text(&mut app, "and ask the desk");
    press(&mut app, &["ctrl-s", "m"]);
    let shown = screen(&app);
    assert!(shown.contains("Check the figures"), "{shown}");
    assert!(
        shown.contains("and ask the desk"),
        "every line in the pane: {shown}"
    );
}
