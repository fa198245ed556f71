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
//!
//! This file holds the anchor types; making an anchor is in `make.rs`,
//! finding where one anchor lands in `index.rs`, placing every note of a
//! brief together in `place.rs`.

mod index;
mod make;
mod place;

use serde::{Deserialize, Serialize};

pub use index::{likely_block, place_anchor};
pub use make::{anchor_for, fingerprint, fold_ws};
pub use place::{place_notes, refresh_anchors};

use crate::document::BlockId;

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

#[cfg(test)]
mod tests;
