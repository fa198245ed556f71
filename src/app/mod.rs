//! App state and `update`: the only place state changes. `update` is a
//! dispatcher; its arms call small functions grouped by concern in
//! `navigate.rs`, `find.rs` and `annotate.rs`. Drawing lives in `ui`.

mod analyst;
mod annotate;
pub mod editor;
mod find;
pub mod jump;
pub mod library;
mod links;
mod navigate;
pub mod notes;
pub mod notes_pane;
pub mod open;
pub mod outline;
pub mod panes;
pub mod picker;
pub mod prompt;
pub mod reader;
pub mod reading;
pub mod run;
pub mod search;
pub mod tag_prompt;
pub mod watch;

use std::path::{Path, PathBuf};

use ratatui::layout::Rect;

use crate::config::{READING_WIDTH, Shown};
use crate::document::{BlockId, Brief};
use crate::keys::{Action, Command, Keymap};
use crate::theme::Theme;
use editor::NoteEditor;
use jump::Jump;
use notes::NotesState;
use notes_pane::NotesPane;
use outline::Outline;
use panes::{Focus, Panes};
use picker::Picker;
use prompt::Prompt;
use reader::Reader;
use search::Search;
use tag_prompt::TagPrompt;

/// A popup or prompt over the panes. Only one is open at a time.
#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    Jump(Box<Jump>),
    Editor(Box<NoteEditor>),
    Picker(Box<Picker>),
    Tags(Box<TagPrompt>),
    /// A y/n question in the status line.
    Confirm(Confirm),
    /// The path to export notes to, typed in the status line.
    Export(Prompt),
    /// The new name of a tag, typed in the status line.
    RenameTag {
        old: String,
        prompt: Prompt,
    },
    /// A section's changes since the last read (`D`).
    Diff(Box<reading::DiffView>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: ConfirmAction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    DeleteNote(String),
    /// Delete a tag from every note of every brief.
    DeleteTag(String),
}

/// What the screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Brief,
    /// The list of briefs in a folder.
    Library,
    /// A brief is being read and parsed off the UI thread.
    Loading {
        what: String,
    },
}

/// Work `update` asks the runner to do outside it: files and threads stay
/// out of the state machine, so it can be tested without either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read and parse a brief, then open it (at a place, if given).
    Load { path: PathBuf, at: Option<Target> },
    /// Open a link outside brief with the system's opener (only ever on an
    /// explicit key press).
    OpenExternal(String),
    /// Watch a brief's file and reload it when it changes on disk.
    Watch { path: PathBuf },
    /// Put text on the system clipboard (OSC 52). Sanitised by the sender.
    Clipboard(String),
    /// List the briefs under a folder (and build its search index).
    ScanLibrary { dir: PathBuf },
    /// Read every brief's notes (for the notes view of the library).
    LoadAllNotes,
    /// Search the library's full text; `incremental` while typing.
    Search { text: String, incremental: bool },
}

/// Where to put the reader in a brief that is opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A heading anchor, as in `other.md#key-judgments`.
    Section(String),
    /// A block, by its anchor: found again as notes are when the brief
    /// changed meanwhile (moved, edited, blocks added above it).
    Block(Box<crate::notes::Anchor>),
    /// A block by its address (`§section ¶block`, both from 1).
    Address { section: usize, block: usize },
    /// A search result: the block, with the query's words highlighted.
    Match { block: BlockId, query: String },
}

/// A line for the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What the reading pane is narrowed to: blocks with a tag (`#`), or the
/// key-judgment sections (`K`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderFilter {
    /// What the status bar says is shown, e.g. "#sanctions".
    pub label: String,
    pub blocks: usize,
}

