//! Notes and tags: the commands and the popups they open. Every change is
//! queued for the store by [`NotesState`](super::notes::NotesState); what
//! to tell the reader waits until the save is done (see `results.rs`).

use std::collections::HashSet;

use ratatui::crossterm::event::KeyEvent;

use super::BriefScreen;
use super::ReaderFilter;
use super::editor::{EditTarget, EditorEvent, NoteEditor};
use super::notes::ReadOnly;
use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::panes::Focus;
use super::picker::{PickItem, Picker, Purpose};
use super::tag_prompt::TagPrompt;
use crate::app::msg::Effect;
use crate::app::prompt::{Prompt, PromptEvent};
use crate::app::shared::Shared;
use crate::document::BlockId;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::notes::{edit_tags, tag_matches};

impl BriefScreen {
    /// The notes "this note" commands act on: the selected one in the
    /// notes pane, else those on the cursor's block.
    fn target_notes(&self) -> Vec<usize> {
        if self.focus == Focus::Notes {
            let entries = self.notes_pane.entries(&self.notes);
            return entries
                .get(self.notes_pane.sel.selected)
                .copied()
                .into_iter()
                .collect();
        }
        self.current_block()
            .map(|b| self.notes.on_block(b).to_vec())
            .unwrap_or_default()
    }

    /// Refuses a change when the notes are read-only, saying why.
    fn writable(&self, cx: &mut Shared) -> bool {
        match self.notes.read_only() {
            Some(why) => {
                cx.error(format!("notes are read-only: {why}"));
                false
            }
            None => true,
        }
    }

    /// A change was made: say `message` once it is saved (at once when the
    /// notes are kept in memory only, with where they are).
    pub(super) fn changed(&mut self, result: Result<String, ReadOnly>, cx: &mut Shared) {
        match result {
            Err(ReadOnly(why)) => cx.error(why),
            Ok(message) => match self.notes.memory_only() {
                Some(why) => cx.error(format!("{message}, in memory only: {why}")),
                None => self.then_say = Some(message),
            },
        }
    }

