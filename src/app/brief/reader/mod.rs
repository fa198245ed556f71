//! Reading-pane state: the block cursor, the scroll position and the layout
//! cache.
//!
//! The brief is one continuous scroll of items (headings and blocks). The
//! scroll position is an item and a line within it, never a global line
//! number, so no keypress needs the layout of anything off screen: every
//! movement walks at most a screenful of items from where it starts.

//!
//! This file holds the items of the scroll and which of them a filter
//! shows; the rest of the reader is in `cache.rs` (laid-out lines),
//! `scroll.rs` (rows on screen, scrolling) and `movement.rs` (the cursor).

mod cache;
mod movement;
mod scroll;

use std::collections::{HashMap, HashSet};

use crate::document::{BlockId, Brief, SectionId};
use crate::layout;

use cache::LayoutCache;

/// One thing in the scroll: a section heading or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The front-matter byline: classification, date, author, tags.
    Meta,
    Heading(SectionId),
    Block(BlockId),
}

/// A line of the scroll: an item and a line within its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub item: usize,
    pub line: usize,
}

#[derive(Debug)]
pub struct Reader {
    items: Vec<Item>,
    block_item: Vec<u32>,
    section_item: Vec<u32>,
    pub cursor: BlockId,
    pub section: SectionId,
    pub top: Pos,
    height: usize,
    cache: LayoutCache,
    filtered: bool,
    /// Has had a real size (more than one row) at least once.
    sized: bool,
    /// Notes shown under their paragraph (`M`): each block's, one line of
    /// text a note, laid out with the block.
    inline: HashMap<BlockId, Vec<String>>,
    /// Picture blocks drawn as pictures: their size in pixels; and the
    /// terminal's cell size in pixels they are laid out with.
    pictures: HashMap<BlockId, (u32, u32)>,
    cell_px: (u16, u16),
}

/// Marks a block or section with no item (hidden by a filter).
const HIDDEN: u32 = u32::MAX;

impl Reader {
    pub fn new(brief: &Brief) -> Reader {
        let mut reader = Reader {
            items: Vec::new(),
            block_item: Vec::new(),
            section_item: Vec::new(),
            cursor: 0,
            section: 0,
            top: Pos::default(),
            height: 1,
            cache: LayoutCache::default(),
            filtered: false,
            sized: false,
            inline: HashMap::new(),
            pictures: HashMap::new(),
            cell_px: crate::layout::DEFAULT_CELL,
        };
        reader.build_items(brief, None);
        // The section is the cursor's, as after `g`: a title heading with
        // nothing under it is not where the reader is.
        if let Some(first) = reader.first_shown() {
            reader.section = brief.section_of(first);
        }
        reader
    }

    /// Lists the items of the scroll: every section and block, or with a
    /// filter only the chosen blocks and the headings of their sections.
    fn build_items(&mut self, brief: &Brief, only: Option<&HashSet<BlockId>>) {
        self.items.clear();
        if only.is_none() && layout::has_meta(brief) {
            self.items.push(Item::Meta);
        }
        self.block_item = vec![HIDDEN; brief.blocks.len()];
        self.section_item = vec![HIDDEN; brief.sections.len()];
        for (s, section) in brief.sections.iter().enumerate() {
            let shown = |b: &BlockId| only.is_none_or(|set| set.contains(b));
            if only.is_some() && !section.blocks.clone().any(|b| shown(&b)) {
                continue;
            }
            self.section_item[s] = self.items.len() as u32;
            if !section.is_preamble() {
                self.items.push(Item::Heading(s));
            }
            for b in section.blocks.clone().filter(|b| shown(b)) {
                self.block_item[b] = self.items.len() as u32;
                self.items.push(Item::Block(b));
            }
        }
        self.cache.map.get_mut().clear();
        self.filtered = only.is_some();
    }

    /// Shows only the given blocks (with their section headings), or
    /// everything again with `None`. The cursor stays on its block when it
    /// is still shown, else moves to the nearest one that is.
    pub fn set_filter(&mut self, brief: &Brief, only: Option<&HashSet<BlockId>>) {
        self.build_items(brief, only);
        self.top = Pos::default();
        let cursor = self.nearest_shown(self.cursor);
        if let Some(b) = cursor {
            self.set_cursor(brief, b);
        }
    }

    /// Shows these notes under their blocks (an empty map shows none).
    /// The layout is made again; the cursor's block stays in view.
    pub fn set_inline(&mut self, brief: &Brief, notes: HashMap<BlockId, Vec<String>>) {
        if notes == self.inline {
            return;
        }
        self.inline = notes;
        self.cache.map.get_mut().clear();
        self.top.line = 0;
        self.ensure_cursor_visible(brief);
    }

    pub fn is_filtered(&self) -> bool {
        self.filtered
    }

    pub fn is_shown(&self, block: BlockId) -> bool {
        self.block_item.get(block).is_some_and(|&i| i != HIDDEN)
    }

    /// The shown block closest to `block` (itself when shown).
    fn nearest_shown(&self, block: BlockId) -> Option<BlockId> {
        let blocks = || {
            self.items.iter().filter_map(|i| match i {
                Item::Block(b) => Some(*b),
                _ => None,
            })
        };
        blocks().min_by_key(|b| b.abs_diff(block))
    }

    /// True when a section has a place in the scroll (always, unless a
    /// filter hides all its blocks).
    pub fn section_shown(&self, section: SectionId) -> bool {
        self.section_item.get(section).is_some_and(|&i| i != HIDDEN)
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item_of_block(&self, block: BlockId) -> usize {
        match self.block_item.get(block) {
            Some(&i) if i != HIDDEN => i as usize,
            _ => 0,
        }
    }

    /// The scroll item where a section starts: its heading, or its first
    /// block for the text before the first heading.
    pub fn item_of_section(&self, section: SectionId) -> usize {
        match self.section_item.get(section) {
            Some(&i) if i != HIDDEN => i as usize,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests;