#[derive(Debug)]
pub struct App {
    pub brief: Brief,
    pub keymap: Keymap,
    pub theme: Theme,
    pub reader: Reader,
    pub outline: Outline,
    pub search: Search,
    pub notes: NotesState,
    pub notes_pane: NotesPane,
    /// Tags used in any brief, for completion.
    pub known_tags: Vec<String>,
    pub filter: Option<ReaderFilter>,
    /// Show block addresses (§4 ¶2) beside the text.
    pub addresses: bool,
    /// Section titles `K` gathers (matched ignoring case and numbering).
    pub key_sections: Vec<String>,
    /// A controlled tag vocabulary: other tags are flagged when typed.
    pub allowed_tags: Option<Vec<String>>,
    pub focus: Focus,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub shown: Shown,
    pub reading_width: u16,
    pub panes: Panes,
    pub size: Rect,
    pub quit: bool,
    pub view: View,
    /// Effects for the runner to carry out, in order.
    pub effects: Vec<Effect>,
    /// The file the open brief came from (None for a built-in sample).
    pub source: Option<PathBuf>,
    /// The library, when brief was opened on a folder.
    pub library: Option<library::LibraryView>,
    /// Reading state of the open brief (None for stdin and samples).
    pub reading: Option<reading::ReadingSession>,
    /// The themes `T` cycles through (adapted to the terminal).
    pub themes: Vec<Theme>,
    /// A problem found at start-up (theme, config) that stays in the status
    /// bar until the reader has seen a key.
    pub notice: Option<String>,
    /// Briefs left by following links, newest last, for Backspace.
    /// Places left by following links, newest last, for Backspace: a
    /// brief's file and where in it, or None for a place in the brief
    /// that was open when the entry was made (a `#heading` link).
    pub history: Vec<(Option<PathBuf>, Target)>,
    /// Set when the app quits because its brief could not be opened: the
    /// message to print after the terminal is restored (exit code 2).
    pub fatal: Option<String>,
}

impl App {
    /// An app on a brief with notes kept in memory only.
    pub fn new(brief: Brief) -> App {
        let notes = NotesState::in_memory(&brief);
        App::with_notes(brief, notes)
    }

    pub fn with_notes(brief: Brief, notes: NotesState) -> App {
        let reader = Reader::new(&brief);
        let outline = Outline::new(&brief);
        let message = brief.warnings.first().map(|w| Message {
            text: w.clone(),
            error: true,
        });
        App {
            brief,
            keymap: Keymap::default(),
            theme: Theme::default(),
            reader,
            outline,
            search: Search::default(),
            notes,
            notes_pane: NotesPane::default(),
            known_tags: Vec::new(),
            filter: None,
            addresses: false,
            key_sections: analyst::DEFAULT_KEY_SECTIONS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            allowed_tags: None,
            focus: Focus::Reader,
            overlay: Overlay::None,
            message,
            shown: Shown {
                outline: true,
                notes: false,
            },
            reading_width: READING_WIDTH,
            panes: Panes::default(),
            size: Rect::default(),
            quit: false,
            view: View::Brief,
            effects: Vec::new(),
            source: None,
            history: Vec::new(),
            library: None,
            reading: None,
            themes: Vec::new(),
            notice: None,
            fatal: None,
        }
    }

    /// An app on a brief already loaded (with its notes and reading state).
    pub fn opened(loaded: open::Loaded) -> App {
        let mut app = App::new(Brief::default());
        app.effects.push(Effect::Watch {
            path: loaded.path.clone(),
        });
        app.show_loaded(loaded, None);
        app
    }

    /// Shows a loaded brief: its notes, where the reader left off (or
    /// `at`), and any warning about its notes or state.
    pub fn show_loaded(&mut self, loaded: open::Loaded, at: Option<&Target>) {
        let open::Loaded {
            brief,
            notes,
            warning,
            path,
            reading,
        } = loaded;
        self.open_brief(brief, notes, Some(path));
        if let Some(session) = reading {
            self.attach_reading(session);
        }
        if let Some(target) = at {
            self.go_to_target(target);
            // Where the reader now is is where reading stands: quitting
            // before the next key must not save the place before it.
            self.track_reading();
        }
        if let Some(w) = warning {
            self.message = Some(Message {
                text: w,
                error: true,
            });
        }
    }

    /// An app that starts by loading a brief off the UI thread.
    pub fn loading(path: &Path) -> App {
        let mut app = App::new(Brief::default());
        app.start_loading(path);
        app
    }

