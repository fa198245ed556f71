//! Collecting what a query matches: every document with its score, per
//! segment and in document order (so the hits of several clauses are
//! intersected by merging), and the columns that say which brief and
//! block a document is.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::index::IndexError;
use super::source::BlockAt;

/// Every document a query matches with its score: one list per segment
/// (by segment ordinal), each in document order.
pub struct AllHits;

pub struct SegmentHits {
    ord: SegmentOrdinal,
    hits: Vec<(DocId, Score)>,
}

impl Collector for AllHits {
    type Fruit = Vec<Vec<(DocId, Score)>>;
    type Child = SegmentHits;

    fn for_segment(&self, ord: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<SegmentHits> {
        Ok(SegmentHits {
            ord,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Vec<(DocId, Score)>)>,
    ) -> tantivy::Result<Self::Fruit> {
        let len = fruits
            .iter()
            .map(|(o, _)| *o as usize + 1)
            .max()
            .unwrap_or(0);
        let mut out = vec![Vec::new(); len];
        for (ord, mut hits) in fruits {
            hits.sort_unstable_by_key(|h| h.0);
            out[ord as usize] = hits;
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = (SegmentOrdinal, Vec<(DocId, Score)>);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.hits.push((doc, score));
    }

    fn harvest(self) -> Self::Fruit {
        (self.ord, self.hits)
    }
}

/// Hits of one clause, per segment, in document order.
pub type Hits = Vec<Vec<(DocId, Score)>>;

/// The fast fields of every segment that place a document.
pub struct Columns {
    segments: Vec<SegmentColumns>,
}

struct SegmentColumns {
    num: Column<u64>,
    block: Column<u64>,
    line: Column<u64>,
    check: Column<u64>,
    max_doc: DocId,
}

/// Where a block document is: its brief, its block and where the block
/// is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub num: u64,
    pub at: BlockAt,
}

impl Columns {
    pub fn new(searcher: &Searcher) -> Result<Columns, IndexError> {
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let fast = s.fast_fields();
                Ok(SegmentColumns {
                    num: fast.u64("num")?,
                    block: fast.u64("block")?,
                    line: fast.u64("line")?,
                    check: fast.u64("check")?,
                    max_doc: s.max_doc(),
                })
            })
            .collect::<Result<_, tantivy::TantivyError>>()?;
        Ok(Columns { segments })
    }

    /// The brief and block of each document of a list, read in batches
    /// (a brief's own document has no block).
    pub fn nums_and_blocks(&self, seg: usize, docs: &[(DocId, Score)]) -> Vec<(u64, Option<u64>)> {
        let c = &self.segments[seg];
        let mut out = Vec::with_capacity(docs.len());
        let (mut ids, mut nums, mut blocks) = (Vec::new(), Vec::new(), Vec::new());
        for chunk in docs.chunks(1024) {
            ids.clear();
            ids.extend(chunk.iter().map(|h| h.0));
            nums.clear();
            nums.resize(ids.len(), None);
            blocks.clear();
            blocks.resize(ids.len(), None);
            c.num.first_vals(&ids, &mut nums);
            c.block.first_vals(&ids, &mut blocks);
            out.extend(
                nums.iter()
                    .zip(&blocks)
                    .map(|(n, b)| (n.unwrap_or(0), block_id(*b))),
            );
        }
        out
    }

    pub fn num(&self, seg: usize, doc: DocId) -> u64 {
        self.segments[seg].num.first(doc).unwrap_or(0)
    }

    /// The block of a block document; None for a brief's own document.
    pub fn block(&self, seg: usize, doc: DocId) -> Option<u64> {
        block_id(self.segments[seg].block.first(doc))
    }

    /// Where a block document is. A brief's blocks are added together, so
    /// they stay in a row in one segment: the next document, when it is
    /// the brief's next block, says where this one ends.
    pub fn place(&self, seg: usize, doc: DocId) -> Option<Place> {
        let c = &self.segments[seg];
        let num = c.num.first(doc)?;
        let block = block_id(c.block.first(doc))?;
        let next = doc + 1;
        let next_line = (next < c.max_doc
            && c.num.first(next) == Some(num)
            && block_id(c.block.first(next)) == Some(block + 1))
        .then(|| c.line.first(next))
        .flatten();
        let size = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        Some(Place {
            num,
            at: BlockAt {
                block: size(block),
                line: size(c.line.first(doc)?),
                next_line: next_line.map(size),
                check: c.check.first(doc)?,
            },
        })
    }
}

