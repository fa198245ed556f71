//! The popups and status-line prompts over the brief screen. Only one is
//! open at a time; while one is, typed keys go to it.

use ratatui::crossterm::event::KeyEvent;

use super::BriefScreen;
use super::editor::NoteEditor;
use super::jump::Jump;
use super::picker::Picker;
use super::reading::DiffView;
use super::tag_prompt::TagPrompt;
use crate::app::prompt::{Prompt, PromptEvent};
use crate::app::shared::Shared;
use crate::document::Brief;
use crate::keys::{Command, Context};

#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Jump(Box<Jump>),
    Editor(Box<NoteEditor>),
    Picker(Box<Picker>),
    Tags(Box<TagPrompt>),
    /// A y/n question in the status line.
    Confirm(Confirm),
    /// The path to export notes to, typed in the status line.
    Export(Prompt),
    /// The new name of a tag, typed in the status line.
    RenameTag {
        old: String,
        prompt: Prompt,
    },
    /// A section's changes since the last read (`D`).
    Diff(Box<DiffView>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question, in full (the status line cuts it to fit).
    pub question: String,
    pub on_yes: ConfirmAction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    DeleteNote(String),
    /// Delete a tag from every note of every brief.
    DeleteTag(String),
    /// Replace an existing file with the notes.
    ReplaceExport(std::path::PathBuf),
    /// Take over (or copy) notes that look like this brief's.
    Attach(Box<crate::notes::store::Offer>),
}

impl Overlay {
    /// The bindings that apply while this overlay is open; typed keys
    /// go to it in every context but the normal one.
    pub fn context(&self) -> Context {
        match self {
            Overlay::None | Overlay::Diff(_) => Context::Normal,
            Overlay::Jump(_) | Overlay::Picker(_) => Context::List,
            Overlay::Editor(e) if e.confirm_discard => Context::Confirm,
            Overlay::Editor(_) => Context::Editor,
            Overlay::Tags(_) | Overlay::Export(_) | Overlay::RenameTag { .. } => Context::Prompt,
            Overlay::Confirm(_) => Context::Confirm,
        }
    }

    pub fn paste(&mut self, text: &str, brief: &Brief) {
        match self {
            Overlay::Jump(jump) => {
                jump.prompt.paste(text);
                jump.refilter(brief);
            }
            Overlay::Editor(editor) => editor.paste(text),
            Overlay::Tags(tags) => {
                // Completions were for the word before the paste.
                if tags.prompt.paste(text) == PromptEvent::Changed {
                    tags.candidates.clear();
                }
            }
            Overlay::Picker(picker) => {
                picker.filter.paste(text);
                picker.refilter();
            }
            Overlay::Export(prompt) | Overlay::RenameTag { prompt, .. } => {
                prompt.paste(text);
            }
            Overlay::None | Overlay::Confirm(_) | Overlay::Diff(_) => {}
        }
    }
}

impl BriefScreen {
    /// A binding of the overlay's context.
    pub(super) fn overlay_command(&mut self, c: Command, cx: &mut Shared) {
        match &self.overlay {
            Overlay::Jump(_) => self.jump_command(c, cx),
            Overlay::Editor(_) => self.editor_command(c, cx),
            Overlay::Picker(_) => self.picker_command(c, cx),
            Overlay::Tags(_) => self.tags_command(c, cx),
            Overlay::Confirm(_) => self.confirm_command(c, cx),
            Overlay::Export(_) => self.export_command(c, cx),
            Overlay::RenameTag { .. } => self.rename_tag_command(c, cx),
            Overlay::Diff(_) | Overlay::None => {}
        }
    }

    /// A key typed into the overlay.
    pub(super) fn overlay_typed(&mut self, key: KeyEvent, cx: &mut Shared) {
        match &mut self.overlay {
            Overlay::Jump(_) => self.jump_typed(key),
            Overlay::Picker(_) => self.picker_typed(key, cx),
            Overlay::Editor(editor) => editor.typed(key),
            Overlay::Tags(tags) => {
                if tags.prompt.handle_key(key) == PromptEvent::Changed {
                    tags.candidates.clear();
                }
            }
            Overlay::Export(prompt) | Overlay::RenameTag { prompt, .. } => {
                prompt.handle_key(key);
            }
            // Notes on offer wait for a real answer: a stray key must not
            // turn them down for good.
            Overlay::Confirm(Confirm {
                on_yes: ConfirmAction::Attach(_),
                ..
            }) => {}
            // Any other key is no.
            Overlay::Confirm(_) => self.confirm_command(Command::No, cx),
            Overlay::Diff(_) | Overlay::None => {}
        }
    }
}
