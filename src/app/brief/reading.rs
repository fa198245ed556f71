//! Reading state while a brief is open: where the reader is, the sections
//! read (once their end has been on screen), and what changed since the
//! last read. Saved beside the notes through `reading::StateStore`.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::reader::Item;
use super::{App, Overlay};
use crate::document::{Brief, SectionId};
use crate::reading::{DiffPart, ReadingState, StateStore, changed_sections, section_diff};

/// The reading state of the open brief and where it is saved.
#[derive(Debug)]
pub struct ReadingSession {
    store: StateStore,
    pub state: ReadingState,
    /// Sections whose text changed since the reader last read them, as
    /// found when the brief opened. They stay marked for the whole visit,
    /// re-read or not: reaching a section must not hide that it changed.
    pub changed: Vec<SectionId>,
    /// Of those, the ones not yet re-read on this visit: while any is left
    /// the library still shows the brief as updated.
    pub unseen: Vec<SectionId>,
    /// The state as it was when the brief opened, for `D` to compare with
    /// after re-reading has moved the state on.
    before: ReadingState,
    /// Sections read (in any version), kept here so that checking them on
    /// every keypress costs nothing.
    read: std::collections::HashSet<SectionId>,
    /// State changed since the last save.
    dirty: bool,
    /// This visit is recorded in the state (done at the first save, off
    /// the path to the first screen).
    touched: bool,
    last_save: std::time::Instant,
}

/// Reading progress is saved at most this often while reading (and always
/// on leaving the brief): a crash costs at most this much of it.
const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

impl ReadingSession {
    /// Opens the state of a brief (new if never opened) and notes what
    /// changed since the last read, before recording this visit.
    pub fn open(
        store: StateStore,
        path: &std::path::Path,
        brief: &Brief,
    ) -> (ReadingSession, Option<String>) {
        let (state, warning) = match store.load(path) {
            Ok(Some(state)) => (state, None),
            Ok(None) => (ReadingState::unread(path), None),
            Err(e) => (ReadingState::unread(path), Some(e.to_string())),
        };
        let changed = changed_sections(&state, brief);
        let read = state.read_sections(brief).into_iter().collect();
        let session = ReadingSession {
            store,
            before: state.clone(),
            state,
            unseen: changed.clone(),
            changed,
            read,
            dirty: true,
            touched: false,
            last_save: std::time::Instant::now(),
        };
        (session, warning)
    }

    /// The block to reopen at, if the brief was read before.
    pub fn position(&self, brief: &Brief) -> Option<usize> {
        self.state.position_in(brief)
    }

    pub fn save(&mut self, brief: &Brief) -> Result<(), String> {
        if !self.dirty {
            return Ok(());
        }
        if !self.touched {
            self.state.touch(brief);
            self.touched = true;
        }
        self.store.save(&self.state).map_err(|e| e.to_string())?;
        self.dirty = false;
        self.last_save = std::time::Instant::now();
        Ok(())
    }
}

/// The word diff popup (`D`).
#[derive(Debug)]
pub struct DiffView {
    pub section: SectionId,
    pub parts: Vec<DiffPart>,
    pub scroll: usize,
}

impl App {
    /// After every update: remember the cursor, and mark read the sections
    /// whose end is on screen.
    pub(super) fn track_reading(&mut self) {
        let Some(session) = &mut self.reading else {
            return;
        };
        if self.brief.blocks.is_empty() || self.reader.is_filtered() {
            return;
        }
        session.state.set_position(&self.brief, self.reader.cursor);
        session.dirty = true;
        let mut newly_read = false;
        for section in sections_ending_on_screen(&self.reader, &self.brief) {
            // A changed section counts again once re-read.
            let known = session.read.contains(&section) && !session.unseen.contains(&section);
            if !known && session.state.mark_read(&self.brief, section) {
                session.read.insert(section);
                session.unseen.retain(|&s| s != section);
                newly_read = true;
            }
        }
        if newly_read && session.last_save.elapsed() >= SAVE_EVERY {
            let _ = session.save(&self.brief);
        }
    }

    /// Saves the reading state (on quit and when another brief opens).
    pub(super) fn save_reading(&mut self) {
        if let Some(session) = &mut self.reading
            && let Err(e) = session.save(&self.brief)
        {
            self.error(&e);
        }
    }

    /// Sections changed since the last read, for the outline's marks.
    pub fn changed_sections(&self) -> &[SectionId] {
        self.reading.as_ref().map_or(&[], |s| s.changed.as_slice())
    }

    /// `D`: a section's changes since the reader last read it, before this
    /// visit: the section chosen in the outline when it has the focus, else
    /// the cursor's.
    pub(super) fn show_diff(&mut self) {
        let Some(session) = &self.reading else {
            self.say("reading state is not kept for this brief");
            return;
        };
        let section = match self.focus {
            super::panes::Focus::Outline => self
                .outline
                .selected_section()
                .unwrap_or(self.reader.section),
            _ => self.reader.section,
        };
        match section_diff(&session.before, &self.brief, section) {
            Some(parts)
                if parts
                    .iter()
                    .any(|p| p.kind != crate::reading::DiffKind::Equal) =>
            {
                self.overlay = Overlay::Diff(Box::new(DiffView {
                    section,
                    parts,
                    scroll: 0,
                }));
            }
            Some(_) => self.say("no change in this section since you read it"),
            None => self.say("you have not read this section before: nothing to compare"),
        }
    }

