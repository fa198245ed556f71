//! Word comments imported as notes (issue 15): each comment of a .docx
//! becomes a note on the paragraph it is on, with its author and text,
//! tagged `imported`, once: reopening adds nothing, and a note the reader
//! deleted does not come back. Hostile comments are sanitised and capped.

mod common;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use brief::app::msg::{LoadRequest, Loaded};
use brief::document::comments::MAX_IMPORTED;
use brief::document::load_path;
use brief::notes::Note;
use brief::notes::store::{Header, Store};
use brief::runtime::open::{Env, load};
use common::TempDir;
use common::run::brief as run_brief;
use common::tui::{opened_at, press, screen};

fn memo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/memo.docx")
}

/// Opens `path` as the app's loader does, with notes in `data`.
fn open(path: &Path, data: &Path) -> Loaded {
    let env = Env {
        data_dir: Some(data.to_path_buf()),
        team: None,
    };
    let request = LoadRequest {
        path: path.to_path_buf(),
        at: None,
        reload: false,
        back: None,
        attach: None,
    };
    load(&env, &request).expect("the brief opens")
}

fn imported(notes: &[Note]) -> Vec<&Note> {
    notes.iter().filter(|n| n.has_tag("imported")).collect()
}

/// memo.docx with its comments part replaced (or dropped, with None).
fn memo_with_comments(dir: &Path, comments: Option<&str>) -> PathBuf {
    let bytes = std::fs::read(memo()).expect("fixture");
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..from.len() {
        let mut entry = from.by_index(i).expect("entry");
        let name = entry.name().expect("a name").into_owned();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).expect("entry reads");
        if name == "word/comments.xml" {
            match comments {
                Some(xml) => text = xml.as_bytes().to_vec(),
                None => continue,
            }
        }
        to.start_file(name, options).expect("start");
        to.write_all(&text).expect("write");
    }
    let path = dir.join("memo.docx");
    let out = to.finish().expect("finish").into_inner();
    std::fs::write(&path, out).expect("written");
    path
}

fn comments_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><w:comments xmlns:w=\"http://schemas.openxmlformats.org/\
         wordprocessingml/2006/main\">{body}</w:comments>"
    )
}

#[test]
fn converting_the_memo_yields_its_two_comments_with_what_they_are_on() {
    let brief = load_path(&memo(), Default::default()).expect("loads");
    let got: Vec<(&str, &str, &str)> = brief
        .imported
        .iter()
        .map(|c| (c.author.as_str(), c.text.as_str(), c.quote.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "R. Analyst",
                "Which month is the baseline?",
                "Shipping through the corridor rose for a third month"
            ),
            (
                "S. Reviewer",
                "Cite the storm season.",
                "Mines drift into the lanes after storms; see the notice to mariners."
            ),
        ]
    );
    assert_eq!(brief.imported[0].date, "2026-02-04T09:00:00Z");
}

#[test]
fn opening_the_memo_makes_two_notes_tagged_imported_on_their_paragraphs() {
    let data = TempDir::new("comments-open");
    let loaded = open(&memo(), data.path());
    let notes = imported(&loaded.notes);
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].author, "R. Analyst");
    assert_eq!(notes[0].text, "Which month is the baseline?");
    assert!(
        notes[0]
            .anchor
            .quote
            .starts_with("Shipping through the corridor")
    );
    assert_eq!(notes[1].author, "S. Reviewer");
    assert_eq!(notes[1].anchor.section, ["Findings", "Risks to watch"]);
    assert_eq!(
        loaded.notice.as_deref(),
        Some("2 comments imported as notes (tagged imported)")
    );
    // And the reader shows them in the notes pane, with their authors.
    let mut app = opened_at(loaded, 120, 40);
    press(&mut app, &["m"]);
    let shown = screen(&app);
    assert!(shown.contains("Which month is the baseline?"), "{shown}");
    assert!(shown.contains("Cite the storm season."), "{shown}");
    // Each with its author's initials.
    assert!(shown.contains("[RA]") && shown.contains("[SR]"), "{shown}");
}

#[test]
fn reopening_the_memo_adds_no_duplicates() {
    let data = TempDir::new("comments-reopen");
    let first = open(&memo(), data.path());
    let again = open(&memo(), data.path());
    assert_eq!(imported(&again.notes).len(), 2);
    assert_eq!(again.notes.len(), first.notes.len());
    assert_eq!(again.notice, None);
    // The command line finds the same two, and adds none either.
    let memo = memo();
    let out = run_brief(&[OsStr::new("notes"), memo.as_os_str()], data.path());
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(listed.matches("#imported").count(), 2, "{listed}");
    assert_eq!(imported(&open(&memo, data.path()).notes).len(), 2);
}

#[test]
fn an_imported_note_the_reader_deleted_does_not_come_back() {
    let data = TempDir::new("comments-deleted");
    let loaded = open(&memo(), data.path());
    let store = Store::open_dir(data.path()).expect("store");
    let brief = load_path(&memo(), Default::default()).expect("loads");
    let header = Header::for_brief(Some(&memo()), &brief);
    let mut file = store
        .open_with(Some(&memo()), header.clone())
        .expect("opens")
        .notes;
    let gone = loaded.notes[0].id.clone();
    file.notes.retain(|n| n.id != gone);
    file.save(header).expect("saved");
    let again = open(&memo(), data.path());
    assert_eq!(imported(&again.notes).len(), 1);
    assert!(again.notes.iter().all(|n| n.id != gone));
}

#[test]
fn a_word_file_without_comments_imports_nothing() {
    let dir = TempDir::new("comments-none");
    let path = memo_with_comments(dir.path(), None);
    let loaded = open(&path, &dir.path().join("data"));
    assert!(loaded.brief.imported.is_empty());
    assert!(loaded.notes.is_empty());
}

#[test]
fn control_characters_in_a_comment_are_sanitised() {
    let dir = TempDir::new("comments-hostile");
    let xml = comments_xml(
        "<w:comment w:id=\"1\" w:author=\"Eve\u{1b}]0;owned\u{7}\">\
         <w:p><w:r><w:t>clear\u{1b}[2J screen\u{9b}31m</w:t></w:r></w:p></w:comment>",
    );
    let path = memo_with_comments(dir.path(), Some(&xml));
    let loaded = open(&path, &dir.path().join("data"));
    let notes = imported(&loaded.notes);
    assert_eq!(notes.len(), 1);
    for text in [&notes[0].author, &notes[0].text] {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
    assert!(notes[0].text.contains("screen"));
    // A comment the body does not mark goes on the first block.
    assert_eq!(notes[0].anchor.block, 1);
}

#[test]
fn ten_thousand_comments_are_capped_with_a_warning() {
    let dir = TempDir::new("comments-flood");
    let body: String = (0..10_000)
        .map(|i| format!("<w:comment w:id=\"{i}\" w:author=\"A\"><w:p><w:r><w:t>c{i}</w:t></w:r></w:p></w:comment>"))
        .collect();
    let path = memo_with_comments(dir.path(), Some(&comments_xml(&body)));
    let loaded = open(&path, &dir.path().join("data"));
    assert_eq!(loaded.brief.imported.len(), MAX_IMPORTED);
    assert_eq!(imported(&loaded.notes).len(), MAX_IMPORTED);
    assert!(
        loaded
            .brief
            .warnings
            .iter()
            .any(|w| w.contains("9500 comments past the first 500")),
        "{:?}",
        loaded.brief.warnings
    );
}
