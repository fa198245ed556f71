//! End to end: the real binary in a pseudo-terminal.

mod common;

use common::{Session, TempDir};

const FIXTURE: &str = "tests/fixtures/ui-brief.md";

#[test]
fn three_sections_forward_then_quit() {
    let data = TempDir::new("e2e-sections");
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_for("Cargo volumes through the three main ports");
    s.send("]]]");
    // The fourth section (Staffing) has its heading on the top row of the
    // reading pane.
    s.wait_for_top_line("Staffing");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !s.parser.screen().alternate_screen(),
        "left the alternate screen"
    );
}

#[test]
fn terminal_is_restored_and_mouse_released_on_quit() {
    let data = TempDir::new("e2e-restore");
    let mut s = Session::start(&[FIXTURE], data.path(), 80, 24);
    s.wait_for("Outline");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("\x1b[?1000h"), "mouse capture was turned on");
    assert!(
        raw.contains("\x1b[?1000l"),
        "mouse capture was turned off again"
    );
    assert!(
        raw.contains("\x1b[?2004l"),
        "bracketed paste was turned off again"
    );
}

#[test]
fn resize_rewraps_and_tiny_terminal_says_so() {
    let data = TempDir::new("e2e-resize");
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_for("Cargo volumes");
    s.resize(19, 5);
    s.wait_for("Terminal too small");
    s.resize(40, 12);
    s.wait_for("Cargo volumes");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A terminal that never answers the start-up graphics query: brief gives
/// up on it (half blocks) and then reads keys as usual.
#[test]
fn a_terminal_that_never_answers_the_graphics_query_still_gets_a_reader() {
    let data = TempDir::new("e2e-silent");
    let mut s = Session::start(
        &["tests/fixtures/pictures/pictures.md"],
        data.path(),
        100,
        30,
    );
    s.answers_status = false;
    s.wait_for("The chart below compares");
    s.wait_until("the chart in half blocks", |screen| screen.contains('▀'));
    let before = s.screen();
    s.send("jj");
    s.wait_until("the screen to change after j", |screen| screen != before);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn missing_file_exits_2_with_a_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("no/such/brief.md")
        .output()
        .expect("run brief");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/brief.md") && err.contains("no such file"),
        "{err}"
    );
}

