//! The library: every brief under a folder, what the list shows about each,
//! full-text search across all of them, and per-brief reading state. Plain
//! data and files; no terminal.
//!
//! - [`scan`] lists a folder ([`Library`]), reusing the metadata cache in
//!   `<data>/library/` so that a warm open reads no brief.
//! - [`SearchIndex`] (from [`scan_and_index`] or [`SearchIndex::build`])
//!   answers [`Query`]s with ranked [`Passage`]s; [`SearchWorker`] runs it
//!   on a thread as the reader types; [`match_briefs`] is the fuzzy match on
//!   titles and metadata.
//! - [`ReadingState`] and [`StateStore`]: position, sections read, and what
//!   changed since (`<data>/state/`).
//! - [`sort_order`] and [`note_counts`] order the list.

mod cache;
mod date;
mod diff;
mod fuzzy;
mod index;
mod info;
mod matching;
mod query;
mod scan;
mod search;
mod sort;
mod state;
mod state_file;
mod stats;
mod tags;
mod tokenize;
mod walk;
mod worker;

pub use cache::{CACHE_VERSION, CacheStatus, LIBRARY_DIR, cache_path};
pub use date::{normalize as normalize_date, parse_day};
pub use diff::{DiffKind, DiffPart, changed_sections, section_diff, section_text, word_diff};
pub use fuzzy::{BriefMatch, match_briefs};
pub use index::SearchIndex;
pub use info::{
    BriefInfo, FileStamp, OutlineItem, SUMMARY_CHARS, WORDS_PER_MINUTE, reading_minutes,
};
pub use matching::{SNIPPET_CHARS, Snippet};
pub use query::{Clause, ClauseKind, Query};
pub use scan::{
    Entry, EntryStatus, Library, LibraryError, ScanOptions, ScanStats, scan, scan_and_index,
};
pub use search::{Passage, SearchOptions, SearchResults, Total};
pub use sort::{SortKey, note_counts, sort_order};
pub use state::{Position, Progress, ReadSection, ReadingState, STATE_DIR, STATE_VERSION};
pub use state_file::{StateError, StateStore};
pub use tags::NoteTags;
pub use walk::is_markdown;
pub use worker::{SearchRequest, SearchResponse, SearchWorker};
