//! Where one anchor lands: the same text, else the most similar opening,
//! else nowhere. [`BlockIndex`] does the search; `place.rs` uses it for
//! all of a brief's notes at once.

use std::collections::HashMap;

use super::make::{anchor_for, first_chars, fold_ws, heading_path};
use super::{Anchor, MIN_FUZZY_CHARS, Placed, Placement, QUOTE_CHARS, SIMILARITY_THRESHOLD};
use crate::document::{BlockId, Brief};
use crate::hash::text_hash;

/// What the placing needs of each block, computed once per brief.
pub(super) struct BlockIndex<'a> {
    pub(super) brief: &'a Brief,
    pub(super) by_hash: HashMap<u64, Vec<BlockId>>,
}

impl<'a> BlockIndex<'a> {
    pub(super) fn new(brief: &'a Brief) -> Self {
        let mut by_hash: HashMap<u64, Vec<BlockId>> = HashMap::new();
        for id in 0..brief.blocks.len() {
            by_hash
                .entry(text_hash(brief.block_text(id)))
                .or_default()
                .push(id);
        }
        BlockIndex { brief, by_hash }
    }

    /// How well a block's surroundings agree with an anchor, for choosing
    /// among blocks of identical or similar text.
    fn context_score(&self, anchor: &Anchor, block: BlockId) -> u32 {
        context_score(anchor, &anchor_for(self.brief, block))
    }

    pub(super) fn moved(&self, anchor: &Anchor, block: BlockId) -> bool {
        let section = self.brief.section_of(block);
        // A renamed heading keeps its place: only a different path at a
        // different position counts as a move.
        heading_path(self.brief, section) != anchor.section
            && section as u32 + 1 != anchor.section_number
    }

    /// Distance of a block from where the anchor says it was, for ties.
    pub(super) fn distance(&self, anchor: &Anchor, block: BlockId) -> u64 {
        let section = self.brief.section_of(block) as i64 + 1;
        let start = self
            .brief
            .sections
            .get(section as usize - 1)
            .map_or(0, |s| s.blocks.start);
        let ordinal = (block - start.min(block)) as i64 + 1;
        (section - i64::from(anchor.section_number)).unsigned_abs() * 10_000
            + (ordinal - i64::from(anchor.block)).unsigned_abs()
    }

    fn best_of(
        &self,
        anchor: &Anchor,
        candidates: impl Iterator<Item = BlockId>,
    ) -> Option<BlockId> {
        candidates.max_by(|&a, &b| {
            self.context_score(anchor, a)
                .cmp(&self.context_score(anchor, b))
                .then(self.distance(anchor, b).cmp(&self.distance(anchor, a)))
        })
    }

    pub(super) fn place(&self, anchor: &Anchor) -> Placement {
        let exact = u64::from_str_radix(&anchor.hash, 16)
            .ok()
            .and_then(|h| self.by_hash.get(&h));
        if let Some(candidates) = exact {
            let block = if candidates.len() == 1 {
                candidates[0]
            } else {
                self.best_of(anchor, candidates.iter().copied())
                    .unwrap_or(candidates[0])
            };
            if let Some(own) = self.edited_in_place(anchor, block, candidates) {
                return Placement {
                    block: Some(own),
                    how: Placed::Edited,
                };
            }
            let how = if self.moved(anchor, block) {
                Placed::Moved
            } else {
                Placed::Exact
            };
            return Placement {
                block: Some(block),
                how,
            };
        }
        match self.most_similar(anchor) {
            Some(block) => Placement {
                block: Some(block),
                how: Placed::Edited,
            },
            None => Placement {
                block: None,
                how: Placed::Orphaned,
            },
        }
    }

    /// When the copy of the note's text that was found shares nothing of
    /// the note's surroundings, while another block of its section sits
    /// between the very same neighbours and reads like the quote, the
    /// note's own paragraph was edited and the copy is another paragraph
    /// that happens to hold the old text (boilerplate): the note stays on
    /// its own paragraph, flagged edited, rather than move to the copy.
    fn edited_in_place(
        &self,
        anchor: &Anchor,
        found: BlockId,
        copies: &[BlockId],
    ) -> Option<BlockId> {
        if anchor.before.is_empty() && anchor.after.is_empty() {
            return None;
        }
        // The common case, found where it was (same section, same place in
        // it), costs no anchor. Copies of boilerplate often sit at the same
        // place in different sections, so the section counts too.
        let section = self.brief.section_of(found);
        let start = self
            .brief
            .sections
            .get(section)
            .map_or(0, |s| s.blocks.start);
        if (found - start.min(found)) as u32 + 1 == anchor.block
            && section as u32 + 1 == anchor.section_number
            && heading_path(self.brief, section) == anchor.section
        {
            return None;
        }
        let there = anchor_for(self.brief, found);
        if there.before == anchor.before || there.after == anchor.after {
            return None;
        }
        let by_path =
            (0..self.brief.sections.len()).find(|&s| heading_path(self.brief, s) == anchor.section);
        let section = by_path.or_else(|| {
            let s = (anchor.section_number as usize).checked_sub(1)?;
            (s < self.brief.sections.len()).then_some(s)
        })?;
        self.brief.sections[section].blocks.clone().find(|b| {
            if copies.contains(b) {
                return false;
            }
            let here = anchor_for(self.brief, *b);
            here.before == anchor.before
                && here.after == anchor.after
                && strsim::normalized_levenshtein(&anchor.quote, &here.quote)
                    >= SIMILARITY_THRESHOLD
        })
    }

