//! Colleagues' notes among the open brief's: read from the team folder by
//! the runtime, kept beside the reader's own notes so that they are placed,
//! drawn and listed the same way, but never changed, deleted or saved
//! here. Sharing the reader's own notes and replying to anyone's.

use std::collections::BTreeMap;

use super::{NotesState, ReadOnly};
use crate::document::{BlockId, Brief};
use crate::notes::{Kind, Note, Stance};

impl NotesState {
    /// Whether note `i` is a colleague's.
    pub fn is_team(&self, i: usize) -> bool {
        self.notes
            .get(i)
            .is_some_and(|n| self.team_ids.contains(&n.id))
    }

    /// Whether the note with this id is a colleague's.
    pub fn is_team_id(&self, id: &str) -> bool {
        self.team_ids.contains(id)
    }

    /// The reader's own notes (what is saved), in order.
    pub fn own_notes(&self) -> Vec<Note> {
        self.notes
            .iter()
            .filter(|n| !self.team_ids.contains(&n.id))
            .cloned()
            .collect()
    }

    /// Refuses a change to a colleague's note, saying what can be done.
    pub(crate) fn own(&self, id: &str) -> Result<(), ReadOnly> {
        match self.notes.iter().find(|n| n.id == id) {
            Some(n) if self.team_ids.contains(id) => Err(ReadOnly(format!(
                "this is {}'s note: read-only here (r replies to it, y copies it)",
                crate::document::sanitize::sanitize_line(&n.author)
            ))),
            _ => Ok(()),
        }
    }

    /// Takes the colleagues' notes out of `notes` (to put them back after
    /// the reader's own notes are replaced).
    pub(super) fn take_team(&mut self) -> Vec<Note> {
        let (team, own): (Vec<Note>, Vec<Note>) = std::mem::take(&mut self.notes)
            .into_iter()
            .partition(|n| self.team_ids.contains(&n.id));
        self.notes = own;
        team
    }

    /// Colleagues' notes as the team folder has them now. A note that is
    /// also the reader's own (one they shared) stays theirs. Returns the
    /// notes not seen before, counted by author.
    pub fn set_team(&mut self, brief: &Brief, team: Vec<Note>) -> Vec<(String, usize)> {
        let before = std::mem::take(&mut self.team_ids);
        self.notes.retain(|n| !before.contains(&n.id));
        let own: std::collections::HashSet<String> =
            self.notes.iter().map(|n| n.id.clone()).collect();
        let mut fresh: BTreeMap<String, usize> = BTreeMap::new();
        for note in team {
            if own.contains(&note.id) || self.team_ids.contains(&note.id) {
                continue;
            }
            if !before.contains(&note.id) {
                *fresh.entry(note.author.clone()).or_default() += 1;
            }
            self.team_ids.insert(note.id.clone());
            self.notes.push(note);
        }
        self.place(brief);
        fresh.into_iter().collect()
    }

    /// How many colleagues' notes there are.
    pub fn team_count(&self) -> usize {
        self.team_ids.len()
    }

    /// Shares the reader's own note with the team, or stops sharing it.
    /// Returns whether it is shared now.
    pub fn toggle_shared(&mut self, brief: &Brief, id: &str) -> Result<bool, ReadOnly> {
        self.writable()?;
        self.own(id)?;
        let Some(n) = self.notes.iter_mut().find(|n| n.id == id) else {
            return Ok(false);
        };
        n.shared = !n.shared;
        if n.author.is_empty() {
            n.author.clone_from(&self.author);
        }
        n.updated = crate::notes::now_rfc3339();
        let shared = n.shared;
        self.commit(brief);
        Ok(shared)
    }

    /// A reply to note `parent` (anyone's), on the same paragraph, shared
    /// when the note it answers is a colleague's or shared.
    pub fn reply(
        &mut self,
        brief: &Brief,
        parent: &str,
        block: BlockId,
        text: String,
        typed: (Option<Kind>, Option<Stance>),
    ) -> Result<String, ReadOnly> {
        let shared = self
            .notes
            .iter()
            .find(|n| n.id == parent)
            .is_some_and(|p| p.shared || self.team_ids.contains(&p.id));
        let id = self.add(brief, block, text, Vec::new(), typed)?;
        if let Some(n) = self.notes.iter_mut().find(|n| n.id == id) {
            n.reply_to = Some(parent.to_owned());
            n.shared |= shared;
        }
        self.commit(brief);
        Ok(id)
    }
}
