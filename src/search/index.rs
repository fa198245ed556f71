//! The full-text index of a library, in memory: for every term, the blocks
//! that hold it and how often (postings), plus each brief's text so that
//! phrases, case and snippets can be checked on the blocks found.
//!
//! Postings are numbered by a global block id (briefs in library order,
//! blocks in brief order) and stored as LEB128 deltas with the term
//! frequency, about two bytes a posting. Briefs are indexed in chunks on
//! several threads; a chunk's postings are already sorted, so merging is
//! appending chunk after chunk with only the first delta rewritten.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::tokenize::{FxBuild, MAX_TERM_BYTES, fold_into, for_each_token};
use crate::document::sanitize::sanitize_line;
use crate::document::{BlockId, Brief};

/// A section as search results name it.
#[derive(Debug, Clone)]
pub(crate) struct DocSection {
    pub title: Box<str>,
    /// Brief-local block ids `start..end`.
    pub start: u32,
    pub end: u32,
}

/// One brief as the index keeps it.
#[derive(Debug, Clone)]
pub(crate) struct IndexDoc {
    /// Index of the brief in [`crate::catalogue::Library::entries`].
    pub entry: usize,
    pub path: PathBuf,
    pub canonical: PathBuf,
    pub relative: String,
    pub title: String,
    /// The brief's text buffer ([`Brief::full_text`]).
    pub text: Box<str>,
    /// Byte range of each block in `text`.
    pub blocks: Vec<(u32, u32)>,
    pub sections: Vec<DocSection>,
}

impl IndexDoc {
    pub fn block_text(&self, block: usize) -> &str {
        let (s, e) = self.blocks[block];
        &self.text[s as usize..e as usize]
    }

    /// The section holding a block, as [`Brief::section_of`] finds it.
    pub fn section_of(&self, block: u32) -> usize {
        let id = self.sections.partition_point(|s| s.end <= block);
        id.min(self.sections.len().saturating_sub(1))
    }
}

/// What the brief being added to a chunk is, besides its text.
pub(crate) struct DocSource<'a> {
    pub entry: usize,
    pub path: &'a Path,
    pub canonical: &'a Path,
    pub relative: &'a str,
}

#[derive(Default)]
struct ChunkPostings {
    bytes: Vec<u8>,
    /// Chunk-local id of the last block written.
    last: u32,
    df: u32,
    /// Occurrences in the block being indexed.
    tf: u32,
}

/// The index of a run of consecutive briefs, built on one thread.
#[derive(Default)]
pub(crate) struct Chunk {
    terms: HashMap<Box<str>, u32, FxBuild>,
    postings: Vec<ChunkPostings>,
    docs: Vec<IndexDoc>,
    block_len: Vec<u32>,
    touched: Vec<u32>,
    word: String,
}

impl Chunk {
    /// Indexes a brief, keeping its text (taken, not copied).
    pub fn add(&mut self, source: DocSource<'_>, mut brief: Brief) {
        for id in 0..brief.blocks.len() {
            self.add_block(brief.block_text(id));
        }
        let text = std::mem::take(&mut brief.text);
        let doc = doc_of(source, &brief, text);
        self.docs.push(doc);
    }

    fn add_block(&mut self, text: &str) {
        let block = u32::try_from(self.block_len.len()).unwrap_or(u32::MAX);
        let mut count = 0u32;
        for_each_token(text, |s, e| {
            count += 1;
            if e - s > MAX_TERM_BYTES {
                return;
            }
            let word = &text[s..e];
            // Most words are lower case already: look them up in place.
            let key = if word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                word
            } else {
                fold_into(word, &mut self.word);
                self.word.as_str()
            };
            let term = match self.terms.get(key) {
                Some(&t) => t,
                None => {
                    let t = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                    self.terms.insert(key.into(), t);
                    self.postings.push(ChunkPostings::default());
                    t
                }
            };
            let p = &mut self.postings[term as usize];
            if p.tf == 0 {
                self.touched.push(term);
            }
            p.tf += 1;
        });
        for term in self.touched.drain(..) {
            let p = &mut self.postings[term as usize];
            let delta = if p.df == 0 { block } else { block - p.last };
            write_varint(&mut p.bytes, delta);
            write_varint(&mut p.bytes, p.tf);
            p.last = block;
            p.df += 1;
            p.tf = 0;
        }
        self.block_len.push(count);
    }
}

