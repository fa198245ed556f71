//! Search across a library: a persistent full-text index per library
//! folder (tantivy), its query language and ranking, searching as the
//! reader types, and the fuzzy match on titles. Plain data, files and
//! threads; no terminal.
//!
//! - [`LibraryIndex`] opens (or builds again) a library's index in the data
//!   folder; [`Plan`] and [`LibraryIndex::update`] bring it up to date with
//!   the folder, re-indexing only what changed; [`LibraryIndex::search`]
//!   answers [`Query`]s with [`Passage`]s, grouped by brief or flat.
//! - [`SearchWorker`] keeps a library's index current and searches it on
//!   threads as the reader types.
//! - [`match_briefs`] is the fuzzy match on titles and metadata.
//! - [`NoteTags`] are the note tags that `#tag` queries look for.
//!
//! Builds on the catalogue (the files of a library) and on notes (tags).
//! Neither catalogue nor reading may depend on it; it must not depend on
//! app or ui.

mod analyze;
mod clauses;
mod collect;
mod fuzzy;
mod group;
mod index;
mod manifest;
mod matching;
mod passage;
mod query;
mod rank;
mod schema;
mod source;
mod tags;
mod tokenize;
mod update;
mod worker;

pub use fuzzy::{BriefMatch, match_briefs};
pub use index::{INDEX_DIR, IndexError, LibraryIndex, Opened, index_path};
pub use manifest::{Indexed, Manifest};
pub use matching::{SNIPPET_CHARS, Snippet};
pub use query::{Clause, ClauseKind, Query};
pub use rank::{Passage, SearchOptions, SearchResults, Total};
pub use tags::NoteTags;
pub use update::{Plan, Progress, SourceFile, Updated, thousands};
pub use worker::{
    IndexEvent, SearchRequest, SearchResponse, SearchWorker, WorkerEvent, source_files,
};
