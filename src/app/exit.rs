//! Leaving: `q` asks first when notes would be left unsaved, a signal
//! leaves without asking, and either way the app ends only once every
//! save is done.

use super::saves::Answer;
use super::{App, Ending, msg};
use crate::document::load::display_path;
use crate::keys::Command;

#[derive(Debug, Default)]
pub(super) struct Exit {
    /// The reader was told that quitting now leaves notes unsaved.
    pub(super) warned: bool,
    /// Leaving once every pending save is done, for this signal if one
    /// asked.
    pub(super) leaving: Option<Option<i32>>,
    pub(super) fatal: Option<String>,
}

impl App {
    pub(super) fn notes_saved(
        &mut self,
        seq: u64,
        file: &std::path::Path,
        result: Result<msg::SaveOutcome, String>,
    ) {
        let answer = self.cx.saves.answered(seq, file, result);
        let failed = matches!(answer, Answer::Failed(_));
        match &mut self.brief {
            Some(b) if b.notes_file() == Some(file) => b.notes_saved(answer, &mut self.cx),
            _ => {
                if let Answer::Failed(why) = answer {
                    let key = self.cx.hint(Command::ExportNotes);
                    self.cx.error(format!(
                        "notes of a brief you left were not saved (kept in memory; {key} in it \
                         writes them elsewhere): {why}"
                    ));
                }
            }
        }
        // A save that fails while leaving: stay, and ask. One that fails
        // again while the question is up keeps the question on screen.
        if failed && self.exit.leaving == Some(None) && !self.exit.warned {
            self.exit.leaving = None;
            self.request_quit();
        } else if failed
            && self.exit.warned
            && self.exit.leaving.is_none()
            && let Some(why) = self.unsaved_notes()
        {
            self.ask_to_quit(why);
        }
    }

    /// `q`: leave once every save is done; first ask, once, when notes
    /// would be left unsaved.
    pub(super) fn request_quit(&mut self) {
        if let Some(b) = &mut self.brief {
            b.save_reading(&mut self.cx);
        }
        if let Some(why) = self.unsaved_notes()
            && !self.exit.warned
        {
            self.exit.warned = true;
            for effect in self.cx.saves.retry_failed() {
                self.cx.push(effect);
            }
            self.ask_to_quit(why);
            return;
        }
        self.exit.leaving = Some(None);
    }

    /// The question before quitting without notes, with why they are not
    /// saved. It stays until the reader answers: any other key withdraws
    /// it (see `act`).
    fn ask_to_quit(&mut self, why: String) {
        let (quit, export) = (
            self.cx.hint(Command::Quit),
            self.cx.hint(Command::ExportNotes),
        );
        self.cx.error(format!(
            "notes not saved: press {quit} again to quit without them, or {export} to write \
             them elsewhere; {why}"
        ));
    }

    /// Leaves without asking (a signal, the terminal gone): the reading
    /// state is saved and failed note saves are tried once more.
    pub(super) fn leave(&mut self, signal: Option<i32>) {
        if let Some(b) = &mut self.brief {
            b.save_reading(&mut self.cx);
        }
        for effect in self.cx.saves.retry_failed() {
            self.cx.push(effect);
        }
        self.exit.warned = true;
        self.exit.leaving = Some(signal);
    }

    /// Why some notes exist only in memory, if any do.
    pub(super) fn unsaved_notes(&self) -> Option<String> {
        if let Some((request, why)) = self.cx.saves.failed().next() {
            let file = display_path(&request.file);
            let n = request.notes.len();
            return Some(format!("{n} note(s) of {file} are in memory only: {why}"));
        }
        let b = self.brief.as_ref()?;
        let why = b.notes.memory_only()?;
        (!b.notes.notes.is_empty()).then(|| format!("in memory only: {why}"))
    }

    /// Set once the app has finished: quit, or ended by a signal or an
    /// error, with every save done.
    pub fn ended(&self) -> Option<Ending> {
        let signal = self.exit.leaving?;
        if self.cx.saves.pending() {
            return None;
        }
        // Notes left behind after the reader said so (or a signal left no
        // time to ask) are named on the way out, and the exit code says
        // something was lost.
        let lost = self
            .unsaved_notes()
            .map(|why| format!("notes not saved (quit without them): {why}"));
        Some(Ending {
            signal,
            fatal: self.exit.fatal.clone(),
            lost,
        })
    }
}
