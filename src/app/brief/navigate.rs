//! Moving around: blocks, pages, sections, the outline, the mouse, and
//! focus between the panes.

use super::BriefScreen;
use super::overlay::Overlay;
use super::panes::{Focus, contains};
use crate::app::popup_list_height;
use crate::app::select::Step;
use crate::app::shared::Shared;
use crate::document::SectionId;
use crate::keys::Command;

/// How a movement command moves a list's selection.
pub(crate) fn list_step(c: Command) -> Option<Step> {
    Some(match c {
        Command::Down => Step::By(1),
        Command::Up => Step::By(-1),
        Command::PageDown => Step::Pages(1),
        Command::PageUp => Step::Pages(-1),
        Command::Top => Step::First,
        Command::Bottom => Step::Last,
        _ => return None,
    })
}

impl BriefScreen {
    pub(super) fn movement(&mut self, c: Command) {
        let Some(step) = list_step(c) else { return };
        match self.focus {
            Focus::Outline => self.outline.step(step, self.outline_height()),
            Focus::Notes => self.step_notes(step),
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

    pub(super) fn step_section(&mut self, delta: isize, cx: &mut Shared) {
        let n = self.brief.sections.len();
        let mut target = self.reader.section;
        // With a tag filter, sections without a shown block are skipped.
        loop {
            match target.checked_add_signed(delta).filter(|&t| t < n) {
                Some(t) => target = t,
                None => {
                    cx.say(if delta > 0 {
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

    fn open_selected_section(&mut self, cx: &mut Shared) {
        if let Some(s) = self.outline.selected_section() {
            self.open_section(s);
            self.set_focus(Focus::Reader, cx);
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: i16) {
        if let Some(r) = self.panes.outline.filter(|r| contains(*r, column, row)) {
            self.outline
                .scroll(isize::from(lines), usize::from(r.height.saturating_sub(1)));
        } else if self.panes.reader.is_some_and(|r| contains(r, column, row)) {
            self.reader.wheel(&self.brief, isize::from(lines));
        } else if self.panes.notes.is_some_and(|r| contains(r, column, row)) {
            self.step_notes(Step::By(isize::from(lines.signum())));
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16, cx: &mut Shared) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        if let Some(list) = self
            .panes
            .outline_list()
            .filter(|r| contains(*r, column, row))
        {
            let rows = self.outline.rows().len();
            if let Some(index) = self.outline.sel.row_at(usize::from(row - list.y), rows) {
                self.outline.sel.select(index);
                self.open_section(self.outline.rows()[index]);
            }
        } else if let Some(text) = self.panes.reader.filter(|r| contains(*r, column, row)) {
            self.focus = Focus::Reader;
            self.reader.click(&self.brief, usize::from(row - text.y));
        } else if let Some(list) = self.notes_list_area().filter(|r| contains(*r, column, row))
            && let Some(index) = self.note_at_row(usize::from(row - list.y))
        {
            self.focus = Focus::Notes;
            self.notes_pane.sel.select(index);
            self.open_selected_note(cx);
        }
    }

    pub(super) fn cycle_focus(&mut self, forward: bool, cx: &mut Shared) {
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
        self.set_focus(next, cx);
    }

    pub(super) fn set_focus(&mut self, focus: Focus, cx: &Shared) {
        self.focus = focus;
        if focus == Focus::Outline {
            self.outline.select_section(self.reader.section);
        }
        // In a narrow terminal the focused pane is the one shown.
        self.relayout(cx);
    }

    pub(super) fn open_here(&mut self, cx: &mut Shared) {
        match self.focus {
            Focus::Outline => self.open_selected_section(cx),
            Focus::Notes => self.open_selected_note(cx),
            // In a filtered view Enter goes to the block in the whole brief.
            Focus::Reader if self.filter.is_some() => self.clear_filter(),
            Focus::Reader => {}
        }
    }

    /// Views that follow the reader: the outline selection unless the
    /// reader is using it, and the scroll offsets of lists.
    pub(super) fn sync_views(&mut self, cx: &Shared) {
        if self.inline_notes {
            // The notes may have changed: the reader lays out again only
            // when they did.
            self.sync_inline_notes();
        }
        if self.focus != Focus::Outline {
            self.outline.select_section(self.reader.section);
        }
        let popup_rows = popup_list_height(cx.size);
        match &mut self.overlay {
            Overlay::Jump(jump) => jump.keep_in_view(popup_rows),
            Overlay::Picker(picker) => picker.keep_in_view(popup_rows),
            _ => {}
        }
        let h = self.outline_height();
        self.outline.keep_in_view(h);
        if self.panes.notes.is_some() {
            self.keep_notes_in_view();
        }
    }

    pub(super) fn outline_height(&self) -> usize {
        self.panes
            .outline_list()
            .map_or(1, |r| usize::from(r.height))
    }
}
