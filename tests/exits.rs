//! Ways out that are not `q`: a signal to the full-screen reader, and a
//! reader of the output that stops early (`brief search … | head -1`).

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

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
