//! Hostile notes files, end to end through the real binary (issue 7):
//! notes with escape sequences, C1 and bidi controls in every field, as a
//! notes file from someone else could hold them, print nothing raw from
//! the shell commands in any format, nor in the reader.

mod common;

use std::ffi::OsStr;
use std::path::PathBuf;

use brief::notes::store::{Header, Store};
use brief::notes::{Note, anchor, anchor_for};
use common::hostile::{
    C1, all_raw, assert_clean_text, assert_no_injected_sequences, brief_text, escape, forbidden,
};
use common::run::{brief, os, write};
use common::{Session, TempDir};

/// Adds notes through the shell with hostile text and tags, then writes
/// hostile strings into every field of the notes file, as a notes file
/// from someone else could hold them. Returns the brief's path.
fn hostile_notes(dir: &TempDir, data: &TempDir) -> PathBuf {
    let file = write(dir, "annotated.md", &brief_text(true));
    let raw = all_raw();
    let out = brief(
        &[
            os("annotate"),
            file.as_os_str(),
            os("--section"),
            os("1"),
            os("--block"),
            os("1"),
            os("--note"),
            os(&format!("shell note {raw} {C1}\nsecond line {raw}")),
            os("--tag"),
            os(&format!("tag{raw}")),
        ],
        data.path(),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    assert_clean_text("annotate's stdout", &out.stdout);

    let parsed = brief::document::load_path(&file, Default::default()).expect("load");
    let fp = anchor::fingerprint(&parsed);
    let store = Store::open_dir(data.path()).expect("store");
    let mut notes = store
        .open_brief(Some(&file), &parsed.title, &fp)
        .expect("notes file");
    assert_eq!(notes.notes.len(), 1);
    let evil = |s: &str| format!("{s} {raw} {C1} \u{202e}rtl\u{2066}");
    // The shell note, edited: every string field hostile.
    let n = &mut notes.notes[0];
    n.tags.push(evil("second"));
    n.original_quote = Some(evil("was quoted"));
    n.anchor.quote = evil(&n.anchor.quote);
    n.created = evil("2026-01-01T00:00:00Z");
    // An orphan whose old place is hostile.
    let mut orphan = Note::new(anchor_for(&parsed, 1), evil("orphan text"), vec![evil("o")]);
    orphan.anchor.hash = "0000000000000000".into();
    orphan.anchor.quote = evil("nothing like any block");
    orphan.anchor.section = vec![evil("Old section"), evil("Sub")];
    orphan.anchor.before = evil("before");
    orphan.anchor.after = evil("after");
    notes.notes.push(orphan);
    // A note with tags only: the pane shows its quote.
    let mut tagged = Note::new(anchor_for(&parsed, 2), String::new(), Vec::new());
    tagged.tags = vec![evil("only")];
    tagged.anchor.quote = evil("quote shown in the pane");
    notes.notes.push(tagged);
    notes
        .save(Header::new(Some(&file), &parsed.title, &fp))
        .expect("save hostile notes");
    file
}

#[test]
fn notes_commands_print_no_control_characters_in_any_format() {
    let dir = TempDir::new("hostile-notes-cli");
    let data = TempDir::new("hostile-notes-cli-data");
    let file = hostile_notes(&dir, &data);
    let f = file.as_os_str();
    let mut runs: Vec<Vec<&OsStr>> = Vec::new();
    for format in ["markdown", "json", "csv", "toml"] {
        runs.push(vec![os("notes"), f, os("--format"), os(format)]);
        runs.push(vec![os("notes"), os("--format"), os(format)]);
    }
    runs.push(vec![os("tags")]);
    runs.push(vec![os("tags"), f]);
    for group in ["tag", "brief", "kind"] {
        runs.push(vec![os("memo"), os("--group-by"), os(group)]);
    }
    for format in ["plain", "markdown", "json"] {
        for (section, block) in [("1", "1"), ("2", "1"), ("4", "1"), ("5", "1")] {
            runs.push(vec![
                os("cite"),
                f,
                os("--section"),
                os(section),
                os("--block"),
                os(block),
                os("--format"),
                os(format),
            ]);
        }
    }
    runs.push(vec![os("outline"), f]);
    runs.push(vec![os("outline"), os("--json"), f]);
    for args in &runs {
        let out = brief(args, data.path());
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr());
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
        assert_clean_text(&format!("{args:?}"), &out.stdout);
        assert_clean_text(&format!("stderr of {args:?}"), &out.stderr);
    }
    // JSON and TOML escape control characters, so the raw text is clean
    // either way: the decoded strings must be clean too.
    for format in ["json", "toml"] {
        let out = brief(&[os("notes"), f, os("--format"), os(format)], data.path());
        let text = out.stdout();
        let strings = match format {
            "json" => json_strings(&serde_json::from_str(&text).expect("valid JSON")),
            _ => toml_strings(&toml::from_str(&text).expect("valid TOML")),
        };
        assert!(strings.len() > 10, "{strings:?}");
        for s in strings {
            let bad = forbidden(&s, &['\n']);
            assert!(bad.is_empty(), "{format} value {s:?} holds {bad:?}");
        }
    }
    let out = brief(&[os("outline"), os("--json"), f], data.path());
    let outline: serde_json::Value = serde_json::from_str(&out.stdout()).expect("JSON");
    for s in json_strings(&outline) {
        assert!(forbidden(&s, &[]).is_empty(), "outline JSON value {s:?}");
    }
}

