//! Notes and tags: the commands and the popups they open.

use std::collections::HashSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::editor::{EditTarget, EditorEvent, NoteEditor};
use super::find::list_step;
use super::panes::Focus;
use super::picker::{PickItem, Picker, Purpose};
use super::prompt::{Prompt, PromptEvent};
use super::tag_prompt::TagPrompt;
use super::{App, Confirm, ConfirmAction, Overlay, ReaderFilter};
use crate::document::BlockId;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::notes::{edit_tags, tag_matches};
use crate::ui::text::truncate;

impl App {
    /// The notes "this note" commands act on: the selected one in the
    /// notes pane, else those on the cursor's block.
    fn target_notes(&self) -> Vec<usize> {
        if self.focus == Focus::Notes {
            let entries = self.notes_pane.entries(&self.notes);
            return entries
                .get(self.notes_pane.selected)
                .copied()
                .into_iter()
                .collect();
        }
        self.current_block()
            .map(|b| self.notes.on_block(b).to_vec())
            .unwrap_or_default()
    }

    /// Refuses a change when the notes file is read-only, saying why.
    fn writable(&mut self) -> bool {
        match self.notes.read_only() {
            Some(why) => {
                self.error(&format!("notes are read-only: {why}"));
                false
            }
            None => true,
        }
    }

    pub(super) fn add_note(&mut self) {
        let Some(block) = self.current_block() else {
            self.say("this brief has no paragraph to annotate");
            return;
        };
        if self.writable() {
            self.overlay = Overlay::Editor(Box::new(NoteEditor::new(EditTarget::New, block, "")));
        }
    }

    pub(super) fn edit_note(&mut self) {
        let targets = self.target_notes();
        match targets.as_slice() {
            [] => {
                let key = self.keymap.hint(Command::AddNote);
                self.say(&format!("no note here: press {key} to add one"));
            }
            [i] => self.open_editor(*i),
            many => self.pick_note(Purpose::EditNote, many.to_vec()),
        }
    }

    fn open_editor(&mut self, index: usize) {
        if !self.writable() {
            return;
        }
        let Some(note) = self.notes.notes.get(index) else {
            return;
        };
        let block = self
            .notes
            .placements
            .get(index)
            .and_then(|p| p.block)
            .unwrap_or(self.reader.cursor);
        let editor = NoteEditor::new(EditTarget::Existing(note.id.clone()), block, &note.text)
            .typed(note.kind, note.stance);
        self.overlay = Overlay::Editor(Box::new(editor));
    }

    pub(super) fn delete_note(&mut self) {
        let targets = self.target_notes();
        match targets.as_slice() {
            [] => self.say("no note here to delete"),
            [i] => self.confirm_delete(*i),
            many => self.pick_note(Purpose::DeleteNote, many.to_vec()),
        }
    }

    fn confirm_delete(&mut self, index: usize) {
        if !self.writable() {
            return;
        }
        let Some(note) = self.notes.notes.get(index) else {
            return;
        };
        let what = if note.text.trim().is_empty() {
            format!("tags {}", note.tags.join(", "))
        } else {
            note.text.lines().next().unwrap_or_default().to_owned()
        };
        self.overlay = Overlay::Confirm(Confirm {
            question: format!(
                "Delete note \u{201c}{}\u{201d}? y/n",
                truncate(&sanitize_line(&what), 40)
            ),
            on_yes: ConfirmAction::DeleteNote(note.id.clone()),
        });
    }

    fn pick_note(&mut self, purpose: Purpose, indexes: Vec<usize>) {
        let items = indexes
            .iter()
            .filter_map(|&i| self.notes.notes.get(i))
            .map(|n| {
                let first = n.text.lines().next().unwrap_or("(tags only)");
                let tags: String = n.tags.iter().map(|t| format!(" #{t}")).collect();
                PickItem {
                    label: sanitize_line(&format!("{first}{tags}")),
                    value: n.id.clone(),
                }
            })
            .collect();
        let title = match purpose {
            Purpose::DeleteNote => "Delete which note?",
            _ => "Edit which note?",
        };
        self.overlay = Overlay::Picker(Box::new(Picker::new(title, purpose, items)));
    }

