//! The index's schema: one document per block of every brief, and one per
//! brief for what is said about the brief as a whole (title, headings,
//! metadata) and for what the index knows of its file (path, size, time,
//! content hash), so a later open re-indexes only what changed.
//!
//! Every document carries its brief's `key` (a hash of its path), so a
//! brief's documents are deleted together, and its `block` (the block's
//! id in the brief; [`BRIEF_DOC`] for the brief's own document).

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

use super::analyze::{BriefTokenizer, TOKENIZER};

/// The `block` of a brief's own document.
pub const BRIEF_DOC: u64 = u64::MAX;

/// Bumped whenever the schema, the tokenizer or what is indexed changes:
/// an index of another version is rebuilt.
pub const INDEX_VERSION: u32 = 1;

/// The fields, by handle.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Hash of the brief's path under the library: every document.
    pub key: Field,
    /// The block's id in the brief, or [`BRIEF_DOC`].
    pub block: Field,
    /// Block documents: the block's section (index) and its number in the
    /// section (from 1).
    pub section_no: Field,
    pub in_section: Field,
    /// Block documents: the block's text (stored for snippets) and its
    /// section's title.
    pub body: Field,
    pub section: Field,
    /// Brief documents: title and subtitle (stored), every section title
    /// (stored, one a line, in section order), front matter.
    pub title: Field,
    pub headings: Field,
    pub meta: Field,
    /// Brief documents: the file as indexed.
    pub path: Field,
    pub size: Field,
    pub secs: Field,
    pub nanos: Field,
    pub hash: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut s = Schema::builder();
        let text = |stored: bool, positions: bool| {
            let record = if positions {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::WithFreqs
            };
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(record),
            );
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let fields = Fields {
            key: s.add_u64_field("key", INDEXED | FAST),
            block: s.add_u64_field("block", INDEXED | FAST),
            section_no: s.add_u64_field("section_no", FAST),
            in_section: s.add_u64_field("in_section", FAST),
            body: s.add_text_field("body", text(true, true)),
            section: s.add_text_field("section", text(false, true)),
            title: s.add_text_field("title", text(true, true)),
            headings: s.add_text_field("headings", text(true, true)),
            meta: s.add_text_field("meta", text(false, true)),
            path: s.add_text_field("path", tantivy::schema::STRING | STORED | FAST),
            size: s.add_u64_field("size", FAST),
            secs: s.add_i64_field("secs", FAST),
            nanos: s.add_u64_field("nanos", FAST),
            hash: s.add_u64_field("hash", FAST),
        };
        (s.build(), fields)
    }

    /// The fields of an index opened from disk, checked against ours.
    pub fn of(index: &Index) -> Option<Fields> {
        let (schema, fields) = Fields::schema();
        (index.schema() == schema).then_some(fields)
    }
}

/// Makes our tokenizer known to an index (it is not saved with it).
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(TOKENIZER, BriefTokenizer::default());
}
