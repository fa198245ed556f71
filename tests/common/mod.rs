//! Drives the real `brief` binary in a pseudo-terminal and reads its screen
//! through a vt100 emulator, the way a person at a terminal would.

#![allow(dead_code)]

pub mod hostile;
pub mod notes;
pub mod privilege;
pub mod run;
pub mod search;
pub mod tui;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the program wrote, for checks on raw output.
    pub raw: Vec<u8>,
    /// Answers the device status request (`CSI 5n`) as a real terminal
    /// does, which ends brief's start-up graphics query at once; false
    /// plays a terminal that never answers.
    pub answers_status: bool,
}

impl Session {
    /// Starts `brief ARGS` in a `cols`x`rows` terminal with its data folder
    /// in `data_dir`.
    pub fn start(args: &[&str], data_dir: &Path, cols: u16, rows: u16) -> Session {
        let program = std::ffi::OsString::from(env!("CARGO_BIN_EXE_brief"));
        Session::start_argv(&[program], args, data_dir, cols, rows)
    }

    /// Like [`Session::start`], as the unprivileged user of
    /// [`privilege`] when the tests run as root, so that permissions
    /// apply; hand it the folders it needs with `privilege::hand_over`.
    pub fn start_unprivileged(args: &[&str], data_dir: &Path, cols: u16, rows: u16) -> Session {
        let argv = privilege::unprivileged_argv(Path::new(env!("CARGO_BIN_EXE_brief")));
        Session::start_argv(&argv, args, data_dir, cols, rows)
    }

    /// Starts `argv` (a program and its first arguments), then `args`.
    fn start_argv(
        argv: &[std::ffi::OsString],
        args: &[&str],
        data_dir: &Path,
        cols: u16,
        rows: u16,
    ) -> Session {
        let mut cmd = CommandBuilder::from_argv(argv.to_vec());
        cmd.args(args);
        Session::spawn(cmd, data_dir, cols, rows)
    }

    /// Starts `brief ARGS` as a job of a shell with job control, as typed
    /// at a terminal: Ctrl-Z really stops it (started directly, it would be
    /// in a process group no shell controls, where the system discards
    /// SIGTSTP), and the shell then takes the terminal back. The shell
    /// waits for a line (`send("\n")`), runs `fg`, and exits with brief's
    /// status.
    #[cfg(unix)]
    pub fn start_in_shell(args: &[&str], data_dir: &Path, cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "set -m; \"$@\"; read line; fg", "sh"]);
        cmd.arg(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args);
        Session::spawn(cmd, data_dir, cols, rows)
    }

    fn spawn(mut cmd: CommandBuilder, data_dir: &Path, cols: u16, rows: u16) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("BRIEF_DATA_DIR", data_dir);
        cmd.env("BRIEF_CONFIG_DIR", data_dir.join("config"));
        let child = pair.slave.spawn_command(cmd).expect("spawn brief");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Session {
            master: pair.master,
            writer,
            child,
            output,
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            raw: Vec::new(),
            answers_status: true,
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.take_in(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.take_in(&bytes);
        }
    }

    fn take_in(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        self.raw.extend_from_slice(bytes);
        if self.answers_status && bytes.windows(4).any(|w| w == b"\x1b[5n") {
            let _ = self.writer.write_all(b"\x1b[0n");
            let _ = self.writer.flush();
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen if it
    /// never does.
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.screen().contains(text) {
                return;
            }
        }
        panic!("screen never showed {text:?}; it shows:\n{}", self.screen());
    }

    /// Waits until `pred` holds for the screen.
    pub fn wait_until(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if pred(&self.screen()) {
                return;
            }
        }
        panic!("screen never showed {what}; it shows:\n{}", self.screen());
    }

    /// Waits until the screen's top line holds `text`.
    pub fn wait_for_top_line(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} on the top line"), |screen| {
            screen.lines().next().is_some_and(|top| top.contains(text))
        });
    }

    /// Waits until the bytes written since `from` (an earlier
    /// `raw.len()`) contain `text`; panics if the program ends first.
    pub fn wait_for_raw(&mut self, from: usize, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if String::from_utf8_lossy(&self.raw[from..]).contains(text) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the program ended ({status:?}) before writing {text:?}");
            }
        }
        panic!("the program never wrote {text:?}");
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Lets pending output arrive.
    pub fn settle(&mut self) {
        for _ in 0..6 {
            self.pump(Duration::from_millis(50));
        }
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        match self.wait_status() {
            Ok(code) => code,
            Err(signal) => panic!("brief was killed by {signal}; screen:\n{}", self.screen()),
        }
    }

    /// Waits for the program to end: its exit code, or the name of the
    /// signal that killed it.
    pub fn wait_status(&mut self) -> Result<u32, String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(20));
            if let Ok(Some(status)) = self.child.try_wait() {
                self.settle();
                return match status.signal() {
                    Some(name) => Err(name.to_owned()),
                    None => Ok(status.exit_code()),
                };
            }
        }
        let _ = self.child.kill();
        panic!("brief did not end; screen:\n{}", self.screen());
    }

    /// Sends a signal to the program.
    #[cfg(unix)]
    pub fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("brief's pid");
        let pid = libc::pid_t::try_from(pid).expect("pid fits");
        // SAFETY: kill(2) with the pid of our own child.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill");
    }

    /// The terminal's local modes: (canonical input, echo).
    #[cfg(unix)]
    pub fn line_modes(&self) -> (bool, bool) {
        let fd = self.master.as_raw_fd().expect("pty fd");
        // SAFETY: termios is plain data, filled in by tcgetattr on a
        // descriptor this session owns.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        (t.c_lflag & libc::ICANON != 0, t.c_lflag & libc::ECHO != 0)
    }

    /// Sends a signal to the terminal's foreground process group: the
    /// program itself when it runs under `start_in_shell`.
    #[cfg(unix)]
    pub fn signal_foreground(&self, signal: i32) {
        let group = self
            .master
            .process_group_leader()
            .expect("a foreground group");
        // SAFETY: kill(2) of a process group on our own pseudo-terminal.
        assert_eq!(unsafe { libc::kill(-group, signal) }, 0, "kill");
    }

    /// Waits until the shell of `start_in_shell` has the terminal back:
    /// the program in it has stopped (or ended).
    #[cfg(unix)]
    pub fn wait_for_shell(&mut self) {
        let shell = self
            .child
            .process_id()
            .and_then(|p| libc::pid_t::try_from(p).ok());
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(20));
            if self.master.process_group_leader() == shell {
                return;
            }
        }
        panic!(
            "the shell never got the terminal back; screen:\n{}",
            self.screen()
        );
    }

    /// Sets the terminal's modes back to a shell's (canonical input, echo,
    /// signal keys), as a shell may do while the program is stopped.
    #[cfg(unix)]
    pub fn set_cooked(&self) {
        let fd = self.master.as_raw_fd().expect("pty fd");
        // SAFETY: termios is plain data, read and written by tcgetattr and
        // tcsetattr on a descriptor this session owns.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t.c_lflag |= libc::ICANON | libc::ECHO | libc::ISIG;
        assert_eq!(
            unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) },
            0,
            "tcsetattr"
        );
    }

    /// Resizes the terminal but not the emulator reading it: for sizes no
    /// emulator could hold.
    pub fn resize_pty_only(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.resize_pty_only(cols, rows);
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A fresh folder under the system temp dir, removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("brief-test-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
