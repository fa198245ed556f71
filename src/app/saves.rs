//! Saves in flight and saves that failed, for every notes file this run
//! has written: the app never waits for a save, but it never forgets one.
//!
//! Each request carries every note of its brief, so only the latest one
//! per file matters: its result is the file's state; an earlier result is
//! already superseded. A failed request is kept whole until a later save
//! of the same file succeeds, so quitting can retry it or export it even
//! after its brief was closed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::msg::{Effect, SaveOutcome, SaveRequest};
use crate::notes::Note;
use crate::notes::store::Header;

/// Ticks (about 100 ms each) a save may take before the status line says
/// "saving…": quick saves never flash it.
const QUIET_TICKS: u32 = 2;

#[derive(Debug, Default)]
pub struct Saves {
    next_seq: u64,
    files: BTreeMap<PathBuf, FileSaves>,
    /// Reading-state writes not yet answered.
    state_in_flight: u32,
    /// Ticks since the oldest pending save was sent.
    ticks: u32,
}

#[derive(Debug)]
struct FileSaves {
    /// The last request sent for the file.
    latest: SaveRequest,
    in_flight: u32,
    /// Why the latest request failed, until a later one succeeds.
    failed: Option<String>,
    /// What to say once the latest request is saved.
    then_say: Option<String>,
}

/// The answer to a save, as far as the app is concerned.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// The file's latest request was saved: this is what it holds now, and
    /// what to tell the reader.
    Saved(SaveOutcome, Option<String>),
    /// The file's latest request failed: the notes stay in memory.
    Failed(String),
    /// An earlier request: a later one is on its way.
    Superseded,
}

impl Saves {
    /// Sends the notes of a file to be saved; `then_say` is shown once they
    /// are on disk.
    pub fn request(
        &mut self,
        file: &Path,
        header: &Header,
        base: &[Note],
        notes: &[Note],
        then_say: Option<String>,
    ) -> Effect {
        self.next_seq += 1;
        let request = SaveRequest {
            seq: self.next_seq,
            file: file.to_path_buf(),
            header: header.clone(),
            base: base.to_vec(),
            notes: notes.to_vec(),
        };
        if !self.pending() {
            self.ticks = 0;
        }
        let entry = self.files.entry(file.to_path_buf());
        let saves = entry.or_insert_with(|| FileSaves {
            latest: request.clone(),
            in_flight: 0,
            failed: None,
            then_say: None,
        });
        saves.latest = request.clone();
        saves.in_flight += 1;
        saves.then_say = then_say;
        Effect::SaveNotes(request)
    }

    /// A save's result came back.
    pub fn answered(
        &mut self,
        seq: u64,
        file: &Path,
        result: Result<SaveOutcome, String>,
    ) -> Answer {
        let Some(saves) = self.files.get_mut(file) else {
            return Answer::Superseded;
        };
        saves.in_flight = saves.in_flight.saturating_sub(1);
        if seq != saves.latest.seq {
            return Answer::Superseded;
        }
        match result {
            Ok(outcome) => {
                let say = saves.then_say.take();
                self.files.remove(file);
                Answer::Saved(outcome, say)
            }
            Err(why) => {
                saves.failed = Some(why.clone());
                saves.then_say = None;
                Answer::Failed(why)
            }
        }
    }

    pub fn state_sent(&mut self) {
        if !self.pending() {
            self.ticks = 0;
        }
        self.state_in_flight += 1;
    }

    pub fn state_answered(&mut self) {
        self.state_in_flight = self.state_in_flight.saturating_sub(1);
    }

    /// Anything still on its way to disk.
    pub fn pending(&self) -> bool {
        self.state_in_flight > 0 || self.files.values().any(|f| f.in_flight > 0)
    }

    /// Counts a tick; true once pending saves have taken long enough to
    /// say so.
    pub fn tick(&mut self) -> bool {
        if !self.pending() {
            self.ticks = 0;
            return false;
        }
        self.ticks = self.ticks.saturating_add(1);
        self.slow()
    }

    /// Pending for long enough that the reader should know.
    pub fn slow(&self) -> bool {
        self.pending() && self.ticks >= QUIET_TICKS
    }

    /// Files whose latest save failed (and none is on its way): their notes
    /// exist only in memory.
    pub fn failed(&self) -> impl Iterator<Item = (&SaveRequest, &str)> {
        self.files
            .values()
            .filter(|f| f.in_flight == 0)
            .filter_map(|f| f.failed.as_deref().map(|why| (&f.latest, why)))
    }

    /// Whether a file's notes are waiting for a save or failed one.
    pub fn unsaved(&self, file: &Path) -> Option<&str> {
        self.files.get(file).and_then(|f| f.failed.as_deref())
    }

    /// The notes last sent for a file that is not saved yet: a brief
    /// reopened before its save went through shows these, not the file.
    pub fn latest(&self, file: &Path) -> Option<&SaveRequest> {
        self.files.get(file).map(|f| &f.latest)
    }

    /// Sends every failed save again (before quitting).
    pub fn retry_failed(&mut self) -> Vec<Effect> {
        let failed: Vec<SaveRequest> = self.failed().map(|(r, _)| r.clone()).collect();
        failed
            .into_iter()
            .map(|r| self.request(&r.file, &r.header, &r.base, &r.notes, None))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header::default()
    }

    fn outcome() -> SaveOutcome {
        SaveOutcome::default()
    }

    fn seq(effect: &Effect) -> u64 {
        match effect {
            Effect::SaveNotes(r) => r.seq,
            other => panic!("not a save: {other:?}"),
        }
    }

    #[test]
    fn only_the_latest_answer_of_a_file_counts() {
        let mut saves = Saves::default();
        let file = Path::new("/data/notes/a.toml");
        let first = seq(&saves.request(file, &header(), &[], &[], None));
        let second = seq(&saves.request(file, &header(), &[], &[], Some("saved".into())));
        assert!(saves.pending());
        assert_eq!(
            saves.answered(first, file, Ok(outcome())),
            Answer::Superseded
        );
        assert_eq!(
            saves.answered(second, file, Ok(outcome())),
            Answer::Saved(outcome(), Some("saved".into()))
        );
        assert!(!saves.pending());
    }

    #[test]
    fn a_failed_save_is_kept_until_retried_and_saved() {
        let mut saves = Saves::default();
        let file = Path::new("/data/notes/a.toml");
        let s = seq(&saves.request(file, &header(), &[], &[], None));
        saves.answered(s, file, Err("disk full".into()));
        assert_eq!(saves.failed().count(), 1);
        assert_eq!(saves.unsaved(file), Some("disk full"));
        let retry = saves.retry_failed();
        assert_eq!(retry.len(), 1);
        assert_eq!(saves.failed().count(), 0, "on its way again");
        saves.answered(seq(&retry[0]), file, Ok(outcome()));
        assert_eq!(saves.unsaved(file), None);
    }

    #[test]
    fn saying_saving_waits_for_a_slow_save() {
        let mut saves = Saves::default();
        let file = Path::new("/data/notes/a.toml");
        saves.request(file, &header(), &[], &[], None);
        assert!(!saves.tick(), "a quick save says nothing");
        assert!(saves.tick());
    }
}
