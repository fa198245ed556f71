//! App state and `update`: the only place state changes. Each arm of the
//! dispatcher calls a small function; drawing lives in `ui`.

pub mod action;
pub mod jump;
pub mod keymap;
pub mod outline;
pub mod panes;
pub mod prompt;
pub mod reader;
pub mod run;
pub mod search;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::document::{Brief, SectionId};
use crate::theme::Theme;
use action::{Action, Command};
use jump::Jump;
use keymap::Keymap;
use outline::Outline;
use panes::{Focus, Panes, contains};
use prompt::PromptEvent;
use reader::Reader;
use search::Search;

/// The default widest text column, in cells: long lines are hard to read.
pub const READING_WIDTH: u16 = 100;

/// A popup over the panes. Only one is open at a time.
#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    Jump(Box<Jump>),
}

/// A line for the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    pub brief: Brief,
    pub keymap: Keymap,
    pub theme: Theme,
    pub reader: Reader,
    pub outline: Outline,
    pub search: Search,
    pub focus: Focus,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub show_outline: bool,
    pub reading_width: u16,
    pub panes: Panes,
    pub size: Rect,
    pub quit: bool,
}

impl App {
    pub fn new(brief: Brief) -> App {
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
            focus: Focus::Reader,
            overlay: Overlay::None,
            message,
            show_outline: true,
            reading_width: READING_WIDTH,
            panes: Panes::default(),
            size: Rect::default(),
            quit: false,
        }
    }

    /// True while a prompt takes typed text instead of commands.
    pub fn wants_text(&self) -> bool {
        self.search.editing || matches!(self.overlay, Overlay::Jump(_))
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        match action {
            Action::Resize { width, height } => self.resize(width, height),
            Action::Command(c) => self.command(c),
            Action::Key(key) => self.prompt_key(key),
            Action::Paste(text) => self.paste(&text),
            Action::Scroll { column, row, lines } => self.wheel(column, row, lines),
            Action::Click { column, row } => self.click(column, row),
        }
        self.sync_outline();
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.relayout();
    }

    /// Recomputes the panes and tells the reader its text column size.
    fn relayout(&mut self) {
        self.panes = Panes::compute(self.size, self.focus, self.show_outline);
        if let Some(text) = self.panes.reader_text(self.reading_width) {
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
                Command::Quit => self.quit = true,
                _ => self.overlay = Overlay::None,
            }
            return;
        }
        match c {
            Command::Quit => self.quit = true,
            Command::Help => self.overlay = Overlay::Help { scroll: 0 },
            Command::Cancel => self.cancel(),
            Command::FocusNext | Command::FocusPrev => self.toggle_focus(),
            Command::Search => self.open_search(),
            Command::SearchNext => self.step_search(true),
            Command::SearchPrev => self.step_search(false),
            Command::Jump => self.overlay = Overlay::Jump(Box::new(Jump::new(&self.brief))),
            Command::NextSection => self.step_section(1),
            Command::PrevSection => self.step_section(-1),
            Command::Open if self.focus == Focus::Outline => self.open_selected_section(),
            Command::Fold if self.focus == Focus::Outline => self.outline.fold(),
            Command::Unfold if self.focus == Focus::Outline => self.outline.unfold(),
            Command::Open | Command::Fold | Command::Unfold => {}
            Command::Down
            | Command::Up
            | Command::PageDown
            | Command::PageUp
            | Command::Top
            | Command::Bottom => {
                self.movement(c);
            }
        }
    }

    fn movement(&mut self, c: Command) {
        let b = &self.brief;
        if self.focus == Focus::Outline {
            let page = self.outline_height().saturating_sub(1).max(1) as isize;
            match c {
                Command::Down => self.outline.move_by(1),
                Command::Up => self.outline.move_by(-1),
                Command::PageDown => self.outline.move_by(page),
                Command::PageUp => self.outline.move_by(-page),
                Command::Top => self.outline.select_first(),
                Command::Bottom => self.outline.select_last(),
                _ => {}
            }
            return;
        }
        match c {
            Command::Down => self.reader.down(b),
            Command::Up => self.reader.up(b),
            Command::PageDown => self.reader.page_down(b),
            Command::PageUp => self.reader.page_up(b),
            Command::Top => self.reader.to_top(b),
            Command::Bottom => self.reader.to_bottom(b),
            _ => {}
        }
    }

    fn cancel(&mut self) {
        if self.search.is_active() {
            self.search.clear();
        } else if self.focus == Focus::Outline {
            self.set_focus(Focus::Reader);
        }
    }

    fn toggle_focus(&mut self) {
        let next = match self.focus {
            Focus::Outline => Focus::Reader,
            Focus::Reader => Focus::Outline,
        };
        self.set_focus(next);
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        if focus == Focus::Outline {
            self.outline.select_section(self.reader.section);
        }
        // In a narrow terminal the focused pane is the one shown.
        self.relayout();
    }

    fn step_section(&mut self, delta: isize) {
        let n = self.brief.sections.len();
        if n == 0 {
            return;
        }
        let target = self.reader.section.saturating_add_signed(delta);
        if target >= n {
            self.say("already at the last section");
            return;
        }
        if delta < 0 && self.reader.section == 0 {
            self.say("already at the first section");
            return;
        }
        self.open_section(target);
    }

    fn open_section(&mut self, s: SectionId) {
        self.reader.open_section(&self.brief, s);
        self.outline.select_section(s);
    }

    fn open_selected_section(&mut self) {
        if let Some(s) = self.outline.selected_section() {
            self.open_section(s);
            self.set_focus(Focus::Reader);
        }
    }

    fn open_search(&mut self) {
        self.search.clear();
        self.search.editing = true;
        self.search.origin = Some((self.reader.cursor, self.reader.section, self.reader.top));
    }

    fn step_search(&mut self, forward: bool) {
        if !self.search.is_active() {
            let key = self.keymap.hint(Command::Search);
            self.say(&format!("no search: press {key} to search"));
            return;
        }
        match self.search.step(self.reader.cursor, forward) {
            Some((i, wrapped)) => {
                self.goto_match(i);
                if wrapped {
                    self.say(if forward {
                        "search wrapped to the top"
                    } else {
                        "search wrapped to the bottom"
                    });
                }
            }
            None => {
                let q = self.search.query.clone();
                self.error(&format!("no match for {q}"));
            }
        }
    }

    fn goto_match(&mut self, i: usize) {
        if let Some(m) = self.search.matches.get(i).copied() {
            self.search.current = Some(i);
            self.reader.set_cursor(&self.brief, m.block);
        }
    }

    fn prompt_key(&mut self, key: KeyEvent) {
        if self.search.editing {
            let event = self.search.prompt.handle_key(key);
            self.search_prompt_event(event);
        } else if let Overlay::Jump(jump) = &mut self.overlay {
            let event = jump.prompt.handle_key(key);
            self.jump_prompt_event(event);
        }
    }

    fn paste(&mut self, text: &str) {
        if self.search.editing {
            let event = self.search.prompt.paste(text);
            self.search_prompt_event(event);
        } else if let Overlay::Jump(jump) = &mut self.overlay {
            let event = jump.prompt.paste(text);
            self.jump_prompt_event(event);
        }
    }

    fn search_prompt_event(&mut self, event: PromptEvent) {
        match event {
            PromptEvent::Changed => {
                let query = self.search.prompt.value().to_owned();
                self.search.set_query(&self.brief, &query);
                let from = self.search.origin.map_or(self.reader.cursor, |o| o.0);
                match self.search.first_from(from) {
                    Some(i) => self.goto_match(i),
                    None => self.restore_search_origin(),
                }
            }
            PromptEvent::Submit => {
                self.search.editing = false;
                if self.search.query.is_empty() {
                    self.search.clear();
                } else if self.search.matches.is_empty() {
                    let q = self.search.query.clone();
                    self.error(&format!("no match for {q}"));
                }
            }
            PromptEvent::Cancel => {
                self.restore_search_origin();
                self.search.clear();
            }
            PromptEvent::Unhandled(_) | PromptEvent::Nothing => {}
        }
    }

    fn restore_search_origin(&mut self) {
        if let Some((cursor, section, top)) = self.search.origin {
            self.reader.cursor = cursor;
            self.reader.section = section;
            self.reader.top = top;
        }
    }

    fn jump_prompt_event(&mut self, event: PromptEvent) {
        let Overlay::Jump(jump) = &mut self.overlay else {
            return;
        };
        match event {
            PromptEvent::Changed => jump.refilter(&self.brief),
            PromptEvent::Submit => {
                let chosen = jump.chosen();
                self.overlay = Overlay::None;
                if let Some(s) = chosen {
                    self.open_section(s);
                    self.set_focus(Focus::Reader);
                }
            }
            PromptEvent::Cancel => self.overlay = Overlay::None,
            PromptEvent::Unhandled(key) => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match key.code {
                    KeyCode::Down | KeyCode::Tab => jump.move_by(1),
                    KeyCode::Char('n') if ctrl => jump.move_by(1),
                    KeyCode::Up | KeyCode::BackTab => jump.move_by(-1),
                    KeyCode::Char('p') if ctrl => jump.move_by(-1),
                    KeyCode::PageDown => jump.move_by(10),
                    KeyCode::PageUp => jump.move_by(-10),
                    _ => {}
                }
            }
            PromptEvent::Nothing => {}
        }
    }

    fn wheel(&mut self, column: u16, row: u16, lines: i16) {
        if let Overlay::Help { scroll } = &mut self.overlay {
            *scroll = scroll.saturating_add_signed(isize::from(lines));
            return;
        }
        if let Some(r) = self.panes.outline.filter(|r| contains(*r, column, row)) {
            self.outline
                .scroll(isize::from(lines), usize::from(r.height.saturating_sub(1)));
        } else if self.panes.reader.is_some_and(|r| contains(r, column, row)) {
            self.reader.wheel(&self.brief, isize::from(lines));
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        if let Some(list) = self
            .panes
            .outline_list()
            .filter(|r| contains(*r, column, row))
        {
            let index = self.outline.offset + usize::from(row - list.y);
            if let Some(&s) = self.outline.rows().get(index) {
                self.outline.selected = index;
                self.open_section(s);
            }
        } else if let Some(text) = self.panes.reader.filter(|r| contains(*r, column, row)) {
            self.focus = Focus::Reader;
            self.reader.click(&self.brief, usize::from(row - text.y));
        }
    }

    /// The outline follows the reader unless the reader is using it.
    fn sync_outline(&mut self) {
        if self.focus != Focus::Outline {
            self.outline.select_section(self.reader.section);
        }
        if let Overlay::Jump(jump) = &mut self.overlay {
            jump.keep_in_view(popup_list_height(self.size));
        }
        let h = self.outline_height();
        self.outline.keep_in_view(h);
    }

    fn outline_height(&self) -> usize {
        self.panes
            .outline_list()
            .map_or(1, |r| usize::from(r.height))
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