fn doc_of(source: DocSource<'_>, brief: &Brief, text: String) -> IndexDoc {
    let blocks = (0..brief.blocks.len())
        .map(|id| {
            let r = brief.block_range(id);
            (r.start as u32, r.end as u32)
        })
        .collect();
    let sections = brief
        .sections
        .iter()
        .map(|s| DocSection {
            title: sanitize_line(&s.title).into(),
            start: s.blocks.start as u32,
            end: s.blocks.end as u32,
        })
        .collect();
    IndexDoc {
        entry: source.entry,
        path: source.path.to_path_buf(),
        canonical: source.canonical.to_path_buf(),
        relative: source.relative.to_owned(),
        title: sanitize_line(&brief.title),
        text: text.into_boxed_str(),
        blocks,
        sections,
    }
}

/// A term's postings: `df` blocks, as (delta of global block id, tf)
/// LEB128 pairs.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    pub df: u32,
    pub bytes: Box<[u8]>,
}

impl Postings {
    /// The (global block, tf) pairs, in block order.
    pub fn decode(&self) -> Vec<(u32, u32)> {
        let mut out = Vec::with_capacity(self.df as usize);
        let mut at = 0;
        let mut block = 0u32;
        while at < self.bytes.len() {
            let delta = read_varint(&self.bytes, &mut at);
            let tf = read_varint(&self.bytes, &mut at);
            block = block.wrapping_add(delta);
            out.push((block, tf));
        }
        out
    }
}

/// The full-text index of a library. Build it with [`super::scan_and_index`]
/// or [`SearchIndex::build`]; query it with [`SearchIndex::search`].
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(crate) docs: Vec<IndexDoc>,
    /// Global id of each doc's first block, then the total.
    pub(crate) doc_start: Vec<u32>,
    /// Words in each global block.
    pub(crate) block_len: Vec<u32>,
    pub(crate) avg_len: f32,
    /// Sorted, so prefixes are a range.
    pub(crate) terms: Vec<Box<str>>,
    pub(crate) postings: Vec<Postings>,
    pub(crate) by_path: HashMap<PathBuf, u32>,
}

impl SearchIndex {
    /// Number of briefs indexed.
    pub fn briefs(&self) -> usize {
        self.docs.len()
    }

    /// Number of blocks indexed.
    pub fn blocks(&self) -> usize {
        self.block_len.len()
    }

    /// Number of distinct terms.
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// Heap bytes held, roughly: texts, postings, dictionary and tables.
    pub fn memory_bytes(&self) -> usize {
        let docs: usize = self
            .docs
            .iter()
            .map(|d| {
                d.text.len()
                    + d.blocks.len() * 8
                    + d.sections.iter().map(|s| s.title.len() + 24).sum::<usize>()
                    + d.path.as_os_str().len() * 2
                    + d.title.len()
                    + d.relative.len()
                    + 200
            })
            .sum();
        let postings: usize = self.postings.iter().map(|p| p.bytes.len() + 24).sum();
        let terms: usize = self.terms.iter().map(|t| t.len() + 16).sum();
        docs + postings + terms + self.block_len.len() * 4 + self.by_path.len() * 64
    }

    /// The position of a term in the sorted dictionary.
    pub(crate) fn term(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| (**t).cmp(term)).ok()
    }

    /// The terms starting with `prefix`, as a range of the dictionary.
    pub(crate) fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| &**t < prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start..start + len
    }

    /// The doc and brief-local block of a global block.
    pub(crate) fn locate(&self, global: u32) -> (usize, BlockId) {
        let doc = self.doc_start.partition_point(|&s| s <= global) - 1;
        (doc, (global - self.doc_start[doc]) as usize)
    }

    /// The global block of a doc's block.
    pub(crate) fn global(&self, doc: usize, block: BlockId) -> Option<u32> {
        let g = self.doc_start[doc] as usize + block;
        (g < self.doc_start[doc + 1] as usize).then_some(g as u32)
    }

    /// The doc of a brief by its canonical path.
    pub(crate) fn doc_of_path(&self, canonical: &Path) -> Option<usize> {
        self.by_path.get(canonical).map(|&d| d as usize)
    }
}

