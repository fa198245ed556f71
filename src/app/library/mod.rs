//! The library view: every brief under a folder with what the reader needs
//! to choose one (date, progress, notes, updated), a preview, and one
//! search prompt over titles and full text.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEvent;

use super::find::list_step;
use super::prompt::{Prompt, PromptEvent};
use super::{App, Effect, Target, View};
use crate::catalogue::{Library, SortKey, sort_order};
use crate::keys::Command;
use crate::notes::export::{ExportNote, Filter, has_words};
use crate::reading::Progress;
use crate::search::{BriefMatch, Passage, SearchResponse, Total, match_briefs};

/// Briefs matched by title in the search list, at most.
const BRIEF_MATCHES: usize = 8;
/// Passages asked for per search (one screen or so is read; more would
/// only cost time while typing).
pub const PASSAGES: usize = 60;

/// What the scan thread found: the list and what the list shows beside it.
#[derive(Debug)]
pub struct Scanned {
    pub library: Library,
    /// Reading progress and "updated since last read", by canonical path.
    pub progress: HashMap<PathBuf, Progress>,
    pub updated: HashSet<PathBuf>,
    pub notes: HashMap<PathBuf, usize>,
}

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Brief(usize),
    /// Index into the search's passages.
    Passage(usize),
}

#[derive(Debug, Default)]
pub struct LibrarySearch {
    pub prompt: Prompt,
    pub editing: bool,
    pub briefs: Vec<BriefMatch>,
    pub passages: Vec<Passage>,
    pub total: Option<Total>,
    /// A search is on its way for the text as typed.
    pub waiting: bool,
}

/// Notes across the library (`m` in the library): the same query as
/// `brief notes`, typed after `/`; Enter goes to the note's paragraph.
#[derive(Debug, Default)]
pub struct NotesAcross {
    /// None while the notes are being read.
    pub rows: Option<Vec<ExportNote>>,
    pub prompt: Prompt,
    pub editing: bool,
    pub selected: usize,
    pub offset: usize,
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
}

#[derive(Debug)]
pub struct LibraryView {
    pub dir: PathBuf,
    /// None while the first scan runs.
    pub scanned: Option<Scanned>,
    pub order: Vec<usize>,
    pub sort: SortKey,
    pub selected: usize,
    pub offset: usize,
    pub search: Option<LibrarySearch>,
    pub notes: Option<NotesAcross>,
}

/// Where a movement command takes the selection of a list `len` long
/// shown `height` rows high; None for other commands.
fn list_move(c: Command, selected: usize, len: usize, height: usize) -> Option<usize> {
    let page = height.saturating_sub(1).max(1) as isize;
    let step = match c {
        Command::Down => 1,
        Command::Up => -1,
        Command::PageDown => page,
        Command::PageUp => -page,
        Command::Top => -(len as isize),
        Command::Bottom => len as isize,
        _ => return None,
    };
    Some(
        selected
            .saturating_add_signed(step)
            .min(len.saturating_sub(1)),
    )
}

