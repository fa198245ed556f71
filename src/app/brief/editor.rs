//! The note editor popup: a multi-line text area (ratatui-textarea) with
//! cursor movement, word motions, paste and undo. Its own keys (save, pick
//! a kind or a stance, cancel) are the keymap's `[editor]` bindings; Esc
//! asks before throwing away a change.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{TextArea, WrapMode};

use super::BriefScreen;
use super::overlay::Overlay;
use super::picker::Purpose;
use crate::app::shared::Shared;
use crate::document::BlockId;
use crate::keys::Command;
use crate::notes::{Kind, Stance};

/// What the editor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    New,
    Existing(String),
    /// A new note answering this one (by id).
    Reply(String),
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
    /// The paragraph the note is on; None for an orphaned note.
    pub block: Option<BlockId>,
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
    pub fn with_type(mut self, kind: Option<Kind>, stance: Option<Stance>) -> NoteEditor {
        self.kind = kind;
        self.stance = stance;
        self.original_type = (kind, stance);
        self
    }

    pub fn new(target: EditTarget, block: Option<BlockId>, text: &str) -> NoteEditor {
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
        // The keys to save and cancel are on the line below, from the keymap.
        textarea.set_placeholder_text("Type the note.");
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

    /// A binding of the editor: save, pick a kind or a stance, cancel;
    /// yes or no while it asks about discarding a change.
    pub fn command(&mut self, c: Command) -> EditorEvent {
        if self.confirm_discard {
            self.confirm_discard = false;
            return match c {
                Command::Yes => EditorEvent::Close,
                _ => EditorEvent::Continue,
            };
        }
        if self.choosing.take().is_some() {
            return EditorEvent::Continue;
        }
        match c {
            Command::SaveNote => EditorEvent::Save,
            Command::PickKind => {
                self.choosing = Some(Choosing::Kind);
                EditorEvent::Continue
            }
            Command::PickStance => {
                self.choosing = Some(Choosing::Stance);
                EditorEvent::Continue
            }
            Command::Cancel if self.changed() => {
                self.confirm_discard = true;
                EditorEvent::Continue
            }
            Command::Cancel => EditorEvent::Close,
            _ => EditorEvent::Continue,
        }
    }

    /// A key typed into the note, or the letter that picks a kind or a
    /// stance after their key.
    pub fn typed(&mut self, key: KeyEvent) {
        if self.confirm_discard {
            // Anything but yes keeps the note open.
            self.confirm_discard = false;
            return;
        }
        if let Some(choosing) = self.choosing.take() {
            if let KeyCode::Char(c) = key.code {
                match choosing {
                    // x (or any unknown key) clears the choice.
                    Choosing::Kind => self.kind = Kind::from_key(c),
                    Choosing::Stance => self.stance = Stance::from_key(c),
                }
            }
            return;
        }
        self.textarea.input(key);
    }

    pub fn paste(&mut self, text: &str) {
        // Terminals send a pasted newline as CR (what Enter sends); the
        // note keeps it as a line break, not as a visible ␍.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let clean = crate::document::sanitize::sanitize(&text);
        self.textarea.insert_str(clean);
    }
}

impl BriefScreen {
    /// `a`: a new note on the reader's paragraph, or, from the notes
    /// pane, on the selected note's.
    pub(super) fn add_note(&mut self, cx: &mut Shared) {
        let Some(block) = self.target_block(cx) else {
            return;
        };
        if self.writable(cx) {
            let editor = NoteEditor::new(EditTarget::New, Some(block), "");
            self.overlay = Overlay::Editor(Box::new(editor));
        }
    }

    pub(super) fn edit_note(&mut self, cx: &mut Shared) {
        let targets = self.target_notes();
        match targets.as_slice() {
            [] => {
                let key = cx.hint(Command::AddNote);
                cx.say(format!("no note here: press {key} to add one"));
            }
            [i] => self.open_editor(*i, cx),
            many => self.pick_note(Purpose::EditNote, many.to_vec()),
        }
    }

    pub(super) fn open_editor(&mut self, index: usize, cx: &mut Shared) {
        if !self.writable(cx) {
            return;
        }
        let Some(note) = self.notes.notes.get(index) else {
            return;
        };
        if let Err(super::notes::ReadOnly(why)) = self.notes.own(&note.id) {
            return cx.error(why);
        }
        // An orphaned note has no paragraph: the editor shows its own
        // recorded quote, not the reader's paragraph.
        let block = self.notes.placements.get(index).and_then(|p| p.block);
        let editor = NoteEditor::new(EditTarget::Existing(note.id.clone()), block, &note.text)
            .with_type(note.kind, note.stance);
        self.overlay = Overlay::Editor(Box::new(editor));
    }

