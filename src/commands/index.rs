//! The search index from the command line: opened and brought up to date
//! before `brief search` answers (only what changed is read), with a
//! progress line on stderr when it is a terminal; and `brief index`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::CliError;
use crate::catalogue::{LibraryError, Listing, list};
use crate::document::LoadOptions;
use crate::document::sanitize::sanitize_line;
use crate::search::{IndexError, LibraryIndex, Plan, Progress, SourceFile, Updated, thousands};

/// How long to wait for another process that is writing the index.
const BUSY_WAIT: Duration = Duration::from_secs(30);
const BUSY_POLL: Duration = Duration::from_millis(100);

/// An index brought up to date, and what to tell the reader about it.
pub struct Current {
    pub index: LibraryIndex,
    /// Briefs and folders that could not be read: left out (sanitised).
    pub skipped: Vec<String>,
    /// Things to say that leave nothing out (the index was rebuilt).
    pub notices: Vec<String>,
    /// What the update did.
    pub updated: Updated,
}

/// Opens the index of the library at `dir` (in the data folder, else in
/// memory) and indexes what changed since it was last brought up to date.
pub fn current(dir: &Path, data_dir: Option<&Path>, rebuild: bool) -> Result<Current, CliError> {
    current_then(dir, data_dir, rebuild, |_| ()).map(|(current, ())| current)
}

/// As [`current`], and `work` done on the index up to date. Listing the
/// folder (a stat of every brief, to find what changed) takes longer than
/// opening the index and searching it, so `work` first runs on the index
/// as it was while another thread lists the folder, and again only if
/// something had to be indexed.
pub fn current_then<T>(
    dir: &Path,
    data_dir: Option<&Path>,
    rebuild: bool,
    work: impl Fn(&LibraryIndex) -> T,
) -> Result<(Current, T), CliError> {
    std::thread::scope(|s| {
        let listing = s.spawn(|| list(dir));
        // The listing says why a folder cannot be used.
        let root = match std::fs::canonicalize(dir) {
            Ok(root) if root.is_dir() => root,
            _ => return Err(listed(listing).err().unwrap_or_else(busy_error)),
        };
        if rebuild && let Some(data) = data_dir {
            waiting(|| LibraryIndex::remove(data, &root))?.ok_or_else(busy_error)?;
        }
        let opened =
            waiting(|| LibraryIndex::open(data_dir, dir, &root))?.ok_or_else(busy_error)?;
        let index = opened.index;
        let early = work(&index);
        let listing = listed(listing)?;
        let (files, not_listed) = SourceFile::from_listing(listing.files);
        let mut skipped: Vec<String> = listing.problems.iter().map(|p| sanitize_line(p)).collect();
        skipped.extend(not_listed);
        let (updated, changed) = update(&index, &files)?;
        let answer = if changed { work(&index) } else { early };
        skipped.extend(
            index
                .failures()
                .iter()
                .map(|why| format!("search skipped {why}")),
        );
        let mut notices: Vec<String> = opened.rebuilt.into_iter().collect();
        if !updated.complete {
            notices.push(
                "another brief is updating the search index: results are from what it has \
                 indexed"
                    .to_owned(),
            );
        }
        let current = Current {
            index,
            skipped,
            notices,
            updated,
        };
        Ok((current, answer))
    })
}

/// As [`current_then`] without looking at the folder (`brief search
/// --cached`): `work` runs on the index as last brought up to date, which
/// spares a look-up of every brief's size and time (most of a search's
/// time in a big folder). An index that holds nothing yet is built first.
pub fn cached_then<T>(
    dir: &Path,
    data_dir: Option<&Path>,
    work: impl Fn(&LibraryIndex) -> T,
) -> Result<(Current, T), CliError> {
    let root = match std::fs::canonicalize(dir) {
        Ok(root) if root.is_dir() => root,
        _ => return current_then(dir, data_dir, false, work),
    };
    let opened = waiting(|| LibraryIndex::open(data_dir, dir, &root))?.ok_or_else(busy_error)?;
    if opened.rebuilt.is_some() || opened.index.counts().0 == 0 {
        drop(opened);
        return current_then(dir, data_dir, false, work);
    }
    let index = opened.index;
    let answer = work(&index);
    let skipped = index
        .failures()
        .iter()
        .map(|why| format!("search skipped {why}"))
        .collect();
    let current = Current {
        index,
        skipped,
        notices: Vec::new(),
        updated: Updated::default(),
    };
    Ok((current, answer))
}

