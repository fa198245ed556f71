//! Moving around: blocks, pages, sections, the outline, the mouse.

use super::action::Command;
use super::panes::{Focus, contains};
use super::{App, Overlay};
use crate::document::SectionId;

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
            .panes
            .notes_list()
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
        } else if let Some(list) = self
            .panes
            .notes_list()
            .filter(|r| contains(*r, column, row))
        {
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
}