#[test]
fn note_and_tags_survive_a_restart_and_print_from_the_shell() {
    let data = TempDir::new("e2e-notes");
    let mut s = Session::start(&[FIXTURE], data.path(), 120, 30);
    s.wait_for("Cargo volumes");
    s.send("]j");
    s.send("a");
    s.wait_for("New note on");
    s.send("Check the night-shift figures");
    s.send("\x13"); // Ctrl-s
    s.wait_for("note saved");
    s.send("t");
    s.wait_for("tags");
    s.send("ports, follow-up\r");
    s.wait_for("tagged #ports #follow-up");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // Reopened where the reader left off: on the annotated item.
    let mut s = Session::start(&[FIXTURE], data.path(), 120, 30);
    s.wait_for("Most of the shortfall");
    s.send("m");
    s.wait_for("Check the night-shift");
    s.wait_for("#ports #follow-up");
    assert!(
        s.screen().contains("1✎"),
        "outline counts the note:\n{}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["notes", FIXTURE, "--data-dir"])
        .arg(data.path())
        .output()
        .expect("run brief notes");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Check the night-shift figures"), "{text}");
    assert!(text.contains("#ports #follow-up"), "{text}");
    assert!(text.contains("§2 Key judgments, ¶2"), "{text}");
}

/// Writes a brief into a temp folder and returns its path.
fn brief_file(dir: &TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write brief");
    path.to_string_lossy().into_owned()
}

#[test]
fn cite_puts_the_sanitised_citation_on_the_clipboard_with_osc52() {
    use base64::Engine;
    let dir = TempDir::new("e2e-cite");
    let text = "---\ntitle: Hostile\ndate: 2026-03-01\n---\n## Key judgments\n\nEvil \u{1b}]52;c;ZXZpbA==\u{7} text &#27;[2J and &#x9b;31m end.\n";
    let file = brief_file(&dir, "hostile.md", text);
    let mut s = Session::start(&[&file], dir.path(), 100, 30);
    s.wait_for("Evil");
    s.send("y");
    s.wait_for("copied: Hostile, 2026-03-01, Key judgments, §1 ¶1");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let start = raw
        .find("\u{1b}]52;c;")
        .expect("an OSC 52 sequence was written")
        + 7;
    let end = start + raw[start..].find('\u{7}').expect("terminated by BEL");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .expect("valid base64");
    let citation = String::from_utf8(decoded).expect("utf-8");
    // The citation says where the brief is: the file, as it was opened.
    let expected = brief::cite::Citation::with(
        &brief::document::parse(text, "hostile"),
        0,
        Some(std::path::Path::new(&file)),
        brief::cite::Style::Plain,
        brief::cite::QuoteLength::Whole,
    )
    .plain();
    assert_eq!(citation, expected);
    assert!(citation.starts_with(&format!(
        "Hostile, 2026-03-01, Key judgments, §1 ¶1, {file}\n“Evil "
    )));
    assert!(
        !citation.chars().any(|c| c.is_control() && c != '\n'),
        "{citation:?}"
    );
    // Only one OSC 52 sequence: the document's own was defused.
    assert_eq!(raw.matches("\u{1b}]52;").count(), 1);
}

#[test]
fn key_judgments_view_gathers_the_summary_sections() {
    let dir = TempDir::new("e2e-key");
    let text = "# Grid security\n\n## 1. Summary\n\nThe grid is exposed.\n\n## Background\n\nHistory of the grid.\n\n## Recommendations\n\nHarden substations.\n";
    let file = brief_file(&dir, "grid.md", text);
    let mut s = Session::start(&[&file], dir.path(), 100, 30);
    s.wait_for("History of the grid");
    s.send("K");
    s.wait_for("showing key judgments");
    let screen = s.screen();
    assert!(
        screen.contains("The grid is exposed") && screen.contains("Harden substations"),
        "{screen}"
    );
    assert!(!screen.contains("History of the grid"), "{screen}");
    // Enter goes to the block in the whole brief.
    s.send("j\r");
    s.wait_for("History of the grid");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn library_lists_opens_searches_and_returns() {
    let data = TempDir::new("e2e-library");
    let dir = data.path().join("briefs");
    std::fs::create_dir_all(&dir).expect("briefs dir");
    std::fs::write(dir.join("alpha.md"), "---\ntitle: Alpha ports\ndate: 2026-01-02\n---\n## Inspection\n\nNight shifts at the eastern terminal are thin.\n").unwrap();
    std::fs::write(dir.join("beta.md"), "---\ntitle: Beta grain\ndate: 2026-03-04\n---\n## Corridor\n\nInsurers withdrew cover after the strikes.\n\n## Options\n\nConvoys need escorts.\n").unwrap();
    let dir_arg = dir.to_string_lossy().into_owned();
    let mut s = Session::start(&[&dir_arg], data.path(), 120, 30);
    s.wait_for("Library:");
    s.wait_for("Beta grain");
    // Newest first: Beta is selected; open it.
    s.send("\r");
    s.wait_for("Insurers withdrew cover");
    s.send("]");
    s.send("o");
    // Both sections ended on the first screen: Beta counts as read.
    s.wait_until("the library with Beta read", |sc| {
        sc.contains("Library:") && sc.contains(" read ")
    });
    // One search prompt: title matches, then passages.
    s.send("/escor");
    s.wait_for("Convoys need escorts");
    s.send("\r");
    s.send("j\r");
    s.wait_until("the brief at the passage", |sc| {
        sc.contains("Convoys need escorts") && sc.contains("/escor")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn reopening_returns_to_the_same_block() {
    let data = TempDir::new("e2e-position");
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_for("Cargo volumes");
    s.send("]]]]");
    s.wait_until("Options on top", |sc| {
        sc.lines().next().is_some_and(|l| l.contains("Options"))
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_until("the table of Options on screen", |sc| {
        sc.contains("Second scanner")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_brief_edited_on_disk_reloads_in_place_with_its_notes() {
    let dir = TempDir::new("e2e-reload");
    let text = "## One\n\nFirst paragraph.\n\n## Two\n\nSecond paragraph with a note.\n";
    let file = brief_file(&dir, "live.md", text);
    let mut s = Session::start(&[&file], dir.path(), 100, 30);
    s.wait_for("First paragraph");
    s.send("ja");
    s.wait_for("New note on");
    s.send("kept across the reload\x13");
    s.wait_for("note saved");
    std::fs::write(
        &file,
        text.replace("## Two\n", "## Two\n\nA new paragraph above.\n"),
    )
    .unwrap();
    s.wait_for("reloaded: the brief changed on disk");
    s.wait_for("A new paragraph above");
    s.send("m");
    s.wait_for("kept across the reload");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_brief_deleted_while_open_says_so_and_stays_readable() {
    let dir = TempDir::new("e2e-deleted");
    let text = "## One\n\nFirst paragraph.\n\n## Two\n\nSecond paragraph.\n";
    let file = brief_file(&dir, "gone.md", text);
    let mut s = Session::start(&[&file], dir.path(), 100, 30);
    s.wait_for("First paragraph");
    std::fs::remove_file(&file).unwrap();
    s.wait_for("deleted or moved");
    s.send("]");
    s.wait_for("Second paragraph");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A brief with twenty pictures that cannot be drawn (a header claiming
/// 20,000 x 20,000 pixels, and damaged data behind a valid header): the
/// reader still moves on `j`, and the damaged ones say why once the
/// worker has tried them.
#[test]
fn huge_and_corrupt_pictures_do_not_stall_j() {
    let data = TempDir::new("e2e-pictures");
    let dir = data.path().join("brief");
    std::fs::create_dir_all(&dir).expect("brief folder");
    let fixtures = std::path::Path::new("tests/fixtures/pictures");
    for name in ["huge.png", "corrupt.png"] {
        std::fs::copy(fixtures.join(name), dir.join(name)).expect("copy picture");
    }
    let mut text = String::from("# Pictures\n\n");
    for i in 0..10 {
        text.push_str(&format!(
            "Paragraph {i} before.\n\n![huge {i}](huge.png)\n\n![damaged {i}](corrupt.png)\n\n"
        ));
    }
    text.push_str("Last words.\n");
    let brief = dir.join("pictures.md");
    std::fs::write(&brief, text).expect("write brief");
    let brief = brief.to_string_lossy().into_owned();
    let mut s = Session::start(&[&brief], data.path(), 80, 24);
    s.wait_for("Paragraph 0 before");
    s.wait_for("[image: huge 0]");
    s.wait_for("not shown: damaged");
    let before = s.screen();
    s.send("jjjjjj");
    s.wait_until("the screen to change after j", |screen| screen != before);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