/// The block of a document from its `block` column: blocks are stored
/// from 1, a brief's own document as 0 (a column every document has, of
/// numbers that climb through a brief, packs smaller).
fn block_id(stored: Option<u64>) -> Option<u64> {
    stored.and_then(|b| b.checked_sub(1))
}

/// Documents in every list of `all` and in none of `none`, with the sum
/// of their scores: per segment, in document order.
pub fn intersect(all: &[Hits], none: &[Hits]) -> Hits {
    let segments = all.iter().map(Vec::len).max().unwrap_or(0);
    (0..segments)
        .map(|seg| {
            let lists: Vec<&[(DocId, Score)]> = all
                .iter()
                .map(|h| h.get(seg).map_or(&[][..], Vec::as_slice))
                .collect();
            let mut out = intersect_sorted(&lists);
            for excluded in none {
                if let Some(ex) = excluded.get(seg) {
                    remove_sorted(&mut out, ex);
                }
            }
            out
        })
        .collect()
}

fn intersect_sorted(lists: &[&[(DocId, Score)]]) -> Vec<(DocId, Score)> {
    match lists {
        [] => return Vec::new(),
        [one] => return one.to_vec(),
        [a, b] if a.len().min(b.len()) * 8 > a.len().max(b.len()) => return merge(a, b),
        _ => {}
    }
    let Some(shortest) = lists.iter().min_by_key(|l| l.len()) else {
        return Vec::new();
    };
    let mut at = vec![0usize; lists.len()];
    let mut out = Vec::with_capacity(shortest.len());
    'docs: for &(doc, _) in *shortest {
        let mut score = 0.0;
        for (i, list) in lists.iter().enumerate() {
            at[i] = seek(list, at[i], doc);
            match list.get(at[i]) {
                Some(&(d, s)) if d == doc => score += s,
                _ => continue 'docs,
            }
        }
        out.push((doc, score));
    }
    out
}

/// Two lists of a size intersected in one pass.
fn merge(a: &[(DocId, Score)], b: &[(DocId, Score)]) -> Vec<(DocId, Score)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                (i, j) = (i + 1, j + 1);
            }
        }
    }
    out
}

/// The first position from `from` whose document is not below `doc`:
/// galloping, so a long list skipped through by a short one costs a
/// logarithm per step and two lists of a size cost a linear merge.
fn seek(list: &[(DocId, Score)], from: usize, doc: DocId) -> usize {
    let mut step = 1;
    let mut hi = from;
    while hi < list.len() && list[hi].0 < doc {
        hi = from + step;
        step *= 2;
    }
    let lo = from + step / 4;
    let hi = hi.min(list.len());
    let lo = lo.min(hi);
    lo + list[lo..hi].partition_point(|h| h.0 < doc)
}

fn remove_sorted(hits: &mut Vec<(DocId, Score)>, excluded: &[(DocId, Score)]) {
    let mut j = 0;
    hits.retain(|&(d, _)| {
        while j < excluded.len() && excluded[j].0 < d {
            j += 1;
        }
        excluded.get(j).is_none_or(|e| e.0 != d)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_sums_scores_and_drops_excluded_documents() {
        let a: Hits = vec![vec![(1, 1.0), (3, 1.0), (5, 1.0), (9, 1.0)]];
        let b: Hits = vec![vec![(3, 2.0), (5, 2.0), (8, 2.0), (9, 2.0)]];
        let not: Hits = vec![vec![(5, 0.0)]];
        assert_eq!(intersect(&[a, b], &[not]), vec![vec![(3, 3.0), (9, 3.0)]]);
    }

    #[test]
    fn lists_of_a_size_and_of_unlike_sizes_intersect_alike() {
        let long: Vec<(DocId, Score)> = (0..1000).map(|d| (d * 3, 1.0)).collect();
        let short: Vec<(DocId, Score)> = vec![(3, 1.0), (4, 1.0), (300, 1.0), (2997, 1.0)];
        let some: Vec<(DocId, Score)> = (0..700).map(|d| (d * 2, 1.0)).collect();
        let slow = |a: &[(DocId, Score)], b: &[(DocId, Score)]| -> Vec<DocId> {
            a.iter()
                .filter(|x| b.iter().any(|y| y.0 == x.0))
                .map(|x| x.0)
                .collect()
        };
        for (a, b) in [(&long, &short), (&long, &some), (&some, &short)] {
            let got: Vec<DocId> = intersect_sorted(&[a, b]).iter().map(|h| h.0).collect();
            assert_eq!(got, slow(a, b));
        }
    }
}