    pub fn start_loading(&mut self, path: &Path) {
        self.view = View::Loading {
            what: crate::document::load::display_path(path),
        };
        self.effects.push(Effect::Load {
            path: path.to_path_buf(),
            at: None,
        });
    }

    /// Shows a newly loaded brief with its notes, resetting everything that
    /// belonged to the previous one.
    pub fn open_brief(&mut self, brief: Brief, notes: NotesState, source: Option<PathBuf>) {
        self.save_reading();
        self.reading = None;
        self.reader = Reader::new(&brief);
        self.outline = Outline::new(&brief);
        self.search = Search::default();
        self.notes = notes;
        self.notes_pane = NotesPane::default();
        self.filter = None;
        self.overlay = Overlay::None;
        self.focus = Focus::Reader;
        self.message = brief
            .warnings
            .first()
            .cloned()
            .or_else(|| self.notice.take())
            .map(|text| Message { text, error: true });
        self.brief = brief;
        self.source = source;
        self.view = View::Brief;
        self.relayout();
        self.sync_views();
    }

    /// Attaches the reading state and reopens where the reader left off.
    pub fn attach_reading(&mut self, session: reading::ReadingSession) {
        if let Some(block) = session.position(&self.brief) {
            self.reader.jump_to(&self.brief, block);
        }
        let changed = session.changed.len();
        self.reading = Some(session);
        // What the first screen shows counts as read too.
        self.track_reading();
        if changed > 0 && self.message.is_none() {
            let key = self.keymap.hint(Command::ShowChanges);
            self.say(&format!(
                "updated since you last read it: {changed} section(s) changed (marked Δ; {key} shows changes)"
            ));
        }
        self.sync_views();
    }

    /// The file changed on disk and was read again: the same place, the
    /// notes placed anew, what changed marked.
    pub fn reloaded(&mut self, loaded: open::Loaded, at: Target) {
        let focus = self.focus;
        let shown = self.shown;
        let query = self.search.query.clone();
        let warned = loaded.warning.is_some();
        self.show_loaded(loaded, Some(&at));
        self.shown = shown;
        self.set_focus(focus);
        if !query.is_empty() {
            self.search.set_query(&self.brief, &query);
        }
        if !warned {
            self.say("reloaded: the brief changed on disk");
        }
    }

    /// Where to put the reader after a reload: the block under the cursor.
    pub fn reload_target(&self) -> Option<Target> {
        let block = self.current_block()?;
        Some(Target::Block(Box::new(crate::notes::anchor_for(
            &self.brief,
            block,
        ))))
    }

    /// The brief changed on disk but could not be read again: keep showing
    /// the version in memory.
    pub fn reload_failed(&mut self, message: &str) {
        self.error(&format!("the brief changed on disk and could not be read again ({message}); showing the last version"));
    }

    /// The open brief's file is no longer there.
    pub fn file_gone(&mut self) {
        self.error(
            "this brief's file was deleted or moved: showing the last version read; \
             its notes are kept",
        );
    }

    /// A load failed or took too long. With nothing else to show, the app
    /// ends and the message is printed after the terminal is restored.
    pub fn load_failed(&mut self, message: String) {
        if self.source.is_none() && self.brief.blocks.is_empty() {
            self.fatal = Some(message);
            self.quit = true;
        } else {
            self.view = View::Brief;
            self.error(&message);
        }
    }

    /// True while a prompt or popup takes typed keys instead of commands.
    pub fn wants_text(&self) -> bool {
        let library_typing = self.view == View::Library
            && self.library.as_ref().is_some_and(|l| {
                l.search.as_ref().is_some_and(|s| s.editing)
                    || l.notes.as_ref().is_some_and(|n| n.editing)
            });
        library_typing
            || self.search.editing
            || self.notes_pane.prompt.is_some()
            || !matches!(self.overlay, Overlay::None | Overlay::Help { .. })
    }

