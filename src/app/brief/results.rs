//! Answers from the workers that concern the open brief: its notes saved
//! (or not), notes exported, the brief read again after a change on disk.

use super::BriefScreen;
use crate::app::msg::{Loaded, NotesHome, Target};
use crate::app::saves::Answer;
use crate::app::shared::Shared;
use crate::keys::Command;

impl BriefScreen {
    /// Sends the notes to the store if they changed, with what to say once
    /// they are saved.
    pub fn flush_notes(&mut self, cx: &mut Shared) {
        let then_say = self.then_say.take();
        let NotesHome::File { file, header } = self.notes.home.clone() else {
            return;
        };
        if let Some((base, notes)) = self.notes.take_save() {
            let effect = cx.saves.request(&file, &header, base, &notes, then_say);
            cx.push(effect);
        }
    }

    /// The notes file this brief's notes are saved to, if any.
    pub fn notes_file(&self) -> Option<&std::path::Path> {
        match &self.notes.home {
            NotesHome::File { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The notes file as it is on disk now. Another window's notes are
    /// taken in at once when nothing of ours is waiting to be saved (else
    /// the next save merges them, as it always does).
    pub fn notes_on_disk(&mut self, notes: Vec<crate::notes::Note>, cx: &mut Shared) {
        if !matches!(self.overlay, super::overlay::Overlay::None) {
            // Later (see `disk_notes`): a newer read replaces this one.
            self.disk_notes = Some(notes);
            return;
        }
        let pending = self
            .notes_file()
            .is_some_and(|f| cx.saves.latest(f).is_some());
        if pending || !self.notes.from_disk(&self.brief, notes) {
            return;
        }
        cx.say("notes changed in another window: shown");
        self.sync_views(cx);
    }

    /// The store answered the latest save of this brief's notes.
    pub fn notes_saved(&mut self, answer: Answer, cx: &mut Shared) {
        match answer {
            Answer::Superseded => {}
            Answer::Saved(outcome, say) => {
                let kept = self.notes.kept_by_other(&outcome.notes);
                self.notes.saved(&self.brief, outcome.notes);
                let mut parts: Vec<String> = say.into_iter().collect();
                if kept > 0 {
                    // The delete did not win over an edit made elsewhere.
                    parts = vec![format!(
                        "{kept} note(s) you deleted had been edited in another window \
                         meanwhile: kept"
                    )];
                }
                if outcome.conflicts > 0 {
                    parts.push(format!(
                        "{} note(s) changed in another window meanwhile: both versions kept \
                         (the other marked conflict)",
                        outcome.conflicts
                    ));
                } else if outcome.from_other > kept {
                    parts.push(format!(
                        "{} note(s) from another window",
                        outcome.from_other
                    ));
                }
                if let Some(why) = &outcome.team_problem {
                    // Saved here, but the team does not see it.
                    parts.push(format!("notes saved, but not shared: {why}"));
                }
                if outcome.conflicts > 0 || outcome.team_problem.is_some() {
                    cx.error(parts.join("; "));
                } else if !parts.is_empty() {
                    cx.say(parts.join("; "));
                }
            }
            Answer::Failed(why) => {
                let key = cx.hint(Command::ExportNotes);
                cx.error(format!(
                    "notes not saved (kept in memory): press {key} to write them elsewhere; {why}"
                ));
            }
        }
        // Notes from another window show at once, in the pane and inline.
        self.sync_views(cx);
    }

    /// Where to put the reader after a reload: the block under the cursor.
    pub fn reload_target(&self) -> Option<Target> {
        let block = self.current_block()?;
        Some(Target::Block(Box::new(crate::notes::anchor_for(
            &self.brief,
            block,
        ))))
    }

    /// The file changed on disk and was read again: the same place, the
    /// same panes and search, the notes placed anew, what changed marked.
    /// `attached`: read again to take notes on offer. Notes that moved
    /// over bring their brief's reading state, which is then the one kept.
    pub fn reloaded(
        &mut self,
        mut loaded: Loaded,
        at: Option<&Target>,
        attached: bool,
        cx: &mut Shared,
    ) {
        let (focus, shown) = (self.focus, self.shown);
        let query = self.search.query.clone();
        let said = loaded.warning.is_some() || loaded.notice.is_some();
        self.save_reading(cx);
        self.flush_notes(cx);
        // The reading state in memory is the latest: the file may not have
        // the last sections read yet. Measured against the new text, it
        // marks what changed (Δ) and `D` shows it, as after an edit made
        // while brief was closed.
        let moved_over = loaded.notice.is_some() && loaded.reading.is_some();
        if let Some(session) = self.reading.take()
            && !moved_over
        {
            loaded.reading = Some(session.state);
        }
        *self = BriefScreen::open(loaded, at, cx);
        self.shown = shown;
        self.set_focus(focus, cx);
        if !query.is_empty() {
            self.search.set_query(&self.brief, &query);
        }
        if !said {
            cx.say(if attached {
                "notes attached"
            } else {
                "reloaded: the brief changed on disk"
            });
        }
    }
}
