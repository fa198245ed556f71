//! Full-text search over a [`SearchIndex`]: candidate blocks from the
//! postings, ranked by BM25 (blocks are the documents), then checked and
//! given snippets in rank order until a page is full.

use std::ops::Range;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::index::SearchIndex;
use super::matching::{BlockMatcher, Snippet, snippet};
use super::query::{Clause, ClauseKind, Query};
use super::tags::NoteTags;
use super::tokenize::fold;
use crate::document::BlockId;

/// BM25 parameters: the usual ones.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A prefix matches at most this many terms (the most frequent ones).
const MAX_EXPANSIONS: usize = 256;
/// Prefixes shorter than this match as whole words: one letter would
/// match half the dictionary.
const MIN_PREFIX_CHARS: usize = 2;

/// What to search with besides the query.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions<'a> {
    /// Passages wanted (a page).
    pub limit: usize,
    /// Note tags for `#tag` clauses; without them `#tag` matches nothing.
    pub tags: Option<&'a NoteTags>,
}

impl Default for SearchOptions<'_> {
    fn default() -> Self {
        SearchOptions {
            limit: 50,
            tags: None,
        }
    }
}

/// One block that matches, with where it is and what to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Index of the brief in [`crate::catalogue::Library::entries`].
    pub entry: usize,
    pub path: PathBuf,
    /// The path under the library folder, `/`-separated, sanitised.
    pub relative: String,
    pub title: String,
    /// Section number as `brief outline` numbers them (index + 1).
    pub section_number: usize,
    pub section_title: String,
    /// The block's number within its section, from 1.
    pub block_number: usize,
    /// The block's id in the brief.
    pub block: BlockId,
    /// BM25 score: higher is more relevant.
    pub score: f32,
    pub snippet: Snippet,
    /// The matches as byte ranges in the block's text, to highlight them
    /// when the brief is opened at the block.
    pub block_matches: Vec<Range<usize>>,
}

/// How many passages match in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Total {
    Exact(usize),
    /// Phrases or case had to be checked block by block, and checking
    /// stopped once the page was full.
    AtLeast(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Best first.
    pub passages: Vec<Passage>,
    pub total: Total,
    #[serde(skip)]
    pub elapsed: Duration,
}

/// Blocks matching one clause: (global block, occurrences), in block order.
struct ClauseHits {
    hits: Vec<(u32, u32)>,
    idf: f32,
    /// The postings decide the clause exactly, with no check on the text.
    exact: bool,
}

impl SearchIndex {
    /// The best passages for a query.
    pub fn search(&self, query: &Query, options: &SearchOptions<'_>) -> SearchResults {
        self.search_cancellable(query, options, &|| false)
            .unwrap_or_else(|| empty(Instant::now()))
    }

    /// Like [`SearchIndex::search`], giving up (None) as soon as
    /// `cancelled` says so: a newer query has been typed.
    pub fn search_cancellable(
        &self,
        query: &Query,
        options: &SearchOptions<'_>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<SearchResults> {
        let start = Instant::now();
        if query.is_empty() || self.docs.is_empty() {
            return Some(empty(start));
        }
        let (mut positive, mut negative) = (Vec::new(), Vec::new());
        for clause in &query.clauses {
            let hits = self.clause_hits(clause, query.case_sensitive, options.tags);
            if clause.negated {
                negative.push(hits);
            } else if hits.hits.is_empty() {
                return Some(empty(start));
            } else {
                positive.push(hits);
            }
        }
        let mut needs_check = positive.iter().any(|c| !c.exact);
        let mut candidates = self.score(&mut positive);
        for excluded in negative {
            if excluded.exact {
                remove(&mut candidates, &excluded.hits);
            } else {
                needs_check = true;
            }
        }
        if cancelled() {
            return None;
        }
        rank(&mut candidates, options.limit, needs_check);
        let matcher = BlockMatcher::new(query);
        let mut passages = Vec::with_capacity(options.limit.min(candidates.len()));
        let mut checked = 0;
        for &(global, score) in &candidates {
            if passages.len() >= options.limit {
                break;
            }
            checked += 1;
            if checked % 256 == 0 && cancelled() {
                return None;
            }
            // The text check settles phrases, case and exclusions.
            if let Some(p) = self.passage(global, score, &matcher) {
                passages.push(p);
            }
        }
        let total = if !needs_check {
            Total::Exact(candidates.len())
        } else if checked == candidates.len() {
            Total::Exact(passages.len())
        } else {
            Total::AtLeast(passages.len())
        };
        Some(SearchResults {
            passages,
            total,
            elapsed: start.elapsed(),
        })
    }

