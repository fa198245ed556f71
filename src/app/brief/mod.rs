//! The brief screen: one brief with its outline, reading pane, notes pane
//! and popups. [`BriefScreen::update`] is a dispatcher; its arms call small
//! functions that live with the state they change: `navigate.rs` (moving),
//! `search/` and `jump.rs`, `annotate.rs` (notes and tags), `editor.rs`,
//! `tag_prompt.rs`, `notes_pane.rs`, `export.rs`, `links.rs`, `analyst.rs`
//! (cite, key judgments, the tag manager), `reading.rs` (what has been
//! read, `D`), `results.rs` (answers from the workers).

mod analyst;
mod annotate;
mod choose;
pub mod editor;
pub mod export;
pub mod jump;
mod lineage;
mod links;
mod navigate;
pub mod notes;
pub mod notes_pane;
pub mod notes_view;
pub mod outline;
pub mod overlay;
pub mod panes;
pub mod picker;
pub mod pictures;
pub mod reader;
pub mod reading;
mod results;
pub mod search;
mod status;
pub mod tag_prompt;
mod team;

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::msg::{Loaded, Target};
use super::shared::Shared;
use crate::config::Shown;
use crate::document::{BlockId, Brief};
use crate::keys::{Action, Command, Context};
use notes::NotesState;
use notes_pane::NotesPane;
use outline::Outline;
use overlay::Overlay;
use panes::{Focus, Panes};
use reader::Reader;
use reading::ReadingSession;
use search::Search;

pub use analyst::unknown_tags;
pub use links::{LinkTarget, classify};
pub(crate) use navigate::list_step;

/// What the reading pane is narrowed to: blocks with a tag (`#`), or the
/// key-judgment sections (`K`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderFilter {
    /// What the status bar says is shown, e.g. "#sanctions".
    pub label: String,
    pub blocks: usize,
}

#[derive(Debug)]
pub struct BriefScreen {
    pub brief: Brief,
    /// The file the brief came from, as given (None: stdin, a sample).
    pub source: Option<PathBuf>,
    /// The same, resolved (to find it in the library).
    pub canonical: Option<PathBuf>,
    pub reader: Reader,
    pub outline: Outline,
    pub search: Search,
    pub notes: NotesState,
    pub notes_pane: NotesPane,
    /// Tags used in any brief, for completion; None until read.
    pub known_tags: Option<Vec<String>>,
    pub filter: Option<ReaderFilter>,
    /// Show block addresses (§4 ¶2) beside the text.
    pub addresses: bool,
    /// Show notes under their paragraph in the reader (`M`).
    pub inline_notes: bool,
    pub focus: Focus,
    pub shown: Shown,
    pub panes: Panes,
    pub overlay: Overlay,
    /// Reading state (None for stdin and samples).
    pub reading: Option<ReadingSession>,
    /// The brief's pictures: drawn, decoding, refused; full screen.
    pub pictures: pictures::Pictures,
    /// What to say once the notes just changed are saved.
    then_say: Option<String>,
    /// The notes file as another window left it, waiting for the popup
    /// open on our notes (the editor, the tag prompt) to close: taken in
    /// under it, they would become the base of the edit and hide the
    /// other window's change from the merge.
    disk_notes: Option<Vec<crate::notes::Note>>,
}

