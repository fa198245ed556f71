//! What recognises a brief when its path says nothing: after a move, a
//! rename, an edit, or as a new version of another. Its front-matter `id`
//! when it has one; else its title, its section titles, and a sketch of
//! its blocks' text (the smallest hashes, so a ten-megabyte brief costs as
//! little to store and compare as a memo). Plain data: the store keeps it
//! in each notes file's header and compares it when a brief is opened.

use std::collections::BTreeSet;

use crate::document::Brief;
use crate::hash::LaneHash;

/// Block hashes kept, at most: the bottom-k sketch of the brief's blocks.
/// Every block of a brief of up to this many blocks; a fair sample beyond.
pub const SKETCH: usize = 256;

/// How much two briefs share before one is taken for the other without
/// asking: most of their text.
const CONFIDENT: f64 = 0.5;
/// Enough to ask the reader.
const POSSIBLE: f64 = 0.2;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The front matter's `id`, if the brief has one.
    pub id: String,
    pub title: String,
    /// Section titles, in order.
    pub sections: Vec<String>,
    /// The smallest 32-bit hashes of the blocks' text (white space
    /// folded), sorted, at most [`SKETCH`].
    pub blocks: Vec<u32>,
}

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub enum Likeness {
    /// Nothing in common worth saying.
    Unlike,
    /// Some in common: ask before treating one as the other.
    Possible(f64),
    /// The same brief (the same `id`, or most of the text).
    Confident(f64),
}

impl Identity {
    pub fn of(brief: &Brief) -> Identity {
        // Every block's hash, then the smallest SKETCH of them, with a fast
        // hash (eight bytes at a time): this runs for every brief opened.
        let mut blocks: Vec<u32> = (0..brief.blocks.len())
            .map(|b| brief.block_text(b))
            .filter(|text| !text.trim().is_empty())
            .map(|text| {
                let mut h = LaneHash::default();
                h.block(text);
                (h.finish() >> 32) as u32
            })
            .collect();
        blocks.sort_unstable();
        blocks.dedup();
        blocks.truncate(SKETCH);
        Identity {
            id: brief.meta.id.clone().unwrap_or_default(),
            title: brief.title.clone(),
            sections: brief
                .sections
                .iter()
                .filter(|s| !s.is_preamble())
                .map(|s| s.title.clone())
                .collect(),
            blocks,
        }
    }

    /// The block sketch as stored: 8 hex digits a block, space-separated.
    pub fn blocks_text(&self) -> String {
        let parts: Vec<String> = self.blocks.iter().map(|h| format!("{h:08x}")).collect();
        parts.join(" ")
    }

    /// Reads a stored sketch; what does not parse is left out.
    pub fn parse_blocks(text: &str) -> Vec<u32> {
        let mut blocks: Vec<u32> = text
            .split_whitespace()
            .filter_map(|h| u32::from_str_radix(h, 16).ok())
            .collect();
        blocks.sort_unstable();
        blocks.dedup();
        blocks.truncate(SKETCH);
        blocks
    }

    /// How alike this brief and `other` are.
    pub fn likeness(&self, other: &Identity) -> Likeness {
        if !self.id.is_empty() && self.id == other.id {
            return Likeness::Confident(1.0);
        }
        let blocks = sketch_similarity(&self.blocks, &other.blocks);
        let sections = title_similarity(&self.sections, &other.sections);
        let titled = !self.title.trim().is_empty() && self.title == other.title;
        // Section titles alone are weak (many briefs share "Summary"), but
        // with the same title and some text they say "a new version".
        let score = if titled {
            blocks.max(sections * 0.6)
        } else {
            blocks
        };
        if score >= CONFIDENT {
            Likeness::Confident(score)
        } else if score >= POSSIBLE || (titled && sections >= 0.5) {
            Likeness::Possible(score.max(POSSIBLE))
        } else {
            Likeness::Unlike
        }
    }
}

/// The share of blocks two briefs have in common (Jaccard), estimated from
/// their bottom-k sketches: of the k smallest hashes of the union, the
/// share in both. Exact when both briefs have at most k blocks.
fn sketch_similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let k = a.len().max(b.len()).min(SKETCH);
    let union: BTreeSet<u32> = a.iter().chain(b).copied().collect();
    let bottom: Vec<u32> = union.into_iter().take(k).collect();
    let both = bottom
        .iter()
        .filter(|h| a.binary_search(h).is_ok() && b.binary_search(h).is_ok())
        .count();
    both as f64 / bottom.len() as f64
}

/// The share of section titles two briefs have in common (Jaccard).
fn title_similarity(a: &[String], b: &[String]) -> f64 {
    let a: BTreeSet<&str> = a.iter().map(|s| s.trim()).collect();
    let b: BTreeSet<&str> = b.iter().map(|s| s.trim()).collect();
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn brief(blocks: usize, edited: usize, title: &str) -> Brief {
        let mut md = String::new();
        for i in 0..blocks {
            if i % 10 == 0 {
                md.push_str(&format!("## Part {}\n\n", i / 10));
            }
            let word = if i < edited { "revised" } else { "original" };
            md.push_str(&format!(
                "Paragraph {i} says something {word} about ports.\n\n"
            ));
        }
        parse(&format!("---\ntitle: {title}\n---\n{md}"), "b")
    }

    #[test]
    fn a_brief_with_a_tenth_of_its_blocks_edited_is_confidently_itself() {
        let before = Identity::of(&brief(100, 0, "Ports"));
        let after = Identity::of(&brief(100, 10, "Ports"));
        assert!(matches!(after.likeness(&before), Likeness::Confident(_)));
    }

    #[test]
    fn an_unrelated_brief_is_unlike() {
        let a = Identity::of(&brief(40, 0, "Ports"));
        let b = Identity::of(&parse(
            "---\ntitle: Grain\n---\n## Other\n\nNothing alike here at all.\n",
            "g",
        ));
        assert_eq!(a.likeness(&b), Likeness::Unlike);
    }

    #[test]
    fn a_heavily_revised_brief_under_another_title_is_asked_about() {
        let before = Identity::of(&brief(40, 0, "Ports"));
        let after = Identity::of(&brief(40, 24, "Ports, revised"));
        assert!(matches!(after.likeness(&before), Likeness::Possible(_)));
    }

    #[test]
    fn the_same_title_and_sections_are_the_same_brief_even_rewritten() {
        let before = Identity::of(&brief(40, 0, "Ports"));
        let after = Identity::of(&brief(40, 34, "Ports"));
        assert!(matches!(after.likeness(&before), Likeness::Confident(_)));
    }

    #[test]
    fn the_same_id_is_the_same_brief_whatever_the_text() {
        let mut a = Identity::of(&brief(5, 0, "A"));
        let mut b = Identity::of(&brief(5, 5, "B"));
        a.id = "pol-2026-114".into();
        b.id = "pol-2026-114".into();
        assert_eq!(a.likeness(&b), Likeness::Confident(1.0));
    }

    #[test]
    fn the_sketch_is_bounded_and_round_trips() {
        let big = Identity::of(&brief(2000, 0, "Big"));
        assert_eq!(big.blocks.len(), SKETCH);
        assert_eq!(Identity::parse_blocks(&big.blocks_text()), big.blocks);
        let edited = Identity::of(&brief(2000, 200, "Big"));
        assert!(matches!(edited.likeness(&big), Likeness::Confident(_)));
    }
}
