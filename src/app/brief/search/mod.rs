//! In-brief search: incremental, case-insensitive unless the query has a
//! capital. Matches are found once per query over the brief's text buffer
//! and kept sorted, so `n`/`N` and highlighting are binary searches.

use regex::{Regex, RegexBuilder};

use super::BriefScreen;
use super::reader::Pos;
use crate::app::prompt::{Prompt, PromptEvent};
use crate::app::shared::Shared;
use crate::document::{BlockId, Brief, SectionId};
use crate::keys::Command;

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

impl BriefScreen {
    pub(super) fn open_search(&mut self) {
        self.search.clear();
        self.search.editing = true;
        self.search.origin = Some((self.reader.cursor, self.reader.section, self.reader.top));
    }

    pub(super) fn step_search(&mut self, forward: bool, cx: &mut Shared) {
        if !self.search.is_active() {
            let key = cx.hint(Command::Search);
            cx.say(format!("no search: press {key} to search"));
            return;
        }
        match self.search.step(self.reader.cursor, forward) {
            Some((i, wrapped)) => {
                self.goto_match(i);
                if wrapped {
                    cx.say(if forward {
                        "search wrapped to the top"
                    } else {
                        "search wrapped to the bottom"
                    });
                }
            }
            None => {
                let q = self.search.query.clone();
                cx.error(format!("no match for {q}"));
            }
        }
    }

    fn goto_match(&mut self, i: usize) {
        let Some(m) = self.search.matches.get(i).copied() else {
            return;
        };
        self.search.current = Some(i);
        if let Some(s) = m.heading {
            // Like a match in text: a heading on screen stays put, a far
            // one comes a quarter down with its first block under it.
            if !self.reader.section_shown(s) {
                self.clear_filter();
            }
            let blocks = &self.brief.sections[s].blocks;
            if blocks.is_empty() {
                self.open_section(s);
            } else {
                self.reader.jump_to(&self.brief, blocks.start);
            }
            return;
        }
        if !self.reader.is_shown(m.block) {
            self.clear_filter();
        }
        self.reader.jump_to(&self.brief, m.block);
    }

    /// A key typed into the search prompt: search again as it changes.
    pub(super) fn search_typed(&mut self, event: PromptEvent) {
        if event != PromptEvent::Changed {
            return;
        }
        let query = self.search.prompt.value().to_owned();
        self.search.set_query(&self.brief, &query);
        let from = self.search.origin.map_or(self.reader.cursor, |o| o.0);
        // Each keystroke searches again from where the prompt opened, so
        // the screen does not drift with the partial queries.
        self.restore_search_origin();
        if let Some(i) = self.search.first_from(from) {
            self.goto_match(i);
        }
    }

    /// Enter or Esc in the search prompt.
    pub(super) fn search_command(&mut self, c: Command, cx: &mut Shared) {
        match c {
            Command::Submit => {
                self.search.editing = false;
                if self.search.query.is_empty() {
                    self.search.clear();
                } else if self.search.matches.is_empty() {
                    let q = self.search.query.clone();
                    cx.error(format!("no match for {q}"));
                }
            }
            Command::Cancel => {
                self.restore_search_origin();
                self.search.clear();
            }
            _ => {}
        }
    }

    fn restore_search_origin(&mut self) {
        if let Some((cursor, section, top)) = self.search.origin {
            self.reader.cursor = cursor;
            self.reader.section = section;
            self.reader.top = top;
            // The screen may have been resized since the prompt opened.
            self.reader.ensure_cursor_visible(&self.brief);
        }
    }
}

#[cfg(test)]
mod tests;