    pub(super) fn diff_key(&mut self, key: KeyEvent) {
        let Overlay::Diff(view) = &mut self.overlay else {
            return;
        };
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => view.scroll += 1,
            KeyCode::Up | KeyCode::Char('k') => view.scroll = view.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => view.scroll += 10,
            KeyCode::PageUp | KeyCode::Char('b') => view.scroll = view.scroll.saturating_sub(10),
            _ => self.overlay = Overlay::None,
        }
    }
}

/// Sections whose last line is on screen: the last content line of their
/// last block (or of their heading, for an empty section).
fn sections_ending_on_screen(reader: &super::reader::Reader, brief: &Brief) -> Vec<SectionId> {
    let rows = reader.visible_rows(brief);
    let mut out = Vec::new();
    for (i, pos) in rows.iter().enumerate() {
        let last_row_of_item = rows.get(i + 1).is_none_or(|next| next.item != pos.item);
        if !last_row_of_item {
            continue;
        }
        let lines = reader.lines(brief, pos.item);
        // The item's content must be fully shown: its last content line.
        let content = lines.iter().rposition(|l| !l.segs.is_empty()).unwrap_or(0);
        if pos.line < content {
            continue;
        }
        let section = match reader.items()[pos.item] {
            Item::Block(b) => {
                let s = brief.section_of(b);
                (brief.sections[s].blocks.end == b + 1).then_some(s)
            }
            Item::Heading(s) => brief.sections[s].blocks.is_empty().then_some(s),
            Item::Meta => None,
        };
        out.extend(section);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;
    use crate::keys::{Action, Command};

    /// A brief opened with its reading state, in a terminal large enough to
    /// show all of it.
    fn open(text: &str, path: &std::path::Path, store: &StateStore) -> App {
        let mut app = App::new(parse(text, "b"));
        app.update(Action::Resize {
            width: 100,
            height: 30,
        });
        let (session, warning) = ReadingSession::open(store.clone(), path, &app.brief);
        assert_eq!(warning, None);
        app.attach_reading(session);
        app
    }

    #[test]
    fn a_changed_section_on_screen_keeps_its_mark_and_its_diff_for_the_visit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("b.md");
        let store = StateStore::open_dir(&dir.path().join("data")).expect("state folder");
        let v1 = "## One\n\nFirst words here.\n\n## Two\n\nAt least four underwriters left.\n";
        std::fs::write(&path, v1).expect("write brief");
        let mut app = open(v1, &path, &store);
        // The whole brief is on screen: a key press reads both sections.
        app.update(Action::Command(Command::Down));
        app.save_reading();

        let v2 = v1.replace("four underwriters", "seven major underwriters");
        std::fs::write(&path, &v2).expect("edit brief");
        let mut app = open(&v2, &path, &store);
        assert_eq!(app.changed_sections(), &[1]);
        app.update(Action::Command(Command::Down));
        // Section 2's end has been on screen, so it is re-read; its mark
        // and its diff stay for this visit.
        assert_eq!(app.changed_sections(), &[1]);
        assert!(app.reading.as_ref().is_some_and(|s| s.unseen.is_empty()));
        app.update(Action::Command(Command::ShowChanges));
        let Overlay::Diff(view) = &app.overlay else {
            panic!("no diff: {:?}", app.message);
        };
        assert_eq!(view.section, 1);
        assert!(
            view.parts
                .iter()
                .any(|p| p.kind == crate::reading::DiffKind::Inserted && p.text.contains("seven"))
        );
        // Drawn, the word taken out and the words put in stay apart.
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30))
            .expect("test backend");
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draw");
        let screen = terminal.backend().to_string();
        assert!(screen.contains("four seven major"), "{screen}");
    }

    #[test]
    fn a_brief_reopens_with_its_block_a_quarter_down_even_before_the_first_size() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("long.md");
        let store = StateStore::open_dir(&dir.path().join("data")).expect("state folder");
        let text: String = (0..80)
            .map(|i| format!("## S{i}\n\nParagraph {i} of the long brief.\n\n"))
            .collect();
        std::fs::write(&path, &text).expect("write brief");
        let mut app = open(&text, &path, &store);
        app.reader.jump_to(&app.brief, 60);
        app.update(Action::Command(Command::Down));
        app.save_reading();
        let at = app.reader.cursor;

        // As at start-up: the brief is attached before the terminal's size
        // is known.
        let mut app = App::new(parse(&text, "long"));
        let (session, _) = ReadingSession::open(store.clone(), &path, &app.brief);
        app.attach_reading(session);
        app.update(Action::Resize {
            width: 100,
            height: 40,
        });
        assert_eq!(app.reader.cursor, at);
        let item = app.reader.item_of_block(at);
        let row = app
            .reader
            .visible_rows(&app.brief)
            .iter()
            .position(|p| p.item == item)
            .expect("the block is on screen");
        assert!((5..=15).contains(&row), "row {row}");
    }
}
