//! Searching the index: what the reader means is a brief, so results are
//! briefs, each shown by its best passage.
//!
//! A brief matches when every word or phrase of the query is somewhere in
//! it (its title, headings, metadata or any block) and no excluded one is
//! in its title or metadata. It ranks by:
//! - its title, subtitle, headings and metadata (weighted above text);
//! - its best block holding every word, or, when the words are spread over
//!   several blocks, a part of the best block of each word (so a brief
//!   with a block holding them all ranks first);
//! - how many blocks hold each word: a brief that is about the subject
//!   ranks above a passing mention;
//! - a bonus when the best passage has the words in the form typed, not
//!   only their stems.
//!
//! The flat list ([`SearchOptions::grouped`] false) is every block holding
//! every word, best first (BM25 over blocks).

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::DocId;

use super::analyze::Analyzers;
use super::collect::{Columns, Hits, intersect};
use super::group::grouped;
use super::index::{IndexError, LibraryIndex};
use super::matching::Snippet;
use super::passage::Fetcher;
use super::query::Query;
use super::tags::NoteTags;
use crate::document::BlockId;

/// Clauses of a query that count, at most (each way).
const MAX_CLAUSES: usize = 32;
/// A brief whose words are spread over blocks keeps this part of the
/// best block score of each.
const SPREAD: f32 = 0.5;
/// Weight of the breadth of a brief's matches: `ln(1 + blocks)` of each
/// word, scaled to reach 1 at [`BREADTH_BLOCKS`] blocks.
const BREADTH: f32 = 0.6;
const BREADTH_BLOCKS: f32 = 30.0;
/// Weight of the brief's own document (title, headings, metadata), and
/// the factor when it holds every word.
const BRIEF_WEIGHT: f32 = 0.5;
const BRIEF_FULL: f32 = 1.5;
/// Factor for a passage with the words as typed.
pub(super) const EXACT: f32 = 1.1;
/// Weight of the number of blocks holding every word (scaled as breadth).
const FULL_BREADTH: f32 = 0.5;
/// Briefs looked at beyond a page, so the exact-form bonus can reorder.
pub(super) const LOOK_AHEAD: usize = 20;
/// Blocks checked at most when a case-sensitive query needs the text.
pub(super) const MAX_CHECKS: usize = 5_000;

/// What to search with besides the query.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions<'a> {
    /// Results wanted: briefs when grouped, else passages.
    pub limit: usize,
    /// Note tags for `#tag` clauses; without them `#tag` matches nothing.
    pub tags: Option<&'a NoteTags>,
    /// One result per brief (its best passage) rather than every block.
    pub grouped: bool,
}

impl Default for SearchOptions<'_> {
    fn default() -> Self {
        SearchOptions {
            limit: 50,
            tags: None,
            grouped: true,
        }
    }
}

/// One block that matches, with where it is and what to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Index of the brief in [`crate::catalogue::Library::entries`], when
    /// the caller knows the library (0 otherwise).
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
    /// Relevance: higher is better.
    pub score: f32,
    pub snippet: Snippet,
    /// The matches as byte ranges in the block's text, to highlight them
    /// when the brief is opened at the block.
    pub block_matches: Vec<Range<usize>>,
    /// Grouped results: other passages of the same brief that match.
    pub more: usize,
    /// The block's whole text (`block_matches` are in it), so the passage
    /// can be shown in context without reading the brief again; empty for
    /// a brief found by its title or headings alone.
    #[serde(skip)]
    pub text: String,
}

impl Passage {
    /// The text to show the passage in, with its matches: the whole block
    /// when the passage carries it, else the snippet.
    pub fn context(&self) -> (&str, &[Range<usize>]) {
        if self.text.is_empty() {
            (&self.snippet.text, &self.snippet.matches)
        } else {
            (&self.text, &self.block_matches)
        }
    }
}

/// How many results match in all: briefs when grouped, else passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Total {
    Exact(usize),
    /// The case had to be checked block by block, and checking stopped
    /// once the page was full.
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

impl SearchResults {
    /// Results out of `candidates` matches. When the case rule applies,
    /// each candidate had to be checked, so the total is exact only if
    /// every candidate was (`checked_all`).
    pub fn counted(
        passages: Vec<Passage>,
        candidates: usize,
        case_sensitive: bool,
        checked_all: bool,
    ) -> SearchResults {
        let total = if !case_sensitive {
            Total::Exact(candidates)
        } else if checked_all {
            Total::Exact(passages.len())
        } else {
            Total::AtLeast(passages.len())
        };
        SearchResults {
            passages,
            total,
            elapsed: Duration::ZERO,
        }
    }

