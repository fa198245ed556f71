//! Everything a reader can do. Keys map to [`Command`]s through the keymap;
//! the mouse, resizes and text typed into prompts arrive as other
//! [`Action`]s. `App::update` is the only consumer.

use ratatui::crossterm::event::KeyEvent;

/// What a key can be bound to. Its name (in key-binding files), help text
/// and help group come from [`COMMANDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    Jump,
    FocusNext,
    FocusPrev,
    Fold,
    Unfold,
    Open,
    Search,
    SearchNext,
    SearchPrev,
    AddNote,
    EditNote,
    DeleteNote,
    UndoDelete,
    Tag,
    TagFilter,
    ExportNotes,
    ManageTags,
    Cite,
    ToggleAddresses,
    KeyJudgments,
    Links,
    Back,
    Library,
    Sort,
    CycleTheme,
    ShowChanges,
    ToggleNotes,
    Help,
    Cancel,
    Quit,
}

/// What the help overlay and key-binding files know of a command.
#[derive(Debug)]
pub struct CommandInfo {
    pub command: Command,
    /// The name in key-binding files (`[keys]` in config.toml).
    pub name: &'static str,
    pub describe: &'static str,
    pub group: &'static str,
}

const fn info(
    command: Command,
    name: &'static str,
    group: &'static str,
    describe: &'static str,
) -> CommandInfo {
    CommandInfo {
        command,
        name,
        describe,
        group,
    }
}

const MOVE: &str = "Move";
const SECTIONS: &str = "Sections";
const PANES: &str = "Panes and outline";
const SEARCH: &str = "Search";
const NOTES: &str = "Notes and tags";
const ANALYST: &str = "Cite and skim";
const LIBRARY: &str = "Library, links and changes";
const GENERAL: &str = "General";

/// Every command, in the order the help overlay lists them.
pub const COMMANDS: &[CommandInfo] = &[
    info(
        Command::Down,
        "down",
        MOVE,
        "next block (outline, notes: next entry)",
    ),
    info(
        Command::Up,
        "up",
        MOVE,
        "previous block (outline, notes: previous)",
    ),
    info(Command::PageDown, "page_down", MOVE, "page down"),
    info(Command::PageUp, "page_up", MOVE, "page up"),
    info(Command::Top, "top", MOVE, "first block"),
    info(Command::Bottom, "bottom", MOVE, "last block"),
    info(
        Command::NextSection,
        "next_section",
        SECTIONS,
        "next section",
    ),
    info(
        Command::PrevSection,
        "prev_section",
        SECTIONS,
        "previous section",
    ),
    info(
        Command::Jump,
        "jump",
        SECTIONS,
        "jump to a section by title",
    ),
    info(
        Command::FocusNext,
        "focus_next",
        PANES,
        "focus the next pane",
    ),
    info(
        Command::FocusPrev,
        "focus_prev",
        PANES,
        "focus the previous pane",
    ),
    info(
        Command::Fold,
        "fold",
        PANES,
        "outline: fold, or go to the parent",
    ),
    info(
        Command::Unfold,
        "unfold",
        PANES,
        "outline: unfold, or go to a child",
    ),
    info(
        Command::Open,
        "open",
        PANES,
        "outline, notes: go to the section or note",
    ),
    info(
        Command::ToggleNotes,
        "toggle_notes",
        PANES,
        "show or hide the notes pane",
    ),
    info(
        Command::Search,
        "search",
        SEARCH,
        "search the brief (notes pane: filter)",
    ),
    info(Command::SearchNext, "search_next", SEARCH, "next match"),
    info(Command::SearchPrev, "search_prev", SEARCH, "previous match"),
    info(
        Command::AddNote,
        "add_note",
        NOTES,
        "add a note to the current block",
    ),
    info(
        Command::EditNote,
        "edit_note",
        NOTES,
        "edit a note of the current block",
    ),
    info(
        Command::DeleteNote,
        "delete_note",
        NOTES,
        "delete a note of the current block",
    ),
    info(
        Command::UndoDelete,
        "undo_delete",
        NOTES,
        "undo the last delete",
    ),
    info(
        Command::Tag,
        "tag",
        NOTES,
        "tag the current block (-name removes)",
    ),
    info(
        Command::TagFilter,
        "tag_filter",
        NOTES,
        "show only blocks with a tag",
    ),
    info(
        Command::ExportNotes,
        "export_notes",
        NOTES,
        "write this brief's notes to a file",
    ),
    info(
        Command::ManageTags,
        "manage_tags",
        NOTES,
        "rename, merge or delete tags in every brief",
    ),
    info(
        Command::Cite,
        "cite",
        ANALYST,
        "copy a citation of the block (clipboard, via OSC 52)",
    ),
    info(
        Command::ToggleAddresses,
        "toggle_addresses",
        ANALYST,
        "show or hide block addresses (§4 ¶2)",
    ),
    info(
        Command::KeyJudgments,
        "key_judgments",
        ANALYST,
        "show only the key-judgment sections",
    ),
    info(
        Command::Links,
        "links",
        LIBRARY,
        "list the links on screen; follow one",
    ),
    info(
        Command::Back,
        "back",
        LIBRARY,
        "back to the brief before the last link",
    ),
    info(
        Command::Library,
        "library",
        LIBRARY,
        "the library (when brief opened a folder)",
    ),
    info(
        Command::Sort,
        "sort",
        LIBRARY,
        "library: sort by date, title, progress, notes",
    ),
    info(
        Command::ShowChanges,
        "show_changes",
        LIBRARY,
        "what changed in this section since you read it",
    ),
    info(
        Command::CycleTheme,
        "cycle_theme",
        GENERAL,
        "next colour theme",
    ),
    info(Command::Help, "help", GENERAL, "show or hide this help"),
    info(
        Command::Cancel,
        "cancel",
        GENERAL,
        "close, clear the search or filter",
    ),
    info(Command::Quit, "quit", GENERAL, "quit"),
];

impl Command {
    pub fn info(self) -> &'static CommandInfo {
        COMMANDS
            .iter()
            .find(|i| i.command == self)
            .unwrap_or(&COMMANDS[0])
    }

    /// The name used in key-binding files.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// What the command does, as the help overlay says it.
    pub fn describe(self) -> &'static str {
        self.info().describe
    }

    /// The heading the help overlay groups the command under.
    pub fn group(self) -> &'static str {
        self.info().group
    }

    pub fn from_name(name: &str) -> Option<Command> {
        COMMANDS.iter().find(|i| i.name == name).map(|i| i.command)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_once_with_a_unique_name() {
        for (i, a) in COMMANDS.iter().enumerate() {
            assert_eq!(a.command.info().name, a.name);
            for b in &COMMANDS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.command, b.command);
            }
        }
    }
}
