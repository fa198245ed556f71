//! The note editor popup: a multi-line text area (ratatui-textarea) with
//! cursor movement, word motions, paste and undo. Ctrl-s saves; Esc asks
//! before throwing away a change.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::document::BlockId;
use crate::notes::{Kind, Stance};

/// What the editor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    New,
    Existing(String),
}

/// A choice waiting for its key after Ctrl-k (kind) or Ctrl-t (stance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choosing {
    Kind,
    Stance,
}

/// What a key did in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorEvent {
    Continue,
    Save,
    /// Closed without saving (nothing changed, or the reader said yes).
    Close,
}

#[derive(Debug)]
pub struct NoteEditor {
    pub textarea: TextArea<'static>,
    pub target: EditTarget,
    pub block: BlockId,
    original: String,
    /// Waiting for y/n: discard the changes?
    pub confirm_discard: bool,
    pub kind: Option<Kind>,
    pub stance: Option<Stance>,
    original_type: (Option<Kind>, Option<Stance>),
    /// Ctrl-k or Ctrl-t was pressed: the next key picks.
    pub choosing: Option<Choosing>,
}

impl NoteEditor {
    /// An editor with the note's kind and stance preset.
    pub fn typed(mut self, kind: Option<Kind>, stance: Option<Stance>) -> NoteEditor {
        self.kind = kind;
        self.stance = stance;
        self.original_type = (kind, stance);
        self
    }

    pub fn new(target: EditTarget, block: BlockId, text: &str) -> NoteEditor {
        // Text from a notes file is untrusted like a brief's.
        let clean = crate::document::sanitize::sanitize(text);
        let lines: Vec<String> = if clean.is_empty() {
            vec![String::new()]
        } else {
            clean.split('\n').map(str::to_owned).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_placeholder_text("Type the note. Ctrl-s saves, Esc cancels.");
        NoteEditor {
            textarea,
            target,
            block,
            original: clean.into_owned(),
            confirm_discard: false,
            kind: None,
            stance: None,
            original_type: (None, None),
            choosing: None,
        }
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original || (self.kind, self.stance) != self.original_type
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> EditorEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.confirm_discard {
            match key.code {
                KeyCode::Char('y' | 'Y') => return EditorEvent::Close,
                _ => {
                    self.confirm_discard = false;
                    return EditorEvent::Continue;
                }
            }
        }
        if let Some(choosing) = self.choosing.take() {
            if let KeyCode::Char(c) = key.code {
                match choosing {
                    // x (or any unknown key) clears the choice.
                    Choosing::Kind => self.kind = Kind::from_key(c),
                    Choosing::Stance => self.stance = Stance::from_key(c),
                }
            }
            return EditorEvent::Continue;
        }
        match key.code {
            KeyCode::Char('s') if ctrl => EditorEvent::Save,
            KeyCode::Char('k') if ctrl => {
                self.choosing = Some(Choosing::Kind);
                EditorEvent::Continue
            }
            KeyCode::Char('t') if ctrl => {
                self.choosing = Some(Choosing::Stance);
                EditorEvent::Continue
            }
            KeyCode::Esc => {
                if self.changed() {
                    self.confirm_discard = true;
                    EditorEvent::Continue
                } else {
                    EditorEvent::Close
                }
            }
            _ => {
                self.textarea.input(key);
                EditorEvent::Continue
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        // Terminals send a pasted newline as CR (what Enter sends); the
        // note keeps it as a line break, not as a visible ␍.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let clean = crate::document::sanitize::sanitize(&text);
        self.textarea.insert_str(clean);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn enter_makes_a_new_line_and_ctrl_s_saves() {
        let mut e = NoteEditor::new(EditTarget::New, 0, "");
        for c in "ab".chars() {
            e.handle_key(key(KeyCode::Char(c)));
        }
        e.handle_key(key(KeyCode::Enter));
        e.handle_key(key(KeyCode::Char('c')));
        assert_eq!(e.text(), "ab\nc");
        let save = e.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_eq!(save, EditorEvent::Save);
    }

    #[test]
    fn esc_asks_before_discarding_a_change() {
        let mut e = NoteEditor::new(EditTarget::New, 0, "");
        e.handle_key(key(KeyCode::Char('x')));
        assert_eq!(e.handle_key(key(KeyCode::Esc)), EditorEvent::Continue);
        assert!(e.confirm_discard);
        assert_eq!(e.handle_key(key(KeyCode::Char('n'))), EditorEvent::Continue);
        assert_eq!(e.text(), "x");
        e.handle_key(key(KeyCode::Esc));
        assert_eq!(e.handle_key(key(KeyCode::Char('y'))), EditorEvent::Close);
    }

    #[test]
    fn ctrl_k_then_a_letter_sets_the_kind_and_ctrl_t_the_stance() {
        let mut e = NoteEditor::new(EditTarget::New, 0, "");
        e.handle_key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
        e.handle_key(key(KeyCode::Char('f')));
        e.handle_key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL));
        e.handle_key(key(KeyCode::Char('d')));
        assert_eq!(e.kind, Some(Kind::FactCheck));
        assert_eq!(e.stance, Some(Stance::Disagree));
        assert_eq!(e.text(), "", "the picking keys are not typed into the note");
        assert!(e.changed());
    }

    #[test]
    fn esc_without_changes_closes_at_once() {
        let mut e = NoteEditor::new(EditTarget::Existing("n1".into()), 0, "kept");
        assert_eq!(e.handle_key(key(KeyCode::Esc)), EditorEvent::Close);
    }

    #[test]
    fn pasted_line_breaks_stay_line_breaks_whatever_the_terminal_sends() {
        let mut e = NoteEditor::new(EditTarget::New, 0, "");
        e.paste("one\rtwo\r\nthree\nfour");
        assert_eq!(e.text(), "one\ntwo\nthree\nfour");
    }

    #[test]
    fn pasted_escape_sequences_are_defused() {
        let mut e = NoteEditor::new(EditTarget::New, 0, "");
        e.paste("a\u{1b}[2Jb");
        assert!(!e.text().contains('\u{1b}'));
    }
}