struct Merged {
    bytes: Vec<u8>,
    last: u32,
    df: u32,
}

/// Joins the chunks, in order, into one index.
pub(crate) fn merge(chunks: Vec<Chunk>) -> SearchIndex {
    let mut ids: HashMap<Box<str>, u32, FxBuild> = HashMap::default();
    let mut merged: Vec<Merged> = Vec::new();
    let mut index = SearchIndex::default();
    for chunk in chunks {
        let base = index.block_len.len() as u32;
        for (term, local) in chunk.terms {
            let p = &chunk.postings[local as usize];
            if p.df == 0 {
                continue;
            }
            let next = merged.len() as u32;
            let id = *ids.entry(term).or_insert(next);
            if id == next {
                merged.push(Merged {
                    bytes: Vec::new(),
                    last: 0,
                    df: 0,
                });
            }
            let m = &mut merged[id as usize];
            let mut at = 0;
            let first = base + read_varint(&p.bytes, &mut at);
            write_varint(&mut m.bytes, if m.df == 0 { first } else { first - m.last });
            m.bytes.extend_from_slice(&p.bytes[at..]);
            m.last = base + p.last;
            m.df += p.df;
        }
        for doc in chunk.docs {
            index.doc_start.push(index.block_len.len() as u32);
            let n = doc.blocks.len();
            let lens = &chunk.block_len[(index.block_len.len() - base as usize)..][..n];
            index.block_len.extend_from_slice(lens);
            index.docs.push(doc);
        }
    }
    index.doc_start.push(index.block_len.len() as u32);
    let mut sorted: Vec<(Box<str>, u32)> = ids.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<Option<Merged>> = merged.into_iter().map(Some).collect();
    for (term, id) in sorted {
        let m = merged[id as usize].take().unwrap_or(Merged {
            bytes: Vec::new(),
            last: 0,
            df: 0,
        });
        index.terms.push(term);
        index.postings.push(Postings {
            df: m.df,
            bytes: m.bytes.into_boxed_slice(),
        });
    }
    let total: u64 = index.block_len.iter().map(|&l| u64::from(l)).sum();
    index.avg_len = total as f32 / index.block_len.len().max(1) as f32;
    index.by_path = index
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.canonical.clone(), i as u32))
        .collect();
    index
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn chunk_of(texts: &[&str], first_entry: usize) -> Chunk {
        let mut chunk = Chunk::default();
        for (i, t) in texts.iter().enumerate() {
            let path = PathBuf::from(format!("/lib/{}.md", first_entry + i));
            let source = DocSource {
                entry: first_entry + i,
                path: &path,
                canonical: &path,
                relative: "x.md",
            };
            chunk.add(source, parse(t, "t"));
        }
        chunk
    }

    #[test]
    fn merged_chunks_number_blocks_across_briefs() {
        let a = chunk_of(&["grain one\n\ngrain grain two", "other"], 0);
        let b = chunk_of(&["grain three"], 2);
        let index = merge(vec![a, b]);
        let grain = &index.postings[index.term("grain").unwrap()];
        assert_eq!(grain.decode(), [(0, 1), (1, 2), (3, 1)]);
        assert_eq!(index.locate(3), (2, 0));
        assert_eq!(index.global(0, 1), Some(1));
        assert_eq!(index.global(1, 1), None);
    }

    #[test]
    fn varints_round_trip() {
        let mut bytes = Vec::new();
        for v in [0, 127, 128, 300, u32::MAX] {
            write_varint(&mut bytes, v);
        }
        let mut at = 0;
        let back: Vec<u32> = (0..5).map(|_| read_varint(&bytes, &mut at)).collect();
        assert_eq!(back, [0, 127, 128, 300, u32::MAX]);
    }
}
