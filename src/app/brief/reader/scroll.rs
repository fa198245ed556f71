//! Rows on screen and scrolling: the positions shown, moving the top, and
//! keeping the cursor's block in view.

use super::{Item, Pos, Reader};
use crate::document::{BlockId, Brief};

impl Reader {
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
    pub(super) fn retreat(&self, brief: &Brief, mut pos: Pos, mut n: usize) -> Pos {
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
    pub(super) fn max_top(&self, brief: &Brief) -> Pos {
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
    pub(super) fn cursor_rows(&self, brief: &Brief) -> Option<(isize, isize)> {
        self.block_rows(brief, self.cursor)
    }

    /// Rows where a block's content starts and ends, as for the cursor.
    pub(super) fn block_rows(&self, brief: &Brief, block: BlockId) -> Option<(isize, isize)> {
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
