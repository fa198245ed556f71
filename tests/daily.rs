//! The analyst's daily loop (issue 17): the command line's small faults,
//! whole quotes and citations, dates, and notes you can read.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TempDir;

const FIXTURE: &str = "tests/fixtures/ui-brief.md";

/// `brief ARGS` from the crate's folder, with its own data and config
/// folders.
fn brief(data: &TempDir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_DATA_DIR", data.path())
        .env("BRIEF_CONFIG_DIR", data.path().join("config"))
        .args(args)
        .output()
        .expect("run brief")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn annotate(data: &TempDir, file: &str, at: (usize, usize), extra: &[&str]) -> Output {
    let (section, block) = (at.0.to_string(), at.1.to_string());
    let mut args = vec!["annotate", file, "--section", &section, "--block", &block];
    args.extend_from_slice(extra);
    brief(data, &args)
}

#[test]
fn annotate_refuses_a_tag_the_app_could_not_type() {
    let data = TempDir::new("daily-bad-tag");
    let out = annotate(&data, FIXTURE, (1, 1), &["--tag", "bad tag"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("bad-tag"), "{}", stderr(&out));
    // Nothing was saved.
    let notes = brief(&data, &["notes", "--format", "json"]);
    assert_eq!(stdout(&notes).trim(), "[]");
}

#[test]
fn renaming_a_tag_no_note_has_says_so_and_exits_1() {
    let data = TempDir::new("daily-no-such-tag");
    let out = annotate(&data, FIXTURE, (1, 1), &["--tag", "ports"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = brief(&data, &["tags", "rename", "nope", "x"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("no note has the tag #nope"),
        "{}",
        stderr(&out)
    );
    let out = brief(&data, &["tags", "delete", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    // A tag that is there is still renamed.
    let out = brief(&data, &["tags", "rename", "ports", "harbours"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("on 1 note(s)"), "{}", stdout(&out));
}

#[test]
fn renaming_a_tag_to_one_with_a_space_is_refused() {
    let data = TempDir::new("daily-rename-space");
    annotate(&data, FIXTURE, (1, 1), &["--tag", "ports"]);
    let out = brief(&data, &["tags", "rename", "ports", "sea ports"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sea-ports"), "{}", stderr(&out));
}

/// The library's notes view, before its scan is in, with one note made
/// on a brief read from a pipe.
mod piped_note {
    use super::*;
    use brief::app::{Msg, Start};
    use brief::notes::export::ExportNote;
    use common::tui::{app_with, press, screen, startup};

    fn row() -> ExportNote {
        ExportNote {
            brief: "Piped brief".into(),
            path: String::new(),
            date: None,
            author: None,
            url: None,
            section: "Intro".into(),
            section_number: 1,
            block: 1,
            quote: "Text.".into(),
            original_quote: None,
            tags: vec![],
            text: "A note from the pipe".into(),
            kind: None,
            stance: None,
            flags: vec![],
            by: String::new(),
            reply_to: None,
            colleague: false,
            id: "n1".into(),
            created: "2026-01-01T00:00:00Z".into(),
            updated: "2026-01-01T00:00:00Z".into(),
            fingerprint: String::new(),
        }
    }

    #[test]
    fn is_said_to_come_from_a_pipe_not_to_be_orphaned() {
        let dir = TempDir::new("daily-piped");
        let mut app = app_with(startup(Start::Library(dir.path().to_path_buf())), 100, 20);
        press(&mut app, &["m"]);
        app.update(Msg::AllNotes {
            rows: vec![row()],
            problems: vec![],
        });
        let shown = screen(&app);
        assert!(shown.contains("[from a pipe: no file]"), "{shown}");
        press(&mut app, &["enter"]);
        let status = app
            .shared()
            .status
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(status.contains("read from a pipe"), "{status}");
        assert!(!status.contains("orphaned"), "{status}");
    }
}

#[test]
fn help_says_the_argument_may_be_a_folder_or_a_pipe() {
    let data = TempDir::new("daily-help");
    let out = brief(&data, &["--help"]);
    let text = stdout(&out);
    assert!(text.contains("folder of briefs"), "{text}");
    assert!(text.contains("`-`"), "{text}");
    assert!(text.contains("FILE|DIR|-"), "{text}");
}

#[test]
fn brief_tags_shows_children_under_their_parent() {
    let data = TempDir::new("daily-tag-tree");
    annotate(&data, FIXTURE, (1, 1), &["--tag", "sanctions/eu"]);
    annotate(&data, FIXTURE, (2, 1), &["--tag", "sanctions/us"]);
    let out = brief(&data, &["tags"]);
    assert_eq!(
        stdout(&out),
        "2  sanctions\n1    sanctions/eu\n1    sanctions/us\n"
    );
}

/// The brief screen at a size, with settings of the test's choosing.
mod screen {
    use brief::app::{Loaded, Start};
    use brief::document::parse;
    use common::tui::{app_with, press, screen, startup};

    use super::*;

    const BRIEF: &str = include_str!("fixtures/ui-brief.md");

    /// The fixture brief in memory, started in `/work/here`, with a note
    /// on its first paragraph.
    fn annotated(width: u16, height: u16) -> brief::app::App {
        let mut start = startup(Start::Opened(Box::new(Loaded::in_memory(parse(
            BRIEF, "t",
        )))));
        start.settings.cwd = Some("/work/here".into());
        start.settings.home = Some("/home/ana".into());
        let mut app = app_with(start, width, height);
        press(&mut app, &["a"]);
        common::tui::type_text(&mut app, "A note to send on");
        press(&mut app, &["ctrl-s"]);
        app.take_effects();
        app
    }

    #[test]
    fn export_writes_the_format_of_the_extension_to_a_stated_path() {
        use brief::app::Effect;
        let mut app = annotated(120, 30);
        press(&mut app, &["E"]);
        let shown = screen(&app);
        assert!(
            shown.contains("→ /work/here/brief-notes.md (Markdown)"),
            "{shown}"
        );
        press(&mut app, &["enter"]);
        let effects = app.take_effects();
        let Some(Effect::Export(request)) = effects.first() else {
            panic!("an export: {effects:?}");
        };
        assert_eq!(request.path, Path::new("/work/here/brief-notes.md"));
        let text = request.rendered.as_deref().unwrap_or_default();
        assert!(text.starts_with("# Notes on"), "{text}");
        assert!(text.contains("A note to send on"), "{text}");

        for (name, start) in [("~/n.csv", "brief,path"), ("n.json", "[")] {
            press(&mut app, &["E", "ctrl-u"]);
            common::tui::type_text(&mut app, name);
            press(&mut app, &["enter"]);
            let effects = app.take_effects();
            let Some(Effect::Export(request)) = effects.first() else {
                panic!("an export: {effects:?}");
            };
            let text = request.rendered.as_deref().unwrap_or_default();
            assert!(text.starts_with(start), "{name}: {text}");
        }
        // .toml is a notes file, as the data folder keeps them.
        press(&mut app, &["E", "ctrl-u"]);
        common::tui::type_text(&mut app, "n.toml");
        press(&mut app, &["enter"]);
        let effects = app.take_effects();
        assert!(
            matches!(effects.first(), Some(Effect::Export(r)) if r.rendered.is_none()),
            "{effects:?}"
        );
        // A name with no known extension is refused before anything is
        // written, and the prompt stays.
        press(&mut app, &["E", "ctrl-u"]);
        common::tui::type_text(&mut app, "notes.txt");
        assert!(
            screen(&app).contains("end the name with .md"),
            "{}",
            screen(&app)
        );
        press(&mut app, &["enter"]);
        assert!(app.take_effects().is_empty());
        assert!(screen(&app).contains("export notes to"), "{}", screen(&app));
    }

    /// The fixture with four notes: a long typed note with tags, a
    /// tags-only note, a question and a recommendation.
    fn with_notes(width: u16, height: u16) -> brief::app::App {
        use brief::app::NotesHome;
        use brief::notes::{Kind, Note, Stance, anchor_for};
        let b = parse(BRIEF, "ui-brief");
        let note = |block: usize, text: &str, tags: &[&str], kind, stance| {
            let tags = tags.iter().map(|t| (*t).to_owned()).collect();
            let mut n = Note::new(anchor_for(&b, block), text.to_owned(), tags);
            n.kind = kind;
            n.stance = stance;
            n
        };
        let notes = vec![
            note(
                1,
                "Coverage figures come from the port authority's own audit, which counts \
                 containers opened rather than containers scanned; the real rate may be lower \
                 still.\nAsk the desk for the raw numbers.",
                &["ports", "inspections", "follow-up"],
                Some(Kind::Claim),
                Some(Stance::Agree),
            ),
            note(3, "", &["scanner", "budget"], None, None),
            note(
                6,
                "Is the union cap fixed in law or only in the agreement?",
                &[],
                Some(Kind::Question),
                Some(Stance::Unsure),
            ),
            note(
                8,
                "Back the scanner: the bridge staff cost less than a year of missed seizures.",
                &["scanner"],
                Some(Kind::Recommendation),
                None,
            ),
        ];
        let home = NotesHome::File {
            file: "/data/notes/ui-brief.toml".into(),
            header: Default::default(),
        };
        let loaded = Loaded {
            notes,
            home,
            ..Loaded::in_memory(b)
        };
        app_with(startup(Start::Opened(Box::new(loaded))), width, height)
    }

    /// The notes as the app holds them, with a note made on a paragraph
    /// the brief no longer has (orphaned) added.
    fn with_an_orphan(width: u16, height: u16) -> brief::app::App {
        use brief::notes::{Note, anchor_for};
        let gone = parse(
            "# Port Security in the Baltic Approaches\n\n## Old section\n\n\
             A paragraph the brief no longer has, about ferry terminals.\n",
            "old",
        );
        let mut app = with_notes(width, height);
        let orphan = Note::new(anchor_for(&gone, 0), "Still relevant?".into(), vec![]);
        let b = common::tui::brief_of(&app);
        let mut notes = b.notes.notes.clone();
        notes.push(orphan);
        let loaded = Loaded {
            notes,
            home: b.notes.home.clone(),
            ..Loaded::in_memory(b.brief.clone())
        };
        app = app_with(startup(Start::Opened(Box::new(loaded))), width, height);
        assert_eq!(common::tui::brief_of(&app).notes.orphan_count(), 1);
        app
    }

    #[test]
    fn note_keys_in_the_notes_pane_act_on_its_selected_note() {
        let mut app = with_notes(120, 40);
        // The third note: the question on Staffing.
        press(&mut app, &["m", "tab", "j", "j"]);
        press(&mut app, &["a"]);
        assert!(
            screen(&app).contains("New note on §4 ¶1"),
            "{}",
            screen(&app)
        );
        press(&mut app, &["esc", "e"]);
        let shown = screen(&app);
        assert!(shown.contains("Edit note on §4 ¶1"), "{shown}");
        assert!(
            shown.contains("Overtime has covered the gap"),
            "its paragraph: {shown}"
        );
        press(&mut app, &["esc", "t"]);
        common::tui::type_text(&mut app, "law");
        press(&mut app, &["enter"]);
        let b = common::tui::brief_of(&app);
        let tagged: Vec<&str> = b
            .notes
            .notes
            .iter()
            .filter(|n| n.has_tag("law"))
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(
            tagged,
            ["Is the union cap fixed in law or only in the agreement?"]
        );
        // x asks about that note.
        press(&mut app, &["x"]);
        assert!(
            screen(&app).contains("Delete note “Is the union cap"),
            "{}",
            screen(&app)
        );
    }

    #[test]
    fn editing_an_orphaned_note_shows_its_own_quote_and_it_can_be_put_back() {
        let mut app = with_an_orphan(120, 40);
        press(&mut app, &["m", "tab", "G", "e"]);
        let shown = screen(&app);
        assert!(shown.contains("orphaned: was §2 ¶1"), "{shown}");
        assert!(
            shown.contains("about ferry terminals"),
            "its own quote: {shown}"
        );
        assert!(!shown.contains("Edit note on §1"), "{shown}");
        // A puts it on the reader's paragraph.
        press(&mut app, &["esc", "A"]);
        let b = common::tui::brief_of(&app);
        assert_eq!(b.notes.orphan_count(), 0, "{}", screen(&app));
        let i = b.notes.index_of(&b.notes.notes.last().expect("a note").id);
        let block = i.and_then(|i| b.notes.placements[i].block);
        assert_eq!(block, Some(b.reader.cursor));
    }

    #[test]
    fn attach_from_the_reader_takes_the_orphan() {
        let mut app = with_an_orphan(120, 40);
        press(&mut app, &["]", "A"]);
        let b = common::tui::brief_of(&app);
        assert_eq!(b.notes.orphan_count(), 0);
        let last = b.notes.notes.len() - 1;
        assert_eq!(b.notes.notes[last].text, "Still relevant?");
        assert_eq!(b.notes.placements[last].block, Some(b.reader.cursor));
        assert_eq!(b.notes.notes[last].anchor.section_number, 2);
    }

    #[test]
    fn notes_show_under_their_paragraph_when_asked() {
        let mut app = with_notes(120, 40);
        press(&mut app, &["]"]);
        assert!(!screen(&app).contains("✎ [claim · agree]"));
        press(&mut app, &["M"]);
        let shown = screen(&app);
        let lines: Vec<&str> = shown.lines().collect();
        let para = lines
            .iter()
            .position(|l| l.contains("Inspection coverage fell below"))
            .unwrap_or_else(|| panic!("{shown}"));
        let note = lines
            .iter()
            .position(|l| l.contains("✎ [claim · agree] Coverage figures come from"))
            .unwrap_or_else(|| panic!("inline: {shown}"));
        assert!(note > para && note <= para + 2, "{shown}");
        assert!(shown.contains("#follow-up"), "{shown}");
        press(&mut app, &["M"]);
        assert!(!screen(&app).contains("✎ [claim · agree]"));
    }

    #[test]
    fn the_notes_pane_shows_every_note_whole_120x40() {
        let mut app = with_notes(120, 40);
        press(&mut app, &["m", "tab"]);
        let shown = screen(&app);
        assert!(shown.contains("▸ Notes (4)"), "{shown}");
        for words in [
            "Coverage figures come from",
            "may be lower",
            "Ask the desk",
            "#follow-up",
        ] {
            assert!(shown.contains(words), "{words}: {shown}");
        }
        assert!(shown.contains("claim · agree"), "{shown}");
        assert!(shown.contains("missed seizures."), "{shown}");
        insta::assert_snapshot!(shown);
    }

    #[test]
    fn a_short_notes_pane_shows_the_selected_note_whole_80x24() {
        let mut app = with_notes(80, 24);
        press(&mut app, &["m"]);
        let shown = screen(&app);
        assert!(
            shown.contains("Ask the desk"),
            "the selected one whole: {shown}"
        );
        insta::assert_snapshot!(shown);
        // Moving on: that note is whole now, the first one short.
        press(&mut app, &["j", "j", "j"]);
        let moved = screen(&app);
        assert!(moved.contains("seizures."), "{moved}");
        assert!(!moved.contains("Ask the desk"), "{moved}");
    }

    #[test]
    fn a_click_picks_the_note_under_it_with_the_filter_prompt_open() {
        let mut app = with_notes(120, 40);
        press(&mut app, &["m", "tab", "/"]);
        let shown = screen(&app);
        let lines: Vec<&str> = shown.lines().collect();
        let row = lines
            .iter()
            .position(|l| l.contains("§4 ¶1 Staffing"))
            .unwrap_or_else(|| panic!("the Staffing note is listed: {shown}"));
        let column = lines[row].chars().position(|c| c == '§').unwrap_or(0);
        // The row just above the Staffing note is the last of the note
        // before it (a tags-only note in Key judgments): a click there
        // must not be taken for one on the row below.
        app.update(brief::keys::Action::Click {
            column: column as u16,
            row: row as u16 - 1,
        });
        let b = common::tui::brief_of(&app);
        let section = b.brief.section_of(b.reader.cursor);
        assert_eq!(b.brief.sections[section].title, "Key judgments");
        app.update(brief::keys::Action::Click {
            column: column as u16,
            row: row as u16,
        });
        let b = common::tui::brief_of(&app);
        let section = b.brief.section_of(b.reader.cursor);
        assert_eq!(
            b.brief.sections[section].title,
            "Staffing",
            "{}",
            screen(&app)
        );
    }

    #[test]
    fn pasting_into_the_notes_filter_starts_from_the_first_match() {
        let mut app = with_notes(120, 40);
        press(&mut app, &["m", "tab", "j", "j", "j", "/"]);
        app.update(brief::app::Msg::Event(
            ratatui::crossterm::event::Event::Paste("scanner".into()),
        ));
        let b = common::tui::brief_of(&app);
        assert_eq!(b.notes_pane.sel.selected, 0);
        assert_eq!(b.note_entries().len(), 2);
    }

    #[test]
    fn o_on_a_brief_opened_alone_goes_to_the_configured_library() {
        use brief::app::{Effect, View};
        let mut start = startup(Start::Opened(Box::new(Loaded::in_memory(parse(
            BRIEF, "t",
        )))));
        start.settings.library = Some("/lib/briefs".into());
        let mut app = app_with(start, 100, 30);
        press(&mut app, &["o"]);
        assert_eq!(*app.view(), View::Library);
        let effects = app.take_effects();
        assert!(
            effects.iter().any(
                |e| matches!(e, Effect::ScanLibrary { dir } if dir == Path::new("/lib/briefs"))
            ),
            "{effects:?}"
        );
        // With none configured, it says how to have one.
        let mut app = app_with(
            startup(Start::Opened(Box::new(Loaded::in_memory(parse(
                BRIEF, "t",
            ))))),
            100,
            30,
        );
        press(&mut app, &["o"]);
        assert!(
            screen(&app).contains("set `library` in"),
            "{}",
            screen(&app)
        );
    }

    #[test]
    fn m_shows_a_notes_pane_that_had_no_room_beside_the_reader() {
        let mut start = startup(Start::Opened(Box::new(Loaded::in_memory(parse(
            BRIEF, "t",
        )))));
        start.settings.panes.notes = true;
        let mut app = app_with(start, 50, 20);
        assert!(!screen(&app).contains("Notes ("), "{}", screen(&app));
        press(&mut app, &["m"]);
        let shown = screen(&app);
        assert!(shown.contains("Notes ("), "{shown}");
    }
}

/// A brief with a long paragraph, an author and a URL, written under
/// `data` (kept apart from the data folder's own files).
fn long_brief(data: &TempDir) -> String {
    let dir = data.path().join("briefs");
    std::fs::create_dir_all(&dir).expect("briefs folder");
    let file = dir.join("surveillance.md");
    let text = "---\ntitle: Surveillance Exports\nauthor: Ana Ruiz\ndate: 2026-03-03\n\
                url: https://example.org/surveillance\n---\n# Surveillance Exports\n\n\
                ## Findings\n\n\
                Spyware sold under dual-use licences has been found on the phones of \
                journalists, dissidents, and exiles in at least nine countries. Vendors \
                say they sell only to governments. Licensing authorities rarely ask who \
                the end user is, and almost never check afterwards whether the software \
                stayed with the agency named on the licence.\n";
    std::fs::write(&file, text).expect("write brief");
    file.to_string_lossy().into_owned()
}

const LONG_PARAGRAPH_END: &str = "stayed with the agency named on the licence.";

#[test]
fn memo_and_notes_quote_the_whole_paragraph() {
    let data = TempDir::new("daily-whole-quote");
    let file = long_brief(&data);
    let out = annotate(
        &data,
        &file,
        (2, 1),
        &["--tag", "spyware", "--note", "Check this"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let memo = stdout(&brief(&data, &["memo"]));
    assert!(memo.contains(LONG_PARAGRAPH_END), "{memo}");
    assert!(
        memo.contains(
            "> — Surveillance Exports, Ana Ruiz, 2026-03-03, Findings, §2 ¶1, \
             https://example.org/surveillance"
        ),
        "{memo}"
    );
    for format in ["markdown", "json", "csv"] {
        let out = stdout(&brief(&data, &["notes", "--format", format]));
        assert!(out.contains(LONG_PARAGRAPH_END), "{format}: {out}");
    }
    // By option: whole sentences, and an ellipsis after them.
    let short = stdout(&brief(&data, &["memo", "--quote-limit", "150"]));
    assert!(
        short.contains(
            "> Spyware sold under dual-use licences has been found on the phones of \
             journalists, dissidents, and exiles in at least nine countries. …\n"
        ),
        "{short}"
    );
    let chicago = stdout(&brief(&data, &["memo", "--style", "chicago"]));
    assert!(
        chicago.contains(
            "> — Ana Ruiz. \u{201c}Surveillance Exports.\u{201d} March 3, 2026. Findings, §2 ¶1. \
             https://example.org/surveillance."
        ),
        "{chicago}"
    );
}

#[test]
fn cite_names_author_and_where_to_find_the_brief() {
    let data = TempDir::new("daily-cite");
    let file = long_brief(&data);
    let json = stdout(&brief(
        &data,
        &[
            "cite",
            &file,
            "--section",
            "2",
            "--block",
            "1",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["author"], "Ana Ruiz");
    assert_eq!(v["location"], "https://example.org/surveillance");
    assert!(
        v["quote"]
            .as_str()
            .unwrap_or_default()
            .ends_with(LONG_PARAGRAPH_END)
    );
    // Without a url, the file's path says where the brief is.
    let plain = stdout(&brief(
        &data,
        &["cite", FIXTURE, "--section", "1", "--block", "1"],
    ));
    assert!(
        plain.lines().next().unwrap_or_default().ends_with(FIXTURE),
        "{plain}"
    );
    let chicago = stdout(&brief(
        &data,
        &[
            "cite",
            &file,
            "--section",
            "2",
            "--block",
            "1",
            "--style",
            "chicago",
        ],
    ));
    assert!(
        chicago.starts_with("Ana Ruiz. \u{201c}Surveillance Exports.\u{201d}"),
        "{chicago}"
    );
}

/// The library of the bundled memo sample (dated only by its header), an
/// undated note and a dated brief, as the app lists it by date.
#[test]
fn the_memo_lists_with_its_subject_and_date_and_guessed_dates_come_last() {
    use brief::app::msg::Scanned;
    use common::tui::{library_at, screen};

    let dir = TempDir::new("daily-dates");
    let memo = include_str!("../briefs/memo-cyber-incident-reporting.md");
    let files = [
        ("memo-cyber-incident-reporting.md", memo),
        ("undated.md", "# Undated note\n\nNo date anywhere.\n"),
        (
            "old.md",
            "---\ntitle: Old brief\ndate: 2020-01-01\n---\nText.\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let library = brief::catalogue::scan(dir.path(), &brief::catalogue::ScanOptions::default())
        .expect("scan");
    let scanned = Scanned {
        library,
        progress: Default::default(),
        updated: Default::default(),
        notes: Default::default(),
    };
    let app = library_at(dir.path(), scanned, 120, 20);
    let shown = screen(&app);
    // The list's rows are those with a progress column.
    let row = |needle: &str| {
        shown
            .lines()
            .position(|l| l.contains(needle) && l.contains("unread"))
            .unwrap_or_else(|| panic!("{needle} listed:\n{shown}"))
    };
    let memo_row = shown
        .lines()
        .nth(row("Harmonising cyber"))
        .unwrap_or_default();
    assert!(memo_row.contains("2026-03-03"), "{shown}");
    // The file's day is a guess: marked, and after every known date.
    let undated = shown.lines().nth(row("Undated note")).unwrap_or_default();
    assert!(undated.contains(" ~20"), "{shown}");
    assert!(row("Harmonising cyber") < row("Old brief"), "{shown}");
    // The preview's summary is the memo's first paragraph, not its header.
    assert!(shown.contains("This memo asks you"), "{shown}");
    assert!(row("Old brief") < row("Undated note"), "{shown}");
}

#[test]
fn brief_since_keeps_undated_briefs_and_marks_them() {
    let data = TempDir::new("daily-brief-since");
    let dir = data.path().join("briefs");
    std::fs::create_dir_all(&dir).expect("folder");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let old = write("old.md", "---\ntitle: Old\ndate: 2020-01-01\n---\nText.\n");
    let new = write("new.md", "# New\n\nDate: 5 May 2026\n\nText.\n");
    let undated = write("undated.md", "# Undated\n\nText.\n");
    for file in [&old, &new, &undated] {
        let out = annotate(&data, file, (1, 1), &["--note", "n"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = brief(
        &data,
        &["notes", "--brief-since", "2026-01-01", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let rows = v.as_array().expect("a list");
    let briefs: Vec<&str> = rows.iter().filter_map(|r| r["brief"].as_str()).collect();
    assert_eq!(briefs.len(), 2, "{briefs:?}");
    assert!(
        briefs.contains(&"New") && briefs.contains(&"Undated"),
        "{briefs:?}"
    );
    let undated_row = rows.iter().find(|r| r["brief"] == "Undated").expect("kept");
    assert_eq!(undated_row["flags"], serde_json::json!(["undated"]));
    let new_row = rows.iter().find(|r| r["brief"] == "New").expect("kept");
    assert_eq!(
        new_row["date"], "2026-05-05",
        "the date from its opening lines"
    );
}

#[test]
fn a_note_added_by_another_window_shows_without_a_save_here() {
    let data = TempDir::new("daily-watch");
    let file = data.path().join("ports.md");
    std::fs::copy(FIXTURE, &file).expect("copy the fixture");
    let file = file.to_string_lossy().into_owned();
    let mut s = common::Session::start(&[&file], data.path(), 120, 30);
    s.wait_for("Cargo volumes through the three main ports");
    s.send("m");
    s.wait_for("No notes yet");
    // Another window (here the shell) adds a note to the same brief.
    let out = brief(
        &data,
        &[
            "annotate",
            &file,
            "--section",
            "2",
            "--block",
            "1",
            "--note",
            "Added elsewhere",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    s.wait_for("Added elsewhere");
    assert!(s.screen().contains("Notes (1)"), "{}", s.screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Which pane has the keyboard shows in every bundled theme and without
/// colour: a mark before the focused pane's title, a title drawn apart
/// from the others, and the reader's bar thin when it does not have it.
#[test]
fn focus_shows_in_every_theme_and_without_colour() {
    use brief::app::{Loaded, Start};
    use brief::document::parse;
    use brief::theme::{BUNDLED, ColorDepth, load};
    use common::tui::{app_with, press, startup};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let mut themes: Vec<brief::theme::Theme> = BUNDLED
        .iter()
        .map(|(name, _)| load(name, None).expect("bundled theme"))
        .collect();
    themes.push(
        load("default", None)
            .expect("default")
            .adapt(ColorDepth::NoColor),
    );
    for theme in themes {
        let loaded = Loaded::in_memory(parse(include_str!("fixtures/ui-brief.md"), "t"));
        let mut start = startup(Start::Opened(Box::new(loaded)));
        start.theme = theme.clone();
        start.settings.panes.notes = true;
        let mut app = app_with(start, 120, 30);
        let draw = |app: &brief::app::App| {
            let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("backend");
            terminal
                .draw(|f| f.render_widget(app, f.area()))
                .expect("draw");
            terminal.backend().buffer().clone()
        };
        let text = |buf: &ratatui::buffer::Buffer| {
            buf.content.iter().map(|c| c.symbol()).collect::<String>()
        };
        let title_style = |buf: &ratatui::buffer::Buffer, word: &str| {
            let all = text(buf);
            let at = all
                .find(word)
                .unwrap_or_else(|| panic!("{word} in {}", theme.name));
            // Cells, not bytes: count the characters before it.
            let cell = all[..at].chars().count();
            buf.content[cell].style()
        };
        let reader = draw(&app);
        assert!(text(&reader).contains("▌"), "{}", theme.name);
        assert!(!text(&reader).contains('▸'), "{}", theme.name);
        press(&mut app, &["tab"]);
        let notes = draw(&app);
        assert!(text(&notes).contains("▸ Notes"), "{}", theme.name);
        assert!(
            !text(&notes).contains("▌"),
            "{}: the reader's bar is thin",
            theme.name
        );
        assert_ne!(
            title_style(&notes, "Notes ("),
            title_style(&notes, "Outline ("),
            "{}: the focused title looks different",
            theme.name
        );
    }
}

#[test]
fn the_status_line_says_sections_read_not_a_percentage() {
    let data = TempDir::new("daily-position");
    let file = data.path().join("ports.md");
    std::fs::copy(FIXTURE, &file).expect("copy the fixture");
    let file = file.to_string_lossy().into_owned();
    let mut s = common::Session::start(&[&file], data.path(), 120, 30);
    s.wait_for("§1/6 · ");
    let first = s.screen();
    let status = first.lines().last().unwrap_or_default().to_owned();
    assert!(!status.contains('%'), "{status}");
    s.send("G");
    s.wait_for("· end");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_theme_chosen_with_t_is_there_next_time() {
    let data = TempDir::new("daily-theme");
    let mut s = common::Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_for("Cargo volumes");
    s.send("T");
    s.wait_for("theme: ");
    let screen = s.screen();
    let chosen = screen
        .split("theme: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .to_owned();
    assert!(!chosen.is_empty() && chosen != "default", "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let out = brief(&data, &["config"]);
    let shown = stdout(&out);
    let line = shown
        .lines()
        .find(|l| l.trim_start().starts_with("theme"))
        .unwrap_or_default();
    assert!(line.contains(&chosen), "{shown}");
    assert!(
        line.contains("preferences.toml"),
        "says where it came from: {shown}"
    );
    // --theme still wins.
    let out = brief(&data, &["--theme", "light", "config"]);
    assert!(stdout(&out).contains("\"light\""), "{}", stdout(&out));
}

#[test]
fn completions_and_a_man_page_come_from_the_command_line_itself() {
    let data = TempDir::new("daily-completions");
    for shell in ["bash", "zsh", "fish"] {
        let out = brief(&data, &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        assert!(stdout(&out).contains("memo"), "{shell}");
    }
    let man = brief(&data, &["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(page.contains(".TH brief 1"), "{page}");
    assert!(page.contains("brief\\-memo"), "{page}");
}

/// At 120 columns a long title gets its room before the preview does.
#[test]
fn library_titles_get_room_before_the_preview() {
    use brief::app::msg::Scanned;
    use common::tui::{library_at, screen};

    let dir = TempDir::new("daily-titles");
    for (name, title) in [
        (
            "a.md",
            "Federal Source Code Policy: Achieving Efficiency and Transparency",
        ),
        (
            "b.md",
            "Federal Source Code Policy: Implementation Guidance for Agencies",
        ),
    ] {
        let text = format!("---\ntitle: \"{title}\"\ndate: 2026-01-01\n---\nText.\n");
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let library = brief::catalogue::scan(dir.path(), &brief::catalogue::ScanOptions::default())
        .expect("scan");
    let scanned = Scanned {
        library,
        progress: Default::default(),
        updated: Default::default(),
        notes: Default::default(),
    };
    let app = library_at(dir.path(), scanned, 120, 30);
    let shown = screen(&app);
    // The two titles differ after 28 characters: the list tells them apart.
    assert!(
        shown.contains("Federal Source Code Policy: Achieving"),
        "{shown}"
    );
    assert!(
        shown.contains("Federal Source Code Policy: Implementation"),
        "{shown}"
    );
    assert!(shown.contains('│'), "the preview is still there: {shown}");
}
