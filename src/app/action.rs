//! Everything a reader can do. Keys map to [`Command`]s through the keymap;
//! the mouse, resizes and text typed into prompts arrive as other
//! [`Action`]s. `App::update` is the only consumer.

use ratatui::crossterm::event::KeyEvent;
use serde::Deserialize;

/// What a key can be bound to. The names are the keys of `[keys]` in the
/// config file and of the bundled `assets/keymap.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    FocusNext,
    FocusPrev,
    Fold,
    Unfold,
    Open,
    Search,
    SearchNext,
    SearchPrev,
    Jump,
    Help,
    Quit,
    Cancel,
}

impl Command {
    /// Every command, in the order the help overlay lists them.
    pub const ALL: [Command; 20] = [
        Command::Down,
        Command::Up,
        Command::PageDown,
        Command::PageUp,
        Command::Top,
        Command::Bottom,
        Command::NextSection,
        Command::PrevSection,
        Command::Jump,
        Command::FocusNext,
        Command::FocusPrev,
        Command::Fold,
        Command::Unfold,
        Command::Open,
        Command::Search,
        Command::SearchNext,
        Command::SearchPrev,
        Command::Help,
        Command::Cancel,
        Command::Quit,
    ];

    /// The name used in key-binding files.
    pub fn name(self) -> &'static str {
        match self {
            Command::Down => "down",
            Command::Up => "up",
            Command::PageDown => "page_down",
            Command::PageUp => "page_up",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::NextSection => "next_section",
            Command::PrevSection => "prev_section",
            Command::FocusNext => "focus_next",
            Command::FocusPrev => "focus_prev",
            Command::Fold => "fold",
            Command::Unfold => "unfold",
            Command::Open => "open",
            Command::Search => "search",
            Command::SearchNext => "search_next",
            Command::SearchPrev => "search_prev",
            Command::Jump => "jump",
            Command::Help => "help",
            Command::Quit => "quit",
            Command::Cancel => "cancel",
        }
    }

    /// What the command does, as the help overlay says it.
    pub fn describe(self) -> &'static str {
        match self {
            Command::Down => "next block (outline: next section)",
            Command::Up => "previous block (outline: previous section)",
            Command::PageDown => "page down",
            Command::PageUp => "page up",
            Command::Top => "first block",
            Command::Bottom => "last block",
            Command::NextSection => "next section",
            Command::PrevSection => "previous section",
            Command::Jump => "jump to a section by title",
            Command::FocusNext => "focus the next pane",
            Command::FocusPrev => "focus the previous pane",
            Command::Fold => "outline: fold, or go to parent",
            Command::Unfold => "outline: unfold, or go to child",
            Command::Open => "outline: open the section",
            Command::Search => "search the brief",
            Command::SearchNext => "next match",
            Command::SearchPrev => "previous match",
            Command::Help => "show or hide this help",
            Command::Cancel => "close, clear the search",
            Command::Quit => "quit",
        }
    }

    /// The heading the help overlay groups the command under.
    pub fn group(self) -> &'static str {
        match self {
            Command::Down
            | Command::Up
            | Command::PageDown
            | Command::PageUp
            | Command::Top
            | Command::Bottom => "Move",
            Command::NextSection | Command::PrevSection | Command::Jump => "Sections",
            Command::FocusNext
            | Command::FocusPrev
            | Command::Fold
            | Command::Unfold
            | Command::Open => "Panes and outline",
            Command::Search | Command::SearchNext | Command::SearchPrev => "Search",
            Command::Help | Command::Cancel | Command::Quit => "General",
        }
    }
}

/// An input the app reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// Mouse wheel over the cell (column, row): positive scrolls down.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// Left click on the cell (column, row).
    Click {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// A key typed while a text prompt has the keyboard.
    Key(KeyEvent),
    /// Text pasted while a text prompt has the keyboard.
    Paste(String),
}
