//! Search in the brief and the jump popup.

use ratatui::crossterm::event::KeyEvent;

use super::BriefScreen;
use super::jump::Jump;
use super::navigate::list_step;
use super::overlay::Overlay;
use super::panes::Focus;
use crate::app::popup_list_height;
use crate::app::prompt::PromptEvent;
use crate::app::shared::Shared;
use crate::keys::Command;

impl BriefScreen {
    pub(super) fn open_jump(&mut self) {
        self.overlay = Overlay::Jump(Box::new(Jump::new(&self.brief)));
    }

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

    /// A command of the jump popup's list.
    pub(super) fn jump_command(&mut self, c: Command, cx: &mut Shared) {
        let rows = popup_list_height(cx.size);
        let Overlay::Jump(jump) = &mut self.overlay else {
            return;
        };
        if let Some(step) = list_step(c) {
            jump.step(step, rows);
            return;
        }
        match c {
            Command::Open => {
                let chosen = jump.chosen();
                self.overlay = Overlay::None;
                if let Some(s) = chosen {
                    self.open_section(s);
                    self.set_focus(Focus::Reader, cx);
                }
            }
            Command::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    /// A key typed into the jump popup's filter.
    pub(super) fn jump_typed(&mut self, key: KeyEvent) {
        if let Overlay::Jump(jump) = &mut self.overlay
            && jump.prompt.handle_key(key) == PromptEvent::Changed
        {
            jump.refilter(&self.brief);
        }
    }
}