    pub(super) fn undo_delete(&mut self) {
        match self.notes.undo_delete(&self.brief) {
            Ok(true) => self.say("note restored"),
            Ok(false) => self.say("nothing to undo"),
            Err(e) => self.note_error(&e),
        }
    }

    pub(super) fn tag_block(&mut self) {
        let Some(block) = self.current_block() else {
            self.say("this brief has no paragraph to tag");
            return;
        };
        if !self.writable() {
            return;
        }
        // The block's tags are those of all its notes.
        let mut ids = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for &i in self.notes.on_block(block) {
            let Some(n) = self.notes.notes.get(i) else {
                continue;
            };
            ids.push(n.id.clone());
            for t in &n.tags {
                if !current.contains(t) {
                    current.push(t.clone());
                }
            }
        }
        if self.known_tags.is_empty() {
            self.known_tags = self.notes.known_tags();
        }
        let mut known = self.known_tags.clone();
        known.extend(self.notes.tag_counts().into_iter().map(|(t, _)| t));
        self.overlay = Overlay::Tags(Box::new(TagPrompt::new(block, ids, current, known)));
    }

    pub(super) fn choose_tag_filter(&mut self) {
        let tags = self.notes.tag_counts();
        if tags.is_empty() {
            let key = self.keymap.hint(Command::Tag);
            self.say(&format!(
                "no tags in this brief yet: press {key} to tag a paragraph"
            ));
            return;
        }
        let items = tags
            .into_iter()
            .map(|(t, n)| PickItem {
                label: format!("#{t}  ({n})"),
                value: t,
            })
            .collect();
        self.overlay = Overlay::Picker(Box::new(Picker::new(
            "Show blocks tagged",
            Purpose::TagFilter,
            items,
        )));
    }

    fn apply_tag_filter(&mut self, tag: &str) {
        let blocks: HashSet<BlockId> = self
            .notes
            .notes
            .iter()
            .zip(&self.notes.placements)
            .filter(|(n, _)| n.tags.iter().any(|t| tag_matches(t, tag)))
            .filter_map(|(_, p)| p.block)
            .collect();
        if blocks.is_empty() {
            self.say(&format!("no paragraph here is tagged #{tag}"));
            return;
        }
        self.reader.set_filter(&self.brief, Some(&blocks));
        self.filter = Some(ReaderFilter {
            label: format!("#{tag}"),
            blocks: blocks.len(),
        });
        self.set_focus(Focus::Reader);
    }

    pub(super) fn clear_filter(&mut self) {
        if self.filter.take().is_some() {
            self.reader.set_filter(&self.brief, None);
        }
    }

    pub(super) fn toggle_notes_pane(&mut self) {
        self.shown.notes = !self.shown.notes;
        if !self.shown.notes && self.focus == Focus::Notes {
            self.focus = Focus::Reader;
        }
        self.relayout();
    }

    pub(super) fn open_notes_filter(&mut self) {
        let mut prompt = Prompt::default();
        prompt.set_value(&self.notes_pane.filter);
        self.notes_pane.prompt = Some(prompt);
    }

    pub(super) fn notes_filter_key(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.notes_pane.prompt else {
            return;
        };
        match prompt.handle_key(key) {
            PromptEvent::Changed => {
                self.notes_pane.filter = prompt.value().to_owned();
                self.notes_pane.selected = 0;
                self.notes_pane.offset = 0;
            }
            PromptEvent::Submit => self.notes_pane.prompt = None,
            PromptEvent::Cancel => {
                self.notes_pane.prompt = None;
                self.notes_pane.filter.clear();
            }
            PromptEvent::Unhandled(_) | PromptEvent::Nothing => {}
        }
    }

