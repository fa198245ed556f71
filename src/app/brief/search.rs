//! In-brief search: incremental, case-insensitive unless the query has a
//! capital. Matches are found once per query over the brief's text buffer
//! and kept sorted, so `n`/`N` and highlighting are binary searches.

use regex::{Regex, RegexBuilder};

use super::reader::Pos;
use crate::app::prompt::Prompt;
use crate::document::{BlockId, Brief, SectionId};

/// A match within one block, or within a section's heading, as byte
/// offsets in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The block the match is in; for a heading, the first block after it.
    /// Either way, the match's place in reading order.
    pub block: BlockId,
    /// The section whose heading holds the match, if it is in a heading.
    pub heading: Option<SectionId>,
    pub start: u32,
    pub end: u32,
}

impl Match {
    /// Reading order: a heading comes before the block that follows it.
    fn order(&self) -> (BlockId, bool, SectionId, u32) {
        (
            self.block,
            self.heading.is_none(),
            self.heading.unwrap_or(0),
            self.start,
        )
    }
}

/// Beyond this many matches the rest are not collected: the first ones are
/// enough to navigate, and memory stays bounded on a 10 MB brief.
pub const MAX_MATCHES: usize = 100_000;

#[derive(Debug, Default)]
pub struct Search {
    pub prompt: Prompt,
    /// True while the query is being typed in the status line.
    pub editing: bool,
    pub matches: Vec<Match>,
    /// Index in `matches` of the match the cursor is on.
    pub current: Option<usize>,
    pub truncated: bool,
    /// Where the reader was when the prompt opened, to return on Esc.
    pub origin: Option<(BlockId, SectionId, Pos)>,
    /// The query of the matches, kept after the prompt closes for `n`.
    pub query: String,
    /// The brief's last block: a heading match under which no block
    /// follows (an empty last section) puts the cursor there.
    last_block: BlockId,
}

/// Smart case: a capital in the query makes it case-sensitive.
pub fn build_matcher(query: &str) -> Option<Regex> {
    if query.is_empty() {
        return None;
    }
    RegexBuilder::new(&regex::escape(query))
        .case_insensitive(!query.chars().any(char::is_uppercase))
        .build()
        .ok()
}

impl Search {
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Finds every match of `query` in the brief. Matches that would cross
    /// from one block into the next are not matches.
    pub fn set_query(&mut self, brief: &Brief, query: &str) {
        self.query = query.to_owned();
        self.last_block = brief.blocks.len().saturating_sub(1);
        self.matches.clear();
        self.current = None;
        self.truncated = false;
        let Some(re) = build_matcher(query) else {
            return;
        };
        let text = brief.full_text();
        let mut block = 0usize;
        for m in re.find_iter(text) {
            if self.matches.len() == MAX_MATCHES {
                self.truncated = true;
                break;
            }
            // Matches come in order, so the block index only moves forward.
            while block < brief.blocks.len() && brief.block_range(block).end <= m.start() {
                block += 1;
            }
            let Some(range) = (block < brief.blocks.len()).then(|| brief.block_range(block)) else {
                break;
            };
            if m.start() < range.start || m.end() > range.end {
                continue;
            }
            self.matches.push(Match {
                block,
                heading: None,
                start: (m.start() - range.start) as u32,
                end: (m.end() - range.start) as u32,
            });
        }
        // Headings are text the reader sees too. There are few of them, so
        // scanning their titles costs little next to the body.
        let mut headings = Vec::new();
        for (s, section) in brief.sections.iter().enumerate() {
            // The text before the first heading has a title for the outline
            // but no heading on the page.
            if section.is_preamble() {
                continue;
            }
            for m in re.find_iter(&section.title) {
                if self.matches.len() + headings.len() == MAX_MATCHES {
                    self.truncated = true;
                    break;
                }
                headings.push(Match {
                    block: section.blocks.start,
                    heading: Some(s),
                    start: m.start() as u32,
                    end: m.end() as u32,
                });
            }
        }
        if !headings.is_empty() {
            self.matches.extend(headings);
            self.matches.sort_by_key(Match::order);
        }
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.matches.clear();
        self.current = None;
        self.truncated = false;
        self.prompt.clear();
        self.editing = false;
        self.origin = None;
    }

    /// The matches inside one block.
    pub fn in_block(&self, block: BlockId) -> &[Match] {
        let start = self
            .matches
            .partition_point(|m| m.order() < (block, true, 0, 0));
        let end = self.matches.partition_point(|m| m.block <= block);
        &self.matches[start..end]
    }

