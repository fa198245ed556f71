//! The notes of the open brief as the app holds them: the list, where each
//! note sits on the brief now, and the backing file they are saved to.
//!
//! Every change is saved at once. A failed save keeps the notes in memory,
//! says so, and is retried on the next change; nothing is dropped.

use std::collections::HashMap;

use crate::document::{BlockId, Brief};
use std::path::Path;

use crate::notes::store::{BriefNotes, FORMAT_VERSION, Header, NotesFile, Store};
use crate::notes::{
    Kind, Note, Placed, Placement, Stance, TagOp, anchor_for, place_notes, refresh_anchors,
};

/// Where notes are saved. The app only needs to save and to know whether
/// it may; files, locking and merging live behind this.
pub trait Backing: std::fmt::Debug + Send {
    /// Saves `notes` and returns what is now stored, which may include
    /// notes another instance saved meanwhile.
    fn save(&mut self, notes: &[Note]) -> Result<Vec<Note>, String>;
    /// Why notes cannot be saved, when they cannot.
    fn read_only(&self) -> Option<String>;
    /// Where the notes are kept, for messages.
    fn location(&self) -> String;
    /// Tags used on any brief, for completion.
    fn known_tags(&self) -> Vec<String> {
        Vec::new()
    }
    /// Every tag with its count across all briefs' notes.
    fn all_tags(&self) -> Vec<(String, usize)> {
        Vec::new()
    }
    /// Applies a tag change to every other brief's notes: (files changed,
    /// files skipped with why).
    fn retag_others(&mut self, _op: &TagOp) -> Result<(usize, Vec<String>), String> {
        Ok((0, Vec::new()))
    }
    /// Writes `notes` as a notes file at `path` (anywhere: the way out
    /// when the data folder is full or read-only).
    fn export(&mut self, notes: &[Note], path: &Path) -> Result<(), String> {
        let file = NotesFile {
            version: FORMAT_VERSION,
            path: String::new(),
            title: String::new(),
            fingerprint: String::new(),
            notes: notes.to_vec(),
        };
        let text = toml::to_string(&file).map_err(|e| e.to_string())?;
        std::fs::write(path, text)
            .map_err(|e| format!("{}: {e}", crate::document::load::display_path(path)))
    }
}

/// Notes saved in the notes folder of the data directory.
#[derive(Debug)]
pub struct StoreBacking {
    store: Store,
    file: BriefNotes,
    header: Header,
}

impl StoreBacking {
    pub fn new(store: Store, file: BriefNotes, header: Header) -> StoreBacking {
        StoreBacking {
            store,
            file,
            header,
        }
    }

    /// The notes as read from the file.
    pub fn loaded(&self) -> Vec<Note> {
        self.file.notes.clone()
    }
}

impl Backing for StoreBacking {
    fn save(&mut self, notes: &[Note]) -> Result<Vec<Note>, String> {
        self.file.notes = notes.to_vec();
        self.file
            .save(self.header.clone())
            .map_err(|e| e.to_string())?;
        Ok(self.file.notes.clone())
    }

    fn read_only(&self) -> Option<String> {
        self.file.read_only.clone()
    }

    fn location(&self) -> String {
        crate::document::load::display_path(self.file.path())
    }

    fn export(&mut self, notes: &[Note], path: &Path) -> Result<(), String> {
        self.file.notes = notes.to_vec();
        self.file.export_to(path, false).map_err(|e| e.to_string())
    }

    fn known_tags(&self) -> Vec<String> {
        self.all_tags().into_iter().map(|(t, _)| t).collect()
    }

