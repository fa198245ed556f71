//! The state machine. [`App::update`] is the one way in: it takes a
//! [`Msg`] (input, or the answer to an effect), changes state, and leaves
//! [`Effect`]s for the runtime to carry out. Nothing here touches a file,
//! starts a thread or draws: `runtime` does the first two, `ui` the last.
//!
//! The app holds what the screens share ([`Shared`]) and the screens
//! themselves: the library ([`LibraryScreen`]) and the open brief
//! ([`BriefScreen`]); [`View`] says which is shown.

pub mod brief;
mod exit;
pub mod library;
pub mod msg;
pub mod prompt;
mod route;
pub mod saves;
pub mod select;
pub mod shared;
pub mod startup;
pub mod status;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use crate::document::load::display_path;
use crate::keys::{Action, Command, Context};
pub use brief::BriefScreen;
use exit::Exit;
pub use library::LibraryScreen;
pub use msg::{Effect, LoadRequest, Loaded, Msg, NotesHome, Target};
pub use shared::{Nav, Shared};
pub use startup::{Ending, Start, Startup};

/// The largest terminal the app lays out for: beyond it a resize is taken
/// as this size, so no buffer is ever sized by a bogus report.
pub const MAX_SIZE: u16 = 1000;

/// Keys kept while a brief opens, at most.
const TYPEAHEAD: usize = 64;

/// What the screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// A brief is being read and parsed, and there is nothing else to show.
    Loading(String),
    Library,
    Brief,
}

#[derive(Debug)]
pub struct App {
    cx: Shared,
    view: View,
    library: Option<Box<LibraryScreen>>,
    brief: Option<Box<BriefScreen>>,
    /// The help overlay, over either screen, with its scroll.
    help: Option<usize>,
    exit: Exit,
    /// Keys typed while a brief opens in place of the screen: they were
    /// meant for it, so they wait for it (dropped if it fails to open).
    typeahead: Option<Vec<Event>>,
}

impl App {
    pub fn new(startup: Startup) -> App {
        let Startup {
            settings,
            theme,
            themes,
            start,
        } = startup;
        let mut app = App {
            cx: Shared::new(settings, theme, themes),
            view: View::Brief,
            library: None,
            brief: None,
            help: None,
            exit: Exit::default(),
            typeahead: None,
        };
        match start {
            Start::Library(dir) => {
                app.library = Some(Box::new(LibraryScreen::new(dir, &mut app.cx)));
                app.view = View::Library;
            }
            Start::Load(path) => {
                app.view = View::Loading(display_path(&path));
                app.cx.push(Effect::Load(LoadRequest {
                    path,
                    at: None,
                    reload: false,
                    back: None,
                    attach: None,
                }));
            }
            Start::Opened(loaded) => app.show(*loaded, None),
        }
        app
    }

