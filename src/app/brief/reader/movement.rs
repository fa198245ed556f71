//! Moving the cursor: by block, by page, to a section, to a far block, and
//! by mouse.

use super::{Item, Pos, Reader};
use crate::document::{BlockId, Brief, SectionId};

impl Reader {
    pub(super) fn first_shown(&self) -> Option<BlockId> {
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
}
