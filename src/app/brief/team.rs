//! Team notes on the open brief: `S` shares a note, `r` replies to one,
//! and colleagues' notes arrive from the team folder (read by the runtime)
//! with a one-line message.

use super::BriefScreen;
use super::editor::{EditTarget, NoteEditor};
use super::overlay::Overlay;
use super::picker::Purpose;
use crate::app::shared::Shared;
use crate::keys::Command;
use crate::notes::team::TeamNotes;

impl BriefScreen {
    /// `S`: shares the note here (asks which when there are several), or
    /// stops sharing it.
    pub(super) fn share_note(&mut self, cx: &mut Shared) {
        if cx.settings.team.is_none() {
            cx.say("no team folder: set [team] folder in config.toml to share notes");
            return;
        }
        let own: Vec<usize> = self
            .target_notes()
            .into_iter()
            .filter(|&i| !self.notes.is_team(i))
            .collect();
        match own.as_slice() {
            [] => {
                let key = cx.hint(Command::AddNote);
                cx.say(format!("no note of yours here to share: {key} adds one"));
            }
            [i] => self.share_index(*i, cx),
            many => self.pick_note(Purpose::ShareNote, many.to_vec()),
        }
    }

    pub(super) fn share_index(&mut self, i: usize, cx: &mut Shared) {
        if !self.writable(cx) {
            return;
        }
        let Some(id) = self.notes.notes.get(i).map(|n| n.id.clone()) else {
            return;
        };
        let result = self.notes.toggle_shared(&self.brief, &id).map(|shared| {
            if shared {
                "note shared with the team folder".to_owned()
            } else {
                "note no longer shared".to_owned()
            }
        });
        self.changed(result, cx);
        self.sync_views(cx);
    }

    /// `r`: replies to the note here (anyone's; asks which when there
    /// are several).
    pub(super) fn reply_note(&mut self, cx: &mut Shared) {
        match self.target_notes().as_slice() {
            [] => cx.say("no note here to reply to"),
            [i] => self.open_reply(*i, cx),
            many => self.pick_note(Purpose::ReplyNote, many.to_vec()),
        }
    }

    pub(super) fn open_reply(&mut self, i: usize, cx: &mut Shared) {
        if !self.writable(cx) {
            return;
        }
        let Some(note) = self.notes.notes.get(i) else {
            return;
        };
        let Some(block) = self.notes.placements.get(i).and_then(|p| p.block) else {
            cx.say("this note's paragraph is gone: nothing to reply on");
            return;
        };
        let editor = NoteEditor::new(EditTarget::Reply(note.id.clone()), Some(block), "");
        self.overlay = Overlay::Editor(Box::new(editor));
    }

    /// Colleagues' notes as the team folder has them now (the first read
    /// since the brief opened says how many there are, later ones what is
    /// new).
    pub fn team_notes(&mut self, team: TeamNotes, cx: &mut Shared) {
        let opening = !std::mem::replace(&mut self.notes.team_read, true);
        // A damaged file is said once, not at every change of the folder.
        let problems: Vec<String> = team
            .problems
            .into_iter()
            .filter(|p| self.notes.team_told.insert(p.clone()))
            .collect();
        let fresh = self.notes.set_team(&self.brief, team.notes);
        let total: usize = fresh.iter().map(|(_, n)| n).sum();
        if opening {
            if total > 0 {
                cx.say(format!("{total} note(s) from colleagues on this brief"));
            }
        } else if let [(author, n)] = fresh.as_slice() {
            let s = if *n == 1 { "" } else { "s" };
            let author = crate::document::sanitize::sanitize_line(author);
            cx.say(format!("{n} new note{s} from {author} on this brief"));
        } else if total > 0 {
            cx.say(format!(
                "{total} new notes from {} colleagues on this brief",
                fresh.len()
            ));
        }
        if let Some(first) = problems.first() {
            let more = problems.len() - 1;
            let more = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            cx.error(format!("team folder: {first}{more}"));
        }
        self.sync_views(cx);
    }
}

/// A note as copied: its author's name, then its text (sanitised).
pub(super) fn signed(note: &crate::notes::Note) -> String {
    let by = if note.author.is_empty() {
        String::new()
    } else {
        format!("{}: ", note.author)
    };
    crate::document::sanitize::sanitize(&format!("{by}{}", note.text)).into_owned()
}