    pub(super) fn add_note(&mut self, cx: &mut Shared) {
        let Some(block) = self.current_block() else {
            cx.say("this brief has no paragraph to annotate");
            return;
        };
        if self.writable(cx) {
            let editor = NoteEditor::new(EditTarget::New, block, "");
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
        let block = self
            .notes
            .placements
            .get(index)
            .and_then(|p| p.block)
            .unwrap_or(self.reader.cursor);
        let editor = NoteEditor::new(EditTarget::Existing(note.id.clone()), block, &note.text)
            .with_type(note.kind, note.stance);
        self.overlay = Overlay::Editor(Box::new(editor));
    }

    pub(super) fn delete_note(&mut self, cx: &mut Shared) {
        let targets = self.target_notes();
        match targets.as_slice() {
            [] => cx.say("no note here to delete"),
            [i] => self.confirm_delete(*i, cx),
            many => self.pick_note(Purpose::DeleteNote, many.to_vec()),
        }
    }

    pub(super) fn confirm_delete(&mut self, index: usize, cx: &mut Shared) {
        if !self.writable(cx) {
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
            question: format!("Delete note \u{201c}{}\u{201d}?", sanitize_line(&what)),
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

    pub(super) fn undo_delete(&mut self, cx: &mut Shared) {
        match self.notes.undo_delete(&self.brief) {
            Ok(true) => self.changed(Ok("note restored".into()), cx),
            Ok(false) => cx.say("nothing to undo"),
            Err(e) => self.changed(Err(e), cx),
        }
    }

    pub(super) fn tag_block(&mut self, cx: &mut Shared) {
        let Some(block) = self.current_block() else {
            cx.say("this brief has no paragraph to tag");
            return;
        };
        if !self.writable(cx) {
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
        // Tags of other briefs complete too, once read (off this thread).
        if self.known_tags.is_none() {
            cx.push(Effect::LoadTags);
        }
        let mut known = self.known_tags.clone().unwrap_or_default();
        known.extend(self.notes.tag_counts().into_iter().map(|(t, _)| t));
        self.overlay = Overlay::Tags(Box::new(TagPrompt::new(block, ids, current, known)));
    }

    pub(super) fn choose_tag_filter(&mut self, cx: &mut Shared) {
        let tags = self.notes.tag_counts();
        if tags.is_empty() {
            let key = cx.hint(Command::Tag);
            cx.say(format!(
                "no tags in this brief yet: press {key} to tag a paragraph"
            ));
            return;
        }
        let items = tags
            .into_iter()
            .map(|(t, n)| PickItem {
                label: sanitize_line(&format!("#{t}  ({n})")),
                value: t,
            })
            .collect();
        self.overlay = Overlay::Picker(Box::new(Picker::new(
            "Show blocks tagged",
            Purpose::TagFilter,
            items,
        )));
    }

    pub(super) fn apply_tag_filter(&mut self, tag: &str, cx: &mut Shared) {
        let blocks: HashSet<BlockId> = self
            .notes
            .notes
            .iter()
            .zip(&self.notes.placements)
            .filter(|(n, _)| n.tags.iter().any(|t| tag_matches(t, tag)))
            .filter_map(|(_, p)| p.block)
            .collect();
        if blocks.is_empty() {
            cx.say(format!(
                "no paragraph here is tagged #{}",
                sanitize_line(tag)
            ));
            return;
        }
        self.reader.set_filter(&self.brief, Some(&blocks));
        self.filter = Some(ReaderFilter {
            label: format!("#{}", sanitize_line(tag)),
            blocks: blocks.len(),
        });
        self.set_focus(Focus::Reader, cx);
    }

    pub(super) fn clear_filter(&mut self) {
        if self.filter.take().is_some() {
            self.reader.set_filter(&self.brief, None);
        }
    }

    pub(super) fn toggle_notes_pane(&mut self, cx: &Shared) {
        self.shown.notes = !self.shown.notes;
        if !self.shown.notes && self.focus == Focus::Notes {
            self.focus = Focus::Reader;
        }
        self.relayout(cx);
    }

    pub(super) fn open_notes_filter(&mut self) {
        let mut prompt = Prompt::default();
        prompt.set_value(&self.notes_pane.filter);
        self.notes_pane.prompt = Some(prompt);
    }

    pub(super) fn notes_filter_typed(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.notes_pane.prompt else {
            return;
        };
        if prompt.handle_key(key) == PromptEvent::Changed {
            self.notes_pane.filter = prompt.value().to_owned();
            self.notes_pane.sel.reset();
        }
    }

    pub(super) fn notes_filter_command(&mut self, c: Command) {
        match c {
            Command::Submit => self.notes_pane.prompt = None,
            Command::Cancel => {
                self.notes_pane.prompt = None;
                self.notes_pane.filter.clear();
            }
            _ => {}
        }
    }

    /// Enter in the notes pane: go to the note's block.
    pub(super) fn open_selected_note(&mut self, cx: &mut Shared) {
        let entries = self.notes_pane.entries(&self.notes);
        let Some(&i) = entries.get(self.notes_pane.sel.selected) else {
            return;
        };
        match self.notes.placements.get(i).and_then(|p| p.block) {
            Some(block) => {
                if !self.reader.is_shown(block) {
                    self.clear_filter();
                }
                self.reader.jump_to(&self.brief, block);
                self.set_focus(Focus::Reader, cx);
            }
            None => {
                let quote = &self.notes.notes[i].anchor.quote;
                cx.error(format!(
                    "orphaned: its paragraph is gone (\u{201c}{}\u{201d})",
                    sanitize_line(quote)
                ));
            }
        }
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
            EditTarget::New => self
                .notes
                .add(&self.brief, editor.block, text, Vec::new(), typed)
                .map(|_| "note saved".to_owned()),
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

    pub(super) fn tags_command(&mut self, c: Command, cx: &mut Shared) {
        let Overlay::Tags(tags) = &mut self.overlay else {
            return;
        };
        match c {
            Command::Complete => tags.complete(),
            Command::Cancel => self.overlay = Overlay::None,
            Command::Submit => {
                if let Overlay::Tags(tags) = std::mem::take(&mut self.overlay) {
                    self.save_tags(&tags, cx);
                }
            }
            _ => {}
        }
    }

    fn save_tags(&mut self, prompt: &TagPrompt, cx: &mut Shared) {
        let tags = edit_tags(&prompt.current, prompt.prompt.value());
        if tags == prompt.current {
            return;
        }
        let result = if prompt.notes.is_empty() {
            self.notes
                .add(
                    &self.brief,
                    prompt.block,
                    String::new(),
                    tags.clone(),
                    (None, None),
                )
                .map(|_| ())
        } else {
            self.notes.set_block_tags(&self.brief, &prompt.notes, &tags)
        };
        let result = result.map(|()| {
            if tags.is_empty() {
                return "tags removed".to_owned();
            }
            let list: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
            let unknown = self.unknown_tags(&tags, cx);
            if unknown.is_empty() {
                format!("tagged {}", list.join(" "))
            } else {
                let u: Vec<String> = unknown.iter().map(|t| format!("#{t}")).collect();
                format!(
                    "tagged {}; not in the tag vocabulary: {}",
                    list.join(" "),
                    u.join(" ")
                )
            }
        });
        self.changed(result.map(|m| sanitize_line(&m)), cx);
    }

    pub(super) fn confirm_command(&mut self, c: Command, cx: &mut Shared) {
        if let Overlay::Editor(_) = &self.overlay {
            return self.editor_command(c, cx);
        }
        let Overlay::Confirm(confirm) = std::mem::take(&mut self.overlay) else {
            return;
        };
        if c != Command::Yes {
            cx.say("kept");
            return;
        }
        match confirm.on_yes {
            ConfirmAction::DeleteTag(tag) => self.retag(&crate::notes::TagOp::Delete { tag }, cx),
            ConfirmAction::ReplaceExport(path) => self.export(path, true, cx),
            ConfirmAction::DeleteNote(id) => {
                let key = cx.hint(Command::UndoDelete);
                let result = self.notes.delete(&self.brief, &id);
                self.changed(result.map(|()| format!("note deleted ({key} undoes)")), cx);
            }
        }
    }

    pub(super) fn ask_export_path(&mut self, cx: &mut Shared) {
        if self.notes.notes.is_empty() {
            cx.say("no notes to export");
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

    pub(super) fn export_command(&mut self, c: Command, cx: &mut Shared) {
        let Overlay::Export(prompt) = &mut self.overlay else {
            return;
        };
        match c {
            Command::Cancel => self.overlay = Overlay::None,
            Command::Submit => {
                let path = std::path::PathBuf::from(prompt.value().trim());
                self.overlay = Overlay::None;
                if !path.as_os_str().is_empty() {
                    self.export(path, false, cx);
                }
            }
            _ => {}
        }
    }

    /// Asks for the notes in memory to be written to `path`.
    fn export(&mut self, path: std::path::PathBuf, overwrite: bool, cx: &mut Shared) {
        let header = match &self.notes.home {
            crate::app::msg::NotesHome::File { header, .. } => header.clone(),
            _ => crate::notes::store::Header {
                title: self.brief.title.clone(),
                ..Default::default()
            },
        };
        let own = self.notes_file().map(std::path::Path::to_path_buf);
        cx.push(Effect::Export(crate::app::msg::ExportRequest {
            path,
            own,
            header,
            notes: self.notes.notes.clone(),
            overwrite,
        }));
    }
}
