//! Results grouped by brief: the briefs that hold every word of the
//! query, ranked (see [`super::rank`]), each shown by its best passage
//! with how many more of its blocks match.

use std::collections::HashMap;

use tantivy::DocId;

use super::collect::{Columns, Hits};
use super::passage::Fetcher;
use super::rank::{
    EXACT, LOOK_AHEAD, MAX_CHECKS, Passage, SearchOptions, SearchResults, Slots, Tally, tally,
};

/// A block that may show a brief: where it is, the clauses it holds and
/// its score.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    seg: usize,
    doc: DocId,
    clauses: u32,
    score: f32,
}

pub(super) fn grouped(
    columns: &Columns,
    fetch: &mut Fetcher<'_>,
    positive: &[Hits],
    negative: &[Hits],
    full: &Hits,
    case_sensitive: bool,
    options: &SearchOptions<'_>,
) -> SearchResults {
    let every: u64 = (1u64 << positive.len()) - 1;
    let t = tally(columns, positive, negative, full);
    let mut ranked: Vec<(usize, f32)> = t
        .briefs
        .iter()
        .enumerate()
        .filter(|(_, b)| b.covered & every == every && !b.excluded)
        .map(|(i, b)| (i, b.score()))
        .collect();
    // Ties in a fixed order, so the same query lists the same way.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(t.keys[a.0].cmp(&t.keys[b.0])));
    let batch = options.limit + LOOK_AHEAD;
    let mut passages: Vec<Passage> = Vec::new();
    let (mut next, mut checks) = (0, 0);
    while next < ranked.len() && passages.len() < batch && checks < MAX_CHECKS {
        let page = &ranked[next..(next + batch).min(ranked.len())];
        next += page.len();
        let keys: Vec<u64> = page.iter().map(|&(i, _)| t.keys[i]).collect();
        let mut candidates = candidates(&t, &keys, positive, full);
        fetch.prefetch(&keys);
        for &(slot, score) in page {
            let key = t.keys[slot];
            let list = candidates.remove(&key).unwrap_or_default();
            let every = positive.len() as u32;
            if let Some(p) = show(fetch, key, score, &list, every, &mut checks) {
                passages.push(p);
            }
        }
        if !case_sensitive {
            break;
        }
    }
    passages.sort_by(|a, b| b.score.total_cmp(&a.score));
    passages.truncate(options.limit);
    let all = next >= ranked.len();
    SearchResults::counted(passages, ranked.len(), case_sensitive, all)
}

/// The blocks that may show each brief of a page, best first: those
/// holding every clause; for a brief with none, those holding the most.
fn candidates(
    t: &Tally,
    keys: &[u64],
    positive: &[Hits],
    full: &Hits,
) -> HashMap<u64, Vec<Candidate>> {
    let all = positive.len() as u32;
    let mut page = Slots::default();
    for (i, &k) in keys.iter().enumerate() {
        page.insert(k, i);
    }
    let mut out: HashMap<u64, Vec<Candidate>> = HashMap::new();
    for (seg, list) in full.iter().enumerate() {
        for (i, &(doc, score)) in list.iter().enumerate() {
            let (key, block) = t.full[seg][i];
            if block.is_some() && page.get(key).is_some() {
                out.entry(key).or_default().push(Candidate {
                    seg,
                    doc,
                    clauses: all,
                    score,
                });
            }
        }
    }
    let mut spread = Slots::default();
    let mut any = false;
    for (i, &k) in keys.iter().enumerate() {
        if t.get(k).is_some_and(|b| b.full == 0) {
            spread.insert(k, i);
            any = true;
        }
    }
    if any {
        let mut blocks: HashMap<(usize, DocId), (u64, u32, f32)> = HashMap::new();
        for (c, hits) in positive.iter().enumerate() {
            for (seg, list) in hits.iter().enumerate() {
                for (i, &(doc, score)) in list.iter().enumerate() {
                    let (key, block) = t.positive[c][seg][i];
                    if block.is_some() && spread.get(key).is_some() {
                        let e = blocks.entry((seg, doc)).or_insert((key, 0, 0.0));
                        e.1 += 1;
                        e.2 += score;
                    }
                }
            }
        }
        for ((seg, doc), (key, clauses, score)) in blocks {
            out.entry(key).or_default().push(Candidate {
                seg,
                doc,
                clauses,
                score,
            });
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| {
            b.clauses
                .cmp(&a.clauses)
                .then(b.score.total_cmp(&a.score))
                .then((a.seg, a.doc).cmp(&(b.seg, b.doc)))
        });
    }
    out
}

/// A brief's best passage that passes the text check, with how many more
/// of its blocks match as well; its title when no block does.
fn show(
    fetch: &mut Fetcher<'_>,
    key: u64,
    score: f32,
    list: &[Candidate],
    every: u32,
    checks: &mut usize,
) -> Option<Passage> {
    let top = list.first().map_or(0, |c| c.clauses);
    let all = top == every;
    let peers = list.iter().take_while(|c| c.clauses == top).count();
    for c in list.iter().take_while(|c| c.clauses == top) {
        if *checks >= MAX_CHECKS {
            return None;
        }
        *checks += 1;
        if let Some((mut p, found)) = fetch.block(c.seg, c.doc, score, all) {
            p.score = if found.exact { score * EXACT } else { score };
            p.more = peers - 1;
            return Some(p);
        }
    }
    let (mut p, found) = fetch.title(key, score)?;
    if found.clauses == 0 && !list.is_empty() {
        // Its blocks did not pass the case check, nor did its title.
        return None;
    }
    if found.exact && found.clauses > 0 {
        p.score = score * EXACT;
    }
    Some(p)
}
