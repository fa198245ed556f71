//! Making an anchor: a block's fingerprint, quote and surrounding text as
//! the brief is now.

use super::{Anchor, CONTEXT_CHARS, QUOTE_CHARS};
use crate::document::{BlockId, Brief};
use crate::hash::{hex, text_hash};

/// Text with runs of white space folded to one space.
pub fn fold_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn first_chars(s: &str, n: usize) -> &str {
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

pub(super) fn heading_path(brief: &Brief, section: usize) -> Vec<String> {
    if section >= brief.sections.len() {
        return Vec::new();
    }
    brief
        .heading_path(section)
        .into_iter()
        .map(str::to_owned)
        .collect()
}
