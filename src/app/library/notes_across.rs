//! Notes across the library (`m` in the library): the same query as
//! `brief notes`, typed after `/`; Enter goes to the note's paragraph.

use crate::app::prompt::Prompt;
use crate::app::select::Selection;
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
}

impl NotesAcross {
    /// The rows that pass the typed query, as indexes into `rows`.
    pub fn shown(&self) -> Vec<usize> {
        let Some(rows) = &self.rows else {
            return Vec::new();
        };
        let (filter, words) = Filter::parse(self.prompt.value());
        (0..rows.len())
            .filter(|&i| filter.keeps(&rows[i]) && has_words(&rows[i], &words))
            .collect()
    }

    /// The note selected, if any passes the query.
    pub fn selected(&self) -> Option<&ExportNote> {
        let i = *self.shown().get(self.sel.selected)?;
        self.rows.as_ref()?.get(i)
    }
}