    fn all_tags(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for (_, f) in self.store.all().into_iter().filter_map(Result::ok) {
            for t in f.notes.into_iter().flat_map(|n| n.tags) {
                *counts.entry(t).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    fn retag_others(&mut self, op: &TagOp) -> Result<(usize, Vec<String>), String> {
        let own = self.file.path().to_path_buf();
        crate::notes::retag::retag(&self.store, op, Some(&own))
            .map(|(report, skipped)| (report.files, skipped))
            .map_err(|e| e.to_string())
    }
}

/// A backing that keeps notes in memory only (tests, or no data folder).
#[derive(Debug, Default)]
pub struct MemoryBacking {
    pub saved: Vec<Note>,
    pub why: Option<String>,
}

impl Backing for MemoryBacking {
    fn save(&mut self, notes: &[Note]) -> Result<Vec<Note>, String> {
        self.saved = notes.to_vec();
        Ok(self.saved.clone())
    }

    fn read_only(&self) -> Option<String> {
        None
    }

    fn location(&self) -> String {
        self.why.clone().unwrap_or_else(|| "memory".to_owned())
    }
}

#[derive(Debug)]
pub struct NotesState {
    pub notes: Vec<Note>,
    pub placements: Vec<Placement>,
    by_block: HashMap<BlockId, Vec<usize>>,
    per_section: Vec<u32>,
    /// Deleted notes, most recent last, for undo.
    deleted: Vec<Note>,
    backing: Box<dyn Backing>,
    /// The last save failed: the notes in memory are newer than the file.
    pub unsaved: bool,
    /// The reader was told that quitting would leave notes unsaved.
    pub unsaved_warned: bool,
}

impl NotesState {
    pub fn new(brief: &Brief, notes: Vec<Note>, backing: Box<dyn Backing>) -> NotesState {
        let mut state = NotesState {
            notes,
            placements: Vec::new(),
            by_block: HashMap::new(),
            per_section: Vec::new(),
            deleted: Vec::new(),
            backing,
            unsaved: false,
            unsaved_warned: false,
        };
        state.place(brief);
        state
    }

    pub fn in_memory(brief: &Brief) -> NotesState {
        NotesState::new(brief, Vec::new(), Box::new(MemoryBacking::default()))
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

    pub fn read_only(&self) -> Option<String> {
        self.backing.read_only()
    }

    pub fn location(&self) -> String {
        self.backing.location()
    }

    pub fn known_tags(&self) -> Vec<String> {
        self.backing.known_tags()
    }

    pub fn all_tags(&self) -> Vec<(String, usize)> {
        self.backing.all_tags()
    }

    pub fn retag_others(&mut self, op: &TagOp) -> Result<(usize, Vec<String>), String> {
        self.backing.retag_others(op)
    }

    /// Applies a tag change to this brief's notes and saves; returns how
    /// many notes changed.
    pub fn retag(&mut self, brief: &Brief, op: &TagOp) -> Result<usize, String> {
        let (changed, _) = crate::notes::retag::retag_notes(&mut self.notes, op);
        if changed == 0 {
            return Ok(0);
        }
        self.commit(brief).map(|()| changed)
    }

    /// Writes the notes in memory to a file of the reader's choosing.
    pub fn export(&mut self, path: &Path) -> Result<(), String> {
        self.backing.export(&self.notes, path)
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

    /// Adds a note on a block and saves. Returns its id.
    pub fn add(
        &mut self,
        brief: &Brief,
        block: BlockId,
        text: String,
        tags: Vec<String>,
    ) -> Result<String, String> {
        self.add_typed(brief, block, text, tags, None, None)
    }

    /// Adds a note with a kind and a stance and saves. Returns its id.
    pub fn add_typed(
        &mut self,
        brief: &Brief,
        block: BlockId,
        text: String,
        tags: Vec<String>,
        kind: Option<Kind>,
        stance: Option<Stance>,
    ) -> Result<String, String> {
        let mut note = Note::new(anchor_for(brief, block), text, tags);
        note.kind = kind;
        note.stance = stance;
        let id = note.id.clone();
        self.notes.push(note);
        self.commit(brief).map(|()| id)
    }

    /// Changes a note's text, kind and stance, and saves.
    pub fn set_text(
        &mut self,
        brief: &Brief,
        id: &str,
        text: String,
        kind: Option<Kind>,
        stance: Option<Stance>,
    ) -> Result<(), String> {
        if let Some(n) = self.notes.iter_mut().find(|n| n.id == id) {
            n.text = text;
            n.kind = kind;
            n.stance = stance;
            n.touch();
        }
        self.commit(brief)
    }

    /// Tags a block whose tags are spread over several notes (`ids`, in
    /// the order shown): a tag taken off goes from every one of them, a new
    /// tag goes on the first. Notes left with nothing are removed. One save.
    pub fn set_block_tags(
        &mut self,
        brief: &Brief,
        ids: &[String],
        tags: &[String],
    ) -> Result<(), String> {
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
        self.commit(brief)
    }

    /// Deletes a note (undo brings it back) and saves.
    pub fn delete(&mut self, brief: &Brief, id: &str) -> Result<(), String> {
        if let Some(i) = self.index_of(id) {
            self.deleted.push(self.notes.remove(i));
        }
        self.commit(brief)
    }

    /// Brings back the last deleted note. Returns false when there is none.
    pub fn undo_delete(&mut self, brief: &Brief) -> Result<bool, String> {
        let Some(note) = self.deleted.pop() else {
            return Ok(false);
        };
        self.notes.push(note);
        self.commit(brief).map(|()| true)
    }

    /// Brings anchors up to date with where the notes sit now, then saves.
    /// Notes that followed an edited or moved block say so until edited.
    fn commit(&mut self, brief: &Brief) -> Result<(), String> {
        self.place(brief);
        refresh_anchors(brief, &mut self.notes, &self.placements);
        if let Some(why) = self.backing.read_only() {
            self.unsaved = true;
            return Err(format!("notes are read-only: {why}"));
        }
        match self.backing.save(&self.notes) {
            Ok(stored) => {
                self.notes = stored;
                self.unsaved = false;
                self.place(brief);
                Ok(())
            }
            Err(e) => {
                self.unsaved = true;
                Err(format!("notes not saved (kept in memory): {e}"))
            }
        }
    }

    /// Saves again after a failure, e.g. before quitting.
    pub fn retry_save(&mut self, brief: &Brief) -> Result<(), String> {
        if self.unsaved {
            self.commit(brief)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn brief() -> Brief {
        parse(
            "## One\n\nFirst paragraph here.\n\nSecond paragraph here.\n\n## Two\n\nThird.\n",
            "t",
        )
    }

    #[test]
    fn added_note_is_found_on_its_block_and_counted_in_its_section() {
        let b = brief();
        let mut s = NotesState::in_memory(&b);
        s.add(&b, 1, "check".into(), vec!["uk".into()]).unwrap();
        assert_eq!(s.on_block(1), [0]);
        assert_eq!(s.count_in_section(0), 1);
        assert_eq!(s.count_in_section(1), 0);
    }

    #[test]
    fn delete_then_undo_restores_the_note() {
        let b = brief();
        let mut s = NotesState::in_memory(&b);
        let id = s.add(&b, 0, "x".into(), vec![]).unwrap();
        s.delete(&b, &id).unwrap();
        assert!(s.notes.is_empty());
        assert!(s.undo_delete(&b).unwrap());
        assert_eq!(s.notes[0].id, id);
        assert!(!s.undo_delete(&b).unwrap());
    }

    #[test]
    fn removing_the_last_tag_of_a_textless_note_removes_it() {
        let b = brief();
        let mut s = NotesState::in_memory(&b);
        let id = s.add(&b, 0, String::new(), vec!["uk".into()]).unwrap();
        s.set_block_tags(&b, std::slice::from_ref(&id), &[])
            .unwrap();
        assert!(s.notes.is_empty());
    }

    #[test]
    fn block_tags_spread_over_several_notes_are_edited_together() {
        let b = brief();
        let mut s = NotesState::in_memory(&b);
        let first = s
            .add(&b, 0, "first".into(), vec!["energy/grid".into()])
            .unwrap();
        let second = s
            .add(
                &b,
                0,
                "second".into(),
                vec!["sanctions".into(), "uk".into()],
            )
            .unwrap();
        let ids = [first.clone(), second.clone()];
        // The block shows energy/grid, sanctions, uk; the reader drops uk
        // and adds follow-up.
        let tags: Vec<String> = ["energy/grid", "sanctions", "follow-up"]
            .map(String::from)
            .to_vec();
        s.set_block_tags(&b, &ids, &tags).unwrap();
        let tags_of = |id: &str| s.notes[s.index_of(id).unwrap()].tags.clone();
        assert_eq!(tags_of(&first), ["energy/grid", "follow-up"]);
        assert_eq!(tags_of(&second), ["sanctions"]);
    }

    #[derive(Debug)]
    struct Failing;
    impl Backing for Failing {
        fn save(&mut self, _: &[Note]) -> Result<Vec<Note>, String> {
            Err("disk full".into())
        }
        fn read_only(&self) -> Option<String> {
            None
        }
        fn location(&self) -> String {
            "nowhere".into()
        }
    }

    #[test]
    fn notes_that_could_not_be_saved_can_be_exported_elsewhere() {
        let b = brief();
        let mut s = NotesState::new(&b, Vec::new(), Box::new(Failing));
        let _ = s.add(&b, 0, "rescue me".into(), vec!["uk".into()]);
        let path = std::env::temp_dir().join(format!("brief-export-{}.toml", std::process::id()));
        s.export(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        let file: NotesFile = toml::from_str(&text).unwrap();
        assert_eq!(file.notes.len(), 1);
        assert_eq!(file.notes[0].text, "rescue me");
    }

    #[test]
    fn failed_save_keeps_the_note_in_memory() {
        let b = brief();
        let mut s = NotesState::new(&b, Vec::new(), Box::new(Failing));
        let err = s.add(&b, 0, "keep me".into(), vec![]).unwrap_err();
        assert!(err.contains("disk full"));
        assert_eq!(s.notes.len(), 1);
        assert!(s.unsaved);
    }
}