    /// The one way in.
    pub fn update(&mut self, msg: impl Into<Msg>) {
        match msg.into() {
            Msg::Event(event) => self.event(&event),
            Msg::Action(action) => self.act(action),
            Msg::Loaded { request, result } => match result {
                Ok(loaded) => self.loaded(request, *loaded),
                Err(message) => self.load_failed(message),
            },
            Msg::LoadTimedOut(what) => self.load_failed(format!(
                "{what}: document too complex (not parsed within {} s)",
                msg::LOAD_LIMIT_SECS
            )),
            Msg::Scanned(Ok(scanned)) => {
                if let Some(l) = &mut self.library {
                    l.scanned(*scanned, &mut self.cx);
                }
            }
            Msg::Scanned(Err(message)) => self.load_failed(message),
            Msg::SearchResults(response) => {
                if let Some(l) = &mut self.library {
                    l.results(response);
                }
            }
            Msg::Index(event) => {
                if let Some(l) = &mut self.library {
                    l.index_event(event, &mut self.cx);
                }
            }
            Msg::AllNotes { rows, problems } => {
                if let Some(l) = &mut self.library {
                    l.all_notes(rows, &problems, &mut self.cx);
                }
            }
            Msg::NotesSaved { seq, file, result } => self.notes_saved(seq, &file, result),
            Msg::ThemeRemembered(Err(e)) => self.cx.error(format!("theme not remembered: {e}")),
            Msg::ThemeRemembered(Ok(())) => {}
            Msg::NotesOnDisk { file, notes } => match (&mut self.brief, notes) {
                (Some(b), Some(notes)) if b.notes_file() == Some(file.as_path()) => {
                    b.notes_on_disk(notes, &mut self.cx);
                }
                _ => {}
            },
            Msg::TeamNotes(team) => match &mut self.brief {
                Some(b) if b.notes.team_dir == team.dir => b.team_notes(team, &mut self.cx),
                _ => {}
            },
            Msg::StateSaved(result) => {
                self.cx.saves.state_answered();
                if let Err(e) = result {
                    self.cx.error(format!("reading state not saved: {e}"));
                }
            }
            Msg::TagCounts(counts) => {
                if let Some(b) = &mut self.brief {
                    b.tag_counts(counts);
                }
            }
            Msg::Retagged { what, here, result } => {
                if let Some(b) = &mut self.brief {
                    b.retagged(&what, here, result, &mut self.cx);
                }
            }
            Msg::Exported {
                path,
                count,
                result,
            } => {
                if let Some(b) = &mut self.brief {
                    b.exported(path, count, result, &mut self.cx);
                }
            }
            Msg::FileChanged => self.file_changed(),
            Msg::LibraryChanged => {
                if let Some(l) = &mut self.library {
                    l.rescan(&mut self.cx);
                }
            }
            Msg::Picture { job, result } => {
                if let Some(b) = &mut self.brief {
                    b.pictures.answer(job, result);
                }
            }
            Msg::CellSize(w, h) => {
                self.cx.cell_px = (w.max(1), h.max(1));
                if let Some(b) = &mut self.brief {
                    b.lay_out_pictures(&self.cx);
                    b.ask_pictures(&mut self.cx);
                }
            }
            Msg::Tick => {
                self.cx.saves.tick();
            }
            Msg::Signal(signal) => self.leave(Some(signal)),
        }
        self.settle();
    }

    /// After every message: changed notes go to the store, the library's
    /// list follows its selection (when it is shown: the work must not
    /// grow with the library on every key in a brief), the status line
    /// knows whether saves are slow.
    fn settle(&mut self) {
        if let Some(b) = &mut self.brief {
            b.flush_notes(&mut self.cx);
        }
        if let Some(l) = self.library.as_mut().filter(|_| self.view == View::Library) {
            l.keep_in_view(self.cx.size);
        }
        self.cx.status.saving = self.cx.saves.slow();
    }

