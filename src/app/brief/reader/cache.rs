//! The layout cache: each item's lines at the current width, laid out on
//! first use, and the text column size they are made for.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{Item, Pos, Reader};
use crate::document::Brief;
use crate::document::Inline;
use crate::layout::{self, Role, Seg, StyledLine};

/// How many laid-out items to keep before starting afresh. A screen needs
/// a few dozen; the rest is there so paging back and forth stays cheap.
const CACHE_ITEMS: usize = 2048;

/// Laid-out items for one width. Layout is pure, so the cache can fill
/// itself lazily while drawing without changing what is drawn.
#[derive(Debug, Default)]
pub(super) struct LayoutCache {
    pub(super) width: usize,
    /// Long code lines cut or wrapped (`w`).
    pub(super) code: layout::CodeLines,
    pub(super) map: RefCell<HashMap<usize, Rc<[StyledLine]>>>,
}

impl Reader {
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

    /// How long code lines are shown.
    pub fn code_lines(&self) -> layout::CodeLines {
        self.cache.code
    }

    /// Cuts or wraps long code lines; the layout is made afresh and the
    /// cursor's block stays on the row it was on, so what is around it
    /// does not jump.
    pub fn set_code_lines(&mut self, brief: &Brief, code: layout::CodeLines) {
        if code == self.cache.code {
            return;
        }
        let row = self.cursor_rows(brief).map(|(start, _)| start);
        self.cache.code = code;
        self.cache.map.get_mut().clear();
        let item = self.item_of_block(self.cursor);
        self.top = match row {
            Some(row) if row >= 0 && !brief.blocks.is_empty() => {
                self.retreat(brief, Pos { item, line: 0 }, row as usize)
            }
            _ => Pos {
                item: self.top.item,
                line: 0,
            },
        };
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
            Some(Item::Block(b)) => {
                let mut lines = match self.picture_cells(*b) {
                    Some((cols, rows)) => layout::picture_lines(brief, *b, cols, rows, width),
                    None => layout::block_lines_with(brief, *b, width, self.cache.code),
                };
                if let Some(notes) = self.inline.get(b) {
                    note_lines(&mut lines, notes, width);
                }
                lines.into()
            }
            None => Rc::from(Vec::new()),
        };
        let mut map = self.cache.map.borrow_mut();
        if map.len() >= CACHE_ITEMS {
            map.clear();
        }
        map.insert(item, Rc::clone(&lines));
        lines
    }

    /// Draws these blocks as pictures (their size in pixels; an empty
    /// map draws none) with cells of `cell_px` pixels. The layout is made
    /// again; the cursor's block stays in view.
    pub fn set_pictures(
        &mut self,
        brief: &Brief,
        pictures: HashMap<usize, (u32, u32)>,
        cell_px: (u16, u16),
    ) {
        if pictures == self.pictures && cell_px == self.cell_px {
            return;
        }
        self.pictures = pictures;
        self.cell_px = cell_px;
        self.cache.map.get_mut().clear();
        self.top.line = 0;
        // Before its first size the reader places nothing: `resize` does.
        if self.sized {
            self.ensure_cursor_visible(brief);
        }
    }

    /// The cells a picture block fills at the current width, when it is
    /// drawn as a picture.
    pub fn picture_cells(&self, block: usize) -> Option<(u16, u16)> {
        let px = *self.pictures.get(&block)?;
        let width = self.cache.width.max(1);
        Some(layout::picture_cells(
            px,
            self.cell_px,
            width,
            layout::PICTURE_ROWS,
        ))
    }

    pub(super) fn item_height(&self, brief: &Brief, item: usize) -> usize {
        self.lines(brief, item).len()
    }

    /// Height without the trailing blank line that separates items.
    pub(super) fn content_height(&self, brief: &Brief, item: usize) -> usize {
        let lines = self.lines(brief, item);
        match lines.last() {
            Some(last) if lines.len() > 1 && last.segs.is_empty() => lines.len() - 1,
            _ => lines.len(),
        }
    }
}

/// Puts a block's notes under its text, before the blank line that ends
/// it: `✎ ` then the note, wrapped and indented under its first word.
fn note_lines(lines: &mut Vec<StyledLine>, notes: &[String], width: usize) {
    let gap = lines.last().is_some_and(|l| l.segs.is_empty()) && lines.len() > 1;
    let at = if gap { lines.len() - 1 } else { lines.len() };
    let seg = |text: String| Seg {
        text,
        role: Role::Meta,
        inline: Inline::EMPHASIS,
        src: None,
    };
    let mut added = Vec::new();
    for note in notes {
        for (n, line) in layout::wrap_plain(note, width.saturating_sub(4).max(1))
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 { "  ✎ " } else { "    " };
            added.push(StyledLine {
                segs: vec![seg(format!("{lead}{line}"))],
            });
        }
    }
    lines.splice(at..at, added);
}
