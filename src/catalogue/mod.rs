//! The catalogue: every brief under a folder and what the list shows about
//! each. Plain data and files; no terminal.
//!
//! - [`scan`] lists a folder ([`Library`]), reusing the library's store in
//!   `<data>/library/` (a compact binary file) so that a warm open reads no
//!   brief; [`list`] only walks it; [`stored`] reads a big library's
//!   store alone, to show while the walk runs.
//! - [`BriefInfo`] is what the list shows of one brief, kept in memory;
//!   [`Details`] what the preview adds, read from the store for the brief
//!   selected ([`Library::details`]).
//! - [`sort_order`] and [`note_counts`] order the list.
//!
//! Depends on document, on notes (the store, for note counts) and on
//! reading (progress, to sort by it). Must not depend on search, which
//! builds on the catalogue (it indexes a [`Library`]), nor on app or ui.

mod cache;
mod details;
mod info;
mod parallel;
mod scan;
mod sort;
mod stored;
mod walk;

pub(crate) use cache::key as relative_key;
pub use cache::{CACHE_VERSION, CacheStatus, LIBRARY_DIR, cache_path};
pub use info::{
    BriefInfo, Details, FileStamp, OutlineItem, SUMMARY_CHARS, WORDS_PER_MINUTE, reading_minutes,
};
pub use scan::{
    Entry, EntryStatus, Library, LibraryError, Listed, Listing, ScanOptions, ScanStats, list, scan,
};
pub use sort::{SortKey, note_counts, sort_order};
pub use stored::{STORED_FIRST_MIN, stored};
pub use walk::is_markdown;