    /// Enter in the notes pane: go to the note's block.
    pub(super) fn open_selected_note(&mut self) {
        let entries = self.notes_pane.entries(&self.notes);
        let Some(&i) = entries.get(self.notes_pane.selected) else {
            return;
        };
        match self.notes.placements.get(i).and_then(|p| p.block) {
            Some(block) => {
                if !self.reader.is_shown(block) {
                    self.clear_filter();
                }
                self.reader.jump_to(&self.brief, block);
                self.set_focus(Focus::Reader);
            }
            None => {
                let quote = self.notes.notes[i].anchor.quote.clone();
                self.error(&format!(
                    "orphaned: its paragraph is gone (\u{201c}{}\u{201d})",
                    truncate(&sanitize_line(&quote), 60)
                ));
            }
        }
    }

    pub(super) fn editor_key(&mut self, key: KeyEvent) {
        let Overlay::Editor(editor) = &mut self.overlay else {
            return;
        };
        match editor.handle_key(key) {
            EditorEvent::Continue => {}
            EditorEvent::Close => self.overlay = Overlay::None,
            EditorEvent::Save => {
                let Overlay::Editor(editor) = std::mem::take(&mut self.overlay) else {
                    return;
                };
                self.save_editor(&editor);
            }
        }
    }

    fn save_editor(&mut self, editor: &NoteEditor) {
        let text = editor.text().trim_end().to_owned();
        let (kind, stance) = (editor.kind, editor.stance);
        let typed = kind.is_some() || stance.is_some();
        let result = match &editor.target {
            EditTarget::New if text.trim().is_empty() && !typed => {
                self.say("empty note not saved");
                return;
            }
            EditTarget::New => self
                .notes
                .add_typed(&self.brief, editor.block, text, Vec::new(), kind, stance)
                .map(|_| "note saved"),
            EditTarget::Existing(id) => {
                let has_tags = self
                    .notes
                    .index_of(id)
                    .is_some_and(|i| !self.notes.notes[i].tags.is_empty());
                if text.trim().is_empty() && !has_tags && !typed {
                    self.notes
                        .delete(&self.brief, id)
                        .map(|()| "empty note deleted (u undoes)")
                } else {
                    self.notes
                        .set_text(&self.brief, id, text, kind, stance)
                        .map(|()| "note saved")
                }
            }
        };
        match result {
            Ok(msg) => self.say(msg),
            Err(e) => self.note_error(&e),
        }
    }

