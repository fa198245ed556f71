//! Anchors: how a note finds its block again after the brief changed.
//!
//! 1. The same text (hash of the whitespace-folded text) -> that block,
//!    wherever it is now. Among identical blocks (boilerplate) each place
//!    notes were made on gets its own copy, by heading path, then context
//!    and ordinal, so notes on repeated paragraphs never swap or pile up,
//!    and a deleted copy orphans its notes. A different section flags the
//!    note "moved".
//! 2. Else the block whose opening is most like the note's quote, above a
//!    similarity threshold -> "edited".
//! 3. Else the note is orphaned: kept, listed, never put on a guess.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Note;
use crate::document::{BlockId, Brief};
use crate::hash::{hex, text_hash};

/// Characters of a block kept as the note's quote.
pub const QUOTE_CHARS: usize = 200;
/// Characters of context kept before and after the quote.
pub const CONTEXT_CHARS: usize = 32;
/// How alike (0-1, by edit distance) a block's opening must be to a lost
/// note's quote for the note to follow it.
pub const SIMILARITY_THRESHOLD: f64 = 0.6;
/// Quotes shorter than this are too short to match by likeness: "Agreed."
/// and "Disagreed." are alike but not the same paragraph.
const MIN_FUZZY_CHARS: usize = 24;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Heading titles from the top of the tree down to the block's section.
    pub section: Vec<String>,
    /// The section's number as `brief outline` counts it (from 1).
    pub section_number: u32,
    /// The block's number within its section (from 1).
    pub block: u32,
    /// FNV-1a (64-bit) of the block's text with white space folded.
    pub hash: String,
    /// The block's first characters (white space folded).
    pub quote: String,
    /// Context: the end of the text before the quote.
    #[serde(default)]
    pub before: String,
    /// Context: the text after the quote.
    #[serde(default)]
    pub after: String,
}

/// How a note was placed on the current brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// Same text, same section.
    Exact,
    /// Same text, another section.
    Moved,
    /// Similar text: the block was edited.
    Edited,
    /// No block is a safe match.
    Orphaned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub block: Option<BlockId>,
    pub how: Placed,
}

/// Text with runs of white space folded to one space.
pub fn fold_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    s.char_indices()
        .nth(count.saturating_sub(n))
        .map_or("", |(i, _)| &s[i..])
}

/// Fingerprint of a whole brief: [`crate::hash::content_hash`] (every
/// block's text, line wrapping ignored), fast enough for a 10 MB brief at
/// open.
pub fn fingerprint(brief: &Brief) -> String {
    crate::hash::content_hash(brief)
}

/// The anchor of a block as the brief is now.
pub fn anchor_for(brief: &Brief, block: BlockId) -> Anchor {
    let section = brief.section_of(block);
    let folded = fold_ws(brief.block_text(block));
    let quote = first_chars(&folded, QUOTE_CHARS).to_owned();
    let before = block
        .checked_sub(1)
        .map(|b| last_chars(&fold_ws(brief.block_text(b)), CONTEXT_CHARS).to_owned())
        .unwrap_or_default();
    let rest = &folded[quote.len()..];
    let after = if rest.is_empty() {
        brief
            .blocks
            .get(block + 1)
            .map(|_| first_chars(&fold_ws(brief.block_text(block + 1)), CONTEXT_CHARS).to_owned())
            .unwrap_or_default()
    } else {
        first_chars(rest.trim_start(), CONTEXT_CHARS).to_owned()
    };
    let start = brief.sections.get(section).map_or(0, |s| s.blocks.start);
    Anchor {
        section: heading_path(brief, section),
        section_number: section as u32 + 1,
        block: (block - start.min(block)) as u32 + 1,
        hash: hex(text_hash(brief.block_text(block))),
        quote,
        before,
        after,
    }
}

fn heading_path(brief: &Brief, section: usize) -> Vec<String> {
    if section >= brief.sections.len() {
        return Vec::new();
    }
    brief
        .heading_path(section)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// What the placing needs of each block, computed once per brief.
struct BlockIndex<'a> {
    brief: &'a Brief,
    by_hash: HashMap<u64, Vec<BlockId>>,
}

impl<'a> BlockIndex<'a> {
    fn new(brief: &'a Brief) -> Self {
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

    fn moved(&self, anchor: &Anchor, block: BlockId) -> bool {
        let section = self.brief.section_of(block);
        // A renamed heading keeps its place: only a different path at a
        // different position counts as a move.
        heading_path(self.brief, section) != anchor.section
            && section as u32 + 1 != anchor.section_number
    }

    /// Distance of a block from where the anchor says it was, for ties.
    fn distance(&self, anchor: &Anchor, block: BlockId) -> u64 {
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

    fn place(&self, anchor: &Anchor) -> Placement {
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
    fn most_similar_except(&self, anchor: &Anchor, taken: &[BlockId]) -> Option<BlockId> {
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
fn context_score(anchor: &Anchor, here: &Anchor) -> u32 {
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

/// Above this many (note place × block) pairs for one repeated text, notes
/// are placed one by one instead of matched as a whole: a bound on the
/// work for a line repeated thousands of times.
const MAX_PAIRS: usize = 1 << 20;

/// Share of the quote's words that appear in the text.
fn word_overlap(quote_words: &[&str], text: &str) -> f64 {
    if quote_words.is_empty() {
        return 0.0;
    }
    let words: std::collections::HashSet<&str> = text.split(' ').collect();
    let shared = quote_words.iter().filter(|w| words.contains(*w)).count();
    shared as f64 / quote_words.len() as f64
}

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
            Placed::Moved if note.flag.is_none() => note.flag = Some(super::Flag::Moved),
            Placed::Edited => {
                // A conflict copy stays marked as one until the reader
                // deals with it; the kept quote tells of the edit.
                if note.flag != Some(super::Flag::Conflict) {
                    note.flag = Some(super::Flag::Edited);
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

/// Where one anchor lands on the brief as it is now (for putting the
/// reader back on a block after a reload, not for notes: those are placed
/// together by [`place_notes`]).
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

/// Whether two anchors were made on the same block of the same text.
fn same_place(a: &Anchor, b: &Anchor) -> bool {
    a.section == b.section && a.section_number == b.section_number && a.block == b.block
}

#[cfg(test)]
mod tests;
