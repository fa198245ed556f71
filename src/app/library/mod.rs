//! The library screen: every brief under a folder with what the reader
//! needs to choose one (date, progress, notes, updated), a preview, one
//! search prompt over titles and full text, and the notes of every brief.

mod cells;
mod layout;
mod notes_across;
mod search;

use std::path::{Path, PathBuf};

use ratatui::layout::Rect;

use super::brief::BriefScreen;
use super::msg::{Effect, LoadRequest, Scanned, Target};
use super::prompt::PromptEvent;
use super::select::Selection;
use super::shared::{Nav, Shared};
use super::status::{Notice, Tone};
use crate::catalogue::{Library, SortKey, sort_order};
use crate::document::sanitize::sanitize_line;
use crate::keys::{Action, Command, Context};
use crate::reading::Progress;

pub use cells::{Col, ColWidths};
pub use layout::{LibraryLayout, TITLE_WANT};
pub use notes_across::{NOTE_ROWS, NotesAcross};
pub use search::{LibrarySearch, PASSAGES};

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Brief(usize),
    /// Index into the search's passages.
    Passage(usize),
}

#[derive(Debug)]
pub struct LibraryScreen {
    pub dir: PathBuf,
    /// None while the first scan runs.
    pub scanned: Option<Scanned>,
    pub order: Vec<usize>,
    pub sort: SortKey,
    pub sel: Selection,
    pub search: Option<LibrarySearch>,
    pub notes: Option<NotesAcross>,
    /// A first build of the search index is running: how far it is.
    pub indexing: Option<crate::search::Progress>,
    /// The widest cell of each column, measured when the list changes.
    pub widths: ColWidths,
    /// How often the work that grows with the library was done, for tests
    /// that keep it off the path of every key.
    #[cfg(test)]
    pub(crate) work: Work,
}

/// Counts of the library's whole-list work (tests only).
#[cfg(test)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Work {
    /// [`LibraryScreen::keep_in_view`] calls.
    pub kept: usize,
    /// Column widths measured over the library.
    pub measured: usize,
}

impl LibraryScreen {
    /// The library of a folder, listed off the UI thread.
    pub fn new(dir: PathBuf, cx: &mut Shared) -> LibraryScreen {
        cx.push(Effect::ScanLibrary { dir: dir.clone() });
        LibraryScreen {
            dir,
            scanned: None,
            order: Vec::new(),
            sort: SortKey::Date,
            sel: Selection::default(),
            search: None,
            notes: None,
            indexing: None,
            widths: ColWidths::default(),
            #[cfg(test)]
            work: Work::default(),
        }
    }

    pub fn library(&self) -> Option<&Library> {
        self.scanned.as_ref().map(|s| &s.library)
    }

    fn resort(&mut self) {
        if let Some(s) = &self.scanned {
            self.order = sort_order(&s.library, self.sort, &s.progress, &s.notes);
        }
    }

    /// The search whose results are shown (one with something typed).
    fn shown_search(&self) -> Option<&LibrarySearch> {
        self.search
            .as_ref()
            .filter(|s| !s.prompt.value().trim().is_empty())
    }

    /// Rows shown: the sorted list, or the search's briefs then its
    /// passages.
    pub fn row_count(&self) -> usize {
        match self.shown_search() {
            Some(s) => s.briefs.len() + s.passages.len(),
            None => self.order.len(),
        }
    }

    /// The row at `i` of what is shown, without listing the others.
    pub fn row(&self, i: usize) -> Option<Row> {
        match self.shown_search() {
            Some(s) => match s.briefs.get(i) {
                Some(m) => Some(Row::Brief(m.entry)),
                None => {
                    let p = i - s.briefs.len();
                    (p < s.passages.len()).then_some(Row::Passage(p))
                }
            },
            None => self.order.get(i).map(|&e| Row::Brief(e)),
        }
    }

    /// Where everything goes on a screen of this size.
    pub fn layout(&self, area: Rect) -> LibraryLayout {
        if self.notes.is_some() {
            return LibraryLayout::compute(area, true, false, false, 0);
        }
        // The first rows are the briefs, when there are any.
        let header = matches!(self.row(0), Some(Row::Brief(_)));
        // Titles first: the preview narrows for the longest (up to a cap),
        // measured when the library was listed.
        let want = self.widths.title() as u16 + layout::COLUMNS_WANT;
        LibraryLayout::compute(area, self.search.is_some(), header, true, want)
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.row(self.sel.selected)
    }

    pub fn progress_of(&self, entry: usize) -> (Progress, bool) {
        let Some(s) = &self.scanned else {
            return (Progress::Unread, false);
        };
        let path = &s.library.entries[entry].canonical;
        (
            s.progress.get(path).copied().unwrap_or(Progress::Unread),
            s.updated.contains(path),
        )
    }