    pub fn update(&mut self, action: Action) {
        if let View::Loading { .. } = self.view {
            // Nothing to act on yet but the size and the way out.
            match action {
                Action::Resize { width, height } => self.resize(width, height),
                Action::Command(Command::Quit) => self.quit = true,
                _ => {}
            }
            return;
        }
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        if self.view == View::Library && matches!(self.overlay, Overlay::None) {
            match action {
                Action::Resize { width, height } => self.resize(width, height),
                Action::Command(c) => self.library_command(c),
                Action::Key(key) if self.library.as_ref().is_some_and(|l| l.notes.is_some()) => {
                    self.notes_across_key(key)
                }
                Action::Key(key) => self.library_search_key(key),
                Action::Paste(text) => self.library_paste(&text),
                Action::Scroll { lines, .. } => {
                    let c = if lines > 0 {
                        Command::Down
                    } else {
                        Command::Up
                    };
                    self.library_command(c);
                }
                Action::Click { .. } => {}
            }
            if let Some(l) = &mut self.library {
                let rows = l.list_rows(self.size.height);
                l.keep_in_view(rows);
            }
            return;
        }
        match action {
            Action::Resize { width, height } => self.resize(width, height),
            Action::Command(c) => self.command(c),
            Action::Key(key) => self.typed_key(key),
            Action::Paste(text) => self.paste(&text),
            Action::Scroll { column, row, lines } => self.wheel(column, row, lines),
            Action::Click { column, row } => self.click(column, row),
        }
        self.sync_views();
        self.track_reading();
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.relayout();
    }

    /// Recomputes the panes and tells the reader its text column size.
    fn relayout(&mut self) {
        self.panes = Panes::compute(self.size, self.focus, self.shown);
        if let Some(text) = self.panes.reader_text(self.reading_width, self.addresses) {
            self.reader.resize(
                &self.brief,
                usize::from(text.width),
                usize::from(text.height),
            );
        }
    }

    fn command(&mut self, c: Command) {
        if let Overlay::Help { scroll } = &mut self.overlay {
            match c {
                Command::Down => *scroll += 1,
                Command::Up => *scroll = scroll.saturating_sub(1),
                Command::PageDown => *scroll += 10,
                Command::PageUp => *scroll = scroll.saturating_sub(10),
                Command::Quit => self.request_quit(),
                _ => self.overlay = Overlay::None,
            }
            return;
        }
        match c {
            Command::Quit => self.request_quit(),
            Command::Help => self.overlay = Overlay::Help { scroll: 0 },
            Command::Cancel => self.cancel(),
            Command::FocusNext => self.cycle_focus(true),
            Command::FocusPrev => self.cycle_focus(false),
            Command::Search if self.focus == Focus::Notes => self.open_notes_filter(),
            Command::Search => self.open_search(),
            Command::SearchNext => self.step_search(true),
            Command::SearchPrev => self.step_search(false),
            Command::Jump => self.overlay = Overlay::Jump(Box::new(Jump::new(&self.brief))),
            Command::NextSection => self.step_section(1),
            Command::PrevSection => self.step_section(-1),
            Command::Open => self.open(),
            Command::Fold if self.focus == Focus::Outline => self.outline.fold(),
            Command::Unfold if self.focus == Focus::Outline => self.outline.unfold(),
            Command::Fold | Command::Unfold => {}
            Command::ToggleNotes => self.toggle_notes_pane(),
            Command::AddNote => self.add_note(),
            Command::EditNote => self.edit_note(),
            Command::DeleteNote => self.delete_note(),
            Command::UndoDelete => self.undo_delete(),
            Command::Tag => self.tag_block(),
            Command::TagFilter => self.choose_tag_filter(),
            Command::ExportNotes => self.ask_export_path(),
            Command::ManageTags => self.manage_tags(),
            Command::Cite => self.cite(),
            Command::ToggleAddresses => self.toggle_addresses(),
            Command::KeyJudgments => self.key_judgments(),
            Command::Links => self.list_links(),
            Command::Library => self.open_library(),
            Command::Sort => {}
            Command::CycleTheme => self.cycle_theme(),
            Command::ShowChanges => self.show_diff(),
            Command::Back => self.go_back(),
            Command::Down
            | Command::Up
            | Command::PageDown
            | Command::PageUp
            | Command::Top
            | Command::Bottom => self.movement(c),
        }
    }

