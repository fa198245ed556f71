//! Notes and tags: the commands and the popups they open. Every change is
//! queued for the store by [`NotesState`](super::notes::NotesState); what
//! to tell the reader waits until the save is done (see `results.rs`).

use std::collections::HashSet;

use super::BriefScreen;
use super::ReaderFilter;
use super::notes::ReadOnly;
use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::panes::Focus;
use super::picker::{PickItem, Picker, Purpose};
use crate::app::shared::Shared;
use crate::document::BlockId;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::notes::tag_matches;

impl BriefScreen {
    /// The note selected in the notes pane, while the pane has the
    /// keyboard.
    pub(super) fn pane_note(&self) -> Option<usize> {
        if self.focus != Focus::Notes {
            return None;
        }
        let entries = self.notes_pane.entries(&self.notes);
        entries.get(self.notes_pane.sel.selected).copied()
    }

    /// The notes "this note" commands act on: the selected one in the
    /// notes pane, else those on the cursor's block.
    pub(super) fn target_notes(&self) -> Vec<usize> {
        if self.focus == Focus::Notes {
            return self.pane_note().into_iter().collect();
        }
        self.current_block()
            .map(|b| self.notes.on_block(b).to_vec())
            .unwrap_or_default()
    }

    /// The block "this paragraph" commands act on: the selected note's in
    /// the notes pane, else the reader's. Refused, saying why, for an
    /// orphaned note (its paragraph is gone) or an empty brief.
    pub(super) fn target_block(&self, cx: &mut Shared) -> Option<BlockId> {
        if let Some(i) = self.pane_note() {
            let block = self.notes.placements.get(i).and_then(|p| p.block);
            if block.is_none() {
                let key = cx.hint(Command::AttachNote);
                cx.say(format!(
                    "this note's paragraph is gone: {key} puts it on the reader's paragraph"
                ));
            }
            return block;
        }
        let block = self.current_block();
        if block.is_none() {
            cx.say("this brief has no paragraph");
        }
        block
    }

    /// `A`: the note selected in the notes pane goes on the reader's
    /// paragraph; from the reader, an orphaned or moved note does (which
    /// one is asked when there are several).
    pub(super) fn attach_note(&mut self, cx: &mut Shared) {
        if !self.writable(cx) {
            return;
        }
        if let Some(i) = self.pane_note() {
            return self.attach_to_cursor(i, cx);
        }
        let Some(block) = self.current_block() else {
            cx.say("this brief has no paragraph");
            return;
        };
        let loose: Vec<usize> = (0..self.notes.notes.len())
            .filter(|&i| {
                let p = self.notes.placements.get(i);
                let flagged = matches!(
                    self.notes.notes[i].flag,
                    Some(crate::notes::Flag::Moved | crate::notes::Flag::Edited)
                );
                let loose = p.is_some_and(|p| p.how != crate::notes::Placed::Exact) || flagged;
                loose && p.is_some_and(|p| p.block != Some(block))
            })
            .collect();
        match loose.as_slice() {
            [] => cx.say("no orphaned or moved note to put here"),
            [i] => self.attach_to_cursor(*i, cx),
            many => self.pick_note(Purpose::AttachNote, many.to_vec()),
        }
    }

    /// Puts note `i` on the reader's current paragraph.
    pub(super) fn attach_to_cursor(&mut self, i: usize, cx: &mut Shared) {
        let Some(block) = self.current_block() else {
            return;
        };
        let Some(id) = self.notes.notes.get(i).map(|n| n.id.clone()) else {
            return;
        };
        let at = crate::cite::Address::of(&self.brief, block);
        let result = self.notes.attach(&self.brief, &id, block);
        self.changed(result.map(|()| format!("note put on {at}")), cx);
    }

