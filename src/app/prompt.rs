//! A one-line text prompt (search, jump, tags, export) over tui-input.
//! It only edits text: Enter, Esc, Tab and list movement are bindings of
//! the keymap's `[prompt]` and `[list]` contexts, handled by the prompt's
//! owner before a key reaches here.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;
use tui_input::{Input, InputRequest};

/// What a key or a paste did to the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptEvent {
    /// The text changed.
    Changed,
    /// The cursor moved or nothing happened.
    Nothing,
}

#[derive(Debug, Clone, Default)]
pub struct Prompt {
    input: Input,
}

impl Prompt {
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.input.visual_cursor()
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// Replaces the text, with the cursor at the end.
    pub fn set_value(&mut self, value: &str) {
        self.input = Input::new(value.to_owned());
    }

    /// A key typed into the prompt: text editing (characters, Backspace,
    /// arrows, Home/End, Ctrl-w and the like).
    pub fn handle_key(&mut self, key: KeyEvent) -> PromptEvent {
        match self.input.handle_event(&Event::Key(key)) {
            Some(changed) if changed.value => PromptEvent::Changed,
            _ => PromptEvent::Nothing,
        }
    }

    /// Inserts pasted text on one line; control characters are dropped.
    pub fn paste(&mut self, text: &str) -> PromptEvent {
        let mut changed = false;
        for c in text.chars() {
            // A pasted line break (LF, or CR as terminals send it) is a
            // space in a one-line prompt.
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            if c.is_control() || crate::document::sanitize::is_unsafe(c) {
                continue;
            }
            self.input.handle(InputRequest::InsertChar(c));
            changed = true;
        }
        if changed {
            PromptEvent::Changed
        } else {
            PromptEvent::Nothing
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn typing_changes_the_text_and_moving_does_not() {
        let mut p = Prompt::default();
        let typed = p.handle_key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
        assert_eq!(typed, PromptEvent::Changed);
        let moved = p.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(moved, PromptEvent::Nothing);
        assert_eq!(p.value(), "a");
    }

    #[test]
    fn a_pasted_line_break_is_a_space_and_escapes_are_dropped() {
        let mut p = Prompt::default();
        p.paste("a\r\nb\u{1b}[2Jc");
        assert_eq!(p.value(), "a  b[2Jc");
    }
}