impl BriefScreen {
    /// A brief just loaded, at `at` or where the reader left off.
    pub fn open(loaded: Loaded, at: Option<&Target>, cx: &mut Shared) -> BriefScreen {
        let Loaded {
            brief,
            notes,
            home,
            path,
            canonical,
            reading,
            warning,
            notice,
            offer,
            pictures,
        } = loaded;
        let pictures = pictures::Pictures::new(&brief, pictures, cx.settings.images);
        let mut notes = NotesState::new(&brief, notes, home);
        notes.author.clone_from(&cx.settings.author);
        notes.share_new = cx.settings.team.as_ref().is_some_and(|t| t.share_new);
        // Colleagues' notes come from there, read by the runtime once the
        // brief is open (and whenever the folder changes).
        if let (Some(team), super::msg::NotesHome::File { header, .. }) =
            (&cx.settings.team, &notes.home)
        {
            notes.team_dir = crate::notes::team::folder::brief_dir(team, header);
        }
        // Notes of this file not yet saved (it was reopened before its save
        // went through) are what the reader last saw: keep them.
        if let super::msg::NotesHome::File { file, .. } = &notes.home
            && let Some(latest) = cx.saves.latest(file)
        {
            let (base, latest) = (latest.base.clone(), latest.notes.clone());
            notes.adopt_unsaved(&brief, base, latest);
        }
        let source = (!path.as_os_str().is_empty()).then_some(path);
        let canonical = (!canonical.as_os_str().is_empty()).then_some(canonical);
        let mut screen = BriefScreen {
            reader: Reader::new(&brief),
            outline: Outline::new(&brief),
            search: Search::default(),
            notes,
            notes_pane: NotesPane::default(),
            known_tags: None,
            filter: None,
            addresses: false,
            inline_notes: false,
            focus: Focus::Reader,
            shown: cx.settings.panes,
            panes: Panes::default(),
            overlay: Overlay::None,
            reading: None,
            pictures,
            then_say: None,
            disk_notes: None,
            source,
            canonical,
            brief,
        };
        cx.status.opened(screen.brief.warnings.first());
        screen.lay_out_pictures(cx);
        screen.relayout(cx);
        if let Some(state) = reading {
            screen.attach_reading(ReadingSession::new(state, &screen.brief), cx);
        }
        if let Some(target) = at {
            screen.go_to_target(target, cx);
            // Where the reader now is is where reading stands: quitting
            // before the next key must not save the place before it.
            screen.track_reading(cx);
        }
        match (warning, notice) {
            (Some(w), _) => cx.error(w),
            (None, Some(n)) => cx.say(n),
            (None, None) => {}
        }
        if let Some(offer) = offer {
            screen.offer(offer);
        }
        screen.sync_views(cx);
        screen.ask_pictures(cx);
        screen
    }

    /// Which bindings apply now: a prompt or popup takes typed keys and
    /// has bindings of its own.
    pub fn context(&self) -> Context {
        if self.search.editing || self.notes_pane.prompt.is_some() {
            return Context::Prompt;
        }
        self.overlay.context()
    }

    /// A popup has the screen: the app's own commands (quit, help) wait.
    pub fn modal(&self) -> bool {
        !matches!(self.overlay, Overlay::None)
            || self.context() != Context::Normal
            || self.pictures.full.is_some()
    }

    pub fn update(&mut self, action: Action, cx: &mut Shared) {
        if self.pictures.full.is_some() && !matches!(action, Action::Resize { .. }) {
            // Any key (or click) closes the full-screen picture.
            self.pictures.full = None;
            return;
        }
        match action {
            Action::Resize { .. } => self.relayout(cx),
            Action::Command(c) if matches!(self.overlay, Overlay::Diff(_)) => {
                self.diff_command(c, cx)
            }
            Action::Scroll { lines, .. } if matches!(self.overlay, Overlay::Diff(_)) => {
                let c = if lines < 0 {
                    Command::Up
                } else {
                    Command::Down
                };
                for _ in 0..lines.unsigned_abs() {
                    self.diff_command(c, cx);
                }
            }
            Action::Command(c) if self.context() == Context::Normal => self.command(c, cx),
            Action::Command(c) => self.context_command(c, cx),
            Action::Key(key) => self.typed_key(key, cx),
            Action::Paste(text) => self.paste(&text),
            Action::Scroll { column, row, lines } => self.wheel(column, row, lines),
            Action::Click { column, row } => self.click(column, row, cx),
        }
        if matches!(self.overlay, Overlay::None)
            && let Some(notes) = self.disk_notes.take()
        {
            self.notes_on_disk(notes, cx);
        }
        self.sync_views(cx);
        self.track_reading(cx);
        self.ask_pictures(cx);
    }

