//! Permission tests that hold as root too. Root reads and writes past any
//! mode bits, so a test that takes permissions away checks nothing when
//! the tests run as root (as CI does). There the binary is started as the
//! unprivileged user `nobody` (uid and gid 65534) through `setpriv` (or
//! `runuser`), and the folders it uses are handed over to that user, so
//! the permissions apply to it as to anyone else.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The user and group the binary runs as when the tests run as root.
pub const NOBODY: u32 = 65534;

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A program found on PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The command line that starts `program` as `nobody` when the tests run
/// as root, else `program` alone. Panics as root when neither `setpriv`
/// nor `runuser` is there: skipping would be the silent pass this module
/// exists to prevent.
pub fn unprivileged_argv(program: &Path) -> Vec<OsString> {
    if !is_root() {
        return vec![program.into()];
    }
    let id = NOBODY.to_string();
    let mut argv: Vec<OsString> = if let Some(setpriv) = on_path("setpriv") {
        vec![
            setpriv.into(),
            format!("--reuid={id}").into(),
            format!("--regid={id}").into(),
            "--clear-groups".into(),
            "--".into(),
        ]
    } else if let Some(runuser) = on_path("runuser") {
        vec![runuser.into(), "-u".into(), "nobody".into(), "--".into()]
    } else {
        panic!("running as root without setpriv or runuser: cannot drop privileges");
    };
    argv.push(program.into());
    argv
}

/// The `brief` binary as a [`Command`] that runs as `nobody` when the
/// tests run as root.
pub fn unprivileged_brief() -> Command {
    let argv = unprivileged_argv(Path::new(env!("CARGO_BIN_EXE_brief")));
    let mut command = Command::new(&argv[0]);
    command.args(&argv[1..]);
    command
}

/// Gives `path` and everything under it to `nobody` when the tests run as
/// root, so the unprivileged binary can use the folders a test made; does
/// nothing otherwise. Modes are left as they are.
pub fn hand_over(path: &Path) {
    if !is_root() {
        return;
    }
    std::os::unix::fs::lchown(path, Some(NOBODY), Some(NOBODY)).expect("chown to nobody");
    if path.is_dir() && !path.is_symlink() {
        for entry in std::fs::read_dir(path).expect("list folder").flatten() {
            hand_over(&entry.path());
        }
    }
}
