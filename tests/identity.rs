//! Notes and reading state follow the brief, not its path (issue 12):
//! moved, renamed and edited, a brief finds its notes again; a new version
//! beside the old one is offered them; `brief carry` copies them.

mod common;

use std::path::{Path, PathBuf};

use common::{Session, TempDir};

/// A brief of `paragraphs` paragraphs under a section every ten; the first
/// `edited` paragraphs are reworded.
fn brief_text(title: &str, paragraphs: usize, edited: usize) -> String {
    let mut md = format!("---\ntitle: {title}\n---\n");
    for i in 0..paragraphs {
        if i % 10 == 0 {
            md.push_str(&format!("## Part {}\n\n", i / 10 + 1));
        }
        let says = if i < edited {
            "now reads rather differently after the revision"
        } else {
            "stays exactly as it was first written"
        };
        md.push_str(&format!("Paragraph {i} on the port authority {says}.\n\n"));
    }
    md
}

fn brief(data: &Path, args: &[&str]) -> common::run::Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    common::run::brief(&args, data)
}

fn annotate(data: &Path, file: &Path, section: usize, block: usize, text: &str) {
    let file = file.to_str().expect("utf-8 path");
    let (s, b) = (section.to_string(), block.to_string());
    let out = brief(
        data,
        &[
            "annotate",
            file,
            "--section",
            &s,
            "--block",
            &b,
            "--note",
            text,
        ],
    );
    assert!(
        out.code == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn notes_of(data: &Path, file: &Path) -> String {
    let out = brief(data, &["notes", file.to_str().expect("utf-8 path")]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn setup(tag: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(tag);
    let dir = tmp.path().join("briefs");
    std::fs::create_dir_all(&dir).expect("briefs folder");
    let file = dir.join("ports.md");
    std::fs::write(&file, brief_text("Port Authority", 40, 0)).expect("write brief");
    (tmp, file)
}

#[test]
fn a_brief_moved_renamed_and_edited_keeps_every_note() {
    let (tmp, file) = setup("moved-edited");
    let data = tmp.path().join("data");
    for (s, b, text) in [
        (1, 2, "first"),
        (2, 5, "second"),
        (3, 1, "third"),
        (4, 9, "fourth"),
    ] {
        annotate(&data, &file, s, b, text);
    }
    // A tenth of the paragraphs reworded, then moved and renamed.
    let elsewhere = tmp.path().join("archive");
    std::fs::create_dir_all(&elsewhere).expect("archive folder");
    let moved = elsewhere.join("port-authority-final.md");
    std::fs::write(&moved, brief_text("Port Authority", 40, 4)).expect("write moved");
    std::fs::remove_file(&file).expect("remove the old file");

    let listed = notes_of(&data, &moved);
    for text in ["first", "second", "third", "fourth"] {
        assert!(listed.contains(text), "{text} missing:\n{listed}");
    }
    // Nothing left behind under the old name, lock files included.
    let left: Vec<String> = std::fs::read_dir(data.join("notes"))
        .expect("notes folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter().all(|n| n.starts_with("port-authority-final")),
        "{left:?}"
    );
    // The next save records where the brief was.
    annotate(&data, &moved, 1, 1, "fifth");
    let stored = std::fs::read_to_string(
        data.join("notes").join(
            left.iter()
                .find(|n| n.ends_with(".toml"))
                .expect("notes file"),
        ),
    )
    .expect("notes file");
    assert!(
        stored.contains("paths = [") && stored.contains("ports.md"),
        "the old path is kept: {}",
        &stored[..stored.find("[[notes]]").unwrap_or(stored.len())]
    );
}

#[test]
fn the_reader_says_where_moved_notes_came_from_and_keeps_the_reading_state() {
    let (tmp, file) = setup("moved-pty");
    let data = tmp.path().join("data");
    annotate(&data, &file, 1, 2, "check the tonnage");
    let arg = file.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], &data, 100, 30);
    s.wait_for("Paragraph 0");
    s.send("]]]");
    s.wait_for("Part 4");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let moved = tmp.path().join("renamed.md");
    std::fs::write(&moved, brief_text("Port Authority", 40, 3)).expect("write moved");
    std::fs::remove_file(&file).expect("remove the old file");
    let arg = moved.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], &data, 100, 30);
    s.wait_for("(moved here): 1");
    assert!(
        s.screen().contains("Part 4"),
        "reopened where it was left:\n{}",
        s.screen()
    );
    s.send("m");
    s.wait_for("check the tonnage");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_new_version_beside_the_old_one_is_offered_its_notes() {
    let (tmp, file) = setup("new-version");
    let data = tmp.path().join("data");
    annotate(&data, &file, 2, 3, "carried over");
    let v2 = file.with_file_name("ports-v2.md");
    std::fs::write(&v2, brief_text("Port Authority", 44, 6)).expect("write v2");
    let arg = v2.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], &data, 120, 30);
    s.wait_for("new version");
    s.send("y");
    s.wait_for("1✎");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(notes_of(&data, &v2).contains("carried over"));
    assert!(
        notes_of(&data, &file).contains("carried over"),
        "the old keeps its own"
    );

    // Said no once, not asked again.
    let v3 = file.with_file_name("ports-v3.md");
    std::fs::write(&v3, brief_text("Port Authority", 44, 8)).expect("write v3");
    let arg = v3.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], &data, 120, 30);
    s.wait_for("new version");
    s.send("n");
    s.wait_for("kept apart");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let mut s = Session::start(&[&arg], &data, 120, 30);
    s.wait_for("Paragraph 0");
    s.settle();
    assert!(!s.screen().contains("new version"), "{}", s.screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn carry_copies_notes_to_a_new_version_and_says_where_they_landed() {
    let (tmp, file) = setup("carry");
    let data = tmp.path().join("data");
    annotate(&data, &file, 1, 1, "kept in place");
    annotate(&data, &file, 1, 2, "on an edited paragraph");
    let v2 = file.with_file_name("ports-2027.md");
    std::fs::write(
        &v2,
        brief_text("Port Authority", 40, 2).replacen(
            "Paragraph 0 on the port authority now reads rather differently after the revision.",
            "Paragraph 0 on the port authority stays exactly as it was first written.",
            1,
        ),
    )
    .expect("write v2");
    let (old, new) = (file.to_str().expect("utf-8"), v2.to_str().expect("utf-8"));
    let out = brief(&data, &["carry", old, new]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.code == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("carried 2 note(s)"), "{said}");
    assert!(said.contains("in place  kept in place"), "{said}");
    assert!(said.contains("edited    on an edited paragraph"), "{said}");
    let listed = notes_of(&data, &v2);
    assert!(listed.contains("kept in place") && listed.contains("on an edited paragraph"));
    assert!(notes_of(&data, &file).contains("kept in place"));
    // Again: nothing new to copy, and it says so.
    let again = brief(&data, &["carry", old, new]);
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(
        said.contains("carried 0 note(s)") && said.contains("2 there already"),
        "{said}"
    );
    // A brief is not its own new version.
    let same = brief(&data, &["carry", old, old]);
    assert_eq!(same.code, Some(2));
}

#[test]
fn a_library_folder_moved_elsewhere_keeps_its_notes_and_reading_state() {
    let (tmp, file) = setup("library-moved");
    let data = tmp.path().join("data");
    let other = file.with_file_name("grain.md");
    std::fs::write(&other, brief_text("Grain Corridor", 20, 0)).expect("write grain");
    annotate(&data, &file, 1, 1, "ports note");
    annotate(&data, &other, 2, 2, "grain note");
    // Grain is read to its end.
    let arg = other.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], &data, 120, 30);
    s.wait_for("Paragraph 0");
    s.send("G");
    s.wait_for("Paragraph 19");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let moved = tmp.path().join("synced-briefs");
    std::fs::rename(file.parent().expect("folder"), &moved).expect("move the folder");
    // The library shows both briefs' notes, and what was read, before
    // either is opened.
    let arg = moved.to_string_lossy().into_owned();
    let mut s = Session::start(&[&arg], &data, 120, 30);
    s.wait_for("Grain Corridor");
    s.wait_until("both counted", |screen| screen.matches("1✎").count() == 2);
    let grain = s
        .screen()
        .lines()
        .find(|l| l.contains("Grain Corridor") && l.contains("✎"))
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(grain.contains("read"), "progress kept: {grain}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(notes_of(&data, &moved.join("ports.md")).contains("ports note"));
    assert!(notes_of(&data, &moved.join("grain.md")).contains("grain note"));
}

#[test]
fn a_copy_beside_a_moved_original_does_not_take_its_notes() {
    let (tmp, file) = setup("copy-beside");
    let data = tmp.path().join("data");
    annotate(&data, &file, 1, 1, "the original's note");
    let moved = tmp.path().join("moved-briefs");
    std::fs::rename(file.parent().expect("folder"), &moved).expect("move the folder");
    let copy = moved.join("ports-copy.md");
    std::fs::copy(moved.join("ports.md"), &copy).expect("copy the brief");
    // The copy is opened first: it must not take the notes of the brief
    // that moved, which stands beside it under its old name.
    assert!(!notes_of(&data, &copy).contains("the original's note"));
    assert!(notes_of(&data, &moved.join("ports.md")).contains("the original's note"));
}