    /// Keys typed while a prompt or popup has the keyboard.
    fn typed_key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        if self.search.editing {
            let event = self.search.prompt.handle_key(key);
            self.search_prompt_event(event);
        } else if self.notes_pane.prompt.is_some() {
            self.notes_filter_key(key);
        } else {
            match &self.overlay {
                Overlay::Jump(_) => self.jump_key(key),
                Overlay::Editor(_) => self.editor_key(key),
                Overlay::Picker(_) => self.picker_key(key),
                Overlay::Tags(_) => self.tags_key(key),
                Overlay::Confirm(_) => self.confirm_key(key),
                Overlay::Export(_) => self.export_key(key),
                Overlay::RenameTag { .. } => self.rename_tag_key(key),
                Overlay::Diff(_) => self.diff_key(key),
                Overlay::None | Overlay::Help { .. } => {}
            }
        }
    }

    fn paste(&mut self, text: &str) {
        if self.search.editing {
            let event = self.search.prompt.paste(text);
            self.search_prompt_event(event);
            return;
        }
        match &mut self.overlay {
            Overlay::Jump(jump) => {
                jump.prompt.paste(text);
                jump.refilter(&self.brief);
            }
            Overlay::Editor(editor) => editor.paste(text),
            Overlay::Tags(tags) => {
                tags.prompt.paste(text);
            }
            Overlay::Picker(picker) => {
                picker.filter.paste(text);
                picker.refilter();
            }
            Overlay::Export(prompt) | Overlay::RenameTag { prompt, .. } => {
                prompt.paste(text);
            }
            _ => {}
        }
    }

    /// Esc closes the innermost thing: a search, a filter, then focus
    /// returns to the reader.
    fn cancel(&mut self) {
        if self.search.is_active() {
            self.search.clear();
        } else if self.filter.is_some() {
            self.clear_filter();
        } else if self.focus == Focus::Notes && !self.notes_pane.filter.is_empty() {
            self.notes_pane.filter.clear();
        } else if self.focus != Focus::Reader {
            self.set_focus(Focus::Reader);
        }
    }

    pub(super) fn cycle_theme(&mut self) {
        if self.themes.is_empty() {
            self.say("no other theme to switch to");
            return;
        }
        let next = crate::theme::cycle(&self.theme.name, &self.themes);
        self.say(&format!("theme: {}", next.name));
        self.theme = next;
    }

    pub(super) fn request_quit(&mut self) {
        self.save_reading();
        if let Err(e) = self.notes.retry_save(&self.brief) {
            // One more chance: the second quit goes, the notes are still in
            // memory only if the reader ignores this.
            if !self.notes.unsaved_warned {
                self.notes.unsaved_warned = true;
                let key = self.keymap.hint(Command::ExportNotes);
                self.error(&format!(
                    "press q again to quit without them, or {key} to write them elsewhere; {e}"
                ));
                return;
            }
        }
        self.quit = true;
    }

    /// The notes list, less the rows at its foot that say why the notes
    /// are read-only when they are.
    pub fn notes_list_area(&self) -> Option<Rect> {
        let list = self.panes.notes_list()?;
        let Some(reason) = self.notes.read_only() else {
            return Some(list);
        };
        let rows = notes_pane::reason_lines(&reason, list.width, list.height).len() as u16;
        Some(Rect {
            height: list.height.saturating_sub(rows + u16::from(rows > 0)),
            ..list
        })
    }

    /// The block "this paragraph" commands act on.
    pub fn current_block(&self) -> Option<BlockId> {
        (!self.brief.blocks.is_empty()).then_some(self.reader.cursor)
    }

    fn say(&mut self, text: &str) {
        self.message = Some(Message {
            text: text.to_owned(),
            error: false,
        });
    }

    fn error(&mut self, text: &str) {
        self.message = Some(Message {
            text: text.to_owned(),
            error: true,
        });
    }
}

/// Rows of results the jump popup shows for a terminal size; shared with
/// the drawing code so both agree on what is in view.
pub fn popup_list_height(size: Rect) -> usize {
    usize::from(popup_area(size).height.saturating_sub(3))
}

/// The centred rectangle popups are drawn in.
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
