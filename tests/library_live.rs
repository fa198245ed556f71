//! The library while files change under it, through the real binary: it
//! notices briefs added and removed, and a brief that has gone never ends
//! the program: the reader stays where it was, with a message.

mod common;

use std::path::Path;

use common::{Session, TempDir};

fn write(dir: &Path, name: &str, title: &str, body: &str) {
    let text = format!("---\ntitle: {title}\ndate: 2026-03-01\n---\n## One\n\n{body}\n");
    std::fs::write(dir.join(name), text).expect("write brief");
}

fn library(tag: &str) -> (TempDir, std::path::PathBuf) {
    let data = TempDir::new(tag);
    let dir = data.path().join("briefs");
    std::fs::create_dir_all(&dir).expect("briefs folder");
    write(&dir, "alpha.md", "Alpha ports", "Night shifts are thin.");
    write(&dir, "beta.md", "Beta grain", "Insurers withdrew cover.");
    (data, dir)
}

#[test]
fn the_library_notices_briefs_added_and_removed_while_it_is_open() {
    let (data, dir) = library("live-list");
    let arg = dir.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], data.path(), 120, 30);
    s.wait_for("Beta grain");
    write(&dir, "gamma.md", "Gamma convoys", "Escorts are scarce.");
    s.wait_for("Gamma convoys");
    std::fs::remove_file(dir.join("alpha.md")).expect("remove a brief");
    s.wait_until("Alpha gone", |screen| !screen.contains("Alpha ports"));
    assert!(s.screen().contains("(2 briefs)"), "{}", s.screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_note_whose_brief_has_gone_leaves_the_reader_in_the_library() {
    let (data, dir) = library("gone-note");
    let beta = dir.join("beta.md");
    let mut args = vec![std::ffi::OsStr::new("annotate"), beta.as_os_str()];
    args.extend(
        [
            "--section",
            "1",
            "--block",
            "1",
            "--note",
            "check the insurers",
        ]
        .map(std::ffi::OsStr::new),
    );
    let annotated = common::run::brief(&args, data.path());
    assert_eq!(annotated.code, Some(0), "{}", annotated.stderr());
    std::fs::remove_file(&beta).expect("remove the annotated brief");

    let arg = dir.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], data.path(), 120, 30);
    s.wait_for("Alpha ports");
    s.send("m");
    s.wait_for("check the insurers");
    s.send("\r");
    s.wait_for("no such file");
    assert!(s.screen().contains("check the insurers"), "{}", s.screen());
    // Still working: back to the list, and into a brief that is there.
    s.send("m");
    s.wait_for("Alpha ports");
    s.send("\r");
    s.wait_for("Night shifts are thin");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn going_back_to_a_brief_that_has_gone_keeps_the_reader_where_it_is() {
    let (data, dir) = library("gone-back");
    let beta = dir.join("beta.md");
    std::fs::write(
        &beta,
        "---\ntitle: Beta grain\n---\n## One\n\nSee [alpha](alpha.md#one).\n",
    )
    .expect("write the linking brief");
    let arg = beta.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], data.path(), 120, 30);
    s.wait_for("See alpha");
    s.send("f");
    s.wait_for("Links");
    s.send("1");
    s.wait_for("Night shifts are thin");
    std::fs::remove_file(&beta).expect("remove the brief left behind");
    s.send("\x7f"); // Backspace: back to the brief the link was in
    s.wait_for("no such file");
    assert!(
        s.screen().contains("Night shifts are thin"),
        "{}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Issue 12.3: a brief edited on disk while it is open keeps what was read;
/// the changed section is marked Δ and `D` shows the change.
#[test]
fn a_brief_edited_while_open_keeps_what_was_read_and_shows_the_change() {
    let data = TempDir::new("live-edit");
    let file = data.path().join("live.md");
    let mut md = String::from("---\ntitle: Live edits\n---\n");
    for i in 1..=6 {
        md.push_str(&format!(
            "## Part {i}\n\nPart {i} says the convoy left at dawn.\n\n"
        ));
    }
    std::fs::write(&file, &md).expect("write brief");
    let arg = file.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], data.path(), 100, 30);
    s.wait_for("Part 1 says");
    s.send("G");
    s.wait_for("Part 6 says");
    std::fs::write(
        &file,
        md.replace(
            "Part 4 says the convoy left at dawn",
            "Part 4 says the convoy left at noon",
        ),
    )
    .expect("edit the brief");
    s.wait_for("reloaded");
    s.wait_for("Δ");
    s.send(":");
    s.send("Part 4");
    s.send("\r");
    s.send("D");
    s.wait_for("changes since you read it");
    assert!(s.screen().contains("noon"), "{}", s.screen());
    s.send("\x1b");
    // Esc and a key at once read as Alt-key: let the Esc land first.
    s.wait_until("the changes closed", |sc| {
        !sc.contains("changes since you read it")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    // Every section stays read.
    let state = std::fs::read_dir(data.path().join("state"))
        .expect("state folder")
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| std::fs::read_to_string(e.path()).expect("state file"))
        .expect("a state file");
    assert_eq!(state.matches("[[read]]").count(), 6, "{state}");
}

#[test]
fn a_tag_added_in_the_reader_is_found_by_the_library_search_at_once() {
    let (data, dir) = library("live-tags");
    let arg = dir.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], data.path(), 120, 30);
    s.wait_for("Beta grain");
    s.send("\r"); // the first brief of the list (Alpha and Beta share a date)
    s.wait_for("Night shifts are thin.");
    s.send("t"); // tags the paragraph the reader is on
    s.wait_for("tags:");
    s.send("nightwork\r");
    s.wait_for("#nightwork");
    s.send("o"); // back to the library, in the same process
    s.wait_for("(2 briefs)");
    s.send("/");
    s.send("#nightwork");
    s.wait_for("1 by text");
    assert!(s.screen().contains("Night shifts"), "{}", s.screen());
    s.send("\r"); // leaves the query, keeping its results
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
