//! The terminal is never left broken: Ctrl-Z and `kill -TSTP` give it back
//! while brief is stopped and take it again whole on `fg`; every signal
//! that ends brief gives it back first; a huge window cannot abort it; and
//! with no terminal at all brief says what to use instead, writing nothing
//! to stdout.

#![cfg(unix)]

mod common;

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use common::{Session, TempDir};

const FIXTURE: &str = "tests/fixtures/ui-brief.md";

/// Waits for the first frame to be drawn whole (the status bar, drawn
/// last, is there) and returns it.
fn first_frame(s: &mut Session) -> String {
    s.wait_for("q quit");
    s.screen()
}

/// Everything the reader turns on is turned off in `written`, and the
/// last thing about the screen it did was to leave the alternate one.
fn assert_given_back(written: &[u8], what: &str) {
    let written = String::from_utf8_lossy(written);
    for (sequence, done) in [
        ("\x1b[?1049l", "left the alternate screen"),
        ("\x1b[?1000l", "turned mouse capture off"),
        ("\x1b[?2004l", "turned bracketed paste off"),
        ("\x1b[?25h", "showed the cursor"),
    ] {
        assert!(written.contains(sequence), "{what}: never {done}");
    }
    assert!(
        written.rfind("\x1b[?1049h") < written.rfind("\x1b[?1049l"),
        "{what}: entered the alternate screen again"
    );
}

/// Suspends brief (running under a job-control shell) with `stop`, checks
/// the terminal is the shell's while brief is stopped, then `fg`s it and
/// checks the screen comes back whole and keys work.
fn suspend_then_fg(stop: impl FnOnce(&mut Session), what: &str) {
    let data = TempDir::new("terminal-suspend");
    let mut s = Session::start_in_shell(&[FIXTURE], data.path(), 100, 30);
    let before = first_frame(&mut s);
    let mark = s.raw.len();
    stop(&mut s);
    s.wait_for_shell();
    assert_given_back(&s.raw[mark..], what);
    assert!(!s.parser.screen().alternate_screen(), "{what}: main screen");
    assert_eq!(
        s.line_modes(),
        (true, true),
        "{what}: the terminal is not raw"
    );

    s.send("\n"); // the shell runs `fg`
    s.wait_until("the whole screen drawn again", |screen| screen == before);
    assert!(
        s.parser.screen().alternate_screen(),
        "{what}: alternate screen"
    );
    assert_eq!(s.line_modes(), (false, false), "{what}: raw again");
    s.send("]]]");
    s.wait_for_top_line("Staffing");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "{what}: brief's exit status, through fg");
}

#[test]
fn sigtstp_gives_the_terminal_back_until_fg_redraws_it_whole() {
    suspend_then_fg(|s| s.signal_foreground(libc::SIGTSTP), "SIGTSTP");
}

#[test]
fn ctrl_z_gives_the_terminal_back_until_fg_redraws_it_whole() {
    suspend_then_fg(|s| s.send("\x1a"), "Ctrl-Z");
}

#[test]
fn sigcont_after_an_outside_stop_takes_the_terminal_again_whole() {
    let data = TempDir::new("terminal-cont");
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    let before = first_frame(&mut s);
    s.signal(libc::SIGSTOP);
    // Meanwhile a shell reset the modes, and the screen lost its content.
    s.set_cooked();
    s.parser.process(b"\x1b[2J");
    s.signal(libc::SIGCONT);
    s.wait_until("the whole screen drawn again", |screen| screen == before);
    assert_eq!(s.line_modes(), (false, false), "raw again");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// The terminating signals not already covered by tests/exits.rs.
fn more_terminating_signals() -> Vec<i32> {
    let mut signals = vec![
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGXCPU,
        libc::SIGSYS,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    signals.push(libc::SIGPWR);
    signals
}

#[test]
fn every_catchable_terminating_signal_gives_the_terminal_back_and_exits_128_plus_it() {
    for signal in more_terminating_signals() {
        let data = TempDir::new("terminal-signal");
        let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
        s.wait_for("Cargo volumes");
        s.signal(signal);
        let code = u32::try_from(128 + signal).expect("code");
        assert_eq!(s.wait_status(), Ok(code), "signal {signal}");
        assert_given_back(&s.raw, &format!("signal {signal}"));
        assert_eq!(s.line_modes(), (true, true), "signal {signal}: not raw");
    }
}

#[test]
fn sigxfsz_from_outside_neither_ends_nor_breaks_the_reader() {
    let data = TempDir::new("terminal-xfsz");
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    s.wait_for("Cargo volumes");
    s.signal(libc::SIGXFSZ);
    s.send("]]]");
    s.wait_for_top_line("Staffing");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_huge_window_is_drawn_clamped_and_brief_keeps_answering() {
    let data = TempDir::new("terminal-huge");
    let mut s = Session::start(&[FIXTURE], data.path(), 100, 30);
    let before = first_frame(&mut s);
    let mark = s.raw.len();
    s.resize_pty_only(u16::MAX, u16::MAX);
    // A frame at the clamped size: its bottom row is row 500.
    s.wait_for_raw(mark, &format!("\x1b[{};", brief::tui::MAX_HEIGHT));
    let below = format!("\x1b[{};", brief::tui::MAX_HEIGHT + 1);
    assert!(!String::from_utf8_lossy(&s.raw[mark..]).contains(&below));
    s.resize(100, 30);
    // All but the status line, which now counts every section as read
    // (each was on screen at the huge size).
    let body = |screen: &str| screen.lines().take(29).collect::<Vec<_>>().join("\n");
    let before = body(&before);
    s.wait_until("the whole screen drawn again", |screen| {
        body(screen) == before
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn without_a_terminal_brief_says_what_to_use_and_writes_nothing_to_stdout() {
    let data = TempDir::new("terminal-none");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.arg(FIXTURE)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_DATA_DIR", data.path())
        .env("BRIEF_CONFIG_DIR", data.path().join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setsid(2) is async-signal-safe; it leaves brief with no
    // controlling terminal, as `setsid brief FILE </dev/null` does.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().expect("run brief");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert!(err.contains("needs a terminal to show a brief"), "{err}");
    assert!(err.contains("brief outline"), "{err}");
}

#[test]
fn the_no_terminal_message_names_only_real_commands() {
    use clap::CommandFactory;
    let cli = brief::cli::Cli::command();
    let message = brief::tui::Error::NoTerminal.to_string();
    let named: Vec<&str> = message
        .split("brief ")
        .skip(1)
        .filter_map(|rest| rest.split([' ', ',']).next())
        .collect();
    assert!(!named.is_empty(), "{message}");
    for name in named {
        assert!(cli.find_subcommand(name).is_some(), "no command {name:?}");
    }
}