    pub fn notes_of(&self, entry: usize) -> usize {
        self.scanned.as_ref().map_or(0, |s| {
            s.notes
                .get(&s.library.entries[entry].canonical)
                .copied()
                .unwrap_or(0)
        })
    }

    /// Keeps the selection in view on a screen of this size: after every
    /// message while the library is shown (the app's `settle`).
    pub fn keep_in_view(&mut self, size: Rect) {
        #[cfg(test)]
        {
            self.work.kept += 1;
        }
        let rows = self.layout(size).list_rows();
        match &mut self.notes {
            Some(n) => {
                let len = n.shown().len();
                n.sel.keep_in_view(len, rows / NOTE_ROWS);
            }
            None => {
                let len = self.row_count();
                let mut sel = self.sel;
                sel.keep_in_view_by(len, |i| self.row_height(i), rows);
                self.sel = sel;
            }
        }
    }

    /// Puts the selection on a brief by its resolved path (returning from
    /// it).
    fn select_canonical(&mut self, canonical: &Path) {
        let Some(entry) = self.library().and_then(|lib| lib.find(canonical)) else {
            return;
        };
        self.select_entry(entry);
    }

    /// The brief a row stands for (a passage's brief for a passage).
    fn entry_of(&self, row: Row) -> Option<usize> {
        match row {
            Row::Brief(e) => Some(e),
            Row::Passage(p) => self.search.as_ref()?.passages.get(p).map(|p| p.entry),
        }
    }

    /// Selects the row of a brief in what is shown now (the sorted list or
    /// the search results). A selected row already on that brief, such as
    /// the passage it was opened from, stays selected.
    fn select_entry(&mut self, entry: usize) {
        let here = self.selected_row().and_then(|r| self.entry_of(r));
        if here == Some(entry) {
            return;
        }
        let of = |i| self.row(i).and_then(|r| self.entry_of(r));
        if let Some(row) = (0..self.row_count()).position(|i| of(i) == Some(entry)) {
            self.sel.select(row);
        }
    }

    /// What the status line says on its right: the message, else what
    /// the keys do here.
    pub fn notice(&self, cx: &Shared) -> Notice {
        if let Some(m) = cx.status.message_notice() {
            return m;
        }
        if cx.status.saving {
            return Notice::new(" saving… ", Tone::Message);
        }
        if let Some(p) = self.indexing {
            return Notice::new(format!(" indexing {p} "), Tone::Message);
        }
        let k = |c| cx.hint(c);
        let l = |c| cx.hint_in(Context::List, c);
        let hints: Vec<(String, &str)> = if self.context() == Context::List {
            vec![
                (l(Command::Open), "results"),
                (format!("{}/{}", l(Command::Up), l(Command::Down)), "choose"),
                (l(Command::Cancel), "clears"),
            ]
        } else {
            vec![
                (k(Command::Search), "search"),
                (k(Command::Sort), "sort"),
                (k(Command::Open), "open"),
                (k(Command::Help), "help"),
                (k(Command::Quit), "quit"),
            ]
        };
        let text: Vec<String> = hints.iter().map(|(k, w)| format!("{k} {w}")).collect();
        Notice::new(format!(" {} ", text.join("  ")), Tone::Hints)
    }

    /// Which bindings apply now.
    pub fn context(&self) -> Context {
        let typing = self.search.as_ref().is_some_and(|s| s.editing)
            || self.notes.as_ref().is_some_and(|n| n.editing);
        if typing {
            Context::List
        } else {
            Context::Normal
        }
    }

    pub fn update(&mut self, action: Action, cx: &mut Shared) {
        match action {
            Action::Command(c) if self.notes.is_some() => self.notes_command(c, cx),
            Action::Command(c) if self.context() == Context::List => self.search_command(c, cx),
            Action::Command(c) => self.command(c, cx),
            Action::Key(key) if self.notes.is_some() => self.notes_typed(key),
            Action::Key(key) => self.search_typed(key, cx),
            Action::Paste(text) => self.paste(&text, cx),
            Action::Scroll { lines, .. } => {
                let c = if lines > 0 {
                    Command::Down
                } else {
                    Command::Up
                };
                self.update(Action::Command(c), cx);
            }
            Action::Resize { .. } | Action::Click { .. } => {}
        }
    }