fn listed(
    listing: std::thread::ScopedJoinHandle<'_, Result<Listing, LibraryError>>,
) -> Result<Listing, CliError> {
    match listing.join() {
        Ok(Ok(listing)) => Ok(listing),
        Ok(Err(e)) => Err(CliError::Usage(e.to_string())),
        Err(_) => Err(CliError::Usage("listing the folder failed".to_owned())),
    }
}

fn busy_error() -> CliError {
    CliError::Usage(IndexError::Busy.to_string())
}

/// Runs `step` until it is not [`IndexError::Busy`]; None if it still is
/// after [`BUSY_WAIT`].
fn waiting<T>(mut step: impl FnMut() -> Result<T, IndexError>) -> Result<Option<T>, CliError> {
    let since = Instant::now();
    loop {
        match step() {
            Ok(t) => return Ok(Some(t)),
            Err(IndexError::Busy) if since.elapsed() < BUSY_WAIT => std::thread::sleep(BUSY_POLL),
            Err(IndexError::Busy) => return Ok(None),
            Err(e) => return Err(CliError::Usage(e.to_string())),
        }
    }
}

/// Indexes what changed, waiting for another process that writes the
/// index; if it is still writing after [`BUSY_WAIT`], searches what it
/// committed. True when the index may differ from before.
fn update(index: &LibraryIndex, files: &[SourceFile]) -> Result<(Updated, bool), CliError> {
    let mut changed = false;
    let updated = waiting(|| {
        let plan = Plan::new(&*index.manifest()?, files);
        if plan.is_empty() {
            return Ok(Updated {
                complete: true,
                ..Updated::default()
            });
        }
        changed = true;
        let bar = ProgressLine::new();
        let mut committed = |p: Progress| bar.show(p);
        let updated = index.update(
            files,
            &plan,
            LoadOptions::default(),
            &mut committed,
            &|| false,
        );
        bar.clear();
        if matches!(updated, Err(IndexError::Busy)) {
            // Search what the other process commits meanwhile.
            index.reload()?;
        }
        updated
    })?;
    Ok((updated.unwrap_or_default(), changed))
}

/// "indexing 4,210 of 10,000 briefs" on stderr, when it is a terminal.
struct ProgressLine {
    on: bool,
}

impl ProgressLine {
    fn new() -> ProgressLine {
        ProgressLine {
            on: std::io::stderr().is_terminal(),
        }
    }

    /// Said only once the index is ours to write: nothing while another
    /// process writes it.
    fn show(&self, p: Progress) {
        if self.on && p.total > 0 {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r\x1b[Kindexing {p}");
            let _ = err.flush();
        }
    }

    fn clear(&self) {
        if self.on {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}

/// What `brief index` prints: where the index is, what it holds, its size
/// against the text's, when it was last changed and what this run did.
pub fn status(current: &Current) -> String {
    let index = &current.index;
    let manifest = index.manifest().unwrap_or_default();
    let (briefs, blocks) = index.counts();
    let text: u64 = manifest.briefs.values().map(|b| b.stamp.size).sum();
    let size = index.size_on_disk();
    let mut out = String::new();
    let place = index.location.as_deref().map_or_else(
        || "in memory (no data folder)".to_owned(),
        crate::document::load::display_path,
    );
    out.push_str(&format!("index:    {place}\n"));
    out.push_str(&format!(
        "briefs:   {} ({} passages)\n",
        thousands(briefs),
        thousands(blocks)
    ));
    if index.location.is_some() {
        let share = (size * 100).checked_div(text).unwrap_or(0);
        out.push_str(&format!(
            "size:     {} on disk, {share}% of {} of text\n",
            megabytes(size),
            megabytes(text)
        ));
    }
    if let Some(when) = index.last_update() {
        out.push_str(&format!("updated:  {when}\n"));
    }
    let u = &current.updated;
    out.push_str(&format!(
        "this run: {} indexed, {} unchanged but touched, {} removed\n",
        u.indexed, u.touched, u.removed
    ));
    out
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
