//! Orders for the library list (`s` cycles them) and the per-brief counts
//! they need from the notes store and the reading state.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::path::PathBuf;

use super::scan::{Entry, Library};
use crate::document::date;
use crate::notes::store::Store;
use crate::reading::Progress;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// Newest first (front matter date, else the file's).
    #[default]
    Date,
    /// A to Z, ignoring case.
    Title,
    /// Briefs in progress first (furthest along first), then unread, then
    /// read: the order to pick up reading in.
    Progress,
    /// Most notes first.
    Notes,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Date,
        SortKey::Title,
        SortKey::Progress,
        SortKey::Notes,
    ];

    /// The next order in the cycle.
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|&k| k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Title => "title",
            SortKey::Progress => "progress",
            SortKey::Notes => "notes",
        }
    }
}

/// Notes per brief (by the canonical path the notes files record). Files
/// that cannot be read count nothing.
pub fn note_counts(store: &Store) -> HashMap<PathBuf, usize> {
    let mut counts = HashMap::new();
    for (_, file) in store.all().into_iter().flatten() {
        if !file.path.is_empty() {
            *counts.entry(PathBuf::from(file.path)).or_default() += file.notes.len();
        }
    }
    counts
}

/// The entries' indices in the chosen order. `progress` and `notes` are
/// keyed by canonical path (missing means unread, no notes). Files that
/// failed to load always come last; ties keep the library's order (by
/// path). Only the chosen key is worked out, once per entry: a library of
/// 100,000 briefs is sorted on every open.
pub fn sort_order(
    library: &Library,
    key: SortKey,
    progress: &HashMap<PathBuf, Progress>,
    notes: &HashMap<PathBuf, usize>,
) -> Vec<usize> {
    let entries = &library.entries;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    let failed: Vec<bool> = entries.iter().map(|e| e.info().is_none()).collect();
    match key {
        SortKey::Date => {
            let dates: Vec<_> = entries.iter().map(|e| Reverse(date_key(e))).collect();
            order.sort_unstable_by_key(|&i| (failed[i], dates[i], i));
        }
        SortKey::Title => {
            let titles: Vec<String> = entries.iter().map(|e| e.title().to_lowercase()).collect();
            order.sort_unstable_by(|&a, &b| {
                (failed[a], &titles[a], a).cmp(&(failed[b], &titles[b], b))
            });
        }
        SortKey::Progress => {
            let ranks: Vec<_> = entries
                .iter()
                .map(|e| progress_rank(progress.get(&e.canonical)))
                .collect();
            order.sort_unstable_by_key(|&i| (failed[i], ranks[i], i));
        }
        SortKey::Notes => {
            let counts: Vec<_> = entries
                .iter()
                .map(|e| Reverse(notes.get(&e.canonical).copied().unwrap_or(0)))
                .collect();
            order.sort_unstable_by_key(|&i| (failed[i], counts[i], i));
        }
    }
    order
}

/// Smaller first: in progress by percent descending, unread, read.
fn progress_rank(p: Option<&Progress>) -> (u8, Reverse<u8>) {
    match p.copied().unwrap_or(Progress::Unread) {
        Progress::Partial(pct) => (0, Reverse(pct)),
        Progress::Unread => (1, Reverse(0)),
        Progress::Read => (2, Reverse(0)),
    }
}

/// Whether the brief gives its date, and (year, month, day) of the entry's
/// date: the brief's own, however it is written, else the file's day;
/// briefs that give a date sort before the guessed ones, (0, 0, 0) last.
fn date_key(e: &Entry) -> (bool, (i32, u32, u32)) {
    let given = e.info().filter(|i| !i.date_from_file);
    let from_text = given.and_then(|i| date::parse_day(&i.date));
    let day = from_text
        .or_else(|| date::parse_day(&e.stamp.date()))
        .unwrap_or((0, 0, 0));
    (from_text.is_some(), day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_cycle() {
        assert_eq!(SortKey::Notes.next(), SortKey::Date);
        assert_eq!(SortKey::Date.next(), SortKey::Title);
    }
}
