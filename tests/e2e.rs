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
    s.wait_until("Staffing at the top of the reader", |screen| {
        screen
            .lines()
            .next()
            .is_some_and(|top| top.contains("Staffing"))
    });
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

    let mut s = Session::start(&[FIXTURE], data.path(), 120, 30);
    s.wait_for("Cargo volumes");
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