    /// The matches inside a section's heading.
    pub fn in_heading(&self, brief: &Brief, section: SectionId) -> &[Match] {
        let Some(at) = brief.sections.get(section).map(|s| s.blocks.start) else {
            return &[];
        };
        let start = self
            .matches
            .partition_point(|m| m.order() < (at, false, section, 0));
        let end = self
            .matches
            .partition_point(|m| m.order() <= (at, false, section, u32::MAX));
        &self.matches[start..end]
    }

    /// The first match in or after `block`, headings just above it
    /// included (wrapping to the top).
    pub fn first_from(&self, block: BlockId) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|m| m.block < block);
        Some(if i < self.matches.len() { i } else { 0 })
    }

    /// The next match after the current one (or after `block` when there
    /// is none), wrapping around. Returns the index and whether it wrapped.
    pub fn step(&self, block: BlockId, forward: bool) -> Option<(usize, bool)> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let current = self.current.filter(|&i| {
            self.matches
                .get(i)
                .is_some_and(|m| m.block.min(self.last_block) == block)
        });
        let next = match (current, forward) {
            (Some(i), true) => i + 1,
            (Some(i), false) => {
                return Some(if i == 0 {
                    (n - 1, true)
                } else {
                    (i - 1, false)
                });
            }
            (None, true) => self.matches.partition_point(|m| m.block <= block),
            (None, false) => {
                // The heading above the block counts as before it.
                let i = self
                    .matches
                    .partition_point(|m| m.order() < (block, true, 0, 0));
                return Some(if i == 0 {
                    (n - 1, true)
                } else {
                    (i - 1, false)
                });
            }
        };
        Some(if next >= n { (0, true) } else { (next, false) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn brief() -> Brief {
        parse(
            "Sanctions bite.\n\nNo match here.\n\nMore SANCTIONS and sanctions.\n",
            "t",
        )
    }

    #[test]
    fn lowercase_query_ignores_case() {
        let b = brief();
        let mut s = Search::default();
        s.set_query(&b, "sanctions");
        assert_eq!(s.matches.len(), 3);
        assert_eq!(s.in_block(2).len(), 2);
        assert!(s.in_block(1).is_empty());
    }

    #[test]
    fn a_capital_makes_the_query_case_sensitive() {
        let b = brief();
        let mut s = Search::default();
        s.set_query(&b, "SANCTIONS");
        assert_eq!(s.matches.len(), 1);
        assert_eq!(
            s.matches[0],
            Match {
                block: 2,
                heading: None,
                start: 5,
                end: 14
            }
        );
    }

    #[test]
    fn headings_match_in_reading_order_and_the_preamble_title_does_not() {
        let b = parse(
            "Sanctions first.\n\n## Sanctions\n\nThey bite.\n\n## Trade\n\nSanctions again.\n",
            "Sanctions-file",
        );
        let mut s = Search::default();
        s.set_query(&b, "Sanctions");
        let order: Vec<(usize, Option<usize>)> =
            s.matches.iter().map(|m| (m.block, m.heading)).collect();
        // Preamble block, the heading of section 1 (before its block 1),
        // then the block of section 2; the file-name title is not on the page.
        assert_eq!(order, vec![(0, None), (1, Some(1)), (2, None)]);
        assert_eq!(s.in_heading(&b, 1).len(), 1);
        assert!(s.in_block(1).is_empty(), "the heading is not in the block");
        // Backwards from block 1 the heading above it comes first.
        assert_eq!(s.step(1, false), Some((1, false)));
        // Forwards from block 1 the heading is already behind.
        assert_eq!(s.step(1, true), Some((2, false)));
    }

    #[test]
    fn n_moves_on_from_a_heading_match_with_nothing_under_it() {
        let b = parse("## Alpha\n\nSanctions one.\n\n## Sanctions end\n", "t");
        let mut s = Search::default();
        s.set_query(&b, "Sanctions");
        assert_eq!(s.matches.len(), 2);
        // On the empty last section's heading, the cursor is on block 0.
        s.current = Some(1);
        assert_eq!(s.step(0, true), Some((0, true)), "wraps to the top");
    }

    #[test]
    fn stepping_wraps_around() {
        let b = brief();
        let mut s = Search::default();
        s.set_query(&b, "sanctions");
        s.current = Some(2);
        assert_eq!(s.step(2, true), Some((0, true)));
        s.current = Some(0);
        assert_eq!(s.step(0, false), Some((2, true)));
        s.current = None;
        assert_eq!(s.step(1, true), Some((1, false)));
    }

    #[test]
    fn regex_characters_are_literal() {
        let b = parse("a.b and axb\n", "t");
        let mut s = Search::default();
        s.set_query(&b, "a.b");
        assert_eq!(s.matches.len(), 1);
    }
}
