//! The notes of the open brief as the app holds them: the list, where each
//! note sits on the brief now, and where changes go.
//!
//! Every change is queued for saving at once ([`NotesState::take_save`]);
//! the store worker writes it and the answer comes back as a message. A
//! failed save keeps the notes in memory, says so, and the next change (or
//! quitting) sends everything again: nothing is dropped.

use std::collections::{HashMap, HashSet};

use crate::app::msg::NotesHome;
use crate::document::{BlockId, Brief};
use crate::notes::{
    Kind, Note, Placed, Placement, Stance, TagOp, anchor_for, place_notes, refresh_anchors,
};

#[derive(Debug)]
pub struct NotesState {
    pub notes: Vec<Note>,
    pub placements: Vec<Placement>,
    by_block: HashMap<BlockId, Vec<usize>>,
    per_section: Vec<u32>,
    /// Deleted notes, most recent last, for undo.
    deleted: Vec<Note>,
    /// The notes as the file last had them: a save merges our changes
    /// since then with another instance's.
    base: Vec<Note>,
    pub home: NotesHome,
    /// A change waits to be sent to the store.
    dirty: bool,
    /// Colleagues' notes (read from the team folder) among `notes`, by
    /// id: shown, replied to and copied, never changed or saved here.
    team_ids: HashSet<String>,
    /// Who signs new notes, and whether they are shared as made.
    pub author: String,
    pub share_new: bool,
    /// The brief's folder in the team folder (colleagues' notes are read
    /// from there); empty without a team folder.
    pub team_dir: std::path::PathBuf,
    /// The team folder has been read since the brief opened.
    pub team_read: bool,
    /// Problems with colleagues' files already told: each is said once.
    pub team_told: HashSet<String>,
}

/// A note change the reader asked for, refused: the notes cannot be
/// written (the reason says why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOnly(pub String);

impl NotesState {
    pub fn new(brief: &Brief, notes: Vec<Note>, home: NotesHome) -> NotesState {
        let mut state = NotesState {
            base: notes.clone(),
            notes,
            placements: Vec::new(),
            by_block: HashMap::new(),
            per_section: Vec::new(),
            deleted: Vec::new(),
            home,
            dirty: false,
            team_ids: HashSet::new(),
            author: String::new(),
            share_new: false,
            team_dir: Default::default(),
            team_read: false,
            team_told: HashSet::new(),
        };
        state.place(brief);
        state
    }

    /// Notes kept in memory only, e.g. for a brief with no data folder.
    pub fn in_memory(brief: &Brief, why: &str) -> NotesState {
        NotesState::new(brief, Vec::new(), NotesHome::Memory(why.to_owned()))
    }

    /// Recomputes where each note sits and the indexes over that.
    pub fn place(&mut self, brief: &Brief) {
        self.placements = place_notes(brief, &self.notes);
        self.by_block.clear();
        self.per_section = vec![0; brief.sections.len()];
        for (i, p) in self.placements.iter().enumerate() {
            if let Some(b) = p.block {
                self.by_block.entry(b).or_default().push(i);
                if let Some(count) = self.per_section.get_mut(brief.section_of(b)) {
                    *count += 1;
                }
            }
        }
    }

    /// Indexes of the notes on a block, oldest first.
    pub fn on_block(&self, block: BlockId) -> &[usize] {
        self.by_block.get(&block).map_or(&[], Vec::as_slice)
    }

    pub fn count_in_section(&self, section: usize) -> u32 {
        self.per_section.get(section).copied().unwrap_or(0)
    }

