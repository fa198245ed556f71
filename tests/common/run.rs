//! Running the `brief` binary the way a script does: arguments as raw OS
//! strings (file names need not be UTF-8), stdin closed, stdout and stderr
//! captured, and a test failure when it hangs or panics.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::TempDir;

/// How a run ended and what it wrote.
pub struct Output {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs `brief ARGS` with a data folder, failing the test when it runs
/// longer than 10 s (a hang) or panics.
pub fn brief(args: &[&OsStr], data: &Path) -> Output {
    brief_with(Command::new(env!("CARGO_BIN_EXE_brief")), args, data)
}

/// Like [`brief`], with a command that starts the binary some other way
/// (see `privilege::unprivileged_command`).
pub fn brief_with(mut command: Command, args: &[&OsStr], data: &Path) -> Output {
    let mut child = command
        .args(args)
        .env("BRIEF_DATA_DIR", data)
        .env("BRIEF_CONFIG_DIR", data.join("config"))
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start brief");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let read_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let read_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for brief") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("brief {args:?} did not finish within 10 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let output = Output {
        code: status.code(),
        stdout: read_out.join().unwrap_or_default(),
        stderr: read_err.join().unwrap_or_default(),
    };
    assert!(
        !output.stderr().contains("panicked") && !output.stderr().contains("crashed"),
        "brief {args:?} panicked: {}",
        output.stderr()
    );
    output
}

pub fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Writes `text` to `name` under `dir`, making the folders on the way.
pub fn write(dir: &TempDir, name: impl AsRef<OsStr>, text: &str) -> PathBuf {
    let path = dir.path().join(name.as_ref());
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).expect("make the folder");
    }
    std::fs::write(&path, text).expect("write a brief");
    path
}
