//! A one-line text prompt (search, jump) over tui-input.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::backend::crossterm::EventHandler;
use tui_input::{Input, InputRequest};

/// What a key did to the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptEvent {
    /// The text changed.
    Changed,
    /// Enter.
    Submit,
    /// Esc.
    Cancel,
    /// A key the prompt does not use (Up, Down, Tab...): the owner may.
    Unhandled(KeyEvent),
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

    pub fn handle_key(&mut self, key: KeyEvent) -> PromptEvent {
        match key.code {
            KeyCode::Enter => return PromptEvent::Submit,
            KeyCode::Esc => return PromptEvent::Cancel,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return PromptEvent::Cancel;
            }
            KeyCode::Up
            | KeyCode::Down
            | KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::PageUp
            | KeyCode::PageDown => {
                return PromptEvent::Unhandled(key);
            }
            KeyCode::Char('n' | 'p') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return PromptEvent::Unhandled(key);
            }
            _ => {}
        }
        match self.input.handle_event(&Event::Key(key)) {
            Some(changed) if changed.value => PromptEvent::Changed,
            Some(_) => PromptEvent::Nothing,
            None => PromptEvent::Unhandled(key),
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