    pub(super) fn editor_command(&mut self, c: Command, cx: &mut Shared) {
        let Overlay::Editor(editor) = &mut self.overlay else {
            return;
        };
        match editor.command(c) {
            EditorEvent::Continue => {}
            EditorEvent::Close => self.overlay = Overlay::None,
            EditorEvent::Save => {
                if let Overlay::Editor(editor) = std::mem::take(&mut self.overlay) {
                    self.save_editor(&editor, cx);
                }
            }
        }
    }

    fn save_editor(&mut self, editor: &NoteEditor, cx: &mut Shared) {
        let text = editor.text().trim_end().to_owned();
        let typed = (editor.kind, editor.stance);
        let has_type = typed != (None, None);
        let result = match &editor.target {
            EditTarget::New if text.trim().is_empty() && !has_type => {
                cx.say("empty note not saved");
                return;
            }
            EditTarget::New => {
                let Some(block) = editor.block else {
                    return;
                };
                self.notes
                    .add(&self.brief, block, text, Vec::new(), typed)
                    .map(|_| "note saved".to_owned())
            }
            EditTarget::Reply(_) if text.trim().is_empty() && !has_type => {
                cx.say("empty reply not saved");
                return;
            }
            EditTarget::Reply(parent) => {
                let Some(block) = editor.block else {
                    return;
                };
                self.notes
                    .reply(&self.brief, parent, block, text, typed)
                    .map(|_| "reply saved".to_owned())
            }
            EditTarget::Existing(id) => {
                let has_tags = self
                    .notes
                    .index_of(id)
                    .is_some_and(|i| !self.notes.notes[i].tags.is_empty());
                if text.trim().is_empty() && !has_tags && !has_type {
                    let key = cx.hint(Command::UndoDelete);
                    self.notes
                        .delete(&self.brief, id)
                        .map(|()| format!("empty note deleted ({key} undoes)"))
                } else {
                    self.notes
                        .set_text(&self.brief, id, text, typed)
                        .map(|()| "note saved".to_owned())
                }
            }
        };
        self.changed(result, cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(e: &mut NoteEditor, text: &str) {
        for c in text.chars() {
            e.typed(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn enter_makes_a_new_line_and_save_saves() {
        let mut e = NoteEditor::new(EditTarget::New, Some(0), "");
        typed(&mut e, "ab");
        e.typed(key(KeyCode::Enter));
        typed(&mut e, "c");
        assert_eq!(e.text(), "ab\nc");
        assert_eq!(e.command(Command::SaveNote), EditorEvent::Save);
    }

    #[test]
    fn cancel_asks_before_discarding_a_change() {
        let mut e = NoteEditor::new(EditTarget::New, Some(0), "");
        typed(&mut e, "x");
        assert_eq!(e.command(Command::Cancel), EditorEvent::Continue);
        assert!(e.confirm_discard);
        assert_eq!(e.command(Command::No), EditorEvent::Continue);
        assert_eq!(e.text(), "x");
        e.command(Command::Cancel);
        assert_eq!(e.command(Command::Yes), EditorEvent::Close);
    }

    #[test]
    fn picking_a_kind_then_a_letter_sets_it_and_types_nothing() {
        let mut e = NoteEditor::new(EditTarget::New, Some(0), "");
        e.command(Command::PickKind);
        typed(&mut e, "f");
        e.command(Command::PickStance);
        typed(&mut e, "d");
        assert_eq!(e.kind, Some(Kind::FactCheck));
        assert_eq!(e.stance, Some(Stance::Disagree));
        assert_eq!(e.text(), "", "the picking keys are not typed into the note");
        assert!(e.changed());
    }

    #[test]
    fn cancel_without_changes_closes_at_once() {
        let mut e = NoteEditor::new(EditTarget::Existing("n1".into()), Some(0), "kept");
        assert_eq!(e.command(Command::Cancel), EditorEvent::Close);
    }

    #[test]
    fn pasted_line_breaks_stay_line_breaks_whatever_the_terminal_sends() {
        let mut e = NoteEditor::new(EditTarget::New, Some(0), "");
        e.paste("one\rtwo\r\nthree\nfour");
        assert_eq!(e.text(), "one\ntwo\nthree\nfour");
    }

    #[test]
    fn pasted_escape_sequences_are_defused() {
        let mut e = NoteEditor::new(EditTarget::New, Some(0), "");
        e.paste("a\u{1b}[2Jb");
        assert!(!e.text().contains('\u{1b}'));
    }
}
