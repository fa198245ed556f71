//! Search across a library: the full-text index, its query language and
//! ranking, searching as the reader types, and the fuzzy match on titles.
//! Plain data and threads; no terminal.
//!
//! - [`SearchIndex`] (from [`scan_and_index`] or [`SearchIndex::build`])
//!   answers [`Query`]s with ranked [`Passage`]s; [`SearchWorker`] runs it
//!   on a thread as the reader types.
//! - [`match_briefs`] is the fuzzy match on titles and metadata.
//! - [`NoteTags`] are the note tags that `#tag` queries look for.
//!
//! Builds on the catalogue (it indexes a [`crate::catalogue::Library`]) and
//! on notes (tags). Neither catalogue nor reading may depend on it; it must
//! not depend on app or ui.

mod build;
mod fuzzy;
mod index;
mod matching;
mod query;
mod rank;
mod tags;
mod tokenize;
mod worker;

pub use build::scan_and_index;
pub use fuzzy::{BriefMatch, match_briefs};
pub use index::SearchIndex;
pub use matching::{SNIPPET_CHARS, Snippet};
pub use query::{Clause, ClauseKind, Query};
pub use rank::{Passage, SearchOptions, SearchResults, Total};
pub use tags::NoteTags;
pub use worker::{SearchRequest, SearchResponse, SearchWorker};
