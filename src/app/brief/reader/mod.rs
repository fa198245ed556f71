//! Reading-pane state: the block cursor, the scroll position and the layout
//! cache.
//!
//! The brief is one continuous scroll of items (headings and blocks). The
//! scroll position is an item and a line within it, never a global line
//! number, so no keypress needs the layout of anything off screen: every
//! movement walks at most a screenful of items from where it starts.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::document::{BlockId, Brief, SectionId};
use crate::layout::{self, StyledLine};

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

/// How many laid-out items to keep before starting afresh. A screen needs
/// a few dozen; the rest is there so paging back and forth stays cheap.
const CACHE_ITEMS: usize = 2048;

/// Laid-out items for one width. Layout is pure, so the cache can fill
/// itself lazily while drawing without changing what is drawn.
#[derive(Debug, Default)]
struct LayoutCache {
    width: usize,
    map: RefCell<HashMap<usize, Rc<[StyledLine]>>>,
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
        };
        reader.build_items(brief, None);
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

    fn first_shown(&self) -> Option<BlockId> {
        self.items.iter().find_map(|i| match i {
            Item::Block(b) => Some(*b),
            _ => None,
        })
    }

    fn last_shown(&self) -> Option<BlockId> {
        self.items.iter().rev().find_map(|i| match i {
            Item::Block(b) => Some(*b),
            _ => None,
        })
    }

    /// The next (or previous) shown block after the cursor's.
    fn step_block(&self, forward: bool) -> Option<BlockId> {
        let at = self.item_of_block(self.cursor);
        let find = |i: &Item| match i {
            Item::Block(b) => Some(*b),
            _ => None,
        };
        if forward {
            self.items.get(at + 1..)?.iter().find_map(find)
        } else {
            self.items.get(..at)?.iter().rev().find_map(find)
        }
    }

    /// True when a section has a place in the scroll (always, unless a
    /// filter hides all its blocks).
    pub fn section_shown(&self, section: SectionId) -> bool {
        self.section_item.get(section).is_some_and(|&i| i != HIDDEN)
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Width of the text column the layout is made for.
    pub fn width(&self) -> usize {
        self.cache.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Sets the text column size. A new width drops the cached layout; the
    /// cursor's block stays in view.
    pub fn resize(&mut self, brief: &Brief, width: usize, height: usize) {
        let width = width.max(1);
        if width != self.cache.width {
            self.cache.width = width;
            self.cache.map.get_mut().clear();
            self.top.line = 0;
        }
        // Before its first size the reader could not place a far cursor
        // (a brief reopened where it was left): place it now, as a jump.
        let first = !self.sized && height > 1;
        self.sized |= height > 1;
        self.height = height.max(1);
        if first && self.cursor > 0 {
            self.top = Pos::default();
            self.jump_to(brief, self.cursor);
        }
        self.ensure_cursor_visible(brief);
    }

    /// The lines of an item at the current width, laid out on first use.
    pub fn lines(&self, brief: &Brief, item: usize) -> Rc<[StyledLine]> {
        if let Some(lines) = self.cache.map.borrow().get(&item) {
            return Rc::clone(lines);
        }
        let width = self.cache.width.max(1);
        let lines: Rc<[StyledLine]> = match self.items.get(item) {
            Some(Item::Meta) => layout::meta_lines(brief, width).into(),
            Some(Item::Heading(s)) => layout::heading_lines(brief, *s, width).into(),
            Some(Item::Block(b)) => layout::block_lines(brief, *b, width).into(),
            None => Rc::from(Vec::new()),
        };
        let mut map = self.cache.map.borrow_mut();
        if map.len() >= CACHE_ITEMS {
            map.clear();
        }
        map.insert(item, Rc::clone(&lines));
        lines
    }

    fn item_height(&self, brief: &Brief, item: usize) -> usize {
        self.lines(brief, item).len()
    }

    /// Height without the trailing blank line that separates items.
    fn content_height(&self, brief: &Brief, item: usize) -> usize {
        let lines = self.lines(brief, item);
        match lines.last() {
            Some(last) if lines.len() > 1 && last.segs.is_empty() => lines.len() - 1,
            _ => lines.len(),
        }
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

    /// The rows on screen, top to bottom, as positions in the scroll.
    pub fn visible_rows(&self, brief: &Brief) -> Vec<Pos> {
        let mut rows = Vec::with_capacity(self.height);
        let mut pos = self.top;
        while rows.len() < self.height && pos.item < self.items.len() {
            let h = self.item_height(brief, pos.item);
            while pos.line < h && rows.len() < self.height {
                rows.push(pos);
                pos.line += 1;
            }
            pos = Pos {
                item: pos.item + 1,
                line: 0,
            };
        }
        rows
    }

    /// Moves a position down by `n` lines, stopping at the end of the scroll.
    fn advance(&self, brief: &Brief, mut pos: Pos, mut n: usize) -> Pos {
        while n > 0 && pos.item < self.items.len() {
            let h = self.item_height(brief, pos.item);
            let left = h.saturating_sub(pos.line);
            if n < left || pos.item + 1 == self.items.len() {
                pos.line = (pos.line + n).min(h);
                return pos;
            }
            n -= left;
            pos = Pos {
                item: pos.item + 1,
                line: 0,
            };
        }
        pos
    }

    /// Moves a position up by `n` lines, stopping at the top.
    fn retreat(&self, brief: &Brief, mut pos: Pos, mut n: usize) -> Pos {
        loop {
            if pos.line >= n {
                pos.line -= n;
                return pos;
            }
            n -= pos.line;
            if pos.item == 0 {
                return Pos::default();
            }
            pos.item -= 1;
            pos.line = self.item_height(brief, pos.item);
        }
    }

    /// The lowest top that still fills the screen: the last line of the
    /// brief on the bottom row.
    fn max_top(&self, brief: &Brief) -> Pos {
        let Some(last) = self.items.len().checked_sub(1) else {
            return Pos::default();
        };
        let end = Pos {
            item: last,
            line: self.content_height(brief, last),
        };
        self.retreat(brief, end, self.height)
    }

    /// Scrolls by `delta` lines without moving the cursor. Scrolling down
    /// stops once the end of the brief is on the bottom row.
    pub fn scroll_by(&mut self, brief: &Brief, delta: isize) {
        if delta >= 0 {
            let limit = self.max_top(brief).max(self.top);
            self.top = self
                .advance(brief, self.top, delta.unsigned_abs())
                .min(limit);
        } else {
            self.top = self.retreat(brief, self.top, delta.unsigned_abs());
        }
    }

    /// Rows (relative to the top of the screen) where the cursor block's
    /// content starts and ends, if any of it is within a screen's reach.
    fn cursor_rows(&self, brief: &Brief) -> Option<(isize, isize)> {
        self.block_rows(brief, self.cursor)
    }

    /// Rows where a block's content starts and ends, as for the cursor.
    fn block_rows(&self, brief: &Brief, block: BlockId) -> Option<(isize, isize)> {
        let target = self.item_of_block(block);
        if target < self.top.item {
            return None;
        }
        let mut row = -(self.top.line as isize);
        for item in self.top.item..self.items.len() {
            if item == target {
                let h = self.content_height(brief, item) as isize;
                return Some((row, row + h));
            }
            row += self.item_height(brief, item) as isize;
            if row > self.height as isize {
                return None;
            }
        }
        None
    }

    /// Scrolls as little as possible to bring the cursor block into view.
    /// The first block of a section brings its heading along.
    pub fn ensure_cursor_visible(&mut self, brief: &Brief) {
        if brief.blocks.is_empty() {
            return;
        }
        self.cursor = self.cursor.min(brief.blocks.len() - 1);
        let item = self.item_of_block(self.cursor);
        match self.cursor_rows(brief) {
            Some((start, end)) if start >= 0 && end <= self.height as isize => {}
            Some((start, _)) if start < 0 => self.top = self.start_with_heading(item),
            _ if item < self.top.item => self.top = self.start_with_heading(item),
            _ => {
                // Below the screen: put the block's last line on the bottom
                // row, or its first on the top row when it is taller.
                let h = self.content_height(brief, item);
                self.top = if h >= self.height {
                    Pos { item, line: 0 }
                } else {
                    self.retreat(brief, Pos { item, line: h }, self.height)
                };
            }
        }
    }

    fn start_with_heading(&self, item: usize) -> Pos {
        let item = match item.checked_sub(1).map(|i| self.items[i]) {
            Some(Item::Heading(_)) => item - 1,
            _ => item,
        };
        Pos { item, line: 0 }
    }

    /// The block the cursor would really be on for `block`: the last block
    /// for one past the end, the nearest shown one when a filter hides it.
    fn landing(&self, brief: &Brief, block: BlockId) -> Option<BlockId> {
        let block = block.min(brief.blocks.len().checked_sub(1)?);
        if self.is_shown(block) {
            Some(block)
        } else {
            self.nearest_shown(block)
        }
    }

    /// Moves the cursor to a block and keeps it in view.
    pub fn set_cursor(&mut self, brief: &Brief, block: BlockId) {
        let Some(block) = self.landing(brief, block) else {
            return;
        };
        self.cursor = block;
        self.section = brief.section_of(block);
        self.ensure_cursor_visible(brief);
    }

    /// Moves the cursor to a block far away (a search match, a note, a link,
    /// where reading stopped). A block already on screen stays where it is;
    /// else it comes a quarter of the way down, with what leads to it above,
    /// rather than at the very bottom.
    pub fn jump_to(&mut self, brief: &Brief, block: BlockId) {
        let Some(block) = self.landing(brief, block) else {
            return;
        };
        let old = self.cursor;
        self.cursor = block;
        let on_screen = matches!(
            self.cursor_rows(brief),
            Some((start, end)) if start >= 0 && end <= self.height as isize
        );
        self.cursor = old;
        self.set_cursor(brief, block);
        if on_screen {
            return;
        }
        let item = self.item_of_block(self.cursor);
        if self.content_height(brief, item) >= self.height {
            return;
        }
        let lead = self.height / 4;
        let top = self.retreat(brief, Pos { item, line: 0 }, lead);
        self.top = top.min(self.max_top(brief));
        self.ensure_cursor_visible(brief);
    }

    /// Next block; inside a block taller than the screen, first scroll
    /// through it.
    pub fn down(&mut self, brief: &Brief) {
        if let Some((_, end)) = self.cursor_rows(brief)
            && end > self.height as isize
        {
            let step = (self.height / 2).max(1) as isize;
            self.scroll_by(brief, step.min(end - self.height as isize));
            return;
        }
        if let Some(next) = self.step_block(true) {
            self.set_cursor(brief, next);
        }
    }

    /// Previous block; inside a block whose start is above the screen,
    /// first scroll back through it.
    pub fn up(&mut self, brief: &Brief) {
        if let Some((start, _)) = self.cursor_rows(brief)
            && start < 0
        {
            let step = (self.height / 2).max(1) as isize;
            self.scroll_by(brief, -step.min(-start));
            return;
        }
        if let Some(prev) = self.step_block(false) {
            // Going up into a block taller than the screen shows its end,
            // as reading back through it would, not its distant start.
            let item = self.item_of_block(prev);
            let h = self.content_height(brief, item);
            let end_shown = self
                .block_rows(brief, prev)
                .is_some_and(|(_, end)| end >= 0 && end <= self.height as isize);
            if h > self.height {
                self.cursor = prev;
                self.section = brief.section_of(prev);
                if !end_shown {
                    self.top = self.retreat(brief, Pos { item, line: h }, self.height);
                }
            } else {
                self.set_cursor(brief, prev);
            }
        }
    }

    pub fn page_down(&mut self, brief: &Brief) {
        let before = self.top;
        self.scroll_by(brief, self.page() as isize);
        if self.top == before {
            // Already at the end: the last block takes the cursor.
            if let Some(last) = self.last_shown() {
                self.set_cursor(brief, last);
            }
        } else {
            self.cursor_to_first_visible(brief);
        }
    }

    pub fn page_up(&mut self, brief: &Brief) {
        let before = self.top;
        self.scroll_by(brief, -(self.page() as isize));
        if self.top == before {
            if let Some(first) = self.first_shown() {
                self.set_cursor(brief, first);
            }
        } else {
            self.cursor_to_first_visible(brief);
        }
    }

    /// A page keeps two lines of the previous screen for context.
    fn page(&self) -> usize {
        self.height.saturating_sub(2).max(1)
    }

    pub fn to_top(&mut self, brief: &Brief) {
        self.top = Pos::default();
        if let Some(first) = self.first_shown() {
            self.set_cursor(brief, first);
        }
    }

    /// The last block, with the end of the brief on the bottom row (even
    /// when that block is taller than the screen).
    pub fn to_bottom(&mut self, brief: &Brief) {
        let Some(last) = self.last_shown() else {
            return;
        };
        self.cursor = last;
        self.section = brief.section_of(last);
        self.top = self.max_top(brief);
    }

    /// Brings a section's heading to the top of the screen and puts the
    /// cursor on its first block (or the next block, for an empty one).
    pub fn open_section(&mut self, brief: &Brief, section: SectionId) {
        if section >= brief.sections.len() || !self.section_shown(section) {
            return;
        }
        self.section = section;
        self.top = Pos {
            item: self.item_of_section(section),
            line: 0,
        };
        let first = brief.sections[section]
            .blocks
            .clone()
            .find(|&b| self.is_shown(b))
            .or_else(|| self.step_from_item(self.top.item));
        if let Some(b) = first {
            self.cursor = b;
        }
        // An empty last section has no block below its heading: the
        // cursor stays on the last block, which must stay in view.
        self.ensure_cursor_visible(brief);
    }

    /// The first shown block at or after an item.
    fn step_from_item(&self, item: usize) -> Option<BlockId> {
        self.items.get(item..)?.iter().find_map(|i| match i {
            Item::Block(b) => Some(*b),
            _ => None,
        })
    }

    /// After scrolling: keeps the cursor if it is still fully in view,
    /// else puts it on the first block that starts on screen.
    pub fn cursor_to_first_visible(&mut self, brief: &Brief) {
        let rows = self.visible_rows(brief);
        let first_block = rows.iter().find_map(|p| match self.items[p.item] {
            Item::Block(b) if p.line == 0 => Some(b),
            _ => None,
        });
        let fallback = rows.first().and_then(|p| match self.items[p.item] {
            Item::Block(b) => Some(b),
            _ => None,
        });
        if let Some(b) = first_block.or(fallback) {
            self.cursor = b;
            self.section = brief.section_of(b);
        }
    }

    /// Wheel scrolling moves the view; the cursor follows only when it
    /// would leave the screen.
    pub fn wheel(&mut self, brief: &Brief, lines: isize) {
        self.scroll_by(brief, lines);
        match self.cursor_rows(brief) {
            Some((start, end)) if start >= 0 && end <= self.height as isize => {}
            _ => self.cursor_to_first_visible(brief),
        }
    }

    /// Moves the cursor to whatever is drawn on screen row `row`.
    pub fn click(&mut self, brief: &Brief, row: usize) {
        let rows = self.visible_rows(brief);
        let Some(pos) = rows.get(row) else { return };
        match self.items[pos.item] {
            Item::Block(b) => {
                // The blank line after a block belongs to no block.
                if pos.line >= self.content_height(brief, pos.item) {
                    return;
                }
                self.cursor = b;
                self.section = brief.section_of(b);
            }
            Item::Heading(s) => {
                self.section = s;
                let first = brief.sections[s].blocks.clone().find(|&b| self.is_shown(b));
                if let Some(b) = first {
                    self.cursor = b;
                    self.ensure_cursor_visible(brief);
                }
            }
            Item::Meta => {}
        }
    }

    /// How far through the brief the bottom of the screen is, 0-100.
    pub fn percent(&self, brief: &Brief) -> u8 {
        if self.items.is_empty() || brief.text_len() == 0 {
            return 100;
        }
        let bottom = self.advance(brief, self.top, self.height);
        let last = self.items.len() - 1;
        if bottom.item > last
            || (bottom.item == last && bottom.line >= self.content_height(brief, last))
        {
            return 100;
        }
        let offset = match self.items[bottom.item] {
            // Inside a long block, count the part of it above the line.
            Item::Block(b) => {
                let len = brief.block_range(b).len();
                let h = self.item_height(brief, bottom.item).max(1);
                brief.block_offset(b) + len * bottom.line / h
            }
            Item::Heading(s) => brief.block_offset(brief.sections[s].blocks.start),
            Item::Meta => 0,
        };
        let done = offset as u64 * 100 / brief.text_len() as u64;
        done.min(99) as u8
    }
}

#[cfg(test)]
mod tests;