fn json_strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(json_strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(json_strings).collect(),
        _ => Vec::new(),
    }
}

fn toml_strings(v: &toml::Value) -> Vec<String> {
    match v {
        toml::Value::String(s) => vec![s.clone()],
        toml::Value::Array(a) => a.iter().flat_map(toml_strings).collect(),
        toml::Value::Table(t) => t.values().flat_map(toml_strings).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn reader_writes_no_escape_sequence_from_a_hostile_notes_file() {
    let size = (120, 36);
    let tour = |s: &mut Session| {
        s.wait_for("Opening heading");
        s.send("m");
        s.wait_for("Notes (3 · 1 orphaned)");
        s.wait_for("orphaned");
        // Edit the shell note: the editor shows its text and the quote it
        // was made on.
        s.send("e");
        s.wait_for("Edit note");
        escape(s, "Edit note");
        // Walk the notes pane and open each note.
        s.send("\t\t");
        for _ in 0..3 {
            s.send("j\r");
            s.settle();
        }
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{}", s.screen());
    };
    let dir = TempDir::new("hostile-notes-reader");
    let data = TempDir::new("hostile-notes-reader-data");
    let file = hostile_notes(&dir, &data);
    let mut s = Session::start(
        &[file.to_str().expect("utf-8")],
        data.path(),
        size.0,
        size.1,
    );
    tour(&mut s);
    let hostile = s.raw.clone();

    // The clean run: the same notes without the hostile strings.
    let clean_dir = TempDir::new("clean-notes-reader");
    let clean_data = TempDir::new("clean-notes-reader-data");
    let clean_file = write(&clean_dir, "annotated.md", &brief_text(false));
    let parsed = brief::document::load_path(&clean_file, Default::default()).expect("load");
    let fp = anchor::fingerprint(&parsed);
    let store = Store::open_dir(clean_data.path()).expect("store");
    let mut notes = store
        .open_brief(Some(&clean_file), &parsed.title, &fp)
        .expect("notes");
    let mut first = Note::new(
        anchor_for(&parsed, 0),
        "shell note".into(),
        vec!["tag".into()],
    );
    first.original_quote = Some("was quoted".into());
    let mut orphan = Note::new(anchor_for(&parsed, 1), "orphan".into(), vec!["o".into()]);
    orphan.anchor.hash = "0000000000000000".into();
    orphan.anchor.quote = "nothing like any block".into();
    orphan.anchor.section = vec!["Old section".into()];
    let tagged = Note::new(anchor_for(&parsed, 2), String::new(), vec!["only".into()]);
    notes.notes.extend([first, orphan, tagged]);
    notes
        .save(Header::new(Some(&clean_file), &parsed.title, &fp))
        .expect("save");
    let mut s = Session::start(
        &[clean_file.to_str().expect("utf-8")],
        clean_data.path(),
        size.0,
        size.1,
    );
    tour(&mut s);
    assert_no_injected_sequences(&hostile, &s.raw, size);
}
