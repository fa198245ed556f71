//! Search in the brief and the jump popup.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::panes::Focus;
use super::prompt::PromptEvent;
use super::{App, Overlay};
use crate::keys::Command;

impl App {
    pub(super) fn open_search(&mut self) {
        self.search.clear();
        self.search.editing = true;
        self.search.origin = Some((self.reader.cursor, self.reader.section, self.reader.top));
    }

    pub(super) fn step_search(&mut self, forward: bool) {
        if !self.search.is_active() {
            let key = self.keymap.hint(Command::Search);
            self.say(&format!("no search: press {key} to search"));
            return;
        }
        match self.search.step(self.reader.cursor, forward) {
            Some((i, wrapped)) => {
                self.goto_match(i);
                if wrapped {
                    self.say(if forward {
                        "search wrapped to the top"
                    } else {
                        "search wrapped to the bottom"
                    });
                }
            }
            None => {
                let q = self.search.query.clone();
                self.error(&format!("no match for {q}"));
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

    pub(super) fn search_prompt_event(&mut self, event: PromptEvent) {
        match event {
            PromptEvent::Changed => {
                let query = self.search.prompt.value().to_owned();
                self.search.set_query(&self.brief, &query);
                let from = self.search.origin.map_or(self.reader.cursor, |o| o.0);
                // Each keystroke searches again from where the prompt opened,
                // so the screen does not drift with the partial queries.
                self.restore_search_origin();
                if let Some(i) = self.search.first_from(from) {
                    self.goto_match(i);
                }
            }
            PromptEvent::Submit => {
                self.search.editing = false;
                if self.search.query.is_empty() {
                    self.search.clear();
                } else if self.search.matches.is_empty() {
                    let q = self.search.query.clone();
                    self.error(&format!("no match for {q}"));
                }
            }
            PromptEvent::Cancel => {
                self.restore_search_origin();
                self.search.clear();
            }
            PromptEvent::Unhandled(_) | PromptEvent::Nothing => {}
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

    pub(super) fn jump_key(&mut self, key: KeyEvent) {
        let Overlay::Jump(jump) = &mut self.overlay else {
            return;
        };
        match jump.prompt.handle_key(key) {
            PromptEvent::Changed => jump.refilter(&self.brief),
            PromptEvent::Submit => {
                let chosen = jump.chosen();
                self.overlay = Overlay::None;
                if let Some(s) = chosen {
                    self.open_section(s);
                    self.set_focus(Focus::Reader);
                }
            }
            PromptEvent::Cancel => self.overlay = Overlay::None,
            PromptEvent::Unhandled(key) => jump.move_by(list_step(key)),
            PromptEvent::Nothing => {}
        }
    }
}

/// How a key moves a selection in a popup list: Up/Down, Tab, Ctrl-n/p,
/// PgUp/PgDn.
pub(super) fn list_step(key: KeyEvent) -> isize {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Down | KeyCode::Tab => 1,
        KeyCode::Char('n') if ctrl => 1,
        KeyCode::Up | KeyCode::BackTab => -1,
        KeyCode::Char('p') if ctrl => -1,
        KeyCode::PageDown => 10,
        KeyCode::PageUp => -10,
        _ => 0,
    }
}