    pub fn empty() -> SearchResults {
        SearchResults {
            passages: Vec::new(),
            total: Total::Exact(0),
            elapsed: Duration::ZERO,
        }
    }
}

/// What one brief's matches add up to.
#[derive(Debug, Default, Clone)]
pub(super) struct BriefHits {
    /// Clauses found anywhere in the brief (bit per clause).
    pub covered: u64,
    /// Score of the brief's own document, summed over clauses.
    pub own: f32,
    /// The brief's own document holds every clause.
    pub own_full: bool,
    pub excluded: bool,
    /// Per clause: best block score and blocks holding it.
    pub best: Vec<f32>,
    pub blocks: Vec<u32>,
    /// Blocks holding every clause, and the best of them.
    pub full: u32,
    pub full_best: Option<(usize, DocId, f32)>,
}

impl BriefHits {
    pub fn score(&self) -> f32 {
        let scale = |n: u32| ((1.0 + n as f32).ln() / (1.0 + BREADTH_BLOCKS).ln()).min(1.0);
        let blocks = match self.full_best {
            Some((.., s)) => s * (1.0 + FULL_BREADTH * scale(self.full)),
            None => SPREAD * self.best.iter().sum::<f32>(),
        };
        let breadth: f32 = self
            .best
            .iter()
            .zip(&self.blocks)
            .map(|(b, &n)| b * scale(n))
            .sum();
        let own = if self.own_full {
            BRIEF_WEIGHT * BRIEF_FULL * self.own
        } else {
            BRIEF_WEIGHT * self.own
        };
        own + blocks + BREADTH * breadth
    }
}

impl LibraryIndex {
    /// The best results for a query, from what was last committed.
    pub fn search(
        &self,
        query: &Query,
        options: &SearchOptions<'_>,
    ) -> Result<SearchResults, IndexError> {
        let start = Instant::now();
        let searcher = self.reader.searcher();
        let columns = Columns::new(&searcher)?;
        let mut an = Analyzers::default();
        let (mut positive, mut negative) = (Vec::new(), Vec::new());
        for clause in &query.clauses {
            let list = if clause.negated {
                &mut negative
            } else {
                &mut positive
            };
            if list.len() >= MAX_CLAUSES {
                continue;
            }
            let hits = self.clause_hits(&searcher, &columns, &mut an, clause, options.tags)?;
            if !clause.negated && hits.iter().all(Vec::is_empty) {
                return Ok(done(SearchResults::empty(), start));
            }
            list.push(hits);
        }
        if positive.is_empty() {
            return Ok(done(SearchResults::empty(), start));
        }
        let full = intersect(&positive, &negative);
        // The same searcher as the hits: a commit landing meanwhile must
        // not mix two states of the index.
        let manifest = self.manifest_of(&searcher)?;
        let mut fetch = Fetcher::new(self, &searcher, &columns, &manifest.docs, query, an);
        let results = if options.grouped {
            let case = query.case_sensitive;
            grouped(
                &columns, &mut fetch, &positive, &negative, &full, case, options,
            )
        } else {
            flat(
                &columns,
                &mut fetch,
                &full,
                query.case_sensitive,
                options.limit,
            )
        };
        Ok(done(results, start))
    }
}

fn done(mut results: SearchResults, start: Instant) -> SearchResults {
    results.elapsed = start.elapsed();
    results
}

/// Every block holding every clause, best first.
fn flat(
    columns: &Columns,
    fetch: &mut Fetcher<'_>,
    full: &Hits,
    case_sensitive: bool,
    limit: usize,
) -> SearchResults {
    let mut blocks: Vec<(usize, DocId, f32)> = full
        .iter()
        .enumerate()
        .flat_map(|(seg, hits)| hits.iter().map(move |&(doc, s)| (seg, doc, s)))
        .filter(|&(seg, doc, _)| columns.block(seg, doc).is_some())
        .collect();
    blocks.sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut passages = Vec::new();
    let mut checked = 0;
    for &(seg, doc, score) in &blocks {
        if passages.len() >= limit || checked >= MAX_CHECKS {
            break;
        }
        checked += 1;
        if let Some((p, _)) = fetch.block(seg, doc, score, true) {
            passages.push(p);
        }
    }
    let all = checked == blocks.len();
    SearchResults::counted(passages, blocks.len(), case_sensitive, all)
}

