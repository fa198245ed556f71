//! Saving notes off the UI thread, through the real binary in a
//! pseudo-terminal: another instance holding the notes file's lock never
//! freezes the reader; a notes file that cannot be read is never written
//! over and nothing is called saved; two windows editing one note keep
//! both texts.

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::privilege::hand_over;
use common::{Session, TempDir};

const BRIEF: &str = "---\ntitle: Port Security\n---\n\
    ## Summary\n\nCargo volumes fell by a third over the winter.\n\n\
    ## Ports\n\nThe northern terminals closed for eleven days.\n\n\
    ## Outlook\n\nInsurers expect premiums to rise again.\n";

fn brief_in(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("ports.md");
    std::fs::write(&path, BRIEF).expect("write brief");
    path
}

/// The one notes file in the data folder.
fn notes_file(data: &Path) -> PathBuf {
    let dir = data.join("notes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a notes folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.remove(0)
}

fn lock_of(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Adds a note on the current block through the editor.
fn add_note(s: &mut Session, text: &str) {
    s.send("a");
    s.wait_for("New note");
    s.send(text);
    s.send("\x13"); // Ctrl-s
}

fn section_shown(screen: &str) -> Option<String> {
    let status = screen.lines().last()?;
    let at = status.find('§')?;
    Some(status[at..].split_whitespace().next()?.to_owned())
}

/// A reader on the brief with one note saved, and the notes file; the
/// folders live as long as the returned guards.
fn reading_with_a_saved_note(tag: &str) -> (Session, PathBuf, [TempDir; 2]) {
    let dir = TempDir::new(tag);
    let data = TempDir::new(&format!("{tag}-data"));
    let brief = brief_in(&dir);
    let mut s = Session::start(&[brief.to_str().expect("utf-8 path")], data.path(), 100, 30);
    s.wait_for("Cargo volumes fell");
    add_note(&mut s, "first note");
    s.wait_for("note saved");
    let file = notes_file(data.path());
    (s, file, [dir, data])
}

/// Takes the notes file's lock, as another instance saving would.
fn hold_lock(file: &Path) -> File {
    let lock = File::options()
        .read(true)
        .write(true)
        .open(lock_of(file))
        .expect("the lock file the first save left");
    lock.lock().expect("take the notes lock");
    lock
}

#[test]
fn a_held_notes_lock_never_freezes_the_reader_and_the_note_is_saved_once_it_is_released() {
    let (mut s, file, _dirs) = reading_with_a_saved_note("held-lock");
    // Another instance takes the lock and keeps it for five seconds.
    let lock = hold_lock(&file);
    let taken = Instant::now();
    let held = Duration::from_secs(5);

    add_note(&mut s, "written while locked");
    s.wait_for("saving notes");
    // The reader keeps moving meanwhile: a section down, a block down.
    let before = section_shown(&s.screen());
    s.send("]");
    s.wait_until("the next section", |screen| {
        section_shown(screen) != before && screen.contains("northern terminals")
    });
    s.send("j");
    s.send("]");
    s.wait_for("Insurers expect");
    assert!(
        taken.elapsed() < held,
        "the screen answered only after the lock was released ({:?})",
        taken.elapsed()
    );
    let on_disk = std::fs::read_to_string(&file).expect("notes file");
    assert!(
        !on_disk.contains("written while locked"),
        "saved under a lock"
    );

    std::thread::sleep(held.saturating_sub(taken.elapsed()));
    lock.unlock().expect("release the lock");
    s.wait_for("note saved");
    let on_disk = std::fs::read_to_string(&file).expect("notes file");
    assert!(on_disk.contains("first note") && on_disk.contains("written while locked"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn quitting_waits_for_a_save_held_up_by_a_lock() {
    let (mut s, file, _dirs) = reading_with_a_saved_note("quit-wait");
    let lock = hold_lock(&file);
    add_note(&mut s, "the last word");
    s.send("q");
    s.wait_for("saving notes");
    std::thread::sleep(Duration::from_millis(500));
    lock.unlock().expect("release the lock");
    assert_eq!(s.wait_exit(), 0);
    let on_disk = std::fs::read_to_string(&file).expect("notes file");
    assert!(on_disk.contains("the last word"), "{on_disk}");
}

/// Issue 18.1: a notes file the reader cannot read is treated as damaged:
/// read-only, the reason shown, nothing accepted, nothing written over.
/// Runs as `nobody` when the tests run as root, so the mode applies.
#[test]
fn an_unreadable_notes_file_is_read_only_and_no_note_is_called_saved() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    let data = TempDir::new("unreadable-data");
    let brief = brief_in(&dir);
    // A first run makes the notes file, with one note.
    let mut s = Session::start(&[brief.to_str().expect("utf-8 path")], data.path(), 100, 30);
    s.wait_for("Cargo volumes fell");
    add_note(&mut s, "kept safe");
    s.wait_for("note saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = notes_file(data.path());
    let before = std::fs::read(&file).expect("notes file");
    for path in [dir.path(), data.path()] {
        for entry in walk(path) {
            hand_over(&entry);
        }
    }
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");

    let arg = brief.to_str().expect("utf-8 path");
    let mut s = Session::start_unprivileged(&[arg], data.path(), 120, 30);
    s.wait_for("Cargo volumes fell");
    s.wait_for("notes file");
    s.send("a");
    s.wait_for("notes are read-only");
    assert!(!s.screen().contains("New note"), "the editor opened");
    assert!(!s.screen().contains("note saved"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod back");
    assert_eq!(
        std::fs::read(&file).expect("notes file"),
        before,
        "written over"
    );
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let children: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .expect("read dir")
                .flatten()
                .map(|e| e.path())
                .collect();
            out.extend(children);
        }
        i += 1;
    }
    out
}

/// Issue 18.2: two windows edit the same note; the later save keeps its
/// own text as the note and the other as a flagged copy, and says so.
#[test]
fn two_windows_editing_one_note_keep_both_texts() {
    let dir = TempDir::new("two-windows");
    let data = TempDir::new("two-windows-data");
    let brief = brief_in(&dir);
    let arg = brief.to_str().expect("utf-8 path");
    let mut a = Session::start(&[arg], data.path(), 100, 30);
    a.wait_for("Cargo volumes fell");
    add_note(&mut a, "shared");
    a.wait_for("note saved");
    let mut b = Session::start(&[arg], data.path(), 100, 30);
    b.wait_for("Cargo volumes fell");

    for (s, mine) in [(&mut a, " +A"), (&mut b, " +B")] {
        s.send("e");
        s.wait_for("Edit note");
        s.send(mine);
    }
    a.send("\x13");
    a.wait_for("note saved");
    b.send("\x13");
    b.wait_for("both versions kept");

    let on_disk = std::fs::read_to_string(notes_file(data.path())).expect("notes file");
    assert!(on_disk.contains("shared +B"), "{on_disk}");
    assert!(
        on_disk.contains("shared +A"),
        "the other text is gone:\n{on_disk}"
    );
    assert!(on_disk.contains("flag = \"conflict\""), "{on_disk}");
    for s in [&mut a, &mut b] {
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
}