    pub(super) fn picker_key(&mut self, key: KeyEvent) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        if picker.purpose == Purpose::Link && self.link_picker_key(&key) {
            return;
        }
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        if picker.purpose == Purpose::ManageTags && super::analyst::is_delete_key(&key) {
            if let Some(tag) = picker.chosen().map(|c| c.value.clone()) {
                self.ask_delete_tag(tag);
            }
            return;
        }
        match picker.filter.handle_key(key) {
            PromptEvent::Changed => picker.refilter(),
            PromptEvent::Cancel => self.overlay = Overlay::None,
            PromptEvent::Unhandled(k) => picker.move_by(list_step(k)),
            PromptEvent::Nothing => {}
            PromptEvent::Submit => {
                let purpose = picker.purpose;
                let chosen = picker.chosen().map(|c| c.value.clone());
                self.overlay = Overlay::None;
                let Some(value) = chosen else { return };
                match purpose {
                    Purpose::TagFilter => self.apply_tag_filter(&value),
                    Purpose::ManageTags => self.ask_rename_tag(value),
                    Purpose::Link => self.follow_link(&value),
                    Purpose::EditNote | Purpose::DeleteNote => {
                        let Some(i) = self.notes.index_of(&value) else {
                            return;
                        };
                        if purpose == Purpose::EditNote {
                            self.open_editor(i);
                        } else {
                            self.confirm_delete(i);
                        }
                    }
                }
            }
        }
    }

    pub(super) fn tags_key(&mut self, key: KeyEvent) {
        let Overlay::Tags(tags) = &mut self.overlay else {
            return;
        };
        if key.code == KeyCode::Tab {
            tags.complete();
            return;
        }
        match tags.prompt.handle_key(key) {
            PromptEvent::Cancel => self.overlay = Overlay::None,
            PromptEvent::Submit => {
                let Overlay::Tags(tags) = std::mem::take(&mut self.overlay) else {
                    return;
                };
                self.save_tags(&tags);
            }
            PromptEvent::Changed => tags.candidates.clear(),
            PromptEvent::Unhandled(_) | PromptEvent::Nothing => {}
        }
    }

    fn save_tags(&mut self, prompt: &TagPrompt) {
        let tags = edit_tags(&prompt.current, prompt.prompt.value());
        if tags == prompt.current {
            return;
        }
        let result = if prompt.notes.is_empty() {
            self.notes
                .add(&self.brief, prompt.block, String::new(), tags.clone())
                .map(|_| ())
        } else {
            self.notes.set_block_tags(&self.brief, &prompt.notes, &tags)
        };
        match result {
            Ok(()) if tags.is_empty() => self.say("tags removed"),
            Ok(()) => {
                let list: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
                let unknown = self.unknown_tags(&tags);
                if unknown.is_empty() {
                    self.say(&format!("tagged {}", list.join(" ")));
                } else {
                    let u: Vec<String> = unknown.iter().map(|t| format!("#{t}")).collect();
                    self.error(&format!(
                        "tagged {}; not in the tag vocabulary: {}",
                        list.join(" "),
                        u.join(" ")
                    ));
                }
            }
            Err(e) => self.note_error(&e),
        }
    }

    pub(super) fn confirm_key(&mut self, key: KeyEvent) {
        let Overlay::Confirm(confirm) = std::mem::take(&mut self.overlay) else {
            return;
        };
        if !matches!(key.code, KeyCode::Char('y' | 'Y')) {
            self.say("kept");
            return;
        }
        match confirm.on_yes {
            ConfirmAction::DeleteTag(tag) => self.retag(&crate::notes::TagOp::Delete { tag }),
            ConfirmAction::DeleteNote(id) => match self.notes.delete(&self.brief, &id) {
                Ok(()) => {
                    let key = self.keymap.hint(Command::UndoDelete);
                    self.say(&format!("note deleted ({key} undoes)"));
                }
                Err(e) => self.note_error(&e),
            },
        }
    }
}

impl App {
    pub(super) fn ask_export_path(&mut self) {
        if self.notes.notes.is_empty() {
            self.say("no notes to export");
            return;
        }
        let stem = self
            .source
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "brief".to_owned(), |s| s.to_string_lossy().into_owned());
        let mut prompt = Prompt::default();
        prompt.set_value(&format!("{}-notes.toml", sanitize_line(&stem)));
        self.overlay = Overlay::Export(prompt);
    }

    pub(super) fn export_key(&mut self, key: KeyEvent) {
        let Overlay::Export(prompt) = &mut self.overlay else {
            return;
        };
        match prompt.handle_key(key) {
            PromptEvent::Cancel => self.overlay = Overlay::None,
            PromptEvent::Submit => {
                let path = std::path::PathBuf::from(prompt.value().trim());
                self.overlay = Overlay::None;
                if path.as_os_str().is_empty() {
                    return;
                }
                match self.notes.export(&path) {
                    Ok(()) => {
                        let n = self.notes.notes.len();
                        let shown = crate::document::load::display_path(&path);
                        self.say(&format!("{n} note(s) written to {shown}"));
                    }
                    Err(e) => self.error(&format!("export failed: {e}")),
                }
            }
            _ => {}
        }
    }
}

impl App {
    /// A failed note change: when the notes are only in memory now, say
    /// how to keep them.
    /// The way out comes first: the status bar cuts long messages (the
    /// store's name the file and its folder) at the terminal's edge.
    fn note_error(&mut self, e: &str) {
        if self.notes.unsaved && self.notes.read_only().is_none() {
            let key = self.keymap.hint(Command::ExportNotes);
            let detail = e.trim_start_matches("notes not saved (kept in memory): ");
            self.error(&format!(
                "notes not saved (kept in memory): press {key} to write them elsewhere; {detail}"
            ));
        } else {
            self.error(e);
        }
    }
}