/// The brief and block of every hit, per clause and segment, read once
/// for the tally and again for the page's passages.
pub(super) type Places = Vec<Vec<(u64, Option<u64>)>>;

/// Slots by brief number: numbers are small, so a vector, with a map for
/// any that is not (from a damaged index).
#[derive(Default)]
pub(super) struct Slots {
    small: Vec<u32>,
    large: HashMap<u64, usize>,
}

impl Slots {
    const SMALL: u64 = 1 << 22;

    pub fn get(&self, num: u64) -> Option<usize> {
        if num < Self::SMALL {
            let i = *self.small.get(num as usize)?;
            (i != u32::MAX).then_some(i as usize)
        } else {
            self.large.get(&num).copied()
        }
    }

    pub fn insert(&mut self, num: u64, slot: usize) {
        if num < Self::SMALL {
            let at = num as usize;
            if self.small.len() <= at {
                self.small.resize(at + 1, u32::MAX);
            }
            self.small[at] = u32::try_from(slot).unwrap_or(u32::MAX);
        } else {
            self.large.insert(num, slot);
        }
    }
}

/// Each brief's hits added up, by its number in the index.
pub(super) struct Tally {
    pub briefs: Vec<BriefHits>,
    pub keys: Vec<u64>,
    slot: Slots,
    /// Where each hit of each clause is, per segment.
    pub positive: Vec<Places>,
    pub full: Places,
}

impl Tally {
    fn slot(&mut self, key: u64, clauses: usize) -> usize {
        if let Some(i) = self.slot.get(key) {
            return i;
        }
        self.keys.push(key);
        self.briefs.push(BriefHits {
            best: vec![0.0; clauses],
            blocks: vec![0; clauses],
            ..BriefHits::default()
        });
        let i = self.briefs.len() - 1;
        self.slot.insert(key, i);
        i
    }

    pub fn get(&self, key: u64) -> Option<&BriefHits> {
        self.slot.get(key).map(|i| &self.briefs[i])
    }
}

/// Adds up each brief's hits.
pub(super) fn tally(columns: &Columns, positive: &[Hits], negative: &[Hits], full: &Hits) -> Tally {
    let n = positive.len();
    let places = |hits: &Hits| -> Places {
        hits.iter()
            .enumerate()
            .map(|(seg, list)| columns.nums_and_blocks(seg, list))
            .collect()
    };
    let mut t = Tally {
        briefs: Vec::new(),
        keys: Vec::new(),
        slot: Slots::default(),
        positive: positive.iter().map(places).collect(),
        full: places(full),
    };
    for (c, hits) in positive.iter().enumerate() {
        for (seg, list) in hits.iter().enumerate() {
            // A brief's documents are mostly in a row: look its slot up
            // only when the brief changes.
            let mut last = (u64::MAX, usize::MAX);
            for (i, &(_, score)) in list.iter().enumerate() {
                let (key, block) = t.positive[c][seg][i];
                if key != last.0 || last.1 == usize::MAX {
                    last = (key, t.slot(key, n));
                }
                let b = &mut t.briefs[last.1];
                b.covered |= 1 << c;
                if block.is_none() {
                    b.own += score;
                } else {
                    b.best[c] = b.best[c].max(score);
                    b.blocks[c] += 1;
                }
            }
        }
    }
    for hits in negative {
        for (seg, list) in hits.iter().enumerate() {
            for &(doc, _) in list {
                if columns.block(seg, doc).is_none()
                    && let Some(i) = t.slot.get(columns.num(seg, doc))
                {
                    t.briefs[i].excluded = true;
                }
            }
        }
    }
    for (seg, list) in full.iter().enumerate() {
        for (i, &(doc, score)) in list.iter().enumerate() {
            let (key, block) = t.full[seg][i];
            let Some(i) = t.slot.get(key) else {
                continue;
            };
            let b = &mut t.briefs[i];
            if block.is_none() {
                b.own_full = true;
            } else {
                b.full += 1;
                if b.full_best.is_none_or(|(.., s)| score > s) {
                    b.full_best = Some((seg, doc, score));
                }
            }
        }
    }
    t
}
