//! The index's schema: one document per block of every brief, and one per
//! brief for what is said about the brief as a whole (title, headings,
//! metadata) and for what the index knows of its file (path, size, time,
//! content hash), so a later open re-indexes only what changed.
//!
//! Every document carries its brief's `num`, a small number the index
//! gives each brief (small numbers pack into a few bits a document), so a
//! brief's documents are deleted together. Block text is not stored: a
//! passage's text is read from the brief's file when a result is shown,
//! found by the block's first line and checked against a short hash of
//! its text (see [`super::source`]).

use tantivy::Index;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing, TextOptions,
};

use super::analyze::{BriefTokenizer, TOKENIZER};

/// Bumped whenever the schema, the tokenizer or what is indexed changes:
/// an index of another version is rebuilt.
pub const INDEX_VERSION: u32 = 3;

/// The value of [`Fields::brief_doc`] on a brief's own document, and on
/// the record of a file that could not be indexed.
pub const BRIEF_DOC: u64 = 1;
pub const FAILED_DOC: u64 = 2;

/// The fields, by handle.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The brief's number in the index: every document (a fast field
    /// only; see `LibraryIndex::brief_query`).
    pub num: Field,
    /// [`BRIEF_DOC`] or [`FAILED_DOC`] on a brief's own document, absent
    /// on blocks.
    pub brief_doc: Field,
    /// The block's id in the brief plus one (0 on the brief's own
    /// document); block documents: its first line in the file and a
    /// 12-bit hash of its text.
    pub block: Field,
    pub line: Field,
    pub check: Field,
    /// Block documents: the block's text (not stored).
    pub body: Field,
    /// Brief documents: title and subtitle (stored), every section title
    /// (stored, one a line, in section order), front matter.
    pub title: Field,
    pub headings: Field,
    pub meta: Field,
    /// Brief documents: the first block of each section (stored, as
    /// varint deltas: see [`encode_starts`]).
    pub starts: Field,
    /// Brief documents: why the file could not be indexed (stored); such
    /// a brief has no other text and no blocks.
    pub failed: Field,
    /// Brief documents: the file as indexed, the hash of its path under
    /// the library (the manifest's key) and of its bytes.
    pub path: Field,
    pub key: Field,
    pub size: Field,
    pub secs: Field,
    pub nanos: Field,
    pub hash: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut s = Schema::builder();
        // Only block text keeps field norms: the brief's own fields are
        // scored as if of average length (see `clauses::FieldStats`),
        // which spares a byte per document per field on every block.
        let body = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let brief_text = |stored: bool| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions)
                    .set_fieldnorms(false),
            );
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        // Numbers that are looked up but never scored need no norms.
        let indexed = || NumericOptions::default().set_indexed();
        let fast = || NumericOptions::default().set_fast();
        let fields = Fields {
            num: s.add_u64_field("num", fast()),
            brief_doc: s.add_u64_field("brief_doc", indexed()),
            block: s.add_u64_field("block", fast()),
            line: s.add_u64_field("line", fast()),
            check: s.add_u64_field("check", fast()),
            body: s.add_text_field("body", body),
            title: s.add_text_field("title", brief_text(true)),
            headings: s.add_text_field("headings", brief_text(true)),
            meta: s.add_text_field("meta", brief_text(false)),
            starts: s.add_bytes_field("starts", STORED),
            failed: s.add_text_field("failed", STORED),
            path: s.add_text_field(
                "path",
                TextOptions::default()
                    .set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer("raw")
                            .set_fieldnorms(false),
                    )
                    .set_stored(),
            ),
            key: s.add_u64_field("key", fast()),
            size: s.add_u64_field("size", fast()),
            secs: s.add_i64_field("secs", fast()),
            nanos: s.add_u64_field("nanos", fast()),
            hash: s.add_u64_field("hash", fast()),
        };
        (s.build(), fields)
    }

    /// The fields of an index opened from disk, checked against ours.
    pub fn of(index: &Index) -> Option<Fields> {
        let (schema, fields) = Fields::schema();
        (index.schema() == schema).then_some(fields)
    }
}

/// The first block of each section as the index stores them: the
/// differences from one to the next, seven bits a byte.
pub fn encode_starts(starts: impl Iterator<Item = u64>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = 0;
    for s in starts {
        let mut d = s.saturating_sub(last);
        last = s;
        loop {
            let byte = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    out
}

pub fn decode_starts(bytes: &[u8]) -> Vec<u64> {
    let (mut out, mut last, mut d, mut shift) = (Vec::new(), 0u64, 0u64, 0u32);
    for &b in bytes {
        d |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        shift += 7;
        if b & 0x80 == 0 {
            last = last.saturating_add(d);
            out.push(last);
            (d, shift) = (0, 0);
        }
    }
    out
}

/// Makes our tokenizer known to an index (it is not saved with it).
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(TOKENIZER, BriefTokenizer::default());
}