impl LibraryView {
    pub fn new(dir: PathBuf) -> LibraryView {
        LibraryView {
            dir,
            scanned: None,
            order: Vec::new(),
            sort: SortKey::Date,
            selected: 0,
            offset: 0,
            search: None,
            notes: None,
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

    /// The rows shown: the sorted list, or the search's briefs then its
    /// passages.
    pub fn rows(&self) -> Vec<Row> {
        match &self.search {
            Some(s) if !s.prompt.value().trim().is_empty() => s
                .briefs
                .iter()
                .map(|m| Row::Brief(m.entry))
                .chain((0..s.passages.len()).map(Row::Passage))
                .collect(),
            _ => self.order.iter().map(|&i| Row::Brief(i)).collect(),
        }
    }

    /// Rows of the list on a screen `height` tall: less the title, the
    /// column header, the status bar, and the search line when searching.
    pub fn list_rows(&self, height: u16) -> usize {
        let search = u16::from(self.search.is_some());
        usize::from(height.saturating_sub(3 + search)).max(1)
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows().get(self.selected).copied()
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

    pub fn keep_in_view(&mut self, height: usize) {
        let len = self.rows().len();
        self.selected = self.selected.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// Puts the selection on a brief by path (returning from it).
    fn select_path(&mut self, path: &Path) {
        let Some(lib) = self.library() else { return };
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(entry) = lib.find(&canonical) {
            self.select_entry(entry);
        }
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
        let rows = self.rows();
        let here = rows.get(self.selected).and_then(|&r| self.entry_of(r));
        if here == Some(entry) {
            return;
        }
        if let Some(row) = rows.iter().position(|&r| self.entry_of(r) == Some(entry)) {
            self.selected = row;
        } else {
            self.selected = self.selected.min(rows.len().saturating_sub(1));
        }
    }
}

impl App {
    /// An app that opens on the library of a folder, scanned off the UI
    /// thread.
    pub fn library(dir: &Path) -> App {
        let mut app = App::new(crate::document::Brief::default());
        app.library = Some(LibraryView::new(dir.to_path_buf()));
        app.view = View::Library;
        app.effects.push(Effect::ScanLibrary {
            dir: dir.to_path_buf(),
        });
        app
    }

    /// The scan finished: the list shows.
    pub fn library_scanned(&mut self, scanned: Scanned) {
        let Some(view) = &mut self.library else {
            return;
        };
        let problems = scanned.library.problems.first().cloned();
        view.scanned = Some(scanned);
        view.resort();
        if let Some(p) = problems {
            self.error(&crate::document::sanitize::sanitize_line(&p));
        }
    }

    pub fn library_failed(&mut self, message: String) {
        if self.library.as_ref().is_some_and(|l| l.scanned.is_none()) {
            self.fatal = Some(message);
            self.quit = true;
        } else {
            self.error(&message);
        }
    }

    /// Search results from the worker (already checked to be current).
    pub fn library_results(&mut self, response: SearchResponse) {
        let Some(search) = self.library.as_mut().and_then(|l| l.search.as_mut()) else {
            return;
        };
        if response.text != search.prompt.value() {
            return;
        }
        search.passages = response.results.passages;
        search.total = Some(response.results.total);
        search.waiting = false;
    }

    /// Commands while the library is on screen.
    pub(super) fn library_command(&mut self, c: Command) {
        if self.library.as_ref().is_some_and(|l| l.notes.is_some()) {
            self.notes_across_command(c);
            return;
        }
        let height = self.library_list_height();
        let Some(view) = &mut self.library else {
            return;
        };
        if let Some(row) = list_move(c, view.selected, view.rows().len(), height) {
            view.selected = row;
            return;
        }
        match c {
            Command::Search => {
                let search = view.search.get_or_insert_with(LibrarySearch::default);
                search.editing = true;
            }
            Command::Sort => {
                // The brief selected stays selected, wherever it sorts to.
                let chosen = view.selected_row().and_then(|r| view.entry_of(r));
                view.sort = view.sort.next();
                view.resort();
                match chosen {
                    Some(entry) => view.select_entry(entry),
                    None => view.selected = 0,
                }
                let name = view.sort.name();
                self.say(&format!("sorted by {name}"));
            }
            Command::Cancel => {
                let chosen = view.selected_row().and_then(|r| view.entry_of(r));
                view.search = None;
                view.selected = 0;
                if let Some(entry) = chosen {
                    view.select_entry(entry);
                }
            }
            Command::Open => self.open_library_row(),
            Command::Quit => self.request_quit(),
            Command::Help => self.overlay = super::Overlay::Help { scroll: 0 },
            Command::CycleTheme => self.cycle_theme(),
            Command::ToggleNotes => {
                view.notes = Some(NotesAcross::default());
                self.effects.push(Effect::LoadAllNotes);
            }
            Command::Library | Command::Back if self.source.is_some() => {
                self.view = View::Brief;
                self.relayout();
            }
            _ => {}
        }
    }

    fn library_list_height(&self) -> usize {
        self.library
            .as_ref()
            .map_or(1, |l| l.list_rows(self.size.height))
    }

    /// Keys typed into the library's search prompt.
    pub(super) fn library_search_key(&mut self, key: KeyEvent) {
        let Some(view) = &mut self.library else {
            return;
        };
        let Some(search) = &mut view.search else {
            return;
        };
        match search.prompt.handle_key(key) {
            PromptEvent::Changed => {
                view.selected = 0;
                view.offset = 0;
                self.refresh_library_search(true);
            }
            PromptEvent::Submit => {
                // The results as typed stay: Enter moves to choosing one.
                search.editing = false;
                if search.prompt.value().trim().is_empty() {
                    view.search = None;
                }
            }
            PromptEvent::Cancel => {
                view.search = None;
                view.selected = 0;
            }
            PromptEvent::Unhandled(k) => {
                let len = view.rows().len();
                view.selected = view
                    .selected
                    .saturating_add_signed(list_step(k))
                    .min(len.saturating_sub(1));
            }
            PromptEvent::Nothing => {}
        }
    }

    pub(super) fn library_paste(&mut self, text: &str) {
        if let Some(search) = self.library.as_mut().and_then(|l| l.search.as_mut()) {
            search.prompt.paste(text);
            self.refresh_library_search(true);
        }
    }

    /// Title matches now (cheap, on this thread); passages from the
    /// search worker.
    fn refresh_library_search(&mut self, incremental: bool) {
        let Some(view) = &mut self.library else {
            return;
        };
        let Some(library) = view.scanned.as_ref().map(|s| &s.library) else {
            return;
        };
        let Some(search) = &mut view.search else {
            return;
        };
        let text = search.prompt.value().to_owned();
        search.briefs = match_briefs(library, &text, BRIEF_MATCHES);
        if text.trim().is_empty() {
            search.passages.clear();
            search.total = None;
            search.waiting = false;
            return;
        }
        search.waiting = true;
        self.effects.push(Effect::Search { text, incremental });
    }

    fn open_library_row(&mut self) {
        let Some(view) = &self.library else { return };
        let Some(library) = view.library() else {
            return;
        };
        let (path, target) = match view.selected_row() {
            Some(Row::Brief(i)) => {
                let entry = &library.entries[i];
                if let Some(err) = entry.error() {
                    let err = crate::document::sanitize::sanitize_line(err);
                    self.error(&err);
                    return;
                }
                (entry.path.clone(), None)
            }
            Some(Row::Passage(i)) => {
                let Some(p) = view.search.as_ref().and_then(|s| s.passages.get(i)) else {
                    return;
                };
                let query = view
                    .search
                    .as_ref()
                    .map(|s| crate::search::Query::parse(s.prompt.value()).plain_text())
                    .unwrap_or_default();
                (
                    p.path.clone(),
                    Some(Target::Match {
                        block: p.block,
                        query,
                    }),
                )
            }
            None => return,
        };
        self.history.clear();
        self.start_loading(&path);
        if let Some(Effect::Load { at, .. }) = self.effects.last_mut() {
            *at = target;
        }
    }

    /// `o` (or Backspace with no link to go back to): the library, with
    /// the brief just read selected and its progress brought up to date.
    pub(super) fn open_library(&mut self) {
        if self.library.is_none() {
            self.say("no library: open a folder of briefs (brief DIR) to have one");
            return;
        }
        self.save_reading();
        let Some(view) = &mut self.library else {
            return;
        };
        if let (Some(source), Some(session)) = (&self.source, &self.reading)
            && let Some(scanned) = &mut view.scanned
        {
            let canonical = std::fs::canonicalize(source).unwrap_or_else(|_| source.clone());
            scanned
                .progress
                .insert(canonical.clone(), session.state.progress_on(&self.brief));
            // Still updated while a changed section has not been re-read.
            if session.unseen.is_empty() {
                scanned.updated.remove(&canonical);
            } else {
                scanned.updated.insert(canonical.clone());
            }
            scanned.notes.insert(canonical, self.notes.notes.len());
        }
        if let Some(source) = self.source.clone() {
            view.resort();
            view.select_path(&source);
        }
        self.view = View::Library;
        self.overlay = super::Overlay::None;
    }
}

impl App {
    /// Every note of every brief, read on the loader thread.
    /// The notes of every brief have been read; `problems` are the notes
    /// files that could not be, whose notes are missing from the list.
    pub fn library_notes(&mut self, rows: Vec<ExportNote>, problems: &[String]) {
        if let Some(notes) = self.library.as_mut().and_then(|l| l.notes.as_mut()) {
            notes.rows = Some(rows);
        }
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let first = crate::document::sanitize::sanitize_line(first);
            self.error(&format!("notes not fully read{more}: {first}"));
        }
    }

    fn notes_across_command(&mut self, c: Command) {
        // Two rows a note, under the title, the query and above the status.
        let height = (usize::from(self.size.height.saturating_sub(3)) / 2).max(1);
        let Some(notes) = self.library.as_mut().and_then(|l| l.notes.as_mut()) else {
            return;
        };
        if let Some(row) = list_move(c, notes.selected, notes.shown().len(), height) {
            notes.selected = row;
            return;
        }
        match c {
            Command::Search => notes.editing = true,
            Command::ToggleNotes | Command::Cancel | Command::Back => {
                if let Some(l) = self.library.as_mut() {
                    l.notes = None;
                }
            }
            Command::Open => self.open_note_across(),
            Command::Quit => self.request_quit(),
            Command::Help => self.overlay = super::Overlay::Help { scroll: 0 },
            _ => {}
        }
    }

    /// Keys typed into the notes view's query.
    pub(super) fn notes_across_key(&mut self, key: KeyEvent) {
        let Some(notes) = self.library.as_mut().and_then(|l| l.notes.as_mut()) else {
            return;
        };
        match notes.prompt.handle_key(key) {
            PromptEvent::Changed => {
                notes.selected = 0;
                notes.offset = 0;
            }
            PromptEvent::Submit => notes.editing = false,
            PromptEvent::Cancel => {
                notes.editing = false;
                notes.prompt.clear();
            }
            PromptEvent::Unhandled(k) => {
                let len = notes.shown().len();
                notes.selected = notes
                    .selected
                    .saturating_add_signed(list_step(k))
                    .min(len.saturating_sub(1));
            }
            PromptEvent::Nothing => {}
        }
    }

    fn open_note_across(&mut self) {
        let Some(notes) = self.library.as_ref().and_then(|l| l.notes.as_ref()) else {
            return;
        };
        let shown = notes.shown();
        let Some(row) = shown
            .get(notes.selected)
            .and_then(|&i| notes.rows.as_ref().and_then(|r| r.get(i)))
        else {
            return;
        };
        if row.flags.contains(&"orphaned") || row.path.is_empty() {
            self.error("this note's paragraph is gone (orphaned); brief notes shows its quote");
            return;
        }
        let path = PathBuf::from(&row.path);
        let target = Target::Address {
            section: row.section_number as usize,
            block: row.block as usize,
        };
        self.history.clear();
        self.start_loading(&path);
        if let Some(Effect::Load { at, .. }) = self.effects.last_mut() {
            *at = Some(target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{ScanOptions, scan};
    use crate::keys::Action;
    use crate::search::Snippet;

    /// The library of three briefs, dated so that date order and title
    /// order differ.
    fn library(dir: &Path) -> App {
        for (file, title, date) in [
            ("a.md", "Water Security", "2026-03-01"),
            ("b.md", "Arctic Shipping", "2026-01-01"),
            ("c.md", "Grain Corridor", "2026-02-01"),
        ] {
            let text = format!("---\ntitle: {title}\ndate: {date}\n---\n## One\n\nText.\n");
            std::fs::write(dir.join(file), text).expect("write brief");
        }
        let library = scan(dir, &ScanOptions::default()).expect("scan");
        let mut app = App::library(dir);
        app.effects.clear();
        app.library_scanned(Scanned {
            library,
            progress: HashMap::new(),
            updated: HashSet::new(),
            notes: HashMap::new(),
        });
        app.update(Action::Resize {
            width: 100,
            height: 20,
        });
        app
    }

    fn selected_title(app: &App) -> String {
        let view = app.library.as_ref().expect("library");
        let entry = view
            .selected_row()
            .and_then(|r| view.entry_of(r))
            .expect("a selection");
        let lib = view.library().expect("scanned");
        lib.entries[entry]
            .info()
            .map(|i| i.title.clone())
            .unwrap_or_default()
    }

    #[test]
    fn sorting_keeps_the_selected_brief_selected() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = library(dir.path());
        app.update(Action::Command(Command::Down));
        let chosen = selected_title(&app);
        for _ in 0..4 {
            app.update(Action::Command(Command::Sort));
            assert_eq!(selected_title(&app), chosen);
        }
    }

    #[test]
    fn the_passage_a_brief_was_opened_from_stays_selected_on_return() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = library(dir.path());
        let view = app.library.as_mut().expect("library");
        let entry = view.order[2];
        let path = view.library().expect("scanned").entries[entry].path.clone();
        let mut prompt = Prompt::default();
        prompt.paste("text");
        let passage = |entry| Passage {
            entry,
            path: path.clone(),
            relative: String::new(),
            title: String::new(),
            section_number: 1,
            section_title: String::new(),
            block_number: 1,
            block: 0,
            score: 1.0,
            snippet: Snippet {
                text: "Text.".into(),
                matches: Vec::new(),
            },
            block_matches: Vec::new(),
        };
        view.search = Some(LibrarySearch {
            prompt,
            editing: false,
            briefs: Vec::new(),
            passages: vec![passage(view.order[0]), passage(entry)],
            total: None,
            waiting: false,
        });
        view.selected = 1;
        view.select_path(&path);
        assert_eq!(view.selected, 1, "the passage row, not the sorted list's");
        assert_eq!(view.selected_row(), Some(Row::Passage(1)));
    }
}