    /// The library's own commands (quitting, help and the theme are the
    /// app's).
    fn command(&mut self, c: Command, cx: &mut Shared) {
        if let Some(step) = crate::app::brief::list_step(c) {
            self.step_rows(step, cx.size);
            return;
        }
        match c {
            Command::Search => {
                self.search
                    .get_or_insert_with(LibrarySearch::default)
                    .editing = true;
            }
            Command::Sort => {
                // The brief selected stays selected, wherever it sorts to.
                let chosen = self.selected_row().and_then(|r| self.entry_of(r));
                self.sort = self.sort.next();
                self.resort();
                match chosen {
                    Some(entry) => self.select_entry(entry),
                    None => self.sel.reset(),
                }
                cx.say(format!("sorted by {}", self.sort.name()));
            }
            Command::Cancel => {
                let chosen = self.selected_row().and_then(|r| self.entry_of(r));
                self.search = None;
                self.sel.reset();
                if let Some(entry) = chosen {
                    self.select_entry(entry);
                }
            }
            Command::Open => self.open_row(cx),
            Command::ToggleNotes => {
                self.notes = Some(NotesAcross::default());
                cx.push(Effect::LoadAllNotes);
            }
            Command::Library | Command::Back => cx.go(Nav::Brief),
            _ => {}
        }
    }

    fn paste(&mut self, text: &str, cx: &mut Shared) {
        if let Some(notes) = &mut self.notes {
            notes.prompt.paste(text);
            notes.query_changed();
        } else if let Some(search) = &mut self.search
            && search.prompt.paste(text) == PromptEvent::Changed
        {
            self.refresh_search(cx);
        }
    }

    /// Enter on a row: the brief, or the passage at its block with the
    /// query highlighted.
    fn open_row(&mut self, cx: &mut Shared) {
        let Some(library) = self.library() else {
            return;
        };
        let (path, at) = match self.selected_row() {
            Some(Row::Brief(i)) => {
                let entry = &library.entries[i];
                if let Some(err) = entry.error() {
                    cx.error(sanitize_line(err));
                    return;
                }
                (entry.path.clone(), None)
            }
            Some(Row::Passage(i)) => {
                let Some(p) = self.search.as_ref().and_then(|s| s.passages.get(i)) else {
                    return;
                };
                let query = self
                    .search
                    .as_ref()
                    .map(|s| crate::search::Query::parse(s.prompt.value()).plain_text())
                    .unwrap_or_default();
                let at = Target::Match {
                    block: p.block,
                    query,
                };
                (p.path.clone(), Some(at))
            }
            None => return,
        };
        cx.history.clear();
        cx.go(Nav::Open(LoadRequest {
            path,
            at,
            reload: false,
            back: None,
            attach: None,
        }));
    }

    /// The scan finished: the list shows. After a rescan (briefs added,
    /// changed or removed meanwhile) the same brief stays selected and a
    /// search is asked again.
    pub fn scanned(&mut self, scanned: Scanned, cx: &mut Shared) {
        let problem = scanned.library.problems.first().cloned();
        let chosen = self.selected_canonical();
        let first = self.scanned.is_none();
        self.scanned = Some(scanned);
        self.resort();
        self.measure_columns();
        match chosen {
            Some(path) => self.select_canonical(&path),
            None => self.sel.reset(),
        }
        if self.search.is_some() {
            self.refresh_search(cx);
        }
        if let Some(p) = problem.filter(|_| first) {
            cx.error(sanitize_line(&p));
        }
    }

    /// The folder changed: list it again (the metadata cache makes this
    /// cheap: only new and changed briefs are read).
    pub fn rescan(&mut self, cx: &mut Shared) {
        cx.push(Effect::ScanLibrary {
            dir: self.dir.clone(),
        });
    }

    /// The resolved path of the selected row's brief.
    fn selected_canonical(&self) -> Option<PathBuf> {
        let entry = self.selected_row().and_then(|r| self.entry_of(r))?;
        Some(self.library()?.entries.get(entry)?.canonical.clone())
    }

    /// Back from reading a brief: it is selected, with its progress, its
    /// "updated" mark and its notes brought up to date.
    pub fn returned_from(&mut self, brief: &BriefScreen) {
        let Some(canonical) = brief.canonical.clone() else {
            return;
        };
        if let (Some(session), Some(scanned)) = (&brief.reading, &mut self.scanned) {
            scanned
                .progress
                .insert(canonical.clone(), session.state.progress_on(&brief.brief));
            // Still updated while a changed section has not been re-read.
            if session.unseen.is_empty() {
                scanned.updated.remove(&canonical);
            } else {
                scanned.updated.insert(canonical.clone());
            }
            scanned
                .notes
                .insert(canonical.clone(), brief.notes.notes.len());
            self.measure_columns();
        }
        self.resort();
        self.select_canonical(&canonical);
    }
}

#[cfg(test)]
mod tests;
