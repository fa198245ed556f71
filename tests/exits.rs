//! Ways out that are not `q`: a signal to the full-screen reader, and a
//! reader of the output that stops early (`brief search … | head -1`).

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::{Session, TempDir};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const FIXTURE: &str = "tests/fixtures/ui-brief.md";

/// `brief FILE` in a pseudo-terminal, with its process id at hand (the
/// shared harness keeps its child to itself).
struct Signalled {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn std::io::Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Signalled {
    fn start(file: &str, data: &TempDir) -> Signalled {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        cmd.arg(file);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("BRIEF_DATA_DIR", data.path());
        cmd.env("BRIEF_CONFIG_DIR", data.path().join("config"));
        let child = pair.slave.spawn_command(cmd).expect("spawn brief");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Signalled {
            master: pair.master,
            writer,
            child,
            output,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(30).expect("rows"),
                std::num::NonZeroU16::new(100).expect("cols"),
                0,
            ),
            raw: Vec::new(),
        }
    }

    fn pump(&mut self) {
        if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |screen| screen.contains(text));
    }

    fn wait_until(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !pred(&self.parser.screen().contents()) {
            assert!(
                Instant::now() < deadline,
                "screen never showed {what}:\n{}",
                self.parser.screen().contents()
            );
            self.pump();
        }
    }

    fn send(&mut self, keys: &str) {
        use std::io::Write;
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// The terminal's local modes: (canonical input, echo).
    fn line_modes(&self) -> (bool, bool) {
        let fd = self.master.as_raw_fd().expect("pty fd");
        // SAFETY: termios is plain data, filled in by tcgetattr on a
        // descriptor this session owns.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        (t.c_lflag & libc::ICANON != 0, t.c_lflag & libc::ECHO != 0)
    }

    fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("brief's pid");
        let pid = libc::pid_t::try_from(pid).expect("pid fits");
        // SAFETY: kill(2) with the pid of our own child.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill");
    }

    /// Waits for the exit: the exit code, or the name of the signal that
    /// killed it.
    fn wait_exit(&mut self) -> Result<u32, String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            self.pump();
            if let Ok(Some(status)) = self.child.try_wait() {
                // Whatever it wrote on the way out.
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                return match status.signal() {
                    Some(name) => Err(name.to_owned()),
                    None => Ok(status.exit_code()),
                };
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!("brief did not exit after the signal");
            }
        }
    }
}

impl Drop for Signalled {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

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
        let mut s = Signalled::start(FIXTURE, &data);
        s.wait_for("Cargo volumes");
        assert_eq!(s.line_modes(), (false, false), "the reader runs raw");
        s.signal(signal);
        let code = u32::try_from(128 + signal).expect("code");
        assert_eq!(s.wait_exit(), Ok(code), "signal {signal}");
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
    let mut s = Signalled::start(FIXTURE, &data);
    s.wait_for("Cargo volumes");
    s.send("]]]]");
    s.wait_until("Options on top", |sc| {
        sc.lines().next().is_some_and(|l| l.contains("Options"))
    });
    s.signal(libc::SIGTERM);
    assert_eq!(s.wait_exit(), Ok(143));
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
