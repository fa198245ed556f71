//! Moving around: blocks, pages, sections, the outline, the mouse, and
//! focus between the panes.

use super::panes::{Focus, contains};
use super::{App, Overlay, popup_list_height};
use crate::document::SectionId;
use crate::keys::Command;

impl App {
    pub(super) fn movement(&mut self, c: Command) {
        match self.focus {
            Focus::Outline => self.outline_movement(c),
            Focus::Notes => self.notes_movement(c),
            Focus::Reader => {
                let b = &self.brief;
                match c {
                    Command::Down => self.reader.down(b),
                    Command::Up => self.reader.up(b),
                    Command::PageDown => self.reader.page_down(b),
                    Command::PageUp => self.reader.page_up(b),
                    Command::Top => self.reader.to_top(b),
                    Command::Bottom => self.reader.to_bottom(b),
                    _ => {}
                }
            }
        }
    }

    fn outline_movement(&mut self, c: Command) {
        let page = self.outline_height().saturating_sub(1).max(1) as isize;
        match c {
            Command::Down => self.outline.move_by(1),
            Command::Up => self.outline.move_by(-1),
            Command::PageDown => self.outline.move_by(page),
            Command::PageUp => self.outline.move_by(-page),
            Command::Top => self.outline.select_first(),
            Command::Bottom => self.outline.select_last(),
            _ => {}
        }
    }

    fn notes_movement(&mut self, c: Command) {
        let len = self.notes_pane.entries(&self.notes).len();
        let page = self
            .notes_list_area()
            .map_or(1, |r| usize::from(r.height) / super::notes_pane::ENTRY_ROWS)
            .max(1) as isize;
        let delta = match c {
            Command::Down => 1,
            Command::Up => -1,
            Command::PageDown => page,
            Command::PageUp => -page,
            Command::Top => isize::MIN / 2,
            Command::Bottom => isize::MAX / 2,
            _ => 0,
        };
        self.notes_pane.move_by(delta, len);
    }

    pub(super) fn step_section(&mut self, delta: isize) {
        let n = self.brief.sections.len();
        let mut target = self.reader.section;
        // With a tag filter, sections without a shown block are skipped.
        loop {
            match target.checked_add_signed(delta).filter(|&t| t < n) {
                Some(t) => target = t,
                None => {
                    self.say(if delta > 0 {
                        "already at the last section"
                    } else {
                        "already at the first section"
                    });
                    return;
                }
            }
            if self.reader.section_shown(target) {
                break;
            }
        }
        self.open_section(target);
    }

    pub(super) fn open_section(&mut self, s: SectionId) {
        if !self.reader.section_shown(s) {
            self.clear_filter();
        }
        self.reader.open_section(&self.brief, s);
        self.outline.select_section(s);
    }

    pub(super) fn open_selected_section(&mut self) {
        if let Some(s) = self.outline.selected_section() {
            self.open_section(s);
            self.set_focus(Focus::Reader);
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: i16) {
        if let Overlay::Help { scroll } = &mut self.overlay {
            *scroll = scroll.saturating_add_signed(isize::from(lines));
            return;
        }
        if let Some(r) = self.panes.outline.filter(|r| contains(*r, column, row)) {
            self.outline
                .scroll(isize::from(lines), usize::from(r.height.saturating_sub(1)));
        } else if self.panes.reader.is_some_and(|r| contains(r, column, row)) {
            self.reader.wheel(&self.brief, isize::from(lines));
        } else if self.panes.notes.is_some_and(|r| contains(r, column, row)) {
            let len = self.notes_pane.entries(&self.notes).len();
            self.notes_pane.move_by(isize::from(lines.signum()), len);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        if let Some(list) = self
            .panes
            .outline_list()
            .filter(|r| contains(*r, column, row))
        {
            let index = self.outline.offset + usize::from(row - list.y);
            if let Some(&s) = self.outline.rows().get(index) {
                self.outline.selected = index;
                self.open_section(s);
            }
        } else if let Some(text) = self.panes.reader.filter(|r| contains(*r, column, row)) {
            self.focus = Focus::Reader;
            self.reader.click(&self.brief, usize::from(row - text.y));
        } else if let Some(list) = self.notes_list_area().filter(|r| contains(*r, column, row)) {
            let index =
                self.notes_pane.offset + usize::from(row - list.y) / super::notes_pane::ENTRY_ROWS;
            let len = self.notes_pane.entries(&self.notes).len();
            if index < len {
                self.focus = Focus::Notes;
                self.notes_pane.selected = index;
                self.open_selected_note();
            }
        }
    }

    pub(super) fn cycle_focus(&mut self, forward: bool) {
        let order = [Focus::Outline, Focus::Reader, Focus::Notes];
        let shown = |f: &Focus| match f {
            Focus::Outline => self.shown.outline,
            Focus::Reader => true,
            Focus::Notes => self.shown.notes,
        };
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(1);
        let next = (1..=3)
            .map(|k| {
                let i = if forward { at + k } else { at + 9 - k };
                order[i % 3]
            })
            .find(|f| shown(f))
            .unwrap_or(Focus::Reader);
        self.set_focus(next);
    }

    pub(super) fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        if focus == Focus::Outline {
            self.outline.select_section(self.reader.section);
        }
        // In a narrow terminal the focused pane is the one shown.
        self.relayout();
    }

    pub(super) fn open(&mut self) {
        match self.focus {
            Focus::Outline => self.open_selected_section(),
            Focus::Notes => self.open_selected_note(),
            // In a filtered view Enter goes to the block in the whole brief.
            Focus::Reader if self.filter.is_some() => self.clear_filter(),
            Focus::Reader => {}
        }
    }

    /// Views that follow the reader: the outline selection unless the
    /// reader is using it, and the scroll offsets of lists.
    pub(super) fn sync_views(&mut self) {
        if self.focus != Focus::Outline {
            self.outline.select_section(self.reader.section);
        }
        if let Overlay::Jump(jump) = &mut self.overlay {
            jump.keep_in_view(popup_list_height(self.size));
        }
        let h = self.outline_height();
        self.outline.keep_in_view(h);
        let entries = self.notes_pane.entries(&self.notes).len();
        let rows = self.notes_list_area().map_or(1, |r| usize::from(r.height));
        self.notes_pane.keep_in_view(rows, entries);
    }

    pub(super) fn outline_height(&self) -> usize {
        self.panes
            .outline_list()
            .map_or(1, |r| usize::from(r.height))
    }
}