    fn clause_hits(&self, clause: &Clause, case: bool, tags: Option<&NoteTags>) -> ClauseHits {
        match &clause.kind {
            ClauseKind::Tag(tag) => ClauseHits {
                hits: self.tag_hits(tag, tags),
                idf: 0.0,
                exact: true,
            },
            ClauseKind::Text { words, prefix } => {
                let n = words.len();
                let lists: Vec<Vec<(u32, u32)>> = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| self.word_hits(&fold(w), *prefix && i == n - 1))
                    .collect();
                let idf: f32 = lists.iter().map(|l| self.idf(l.len())).sum();
                let hits = lists
                    .into_iter()
                    .reduce(|a, b| intersect(&a, &b))
                    .unwrap_or_default();
                ClauseHits {
                    hits,
                    idf,
                    exact: n == 1 && !case,
                }
            }
        }
    }

    /// Postings of a folded word, or the union over the words it starts.
    fn word_hits(&self, word: &str, prefix: bool) -> Vec<(u32, u32)> {
        if !prefix || word.chars().count() < MIN_PREFIX_CHARS {
            return self
                .term(word)
                .map(|t| self.postings[t].decode())
                .unwrap_or_default();
        }
        let mut range: Vec<usize> = self.prefix_range(word).collect();
        if range.len() > MAX_EXPANSIONS {
            range.sort_unstable_by_key(|&t| std::cmp::Reverse(self.postings[t].df));
            range.truncate(MAX_EXPANSIONS);
        }
        if range.len() == 1 {
            return self.postings[range[0]].decode();
        }
        // Sum the occurrences per block in a dense array: linear in the
        // postings, where merging sorted lists would not be.
        let mut tf = vec![0u32; self.block_len.len()];
        for t in range {
            for (block, n) in self.postings[t].decode() {
                tf[block as usize] += n;
            }
        }
        tf.iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(b, &n)| (b as u32, n))
            .collect()
    }

    fn tag_hits(&self, tag: &str, tags: Option<&NoteTags>) -> Vec<(u32, u32)> {
        let Some(tags) = tags else {
            return Vec::new();
        };
        let mut hits: Vec<(u32, u32)> = tags
            .blocks_with(tag)
            .filter_map(|(path, block)| {
                let doc = self.doc_of_path(path)?;
                Some((self.global(doc, block)?, 1))
            })
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// Inverse document frequency over blocks (the BM25 form, never
    /// negative).
    fn idf(&self, df: usize) -> f32 {
        let n = self.block_len.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Blocks in every clause, with the sum of their BM25 contributions.
    fn score(&self, clauses: &mut [ClauseHits]) -> Vec<(u32, f32)> {
        clauses.sort_by_key(|c| c.hits.len());
        let Some((first, rest)) = clauses.split_first() else {
            return Vec::new();
        };
        let mut scored: Vec<(u32, f32)> = first
            .hits
            .iter()
            .map(|&(b, tf)| (b, self.bm25(first.idf, b, tf)))
            .collect();
        for clause in rest {
            let mut out = Vec::with_capacity(scored.len());
            let mut j = 0;
            for &(b, s) in &scored {
                while j < clause.hits.len() && clause.hits[j].0 < b {
                    j += 1;
                }
                match clause.hits.get(j) {
                    Some(&(cb, tf)) if cb == b => out.push((b, s + self.bm25(clause.idf, b, tf))),
                    _ => {}
                }
            }
            scored = out;
        }
        scored
    }

    fn bm25(&self, idf: f32, block: u32, tf: u32) -> f32 {
        let len = self.block_len[block as usize] as f32;
        let tf = tf as f32;
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len.max(1.0)))
    }

    /// The passage of a candidate block, or None when the text check fails.
    fn passage(&self, global: u32, score: f32, matcher: &BlockMatcher) -> Option<Passage> {
        let (d, block) = self.locate(global);
        let doc = &self.docs[d];
        let text = doc.block_text(block);
        let block_matches = matcher.matches(text)?;
        let s = doc.section_of(block as u32);
        let (section_title, first) = doc.sections.get(s).map_or((doc.title.as_str(), 0), |sec| {
            (&*sec.title, sec.start as usize)
        });
        Some(Passage {
            entry: doc.entry,
            path: doc.path.clone(),
            relative: doc.relative.clone(),
            title: doc.title.clone(),
            section_number: s + 1,
            section_title: section_title.to_owned(),
            block_number: block.saturating_sub(first) + 1,
            block,
            score,
            snippet: snippet(text, &block_matches),
            block_matches,
        })
    }
}

fn empty(start: Instant) -> SearchResults {
    SearchResults {
        passages: Vec::new(),
        total: Total::Exact(0),
        elapsed: start.elapsed(),
    }
}

/// Blocks in both lists, with the smaller occurrence count (a phrase
/// occurs at most as often as its rarest word).
fn intersect(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1.min(b[j].1)));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Drops the candidates found in `excluded` (both in block order).
fn remove(candidates: &mut Vec<(u32, f32)>, excluded: &[(u32, u32)]) {
    let mut j = 0;
    candidates.retain(|&(b, _)| {
        while j < excluded.len() && excluded[j].0 < b {
            j += 1;
        }
        excluded.get(j).is_none_or(|&(e, _)| e != b)
    });
}

/// Best first; ties in library order. When no check can reject a
/// candidate, only the page needs sorting.
fn rank(candidates: &mut [(u32, f32)], limit: usize, needs_check: bool) {
    let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if !needs_check && limit > 0 && candidates.len() > limit {
        candidates.select_nth_unstable_by(limit - 1, order);
        candidates[..limit].sort_unstable_by(order);
    } else {
        candidates.sort_unstable_by(order);
    }
}
