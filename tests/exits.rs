//! How `brief` ends. The exit codes the README promises, the same for
//! every subcommand: 0 when all went well, 1 when a search matched
//! nothing, 2 on an error or when the output leaves something out, with
//! every warning on stderr. And ways out that are not `q`: a signal to the
//! full-screen reader, and a reader of the output that stops early
//! (`brief search … | head -1`).

#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::run::{Output, brief, write};
use common::{Session, TempDir};

const FIXTURE: &str = "tests/fixtures/ui-brief.md";

/// Everything the reader turned on is turned off again, after it was
/// turned on.
fn assert_restored(raw: &[u8], signal: i32) {
    let raw = String::from_utf8_lossy(raw);
    let on = raw
        .find("\x1b[?1049h")
        .expect("the alternate screen was entered");
    let after = &raw[on..];
    for (sequence, what) in [
        ("\x1b[?1049l", "left the alternate screen"),
        ("\x1b[?1000l", "turned mouse capture off"),
        ("\x1b[?2004l", "turned bracketed paste off"),
        ("\x1b[?25h", "showed the cursor"),
    ] {
        assert!(after.contains(sequence), "signal {signal}: never {what}");
    }
}

#[test]
fn a_termination_signal_restores_the_terminal_and_exits_128_plus_it() {
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP, libc::SIGQUIT] {
        let data = TempDir::new("exits-signal");
        let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
        s.wait_for("Cargo volumes");
        assert_eq!(s.line_modes(), (false, false), "the reader runs raw");
        s.signal(signal);
        let code = u32::try_from(128 + signal).expect("code");
        assert_eq!(s.wait_status(), Ok(code), "signal {signal}");
        assert_restored(&s.raw, signal);
        assert!(
            !s.parser.screen().alternate_screen(),
            "signal {signal}: still on the alternate screen"
        );
        assert_eq!(
            s.line_modes(),
            (true, true),
            "signal {signal}: canonical input and echo are back"
        );
    }
}

#[test]
fn sigterm_saves_the_reading_position_like_quitting() {
    let data = TempDir::new("exits-position");
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_for("Cargo volumes");
    s.send("]]]]");
    s.wait_until("Options on top", |sc| {
        sc.lines().next().is_some_and(|l| l.contains("Options"))
    });
    s.signal(libc::SIGTERM);
    assert_eq!(s.wait_status(), Ok(143));
    drop(s);

    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_until("the table of Options on screen", |sc| {
        sc.contains("Second scanner")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A brief whose outline and search results are far bigger than a pipe's
/// buffer, so the command is still writing when its reader goes away.
fn big_brief(dir: &TempDir) -> String {
    let mut text = String::from("# Water\n\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "## Basin {i}\n\nThe aquifer under basin {i} fell again this year.\n\n"
        ));
    }
    let path = dir.path().join("briefs").join("water.md");
    std::fs::create_dir_all(path.parent().expect("folder")).expect("briefs folder");
    std::fs::write(&path, text).expect("write brief");
    path.to_string_lossy().into_owned()
}

/// Runs `brief ARGS`, reads one line of its output and closes the pipe.
fn read_one_line_then_close(data: &TempDir, args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env("BRIEF_DATA_DIR", data.path())
        .env("BRIEF_CONFIG_DIR", data.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brief");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read a line");
    // The reader is dropped here: the pipe is closed.
    let out = child.wait_with_output().expect("wait for brief");
    (
        out.status.code(),
        first,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_is_a_normal_end() {
    let data = TempDir::new("exits-pipe");
    let file = big_brief(&data);
    let dir = data.path().join("briefs").to_string_lossy().into_owned();
    for args in [
        vec!["outline", file.as_str()],
        vec!["outline", file.as_str(), "--json"],
        vec!["search", "aquifer", dir.as_str()],
    ] {
        let (code, first, err) = read_one_line_then_close(&data, &args);
        assert!(!first.is_empty(), "{args:?}: printed something");
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("crashed") && !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn output_that_cannot_be_written_is_an_error_not_a_crash() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full here
    };
    let data = TempDir::new("exits-full");
    let file = big_brief(&data);
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["outline", &file])
        .env("BRIEF_DATA_DIR", data.path())
        .stdout(Stdio::from(full))
        .output()
        .expect("run brief");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("brief: could not write the output"), "{err}");
    assert!(!err.contains("crashed"), "{err}");
}

// ------------------------------------------------ exit codes and warnings

fn run(data: &TempDir, args: &[&str]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    brief(&args, data.path())
}

/// Two briefs with a `ports` note each; the second's notes file is then
/// damaged, so that commands over every notes file have to skip it.
fn notes_with_a_damaged_file(dir: &TempDir, data: &TempDir) {
    for name in ["good", "bad"] {
        let file = write(
            dir,
            format!("{name}.md"),
            "## One\n\nA paragraph on ports.\n",
        );
        let file = file.to_str().expect("utf-8");
        let at = ["--section", "1", "--block", "1"];
        let out = run(
            data,
            &[&["annotate", file][..], &at, &["--tag", "ports"]].concat(),
        );
        assert_eq!(out.code, Some(0), "{}", out.stderr());
    }
    let damaged = notes_file_of(data.path(), "bad-");
    let text = std::fs::read_to_string(&damaged).expect("read notes");
    std::fs::write(&damaged, text.replace("tags = [", "tags = [oops ")).expect("damage it");
}

/// The notes file (not its lock) whose name starts with `prefix`.
fn notes_file_of(data: &Path, prefix: &str) -> PathBuf {
    std::fs::read_dir(data.join("notes"))
        .expect("notes folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| n.starts_with(prefix) && n.ends_with(".toml"))
        })
        .expect("the notes file")
}

