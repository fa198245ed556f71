//! Notes across the library (`m` in the library): the same query as
//! `brief notes`, typed after `/`; Enter goes to the note's paragraph.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::LibraryScreen;
use crate::app::msg::{LoadRequest, Target};
use crate::app::prompt::{Prompt, PromptEvent};
use crate::app::select::Selection;
use crate::app::shared::{Nav, Shared};
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::notes::export::{ExportNote, Filter, has_words};

/// Rows each note takes: its place, then its text.
pub const NOTE_ROWS: usize = 2;

#[derive(Debug, Default)]
pub struct NotesAcross {
    /// None while the notes are being read.
    pub rows: Option<Vec<ExportNote>>,
    pub prompt: Prompt,
    pub editing: bool,
    pub sel: Selection,
    /// The rows that pass the query, worked out when the rows or the query
    /// change rather than on every key and frame.
    shown: Vec<usize>,
    /// Times `shown` was worked out (tests only).
    #[cfg(test)]
    pub(crate) filtered: usize,
}

impl NotesAcross {
    /// The rows that pass the typed query, as indexes into `rows`.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// The notes of every brief have been read.
    pub fn set_rows(&mut self, rows: Vec<ExportNote>) {
        self.rows = Some(rows);
        self.refilter();
    }

    /// Works out which rows pass the query: after the rows or the query
    /// changed.
    fn refilter(&mut self) {
        #[cfg(test)]
        {
            self.filtered += 1;
        }
        let Some(rows) = &self.rows else {
            self.shown.clear();
            return;
        };
        let (filter, words) = Filter::parse(self.prompt.value());
        self.shown = (0..rows.len())
            .filter(|&i| filter.keeps(&rows[i]) && has_words(&rows[i], &words))
            .collect();
    }

    /// The query changed: the list is filtered again, from the top.
    pub(super) fn query_changed(&mut self) {
        self.refilter();
        self.sel.reset();
    }

    /// The note selected, if any passes the query.
    pub fn selected(&self) -> Option<&ExportNote> {
        let i = *self.shown().get(self.sel.selected)?;
        self.rows.as_ref()?.get(i)
    }
}

impl LibraryScreen {
    /// The notes of every brief have been read; `problems` are the notes
    /// files that could not be, whose notes are missing from the list.
    pub fn all_notes(&mut self, rows: Vec<ExportNote>, problems: &[String], cx: &mut Shared) {
        let rows = self.within_library(rows);
        if let Some(notes) = &mut self.notes {
            notes.set_rows(rows);
        }
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            cx.error(format!(
                "notes not fully read{more}: {}",
                sanitize_line(first)
            ));
        }
    }

    pub(super) fn notes_command(&mut self, c: Command, cx: &mut Shared) {
        let rows = self.layout(cx.size).list_rows() / NOTE_ROWS;
        let Some(notes) = &mut self.notes else {
            return;
        };
        if let Some(step) = crate::app::brief::list_step(c) {
            notes.sel.step(step, notes.shown().len(), rows, false);
            return;
        }
        match (c, notes.editing) {
            (Command::Open | Command::Submit, true) => notes.editing = false,
            (Command::Cancel, true) => {
                notes.editing = false;
                notes.prompt.clear();
                notes.query_changed();
            }
            (Command::Search, false) => notes.editing = true,
            (Command::ToggleNotes | Command::Cancel | Command::Back, false) => self.notes = None,
            (Command::Open, false) => self.open_note(cx),
            _ => {}
        }
    }

    /// Keys typed into the notes view's query.
    pub(super) fn notes_typed(&mut self, key: KeyEvent) {
        if let Some(notes) = &mut self.notes
            && notes.prompt.handle_key(key) == PromptEvent::Changed
        {
            notes.query_changed();
        }
    }

    fn open_note(&mut self, cx: &mut Shared) {
        let Some(row) = self.notes.as_ref().and_then(NotesAcross::selected) else {
            return;
        };
        if row.path.is_empty() {
            cx.error(
                "this note was made on a brief read from a pipe: it has no file to open \
                 (brief notes shows its quote)",
            );
            return;
        }
        if row.flags.contains(&"orphaned") {
            cx.error("this note's paragraph is gone (orphaned); brief notes shows its quote");
            return;
        }
        let at = Target::Address {
            section: row.section_number as usize,
            block: row.block as usize,
        };
        let path = PathBuf::from(&row.path);
        cx.history.clear();
        cx.go(Nav::Open(LoadRequest {
            path,
            at: Some(at),
            reload: false,
            back: None,
            attach: None,
        }));
    }

    /// The notes of this library's briefs: a brief found by its path, or,
    /// when its folder moved, by its text (then shown where it is now);
    /// notes of a brief deleted from the folder stay, those of briefs
    /// elsewhere are left out.
    fn within_library(&self, rows: Vec<ExportNote>) -> Vec<ExportNote> {
        let Some(library) = self.library() else {
            return rows;
        };
        rows.into_iter()
            .filter_map(|mut row| {
                let path = PathBuf::from(&row.path);
                if path.starts_with(&library.root) {
                    return Some(row);
                }
                let name = path.file_name();
                let same_text = |e: &&crate::catalogue::Entry| {
                    e.info().is_some_and(|i| i.content_hash == row.fingerprint)
                };
                let mut twins = library.entries.iter().filter(same_text);
                let first = twins.next()?;
                let heir = library
                    .entries
                    .iter()
                    .filter(same_text)
                    .find(|e| e.canonical.file_name() == name)
                    .unwrap_or(first);
                row.path = heir.canonical.to_string_lossy().into_owned();
                Some(row)
            })
            .collect()
    }
}