    /// Which bindings apply now.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            return Context::Normal;
        }
        match self.view {
            View::Library => self
                .library
                .as_ref()
                .map_or(Context::Normal, |l| l.context()),
            View::Brief => self.brief.as_ref().map_or(Context::Normal, |b| b.context()),
            View::Loading(_) => Context::Normal,
        }
    }

    fn event(&mut self, event: &Event) {
        let event = match *event {
            // Sizes are clamped before anything is laid out for them.
            Event::Resize(w, h) => Event::Resize(w.min(MAX_SIZE), h.min(MAX_SIZE)),
            ref other => other.clone(),
        };
        if let Some(keys) = &mut self.typeahead
            && !matches!(event, Event::Resize(..))
        {
            // A bound keeps a stuck load from holding a whole paste.
            if keys.len() < TYPEAHEAD {
                keys.push(event);
            }
            return;
        }
        if let Some(action) = self.cx.keymap.translate(&event, self.context()) {
            self.act(action);
        }
    }

    fn act(&mut self, action: Action) {
        if let Action::Resize { width, height } = action {
            self.resize(width, height);
        } else {
            self.cx.status.seen();
            // The question before quitting without notes is answered by the
            // quit key; anything else withdraws it.
            if action != Action::Command(Command::Quit) && self.exit.leaving.is_none() {
                self.exit.warned = false;
            }
        }
        if let Some(scroll) = self.help {
            return self.help_action(action, scroll);
        }
        let normal = self.context() == Context::Normal
            && !self
                .brief
                .as_ref()
                .is_some_and(|b| self.view == View::Brief && b.modal());
        match action {
            Action::Command(Command::Suspend) => self.cx.push(Effect::Suspend),
            Action::Command(c) if normal && self.app_command(c) => {}
            // A resize reaches the screen shown too: what is on screen now
            // counts as read, and lists follow their selection.
            _ => match self.view {
                View::Library => {
                    if let Some(l) = &mut self.library {
                        l.update(action, &mut self.cx);
                    }
                }
                View::Brief => {
                    if let Some(b) = &mut self.brief {
                        b.update(action, &mut self.cx);
                    }
                }
                View::Loading(_) => {}
            },
        }
        if let Some(nav) = self.cx.take_nav() {
            self.navigate(nav);
        }
    }

    /// Commands that belong to no one screen. True when handled.
    fn app_command(&mut self, c: Command) -> bool {
        match c {
            Command::Quit => self.request_quit(),
            Command::Help if !matches!(self.view, View::Loading(_)) => self.help = Some(0),
            Command::CycleTheme => self.cx.cycle_theme(),
            Command::Suspend => self.cx.push(Effect::Suspend),
            Command::Library if self.view == View::Brief => self.navigate(Nav::Library),
            _ => return false,
        }
        true
    }

    fn help_action(&mut self, action: Action, scroll: usize) {
        let scroll = match action {
            Action::Command(Command::Down) => scroll + 1,
            Action::Command(Command::Up) => scroll.saturating_sub(1),
            Action::Command(Command::PageDown) => scroll + 10,
            Action::Command(Command::PageUp) => scroll.saturating_sub(10),
            Action::Command(Command::Top) => 0,
            Action::Command(Command::Bottom) => crate::keys::help_rows(&self.cx.keymap).len(),
            Action::Command(Command::Suspend) => {
                self.cx.push(Effect::Suspend);
                scroll
            }
            Action::Command(Command::Quit) => {
                self.help = None;
                return self.request_quit();
            }
            Action::Scroll { lines, .. } => scroll.saturating_add_signed(isize::from(lines)),
            Action::Resize { .. } => scroll,
            _ => {
                self.help = None;
                return;
            }
        };
        // Never past the last screenful, so the way back up is immediate.
        let rows = crate::keys::help_rows(&self.cx.keymap).len();
        let size = self.cx.size;
        let shown = usize::from(help_area(size).height.saturating_sub(2));
        self.help = Some(scroll.min(rows.saturating_sub(shown)));
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.cx.size = Rect::new(0, 0, width.min(MAX_SIZE), height.min(MAX_SIZE));
        if let Some(b) = &mut self.brief {
            b.relayout(&self.cx);
        }
    }

    /// Something is on its way to disk: the runtime sends ticks meanwhile.
    pub fn busy(&self) -> bool {
        self.cx.saves.pending()
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        self.cx.take_effects()
    }

    pub fn shared(&self) -> &Shared {
        &self.cx
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn help(&self) -> Option<usize> {
        self.help
    }

    pub fn library(&self) -> Option<&LibraryScreen> {
        self.library.as_deref()
    }

    pub fn library_mut(&mut self) -> Option<&mut LibraryScreen> {
        self.library.as_deref_mut()
    }

    /// The open brief, if one is.
    pub fn brief(&self) -> Option<&BriefScreen> {
        self.brief.as_deref()
    }

    pub fn brief_mut(&mut self) -> Option<&mut BriefScreen> {
        self.brief.as_deref_mut()
    }

    /// The open brief and what it shares, for tests that call a screen's
    /// own functions. Panics when no brief is open.
    pub fn screen_and_shared(&mut self) -> (&mut BriefScreen, &mut Shared) {
        let b = self.brief.as_deref_mut().expect("a brief is open");
        (b, &mut self.cx)
    }
}

/// Rows of results the jump popup shows for a terminal size; shared with
/// the drawing code so both agree on what is in view.
pub fn popup_list_height(size: Rect) -> usize {
    usize::from(popup_area(size).height.saturating_sub(3))
}

/// The centred rectangle popups are drawn in.
/// The help popup: as wide as any popup, and as tall as the screen allows
/// (it is long).
pub fn help_area(size: Rect) -> Rect {
    let mut popup = popup_area(size);
    popup.height = size
        .height
        .saturating_sub(2)
        .max(popup.height)
        .min(size.height);
    popup.y = size.y + (size.height - popup.height) / 2;
    popup
}

pub fn popup_area(size: Rect) -> Rect {
    let width = (size.width.saturating_sub(4)).clamp(10, 72).min(size.width);
    let height = (size.height.saturating_sub(2))
        .clamp(3, 24)
        .min(size.height);
    Rect {
        x: size.x + (size.width - width) / 2,
        y: size.y + (size.height - height) / 2,
        width,
        height,
    }
}