    fn command(&mut self, c: Command, cx: &mut Shared) {
        match c {
            Command::Cancel => self.cancel(cx),
            Command::FocusNext => self.cycle_focus(true, cx),
            Command::FocusPrev => self.cycle_focus(false, cx),
            Command::Search if self.focus == Focus::Notes => self.open_notes_filter(),
            Command::Search => self.open_search(),
            Command::SearchNext => self.step_search(true, cx),
            Command::SearchPrev => self.step_search(false, cx),
            Command::Jump => self.open_jump(),
            Command::NextSection => self.step_section(1, cx),
            Command::PrevSection => self.step_section(-1, cx),
            Command::Open => self.open_here(cx),
            Command::Fold if self.focus == Focus::Outline => self.outline.fold(),
            Command::Unfold if self.focus == Focus::Outline => self.outline.unfold(),
            Command::ToggleNotes => self.toggle_notes_pane(cx),
            Command::InlineNotes => self.toggle_inline_notes(cx),
            Command::AttachNote => self.attach_note(cx),
            Command::AddNote => self.add_note(cx),
            Command::EditNote => self.edit_note(cx),
            Command::DeleteNote => self.delete_note(cx),
            Command::UndoDelete => self.undo_delete(cx),
            Command::ShareNote => self.share_note(cx),
            Command::ReplyNote => self.reply_note(cx),
            Command::Tag => self.tag_block(cx),
            Command::TagFilter => self.choose_tag_filter(cx),
            Command::ExportNotes => self.ask_export_path(cx),
            Command::ManageTags => self.manage_tags(cx),
            Command::Cite => self.cite(cx),
            Command::ToggleAddresses => self.toggle_addresses(cx),
            Command::WrapCode => self.toggle_code_wrap(cx),
            Command::TogglePictures => self.toggle_pictures(cx),
            Command::ViewPicture => self.view_picture(cx),
            Command::KeyJudgments => self.key_judgments(cx),
            Command::Links => self.list_links(cx),
            Command::ShowChanges => self.show_diff(cx),
            Command::Back => self.go_back(cx),
            Command::Down
            | Command::Up
            | Command::PageDown
            | Command::PageUp
            | Command::Top
            | Command::Bottom => self.movement(c),
            // Handled by the app (quit, help, theme, library, suspend) or
            // meaningless here (fold outside the outline, sort).
            _ => {}
        }
    }

    /// A binding of the prompt or popup that has the keyboard.
    fn context_command(&mut self, c: Command, cx: &mut Shared) {
        if self.search.editing {
            self.search_command(c, cx);
        } else if self.notes_pane.prompt.is_some() {
            self.notes_filter_command(c);
        } else {
            self.overlay_command(c, cx);
        }
    }

    /// Keys typed while a prompt or popup has the keyboard.
    fn typed_key(&mut self, key: KeyEvent, cx: &mut Shared) {
        if self.search.editing {
            let event = self.search.prompt.handle_key(key);
            self.search_typed(event);
        } else if self.notes_pane.prompt.is_some() {
            self.notes_filter_typed(key);
        } else {
            self.overlay_typed(key, cx);
        }
    }

    fn paste(&mut self, text: &str) {
        if self.search.editing {
            let event = self.search.prompt.paste(text);
            self.search_typed(event);
        } else if let Some(prompt) = &mut self.notes_pane.prompt {
            if prompt.paste(text) == crate::app::prompt::PromptEvent::Changed {
                self.notes_pane.filter = prompt.value().to_owned();
                self.notes_pane.sel.reset();
            }
        } else {
            self.overlay.paste(text, &self.brief);
        }
    }

    /// Esc closes the innermost thing: a search, a filter, then focus
    /// returns to the reader.
    fn cancel(&mut self, cx: &mut Shared) {
        if self.search.is_active() {
            self.search.clear();
        } else if self.filter.is_some() {
            self.clear_filter();
        } else if self.focus == Focus::Notes && !self.notes_pane.filter.is_empty() {
            self.notes_pane.filter.clear();
        } else if self.focus != Focus::Reader {
            self.set_focus(Focus::Reader, cx);
        }
    }

    /// Recomputes the panes and tells the reader its text column size.
    pub fn relayout(&mut self, cx: &Shared) {
        self.panes = Panes::compute(cx.size, self.focus, self.shown);
        if let Some(text) = self
            .panes
            .reader_text(cx.settings.reading_width, self.addresses)
        {
            self.reader.resize(
                &self.brief,
                usize::from(text.width),
                usize::from(text.height),
            );
        }
    }

    /// The block "this paragraph" commands act on.
    pub fn current_block(&self) -> Option<BlockId> {
        (!self.brief.blocks.is_empty()).then_some(self.reader.cursor)
    }

    /// The notes list: below the filter's prompt row while it is open,
    /// above the rows at its foot that say why the notes are read-only
    /// when they are.
    pub fn notes_list_area(&self) -> Option<ratatui::layout::Rect> {
        let full = self.panes.notes_list()?;
        let mut list = full;
        if self.notes_pane.prompt.is_some() {
            list.y += 1;
            list.height = list.height.saturating_sub(1);
        }
        if let Some(reason) = self.notes.read_only() {
            let rows = notes_pane::reason_lines(reason, full.width, full.height).len() as u16;
            list.height = list.height.saturating_sub(rows + u16::from(rows > 0));
        }
        Some(list)
    }
}
