//! Orders for the library list (`s` cycles them) and the per-brief counts
//! they need from the notes store and the reading state.

use std::cmp::{Ordering, Reverse};
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
/// failed to load always come last; ties go by path.
pub fn sort_order(
    library: &Library,
    key: SortKey,
    progress: &HashMap<PathBuf, Progress>,
    notes: &HashMap<PathBuf, usize>,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..library.entries.len()).collect();
    let entries = &library.entries;
    let titles: Vec<String> = entries.iter().map(|e| e.title().to_lowercase()).collect();
    let dates: Vec<(bool, (i32, u32, u32))> = entries.iter().map(date_key).collect();
    let by_key = |a: usize, b: usize| -> Ordering {
        let (ea, eb) = (&entries[a], &entries[b]);
        match key {
            SortKey::Date => dates[b].cmp(&dates[a]),
            SortKey::Title => titles[a].cmp(&titles[b]),
            SortKey::Progress => progress_rank(progress.get(&ea.canonical))
                .cmp(&progress_rank(progress.get(&eb.canonical))),
            SortKey::Notes => {
                let n = |e: &Entry| notes.get(&e.canonical).copied().unwrap_or(0);
                n(eb).cmp(&n(ea))
            }
        }
    };
    order.sort_by(|&a, &b| {
        let failed = |i: usize| entries[i].info().is_none();
        failed(a)
            .cmp(&failed(b))
            .then_with(|| by_key(a, b))
            .then_with(|| entries[a].relative.cmp(&entries[b].relative))
    });
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
