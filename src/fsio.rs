//! Writing the user's files safely: atomic replaces and private folders,
//! shared by the notes store (which adds locking and merging on top), the
//! reading state and the library's cache; and exports, which replace a
//! file only when asked.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

/// Temp files are `<name>.tmp-<pid>-<n>`: the pid tells a crashed
/// writer's leftovers (to clean) from a live one's.
pub const TEMP_MARK: &str = ".tmp-";

/// Writes `bytes` to `target` so that a crash at any moment leaves either
/// the old file or the new one, whole: a temp file in the same folder,
/// fsync, rename over the target, fsync the folder.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(target, bytes, |temp| fs::rename(temp, target))
}

/// Writes a file the reader named (an export), atomically as
/// [`write_atomic`] does. An existing file is replaced only with
/// `overwrite`, and then keeps its permission bits (the reader chose them);
/// without it the error is `AlreadyExists` and nothing is written. A new
/// file is readable by its owner only.
pub fn write_export(target: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    if !overwrite {
        return write_via_temp(target, bytes, |temp| link_new(temp, target));
    }
    let old = fs::metadata(target).ok().map(|m| m.permissions());
    write_via_temp(target, bytes, |temp| {
        if let Some(permissions) = old {
            fs::set_permissions(temp, permissions)?;
        }
        fs::rename(temp, target)
    })
}

/// Gives `temp` the name `target` unless something has that name: a hard
/// link never replaces a file. Where links are not supported, a check and
/// a rename do (with a window another program could slip into).
fn link_new(temp: &Path, target: &Path) -> io::Result<()> {
    match fs::hard_link(temp, target) {
        Ok(()) => {
            // The file is in place; a leftover temp name is only clutter
            // that the next start cleans.
            let _ = fs::remove_file(temp);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if fs::symlink_metadata(target).is_ok() => {
            Err(io::Error::from(io::ErrorKind::AlreadyExists))
        }
        Err(_) => fs::rename(temp, target),
    }
}

/// Writes a new temp file next to `target`, lets `finish` put it in place,
/// then syncs the folder; the temp file is removed if anything fails.
fn write_via_temp(
    target: &Path,
    bytes: &[u8],
    finish: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = parent_dir(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!("{name}{TEMP_MARK}{}-{n}", std::process::id()));
    let written = write_new(&temp, bytes).and_then(|()| finish(&temp));
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(dir)
}

/// Creates a new file readable by its owner only, writes it and syncs it.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes a rename in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) => {}
        other => other?,
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Creates a folder (and its parents) readable by its owner only.
pub fn make_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir)
}

/// A path with symlinks and `..` resolved, or made absolute when it cannot
/// be (a file that is gone): the one form briefs are compared and recorded in.
pub fn canonical(path: &Path) -> std::path::PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A temp file older than this is a leftover even if its pid is in use.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes temp files of saves that never finished: their process is gone,
/// or they are over an hour old. Returns how many were removed.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(temp_pid) else {
            continue;
        };
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        let orphaned = pid != std::process::id() && !process_alive(pid);
        if (orphaned || age > STALE_TEMP_AGE) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The pid in a temp file name `<file>.tmp-<pid>-<n>`.
pub fn temp_pid(name: &str) -> Option<u32> {
    let (_, rest) = name.rsplit_once(TEMP_MARK)?;
    let (pid, n) = rest.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
pub fn process_alive(_pid: u32) -> bool {
    // Without a cheap check, only the age rule removes temp files.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_files(dir: &Path) -> usize {
        fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().contains(TEMP_MARK))
                    .count()
            })
            .unwrap_or(0)
    }

    #[test]
    fn export_without_overwrite_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out.toml");
        fs::write(&target, "mine").expect("write");
        let err = write_export(&target, b"new", false).expect_err("refused");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&target).expect("read"), "mine");
        assert_eq!(temp_files(dir.path()), 0, "no temp file left");
    }

    #[test]
    fn export_without_overwrite_creates_a_new_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out.toml");
        write_export(&target, b"new", false).expect("export");
        assert_eq!(fs::read_to_string(&target).expect("read"), "new");
        assert_eq!(temp_files(dir.path()), 0, "no temp file left");
    }
}
