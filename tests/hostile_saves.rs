//! Never lose a note when a save fails (issues 7 and 18): a store that
//! cannot be written (a blocked lock, a read-only folder, a full disk)
//! changes nothing on disk, keeps the notes in memory, says so, lets `E`
//! export them and asks before quitting.

mod common;

use std::path::{Path, PathBuf};

use common::run::write;
use common::{Session, TempDir, privilege};

/// The one notes file in the store.
fn notes_file(data: &Path) -> PathBuf {
    let dir = data.join("notes");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("notes folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// Saves one note, breaks the store with `break_store`, adds a second:
/// the status bar says the save failed, the file on disk is the first
/// save's, the notes pane still lists both, and `E` writes both to
/// another file. Quitting asks twice, then goes. `repair` undoes the
/// damage so the temp folders can be removed. With `as_user`, the binary
/// runs as an unprivileged user when the tests run as root, so that
/// permissions apply to it (see tests/common/privilege.rs).
fn failed_save_loses_nothing(
    tag: &str,
    as_user: bool,
    break_store: impl FnOnce(&Path),
    repair: impl FnOnce(&Path),
) {
    let dir = TempDir::new(tag);
    let data = TempDir::new(&format!("{tag}-data"));
    let file = write(
        &dir,
        "b.md",
        "# Notes\n\nFirst paragraph.\n\nSecond paragraph.\n",
    );
    let args = [file.to_str().expect("utf-8")];
    let mut s = if as_user {
        privilege::hand_over(dir.path());
        privilege::hand_over(data.path());
        Session::start_unprivileged(&args, data.path(), 120, 30)
    } else {
        Session::start(&args, data.path(), 120, 30)
    };
    s.wait_for("First paragraph");
    s.send("a");
    s.wait_for("New note on");
    s.send("saved note one\u{13}");
    s.wait_for("note saved");
    let stored = notes_file(data.path());
    let before = std::fs::read(&stored).expect("notes file");

    break_store(&stored);

    s.send("j");
    s.send("a");
    s.wait_for("New note on");
    s.send("unsaved note two\u{13}");
    s.wait_for("notes not saved (kept in memory)");
    assert_eq!(
        std::fs::read(&stored).expect("notes file"),
        before,
        "the file on disk is unchanged"
    );
    s.send("m");
    s.wait_for("unsaved note two");
    assert!(s.screen().contains("saved note one"), "{}", s.screen());

    let export = dir.path().join("rescued-notes.toml");
    s.send("E");
    s.wait_for("export notes to");
    s.send("\u{15}"); // Ctrl-u clears the suggested name
    s.send(&format!(
        "\u{1b}[200~{}\u{1b}[201~",
        export.to_str().expect("utf-8")
    ));
    s.send("\r");
    s.wait_for("2 note(s) written to");
    let text = std::fs::read_to_string(&export).expect("exported notes");
    let exported: brief::notes::store::NotesFile = toml::from_str(&text).expect("notes TOML");
    let texts: Vec<&str> = exported.notes.iter().map(|n| n.text.as_str()).collect();
    assert!(
        texts.contains(&"saved note one") && texts.contains(&"unsaved note two"),
        "{texts:?}"
    );

    // The first q refuses to drop unsaved notes (see
    // failed_save_message_shows_the_export_key_at_120_columns); the
    // second goes, as the reader asked, and says once the terminal is
    // restored which notes were left unsaved (exit code 2, as for any
    // command that had to leave something out).
    s.send("q");
    s.settle();
    assert!(s.parser.screen().alternate_screen(), "still reading");
    assert!(s.screen().contains("notes not saved"), "{}", s.screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 2);
    assert!(
        !s.parser.screen().alternate_screen(),
        "the terminal is restored"
    );
    assert!(s.screen().contains("notes not saved"), "{}", s.screen());
    assert_eq!(std::fs::read(&stored).expect("notes file"), before);
    repair(&stored);
}

fn lock_path(stored: &Path) -> PathBuf {
    let mut lock = stored.as_os_str().to_owned();
    lock.push(".lock");
    PathBuf::from(lock)
}

/// Works as root too: the save takes `<notes file>.lock` first, and a
/// folder in its place cannot be opened for writing (EISDIR).
#[test]
fn failed_save_keeps_notes_in_memory_and_exports_them() {
    failed_save_loses_nothing(
        "lock-blocked",
        false,
        |stored| {
            let lock = lock_path(stored);
            let _ = std::fs::remove_file(&lock);
            std::fs::create_dir(&lock).expect("a folder where the lock file goes");
        },
        |_| {},
    );
}

/// A read-only notes folder. As root the binary runs as an unprivileged
/// user, for whom the mode applies.
#[test]
fn read_only_data_folder_keeps_notes_in_memory_and_exports_them() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |stored: &Path, mode| {
        let folder = stored.parent().expect("notes folder");
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    failed_save_loses_nothing("read-only", true, |p| mode(p, 0o500), |p| mode(p, 0o700));
}

/// What the real store says when the disk is full.
const FULL_DISK: &str = "could not write \
    /home/analyst/.local/share/brief/notes/arctic-shipping-1a2b3c4d.toml: No space left on \
    device (os error 28); the disk is full: free some space, or export the notes elsewhere";

/// The failed-save message puts "press E to write them elsewhere" after
/// the store's message, which names the file and its folder, and the
/// quit warning puts "press q again to quit anyway" after the same
/// message; the status bar cuts the line at the terminal's width, so at
/// 120 columns the reader must still see which key saves their notes and
/// what the next q does.
#[test]
fn failed_save_message_shows_the_export_key_at_120_columns() {
    use brief::app::{Effect, Loaded, Msg, NotesHome};
    use brief::notes::store::Header;
    use common::tui::{brief_of, opened_at, press, type_text};

    let parsed = brief::document::parse("# Ports\n\nCargo volumes fell.\n", "ports");
    let home = NotesHome::File {
        file: PathBuf::from("/home/analyst/.local/share/brief/notes/arctic-shipping-1a2b3c4d.toml"),
        header: Header::default(),
    };
    let mut app = opened_at(
        Loaded {
            home,
            ..Loaded::in_memory(parsed)
        },
        120,
        30,
    );
    press(&mut app, &["a"]);
    type_text(&mut app, "check");
    press(&mut app, &["ctrl-s"]);
    // The store worker answers every save asked for: the disk is full.
    let disk_full = |app: &mut brief::app::App| {
        let saves: Vec<_> = app
            .take_effects()
            .into_iter()
            .filter_map(|e| match e {
                Effect::SaveNotes(request) => Some(request),
                _ => None,
            })
            .collect();
        for save in &saves {
            app.update(Msg::NotesSaved {
                seq: save.seq,
                file: save.file.clone(),
                result: Err(FULL_DISK.to_owned()),
            });
        }
        saves.len()
    };
    assert_eq!(disk_full(&mut app), 1, "the note is sent to the store");
    assert_eq!(
        brief_of(&app).notes.notes.len(),
        1,
        "the note is kept in memory"
    );
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).expect("backend");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    let status: String = (0..120).map(|x| buf[(x, 29)].symbol()).collect();
    assert!(status.contains("not saved"), "{status}");
    assert!(
        status.contains("press E"),
        "the way out is on screen: {status}"
    );
    press(&mut app, &["q"]);
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    let status: String = (0..120).map(|x| buf[(x, 29)].symbol()).collect();
    assert!(
        status.contains("q again"),
        "how to quit is on screen: {status}"
    );
    // The save tried once more on the way out fails too: the app stays,
    // and the question stays on screen.
    disk_full(&mut app);
    assert!(app.ended().is_none(), "the first q keeps the unsaved notes");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    let status: String = (0..120).map(|x| buf[(x, 29)].symbol()).collect();
    assert!(status.contains("q again"), "the question stays: {status}");
    // Anything else withdraws it: a later q asks again.
    press(&mut app, &["j", "q"]);
    assert!(app.ended().is_none(), "asked again after other keys");
    disk_full(&mut app);
    press(&mut app, &["q"]);
    assert!(app.ended().is_some(), "the second q in a row quits");
}
