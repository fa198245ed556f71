//! Placing all of a brief's notes together, so notes on repeated text each
//! keep a copy of their own, and bringing their anchors up to date.

use std::collections::HashMap;

use super::index::{BlockIndex, context_score};
use super::make::anchor_for;
use super::{Anchor, Placed, Placement};
use crate::document::{BlockId, Brief};
use crate::notes::{Flag, Note};

/// Above this many (note place × block) pairs for one repeated text, notes
/// are placed one by one instead of matched as a whole: a bound on the
/// work for a line repeated thousands of times.
const MAX_PAIRS: usize = 1 << 20;

/// Places every note on the brief as it is now. The result has one entry
/// per note, in the same order: no note is ever dropped.
///
/// Notes on repeated text (boilerplate) are placed together: each place a
/// note was made on (heading path, section number, ordinal) gets a block of
/// its own, best agreement first, so two places never collapse onto one
/// copy, and when copies were deleted the places that fit the remaining
/// copies worst are orphaned rather than piled onto a copy they were not on.
pub fn place_notes(brief: &Brief, notes: &[Note]) -> Vec<Placement> {
    if notes.is_empty() {
        return Vec::new();
    }
    let index = BlockIndex::new(brief);
    let mut placed: Vec<Option<Placement>> = vec![None; notes.len()];
    let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, note) in notes.iter().enumerate() {
        if let Ok(h) = u64::from_str_radix(&note.anchor.hash, 16)
            && index.by_hash.contains_key(&h)
        {
            by_hash.entry(h).or_default().push(i);
        }
    }
    for (h, members) in by_hash {
        let candidates = &index.by_hash[&h];
        // Places the notes were made on: notes on one block share one.
        let mut places: Vec<(&Anchor, Vec<usize>)> = Vec::new();
        for i in members {
            let a = &notes[i].anchor;
            match places.iter_mut().find(|(p, _)| same_place(p, a)) {
                Some((_, ids)) => ids.push(i),
                None => places.push((a, vec![i])),
            }
        }
        if places.len() < 2 || places.len() * candidates.len() > MAX_PAIRS {
            continue;
        }
        for (block, ids) in index.assign(&places, candidates) {
            // A place left without a copy lost its text: its block was
            // deleted, or edited into something like it (never one of the
            // copies, which other places kept).
            let edited = block
                .is_none()
                .then(|| index.most_similar_except(&notes[ids[0]].anchor, candidates))
                .flatten();
            for i in ids {
                placed[i] = Some(match (block, edited) {
                    (Some(b), _) => Placement {
                        block: Some(b),
                        how: if index.moved(&notes[i].anchor, b) {
                            Placed::Moved
                        } else {
                            Placed::Exact
                        },
                    },
                    (None, Some(b)) => Placement {
                        block: Some(b),
                        how: Placed::Edited,
                    },
                    (None, None) => Placement {
                        block: None,
                        how: Placed::Orphaned,
                    },
                });
            }
        }
    }
    notes
        .iter()
        .zip(placed)
        .map(|(n, p)| p.unwrap_or_else(|| index.place(&n.anchor)))
        .collect()
}

/// Brings each placed note's anchor up to date with the block it sits on
/// now, so the file says where notes are, not where they were. A note that
/// followed a moved or edited block is flagged so until it is edited, and an
/// edited one keeps the quote it was made on.
pub fn refresh_anchors(brief: &Brief, notes: &mut [Note], placements: &[Placement]) {
    for (note, p) in notes.iter_mut().zip(placements) {
        let Some(block) = p.block else { continue };
        let fresh = anchor_for(brief, block);
        if fresh == note.anchor {
            continue;
        }
        match p.how {
            Placed::Moved if note.flag.is_none() => note.flag = Some(Flag::Moved),
            Placed::Edited => {
                // A conflict copy stays marked as one until the reader
                // deals with it; the kept quote tells of the edit.
                if note.flag != Some(Flag::Conflict) {
                    note.flag = Some(Flag::Edited);
                }
                if note.original_quote.is_none() {
                    note.original_quote = Some(note.anchor.quote.clone());
                }
            }
            _ => {}
        }
        note.anchor = fresh;
    }
}

/// Whether two anchors were made on the same block of the same text.
fn same_place(a: &Anchor, b: &Anchor) -> bool {
    a.section == b.section && a.section_number == b.section_number && a.block == b.block
}

impl BlockIndex<'_> {
    /// Gives each place (with its notes) a distinct block among
    /// `candidates` of one text, best agreement first; places left without
    /// one get None.
    fn assign(
        &self,
        places: &[(&Anchor, Vec<usize>)],
        candidates: &[BlockId],
    ) -> Vec<(Option<BlockId>, Vec<usize>)> {
        let heres: Vec<Anchor> = candidates
            .iter()
            .map(|&b| anchor_for(self.brief, b))
            .collect();
        let mut pairs = Vec::with_capacity(places.len() * candidates.len());
        for (p, (anchor, _)) in places.iter().enumerate() {
            for (c, &block) in candidates.iter().enumerate() {
                let score = context_score(anchor, &heres[c]);
                pairs.push((score, std::cmp::Reverse(self.distance(anchor, block)), p, c));
            }
        }
        pairs.sort_unstable_by(|a, b| b.cmp(a));
        let mut block_of = vec![None; places.len()];
        let mut taken = vec![false; candidates.len()];
        for (_, _, p, c) in pairs {
            if block_of[p].is_none() && !taken[c] {
                block_of[p] = Some(candidates[c]);
                taken[c] = true;
            }
        }
        places
            .iter()
            .zip(block_of)
            .map(|((_, ids), block)| (block, ids.clone()))
            .collect()
    }
}