    /// Refuses a change when the notes are read-only, saying why.
    pub(super) fn writable(&self, cx: &mut Shared) -> bool {
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
        if let Err(ReadOnly(why)) = self.notes.own(&note.id) {
            return cx.error(why);
        }
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

    pub(super) fn pick_note(&mut self, purpose: Purpose, indexes: Vec<usize>) {
        let items = indexes
            .iter()
            .filter_map(|&i| self.notes.notes.get(i))
            .map(|n| {
                let first = n.text.lines().next().unwrap_or("(tags only)");
                let tags: String = n.tags.iter().map(|t| format!(" #{t}")).collect();
                // Two versions of one note (a conflict) must be told apart.
                let copy = match n.flag {
                    Some(crate::notes::Flag::Conflict) => "[other window's copy] ",
                    _ => "",
                };
                let when = n.updated.get(..16).unwrap_or_default().replace('T', " ");
                let by = if n.author.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", n.author)
                };
                PickItem {
                    label: sanitize_line(&format!("{copy}{by}{first}{tags} · {when}")),
                    value: n.id.clone(),
                }
            })
            .collect();
        let title = match purpose {
            Purpose::DeleteNote => "Delete which note?",
            Purpose::AttachNote => "Put which note on this paragraph?",
            Purpose::ShareNote => "Share which note?",
            Purpose::ReplyNote => "Reply to which note?",
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

    pub(super) fn choose_tag_filter(&mut self, cx: &mut Shared) {
        let tags = self.notes.tag_counts();
        // Authors too (`@name`), once there are colleagues' notes.
        let mut authors: std::collections::BTreeMap<&str, usize> = Default::default();
        if self.notes.team_count() > 0 {
            for n in self.notes.notes.iter().filter(|n| !n.author.is_empty()) {
                *authors.entry(n.author.as_str()).or_default() += 1;
            }
        }
        let authors: Vec<PickItem> = authors
            .into_iter()
            .map(|(a, n)| PickItem {
                label: sanitize_line(&format!("@{a}  ({n})")),
                value: format!("@{a}"),
            })
            .collect();
        if tags.is_empty() && authors.is_empty() {
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
            .chain(authors)
            .collect();
        self.overlay = Overlay::Picker(Box::new(Picker::new(
            if self.notes.team_count() > 0 {
                "Show blocks tagged, or with notes by"
            } else {
                "Show blocks tagged"
            },
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
            .filter(|(n, _)| match tag.strip_prefix('@') {
                Some(name) => crate::notes::team::author_matches(&n.author, name),
                None => n.tags.iter().any(|t| tag_matches(t, tag)),
            })
            .filter_map(|(_, p)| p.block)
            .collect();
        let label = match tag.strip_prefix('@') {
            Some(_) => sanitize_line(tag),
            None => format!("#{}", sanitize_line(tag)),
        };
        if blocks.is_empty() {
            cx.say(format!("no paragraph here has notes {label}"));
            return;
        }
        self.reader.set_filter(&self.brief, Some(&blocks));
        self.filter = Some(ReaderFilter {
            label,
            blocks: blocks.len(),
        });
        self.set_focus(Focus::Reader, cx);
    }

    pub(super) fn clear_filter(&mut self) {
        if self.filter.take().is_some() {
            self.reader.set_filter(&self.brief, None);
        }
    }

    pub(super) fn confirm_command(&mut self, c: Command, cx: &mut Shared) {
        if let Overlay::Editor(_) = &self.overlay {
            return self.editor_command(c, cx);
        }
        let Overlay::Confirm(confirm) = std::mem::take(&mut self.overlay) else {
            return;
        };
        if c != Command::Yes {
            if let ConfirmAction::ReplaceExport(path) = &confirm.on_yes {
                // Another name, then: the prompt comes back with this one.
                let mut prompt = crate::app::prompt::Prompt::default();
                prompt.set_value(&path.to_string_lossy());
                self.overlay = Overlay::Export(prompt);
                cx.say("not replaced: type another name");
            } else if let ConfirmAction::Attach(_) = confirm.on_yes {
                // Remembered: the brief gets a notes file of its own, so it
                // is not asked again.
                self.notes.keep_apart();
                cx.say("kept apart: this brief's notes start empty");
            } else {
                cx.say("kept");
            }
            return;
        }
        match confirm.on_yes {
            ConfirmAction::DeleteTag(tag) => self.retag(&crate::notes::TagOp::Delete { tag }, cx),
            ConfirmAction::ReplaceExport(path) => self.export(path, true, cx),
            ConfirmAction::Attach(offer) => self.attach(*offer, cx),
            ConfirmAction::DeleteNote(id) => {
                let key = cx.hint(Command::UndoDelete);
                let result = self.notes.delete(&self.brief, &id);
                self.changed(result.map(|()| format!("note deleted ({key} undoes)")), cx);
            }
        }
    }
}
