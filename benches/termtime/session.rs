//! One timed run: spawn the program in a pseudo-terminal, wait for its
//! first screen, press the keys, read its peak memory, quit.
//!
//! A reader thread timestamps every chunk of output the moment `read`
//! returns, so the time spent parsing the output here never counts against
//! the program being measured.

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use crate::keys::Key;
use crate::screen::Screen;

/// What to run and how.
pub struct Plan {
    pub command: Vec<String>,
    pub cols: u16,
    pub rows: u16,
    pub term: String,
    pub expect: Option<String>,
    pub keys: Vec<Key>,
    pub quit: Key,
    pub settle: Duration,
    pub timeout: Duration,
}

/// The figures of one run. Times are measured from spawning (start-up) or
/// from writing the key (keys), to the arrival of the output.
#[derive(Debug, Clone)]
pub struct Run {
    pub first_screen: Duration,
    /// The last byte of the start-up output, once it went quiet; `None`
    /// when the program never stopped writing.
    pub start_settled: Option<Duration>,
    pub keys: Vec<KeyRun>,
    pub peak_rss_kb: Option<u64>,
    /// Time from the quit key to the program's exit; `None` when it had to
    /// be killed, or exited by itself.
    pub quit: Option<Duration>,
    /// The program exited after its first screen without being asked.
    pub exited_by_itself: bool,
}

#[derive(Debug, Clone)]
pub struct KeyRun {
    pub first_byte: Option<Duration>,
    /// The last byte of the redraw (before the settle window).
    pub last_byte: Option<Duration>,
    pub bytes: usize,
    /// Whether the visible screen (text or attributes) changed.
    pub changed: bool,
    pub settled: bool,
}

enum Chunk {
    Data(Instant, Vec<u8>),
    Eof,
}

/// The program while it runs: its output stream, its input and the model
/// of its screen.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Chunk>,
    input: Box<dyn Write + Send>,
    screen: Screen,
    // Kept open: dropping the master hangs up the terminal.
    _master: Box<dyn portable_pty::MasterPty + Send>,
    eof: bool,
    /// The highest VmHWM read so far, in KiB.
    peak_kb: Option<u64>,
}

/// The end of a burst of output.
struct Quiet {
    last_byte: Option<Instant>,
    bytes: usize,
    settled: bool,
    /// The program closed the terminal (it exited).
    ended: bool,
}

pub fn run(plan: &Plan) -> Result<Run, String> {
    let start = Instant::now();
    let mut session = Session::spawn(plan)?;
    let result = measure(&mut session, plan, start);
    if result.is_err() {
        let _ = session.child.kill();
        let _ = session.child.wait();
    }
    result
}

fn measure(s: &mut Session, plan: &Plan, start: Instant) -> Result<Run, String> {
    let program = &plan.command[0];
    let shown = s.wait_for_screen(plan, start)?;
    let first_screen = shown - start;
    s.sample_memory();
    let quiet = s.drain_until_quiet(plan, shown + plan.timeout)?;
    let start_settled = quiet
        .settled
        .then(|| quiet.last_byte.unwrap_or(shown) - start);
    if quiet.ended {
        // A renderer that prints and exits (like `cat`) has a first
        // screen too, but nothing to press keys at.
        if !plan.keys.is_empty() {
            return Err(s.exited(plan, "after its first screen, before the first key"));
        }
        return Ok(Run {
            first_screen,
            start_settled,
            keys: Vec::new(),
            peak_rss_kb: s.peak_kb,
            quit: None,
            exited_by_itself: true,
        });
    }
    s.sample_memory();

    let mut keys = Vec::with_capacity(plan.keys.len());
    for key in &plan.keys {
        keys.push(s.press(key, plan)?);
        s.sample_memory();
    }

    s.sample_memory();
    let peak_rss_kb = s.peak_kb;
    let quit = s.quit(plan);
    if quit.is_none() {
        eprintln!(
            "termtime: {program} did not exit within {:.1} s of the quit key ({}); killed it",
            plan.timeout.as_secs_f64(),
            plan.quit.name
        );
    }
    Ok(Run {
        first_screen,
        start_settled,
        keys,
        peak_rss_kb,
        quit,
        exited_by_itself: false,
    })
}