/// What is on stdout is the result alone; the warning is on stderr.
fn assert_skipped_on_stderr(out: &Output, result: &str) {
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr());
    assert_eq!(out.stdout(), result, "only the result on stdout");
    let err = out.stderr();
    assert!(
        err.contains("skipped") && err.contains("bad-") && err.contains("damaged"),
        "the skipped file and why, on stderr: {err}"
    );
}

#[test]
fn tags_rename_that_skips_a_damaged_notes_file_warns_on_stderr_and_exits_2() {
    let (dir, data) = (
        TempDir::new("exits-rename"),
        TempDir::new("exits-rename-data"),
    );
    notes_with_a_damaged_file(&dir, &data);
    let out = run(&data, &["tags", "rename", "ports", "harbours"]);
    assert_skipped_on_stderr(
        &out,
        "renamed #ports to #harbours on 1 note(s) in 1 brief(s)\n",
    );
}

#[test]
fn tags_delete_that_skips_a_damaged_notes_file_warns_on_stderr_and_exits_2() {
    let (dir, data) = (
        TempDir::new("exits-delete"),
        TempDir::new("exits-delete-data"),
    );
    notes_with_a_damaged_file(&dir, &data);
    let out = run(&data, &["tags", "delete", "ports"]);
    assert_skipped_on_stderr(
        &out,
        "removed #ports from 1 note(s) in 1 brief(s)\n\
         1 note(s) that held only that tag were removed\n",
    );
}

#[test]
fn tags_rename_over_readable_notes_exits_0_and_warns_nothing() {
    let (dir, data) = (
        TempDir::new("exits-rename-ok"),
        TempDir::new("exits-rename-ok-data"),
    );
    notes_with_a_damaged_file(&dir, &data);
    std::fs::remove_file(notes_file_of(data.path(), "bad-")).expect("remove the damaged file");
    let out = run(&data, &["tags", "rename", "ports", "harbours"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    assert_eq!(out.stderr(), "");
}

#[test]
fn a_theme_file_that_does_not_load_is_a_warning_on_stderr_and_exits_2() {
    let data = TempDir::new("exits-themes");
    write(
        &data,
        "config/themes/oops.toml",
        "[styles]\nnope = \"red\"\n",
    );
    let out = run(&data, &["themes"]);
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr());
    assert!(out.stdout().contains("default"), "{}", out.stdout());
    assert!(!out.stdout().contains("oops"), "only themes on stdout");
    let err = out.stderr();
    assert!(
        err.contains("did not load") && err.contains("oops.toml:2:1: unknown key `nope`"),
        "{err}"
    );
}

/// A library with a brief that matches "grain" and two that cannot be
/// read, as root too: a binary file and a link to nothing.
fn library_with_unreadable_briefs(dir: &TempDir) -> String {
    write(
        dir,
        "lib/good.md",
        "# Grain\n\nThe grain corridor is open.\n",
    );
    write(dir, "lib/binary.md", "\0\u{1}binary");
    let lib = dir.path().join("lib");
    std::os::unix::fs::symlink("/nowhere/at/all.md", lib.join("gone.md")).expect("symlink");
    lib.to_string_lossy().into_owned()
}

#[test]
fn search_reports_each_brief_it_could_not_read_on_stderr_and_exits_2() {
    let (dir, data) = (
        TempDir::new("exits-search"),
        TempDir::new("exits-search-data"),
    );
    let lib = library_with_unreadable_briefs(&dir);
    let out = run(&data, &["search", "grain", &lib]);
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr());
    assert!(
        out.stdout()
            .ends_with("good.md:1:1: The grain corridor is open.\n"),
        "the matches found are printed: {}",
        out.stdout()
    );
    let err = out.stderr();
    assert_eq!(err.lines().count(), 2, "one line per skipped brief: {err}");
    assert!(err.contains("binary.md: looks like a binary file"), "{err}");
    assert!(err.contains("gone.md: the link points to nothing"), "{err}");
}

#[test]
fn search_that_matches_nothing_but_skipped_a_brief_exits_2_not_1() {
    let (dir, data) = (
        TempDir::new("exits-search-none"),
        TempDir::new("exits-search-none-data"),
    );
    let lib = library_with_unreadable_briefs(&dir);
    let out = run(&data, &["search", "zebra", &lib]);
    assert_eq!(out.code, Some(2), "a skipped brief might have matched");
    assert_eq!(out.stdout(), "");
    assert!(out.stderr().contains("binary.md"), "{}", out.stderr());
}

#[test]
fn search_that_matches_nothing_and_skips_nothing_exits_1_in_silence() {
    let (dir, data) = (
        TempDir::new("exits-search-clean"),
        TempDir::new("exits-search-clean-data"),
    );
    write(
        &dir,
        "lib/good.md",
        "# Grain\n\nThe grain corridor is open.\n",
    );
    let lib = dir.path().join("lib").to_string_lossy().into_owned();
    let out = run(&data, &["search", "zebra", &lib]);
    assert_eq!(out.code, Some(1));
    assert_eq!((out.stdout(), out.stderr()), (String::new(), String::new()));
}
