//! Collecting what a query matches: every document with its score, per
//! segment and in document order (so the hits of several clauses are
//! intersected by merging), and the columns that say which brief and
//! block a document is.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::index::IndexError;

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
    key: Column<u64>,
    block: Column<u64>,
    section_no: Column<u64>,
    in_section: Column<u64>,
}

/// Where a document is: its brief and block (section and number in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub key: u64,
    pub block: u64,
    pub section_no: u64,
    pub in_section: u64,
}

impl Columns {
    pub fn new(searcher: &Searcher) -> Result<Columns, IndexError> {
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let fast = s.fast_fields();
                Ok(SegmentColumns {
                    key: fast.u64("key")?,
                    block: fast.u64("block")?,
                    section_no: fast.u64("section_no")?,
                    in_section: fast.u64("in_section")?,
                })
            })
            .collect::<Result<_, tantivy::TantivyError>>()?;
        Ok(Columns { segments })
    }

    /// The key and block of each document of a list, read in batches.
    pub fn keys_and_blocks(&self, seg: usize, docs: &[(DocId, Score)]) -> Vec<(u64, u64)> {
        let c = &self.segments[seg];
        let mut out = Vec::with_capacity(docs.len());
        let (mut ids, mut keys, mut blocks) = (Vec::new(), Vec::new(), Vec::new());
        for chunk in docs.chunks(1024) {
            ids.clear();
            ids.extend(chunk.iter().map(|h| h.0));
            keys.clear();
            keys.resize(ids.len(), None);
            blocks.clear();
            blocks.resize(ids.len(), None);
            c.key.first_vals(&ids, &mut keys);
            c.block.first_vals(&ids, &mut blocks);
            out.extend(
                keys.iter()
                    .zip(&blocks)
                    .map(|(k, b)| (k.unwrap_or(0), b.unwrap_or(0))),
            );
        }
        out
    }

    pub fn key(&self, seg: usize, doc: DocId) -> u64 {
        self.segments[seg].key.first(doc).unwrap_or(0)
    }

    pub fn block(&self, seg: usize, doc: DocId) -> u64 {
        self.segments[seg].block.first(doc).unwrap_or(0)
    }

    pub fn place(&self, seg: usize, doc: DocId) -> Place {
        let c = &self.segments[seg];
        Place {
            key: c.key.first(doc).unwrap_or(0),
            block: c.block.first(doc).unwrap_or(0),
            section_no: c.section_no.first(doc).unwrap_or(0),
            in_section: c.in_section.first(doc).unwrap_or(1),
        }
    }
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
}