impl Session {
    fn spawn(plan: &Plan) -> Result<Session, String> {
        let program = &plan.command[0];
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: plan.rows,
                cols: plan.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("cannot open a pseudo-terminal: {e}"))?;
        // A path with a slash is a file, not a name to look up on PATH
        // (portable-pty looks relative paths up on PATH).
        let program = if program.contains('/') {
            std::fs::canonicalize(program)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|_| program.clone())
        } else {
            program.clone()
        };
        let mut cmd = CommandBuilder::new(&program);
        cmd.args(&plan.command[1..]);
        cmd.env("TERM", &plan.term);
        cmd.env("LINES", plan.rows.to_string());
        cmd.env("COLUMNS", plan.cols.to_string());
        // portable-pty starts in $HOME unless told otherwise.
        let cwd = std::env::current_dir()
            .map_err(|e| format!("cannot read the current directory: {e}"))?;
        cmd.cwd(cwd);
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        // The program holds the terminal now; our copy would hide its exit.
        drop(pair.slave);
        let reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("cannot read the pseudo-terminal: {e}"))?;
        let input = pair
            .master
            .take_writer()
            .map_err(|e| format!("cannot write to the pseudo-terminal: {e}"))?;
        Ok(Session {
            child,
            output: read_in_background(reader),
            input,
            screen: Screen::new(plan.cols, plan.rows),
            _master: pair.master,
            eof: false,
            peak_kb: None,
        })
    }

    /// Takes one chunk of output into the screen model, answering the
    /// program's terminal queries. Returns when the chunk arrived, or
    /// `None` on timeout or end of output.
    fn next_chunk(&mut self, deadline: Instant) -> Result<Option<(Instant, usize)>, String> {
        if self.eof {
            return Ok(None);
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.output.recv_timeout(wait) {
            Ok(Chunk::Data(at, bytes)) => {
                let replies = self.screen.process(&bytes);
                if !replies.is_empty() {
                    self.send(&replies)?;
                }
                Ok(Some((at, bytes.len())))
            }
            Ok(Chunk::Eof) | Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                Ok(None)
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
        }
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.input
            .write_all(bytes)
            .and_then(|()| self.input.flush())
            .map_err(|e| format!("cannot write to the program: {e}"))
    }

    /// Waits for the first screen showing the expected text (or anything).
    fn wait_for_screen(&mut self, plan: &Plan, start: Instant) -> Result<Instant, String> {
        let deadline = start + plan.timeout;
        loop {
            match self.next_chunk(deadline)? {
                Some((at, _)) if self.shows(plan.expect.as_deref()) => return Ok(at),
                Some(_) => {}
                None => return Err(self.no_screen(plan)),
            }
        }
    }

    fn shows(&self, expect: Option<&str>) -> bool {
        let text = self.screen.text();
        match expect {
            Some(t) => text.contains(t),
            None => !text.trim().is_empty(),
        }
    }

    fn no_screen(&mut self, plan: &Plan) -> String {
        let program = &plan.command[0];
        let what = plan
            .expect
            .as_deref()
            .map_or_else(|| "anything".to_owned(), |t| format!("{t:?}"));
        if self.eof {
            return self.exited(plan, &format!("before showing {what}"));
        }
        let why = format!(
            "{program} did not show {what} within {:.1} s (raise --timeout?)",
            plan.timeout.as_secs_f64()
        );
        self.with_screen(why)
    }

    /// The message for a program that ended while it was being timed.
    fn exited(&mut self, plan: &Plan, when: &str) -> String {
        let status = self.child.wait().map_or_else(
            |e| e.to_string(),
            |s| format!("exit code {}", s.exit_code()),
        );
        let why = format!("{} exited ({status}) {when}", plan.command[0]);
        self.with_screen(why)
    }

    fn with_screen(&self, why: String) -> String {
        let screen = self.screen.text();
        let screen = screen.trim_end();
        if screen.trim().is_empty() {
            format!("{why}; the screen is blank")
        } else {
            format!("{why}; the screen shows:\n{screen}")
        }
    }

    /// Reads output until none arrives for the settle window, until
    /// `deadline`, or until the program closes the terminal.
    fn drain_until_quiet(&mut self, plan: &Plan, deadline: Instant) -> Result<Quiet, String> {
        let mut quiet = Quiet {
            last_byte: None,
            bytes: 0,
            settled: false,
            ended: false,
        };
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Ok(quiet);
            }
            match self.next_chunk((now + plan.settle).min(deadline))? {
                Some((at, n)) => {
                    quiet.last_byte = Some(at);
                    quiet.bytes += n;
                }
                None if self.eof => {
                    quiet.settled = true;
                    quiet.ended = true;
                    return Ok(quiet);
                }
                None => {
                    quiet.settled = Instant::now() < deadline;
                    return Ok(quiet);
                }
            }
        }
    }

    /// Reads the program's peak memory between timed steps, never while
    /// it is drawing.
    fn sample_memory(&mut self) {
        if let Some(kb) = self.child.process_id().and_then(peak_rss_kb) {
            self.peak_kb = Some(self.peak_kb.map_or(kb, |p| p.max(kb)));
        }
    }

    /// Sends a key and times the redraw it causes.
    fn press(&mut self, key: &Key, plan: &Plan) -> Result<KeyRun, String> {
        // Output already on its way belongs to what came before the key.
        while self.next_chunk(Instant::now())?.is_some() {}
        let before = self.screen.formatted();
        let bytes = key.bytes(self.screen.application_cursor());
        let sent = Instant::now();
        self.send(&bytes)?;
        let deadline = sent + plan.timeout;
        let after_key = format!("after the key {}", key.name);
        let Some((first, n)) = self.next_chunk(deadline)? else {
            if self.eof {
                return Err(self.exited(plan, &after_key));
            }
            return Ok(KeyRun {
                first_byte: None,
                last_byte: None,
                bytes: 0,
                changed: false,
                settled: true,
            });
        };
        let quiet = self.drain_until_quiet(plan, deadline)?;
        if quiet.ended {
            return Err(self.exited(plan, &after_key));
        }
        Ok(KeyRun {
            first_byte: Some(first - sent),
            last_byte: Some(quiet.last_byte.unwrap_or(first) - sent),
            bytes: n + quiet.bytes,
            changed: self.screen.formatted() != before,
            settled: quiet.settled,
        })
    }

    /// Sends the quit key and waits for the exit; kills the program when
    /// it does not go.
    fn quit(&mut self, plan: &Plan) -> Option<Duration> {
        let bytes = plan.quit.bytes(self.screen.application_cursor());
        let sent = Instant::now();
        if self.send(&bytes).is_ok() {
            while sent.elapsed() < plan.timeout {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return Some(sent.elapsed());
                }
                // Keep reading so a program flushing its last frame never
                // blocks on a full terminal buffer.
                let _ = self.next_chunk(Instant::now() + Duration::from_millis(1));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

fn read_in_background(mut reader: Box<dyn Read + Send>) -> Receiver<Chunk> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let chunk = Chunk::Data(Instant::now(), buf[..n].to_vec());
                    if tx.send(chunk).is_err() {
                        return;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // EIO: the program closed the terminal.
                Err(_) => break,
            }
        }
        let _ = tx.send(Chunk::Eof);
    });
    rx
}

/// The kernel's high-water mark of the process's resident memory (VmHWM in
/// /proc/PID/status). It only grows, so the reading just before quitting
/// is the peak of the whole run; earlier readings cover a program that
/// dies first. Only the process started is counted, not its children.
/// Linux only; `None` elsewhere.
pub fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
