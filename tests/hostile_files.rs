//! Odd and pathological files, end to end through the real binary
//! (issue 7): pathological markdown opens and answers keys; files that
//! cannot be briefs (too large, FIFOs, devices, folders, missing,
//! unreadable) end in a clear message and exit code 2, never a hang or a
//! panic; a brief deleted while open keeps its notes.

mod common;

use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use common::run::{brief, brief_with, os, write};
use common::{Session, TempDir, privilege};

fn pathological() -> Vec<(&'static str, String)> {
    vec![
        (
            "nested brackets",
            "[".repeat(50_000) + "x" + &"]".repeat(50_000) + "(u)\n",
        ),
        ("open brackets", "[".repeat(50_000) + "\n"),
        ("quote markers", ">".repeat(50_000) + " deep\n"),
        ("deep list", "- ".repeat(5_000) + "deep\n"),
        ("long line", "word ".repeat(1024 * 1024) + "\n"),
        ("emphasis", "*a".repeat(100_000) + "\n"),
        ("backticks", "a ".to_owned() + &"`".repeat(50_000) + " b\n"),
        ("links", "[a](".repeat(25_000) + "\n"),
    ]
}

#[test]
fn outline_finishes_on_pathological_markdown() {
    let dir = TempDir::new("patho-outline");
    let data = TempDir::new("patho-outline-data");
    let mut files = pathological();
    // 5,000 levels by indentation: 25 MB of mostly spaces.
    files.push((
        "indented list",
        (0..5_000).map(|i| " ".repeat(2 * i) + "- x\n").collect(),
    ));
    for (name, text) in files {
        let file = write(&dir, format!("{}.md", name.replace(' ', "-")), &text);
        for json in [false, true] {
            let mut args = vec![os("outline"), file.as_os_str()];
            if json {
                args.insert(1, os("--json"));
            }
            let out = brief(&args, data.path());
            assert_eq!(out.code, Some(0), "{name}: {}", out.stderr());
            assert!(out.stdout().contains("block"), "{name}: {}", out.stdout());
        }
    }
}

#[test]
fn reader_opens_pathological_markdown_and_answers_keys() {
    let dir = TempDir::new("patho-reader");
    for (name, text) in pathological() {
        let file = write(&dir, format!("{}.md", name.replace(' ', "-")), &text);
        let mut s = Session::start(&[file.to_str().expect("utf-8")], dir.path(), 80, 24);
        s.wait_until(&format!("{name} open"), |screen| screen.contains('§'));
        s.send("G");
        s.wait_for("· end");
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{name}: {}", s.screen());
    }
}

// ------------------------------------------------- odd and missing files

#[test]
fn odd_files_fail_with_a_clear_message_and_exit_2() {
    let dir = TempDir::new("odd-files");
    let data = TempDir::new("odd-files-data");
    // A 200 MB sparse file: over the 100 MB limit, refused by its size.
    let big = dir.path().join("big.md");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(200 * 1024 * 1024))
        .expect("sparse file");
    let fifo = dir.path().join("fifo.md");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).expect("path");
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let link = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("200 MB file", big, "larger than"),
        ("FIFO", fifo, "not a regular file"),
        (
            "/dev/zero",
            PathBuf::from("/dev/zero"),
            "not a regular file",
        ),
        ("link to /dev/zero", link, "not a regular file"),
        ("directory", dir.path().to_path_buf(), "is a directory"),
        ("missing", dir.path().join("missing.md"), "no such file"),
    ];
    for (what, path, message) in &cases {
        // `brief DIR` opens the library of a folder (issue 4): only the
        // subcommands that want a file refuse a directory.
        let reader = (*what != "directory").then(|| vec![path.as_os_str()]);
        for args in reader.into_iter().chain([
            vec![os("outline"), path.as_os_str()],
            vec![
                os("annotate"),
                path.as_os_str(),
                os("--section"),
                os("1"),
                os("--block"),
                os("1"),
                os("--note"),
                os("x"),
            ],
        ]) {
            let out = brief(&args, data.path());
            assert_eq!(out.code, Some(2), "{what} {args:?}: {}", out.stderr());
            assert!(
                out.stderr().contains(message),
                "{what}: wanted {message:?}, got {}",
                out.stderr()
            );
        }
    }
}

/// As root the binary runs as an unprivileged user, for whom the mode
/// applies.
#[test]
fn unreadable_file_fails_with_a_clear_message() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    let data = TempDir::new("unreadable-data");
    let file = write(&dir, "secret.md", "# Secret\n");
    privilege::hand_over(dir.path());
    privilege::hand_over(data.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    for args in [
        vec![file.as_os_str()],
        vec![os("outline"), file.as_os_str()],
    ] {
        let out = brief_with(privilege::unprivileged_brief(), &args, data.path());
        assert_eq!(out.code, Some(2), "{}", out.stderr());
        assert!(
            out.stderr().contains("permission denied"),
            "{}",
            out.stderr()
        );
    }
}

#[test]
fn brief_deleted_while_open_keeps_working_and_keeps_notes() {
    let dir = TempDir::new("deleted");
    let data = TempDir::new("deleted-data");
    let file = write(
        &dir,
        "gone.md",
        "# Gone soon\n\nFirst paragraph.\n\nSecond.\n",
    );
    let mut s = Session::start(&[file.to_str().expect("utf-8")], data.path(), 100, 30);
    s.wait_for("First paragraph");
    std::fs::remove_file(&file).expect("delete the brief");
    s.send("jG");
    s.send("a");
    s.wait_for("New note on");
    s.send("kept after delete\u{13}");
    s.wait_for("note saved");
    s.send("m");
    s.wait_for("kept after delete");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    // The notes are in the store, listed even though the brief is gone.
    let out = brief(&[os("notes")], data.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    assert!(
        out.stdout().contains("kept after delete"),
        "{}",
        out.stdout()
    );
}