    pub fn orphaned(&self) -> impl Iterator<Item = usize> + '_ {
        self.placements
            .iter()
            .enumerate()
            .filter(|(_, p)| p.how == Placed::Orphaned)
            .map(|(i, _)| i)
    }

    pub fn orphan_count(&self) -> usize {
        self.orphaned().count()
    }

    /// Why the notes cannot be changed, when they cannot.
    pub fn read_only(&self) -> Option<&str> {
        match &self.home {
            NotesHome::ReadOnly(why) => Some(why),
            _ => None,
        }
    }

    /// Why changes are kept in memory only, when they are.
    pub fn memory_only(&self) -> Option<&str> {
        match &self.home {
            NotesHome::Memory(why) => Some(why),
            _ => None,
        }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.notes.iter().position(|n| n.id == id)
    }

    /// Every tag on this brief's notes with its count, by name.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for n in &self.notes {
            for t in &n.tags {
                *counts.entry(t.as_str()).or_default() += 1;
            }
        }
        counts.into_iter().map(|(t, c)| (t.to_owned(), c)).collect()
    }

    /// Adds a note with a kind and a stance. Returns its id.
    pub fn add(
        &mut self,
        brief: &Brief,
        block: BlockId,
        text: String,
        tags: Vec<String>,
        typed: (Option<Kind>, Option<Stance>),
    ) -> Result<String, ReadOnly> {
        self.writable()?;
        let mut note = Note::new(anchor_for(brief, block), text, tags);
        (note.kind, note.stance) = typed;
        note.author.clone_from(&self.author);
        note.shared = self.share_new;
        let id = note.id.clone();
        self.notes.push(note);
        self.commit(brief);
        Ok(id)
    }

    /// Changes a note's text, kind and stance.
    pub fn set_text(
        &mut self,
        brief: &Brief,
        id: &str,
        text: String,
        typed: (Option<Kind>, Option<Stance>),
    ) -> Result<(), ReadOnly> {
        self.writable()?;
        self.own(id)?;
        if let Some(n) = self.notes.iter_mut().find(|n| n.id == id) {
            n.text = text;
            (n.kind, n.stance) = typed;
            n.touch();
        }
        self.commit(brief);
        Ok(())
    }

    /// Tags a block whose tags are spread over several notes (`ids`, in
    /// the order shown): a tag taken off goes from every one of them, a new
    /// tag goes on the first. Notes left with nothing are removed.
    pub fn set_block_tags(
        &mut self,
        brief: &Brief,
        ids: &[String],
        tags: &[String],
    ) -> Result<(), ReadOnly> {
        self.writable()?;
        let ids: Vec<String> = ids
            .iter()
            .filter(|id| !self.team_ids.contains(*id))
            .cloned()
            .collect();
        let ids = ids.as_slice();
        let mut on_block: Vec<String> = Vec::new();
        for id in ids {
            if let Some(i) = self.index_of(id) {
                for t in &self.notes[i].tags {
                    if !on_block.contains(t) {
                        on_block.push(t.clone());
                    }
                }
            }
        }
        // New tags go on the first of the notes still there (one may have
        // gone meanwhile, by a reload).
        let first = ids.iter().find(|id| self.index_of(id).is_some());
        for id in ids {
            let Some(i) = self.index_of(id) else { continue };
            let n = &mut self.notes[i];
            let mut kept: Vec<String> = n
                .tags
                .iter()
                .filter(|t| tags.contains(t))
                .cloned()
                .collect();
            if Some(id) == first {
                kept.extend(tags.iter().filter(|t| !on_block.contains(t)).cloned());
            }
            if kept != n.tags {
                n.tags = kept;
                n.touch();
            }
        }
        self.notes.retain(|n| {
            !(ids.contains(&n.id)
                && n.tags.is_empty()
                && n.text.trim().is_empty()
                && n.kind.is_none()
                && n.stance.is_none())
        });
        self.commit(brief);
        Ok(())
    }

    /// Applies a tag change to this brief's notes; returns how many notes
    /// changed.
    pub fn retag(&mut self, brief: &Brief, op: &TagOp) -> Result<usize, ReadOnly> {
        self.writable()?;
        let team = self.take_team();
        let (changed, _) = crate::notes::retag::retag_notes(&mut self.notes, op);
        self.notes.extend(team);
        if changed > 0 {
            self.commit(brief);
        }
        Ok(changed)
    }

    /// Puts a note on `block` (an orphaned or moved note the reader has
    /// placed): its anchor is that block's now, its flag acknowledged.
    pub fn attach(&mut self, brief: &Brief, id: &str, block: BlockId) -> Result<(), ReadOnly> {
        self.writable()?;
        self.own(id)?;
        if let Some(n) = self.notes.iter_mut().find(|n| n.id == id) {
            n.anchor = anchor_for(brief, block);
            n.touch();
        }
        self.commit(brief);
        Ok(())
    }

    /// Deletes a note (undo brings it back).
    pub fn delete(&mut self, brief: &Brief, id: &str) -> Result<(), ReadOnly> {
        self.writable()?;
        self.own(id)?;
        if let Some(i) = self.index_of(id) {
            self.deleted.push(self.notes.remove(i));
        }
        self.commit(brief);
        Ok(())
    }

    /// Brings back the last deleted note. False when there is none.
    pub fn undo_delete(&mut self, brief: &Brief) -> Result<bool, ReadOnly> {
        self.writable()?;
        let Some(note) = self.deleted.pop() else {
            return Ok(false);
        };
        self.notes.push(note);
        self.commit(brief);
        Ok(true)
    }

    pub(super) fn writable(&self) -> Result<(), ReadOnly> {
        match self.read_only() {
            Some(why) => Err(ReadOnly(format!("notes are read-only: {why}"))),
            None => Ok(()),
        }
    }

    /// Brings anchors up to date with where the notes sit now and queues
    /// the save. Notes that followed an edited or moved block say so until
    /// edited.
    fn commit(&mut self, brief: &Brief) {
        self.place(brief);
        refresh_anchors(brief, &mut self.notes, &self.placements);
        self.dirty = true;
    }

    /// Notes deleted here that another window had edited meanwhile, so
    /// the save kept them: they are back in `stored`.
    pub fn kept_by_other(&self, stored: &[Note]) -> usize {
        self.deleted
            .iter()
            .filter(|d| stored.iter().any(|n| n.id == d.id))
            .count()
    }

    /// The reader turned down notes offered as this brief's: its own file
    /// is written (empty), so that the offer is not made again.
    pub fn keep_apart(&mut self) {
        self.dirty = true;
    }

    /// The notes to send to the store, once per change: (the base they
    /// descend from, the notes). None when nothing changed or the notes
    /// have no file.
    pub fn take_save(&mut self) -> Option<(&[Note], Vec<Note>)> {
        if !std::mem::take(&mut self.dirty) {
            return None;
        }
        matches!(self.home, NotesHome::File { .. })
            .then(|| (self.base.as_slice(), self.own_notes()))
    }

    /// The store saved our latest notes: this is the file now (ours merged
    /// with any other instance's).
    pub fn saved(&mut self, brief: &Brief, stored: Vec<Note>) {
        // A deleted note the save kept (edited elsewhere) is no longer
        // deleted: undo must not bring back a second copy.
        self.deleted.retain(|d| stored.iter().all(|n| n.id != d.id));
        self.base = stored.clone();
        let team = self.take_team();
        self.notes = stored;
        self.notes.extend(team);
        self.place(brief);
    }

    /// The notes file as another window left it, taken as ours when we
    /// have no change of our own waiting; false when it holds nothing new.
    pub fn from_disk(&mut self, brief: &Brief, stored: Vec<Note>) -> bool {
        if self.dirty || stored == self.base {
            return false;
        }
        // Our deleted notes that are back were edited elsewhere: kept, and
        // no longer ours to undo.
        self.deleted.retain(|d| stored.iter().all(|n| n.id != d.id));
        self.base = stored.clone();
        let team = self.take_team();
        self.notes = stored;
        self.notes.extend(team);
        self.place(brief);
        true
    }

    /// Takes over notes another save of this file left unsaved (a brief
    /// reopened before its save went through), so they are not lost.
    pub fn adopt_unsaved(&mut self, brief: &Brief, base: Vec<Note>, notes: Vec<Note>) {
        self.base = base;
        let team = self.take_team();
        self.notes = notes;
        self.notes.extend(team);
        self.commit(brief);
    }
}

mod team;
#[cfg(test)]
mod tests;