    /// The block whose opening is most like the anchor's quote, if it is
    /// alike enough. Blocks sharing few words are skipped before the edit
    /// distance is measured, which keeps this fast on long briefs.
    fn most_similar(&self, anchor: &Anchor) -> Option<BlockId> {
        self.most_similar_except(anchor, &[])
    }

    /// [`Self::most_similar`], passing over some blocks (copies of the
    /// note's text that other notes have).
    pub(super) fn most_similar_except(
        &self,
        anchor: &Anchor,
        taken: &[BlockId],
    ) -> Option<BlockId> {
        if anchor.quote.chars().count() < MIN_FUZZY_CHARS {
            return None;
        }
        let quote_words: Vec<&str> = anchor.quote.split(' ').collect();
        let mut best: Option<(f64, BlockId)> = None;
        for id in 0..self.brief.blocks.len() {
            if taken.contains(&id) {
                continue;
            }
            let text = self.brief.block_text(id);
            let opening = fold_ws(first_chars(text, QUOTE_CHARS * 2));
            let opening = first_chars(&opening, QUOTE_CHARS);
            if word_overlap(&quote_words, opening) < 0.3 {
                continue;
            }
            let sim = strsim::normalized_levenshtein(&anchor.quote, opening);
            if sim < SIMILARITY_THRESHOLD {
                continue;
            }
            let better = match best {
                None => true,
                Some((s, b)) => {
                    sim > s + 1e-9
                        || ((sim - s).abs() <= 1e-9
                            && self.context_score(anchor, id) > self.context_score(anchor, b))
                }
            };
            if better {
                best = Some((sim, id));
            }
        }
        best.map(|(_, id)| id)
    }
}

/// How well a block's surroundings (`here`, its anchor as the brief is
/// now) agree with a note's anchor. Which section the block is in says
/// most: by heading path first (a section moved elsewhere keeps its
/// title), else by number (a renamed heading keeps its place). The
/// neighbouring text, which a deletion next door hands to another copy,
/// and the ordinal, which any insertion above shifts, only break ties.
pub(super) fn context_score(anchor: &Anchor, here: &Anchor) -> u32 {
    let mut score = 0;
    if here.section == anchor.section {
        score += 16;
    }
    if here.section_number == anchor.section_number {
        score += 10;
    }
    if !anchor.before.is_empty() && here.before == anchor.before {
        score += 4;
    }
    if !anchor.after.is_empty() && here.after == anchor.after {
        score += 4;
    }
    if here.block == anchor.block {
        score += 2;
    }
    score
}

/// Share of the quote's words that appear in the text.
fn word_overlap(quote_words: &[&str], text: &str) -> f64 {
    if quote_words.is_empty() {
        return 0.0;
    }
    let words: std::collections::HashSet<&str> = text.split(' ').collect();
    let shared = quote_words.iter().filter(|w| words.contains(*w)).count();
    shared as f64 / quote_words.len() as f64
}

/// Where one anchor lands on the brief as it is now (for putting the
/// reader back on a block after a reload, not for notes: those are placed
/// together by [`place_notes`](super::place_notes)).
pub fn place_anchor(brief: &Brief, anchor: &Anchor) -> Placement {
    BlockIndex::new(brief).place(anchor)
}

/// For putting the reader back after a reload, where a near guess beats
/// none: the block of the anchor's section (by heading path, else number)
/// that shares most words with its quote, if any shares a good part. Never
/// used for notes, which must not land on a guess.
pub fn likely_block(brief: &Brief, anchor: &Anchor) -> Option<BlockId> {
    let by_path = (0..brief.sections.len()).find(|&s| heading_path(brief, s) == anchor.section);
    let section = by_path.or_else(|| {
        let s = (anchor.section_number as usize).checked_sub(1)?;
        (s < brief.sections.len()).then_some(s)
    })?;
    let words: Vec<&str> = anchor.quote.split(' ').collect();
    brief.sections[section]
        .blocks
        .clone()
        .map(|b| {
            let opening = fold_ws(first_chars(brief.block_text(b), QUOTE_CHARS * 2));
            (word_overlap(&words, &opening), b)
        })
        .filter(|(overlap, _)| *overlap >= 0.3)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, b)| b)
}
