//! The manifest: every brief in the index with its file's stamp and
//! hash, read from the brief documents' fast fields (numbers only, so a
//! big library's is read in a few milliseconds). Plans are made from it.

use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, Term};

use super::index::IndexError;
use super::schema::{BRIEF_DOC, FAILED_DOC, Fields};
use crate::catalogue::FileStamp;
use crate::hash::{NumberMap, fnv1a};

/// What the index holds of one brief's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    /// [`key_of`] its path.
    pub key: u64,
    /// Its number in the index, on each of its documents.
    pub num: u64,
    pub stamp: FileStamp,
    /// Hash of the file's bytes.
    pub hash: u64,
    /// The brief's own document.
    pub doc: DocAddress,
    /// The file could not be read or parsed when it was indexed: it is
    /// not read again until it changes.
    pub failed: bool,
}

/// Every brief in the index, by key ([`key_of`] its path): read from
/// numbers only, so even a big library's is read in a few milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub briefs: NumberMap<Indexed>,
    /// The brief's own document, by number.
    pub docs: NumberMap<DocAddress>,
}

/// The key of a brief: a hash of its path under the library.
pub fn key_of(relative: &str) -> u64 {
    fnv1a(relative.as_bytes())
}

pub(super) fn read_manifest(searcher: &Searcher, f: &Fields) -> Result<Manifest, IndexError> {
    let mut manifest = Manifest::default();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let mut docs = Vec::new();
        let alive = segment.alive_bitset();
        for (kind, failed) in [(BRIEF_DOC, false), (FAILED_DOC, true)] {
            let term = Term::from_field_u64(f.brief_doc, kind);
            let Some(mut postings) = segment
                .inverted_index(f.brief_doc)?
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(|e| IndexError::Engine(e.to_string()))?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    docs.push((doc, failed));
                }
                doc = postings.advance();
            }
        }
        docs.sort_unstable();
        manifest.briefs.reserve(docs.len());
        manifest.docs.reserve(docs.len());
        let ids: Vec<u32> = docs.iter().map(|d| d.0).collect();
        let fast = segment.fast_fields();
        let read = |name: &str| -> Result<Vec<Option<u64>>, IndexError> {
            let column = fast.u64(name)?;
            let mut out = vec![None; ids.len()];
            column.first_vals(&ids, &mut out);
            Ok(out)
        };
        let (keys, nums, sizes) = (read("key")?, read("num")?, read("size")?);
        let (nanos, hashes) = (read("nanos")?, read("hash")?);
        let mut secs = vec![None; ids.len()];
        fast.i64("secs")?.first_vals(&ids, &mut secs);
        for (i, &(doc, failed)) in docs.iter().enumerate() {
            let stamp = FileStamp {
                size: sizes[i].unwrap_or(0),
                secs: secs[i].unwrap_or(0),
                nanos: u32::try_from(nanos[i].unwrap_or(0)).unwrap_or(0),
            };
            let address = DocAddress::new(ord as u32, doc);
            let indexed = Indexed {
                key: keys[i].unwrap_or(0),
                num: nums[i].unwrap_or(0),
                stamp,
                hash: hashes[i].unwrap_or(0),
                doc: address,
                failed,
            };
            manifest.docs.insert(indexed.num, address);
            manifest.briefs.insert(indexed.key, indexed);
        }
    }
    Ok(manifest)
}

/// Why a brief failed to index, as recorded (sanitised when it was).
pub(super) fn failure(searcher: &Searcher, f: &Fields, doc: DocAddress) -> Option<String> {
    let stored: tantivy::TantivyDocument = searcher.doc(doc).ok()?;
    stored
        .get_first(f.failed)
        .and_then(|v| v.as_str().map(str::to_owned))
}
